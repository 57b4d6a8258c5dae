"""Plotly figures for the app: pure functions from event records (or counts) to figures.

Nothing here touches the store or Dash, so every figure can be unit-tested from
hand-built event dicts. Dates are drawn with the precision they have: a day is a
point, anything coarser or any range is a thick segment covering the whole interval
(a month-precise event spans the month, never a made-up day), approximate dates are
dotted, thinner and hollow, and open-ended intervals run dashed to the edge of the data
with an arrow head, so nobody reads an open interval as a closed one.
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go

from timeline.model import EVENT_TYPES

DAY_MS = 86_400_000
#: Okabe & Ito's colour-blind-safe palette, one colour per ACLED event type.
TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",                      # vermillion
    "Explosions/Remote violence": "#E69F00",   # orange
    "Violence against civilians": "#CC79A7",   # reddish purple
    "Protests": "#0072B2",                     # blue
    "Riots": "#B8A000",                        # a darker yellow, readable on white
    "Strategic developments": "#009E73",       # bluish green
    "Other": "#6E6E6E",                        # grey
}
UNKNOWN_TYPE_COLOUR = "#56B4E9"                # sky blue
#: above this many events (in the filtered set or visible window) the timeline draws counts
AGGREGATE_THRESHOLD = 2000
#: above this many single points, WebGL draws them faster than SVG
WEBGL_THRESHOLD = 300
MAX_ACTOR_LANES = 14
NO_ACTOR = "(no actor)"
OTHER_ACTORS = "(other actors)"
LANE_MODES = ("event_type", "actor")
#: plotly_white's look, spelled out: naming a template makes plotly validate and ship
#: the whole template with every figure (~0.1 s and ~6 kB per redraw)
PLAIN = {"template": "none", "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
         "font": {"color": "#1f2328", "family": "system-ui, sans-serif", "size": 12}}
AXIS = {"gridcolor": "#e6ebf1", "linecolor": "#d0d7de", "zeroline": False, "ticks": ""}
PERIODS = ("day", "week", "month", "year")
#: plotly checks every property it is given against its schema (~60% of building a counts
#: figure); the figures here are fixed code paths whose properties tests draw in a browser,
#: so they are built unchecked
UNCHECKED: dict[str, Any] = {"_validate": False}


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "Other", UNKNOWN_TYPE_COLOUR)


def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Span:
    """How one event is drawn: from `start` to `end` (exclusive), as a point or a bar."""

    start: date
    end: date              # exclusive: the day after the last day covered
    point: bool
    open_start: bool
    open_end: bool
    approximate: bool


def event_span(event: dict[str, Any], edge: tuple[date, date] | None = None) -> Span | None:
    """The drawable interval of an event record, or None when its date is unresolved.

    An open side is drawn to `edge` (the data extent) so it reaches the edge of the plot.
    """
    start, end = _parse(event.get("date_start")), _parse(event.get("date_end"))
    open_start = bool(event.get("open_start")) or (start is None and end is not None)
    open_end = bool(event.get("open_end")) or (end is None and start is not None)
    if start is None and end is None:
        return None
    lo, hi = edge if edge else (start or end, end or start)
    if start is None:
        start = min(lo, end)  # type: ignore[type-var]
    if end is None:
        end = max(hi, start)
    approximate = bool(event.get("approximate")) or event.get("date_mod") == "APPROX"
    point = start == end and event.get("precision") in (None, "day") and not (open_start or open_end)
    return Span(start, end + timedelta(days=1), point, open_start, open_end, approximate)


def data_extent(events: Iterable[dict[str, Any]]) -> tuple[date, date] | None:
    """First and last resolved day among the events (None when none is dated)."""
    days = [d for e in events for d in (_parse(e.get("date_start")), _parse(e.get("date_end"))) if d]
    return (min(days), max(days)) if days else None


def resolved_text(event: dict[str, Any]) -> str:
    """The resolved date as a reader should see it: '2023-06', '2022-08-01 → open', 'unresolved (XXXX-10)'."""
    start, end = event.get("date_start"), event.get("date_end")
    precision = event.get("precision") or "?"
    approx = "about " if event.get("approximate") else ""
    if not start and not end:
        return f"unresolved ({event.get('date_value') or '?'})"
    if start and not end:
        return f"{approx}{start} → open ({precision})"
    if end and not start:
        return f"{approx}open → {end} ({precision})"
    if start == end:
        return f"{approx}{start} ({precision})"
    return f"{approx}{start} – {end} ({precision})"


def _source_label(event: dict[str, Any]) -> str:
    sources = event.get("sources") or []
    if not sources:
        return "no source"
    first = sources[0]
    label = first.get("publisher") or first.get("title") or first.get("doc_id") or "source"
    more = f" (+{len(sources) - 1} more)" if len(sources) > 1 else ""
    return f"{label}{more}"


def _clip(text: str, n: int = 140) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def hover_text(event: dict[str, Any]) -> str:
    """Hover label; every piece of record text is HTML-escaped (Plotly renders a few tags)."""
    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    return "<br>".join(
        [
            f"<b>{esc(event.get('date_text') or '')}</b> — {esc(resolved_text(event))}",
            esc(_clip(event.get("summary") or event.get("sentence") or "")),
            f"{esc(event.get('event_type') or 'Other')} · {esc(_source_label(event))}",
        ]
    )


def event_lanes(event: dict[str, Any], lanes: str, actor_lanes: set[str] | None = None) -> list[str]:
    """The lane(s) an event is drawn in: its type, or each of its actors."""
    if lanes == "actor":
        names = [a.get("name") for a in event.get("actors") or [] if a.get("name")]
        if not names:
            return [NO_ACTOR]
        if actor_lanes is None:
            return list(dict.fromkeys(names))
        return list(dict.fromkeys(n if n in actor_lanes else OTHER_ACTORS for n in names))
    return [event.get("event_type") or "Other"]


def _top_actors(events: Sequence[dict[str, Any]]) -> set[str]:
    counts = Counter(a.get("name") for e in events for a in e.get("actors") or [] if a.get("name"))
    return {name for name, _ in counts.most_common(MAX_ACTOR_LANES)}


def _empty_figure(message: str) -> go.Figure:
    fig = go.Figure(**UNCHECKED)
    fig.update_layout(
        **PLAIN,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "font": {"size": 14}}],
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return fig


def _base_layout(fig: go.Figure, x_range: Sequence[str] | None, uirevision: str, meta: dict[str, Any]) -> None:
    xaxis: dict[str, Any] = {
        **AXIS,
        "type": "date",
        "rangeslider": {"visible": True, "thickness": 0.08},
        "showgrid": True,
    }
    if x_range:
        xaxis["range"] = list(x_range)
        xaxis["autorange"] = False
    fig.update_layout(
        **PLAIN,
        xaxis=xaxis,
        margin={"l": 10, "r": 10, "t": 28, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        hoverlabel={"align": "left"},
        dragmode="zoom",
        uirevision=uirevision,
        meta={**meta, "window": list(x_range) if x_range else None},
        clickmode="event",
    )


def timeline_figure(
    events: Sequence[dict[str, Any]],
    *,
    lanes: str = "event_type",
    x_range: Sequence[str] | None = None,
    selected_id: int | None = None,
    uirevision: str = "timeline",
) -> go.Figure:
    """One mark per event (per lane): points for single days, bars for anything coarser.

    `customdata` of every mark holds the event id, so clicks map back to records.
    Events whose date is unresolved cannot be placed on a time axis; they are counted
    in `layout.meta.undated` and listed only in the table.
    """
    if lanes not in LANE_MODES:
        raise ValueError(f"unknown lane mode {lanes!r}; expected one of {LANE_MODES}")
    extent = data_extent(events)
    if extent is None:
        return _empty_figure("No dated events match the filters.")
    actor_lanes = _top_actors(events) if lanes == "actor" else None
    # group marks by (type, style) so the legend has one entry per type
    groups: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    undated = 0
    lane_order: Counter[str] = Counter()
    selected_band: tuple[list[Any], list[Any]] = ([], [])
    for event in events:
        span = event_span(event, extent)
        if span is None:
            undated += 1
            continue
        etype = event.get("event_type") or "Other"
        style = ("point" if span.point else "bar") + ("-approx" if span.approximate else "")
        if span.open_start or span.open_end:
            style = "bar-open" + ("-approx" if span.approximate else "")
        for lane in event_lanes(event, lanes, actor_lanes):
            g = groups[(etype, style)]
            g["lane"].append(lane)
            g["id"].append(event.get("id"))
            g["text"].append(hover_text(event))
            g["start"].append(span.start)
            g["end"].append(span.end)
            g["open_end"].append(span.open_end)
            g["open_start"].append(span.open_start)
            lane_order[lane] += 1
        if selected_id is not None and event.get("id") == selected_id:
            selected_band = selection_band(event, extent)

    lanes_sorted = [lane for lane, _ in sorted(lane_order.items(), key=lambda kv: (-kv[1], kv[0]))]
    _stack_in_lanes(groups, lanes_sorted)
    fig = go.Figure(**UNCHECKED)
    # trace 0 is always the selection band, so a Patch can move it without rebuilding
    fig.add_trace(_selection_trace(*selected_band))
    n_marks = sum(len(g["id"]) for g in groups.values())
    scatter_cls = go.Scattergl if n_marks > WEBGL_THRESHOLD else go.Scatter
    legend_done: set[str] = set()
    for etype in list(EVENT_TYPES) + sorted({t for t, _ in groups} - set(EVENT_TYPES)):
        colour = type_colour(etype)
        for style in ("bar", "bar-approx", "bar-open", "bar-open-approx", "point", "point-approx"):
            g = groups.get((etype, style))
            if not g:
                continue
            show = etype not in legend_done
            legend_done.add(etype)
            common = {
                "name": etype,
                "legendgroup": etype,
                "showlegend": show,
                "customdata": g["id"],
                "hovertext": g["text"],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "y": g["lane"],
            }
            if style.startswith("point"):
                approx = style.endswith("approx")
                fig.add_trace(
                    scatter_cls(
                        **UNCHECKED,
                        x=[d.isoformat() for d in g["start"]],
                        mode="markers",
                        marker={
                            "color": colour,
                            "size": 10,
                            "symbol": "circle-open" if approx else "circle",
                            "line": {"width": 2 if approx else 1, "color": colour if approx else "#ffffff"},
                        },
                        **common,
                    )
                )
                continue
            # An interval is a thick line segment covering every day it stands for; all the
            # segments of a group are one SVG path (bars would be one element each, and
            # thousands of them make zooming sluggish). A tick at the middle of each segment
            # carries the hover text and the click target.
            approx = style.endswith("approx")
            xs: list[str | None] = []
            ys: list[str | None] = []
            for lane, start, end in zip(g["lane"], g["start"], g["end"]):
                xs += [start.isoformat(), end.isoformat(), None]
                ys += [lane, lane, None]
            fig.add_trace(go.Scatter(
                **UNCHECKED,
                x=xs, y=ys, mode="lines", name=etype, legendgroup=etype, showlegend=common["showlegend"],
                line={"color": colour, "width": 4 if approx else 9,
                      "dash": "dot" if approx else ("dash" if "open" in style else "solid")},
                opacity=0.6 if approx else 0.85, hoverinfo="skip", meta=style, connectgaps=False,
            ))
            mids = [start + (end - start) / 2 for start, end in zip(g["start"], g["end"])]
            fig.add_trace(scatter_cls(
                **UNCHECKED,
                x=[m.isoformat() for m in mids], mode="markers",
                marker={"color": colour, "size": 12, "symbol": "line-ns",
                        "line": {"width": 2, "color": "#1f2328" if not approx else colour}},
                **{**common, "showlegend": False},
            ))
            if "open" in style:
                fig.add_trace(_open_arrows(g, colour, etype))
    n_events = len({e.get("id") for e in events}) - undated
    n_lanes = len(lanes_sorted)
    _base_layout(fig, x_range, uirevision, {"mode": "events", "events": n_events, "undated": undated,
                                            "lanes": lanes_sorted})
    fig.update_layout(
        yaxis={**AXIS, "tickmode": "array", "tickvals": [n_lanes - 1 - i for i in range(n_lanes)],
               "ticktext": lanes_sorted, "range": [-0.6, n_lanes - 0.4], "automargin": True, "fixedrange": True,
               "showgrid": False},
        shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": i + 0.5, "y1": i + 0.5,
                 "line": {"color": "#d0d7de", "width": 1}} for i in range(n_lanes - 1)],
    )
    return fig


#: vertical offsets (in lane heights) of the rows that overlapping marks are stacked into
ROW_OFFSETS = (0.0, 0.17, -0.17, 0.34, -0.34)


def _stack_in_lanes(groups: dict[tuple[str, str], dict[str, list[Any]]], lanes_sorted: list[str]) -> None:
    """Replace each mark's lane name by a y position: the lane's index plus a row offset,
    so that marks overlapping in time within a lane sit on different rows (greedy packing)."""
    top = len(lanes_sorted) - 1
    index = {lane: top - i for i, lane in enumerate(lanes_sorted)}
    marks = [(g["lane"][i], g["start"][i], g["end"][i], key, i) for key, g in groups.items() for i in range(len(g["lane"]))]
    marks.sort(key=lambda m: (m[0], m[1], m[2]))
    rows_end: dict[str, list[date]] = defaultdict(list)
    ys: dict[tuple[tuple[str, str], int], float] = {}
    for lane, start, end, key, i in marks:
        ends = rows_end[lane]
        row = next((r for r, last in enumerate(ends) if last <= start), None)
        if row is None:
            row = len(ends)
            ends.append(end)
        else:
            ends[row] = end
        ys[(key, i)] = index[lane] + ROW_OFFSETS[row % len(ROW_OFFSETS)]
    for key, g in groups.items():
        g["lane"] = [ys[(key, i)] for i in range(len(g["lane"]))]


def _selection_trace(xs: list[Any], ys: list[Any]) -> go.Scatter:
    """A shaded band over the selected event's whole interval (a line for a single day)."""
    return go.Scatter(
        **UNCHECKED,
        x=xs, y=ys, mode="lines", fill="toself", fillcolor="rgba(9,105,218,0.15)",
        line={"color": "#0969da", "width": 2}, name="selected", showlegend=False, hoverinfo="skip",
    )


