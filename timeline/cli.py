"""The `timeline` command.

Each subcommand lives in its own module under `timeline.commands` and is only
imported when it runs, so `timeline tag` does not pay for importing Dash.
"""
from __future__ import annotations

import importlib

import click

#: subcommand name -> "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "tag": "timeline.commands.tag:tag",
    "eval": "timeline.commands.evaluate:evaluate",
    "eval-events": "timeline.commands.eval_events:eval_events",
    "ingest": "timeline.commands.ingest:ingest",
    "events": "timeline.commands.events:events",
    "serve": "timeline.commands.serve:serve",
    "export": "timeline.commands.export:export",
    "mapdata": "timeline.commands.mapdata:mapdata",
    "edit": "timeline.commands.edit:edit",
    "hide": "timeline.commands.hide:hide",
    "history": "timeline.commands.history:history",
    "merge": "timeline.commands.merge:merge",
    "split": "timeline.commands.merge:split",
    "reprocess": "timeline.commands.reprocess:reprocess",
}

_HELP = {
    "tag": "Find and normalise date expressions in text.",
    "eval": "Score the tagger against a TempEval-style gold JSONL file.",
    "eval-events": "Score event types on CASE 2021 Task 2 snippets.",
    "ingest": "Read documents, extract dated events and store them.",
    "events": "List stored events, filtered.",
    "serve": "Serve the interactive timeline app on 127.0.0.1.",
    "export": "Export events as a self-contained HTML file or as data.",
    "mapdata": "Fetch or check the offline world map shapes.",
    "edit": "Correct an event's dates, type, actors, places, summary or fatalities.",
    "hide": "Mark events 'not an event' (kept, left out of views).",
    "history": "List the corrections of an event.",
    "merge": "Fold one event into another (they are one happening).",
    "split": "Move one source of a merged event out into its own event.",
    "reprocess": "Re-extract stored documents with the current code, keeping corrections.",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help without importing every command module.
        with formatter.section("Commands"):
            formatter.write_dl([(n, _HELP.get(n, "")) for n in self.list_commands(ctx)])


@click.group(cls=LazyGroup)
@click.version_option(package_name="conflict-timeline")
def main() -> None:
    """conflict-timeline: dated events from reports about a conflict."""


if __name__ == "__main__":  # pragma: no cover
    main()
