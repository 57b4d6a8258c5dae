"""Exports of event records: a self-contained HTML page and data formats.

Every exporter is a pure function from a list of event records (as
`Store.events` returns them, see docs/architecture.md) to text; `export`
picks one by format name. `timeline export` (timeline/commands/export.py) is
the command-line front end.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from timeline.export.data import (
    export_acled,
    export_csv,
    export_geojson,
    export_json,
    export_timelinejs,
)
from timeline.export.page import ExportError, embed_json, export_html

#: format name -> exporter(events, title) -> text
FORMATS: dict[str, Callable[[Sequence[dict[str, Any]], str], str]] = {
    "html": lambda events, title: export_html(events, title=title),
    "csv": lambda events, title: export_csv(events),
    "json": lambda events, title: export_json(events),
    "geojson": lambda events, title: export_geojson(events),
    "timelinejs": lambda events, title: export_timelinejs(events, title=title),
    "acled": lambda events, title: export_acled(events),
}


def export(events: Sequence[dict[str, Any]], fmt: str, *, title: str = "Conflict timeline") -> str:
    """The events in format `fmt` (one of FORMATS)."""
    try:
        exporter = FORMATS[fmt]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return exporter(list(events), title)


__all__ = [
    "FORMATS", "ExportError", "embed_json", "export", "export_acled", "export_csv", "export_geojson",
    "export_html", "export_json", "export_timelinejs",
]