def selection_band(event: dict[str, Any] | None, edge: tuple[date, date] | None = None) -> tuple[list[Any], list[Any]]:
    """x and y of the selection band for an event, across every lane (y far beyond the fixed range)."""
    span = event_span(event, edge) if event else None
    if span is None:
        return [], []
    lo, hi = -1000, 1000
    if span.point:
        return [span.start.isoformat()] * 2, [lo, hi]
    s, e = span.start.isoformat(), span.end.isoformat()
    return [s, e, e, s, s], [lo, lo, hi, hi, lo]


def _open_arrows(group: dict[str, list[Any]], colour: str, etype: str) -> go.Scatter:
    """Arrow heads at the open side(s) of open-ended bars."""
    xs: list[str] = []
    ys: list[str] = []
    symbols: list[str] = []
    for lane, s, e, oe, os_ in zip(group["lane"], group["start"], group["end"], group["open_end"], group["open_start"]):
        if oe:
            xs.append(e.isoformat()); ys.append(lane); symbols.append("triangle-right")
        if os_:
            xs.append(s.isoformat()); ys.append(lane); symbols.append("triangle-left")
    return go.Scatter(
        **UNCHECKED,
        x=xs, y=ys, mode="markers", marker={"symbol": symbols, "size": 11, "color": colour},
        legendgroup=etype, showlegend=False, hoverinfo="skip", name=f"{etype} (open-ended)",
    )


