"""Data exports of event records: CSV, JSON, GeoJSON, TimelineJS3 and ACLED-like CSV.

Pure functions from a list of event records (docs/architecture.md) to text.
No date is ever made finer than its precision allows, and events whose date is
unresolved are left out of the formats that require a date (TimelineJS, ACLED)
rather than given an invented one; CSV, JSON and GeoJSON keep them.

Spreadsheet safety: in the CSV formats a text cell that starts with = + - @ or a
tab/CR is prefixed with an apostrophe (OWASP's advice against formula injection),
because these files are opened in Excel; JSON and GeoJSON keep the text verbatim.
"""
from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from timeline.export.records import (
    date_parts,
    is_approximate,
    located_places,
    names,
    parse_day,
    reviewed_note,
    source_label,
)

CSV_COLUMNS: tuple[str, ...] = (
    "id", "date_start", "date_end", "precision", "date_text", "date_value", "date_mod",
    "date_relation", "approximate", "open_start", "open_end", "event_type", "sub_type",
    "summary", "sentence", "actors", "places", "countries", "fatalities", "confidence",
    "sources", "source_urls", "doc_ids", "edited", "edited_by",
)
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)
#: place precision -> ACLED geo_precision (1 exact town/site, 2 part of a region, 3 region or wider)
GEO_PRECISION = {"facility": 1, "city": 1, "region": 2, "water": 2, "country": 3}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _write_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def export_csv(events: Sequence[dict[str, Any]]) -> str:
    """One row per event; actors, places and sources joined with '; '."""
    rows = []
    for e in events:
        sources = e.get("sources") or []
        rows.append({
            **{c: e.get(c) for c in CSV_COLUMNS},
            "actors": "; ".join(names(e.get("actors"))),
            "places": "; ".join(names(e.get("places"))),
            "countries": "; ".join(dict.fromkeys(
                str(p["country"]) for p in e.get("places") or [] if p.get("country"))),
            "sources": "; ".join(source_label(s) for s in sources),
            "source_urls": "; ".join(str(s["url"]) for s in sources if s.get("url")),
            "doc_ids": "; ".join(str(s["doc_id"]) for s in sources if s.get("doc_id")),
            # the fields an analyst corrected (see timeline.store.corrections), and who last did
            "edited": "; ".join((e.get("edited") or {}).get("fields") or []),
            "edited_by": (e.get("edited") or {}).get("by") or "",
        })
    return _write_csv(CSV_COLUMNS, rows)


def export_json(events: Sequence[dict[str, Any]]) -> str:
    """The event records as a JSON list, unchanged."""
    return json.dumps(list(events), ensure_ascii=False, indent=1, default=str) + "\n"


def export_geojson(events: Sequence[dict[str, Any]]) -> str:
    """A FeatureCollection with one Point Feature per event x located place."""
    features = []
    for e in events:
        for place in located_places(e):
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": {
                    "event_id": e.get("id"),
                    "date_start": e.get("date_start"), "date_end": e.get("date_end"),
                    "precision": e.get("precision"), "date_text": e.get("date_text"),
                    "approximate": is_approximate(e),
                    "open_start": bool(e.get("open_start")), "open_end": bool(e.get("open_end")),
                    "event_type": e.get("event_type"), "sub_type": e.get("sub_type"),
                    "summary": e.get("summary"), "sentence": e.get("sentence"),
                    "place": place.get("name"), "country": place.get("country"),
                    "place_precision": place.get("precision"),
                    "actors": names(e.get("actors")),
                    "sources": [source_label(s) for s in e.get("sources") or []],
                    "fatalities": e.get("fatalities"),
                    "edited": list((e.get("edited") or {}).get("fields") or []),
                },
            })
    return json.dumps({"type": "FeatureCollection", "features": features},
                      ensure_ascii=False, default=str) + "\n"


def _display_date(e: dict[str, Any]) -> str:
    text = str(e.get("date_text") or e.get("date_value") or "")
    relation = e.get("date_relation")
    if relation and not text.lower().startswith(str(relation).lower()):
        text = f"{relation} {text}"
    return f"{text} (approx.)" if is_approximate(e) else text


