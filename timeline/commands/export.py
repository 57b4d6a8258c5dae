"""`timeline export`: stored events, filtered like `timeline events`, as one HTML file or as data.

The HTML file is self-contained (plotly.js, map shapes, data and script inlined)
and requests nothing from any host, so it can be mailed or opened offline.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from timeline.commands.events import event_filter, existing_store_url, filter_options

FORMAT_NAMES = ("html", "csv", "json", "geojson", "timelinejs", "acled")


def _describe(flt: object) -> str:
    """The filters in words, shown under the page title so a reader knows what was left out."""
    parts = []
    for label, attr in (("from", "date_from"), ("to", "date_to"), ("actor", "actors"), ("place", "places"),
                        ("type", "event_types"), ("source", "sources"), ("search", "search")):
        value = getattr(flt, attr)
        if value:
            parts.append(f"{label}: {', '.join(value) if isinstance(value, list) else value}")
    return "filters: " + "; ".join(parts) if parts else "all stored events"


def _write(text: str, out: str) -> None:
    if out == "-":
        sys.stdout.write(text)
        return
    path = Path(out)
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot write the export ({exc.strerror})") from None


@click.command()
@click.option("--out", "-o", required=True, metavar="FILE",
              help="Output file, or - for standard output.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default=None,
              help="Export format (default: from the --out suffix, else html).")
@click.option("--title", default="Conflict timeline", show_default=True, help="Title of the HTML page / TimelineJS.")
@filter_options
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N events.")
def export(out: str, fmt: str | None, title: str, db: str | None, date_from: date | None, date_to: date | None,
           actors: tuple[str, ...], places: tuple[str, ...], event_types: tuple[str, ...],
           sources: tuple[str, ...], search: str | None, limit: int | None) -> None:
    """Export the stored events matching every given filter."""
    from timeline.export import ExportError
    from timeline.export import export as render
    from timeline.export import export_html
    from timeline.store import Store, StoreError

    if fmt is None:
        suffix = Path(out).suffix.lower() if out != "-" else ""
        fmt = {".csv": "csv", ".json": "json", ".geojson": "geojson"}.get(suffix, "html")
    flt = event_filter(date_from, date_to, actors, places, event_types, sources, search)
    url = existing_store_url(db)
    try:
        with Store(url) as store:
            records = store.events(flt, limit=limit)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        if fmt == "html":
            from timeline.mapdata import ensure

            reason = ensure()
            if reason:
                click.echo(f"warning: the map will show no land shapes: {reason}", err=True)
            text = export_html(records, title=title, description=_describe(flt))
        else:
            text = render(records, fmt, title=title)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    _write(text, out)
    if out != "-":
        click.echo(f"wrote {len(records)} events as {fmt} to {out} ({len(text.encode('utf-8')):,} bytes)", err=True)
