"""`timeline history EVENT_ID`: every correction of an event, old -> new, who, when and why."""
from __future__ import annotations

import json
from typing import Any

import click

from timeline.commands.edit import open_for_review


def show_value(field: str, value: Any) -> str:
    """A value as the analyst typed it (dates as 2023-06-09..2023-06-12, places by name)."""
    if value is None:
        return "(none)"
    if field == "dates":
        from timeline.review import format_dates

        return format_dates(value)
    if field == "type":
        return "/".join(x for x in (value.get("event_type"), value.get("sub_type")) if x)
    if field == "actors":
        return "; ".join(value) or "(none)"
    if field == "places":
        return "; ".join(p["name"] for p in value) or "(none)"
    if field == "hidden":
        return "hidden" if value else "shown"
    if field == "merge":
        return f"merged in the event read at {value.get('doc_id', '')[:12]}…:{value.get('sentence_start')}"
    if field == "split":
        return f"source {value.get('doc_id', '')[:12]}… split out"
    return str(value)


@click.command()
@click.argument("event_id", type=int)
@click.option("--db", envvar="TIMELINE_DB", default=None, help="Database URL or SQLite path.")
@click.option("--json", "as_json", is_flag=True, help="Print the history as JSON.")
def history(event_id: int, db: str | None, as_json: bool) -> None:
    """List the corrections of one event, oldest first."""
    with open_for_review(db) as store:
        if store.event(event_id) is None:
            raise click.ClickException(f"event {event_id} does not exist")
        rows = store.history(event_id)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo(f"event {event_id} has not been corrected")
        return
    for r in rows:
        old = "" if r["field"] in ("merge", "split") else f"{show_value(r['field'], r['old'])} -> "
        line = f"{r['when']}  {r['author'] or '?'}  {r['field']}: {old}{show_value(r['field'], r['new'])}"
        click.echo(line + (f"  ({r['note']})" if r["note"] else ""))
