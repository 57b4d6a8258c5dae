"""`create_app`: the Dash app for one store, safe by default.

Binds nothing itself (see `timeline serve`), limits request bodies to the upload
size, serves the world map shapes locally so the map draws with no network, and
keeps every piece of document text out of raw HTML.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import dash

from timeline.app.callbacks import register_callbacks
from timeline.app.layout import build_layout
from timeline.app.queries import AppQueries
from timeline.app.review import EditPolicy, edit_section, register_review_callbacks

#: Dash assets (CSS, small JS): the repo's top-level assets/, reached through the
#: timeline/app/static link so that a built wheel carries them inside the package.
ASSETS = Path(__file__).resolve().parent / "static"
#: Dash loads plotly.js only once a graph mounts (after layout and dependencies arrive);
#: a deferred script in the head fetches and compiles it while the renderer starts, and
#: dcc.Graph then finds window.Plotly already there.
INDEX = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        <script defer src="PREFIX_dash-component-suites/plotly/package_data/plotly.min.js"></script>
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def _open_store(store_or_url: Any) -> Any:
    if isinstance(store_or_url, (str, Path)) or store_or_url is None:
        from timeline.store import Store

        return Store(None if store_or_url is None else str(store_or_url))
    return store_or_url


def _map_config(server: Any, requests_prefix: str) -> dict[str, Any]:
    """Serve the shipped topojson from this Flask server and point plotly.js at it."""
    from timeline.mapdata import plotly_config, register_topojson_route

    route = register_topojson_route(server)
    return plotly_config(requests_prefix.rstrip("/") + route)


def _warm_up_plotly() -> None:
    """Build one figure of each kind: plotly creates its validators on first use (~0.5 s),
    which would otherwise land on the first visitor's first render."""
    from timeline.app import figures

    day = {"id": 0, "date_start": "2023-01-01", "date_end": "2023-01-01", "precision": "day",
           "places": [{"name": "x", "lat": 0.0, "lon": 0.0}]}
    month = {**day, "id": 1, "date_end": "2023-01-31", "precision": "month", "approximate": True}
    figures.timeline_figure([day, month, {**day, "id": 2, "date_end": None, "open_end": True}])
    figures.counts_figure([("2023-01-01", "Other", 1)], period="month")
    figures.map_figure(figures.place_points([day]))


def _validation_layout(layout: Any) -> Any:
    """The page plus an editable edit form with a token box: every id a callback names, for Dash's checks
    (the form exists only once an event is selected)."""
    from dash import html

    sample = {"id": 0, "summary": "", "sources": [{"doc_id": "a"}, {"doc_id": "b"}]}
    return html.Div([layout, *edit_section(sample, [], EditPolicy(token=""))])


def create_app(store_or_url: Any = None, *, max_upload_mb: float = 10, title: str = "Conflict timeline",
               requests_pathname_prefix: str = "/", edit_policy: EditPolicy | None = None) -> dash.Dash:
    """A Dash app over a `Store` (or a database URL / path; None = $TIMELINE_DB or ./timeline.db).

    `edit_policy` says who may correct events (default: editable with no token, right for
    127.0.0.1; `timeline serve` makes it read-only or token-guarded beyond loopback)."""
    if max_upload_mb <= 0:
        raise ValueError(f"max_upload_mb must be positive, got {max_upload_mb}")
    store = _open_store(store_or_url)
    max_bytes = int(max_upload_mb * 1024 * 1024)
    app = dash.Dash(
        __name__,
        title=title,
        assets_folder=str(ASSETS),
        requests_pathname_prefix=requests_pathname_prefix,
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=False,
    )
    app.index_string = INDEX.replace("PREFIX", requests_pathname_prefix)
    # base64 makes an upload ~4/3 larger, plus the JSON envelope of the callback request
    app.server.config["MAX_CONTENT_LENGTH"] = int(max_bytes * 4 / 3) + 1024 * 1024
    map_config = _map_config(app.server, requests_pathname_prefix)
    queries = AppQueries(store, max_upload_bytes=max_bytes)

    def _layout() -> Any:
        return build_layout(max_upload_mb=max_upload_mb, map_config=map_config, initial=queries.initial_view())

    app.layout = _layout
    policy = edit_policy or EditPolicy()
    app.validation_layout = _validation_layout(
        build_layout(max_upload_mb=max_upload_mb, map_config=map_config))
    register_callbacks(app, queries, policy)
    register_review_callbacks(app, queries, policy)
    _warm_up_plotly()
    app.timeline_queries = queries  # type: ignore[attr-defined]  # for tests and benchmarks
    return app
