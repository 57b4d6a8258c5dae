"""`timeline hide EVENT_ID`: mark an event "not an event" (kept, with its history; left out of views)."""
from __future__ import annotations

import click

from timeline.commands.edit import open_for_review, reviewer


@click.command()
@click.argument("event_ids", type=int, nargs=-1, required=True)
@click.option("--db", envvar="TIMELINE_DB", default=None, help="Database URL or SQLite path.")
@click.option("--undo", is_flag=True, help="Show the events again.")
@click.option("--note", help="Why (kept with the change).")
@click.option("--by", help="Who (default $TIMELINE_REVIEWER, else your login name).")
def hide(event_ids: tuple[int, ...], db: str | None, undo: bool, note: str | None, by: str | None) -> None:
    """Hide events from every view and export, or show them again with --undo."""
    from timeline.store.corrections import CorrectionError

    author = reviewer(by)
    with open_for_review(db) as store:
        for event_id in event_ids:
            try:
                cid = store.correct(event_id, "hidden", not undo, author=author, note=note)
            except CorrectionError as exc:
                raise click.ClickException(str(exc)) from None
            state = "shown" if undo else "hidden"
            click.echo(f"event {event_id}: {state}" + ("" if cid is not None else " (already)"))
