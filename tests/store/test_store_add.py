"""Store.add on SQLite and PostgreSQL: transactions, idempotence, merging."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from handmade import IRAN, KYIV, REPORT_A, REPORT_B, RUSSIA, doc, event_in, events_a, events_b

from timeline.model import Actor

from timeline.model import EventFilter
from timeline.store import Store, StoreError


def test_add_stores_document_events_and_offsets(store: Store) -> None:
    result = store.add(REPORT_A, events_a())
    assert (result.status, result.events_added, result.events_merged) == ("added", 3, 0)
    assert store.stats() == {"documents": 1, "events": 3, "mentions": 3, "actors": 2, "places": 2}
    for rec in store.events():
        src = rec["sources"][0]
        assert REPORT_A.text[src["start"]:src["end"]] == rec["sentence"]
        assert REPORT_A.text[src["timex_start"]:src["timex_end"]] == rec["date_text"]
        assert src["doc_id"] == REPORT_A.id and src["publisher"] == "Example Wire"


def test_readding_same_document_is_unchanged(store: Store) -> None:
    store.add(REPORT_A, events_a())
    before = store.stats()
    again = dataclasses.replace(REPORT_A, title="another title, same text")
    result = store.add(again, events_a())
    assert result.status == "unchanged" and result.events_added == 0
    assert store.stats() == before
    assert store.document(REPORT_A.id)["title"] == "Drone shipment reported"


def test_failed_add_rolls_back_everything(store: Store) -> None:
    store.add(REPORT_B, events_b())
    before = store.stats()
    good, *rest = events_a()
    bad = dataclasses.replace(rest[0], confidence=7.0)  # violates the confidence CHECK constraint
    # the good event brings a new place (Alabuga); it must not survive the rollback either
    with pytest.raises(StoreError, match="could not store document"):
        store.add(REPORT_A, [good, bad])
    assert store.stats() == before
    assert store.document(REPORT_A.id) is None
    # nothing cached from the failed transaction: the same document then goes in cleanly
    result = store.add(REPORT_A, events_a())
    assert result.status == "added"
    assert {p["name"] for p in store.event(result.event_ids[0])["places"]} == {"Alabuga"}


def test_error_names_the_document(store: Store) -> None:
    bad = dataclasses.replace(events_a()[0], date_start=date(2023, 6, 10), date_end=date(2023, 6, 9))
    with pytest.raises(StoreError) as info:
        store.add(dataclasses.replace(REPORT_A, origin="reports/a.txt"), [bad])
    assert str(info.value).startswith("reports/a.txt: could not store document")


@pytest.mark.parametrize("offsets", [
    {"sentence_start": 50, "sentence_end": 10},
    {"sentence_end": 10_000},
    {"timex_start": -1},
])
def test_offsets_outside_the_text_are_refused(store: Store, offsets: dict) -> None:
    bad = dataclasses.replace(events_a()[1], **offsets)
    with pytest.raises(StoreError, match=r"reports/a.txt: event 2 \('Since August 2022'\): .* outside the text"):
        store.add(dataclasses.replace(REPORT_A, origin="reports/a.txt"), [events_a()[0], bad])
    assert store.stats()["documents"] == 0


def test_concurrent_writers_share_new_actors(db_url: str) -> None:
    """Two processes' worth of stores adding documents that bring the same new actors at once."""
    import threading

    stores = [Store(db_url), Store(db_url)]
    errors: list[BaseException] = []
    for round_ in range(4):
        barrier = threading.Barrier(2)
        actor = Actor(f"Brigade {round_}", "military", "UA")

        def add(k: int) -> None:
            text = f"On 1 May 2023 Brigade {round_} reported movement, said source {k}."
            d = doc(text, publisher=f"Source {k}")
            ev = event_in(d, text, "On 1 May 2023", date(2023, 5, 1), date(2023, 5, 1), actors=[actor],
                          event_type=["Battles", "Strategic developments"][k])  # two events, no merge
            barrier.wait()
            try:
                stores[k].add(d, [ev])
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=add, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    for st in stores:
        st.close()
    assert errors == []
    with Store(db_url) as st:
        assert st.stats()["documents"] == 8
        assert dict(st.facets()["actors"]) == {f"Brigade {r}": 2 for r in range(4)}