def choose_period(span_days: float) -> str:
    """Bucket size for the aggregated view: about 30-200 buckets across the visible span."""
    if span_days <= 120:
        return "day"
    if span_days <= 3 * 365:
        return "week"
    if span_days <= 30 * 365:
        return "month"
    return "year"


def period_days(period: str) -> int:
    return {"day": 1, "week": 7, "month": 31, "year": 366}[period]


def period_window(start: str, period: str) -> list[str] | None:
    """The x range of one count bar (period starting at `start`), or None for a bad value."""
    day = _parse(start)
    if day is None or period not in PERIODS:
        return None
    return [day.isoformat(), (day + timedelta(days=period_days(period))).isoformat()]


def counts_figure(
    counts: Sequence[tuple[str, str, int]],
    *,
    period: str,
    x_range: Sequence[str] | None = None,
    uirevision: str = "timeline",
) -> go.Figure:
    """Stacked counts per period and type, for views too dense for single marks."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {PERIODS}")
    if not counts:
        return _empty_figure("No dated events match the filters.")
    by_type: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for start, etype, n in counts:
        by_type[etype or "Other"].append((str(start)[:10], int(n)))
    fig = go.Figure(**UNCHECKED)
    fig.add_trace(_selection_trace([], []))
    width = period_days(period) * DAY_MS * 0.9
    for etype in list(EVENT_TYPES) + sorted(set(by_type) - set(EVENT_TYPES)):
        rows = by_type.get(etype)
        if not rows:
            continue
        fig.add_trace(
            go.Bar(
                **UNCHECKED,
                x=[r[0] for r in rows],
                y=[r[1] for r in rows],
                width=[width] * len(rows),
                offset=0,
                name=etype,
                customdata=[period] * len(rows),  # a click zooms into this period (see callbacks)
                marker={"color": type_colour(etype)},
                hovertemplate=(f"{period} of %{{x|%Y-%m-%d}}: %{{y}} {html.escape(etype)}"
                               "<br>click to zoom in<extra></extra>"),
            )
        )
    total = sum(int(n) for _, _, n in counts)
    _base_layout(fig, x_range, uirevision, {"mode": "counts", "period": period, "events": total})
    fig.update_layout(barmode="stack", yaxis={**AXIS, "title": f"events per {period}", "fixedrange": True},
                      bargap=0)
    return fig


def place_points(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Located places of the events, one point per place with the ids of its events."""
    points: dict[tuple[str, float, float], dict[str, Any]] = {}
    for event in events:
        for place in event.get("places") or []:
            lat, lon = place.get("lat"), place.get("lon")
            if lat is None or lon is None:
                continue
            key = (place.get("name") or "?", float(lat), float(lon))
            p = points.setdefault(key, {"name": key[0], "lat": key[1], "lon": key[2], "ids": [], "types": Counter()})
            if event.get("id") not in p["ids"]:
                p["ids"].append(event.get("id"))
                p["types"][event.get("event_type") or "Other"] += 1
    return list(points.values())


