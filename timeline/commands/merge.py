"""`timeline merge KEEP OTHER`: two events are one happening; `timeline split`: a source is another happening."""
from __future__ import annotations

import click

from timeline.commands.edit import open_for_review, reviewer


@click.command()
@click.argument("keep", type=int)
@click.argument("other", type=int)
@click.option("--db", envvar="TIMELINE_DB", default=None, help="Database URL or SQLite path.")
@click.option("--note", help="Why (kept with the change).")
@click.option("--by", help="Who (default $TIMELINE_REVIEWER, else your login name).")
def merge(keep: int, other: int, db: str | None, note: str | None, by: str | None) -> None:
    """Fold event OTHER (its sources, actors and places) into event KEEP."""
    from timeline.store.corrections import CorrectionError

    with open_for_review(db) as store:
        try:
            store.merge_events(keep, other, author=reviewer(by), note=note)
        except CorrectionError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"event {other} merged into event {keep} ({store.event(keep)['n_sources']} sources)")


@click.command()
@click.argument("event_id", type=int)
@click.argument("doc_id")
@click.option("--db", envvar="TIMELINE_DB", default=None, help="Database URL or SQLite path.")
@click.option("--note", help="Why (kept with the change).")
@click.option("--by", help="Who (default $TIMELINE_REVIEWER, else your login name).")
def split(event_id: int, doc_id: str, db: str | None, note: str | None, by: str | None) -> None:
    """Move source DOC_ID of event EVENT_ID out into an event of its own."""
    from timeline.store.corrections import CorrectionError

    with open_for_review(db) as store:
        event = store.event(event_id)
        if event is None:
            raise click.ClickException(f"event {event_id} does not exist")
        # a prefix of the document id is enough, as long as it names one source
        matches = sorted({s["doc_id"] for s in event["sources"] if s["doc_id"].startswith(doc_id)})
        if len(matches) != 1:
            raise click.ClickException(f"event {event_id} has {'no' if not matches else 'several'} source(s) "
                                       f"starting with {doc_id!r}")
        try:
            new_id = store.split_source(event_id, matches[0], author=reviewer(by), note=note)
        except CorrectionError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"source {matches[0][:12]}… of event {event_id} is now event {new_id}")
