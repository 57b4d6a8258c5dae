"""Exports carry the analyst's corrections: corrected values, which fields were edited, and no hidden event."""
from __future__ import annotations

import csv
import io
import json

from handmade import REPORT_A, events_a

from timeline.export import export_acled, export_csv, export_geojson, export_html, export_timelinejs
from timeline.export.compact import compact_events
from timeline.export.records import reviewed_note
from timeline.store import Store


def _reviewed_store(store: Store) -> tuple[Store, int, int]:
    store.add(REPORT_A, events_a())
    events = store.events()
    edited = next(e["id"] for e in events if any(p.get("lat") is not None for p in e["places"]))
    hidden = next(e["id"] for e in events if e["id"] != edited)
    store.correct(edited, "type", "Violence against civilians/Attack", author="ana")
    store.correct(edited, "fatalities", "3", author="ana", note="the report says three")
    store.correct(hidden, "hidden", True, author="ana")
    return store, edited, hidden


def test_reviewed_note_names_the_fields_and_the_editor() -> None:
    assert reviewed_note({"edited": {"fields": ["type", "places"], "by": "ana"}}) == "reviewed: type, places (by ana)"
    assert reviewed_note({"edited": {"fields": ["dates"], "by": ""}}) == "reviewed: dates"
    assert reviewed_note({"edited": None}) is None and reviewed_note({}) is None


def test_every_data_export_says_what_was_edited_and_leaves_the_hidden_event_out(store: Store) -> None:
    store, edited, hidden = _reviewed_store(store)
    events = store.events()
    assert hidden not in {e["id"] for e in events}

    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(export_csv(events)))}
    assert rows[str(edited)]["edited"] == "type; fatalities" and rows[str(edited)]["edited_by"] == "ana"
    assert rows[str(edited)]["event_type"] == "Violence against civilians" and rows[str(edited)]["fatalities"] == "3"
    assert all(r["edited"] == "" for i, r in rows.items() if i != str(edited))

    acled = {r["event_id_cnty"][3:]: r for r in csv.DictReader(io.StringIO(export_acled(events)))}
    assert acled[str(edited)]["notes"].endswith("[reviewed: type, fatalities (by ana)]")
    assert acled[str(edited)]["sub_event_type"] == "Attack"
    assert all("reviewed" not in r["notes"] for i, r in acled.items() if i != str(edited))

    features = json.loads(export_geojson(events))["features"]
    assert {tuple(f["properties"]["edited"]) for f in features if f["properties"]["event_id"] == edited} == {
        ("type", "fatalities")}
    slides = json.loads(export_timelinejs(events))["events"]
    text = next(s["text"]["text"] for s in slides if s.get("unique_id") == f"event-{edited}")
    assert "reviewed: type, fatalities (by ana)" in text


def test_the_html_export_carries_the_note_for_its_detail_panel(store: Store) -> None:
    store, edited, hidden = _reviewed_store(store)
    events = store.events()
    payload = compact_events(events)
    index = payload["ev"]["id"].index(edited)
    assert payload["reviewed"] == {str(index): "reviewed: type, fatalities (by ana)"}
    assert hidden not in payload["ev"]["id"]
    page = export_html(events, title="Reviewed")
    assert "reviewed: type, fatalities (by ana)" in page
