"""The page: filters on the left, timeline on top, table and map below, detail and add-documents panels.

Every control has a visible label tied to it (`html.Label(htmlFor=...)`) and the
tab order follows reading order: filters, timeline, table, map, detail.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import dash_ag_grid as dag
from dash import dcc, html

from timeline.model import EVENT_TYPES

GRID_PAGE = 100  # rows per block fetched by the table's infinite row model

COLUMNS: list[dict[str, Any]] = [
    # wide enough for a whole range ("about 2022-01-01 – 2022-12-31"); long cells wrap or show a tooltip
    {"field": "date", "headerName": "Date", "colId": "date", "width": 190, "sortable": True,
     "tooltipField": "date_full"},
    {"field": "precision", "headerName": "Precision", "colId": "precision", "width": 96, "sortable": True},
    {"field": "event_type", "headerName": "Type", "colId": "type", "width": 170, "sortable": True,
     "tooltipField": "event_type"},
    {"field": "summary", "headerName": "Summary", "colId": "summary", "flex": 1, "minWidth": 240,
     "sortable": True, "tooltipField": "summary"},
    {"field": "actors", "headerName": "Actors", "colId": "actors", "width": 200, "sortable": False,
     "tooltipField": "actors", "wrapText": True, "cellStyle": {"lineHeight": "1.25", "whiteSpace": "normal"}},
    {"field": "places", "headerName": "Places", "colId": "places", "width": 150, "sortable": False,
     "tooltipField": "places"},
    {"field": "source", "headerName": "Source", "colId": "sources", "width": 150, "sortable": True,
     "tooltipField": "source"},
]


def _labelled(label: str, control: Any, control_id: str, hint: str | None = None) -> html.Div:
    children: list[Any] = [html.Label(label, htmlFor=control_id), control]
    if hint:
        children.append(html.Small(hint, className="hint", id=f"{control_id}-hint"))
    return html.Div(children, className="field")


def _dropdown(control_id: str, placeholder: str, options: list[Any] | None = None) -> dcc.Dropdown:
    return dcc.Dropdown(id=control_id, options=options or [], multi=True, placeholder=placeholder,
                        searchable=True, clearable=True)


def filter_panel(options: dict[str, list[dict[str, Any]]] | None = None) -> html.Section:
    options = options or {}
    return html.Section(
        [
            html.H2("Filters"),
            _labelled("Search text", dcc.Input(id="filter-search", type="search", debounce=True,
                                               placeholder="words in the sentence or summary"),
                      "filter-search"),
            html.Div(
                [
                    _labelled("From", dcc.Input(id="filter-from", type="text", debounce=True,
                                                placeholder="YYYY[-MM[-DD]]"), "filter-from"),
                    _labelled("To", dcc.Input(id="filter-to", type="text", debounce=True,
                                              placeholder="YYYY[-MM[-DD]]"), "filter-to"),
                ],
                className="date-row",
            ),
            # filled by a clientside callback when From or To is not a date (it is then not applied)
            html.Div(id="date-error", role="alert", className="field-error"),
            _labelled("Event types", _dropdown("filter-types", "all types",
                                               [{"label": t, "value": t} for t in EVENT_TYPES]), "filter-types"),
            _labelled("Actors", _dropdown("filter-actors", "all actors", options.get("actors")), "filter-actors"),
            _labelled("Places", _dropdown("filter-places", "all places", options.get("places")), "filter-places"),
            _labelled("Sources", _dropdown("filter-sources", "all publishers / documents",
                                                  options.get("sources")), "filter-sources"),
            html.Fieldset(
                [
                    html.Legend("Timeline lanes"),
                    dcc.RadioItems(id="filter-lanes", options=[{"label": " by event type", "value": "event_type"},
                                                                {"label": " by actor", "value": "actor"}],
                                   value="event_type", className="radio", inline=True),
                ],
                className="field",
            ),
            html.Button("Clear filters", id="clear-filters", n_clicks=0, className="small-button"),
        ],
        className="panel filters",
        **{"aria-label": "Filters"},
    )


def add_documents_panel(max_upload_mb: float) -> html.Section:
    return html.Section(
        [
            html.H2("Add documents"),
            dcc.Upload(
                id="upload",
                children=html.Div(["Drop files here or ", html.Button("choose files", className="link-button")]),
                multiple=True,
                max_size=int(max_upload_mb * 1024 * 1024),
                className="upload",
            ),
            html.Small(f".txt, .html, .md, .jsonl — up to {max_upload_mb:g} MB each", className="hint",
                       id="upload-hint", **{"data-max-bytes": str(int(max_upload_mb * 1024 * 1024))}),
            # filled by assets/upload-limit.js: the browser drops a file over the limit before any callback
            html.Div(id="upload-refused", role="alert", className="upload-refused"),
            _labelled("Or paste text", dcc.Textarea(id="paste-text", rows=4, placeholder="article text"),
                      "paste-text"),
            _labelled("Publication date (optional)", dcc.Input(id="paste-date", type="text",
                                                               placeholder="YYYY-MM-DD"), "paste-date"),
            _labelled("Title (optional)", dcc.Input(id="paste-title", type="text"), "paste-title"),
            html.Button("Add pasted text", id="paste-submit", n_clicks=0, className="small-button"),
            html.Div(id="add-status", role="status", **{"aria-live": "polite"}),
        ],
        className="panel add-docs",
        **{"aria-label": "Add documents"},
    )


def event_grid() -> dag.AgGrid:
    return dag.AgGrid(
        id="events-grid",
        columnDefs=COLUMNS,
        rowModelType="infinite",
        defaultColDef={"resizable": True, "sortable": False},
        dashGridOptions={
            "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
            "cacheBlockSize": GRID_PAGE,
            "maxBlocksInCache": 20,
            "infiniteInitialRowCount": 1,
            "rowBuffer": 10,
            "tooltipShowDelay": 400,
            "animateRows": False,
            "rowHeight": 38,
            "headerHeight": 32,
        },
        style={"height": "100%", "width": "100%"},
    )


LEGEND_MARKS: list[tuple[str, str, str]] = [
    ("dot", "\u25cf", "a single day"),
    ("bar", "\u25ac", "a longer period (week, month, season, year, range), over its whole interval"),
    ("approx", "\u25cb \u2504", "hollow or dotted: an approximate date"),
    ("open", "\u25ac\u25b6", "short bar with an arrow, in its own row: open-ended (\u2018since August 2022\u2019)"),
    ("edge", "\u25c0 N earlier", "events outside the shown range: click to show them"),
    ("badge", "+N", "more events in a crowded lane: click to zoom in"),
]


def graph_style(fig: Any) -> dict[str, str]:
    """The timeline container's CSS size: as tall as the figure asks for (its rows)."""
    height = getattr(getattr(fig, "layout", None), "height", None) if fig is not None else None
    return {"height": f"{int(height)}px" if height else "340px"}


