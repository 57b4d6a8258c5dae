"""`timeline reprocess [--db ...] [filters]`: re-extract stored documents with the current code.

The analyst's corrections are written again onto the new events (see `timeline.reprocess`); those whose
event is gone are listed as orphaned and kept. With filters, only the documents that report a matching
event are re-read.
"""
from __future__ import annotations

from datetime import date

import click

from timeline.commands.edit import open_for_review
from timeline.commands.events import event_filter, filter_options


@click.command()
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def reprocess(db: str | None, date_from: date | None, date_to: date | None, actors: tuple[str, ...],
              places: tuple[str, ...], event_types: tuple[str, ...], sources: tuple[str, ...],
              search: str | None, as_json: bool) -> None:
    """Re-run publication dates and extraction on stored documents, keeping every correction."""
    import json

    from rich.progress import Progress

    from timeline.reprocess import reprocess as run

    flt = event_filter(date_from, date_to, actors, places, event_types, sources, search)
    filtered = any((date_from, date_to, actors, places, event_types, sources, search))
    with open_for_review(db) as store:
        documents = None
        if filtered:
            documents = {src["doc_id"] for ev in store.events(flt) for src in ev["sources"]}
            if not documents:
                click.echo("no stored event matches the filters: nothing to reprocess")
                return
        with Progress(transient=True, disable=as_json) as bar:
            task = bar.add_task("re-extracting", total=None)
            summary = run(store, documents, progress=lambda n, total: bar.update(task, completed=n, total=total))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), default=str, ensure_ascii=False))
    else:
        click.echo(f"{summary.documents} documents re-read: {summary.events_before} events before, "
                   f"{summary.events_after} after ({summary.events_added} added, {summary.events_changed} changed, "
                   f"{summary.events_removed} removed); {summary.corrections_applied} corrections re-applied, "
                   f"{len(summary.orphaned)} orphaned")
        for o in summary.orphaned:
            click.echo(f"orphaned: correction {o['id']} ({o['field']}, by {o['author'] or '?'} on {o['when']}) "
                       f"of the event read in {o['doc_id'][:12]}… at {o['sentence_start']}: its event is gone")
        for origin, reason in summary.failed:
            click.echo(f"failed: {origin}: {reason} (its stored events were kept)", err=True)
    if summary.failed:
        raise SystemExit(1)
