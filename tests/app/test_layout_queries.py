"""The app's light queries mean the same as the store's API, on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.app import figures
from timeline.app.queries import AppQueries
from timeline.app.state import empty_state
from timeline.model import EventFilter

FILTERS = [
    EventFilter(),
    EventFilter(date_from=date(2023, 1, 1)),
    EventFilter(event_types=["Strategic developments"]),
    EventFilter(actors=["Russia"]),
    EventFilter(search="drones"),
    EventFilter(date_from=date(2022, 10, 1), date_to=date(2022, 10, 31)),
]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_timeline_rows_match_store_events(filled_store, flt: EventFilter) -> None:
    queries = AppQueries(filled_store, max_upload_bytes=1024)
    full = {e["id"]: e for e in filled_store.events(flt)}
    light = queries.timeline_events(flt)
    assert [e["id"] for e in light] and sorted(e["id"] for e in light) == sorted(full)
    for rec in light:
        ref = full[rec["id"]]
        for key in ("date_start", "date_end", "precision", "date_text", "approximate", "open_start", "open_end",
                    "summary", "event_type"):
            assert rec[key] == ref[key], key
        assert [a["name"] for a in rec["actors"]] == [a["name"] for a in ref["actors"]]
        assert rec["sources"][0]["publisher"] == ref["sources"][0]["publisher"]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_map_points_and_counts_match_store_events(filled_store, flt: EventFilter) -> None:
    queries = AppQueries(filled_store, max_upload_bytes=1024)
    expected = {(p["name"], tuple(sorted(p["ids"]))) for p in figures.place_points(filled_store.events(flt))}
    got = {(p["name"], tuple(sorted(p["ids"]))) for p in queries.event_places(flt)}
    assert got == expected
    counts = {p["name"]: p["count"] for p in queries.place_counts(flt)}
    assert counts == {name: len(ids) for name, ids in expected}


def test_timeline_switches_to_counts_above_the_threshold(filled_store, monkeypatch) -> None:
    queries = AppQueries(filled_store, max_upload_bytes=1024)
    fig, note = queries.timeline(empty_state(), None, None, None)
    assert fig.layout.meta["mode"] == "events" and "7 events" in note
    monkeypatch.setattr(figures, "AGGREGATE_THRESHOLD", 3)
    queries.invalidate()   # the answer for this view was remembered with the old threshold
    fig, note = queries.timeline(empty_state(), None, None, None)
    assert fig.layout.meta["mode"] == "counts" and "counts per" in note
    assert fig.layout.meta["events"] == filled_store.count() - 1  # the undated event has no bucket


def test_counts_are_cached_until_documents_are_added(filled_store) -> None:
    queries = AppQueries(filled_store, max_upload_bytes=1024)
    flt = EventFilter(event_types=["Other"])
    assert queries.count(flt) == filled_store.count(flt) == 2
    key = ("count", repr(flt))
    queries._cache[key] = (*queries._cache[key][:2], 99)  # a remembered answer is reused
    assert queries.count(flt) == 99
    queries.invalidate()
    assert queries.count(flt) == 2


def test_answers_are_kept_while_the_data_is_unchanged_and_dropped_after_any_write(filled_store) -> None:
    """A write by another connection (another process: `timeline ingest`, `timeline edit`) makes
    every remembered answer stale at once, with no time limit involved."""
    from timeline.store import Store

    queries = AppQueries(filled_store, max_upload_bytes=1024)
    state = empty_state()
    fig, _ = queries.timeline(state, None, None, None)
    assert queries.timeline(state, None, None, None)[0] is fig      # remembered
    assert queries.map_view(state)[0] is queries.map_view(state)[0]
    n = queries.count(None)
    other = Store(filled_store.url)
    try:
        event_id = other.events(None, limit=1)[0]["id"]
        other.correct(event_id, "hidden", True, author="test")
    finally:
        other.close()
    assert queries.timeline(state, None, None, None)[0] is not fig
    assert queries.count(None) == n - 1
    assert queries.map_view(state)[2] == f"{n - 1} events"


def test_counts_views_from_the_column_copy_equal_the_sql_ones(filled_store, monkeypatch) -> None:
    """Above the threshold the counts, the extent and the map's place counts come from the column
    copy once it is built; the figures are the same as from SQL."""
    monkeypatch.setattr(figures, "AGGREGATE_THRESHOLD", 2)
    monkeypatch.setattr("timeline.app.queries.MAP_EVENT_LIMIT", 2)
    states = [empty_state(), {**empty_state(), "date_from": "2023"}, {**empty_state(), "event_types": ["Battles"]},
              {**empty_state(), "actors": ["Russia"]}]
    sql = AppQueries(filled_store, max_upload_bytes=1024)
    monkeypatch.setattr(sql, "columns", lambda build=True: None)
    cols = AppQueries(filled_store, max_upload_bytes=1024)
    assert cols.columns(build=False) is None
    cols._build_columns()
    assert cols.columns(build=False) is not None
    for state in states:
        for window in (None, ["2023-06-01", "2023-06-30"]):
            days = (date(2023, 6, 1), date(2023, 6, 30)) if window else None
            a, b = sql.timeline(state, window, days, None), cols.timeline(state, window, days, None)
            assert a[1] == b[1] and a[0].to_plotly_json() == b[0].to_plotly_json()
        a, b = sql.map_view(state), cols.map_view(state)
        assert a[1:] == b[1:] and a[0].to_plotly_json() == b[0].to_plotly_json()
