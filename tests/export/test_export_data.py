"""CSV, JSON, GeoJSON, TimelineJS and ACLED exports: one pure function each, checked field by field."""
from __future__ import annotations

import csv
import io
import json

import pytest

from timeline.export import ExportError, export, export_acled, export_csv, export_geojson, export_json
from timeline.export import export_timelinejs
from timeline.export.data import ACLED_COLUMNS, CSV_COLUMNS, time_precision


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_event_with_lists_joined(edge_events):
    rows = _rows(export_csv(edge_events))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["id"] for r in rows] == [str(e["id"]) for e in edge_events]
    assert rows[1]["actors"] == "Russia; Iran"
    assert rows[1]["places"] == "Caspian Sea; Tehran"
    assert rows[0]["sources"] == "Field Desk: Drone plant expands (2023-06-13) <https://example.org/a>"
    assert rows[2]["date_end"] == "" and rows[2]["open_end"] == "true"
    assert rows[4]["date_start"] == "" and rows[4]["date_value"] == "XXXX-10"   # kept, not invented


def test_csv_defuses_spreadsheet_formulas_but_keeps_the_text(edge_events):
    row = _rows(export_csv(edge_events))[5]
    assert row["summary"].startswith("'=HYPERLINK")
    assert row["summary"][1:] == edge_events[5]["summary"]


def test_json_is_the_records_unchanged(edge_events):
    assert json.loads(export_json(edge_events)) == edge_events


def test_geojson_has_a_point_per_event_and_located_place(edge_events):
    fc = json.loads(export_geojson(edge_events))
    assert fc["type"] == "FeatureCollection"
    pairs = [(f["properties"]["event_id"], f["properties"]["place"]) for f in fc["features"]]
    # event 2 has two places; 4 has none; 5's place has no coordinates
    assert pairs == [(1, "Yelabuga"), (2, "Caspian Sea"), (2, "Tehran"), (3, "Yelabuga"), (6, "Yelabuga"),
                     (7, "Kyiv")]
    tehran = fc["features"][2]
    assert tehran["geometry"] == {"type": "Point", "coordinates": [51.39, 35.69]}   # lon, lat
    assert tehran["properties"]["precision"] == "month"


def test_timelinejs_gives_only_the_components_the_precision_supports(edge_events):
    doc = json.loads(export_timelinejs(edge_events, title="Drones <test>"))
    assert doc["title"]["text"]["headline"] == "Drones &lt;test&gt;"
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert "event-5" not in slides                          # unresolved: left out, not placed anywhere
    assert "1 with unresolved dates left out" in doc["title"]["text"]["text"]
    assert slides["event-1"]["start_date"] == {"year": 2023, "month": 6, "day": 9}
    assert "end_date" not in slides["event-1"]
    assert slides["event-2"]["start_date"] == {"year": 2023, "month": 3}    # month: no day
    assert "end_date" not in slides["event-2"]
    assert "end_date" not in slides["event-3"]              # open-ended: no closing date
    assert slides["event-3"]["display_date"] == "since August 2022"
    assert slides["event-4"]["start_date"] == {"year": 2021}
    assert slides["event-4"]["display_date"].endswith("(approx.)")
    assert slides["event-7"]["start_date"] == {"year": 2023, "month": 4}
    assert slides["event-7"]["end_date"] == {"year": 2023, "month": 6}
    assert slides["event-2"]["group"] == "Explosions/Remote violence"


def test_timelinejs_escapes_record_text_it_renders_as_html(edge_events):
    slide = json.loads(export_timelinejs(edge_events))["events"][4]
    assert slide["unique_id"] == "event-6"
    for text in (slide["text"]["headline"], slide["text"]["text"]):
        assert "<img" not in text and "<script" not in text
    assert "&lt;img src=x" in slide["text"]["text"]


@pytest.mark.parametrize("precision,expected", [("day", 1), ("week", 2), ("month", 2), ("quarter", 3),
                                                ("year", 3), ("decade", 3), (None, 3)])
def test_acled_time_precision(precision, expected):
    assert time_precision(precision) == expected


def test_acled_rows(edge_events):
    rows = _rows(export_acled(edge_events))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert [r["event_id_cnty"] for r in rows] == ["RUS1", "XXX2", "RUS3", "XXX4", "RUS6", "UKR7"]   # a sea has no country
    first, second = rows[0], rows[1]
    assert (first["event_date"], first["year"], first["time_precision"]) == ("2023-06-09", "2023", "1")
    assert (first["country"], first["location"], first["geo_precision"]) == ("Russian Federation", "Yelabuga", "1")
    assert (first["latitude"], first["longitude"]) == ("55.76", "52.05")
    assert first["fatalities"] == ""                        # not reported stays empty, never 0
    assert rows[2]["fatalities"] == "4"
    assert (second["actor1"], second["actor2"], second["time_precision"]) == ("Russia", "Iran", "2")
    assert second["geo_precision"] == "2"                   # a sea
    assert first["notes"] == edge_events[0]["sentence"] and first["source"] == "Field Desk"


def test_export_dispatches_by_name_and_refuses_unknown_formats(edge_events):
    assert export(edge_events, "csv") == export_csv(edge_events)
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        export(edge_events, "xlsx")


def test_timex_offsets_are_used_when_date_text_carries_its_preposition():
    from timeline.export.records import timex_in_sentence

    sentence = "Sirens sounded on Friday and again on Friday night."
    event = {"sentence": sentence, "date_text": "on Friday night",
             "sources": [{"start": 100, "timex_start": 100 + 38, "timex_end": 100 + 50}]}
    assert sentence[38:50] == "Friday night"
    assert timex_in_sentence(event) == (38, 50)   # not the first "on Friday" found by text search