def map_figure(points: Sequence[dict[str, Any]], *, n_events: int | None = None) -> go.Figure:
    """Scattergeo of places; marker area grows with the number of events there.

    Each point's `customdata` lists its event ids (empty when the point comes from
    SQL counts, see `count`). The world shapes come from the topojson configured on
    the dcc.Graph (`topojsonURL`), so the map draws offline.
    """
    fig = go.Figure(**UNCHECKED)
    located = {i for p in points for i in p.get("ids", [])}
    counts = [int(p.get("count") or len(p.get("ids", []))) for p in points]
    if points:
        sizes = [max(8.0, min(40.0, 6 + 4 * c ** 0.5)) for c in counts]
        colours = [type_colour(p["types"].most_common(1)[0][0]) if p.get("types") else UNKNOWN_TYPE_COLOUR
                   for p in points]
        fig.add_trace(
            go.Scattergeo(
                **UNCHECKED,
                lat=[p["lat"] for p in points],
                lon=[p["lon"] for p in points],
                customdata=[p.get("ids", []) for p in points],
                hovertext=[f"{html.escape(p['name'])}: {c} event(s)" for p, c in zip(points, counts)],
                hovertemplate="%{hovertext}<extra></extra>",
                mode="markers",
                marker={"size": sizes, "color": colours, "opacity": 0.8, "line": {"width": 1, "color": "#333"}},
                name="places",
            )
        )
    fig.update_geos(
        projection_type="natural earth",
        showland=True, landcolor="#E8E4D8",
        showocean=True, oceancolor="#F4F8FB",
        showcountries=True, countrycolor="#9A9A9A",
        showcoastlines=True, coastlinecolor="#777777",
        resolution=110,
        fitbounds="locations" if points else False,
    )
    n_located = len(located) if located else 0
    meta: dict[str, Any] = {"events": n_located, "places": len(points)}
    if n_events is not None and (located or not points):
        meta["unlocated"] = max(0, n_events - n_located)
    fig.update_layout(**PLAIN, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False, meta=meta,
                      uirevision="map")
    return fig
