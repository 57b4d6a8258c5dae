"""`timeline serve`: the interactive app on 127.0.0.1 (debug off unless asked)."""
from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from timeline.app.review import EditPolicy


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


def edit_policy(host: str, allow_edits: bool, token: str | None) -> EditPolicy:
    """Who may correct events: anyone on loopback (with the token if one is set); beyond loopback
    nobody, unless --allow-edits, and then only with the shared secret."""
    from timeline.app.review import EditPolicy

    token = (token or "").strip() or None
    if is_loopback(host):
        return EditPolicy(editable=True, token=token)
    if not allow_edits:
        return EditPolicy(editable=False, reason=f"Read-only: this server is bound to {host} without --allow-edits.")
    if token is None:
        raise click.UsageError("--allow-edits beyond loopback needs a shared secret: --edit-token or "
                               "$TIMELINE_EDIT_TOKEN")
    return EditPolicy(editable=True, token=token)


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
@click.option("--allow-edits", is_flag=True, default=False,
              help="Accept corrections when bound beyond loopback (needs --edit-token). On loopback they always are.")
@click.option("--edit-token", envvar="TIMELINE_EDIT_TOKEN", default=None, metavar="SECRET",
              help="Shared secret every correction must carry (also $TIMELINE_EDIT_TOKEN).")
def serve(db: str | None, host: str, port: int, debug: bool, max_upload_mb: float, create: bool = False,
          allow_edits: bool = False, edit_token: str | None = None) -> None:
    """Serve the interactive timeline app (editable on 127.0.0.1; read-only beyond it unless --allow-edits)."""
    policy = edit_policy(host, allow_edits, edit_token)
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
        app = create_app(db, max_upload_mb=max_upload_mb, edit_policy=policy)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if not is_loopback(host):
        click.echo(f"warning: binding {host}; anyone who can reach it can read and add documents", err=True)
        click.echo("corrections: " + ("accepted with the edit token" if policy.editable else
                                      "refused (read-only; --allow-edits with --edit-token to accept them)"), err=True)
    click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    app.run(host=host, port=port, debug=debug)
