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
    fig, note = queries.timeline(empty_state(), None, None, None)
    assert fig.layout.meta["mode"] == "counts" and "counts per" in note
    assert fig.layout.meta["events"] == filled_store.count() - 1  # the undated event has no bucket


def test_counts_are_cached_until_documents_are_added(filled_store) -> None:
    queries = AppQueries(filled_store, max_upload_bytes=1024)
    flt = EventFilter(event_types=["Other"])
    assert queries.count(flt) == filled_store.count(flt) == 2
    queries._counts[repr(flt)] = (queries._counts[repr(flt)][0], 99)  # a remembered answer is reused
    assert queries.count(flt) == 99
    queries.invalidate()
    assert queries.count(flt) == 2
