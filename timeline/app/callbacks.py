"""Dash callbacks: thin glue from inputs to store queries to the pure builders.

Figures come from `figures`, panels from `detail`, rows from `table`, the filter
state from `state`; each callback only reads its inputs, asks the store and hands
the records to one of those.
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Any

from dash import ALL, Dash, Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate

from timeline.app import figures
from timeline.app.detail import detail_panel, document_view
from timeline.app.layout import graph_style
from timeline.app.queries import AppQueries
from timeline.app.review import EditPolicy, edit_section
from timeline.app.state import (
    LANES,
    LIST_KEYS,
    SCALAR_KEYS,
    parse_partial_date,
    state_from_controls,
    state_to_filter,
)
from timeline.app.table import sort_order, table_row

CONTROLS = {
    "search": ("filter-search", "value"),
    "date_from": ("filter-from", "value"),
    "date_to": ("filter-to", "value"),
    "event_types": ("filter-types", "value"),
    "actors": ("filter-actors", "value"),
    "places": ("filter-places", "value"),
    "sources": ("filter-sources", "value"),
    "lanes": ("filter-lanes", "value"),
}
CONTROL_IDS = {cid for cid, _ in CONTROLS.values()}
CONTROL_INPUTS = [Input(cid, prop) for cid, prop in CONTROLS.values()]

#: the filter-sync callback in JavaScript (see `register_callbacks`); key orders follow
#: `timeline.app.state` (SCALAR_KEYS, LIST_KEYS) and `CONTROLS`
SYNC_FILTERS_JS = """
function(search, _clear, ...values) {
    const dc = window.dash_clientside;
    const current = values.pop();
    const KEYS = %(keys)s;
    const LIST = %(lists)s;
    const SCALAR = %(scalars)s;
    const LANES = %(lanes)s;
    const isList = (key) => Object.prototype.hasOwnProperty.call(LIST, key);
    const empty = () => {
        const state = {};
        for (const key in LIST) { state[key] = []; }
        Object.assign(state, {date_from: '', date_to: '', search: '', lanes: 'event_type'});
        return state;
    };
    const filled = (v) => Array.isArray(v) ? v.length > 0 : Boolean(v);
    // Python's urllib quote_plus / unquote_plus
    const quote = (v) => encodeURIComponent(String(v)).replace(/[!'()*]/g,
        (c) => '%%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%%20/g, '+');
    const unquote = (v) => { const t = v.replace(/\\+/g, ' '); try { return decodeURIComponent(t); } catch (e) { return t; } };
    const toQuery = (state) => {
        const pairs = [];
        for (const key in SCALAR) {
            const value = state[key];
            if (value && !(key === 'lanes' && value === 'event_type')) { pairs.push(quote(SCALAR[key]) + '=' + quote(value)); }
        }
        for (const key in LIST) { for (const v of state[key] || []) { pairs.push(quote(LIST[key]) + '=' + quote(v)); } }
        return pairs.length ? '?' + pairs.join('&') : '';
    };
    const fromQuery = (text) => {
        const params = {};
        for (const part of (text || '').replace(/^\\?+/, '').split('&')) {
            const at = part.indexOf('=');
            if (at < 0) { continue; }
            const key = unquote(part.slice(0, at)), value = unquote(part.slice(at + 1));
            if (value === '') { continue; }
            (params[key] = params[key] || []).push(value);
        }
        const state = empty();
        for (const key in LIST) { state[key] = (params[LIST[key]] || []).filter((v) => v.trim()); }
        for (const key in SCALAR) { const vs = params[SCALAR[key]]; if (vs) { state[key] = vs[vs.length - 1]; } }
        if (!LANES.includes(state.lanes)) { state.lanes = 'event_type'; }
        return state;
    };
    const fromControls = () => {
        const state = empty();
        KEYS.forEach((key, i) => { if (filled(values[i])) { state[key] = isList(key) ? [...values[i]] : values[i]; } });
        if (!LANES.includes(state.lanes)) { state.lanes = 'event_type'; }
        return state;
    };
    const canonical = (obj) => JSON.stringify(obj, Object.keys(obj || {}).sort());
    const trigger = (dc.callback_context.triggered || []).map((t) => t.prop_id.split('.')[0]).filter((t) => t)[0];
    if (trigger === undefined || trigger === 'url' || trigger === 'clear-filters') {
        const state = trigger === 'clear-filters' ? empty() : fromQuery(search);
        if (trigger !== 'clear-filters' && current && canonical(state) === canonical(current)) {
            throw dc.PreventUpdate;  // the page was built for this state: nothing to redraw
        }
        const query = toQuery(state);
        const controls = KEYS.map((key) => filled(state[key]) ? state[key] : (isList(key) ? null : ''));
        controls[controls.length - 1] = state.lanes;
        return [query !== (search || '') ? query : dc.no_update, state, ...controls];
    }
    const state = fromControls();
    const query = toQuery(state);
    return [query !== (search || '') ? query : dc.no_update, state, ...KEYS.map(() => dc.no_update)];
}
""" % {"keys": json.dumps(list(CONTROLS)), "lists": json.dumps(LIST_KEYS), "scalars": json.dumps(SCALAR_KEYS),
       "lanes": json.dumps(list(LANES))}


def window_dates(window: list[str] | None) -> tuple[date, date] | None:
    if not window:
        return None
    lo, hi = parse_partial_date(window[0][:10]), parse_partial_date(window[1][:10])
    if lo is None or hi is None:
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def clicked_event_id(click: dict[str, Any] | None) -> int | None:
    """The event id behind a click on the timeline (customdata = id) or map (customdata = [ids])."""
    points = (click or {}).get("points") or []
    if not points:
        return None
    data = points[0].get("customdata")
    if isinstance(data, list):
        data = data[0] if data else None
    try:
        return int(data) if data is not None else None
    except (TypeError, ValueError):
        return None


def register_callbacks(app: Dash, queries: AppQueries, policy: EditPolicy | None = None) -> None:
    """Wire every callback of the layout in `timeline.app.layout` to `queries`; `policy` says
    whether the detail panel offers the edit form (the writes check it again, see app.review)."""
    policy = policy or EditPolicy()

    # URL -> controls on load / navigation; controls -> URL and state otherwise (one callback,
    # no loop). It runs in the browser: Dash holds back every callback whose inputs this one
    # may set (the timeline, map and table) until it returns, so a server round trip here
    # would delay each filter change by one request. The rules mirror `timeline.app.state`
    # (state_from_query, state_from_controls, state_to_query), which the server keeps using.
    app.clientside_callback(
        SYNC_FILTERS_JS,
        Output("url", "search"),
        Output("filter-state", "data"),
        *[Output(cid, prop) for cid, prop in CONTROLS.values()],
        Input("url", "search"),
        Input("clear-filters", "n_clicks"),
        *[Input(cid, prop) for cid, prop in CONTROLS.values()],
        State("filter-state", "data"),
    )

    # A zoom or pan sets the window (in the browser: no round trip before the re-query);
    # autosize, legend clicks and the like do not.
    app.clientside_callback(
        """
        function(relayout, current) {
            const nu = window.dash_clientside.no_update;
            if (!relayout) { return nu; }
            if (relayout['xaxis.autorange']) { return current === null || current === undefined ? nu : null; }
            let range = null;
            if ('xaxis.range[0]' in relayout && 'xaxis.range[1]' in relayout) {
                range = [String(relayout['xaxis.range[0]']), String(relayout['xaxis.range[1]'])];
            } else if (Array.isArray(relayout['xaxis.range']) && relayout['xaxis.range'].length === 2) {
                range = [String(relayout['xaxis.range'][0]), String(relayout['xaxis.range'][1])];
            }
            if (range === null || (current && current[0] === range[0] && current[1] === range[1])) { return nu; }
            return range;
        }
        """,
        Output("view-window", "data", allow_duplicate=True),
        Input("timeline-graph", "relayoutData"),
        State("view-window", "data"),
        prevent_initial_call=True,
    )

    # the plot area's width, so the server lays labels out for the width they are drawn at
    app.clientside_callback(
        """
        function(_path) {
            const node = document.getElementById('timeline-graph');
            const width = node ? node.clientWidth - %(margins)d : 0;
            return width > 200 ? width : window.dash_clientside.no_update;
        }
        """ % {"margins": figures.LANE_MARGIN_PX + figures.BADGE_MARGIN_PX},
        Output("plot-width", "data"),
        Input("url", "pathname"),
    )

    # the edge markers ("◀ 1 earlier event (1932)") and lane badges ("+12") name the window they open
    app.clientside_callback(
        """
        function(click) {
            const name = click && click.annotation && click.annotation.name;
            if (!name || name.indexOf('window:') !== 0) { return window.dash_clientside.no_update; }
            return name.slice(7).split('/');
        }
        """,
        Output("view-window", "data", allow_duplicate=True),
        Input("timeline-graph", "clickAnnotationData"),
        prevent_initial_call=True,
    )

    # From / To that are not dates are not applied; say so next to the boxes
    app.clientside_callback(
        """
        function(from, to) {
            const bad = (v) => {
                if (!v || !v.trim()) { return false; }
                const m = /^\\s*(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?\\s*$/.exec(v);
                if (!m) { return true; }
                const month = m[2] ? Number(m[2]) : 1, day = m[3] ? Number(m[3]) : 1;
                const d = new Date(Date.UTC(Number(m[1]), month - 1, day));
                return month < 1 || month > 12 || d.getUTCDate() !== day;
            };
            const msgs = [];
            if (bad(from)) { msgs.push('From \u201c' + from + '\u201d is not a date (YYYY, YYYY-MM or YYYY-MM-DD); it is ignored.'); }
            if (bad(to)) { msgs.push('To \u201c' + to + '\u201d is not a date (YYYY, YYYY-MM or YYYY-MM-DD); it is ignored.'); }
            return msgs.join(' ');
        }
        """,
        Output("date-error", "children"),
        Input("filter-from", "value"),
        Input("filter-to", "value"),
    )

    @app.callback(
        Output("view-window", "data", allow_duplicate=True),
        Input("timeline-graph", "clickData"),
        prevent_initial_call=True,
    )
    def zoom_into_count(click: dict[str, Any] | None) -> Any:
        """A click on a count bar (customdata = its period) zooms into that period."""
        points = (click or {}).get("points") or []
        period = points[0].get("customdata") if points else None
        if not isinstance(period, str) or period not in figures.PERIODS:
            raise PreventUpdate
        window = figures.period_window(str(points[0].get("x")), period)
        if window is None:
            raise PreventUpdate
        return window

    @app.callback(
        Output("timeline-graph", "figure"),
        Output("timeline-graph", "style"),
        Output("view-mode", "children"),
        Output("view-window", "data"),
        *CONTROL_INPUTS,
        Input("view-window", "data"),
        Input("data-version", "data"),
        State("selected-event", "data"),
        State("plot-width", "data"),
        prevent_initial_call=True,  # the layout holds the first figure
    )
    def draw_timeline(*args: Any) -> Any:
        """Redraw for a new filter (from the whole extent), new data, or a new window (re-queried).

        The filter controls are inputs here (not the filter-state store that `sync_filters`
        writes) so a filter change costs one round trip, not two."""
        *values, window, _v, selected, plot_px = args
        state = state_from_controls(dict(zip(CONTROLS, values)))
        new_filter = ctx.triggered_id in CONTROL_IDS
        if new_filter:
            window = None
        width = float(plot_px) if isinstance(plot_px, (int, float)) and plot_px > 0 else None
        fig, note = queries.timeline(state, window, window_dates(window), selected, width)
        return fig, graph_style(fig), note, (None if new_filter and window is None else no_update)

    @app.callback(
        Output("map-graph", "figure"),
        Output("map-note", "children"),
        Output("event-count", "children"),
        *CONTROL_INPUTS,
        Input("data-version", "data"),
        prevent_initial_call=True,  # the layout holds the first map
    )
    def draw_map(*args: Any) -> Any:
        *values, _v = args
        return queries.map_view(state_from_controls(dict(zip(CONTROLS, values))))

    @app.callback(
        Output("filter-actors", "options"),
        Output("filter-places", "options"),
        Output("filter-sources", "options"),
        Input("data-version", "data"),
        State("filter-state", "data"),
        prevent_initial_call=True,  # the layout holds the first menus
    )
    def refresh_options(_v: int, state: dict[str, Any] | None) -> Any:
        options = queries.menu_options(state)
        return options["actors"], options["places"], options["sources"]

    @app.callback(
        Output("events-grid", "getRowsResponse"),
        Input("events-grid", "getRowsRequest"),
        *[State(cid, prop) for cid, prop in CONTROLS.values()],
    )
    def table_rows(request: dict[str, Any] | None, *values: Any) -> Any:
        if not request:
            raise PreventUpdate
        flt = state_to_filter(state_from_controls(dict(zip(CONTROLS, values))))
        start = int(request.get("startRow") or 0)
        end = int(request.get("endRow") or start + 100)
        events = queries.store.events(flt, limit=end - start, offset=start, order=sort_order(request.get("sortModel")))
        return {"rowData": [table_row(e) for e in events], "rowCount": queries.count(flt)}

    # a new filter or new data: drop the grid's cached blocks so it asks for rows again.
    # Triggered by the filter state `sync_filters` writes, not by the controls: purging
    # re-renders the grid (~50 ms of the browser's main thread), which would otherwise hold
    # back the timeline and map requests of the same filter change.
    app.clientside_callback(
        """
        function() {
            // after this task: Dash sends the timeline and map requests of the same change first
            setTimeout(function() {
                try {
                    dash_ag_grid.getApi('events-grid').purgeInfiniteCache();
                } catch (err) {
                    // the grid is not mounted yet: it will ask for its first rows itself
                }
            }, 0);
            return window.dash_clientside.no_update;
        }
        """,
        Output("grid-purged", "data"),
        Input("filter-state", "data"),
        Input("data-version", "data"),
        prevent_initial_call=True,
    )

    # the selected event's row, when loaded, is selected and scrolled into view
    app.clientside_callback(
        """
        function(id) {
            try {
                const api = dash_ag_grid.getApi('events-grid');
                api.forEachNode(function(node) {
                    const hit = id !== null && node.data !== undefined && node.data.id === id;
                    if (hit !== node.isSelected()) { node.setSelected(hit); }
                    if (hit) { api.ensureIndexVisible(node.rowIndex); }
                });
            } catch (err) {
                // the grid is not mounted yet
            }
            return window.dash_clientside.no_update;
        }
        """,
        Output("grid-synced", "data"),
        Input("selected-event", "data"),
        prevent_initial_call=True,
    )

    # on a laptop screen the detail panel is below the fold: bring it into view when it fills
    app.clientside_callback(
        """
        function(children) {
            const section = document.getElementById('detail-section');
            if (section && children) { section.scrollIntoView({block: 'nearest'}); }
            return window.dash_clientside.no_update;
        }
        """,
        Output("detail-section", "className"),
        Input("detail-panel", "children"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("selected-event", "data"),
        Input("timeline-graph", "clickData"),
        Input("map-graph", "clickData"),
        Input("events-grid", "selectedRows"),
        Input("clear-filters", "n_clicks"),
        State("selected-event", "data"),
        prevent_initial_call=True,
    )
    def select_event(tl_click: Any, map_click: Any, rows: Any, _clear: Any, current: Any) -> Any:
        if ctx.triggered_id == "clear-filters":
            return None   # "Clear filters" starts over: no event in the detail panel either
        if ctx.triggered_id == "events-grid":
            row_id = rows[0].get("id") if isinstance(rows, list) and rows else None
            if row_id is None or row_id == current:
                raise PreventUpdate
            return int(row_id)
        event_id = clicked_event_id(tl_click if ctx.triggered_id == "timeline-graph" else map_click)
        if event_id is None:
            raise PreventUpdate
        return event_id

    @app.callback(
        Output("detail-panel", "children"),
        Output("timeline-graph", "figure", allow_duplicate=True),
        Output("edit-message", "children", allow_duplicate=True),
        Input("selected-event", "data"),
        Input("data-version", "data"),
        prevent_initial_call=True,
    )
    def show_detail(event_id: Any, _version: Any) -> Any:
        """The event's detail, its edit form and history; again after a correction (new data-version),
        when the timeline redraws by itself and the last message stays."""
        event = queries.store.event(int(event_id)) if event_id is not None else None
        panel = detail_panel(event)
        if event is not None:
            panel += edit_section(event, queries.store.history(event["id"]), policy, event.get("edited"),
                                  open_form=ctx.triggered_id == "data-version")
        if ctx.triggered_id == "data-version":
            if event is None:
                raise PreventUpdate
            return panel, no_update, no_update
        patch = Patch()
        xs, ys = figures.selection_band(event)
        patch["data"][0]["x"] = xs
        patch["data"][0]["y"] = ys
        return panel, patch, None

    @app.callback(
        Output("doc-modal", "style"),
        Output("doc-body", "children"),
        Input({"type": "open-doc", "doc": ALL, "i": ALL}, "n_clicks"),
        Input("doc-close", "n_clicks"),
        State("selected-event", "data"),
        prevent_initial_call=True,
    )
    def open_document(clicks: list[int], _close: int, event_id: Any) -> Any:
        trigger = ctx.triggered_id
        if trigger == "doc-close":
            return {"display": "none"}, []
        if not isinstance(trigger, dict) or not any(clicks) or event_id is None:
            raise PreventUpdate
        event = queries.store.event(int(event_id)) or {}
        sources = event.get("sources") or []
        index = int(trigger.get("i", 0))
        source = sources[index] if index < len(sources) else None
        document = queries.store.document(trigger.get("doc") or "")
        return {"display": "flex"}, document_view(document, source)

    @app.callback(
        Output("add-status", "children"),
        Output("data-version", "data"),
        Input("upload", "contents"),
        Input("paste-submit", "n_clicks"),
        State("upload", "filename"),
        State("paste-text", "value"),
        State("paste-date", "value"),
        State("paste-title", "value"),
        State("data-version", "data"),
        prevent_initial_call=True,
    )
    def add_documents(contents: Any, _n: int, filenames: Any, text: str | None, pub: str | None,
                      title: str | None, version: int) -> Any:
        if ctx.triggered_id == "upload":
            if not contents:
                raise PreventUpdate
            contents = contents if isinstance(contents, list) else [contents]
            filenames = filenames if isinstance(filenames, list) else [filenames]
            uploads, bad = [], []
            for content, name in zip(contents, filenames):
                try:
                    uploads.append((name or "upload", _decode_upload(content)))
                except ValueError as exc:  # this file only: the others are still added
                    bad.append(f"{name}: {exc}")
            try:
                message = queries.add_uploads(uploads) if uploads else "Nothing added."
            except Exception as exc:  # never a stuck request or a Dash error page: say what happened
                message = f"Not added: {type(exc).__name__}: {exc}"
            if bad:
                message = f"{message} Not added: " + "; ".join(bad)
            if not uploads:
                return message, no_update
        else:
            if not (text or "").strip():
                return "Nothing to add: the text box is empty.", no_update
            published = parse_partial_date(pub) if pub else None
            if pub and (published is None or len(pub.strip()) != 10):
                return f"Publication date {pub!r} is not a YYYY-MM-DD date.", no_update
            message = queries.add_text(text or "", title=title or None, published=published)
        return message, (version or 0) + 1


def _decode_upload(content: str) -> bytes:
    """The bytes of a dcc.Upload data URL."""
    _, _, payload = (content or "").partition(",")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the upload is not valid base64 data") from None
