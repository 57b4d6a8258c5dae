"""The query API (docs/architecture.md) on SQLite and PostgreSQL: filters, order, pages, counts, facets."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from handmade import ALABUGA, IRAN, KYIV, REPORT_A, REPORT_B, RUSSIA, UKRAINE, doc, event_in, events_a, events_b

from timeline.model import EventFilter
from timeline.store import Store, load_events

RECORD_KEYS = {"id", "date_start", "date_end", "precision", "date_text", "date_value", "date_mod", "date_relation",
               "approximate", "open_start", "open_end", "summary", "sentence", "event_type", "sub_type", "actors",
               "places", "fatalities", "confidence", "sources"}
SOURCE_KEYS = {"doc_id", "title", "url", "publisher", "published", "published_source", "start", "end",
               "timex_start", "timex_end"}


@pytest.fixture
def filled(store: Store) -> Store:
    store.add(REPORT_A, events_a())
    store.add(REPORT_B, events_b())
    return store


def _summaries(records: list[dict]) -> list[str]:
    return [r["summary"] for r in records]


def test_record_has_the_contract_fields(filled: Store) -> None:
    records = filled.events()
    assert len(records) == 4
    for rec in records:
        assert RECORD_KEYS <= rec.keys()
        for src in rec["sources"]:
            assert SOURCE_KEYS <= src.keys()
    json.dumps(records)  # JSON-ready: dates as ISO strings
    strike = next(r for r in records if r["sub_type"])
    assert strike["places"] == [{"name": "Odesa", "country": "UA", "lat": 46.48, "lon": 30.73,
                                 "precision": "city", "geonameid": 698740, "admin1": None}]


def test_date_filter_selects_overlapping_intervals(filled: Store) -> None:
    # "Since August 2022" is open-ended, so it overlaps any later window
    june_12 = filled.events(EventFilter(date_from=date(2023, 6, 12), date_to=date(2023, 6, 12)))
    assert sorted(_summaries(june_12)) == sorted([
        "Russia has launched Iranian-designed drones at Ukrainian cities",
        "a drone strike hit a grain terminal in Odesa"])
    before = filled.events(EventFilter(date_to=date(2022, 7, 31)))
    assert before == []
    assert filled.count(EventFilter(date_from=date(2023, 6, 10))) == 2
    assert filled.count(EventFilter(date_to=date(2023, 6, 9))) == 3


def test_actor_place_type_and_source_filters(filled: Store) -> None:
    assert filled.count(EventFilter(actors=["iran"])) == 1  # case-insensitive
    assert filled.count(EventFilter(actors=["Ukraine", "Iran"])) == 2  # alternatives within a field
    assert filled.count(EventFilter(actors=["Russia"], event_types=["Explosions/Remote violence"])) == 1
    assert filled.count(EventFilter(places=["Alabuga"])) == 1
    assert filled.count(EventFilter(sources=["Other Daily"])) == 2
    assert filled.count(EventFilter(sources=[REPORT_A.id])) == 3
    assert filled.count(EventFilter(actors=["Nobody"])) == 0


def test_full_text_search(filled: Store) -> None:
    assert _summaries(filled.events(EventFilter(search="grain terminal"))) == [
        "a drone strike hit a grain terminal in Odesa"]
    assert filled.count(EventFilter(search="drones")) == 3  # stemming: "drone" and "drones"
    assert filled.count(EventFilter(search='"grain terminal" or Bakhmut')) == 2
    assert filled.count(EventFilter(search="drone -Odesa")) == 2
    assert filled.count(EventFilter(search="Alabuga")) == 1  # place names are searchable
    assert filled.count(EventFilter(search='weird "input: * NEAR(')) == 0  # never an SQL/FTS syntax error


def test_order_and_pagination(filled: Store) -> None:
    by_date = filled.events(order="date")
    assert [r["date_start"] for r in by_date] == ["2022-08-01", "2023-06-09", "2023-06-09", "2023-06-12"]
    assert [r["id"] for r in filled.events(order="-date")] == [r["id"] for r in reversed(by_date)]
    pages = [filled.events(limit=2, offset=o, order="date") for o in (0, 2, 4)]
    assert [r["id"] for p in pages for r in p] == [r["id"] for r in by_date]
    assert pages[2] == []
    types = [r["event_type"] for r in filled.events(order="type")]
    assert types == sorted(types)
    assert filled.events(order="-sources")[0]["n_sources"] == 2
    with pytest.raises(ValueError, match="unknown order"):
        filled.events(order="colour")


def test_counts_by_period(filled: Store) -> None:
    assert filled.counts_by_period(period="month") == [
        ("2022-08-01", "Explosions/Remote violence", 1),
        ("2023-06-01", "Explosions/Remote violence", 1),
        ("2023-06-01", "Strategic developments", 2),
    ]
    assert filled.counts_by_period(period="week") == [
        ("2022-08-01", "Explosions/Remote violence", 1),  # a Monday
        ("2023-06-05", "Strategic developments", 2),
        ("2023-06-12", "Explosions/Remote violence", 1),
    ]
    assert filled.counts_by_period(period="year") == [
        ("2022-01-01", "Explosions/Remote violence", 1), ("2023-01-01", "Explosions/Remote violence", 1),
        ("2023-01-01", "Strategic developments", 2)]
    assert filled.counts_by_period(EventFilter(actors=["Iran"]), period="day") == [
        ("2023-06-09", "Strategic developments", 1)]
    # a date filter (on SQLite the query then avoids the bucket index) counts the same buckets
    assert filled.counts_by_period(EventFilter(date_to=date(2022, 12, 31)), period="month") == [
        ("2022-08-01", "Explosions/Remote violence", 1)]
    with pytest.raises(ValueError):
        filled.counts_by_period(period="fortnight")


def test_facets_follow_the_filter(filled: Store) -> None:
    f = filled.facets()
    assert f["actors"] == [("Russia", 3), ("Iran", 1), ("Ukraine", 1)]
    assert f["event_types"] == [("Strategic developments", 2), ("Explosions/Remote violence", 2)] or \
        f["event_types"] == [("Explosions/Remote violence", 2), ("Strategic developments", 2)]
    assert dict(f["sources"]) == {"Example Wire": 3, "Other Daily": 2}
    assert dict(f["places"]) == {"Alabuga": 1, "Odesa": 1}
    g = filled.facets(EventFilter(event_types=["Explosions/Remote violence"]))
    assert dict(g["actors"]) == {"Russia": 1}
    assert g["event_types"] == [("Explosions/Remote violence", 2)]


def test_event_document_and_documents(filled: Store) -> None:
    assert filled.event(10_000) is None and filled.document("nope") is None
    d = filled.document(REPORT_A.id)
    assert d["text"] == REPORT_A.text and d["published"] == "2023-06-13" and d["published_source"] == "given"
    for m in d["mentions"]:
        assert REPORT_A.text[m["timex_start"]:m["timex_end"]] == m["date_text"]
    docs = filled.documents()
    assert [x["id"] for x in docs] == [REPORT_B.id, REPORT_A.id]  # newest publication first
    assert all("text" not in x for x in docs)
    assert {x["id"]: x["n_events"] for x in docs} == {REPORT_A.id: 3, REPORT_B.id: 2}


def test_load_events_dataframe(filled: Store) -> None:
    df = load_events(filled, actors="Russia", date_from="2023-01-01")  # includes the open "since August 2022"
    assert len(df) == 3
    assert str(df["date_start"].dtype).startswith("datetime64")
    assert df["date_end"].isna().sum() == 1
    assert set(df["actor_names"]) == {"Russia", "Iran; Russia", "Russia; Ukraine"}
    empty = load_events(filled, search="nothing-like-this")
    assert empty.empty and "summary" in empty.columns
    with pytest.raises(TypeError, match="unknown event filter"):
        load_events(filled, colour="red")


def test_load_events_from_url(db_url: str) -> None:
    with Store(db_url) as st:
        st.add(REPORT_A, events_a())
    assert len(load_events(db_url)) == 3


def test_many_events_page_in_bulk(store: Store) -> None:
    """A page of 500 multi-source events with actors and places comes back complete."""
    base = date(2023, 1, 1)
    for i in range(50):
        sentences = [f"On {(base + timedelta(days=i * 10 + k)).isoformat()} unit {i}-{k} moved toward the river."
                     for k in range(10)]
        d = doc(" ".join(sentences), publisher=f"Outlet {i % 3}")
        evs = [event_in(d, s, (base + timedelta(days=i * 10 + k)).isoformat(),
                        base + timedelta(days=i * 10 + k), base + timedelta(days=i * 10 + k),
                        actors=[[IRAN, RUSSIA, UKRAINE][k % 3]], places=[[ALABUGA, KYIV][k % 2]])
               for k, s in enumerate(sentences)]
        store.add(d, evs)
    assert store.count() == 500
    page = store.events(limit=500)
    assert len(page) == 500
    assert all(len(r["actors"]) == 1 and len(r["places"]) == 1 and len(r["sources"]) == 1 for r in page)
    assert sum(n for _, _, n in store.counts_by_period(period="month")) == 500


def test_figure_queries_agree_with_the_full_records(filled: Store) -> None:
    """timeline_rows, located_events and place_counts: few columns, filtered like `events`."""
    for flt in (None, EventFilter(actors=["Russia"]), EventFilter(places=["Odesa"]), EventFilter(actors=["Nobody"])):
        full = filled.events(flt)
        rows = filled.timeline_rows(flt)
        assert [r["id"] for r in rows] == [r["id"] for r in full]  # same events, date order
        for row, rec in zip(rows, full):
            assert {k: row[k] for k in ("date_start", "date_end", "precision", "event_type", "summary")} == \
                {k: rec[k] for k in ("date_start", "date_end", "precision", "event_type", "summary")}
            assert sorted(a["name"] for a in row["actors"]) == sorted(a["name"] for a in rec["actors"])
            assert len(row["sources"]) == len(rec["sources"])
        located = {r["id"]: r for r in filled.located_events(flt)}
        expected = {rec["id"]: sorted(p["name"] for p in rec["places"] if p["lat"] is not None) for rec in full}
        assert {i: sorted(p["name"] for p in r["places"]) for i, r in located.items()} == \
            {i: names for i, names in expected.items() if names}
        counts = {c["name"]: c["count"] for c in filled.place_counts(flt)}
        per_place: dict[str, int] = {}
        for names in expected.values():
            for name in set(names):
                per_place[name] = per_place.get(name, 0) + 1
        assert counts == per_place
    assert filled.timeline_rows(EventFilter(actors=["Nobody"])) == []