def timelinejs_event(e: dict[str, Any]) -> dict[str, Any] | None:
    """One TimelineJS3 slide, or None when the event has no resolved date.

    Only the date components the precision supports are given; an open end has no
    end_date (TimelineJS would otherwise draw a closed span), an open start is
    drawn from its known end. Text is HTML-escaped: TimelineJS renders it as HTML.
    """
    start, end = parse_day(e.get("date_start")), parse_day(e.get("date_end"))
    precision = e.get("precision")
    first = start or end
    if first is None:
        return None
    slide: dict[str, Any] = {"start_date": date_parts(first, precision)}
    if start and end and date_parts(end, precision) != slide["start_date"]:
        slide["end_date"] = date_parts(end, precision)
    sources = e.get("sources") or []
    body = html.escape(str(e.get("sentence") or ""))
    if sources:
        body += "<br><small>" + "<br>".join(html.escape(source_label(s)) for s in sources) + "</small>"
    if reviewed_note(e):
        body += "<br><small><em>" + html.escape(str(reviewed_note(e))) + "</em></small>"
    slide["text"] = {"headline": html.escape(str(e.get("summary") or e.get("sentence") or "")), "text": body}
    slide["group"] = str(e.get("event_type") or "Other")
    slide["display_date"] = html.escape(_display_date(e))
    if e.get("id") is not None:
        slide["unique_id"] = f"event-{e['id']}"
    return slide


def export_timelinejs(events: Sequence[dict[str, Any]], *, title: str = "Conflict timeline") -> str:
    """TimelineJS3 JSON: {"title": slide, "events": [slide, ...]}; undated events are left out."""
    slides = [s for s in (timelinejs_event(e) for e in events) if s is not None]
    left_out = len(events) - len(slides)
    note = f"{len(slides)} dated events" + (f"; {left_out} with unresolved dates left out" if left_out else "")
    doc = {"title": {"text": {"headline": html.escape(title), "text": html.escape(note)}}, "events": slides}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def time_precision(precision: str | None) -> int:
    """ACLED time_precision: 1 the day is known, 2 the week or month, 3 anything coarser."""
    if precision == "day":
        return 1
    if precision in ("week", "month"):
        return 2
    return 3


def _country_name(code: str | None) -> str:
    if not code:
        return ""
    import pycountry  # imported here: only the ACLED export names countries

    found = pycountry.countries.get(alpha_2=str(code).upper())
    return found.name if found else str(code)


def _country_alpha3(code: str | None) -> str:
    if not code:
        return "XXX"
    import pycountry

    found = pycountry.countries.get(alpha_2=str(code).upper())
    return found.alpha_3 if found else str(code).upper()


def acled_row(e: dict[str, Any]) -> dict[str, Any] | None:
    """One ACLED-like row (first located place, else first place), or None if undated.

    event_date is the first day of the interval; time_precision says how much of
    it is known, as ACLED does.
    """
    day = parse_day(e.get("date_start")) or parse_day(e.get("date_end"))
    if day is None:
        return None
    places = located_places(e) or list(e.get("places") or [])
    place = places[0] if places else {}
    actors = names(e.get("actors"))
    sources = e.get("sources") or []
    country = place.get("country")
    return {
        "event_id_cnty": f"{_country_alpha3(country)}{e.get('id', '')}",
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": time_precision(e.get("precision")),
        "event_type": e.get("event_type") or "Other",
        "sub_event_type": e.get("sub_type"),
        # who acted and who was acted on, as extracted; records from before roles existed fall back to
        # the first two named actors
        "actor1": e.get("actor1") or (actors[0] if actors and not e.get("actor2") else ""),
        "actor2": e.get("actor2") or ("" if e.get("actor1") else (actors[1] if len(actors) > 1 else "")),
        "country": _country_name(country),
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(str(place.get("precision")), "") if place else "",
        "source": "; ".join(dict.fromkeys(
            str(s.get("publisher") or s.get("title") or s.get("doc_id")) for s in sources)),
        # ACLED's notes say when a human reviewed the coding
        "notes": " ".join(x for x in (e.get("sentence"), f"[{reviewed_note(e)}]" if reviewed_note(e) else None) if x),
        "fatalities": e.get("fatalities"),
    }


def export_acled(events: Sequence[dict[str, Any]]) -> str:
    """ACLED-like CSV, one row per dated event; fatalities stay empty when not reported."""
    return _write_csv(ACLED_COLUMNS, (r for r in (acled_row(e) for e in events) if r is not None))
