"""Rows for the event table and the mapping from the grid's sort model to store orders."""
from __future__ import annotations

from typing import Any

from timeline.app.figures import resolved_text

#: grid column id -> store order name (see timeline.store ORDERS)
SORTABLE = {"date": "date", "type": "type", "precision": "precision", "summary": "summary", "sources": "sources"}


def sort_order(sort_model: list[dict[str, Any]] | None) -> str:
    """The store `order` for an AG Grid sort model; unsortable columns fall back to date."""
    for entry in sort_model or []:
        name = SORTABLE.get(entry.get("colId") or "")
        if name:
            return ("-" if entry.get("sort") == "desc" else "") + name
    return "date"


#: precisions whose bounds are whole months / whole years (shown without the day / month)
_MONTHS = {"month", "season", "quarter", "half"}
_YEARS = {"year", "decade", "century"}


def _day_text(value: str, precision: str | None) -> str:
    if precision in _YEARS:
        return value[:4]
    if precision in _MONTHS:
        return value[:7]
    return value[:10]


def date_label(event: dict[str, Any]) -> str:
    """The date in a table cell, no finer than its precision and short enough for the column:
    '2023-06-09', '2023-06', '2023-03 – 2023-05', '2022-08 → open', '≈ 2023', 'unresolved (XXXX-10)'."""
    start, end = event.get("date_start"), event.get("date_end")
    precision = event.get("precision")
    if not start and not end:
        return resolved_text(event)
    approx = "\u2248 " if event.get("approximate") or event.get("date_relation") == "reported" else ""
    reported = " (report date)" if event.get("date_relation") == "reported" else ""
    if start and not end:
        return f"{approx}{_day_text(start, precision)} \u2192 open{reported}"
    if end and not start:
        return f"{approx}open \u2192 {_day_text(end, precision)}{reported}"
    a, b = _day_text(start, precision), _day_text(end, precision)
    if a == b:
        return f"{approx}{a}{reported}"
    if precision in (None, "day", "week") and a[:4] == b[:4]:
        b = b[5:]   # '2023-06-05 – 06-11'
    return f"{approx}{a} \u2013 {b}{reported}"


def table_row(event: dict[str, Any]) -> dict[str, Any]:
    """A flat row for one event record (the grid shows plain text only)."""
    sources = event.get("sources") or []
    first = sources[0] if sources else {}
    source = first.get("publisher") or first.get("title") or ""
    if len(sources) > 1:
        source += f" (+{len(sources) - 1})"
    return {
        "id": event.get("id"),
        "date": date_label(event),
        "date_full": resolved_text(event),
        "precision": event.get("precision") or "",
        "event_type": event.get("event_type") or "Other",
        "summary": event.get("summary") or "",
        "actors": ", ".join(a.get("name") or "" for a in event.get("actors") or []),
        "places": ", ".join(p.get("name") or "" for p in event.get("places") or []),
        "source": source,
    }
