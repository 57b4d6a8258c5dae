"""The analyst's corrections on both backends: written at once, kept as history, merge and split."""
from __future__ import annotations

from datetime import date

import pytest
from handmade import REPORT_A, REPORT_B, events_a, events_b

from timeline.model import EventFilter
from timeline.review import ReviewError
from timeline.store import Store
from timeline.store.corrections import CorrectionError


def _by_summary(store: Store, words: str) -> dict:
    return next(e for e in store.events() if words in e["summary"])


def test_a_correction_is_written_at_once_and_kept(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "grain terminal")
    assert store.correct(ev["id"], "dates", "2023-06-11", author="ana", note="the strike was the night before")
    assert store.correct(ev["id"], "type", "Explosions/Remote violence/Shelling/artillery/missile attack",
                         author="ana")
    assert store.correct(ev["id"], "fatalities", "4", author="bo")
    assert store.correct(ev["id"], "actor1", "Military Forces of Russia", author="bo")
    now = store.event(ev["id"])
    assert (now["date_start"], now["date_end"], now["precision"]) == ("2023-06-11", "2023-06-11", "day")
    assert (now["sub_type"], now["fatalities"], now["actor1"]) == ("Shelling/artillery/missile attack", 4,
                                                                    "Military Forces of Russia")
    # the denormalised columns follow: the date filter and the period counts see the new day
    def on(day: date) -> set[int]:
        return {e["id"] for e in store.events(EventFilter(date_from=day, date_to=day))}
    assert ev["id"] in on(date(2023, 6, 11)) and ev["id"] not in on(date(2023, 6, 12))
    assert ("2023-06-05", "Explosions/Remote violence", 1) in store.counts_by_period(period="week")
    history = store.history(ev["id"])
    assert [(h["field"], h["author"]) for h in history] == [("dates", "ana"), ("type", "ana"),
                                                              ("fatalities", "bo"), ("actor1", "bo")]
    assert history[0]["old"]["date_start"] == "2023-06-12" and history[0]["new"]["date_start"] == "2023-06-11"
    assert history[0]["note"] == "the strike was the night before"
    assert history[2]["old"] is None and history[2]["new"] == 4
    # the same value again is no change and no history row
    assert store.correct(ev["id"], "fatalities", "4") is None
    assert len(store.history(ev["id"])) == 4


def test_open_interval_and_places_and_search(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "Iran shipped")
    store.correct(ev["id"], "dates", "2023-06..", author="ana")
    now = store.event(ev["id"])
    assert (now["date_start"], now["date_end"], now["open_end"], now["precision"]) == ("2023-06-01", None, True,
                                                                                        "month")
    assert store.count(EventFilter(date_from=date(2030, 1, 1))) == 2   # open-ended: still going
    store.correct(ev["id"], "places", [{"name": "Yelabuga depot", "lat": 55.75, "lon": 52.06,
                                        "country": "RU", "precision": "facility"}], author="ana")
    assert [p["name"] for p in store.event(ev["id"])["places"]] == ["Yelabuga depot"]
    assert store.count(EventFilter(places=["Yelabuga depot"])) == 1
    assert store.count(EventFilter(search="Yelabuga")) == 1             # the search text follows the places
    store.correct(ev["id"], "summary", "Tehran sent a further drone consignment to Moscow")
    assert store.count(EventFilter(search="consignment")) == 1


def test_bad_values_and_missing_events_are_refused_and_change_nothing(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "grain terminal")
    for field, raw in (("dates", "notadate"), ("dates", "2023-06-12..2023-06-01"), ("type", "War"),
                       ("fatalities", "-3"), ("summary", "  ")):
        with pytest.raises(ReviewError):
            store.correct(ev["id"], field, raw)
    with pytest.raises(CorrectionError, match="event 999 does not exist"):
        store.correct(999, "summary", "x")
    assert store.history(ev["id"]) == [] and store.event(ev["id"]) == ev


def test_merge_then_split_restores_the_original_sources(store: Store) -> None:
    store.add(REPORT_A, events_a())
    store.add(REPORT_B, events_b())
    before = {e["id"]: e for e in store.events()}
    a = _by_summary(store, "Iran shipped")            # already merged by the machine: two sources
    fight = _by_summary(store, "fighting near Bakhmut")
    store.merge_events(a["id"], fight["id"], author="ana", note="the same announcement")
    merged = store.event(a["id"])
    assert store.event(fight["id"]) is None
    assert merged["n_sources"] == 3 and {p["name"] for p in merged["places"]} == {"Alabuga"}
    assert {x["name"] for x in merged["actors"]} == {"Iran", "Russia", "Ukraine"}
    assert store.count() == len(before) - 1
    # the fighting report's mention is the second one of REPORT_B
    new_id = store.split_source(a["id"], REPORT_B.id, author="ana")
    back = store.event(new_id)
    kept = store.event(a["id"])
    # REPORT_B had two mentions in the merged event (its shipment sentence and the fighting): both move
    assert {s["doc_id"] for s in kept["sources"]} == {REPORT_A.id}
    assert back["summary"] == fight["summary"] and back["event_type"] == fight["event_type"]
    assert {x["name"] for x in back["actors"]} == {"Ukraine", "Russia"}
    fields = [h["field"] for h in store.history(a["id"])]
    assert fields == ["merge", "split"]