def legend_note() -> html.Div:
    """What every mark on the timeline means (colours: the legend inside the chart)."""
    return html.Div(
        [html.Span([html.B(symbol, className=f"key-{key}"), " ", text], className="key")
         for key, symbol, text in LEGEND_MARKS]
        + [html.Span("Text next to a mark: a short title; hover for the full sentence, date and sources.",
                     className="key")],
        className="hint legend-note", id="timeline-legend",
    )


@dataclass
class InitialView:
    """What the page shows before any callback runs (the unfiltered view), so the first
    render needs no round trip: figures, texts, filter menus and the state they belong to."""

    state: dict[str, Any]
    timeline: Any = None
    timeline_note: str = ""
    map: Any = None
    map_note: str = ""
    count_text: str = ""
    options: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def build_layout(*, max_upload_mb: float, map_config: dict[str, Any], initial: InitialView | None = None) -> html.Div:
    """The whole page. `map_config` is the dcc.Graph config that points geo maps at local topojson;
    `initial` pre-fills the views (see InitialView)."""
    initial = initial or InitialView(state={})
    figure_kw = lambda fig: {} if fig is None else {"figure": fig}  # noqa: E731
    graph_config = {"displaylogo": False, "scrollZoom": True, "responsive": True, "showSendToCloud": False,
                    "showEditInChartStudio": False, "showLink": False,
                    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"]}
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="filter-state", data=initial.state or None),
            dcc.Store(id="view-window"),
            dcc.Store(id="plot-width"),       # the timeline's plot area in px, measured in the browser
            dcc.Store(id="selected-event"),
            dcc.Store(id="data-version", data=0),
            dcc.Store(id="grid-purged"),   # outputs of the grid's clientside callbacks
            dcc.Store(id="grid-synced"),
            html.Header(
                [
                    html.H1("Conflict timeline"),
                    html.Div(initial.count_text, id="event-count", className="count", role="status",
                             **{"aria-live": "polite"}),
                    html.Div(initial.timeline_note, id="view-mode", className="muted"),
                ],
                className="top",
            ),
            html.Div(
                [
                    html.Aside([filter_panel(initial.options), add_documents_panel(max_upload_mb)], className="sidebar"),
                    html.Main(
                        [
                            html.Section(
                                [
                                    html.H2("Timeline", className="visually-hidden"),
                                    legend_note(),
                                    # responsive: plotly fills the container, whose height follows the
                                    # rows the lanes need (set with every figure, see graph_style)
                                    dcc.Graph(id="timeline-graph", config=graph_config, responsive=True,
                                              className="timeline-graph", style=graph_style(initial.timeline),
                                              **figure_kw(initial.timeline)),
                                ],
                                className="panel timeline",
                                **{"aria-label": "Timeline"},
                            ),
                            html.Div(
                                [
                                    html.Section([html.H2("Events"), html.Div(event_grid(), className="grid-box")],
                                                 className="panel table", **{"aria-label": "Event table"}),
                                    html.Section(
                                        [html.H2("Map"), html.Div(initial.map_note, id="map-note", className="hint"),
                                         dcc.Graph(id="map-graph", config={**graph_config, **map_config},
                                                   className="map-graph", style={"height": "300px"},
                                                   **figure_kw(initial.map))],
                                        className="panel map", **{"aria-label": "Map"},
                                    ),
                                ],
                                className="row",
                            ),
                            html.Section(
                                [html.H2("Event detail"), html.Div(id="detail-panel"),
                                 html.Div(id="edit-message", role="alert", className="edit-message")],
                                className="panel detail", id="detail-section", **{"aria-label": "Event detail"},
                            ),
                        ],
                        className="content",
                    ),
                ],
                className="body",
            ),
            html.Div(
                html.Div(
                    [
                        html.Button("Close", id="doc-close", n_clicks=0, className="small-button close"),
                        html.Div(id="doc-body"),
                    ],
                    className="modal-box",
                    role="dialog",
                    **{"aria-modal": "true", "aria-label": "Document text"},
                ),
                id="doc-modal",
                className="modal",
                style={"display": "none"},
            ),
        ],
        className="app",
    )
