"""`timeline serve`: the interactive app on 127.0.0.1 (debug off unless asked)."""
from __future__ import annotations

import ipaddress

import click


def _check_host(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Refuse an empty or blank --host: Flask would silently bind 127.0.0.1 while we announce ''."""
    value = (value or "").strip()
    if not value:
        raise click.BadParameter("give an interface to bind, e.g. 127.0.0.1 (loopback) or 0.0.0.0 (all)")
    return value


def is_loopback(host: str) -> bool:
    """localhost, the whole 127.0.0.0/8 and ::1 reach only this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", envvar="TIMELINE_DB", default=None, help="Database URL or SQLite path (default ./timeline.db).")
@click.option("--host", default="127.0.0.1", show_default=True, callback=_check_host,
              help="Interface to bind; anything but loopback exposes your data to the network.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535))
@click.option("--debug/--no-debug", default=False, show_default=True,
              help="Dash debug mode (reloader, in-browser tracebacks). Never on a shared network.")
@click.option("--max-upload-mb", default=10.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Largest document accepted by the upload box.")
@click.option("--create", is_flag=True, default=False,
              help="Create the database when it does not exist (otherwise a missing one is an error).")
def serve(db: str | None, host: str, port: int, debug: bool, max_upload_mb: float, create: bool = False) -> None:
    """Serve the interactive timeline app."""
    from timeline.commands.events import existing_store_url

    if not create:
        db = existing_store_url(db)  # a typo in --db is an error, not a new empty database
    from timeline.app.server import create_app
    from timeline.mapdata import ensure
    from timeline.store import StoreError

    problem = ensure()  # the world shapes for the map, fetched once from the npm registry when missing
    if problem:
        click.echo(f"warning: the map will draw without land and borders: {problem}", err=True)

    try:
        app = create_app(db, max_upload_mb=max_upload_mb)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not is_loopback(host):
        click.echo(f"warning: binding {host}; anyone who can reach it can read and add documents", err=True)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    app.run(host=host, port=port, debug=debug)
