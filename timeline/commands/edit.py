"""`timeline edit EVENT_ID --type ... --date ... --place ...`: correct one event from the command line.

Each option is one correction, checked as the app's edit form checks it (`timeline.review`), written
onto the event and kept in its history with --by and --note. Scripted review runs this once per event.
"""
from __future__ import annotations

import click

from timeline.commands.events import existing_store_url

#: option name -> correction field
_FIELDS = {"date": "dates", "type": "type", "actor1": "actor1", "actor2": "actor2", "actors": "actors",
           "places": "places", "summary": "summary", "fatalities": "fatalities"}


def open_for_review(db: str | None):  # noqa: ANN201
    """The store of an existing database (a typo must not create an empty one)."""
    from timeline.store import Store, StoreError

    try:
        return Store(existing_store_url(db))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def reviewer(by: str | None) -> str:
    """Who made the change: --by, else $TIMELINE_REVIEWER, else the login name."""
    import getpass
    import os

    if by:
        return by
    try:
        return os.environ.get("TIMELINE_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


@click.command()
@click.argument("event_id", type=int)
@click.option("--db", envvar="TIMELINE_DB", default=None, help="Database URL or SQLite path.")
@click.option("--date", help="2023-06-09, 2023-06, 2023; A..B a span; 2022-08.. or ..2023-05 open; ~ approximate.")
@click.option("--type", "type_", help="ACLED type and sub-type: 'Battles/Armed clash', or 'Other'.")
@click.option("--actor1", help="Who acted (empty string: none).")
@click.option("--actor2", help="Who was acted on (empty string: none).")
@click.option("--actors", help="All actors, separated by ';'.")
@click.option("--place", "places", help="Places separated by ';': a gazetteer name, or name@lat,lon.")
@click.option("--summary", help="The event's summary.")
@click.option("--fatalities", help="Dead as the text states them (empty: unknown).")
@click.option("--note", help="Why (kept with each change).")
@click.option("--by", help="Who (default $TIMELINE_REVIEWER, else your login name).")
def edit(event_id: int, db: str | None, date: str | None, type_: str | None, actor1: str | None,
         actor2: str | None, actors: str | None, places: str | None, summary: str | None,
         fatalities: str | None, note: str | None, by: str | None) -> None:
    """Correct an event's dates, type, actors, places, summary or fatalities."""
    from dataclasses import asdict

    from timeline.gazetteer import lookup_place
    from timeline.review import ReviewError
    from timeline.store.corrections import CorrectionError

    given = {"date": date, "type": type_, "actor1": actor1, "actor2": actor2, "actors": actors, "places": places,
             "summary": summary, "fatalities": fatalities}
    given = {k: v for k, v in given.items() if v is not None}
    if not given:
        raise click.UsageError("nothing to change: give --date, --type, --actor1, --actor2, --actors, --place, "
                               "--summary or --fatalities")

    def lookup(name: str, country: str | None):  # noqa: ANN202
        place = lookup_place(name, country)
        return asdict(place) if place else None

    author = reviewer(by)
    with open_for_review(db) as store:
        if store.event(event_id) is None:
            raise click.ClickException(f"event {event_id} does not exist")
        changed = []
        for option, raw in given.items():
            try:
                cid = store.correct(event_id, _FIELDS[option], raw, author=author, note=note, lookup=lookup)
            except (ReviewError, CorrectionError) as exc:
                raise click.ClickException(f"--{option}: {exc}") from None
            changed.append(option if cid is not None else f"{option} (unchanged)")
        click.echo(f"event {event_id}: " + ", ".join(changed))
