"""`timeline events`: list stored events, filtered, as a table, CSV, JSON or JSON Lines.

JSON and JSON Lines give the full event record of docs/architecture.md (with every
source's offsets), so downstream tools can trace each event to its sentence.
"""
from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from timeline.commands.ingest import _parse_date

if TYPE_CHECKING:
    from timeline.model import EventFilter

CSV_COLUMNS = ["id", "date_start", "date_end", "precision", "date_text", "date_value", "open_start", "open_end",
               "event_type", "sub_type", "summary", "actors", "places", "fatalities", "confidence", "n_sources",
               "sources", "sentence"]


def _flat(rec: dict[str, Any], column: str) -> Any:
    value = rec.get(column)
    if column in ("actors", "places"):
        return "; ".join(x["name"] for x in value)
    if column == "sources":
        return "; ".join(s.get("publisher") or s["doc_id"] for s in value)
    return "" if value is None else value


def _date_span(rec: dict[str, Any]) -> str:
    """Compact date: 2023-06-09, 2023-06 (a month), 2022 (a year), spans, open ends, or ? (value)."""
    start, end = rec["date_start"], rec["date_end"]
    if start is None and end is None:
        return f"? ({rec['date_value']})"
    if rec["open_end"]:
        return f"{start} →"
    if rec["open_start"]:
        return f"→ {end}"
    if start == end:
        return start
    precision = rec["precision"]
    if precision == "month" and start[:7] == end[:7] and start.endswith("-01"):
        return start[:7]
    if precision == "year" and start[:4] == end[:4] and start.endswith("-01-01") and end.endswith("-12-31"):
        return start[:4]
    return f"{start} – {end}"


def _print_table(records: list[dict[str, Any]], total: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    wide = console.width >= 120  # narrow terminals get id, date, type and summary only
    table = Table(show_lines=False, expand=True)
    short = {"no_wrap": True, "overflow": "ellipsis", "max_width": 24 if wide else 12}
    columns = [("id", {"justify": "right", "no_wrap": True}), ("date", {"no_wrap": True}), ("type", short),
               ("summary", {"ratio": 1, "min_width": 20})]
    if wide:
        columns += [("actors", short), ("places", short), ("src", {"justify": "right", "no_wrap": True})]
    for name, kw in columns:
        table.add_column(name, **kw)
    for rec in records:
        summary = rec["summary"] if len(rec["summary"]) <= 160 else rec["summary"][:159] + "…"
        row = [str(rec["id"]), _date_span(rec), rec["event_type"], summary]
        if wide:
            row += [_flat(rec, "actors"), _flat(rec, "places"), str(len(rec["sources"]))]
        table.add_row(*row)
    console.print(table)
    console.print(f"{len(records)} of {total} matching events", style="dim")


def _missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file a read-only command would create by opening `url`, if it does not exist yet."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.exists():
            return path
    return None


#: --db and the EventFilter options, shared by `timeline events` and `timeline export`.
FILTER_OPTIONS = (
    click.option("--db", envvar="TIMELINE_DB", default=None,
                 help="Database URL or SQLite path (default $TIMELINE_DB, else ./timeline.db)."),
    click.option("--from", "date_from", callback=_parse_date, metavar="DATE",
                 help="Events whose dates overlap DATE (YYYY-MM-DD) or later."),
    click.option("--to", "date_to", callback=_parse_date, metavar="DATE", help="Events that overlap DATE or earlier."),
    click.option("--actor", "actors", multiple=True, help="Actor name (repeat for any of several)."),
    click.option("--place", "places", multiple=True, help="Place name (repeat for any of several)."),
    click.option("--type", "event_types", multiple=True, help="Event type, e.g. 'Battles' (repeatable)."),
    click.option("--source", "sources", multiple=True, help="Publisher name or document id (repeatable)."),
    click.option("--search", help='Full-text search: words, "phrases", or, -excluded.'),
)


def filter_options(command):  # noqa: ANN001, ANN201 - a click decorator
    """Add FILTER_OPTIONS to a click command (its function takes db, date_from, ..., search)."""
    for option in reversed(FILTER_OPTIONS):
        command = option(command)
    return command


def event_filter(date_from: date | None = None, date_to: date | None = None, actors: tuple[str, ...] = (),
                 places: tuple[str, ...] = (), event_types: tuple[str, ...] = (), sources: tuple[str, ...] = (),
                 search: str | None = None) -> EventFilter:
    """The EventFilter for the values of FILTER_OPTIONS; --from after --to is a usage error."""
    from timeline.model import EventFilter

    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}")
    return EventFilter(date_from=date_from, date_to=date_to, actors=list(actors), places=list(places),
                       event_types=list(event_types), sources=list(sources), search=search)


def existing_store_url(db: str | None) -> str:
    """The database URL for a read-only command; a missing SQLite file is an error, not a new database."""
    from timeline.store import resolve_url

    url = resolve_url(db)
    missing = _missing_sqlite_file(url)
    if missing is not None:
        raise click.ClickException(f"no database at {missing}; run `timeline ingest` first or pass --db")
    return url


@click.command()
@filter_options
@click.option("--order", default="date", show_default=True, help="date, -date, type, confidence, sources, ...")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N events.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip the first N events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table",
              show_default=True)
@click.option("--include-hidden", is_flag=True, default=False,
              help='Also list events marked "not an event" (their records say "hidden": true).')
def events(db: str | None, date_from: date | None, date_to: date | None, actors: tuple[str, ...],
           places: tuple[str, ...], event_types: tuple[str, ...], sources: tuple[str, ...], search: str | None,
           order: str, limit: int | None, offset: int, fmt: str, include_hidden: bool = False) -> None:
    """List stored events matching every given filter."""
    import dataclasses

    from timeline.store import Store, StoreError

    flt = event_filter(date_from, date_to, actors, places, event_types, sources, search)
    flt = dataclasses.replace(flt, include_hidden=include_hidden)
    url = existing_store_url(db)
    try:
        with Store(url) as store:
            records = store.events(flt, limit=limit, offset=offset, order=order)
            total = store.count(flt) if fmt == "table" else len(records)
    except ValueError as exc:  # unknown --order
        raise click.BadParameter(str(exc), param_hint="--order") from None
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None

    out = sys.stdout  # resolved at call time, so CliRunner captures it
    if fmt == "table":
        _print_table(records, total)
    elif fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for rec in records:
            writer.writerow([_flat(rec, c) for c in CSV_COLUMNS])
