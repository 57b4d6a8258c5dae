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


def _date_label(event: dict[str, Any]) -> str:
    text = resolved_text(event)
    if event.get("date_start") or event.get("date_end"):
        return text.rsplit(" (", 1)[0]  # the precision has its own column
    return text


def table_row(event: dict[str, Any]) -> dict[str, Any]:
    """A flat row for one event record (the grid shows plain text only)."""
    sources = event.get("sources") or []
    first = sources[0] if sources else {}
    source = first.get("publisher") or first.get("title") or ""
    if len(sources) > 1:
        source += f" (+{len(sources) - 1})"
    return {
        "id": event.get("id"),
        "date": _date_label(event),
        "precision": event.get("precision") or "",
        "event_type": event.get("event_type") or "Other",
        "summary": event.get("summary") or "",
        "actors": ", ".join(a.get("name") or "" for a in event.get("actors") or []),
        "places": ", ".join(p.get("name") or "" for p in event.get("places") or []),
        "source": source,
    }