def test_split_refuses_a_single_source_and_merge_refuses_itself(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "grain terminal")
    with pytest.raises(CorrectionError, match="one source only"):
        store.split_source(ev["id"], REPORT_A.id)
    with pytest.raises(CorrectionError, match="cannot be merged with itself"):
        store.merge_events(ev["id"], ev["id"])


def test_hide_is_kept_as_a_correction(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "grain terminal")
    assert store.correct(ev["id"], "hidden", True, author="ana", note="duplicate of a later report")
    assert store.history(ev["id"])[-1]["new"] is True
    assert store.correct(ev["id"], "hidden", False, author="ana")
    assert [h["new"] for h in store.history(ev["id"])] == [True, False]


def test_a_hidden_event_leaves_every_view_but_stays_in_the_store(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "grain terminal")
    place = ev["places"][0]["name"]
    total, at_place = store.count(), store.count(EventFilter(places=[place]))
    months = sum(n for _, _, n in store.counts_by_period(period="month"))
    store.correct(ev["id"], "hidden", True, author="ana")

    assert store.count() == total - 1 and store.count(EventFilter(places=[place])) == at_place - 1
    assert ev["id"] not in {e["id"] for e in store.events()}
    assert ev["id"] not in {r["id"] for r in store.timeline_rows()}
    assert ev["id"] not in {r["id"] for r in store.located_events()}
    assert sum(n for _, _, n in store.counts_by_period(period="month")) == months - 1
    assert sum(n for _, n in store.facets()["event_types"]) == total - 1
    assert sum(p["count"] for p in store.place_counts()) < sum(
        p["count"] for p in store.place_counts(EventFilter(include_hidden=True)))
    # kept, and flagged where it is asked for
    assert store.event(ev["id"])["hidden"] is True
    assert store.count(EventFilter(include_hidden=True)) == total
    store.correct(ev["id"], "hidden", False, author="ana")
    assert store.count() == total and store.event(ev["id"])["hidden"] is False


def test_records_say_which_fields_were_edited_and_by_whom(store: Store) -> None:
    store.add(REPORT_A, events_a())
    ev = _by_summary(store, "grain terminal")
    assert ev["edited"] is None
    store.correct(ev["id"], "fatalities", "4", author="ana")
    store.correct(ev["id"], "type", "Battles/Armed clash", author="bo")
    store.correct(ev["id"], "fatalities", "5", author="bo")
    now = store.event(ev["id"])
    assert now["edited"] == {"fields": ["fatalities", "type"], "by": "bo"}
    assert next(e for e in store.events() if e["id"] == ev["id"])["edited"] == now["edited"]
    assert all(e["edited"] is None for e in store.events() if e["id"] != ev["id"])


def test_edits_and_an_ingest_at_the_same_time_lose_neither(tmp_path) -> None:
    """A second process ingests the sample corpus into the same SQLite file while this one keeps
    correcting events: every document is stored and every correction is kept."""
    import subprocess
    import sys
    from pathlib import Path

    from timeline.samples import SAMPLE_DIR

    url = f"sqlite:///{tmp_path / 'both.db'}"
    with Store(url) as store:
        store.add(REPORT_A, events_a())
        ids = [e["id"] for e in store.events()]
        code = ("import sys; from timeline.cli import main; "
                "sys.exit(main(['ingest', '--db', sys.argv[1], sys.argv[2]], standalone_mode=False) or 0)")
        ingest = subprocess.Popen([sys.executable, "-c", code, url, str(SAMPLE_DIR)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
        written = []
        n = 0
        while ingest.poll() is None or n < 10:
            eid = ids[n % len(ids)]
            if store.correct(eid, "fatalities", str(n), author="ana", note=f"edit {n}") is not None:
                written.append((eid, n))
            n += 1
        _, err = ingest.communicate(timeout=300)
        assert ingest.returncode == 0, err
        import re

        added = re.search(r"(\d+) new, 0 unchanged, 0 failed", err)
        assert added and int(added.group(1)) >= 11, err          # every file (a JSONL holds several)
        assert len(store.documents()) == 1 + int(added.group(1)), err
        for eid in ids:
            mine = [k for e, k in written if e == eid]
            assert [h["new"] for h in store.history(eid)] == mine
            assert store.event(eid)["fatalities"] == mine[-1]