def test_same_happening_from_another_source_merges(store: Store) -> None:
    store.add(REPORT_A, events_a())
    result = store.add(REPORT_B, events_b())
    assert (result.events_merged, result.events_added) == (1, 1)
    assert store.count() == 4
    merged = store.event(result.event_ids[0])
    assert merged["n_sources"] == 2
    assert [s["doc_id"] for s in merged["sources"]] == [REPORT_A.id, REPORT_B.id]  # oldest publication first
    assert merged["confidence"] == 0.9  # the better-supported mention wins
    assert REPORT_B.text[merged["sources"][1]["start"]:merged["sources"][1]["end"]].startswith("According")
    # the merged event is found by words only the second source used
    assert store.count(EventFilter(search="Ukrainian officials")) >= 1
    assert result.event_ids[0] in {e["id"] for e in store.events(EventFilter(search="another batch"))}


def test_same_day_different_happening_stays_apart(store: Store) -> None:
    store.add(REPORT_A, events_a())
    result = store.add(REPORT_B, events_b())
    fighting = store.event(result.event_ids[1])
    assert fighting["summary"] == "Ukraine's army reported fighting near Bakhmut"
    assert fighting["n_sources"] == 1 and len(fighting["sources"]) == 1
    assert result.event_ids[0] != result.event_ids[1]


def test_no_merge_without_shared_actor_or_place(store: Store) -> None:
    text_1 = "On 3 May 2023 drones struck a depot, officials said."
    text_2 = "Officials said that on 3 May 2023 drones struck a depot."
    d1, d2 = doc(text_1, publisher="One"), doc(text_2, publisher="Two")
    e1 = event_in(d1, text_1, "On 3 May 2023", date(2023, 5, 3), date(2023, 5, 3), summary="drones struck a depot",
                  actors=[IRAN])
    e2 = event_in(d2, text_2, "on 3 May 2023", date(2023, 5, 3), date(2023, 5, 3), summary="drones struck a depot",
                  places=[KYIV])
    store.add(d1, [e1])
    assert store.add(d2, [e2]).events_added == 1
    # ...but the same wording with a shared actor merges
    d3 = doc("Yesterday's report: on 3 May 2023 drones struck a depot.", publisher="Three")
    e3 = event_in(d3, d3.text, "on 3 May 2023", date(2023, 5, 3), date(2023, 5, 3),
                  summary="drones struck a depot", actors=[IRAN, RUSSIA])
    assert store.add(d3, [e3]).events_merged == 1


def test_different_precision_or_unresolved_never_merge(store: Store) -> None:
    text = "In June 2023 Iran shipped drones to Russia."
    d1, d2, d3 = doc(text, publisher="One"), doc(text + " ", publisher="Two"), doc(text + "  ", publisher="Three")
    month = event_in(d1, text, "In June 2023", date(2023, 6, 1), date(2023, 6, 30), "month", value="2023-06",
                     actors=[IRAN, RUSSIA])
    day = event_in(d2, text, "In June 2023", date(2023, 6, 1), date(2023, 6, 1), "day", actors=[IRAN, RUSSIA])
    unresolved = event_in(d3, text, "In June 2023", None, None, None, value="XXXX-06", actors=[IRAN, RUSSIA])
    store.add(d1, [month])
    assert store.add(d2, [day]).events_added == 1
    assert store.add(d3, [unresolved]).events_added == 1
    d4 = doc(text + "   ", publisher="Four")
    unresolved_again = event_in(d4, text, "In June 2023", None, None, None, value="XXXX-06", actors=[IRAN, RUSSIA])
    assert store.add(d4, [unresolved_again]).events_added == 1
    assert store.count() == 4


def test_open_intervals_and_unresolved_dates_are_explicit(store: Store) -> None:
    store.add(REPORT_A, events_a())
    since = next(e for e in store.events() if e["date_text"] == "Since August 2022")
    assert (since["date_start"], since["date_end"], since["open_start"], since["open_end"]) == (
        "2022-08-01", None, False, True)
    text = "Drones were shipped in October, the report said."
    d = doc(text)
    store.add(d, [event_in(d, text, "in October", None, None, None, value="XXXX-10", actors=[IRAN])])
    rec = store.events(EventFilter(sources=[d.id]))[0]
    assert (rec["date_start"], rec["date_end"], rec["date_value"]) == (None, None, "XXXX-10")
    assert not rec["open_start"] and not rec["open_end"]
    assert store.events(order="date")[-1]["id"] == rec["id"]  # unresolved dates sort last


def test_actor_and_place_rows_are_shared(store: Store) -> None:
    store.add(REPORT_A, events_a())
    store.add(REPORT_B, events_b())
    assert store.stats()["actors"] == 3  # Iran, Russia, Ukraine: each stored once


def test_store_reopens_existing_database(db_url: str) -> None:
    with Store(db_url) as first:
        first.add(REPORT_A, events_a())
    with Store(db_url) as second:
        assert second.migrations_applied == []
        assert second.count() == 3
        assert second.add(REPORT_A, events_a()).status == "unchanged"
