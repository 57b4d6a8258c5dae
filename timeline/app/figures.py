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
from timeline.view import labels as labels_mod
from timeline.view import range as view_range
from timeline.view import stacking
from timeline.view.headline import headline
from timeline.view.places import AREA_KINDS, country_iso2, place_kind

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
    reported = ", dated by the report" if event.get("date_relation") == "reported" else ""
    if reported:
        approx = "about "
    if start == end:
        return f"{approx}{start} ({precision}{reported})"
    return f"{approx}{start} – {end} ({precision}{reported})"


def _source_label(event: dict[str, Any], most: int = 3) -> str:
    sources = event.get("sources") or []
    if not sources:
        return "no source"
    names = list(dict.fromkeys(str(s.get("publisher") or s.get("title") or s.get("doc_id") or "source")
                               for s in sources))
    more = f" (+{len(names) - most} more)" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _clip(text: str, n: int = 140) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _wrap(text: str, width: int = 90) -> str:
    """Break a long (escaped) text into lines of about `width` characters for a hover box."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join(lines + [line])


def hover_text(event: dict[str, Any]) -> str:
    """Hover label: the date as written and resolved (with its precision), the whole summary,
    type and sources. Every piece of record text is HTML-escaped (Plotly renders a few tags)."""
    esc = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    return "<br>".join(
        [
            f"<b>{esc(event.get('date_text') or '')}</b> — {esc(resolved_text(event))}",
            _wrap(esc(_clip(event.get("summary") or event.get("sentence") or "", 400))),
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


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain trace and layout dicts: plotly's per-property setters and
    `update_layout` path parsing cost ~100x more than this for the same figure."""
    return go.Figure(data=traces, layout=layout, **UNCHECKED)


def _empty_figure(message: str) -> go.Figure:
    return _figure([], {
        **PLAIN,
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "annotations": [{"text": message, "showarrow": False, "font": {"size": 14}}],
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "height": 160, "meta": {"mode": "empty", "message": message},
    })


def _base_layout(x_range: Sequence[str] | None, uirevision: str, meta: dict[str, Any]) -> dict[str, Any]:
    # no range slider: it draws every bar a second time (a zoom's relayout took ~150 ms
    # instead of ~20 at 100,000 events), and after a zoom the re-queried figure holds only
    # the window, so the slider could not show the overview anyway; drag or scroll zooms
    xaxis: dict[str, Any] = {
        **AXIS,
        "type": "date",
        "rangeslider": {"visible": False},
        "showgrid": True,
    }
    if x_range:
        xaxis["range"] = list(x_range)
        xaxis["autorange"] = False
    return {
        **PLAIN,
        "xaxis": xaxis,
        "margin": {"l": 10, "r": 10, "t": 28, "b": 10},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        "hoverlabel": {"align": "left"},
        "dragmode": "zoom",
        "uirevision": uirevision,
        "meta": {**meta, "window": list(x_range) if x_range else None},
        "clickmode": "event",
    }


#: plot-area width assumed when the browser has not told it yet (narrower than a laptop's, so
#: labels laid out for it never collide when drawn wider)
DEFAULT_PLOT_PX = 760.0
#: left margin: the lane names; right margin: the "+N" badges
LANE_MARGIN_PX = 178
BADGE_MARGIN_PX = 40
TOP_PX, BOTTOM_PX = 34, 58
COUNTS_HEIGHT_PX = 360
LABEL_COLOUR = "#1f2328"


def _day(value: Any) -> float | None:
    d = _parse(value)
    return float(view_range.day_number(d)) if d else None


def event_days(event: dict[str, Any]) -> tuple[float | None, float | None]:
    """(start, end exclusive) in day numbers; None for an open or unresolved side."""
    start, end = _day(event.get("date_start")), _day(event.get("date_end"))
    if event.get("open_start"):
        start = None
    if event.get("open_end"):
        end = None
    return start, (end + 1 if end is not None else None)


def item_kind(event: dict[str, Any], days: tuple[float | None, float | None] | None = None) -> str | None:
    """'point', 'bar', 'open_end' or 'open_start' (None when undated)."""
    start, end = days if days is not None else event_days(event)
    if start is None and end is None:
        return None
    if end is None:
        return "open_end"
    if start is None:
        return "open_start"
    if end - start == 1 and event.get("precision") in (None, "day"):
        return "point"
    return "bar"


def layout_items(events: Sequence[dict[str, Any]], lanes: str = "event_type",
                 spans: Sequence[tuple[float | None, float | None]] | None = None,
                 ) -> tuple[list[stacking.Item], list[str]]:
    """The stacking items of the events (id = index in `events`, one per event and lane) and
    the lanes, busiest first. `spans`: the events' `event_days`, when already known."""
    actor_lanes = _top_actors(events) if lanes == "actor" else None
    spans = spans if spans is not None else [event_days(e) for e in events]
    items: list[stacking.Item] = []
    lane_count: Counter[str] = Counter()
    for n, event in enumerate(events):
        kind = item_kind(event, spans[n])
        if kind is None:
            continue
        start, end = spans[n]
        label = event.get("headline") or headline(event)
        s = start if start is not None else end - 1  # type: ignore[operator]
        e = end if end is not None else s + 1
        for lane in event_lanes(event, lanes, actor_lanes):
            items.append(stacking.Item(n, lane, s, e, kind, label))
            lane_count[lane] += 1
    order = [lane for lane, _ in sorted(lane_count.items(), key=lambda kv: (-kv[1], kv[0]))]
    return items, order


def shown_range(events: Sequence[dict[str, Any]], x_range: Sequence[str] | None,
                spans: Sequence[tuple[float | None, float | None]] | None = None) -> view_range.ViewRange | None:
    """The window asked for (with what lies outside it), else the robust default range."""
    spans = spans if spans is not None else [event_days(e) for e in events]
    if x_range:
        lo, hi = _parse(x_range[0]), _parse(x_range[1])
        if lo and hi and hi > lo:
            return view_range.outside(spans, view_range.day_number(lo), view_range.day_number(hi))
    return view_range.default_range(spans)


def _ms(day: float) -> float:
    return round(day * DAY_MS)


def _full_extent(spans: Sequence[tuple[float | None, float | None]]) -> tuple[float, float] | None:
    days = [d for s, e in spans for d in (s, e) if d is not None]
    return (min(days), max(days)) if days else None


def edge_annotations(rng: view_range.ViewRange, full: tuple[float, float] | None) -> list[dict[str, Any]]:
    """'◀ 1 earlier event (1932)' / '… later … ▶' above the plot; a click widens the range to `full`
    (the annotation's name holds the window)."""
    out = []
    for side, count, years, x, anchor in (("earlier", rng.earlier, rng.earlier_years, 0, "left"),
                                          ("later", rng.later, rng.later_years, 1, "right")):
        text = view_range.edge_text(count, years, side)
        if not text or full is None:
            continue
        lo, hi = min(full[0], rng.lo), max(full[1], rng.hi)
        pad = 0.02 * (hi - lo)
        out.append({"text": text, "xref": "paper", "yref": "paper", "x": x, "y": 0, "xanchor": anchor,
                    "yanchor": "top", "yshift": -26, "showarrow": False, "captureevents": True,
                    "font": {"size": 12, "color": "#0969da"}, "bgcolor": "#f6f8fa", "bordercolor": "#8c959f",
                    "borderwidth": 1, "borderpad": 2, "hovertext": "click to show every event",
                    "name": f"window:{view_range.day_date(lo - pad).isoformat()}/"
                            f"{view_range.day_date(hi + pad + 1).isoformat()}"})
    return out


def timeline_figure(
    events: Sequence[dict[str, Any]],
    *,
    lanes: str = "event_type",
    x_range: Sequence[str] | None = None,
    selected_id: int | None = None,
    uirevision: str = "timeline",
    plot_px: float | None = None,
) -> go.Figure:
    """Every event as a mark with its headline, packed into sub-rows per lane (timeline.view).

    The x range is `x_range` or the robust default (`timeline.view.range`); events outside it
    are counted in the edge markers. `plot_px` is the plot area's width in the browser.
    `customdata` of every hover mark holds the event id, so clicks map back to records.
    Events whose date is unresolved are counted in `layout.meta.undated` (table only).
    """
    if lanes not in LANE_MODES:
        raise ValueError(f"unknown lane mode {lanes!r}; expected one of {LANE_MODES}")
    spans = [event_days(e) for e in events]
    kinds = [item_kind(e, sp) for e, sp in zip(events, spans)]
    undated = kinds.count(None)
    rng = shown_range(events, x_range, spans)
    if rng is None:
        msg = (f"None of the {undated} matching event(s) has a resolved date; they are listed in the table."
               if undated else "No events match the filters.")
        return _empty_figure(msg)
    width = float(plot_px or DEFAULT_PLOT_PX)
    items, lane_order = layout_items(events, lanes, spans)
    laid = stacking.pack(items, rng.lo, rng.hi, width, lane_order)
    offsets: dict[str, int] = {}
    total = 0
    for lane in laid.lanes:
        offsets[lane.name] = total
        total += lane.height
    total = max(total, 1)
    scale = (rng.hi - rng.lo) / width          # days per px
    px_ms = lambda px: _ms(rng.lo + px * scale)  # noqa: E731

    groups: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, list[Any]] = defaultdict(list)
    for p in laid.placed:
        event = events[p.id]
        kind = kinds[p.id]
        approx = bool(event.get("approximate")) or event.get("date_mod") == "APPROX"
        style = {"point": "point", "bar": "bar"}.get(kind or "", "open") + ("-approx" if approx else "")
        y = -(offsets[p.lane] + p.row)
        g = groups[(event.get("event_type") or "Other", style)]
        g["y"].append(y)
        g["id"].append(event.get("id"))
        g["text"].append(hover_text(event))
        g["x0"].append(p.x0)
        g["x1"].append(p.x1)
        g["kind"].append(kind)
        if p.label:
            labels["x"].append(px_ms(p.label_x))
            labels["y"].append(y)
            labels["text"].append(html.escape(p.label))
            labels["id"].append(event.get("id"))
            labels["hover"].append(g["text"][-1])
    selected_band: tuple[list[Any], list[Any]] = ([], [])
    if selected_id is not None:
        selected_band = selection_band(next((e for e in events if e.get("id") == selected_id), None))

    traces: list[dict[str, Any]] = [_selection_trace(*selected_band)]   # trace 0: moved by a Patch
    n_marks = sum(len(g["id"]) for g in groups.values())
    scatter_type = "scattergl" if n_marks > WEBGL_THRESHOLD else "scatter"
    legend_done: set[str] = set()
    for etype in list(EVENT_TYPES) + sorted({t for t, _ in groups} - set(EVENT_TYPES)):
        colour = type_colour(etype)
        for style in ("bar", "bar-approx", "open", "open-approx", "point", "point-approx"):
            g = groups.get((etype, style))
            if not g:
                continue
            show = etype not in legend_done
            legend_done.add(etype)
            approx = style.endswith("approx")
            hover = {"customdata": g["id"], "hovertext": g["text"], "hovertemplate": "%{hovertext}<extra></extra>",
                     "legendgroup": etype, "name": etype}
            if style.startswith("point"):
                traces.append(dict(
                    type=scatter_type, x=[px_ms((a + b) / 2) for a, b in zip(g["x0"], g["x1"])], y=g["y"],
                    mode="markers", showlegend=show, meta=style,
                    marker={"color": colour, "size": 2 * stacking.POINT_R,
                            "symbol": "circle-open" if approx else "circle",
                            "line": {"width": 2 if approx else 1, "color": colour if approx else "#ffffff"}},
                    **hover))
                continue
            xs: list[Any] = []
            ys: list[Any] = []
            arrows_x: list[Any] = []
            arrows_y: list[Any] = []
            symbols: list[str] = []
            for a, b, y, kind in zip(g["x0"], g["x1"], g["y"], g["kind"]):
                if kind == "open_end":
                    xs += [px_ms(a), px_ms(b - stacking.ARROW_PX), None]
                    arrows_x.append(px_ms(b - stacking.ARROW_PX / 2))
                    symbols.append("triangle-right")
                elif kind == "open_start":
                    xs += [px_ms(a + stacking.ARROW_PX), px_ms(b), None]
                    arrows_x.append(px_ms(a + stacking.ARROW_PX / 2))
                    symbols.append("triangle-left")
                else:
                    xs += [px_ms(a), px_ms(b), None]
                ys += [y, y, None]
                if kind in ("open_end", "open_start"):
                    arrows_y.append(y)
            traces.append(dict(
                type="scatter", x=xs, y=ys, mode="lines", name=etype, legendgroup=etype, showlegend=show,
                line={"color": colour, "width": 4 if approx else 8, "dash": "dot" if approx else "solid"},
                opacity=0.7 if approx else 0.9, hoverinfo="skip", meta=style, connectgaps=False))
            if arrows_x:
                traces.append(dict(
                    type="scatter", x=arrows_x, y=arrows_y, mode="markers", legendgroup=etype, showlegend=False,
                    hoverinfo="skip", name=f"{etype} (open-ended)", meta="open-arrow",
                    marker={"symbol": symbols, "size": 9, "color": colour}))
            # an invisible target over each bar carries the hover text and the click
            traces.append(dict(
                type=scatter_type, x=[px_ms((a + b) / 2) for a, b in zip(g["x0"], g["x1"])], y=g["y"],
                mode="markers", showlegend=False, meta="target",
                marker={"color": colour, "size": 12, "opacity": 0}, **hover))
    if labels["x"]:
        traces.append(dict(
            type="scatter", x=labels["x"], y=labels["y"], text=labels["text"], mode="text",
            textposition="middle right", showlegend=False, name="labels", meta="labels",
            customdata=labels["id"], hovertext=labels["hover"], hovertemplate="%{hovertext}<extra></extra>",
            textfont={"size": labels_mod.FONT_PX, "family": labels_mod.FONT_FAMILY, "color": LABEL_COLOUR},
            cliponaxis=False))

    annotations = edge_annotations(rng, _full_extent(spans))
    for lane in laid.lanes:
        if lane.overflow:
            days = sorted(spans[i][0] if spans[i][0] is not None else (spans[i][1] or 0.0) for i in lane.overflow)
            mid, half = days[len(days) // 2], (rng.hi - rng.lo) / 4
            annotations.append({
                "text": f"+{len(lane.overflow)}", "xref": "paper", "x": 1, "xanchor": "left", "xshift": 4,
                "y": -offsets[lane.name], "yref": "y", "showarrow": False, "captureevents": True,
                "font": {"size": 11, "color": "#ffffff"}, "bgcolor": "#57606a", "borderpad": 2,
                "hovertext": f"{len(lane.overflow)} more in {html.escape(lane.name)}: click to zoom in",
                "name": f"window:{view_range.day_date(mid - half).isoformat()}/"
                        f"{view_range.day_date(mid + half + 1).isoformat()}"})
    n_events = len({e.get("id") for e in events}) - undated
    meta = {"mode": "events", "events": n_events, "undated": undated, "lanes": [lane.name for lane in laid.lanes],
            "labelled": len({events[p.id].get("id") for p in laid.placed if p.label}),
            "drawn": len({events[p.id].get("id") for p in laid.placed}),
            "overflow": sum(len(lane.overflow) for lane in laid.lanes),
            "earlier": rng.earlier, "later": rng.later, "plot_px": width,
            "window": list(x_range) if x_range else None,
            "shown": [view_range.day_date(rng.lo).isoformat(), view_range.day_date(rng.hi).isoformat()]}
    layout = _base_layout(None, uirevision, meta)
    tickvals = [-(offsets[lane.name] + (lane.height - 1) / 2) for lane in laid.lanes]
    ticktext = [labels_mod.fit_label(lane.name, LANE_MARGIN_PX - 12, font_px=11) or lane.name[:12]
                for lane in laid.lanes]
    layout.update(
        height=TOP_PX + BOTTOM_PX + total * stacking.ROW_PX,
        margin={"l": LANE_MARGIN_PX, "r": BADGE_MARGIN_PX, "t": TOP_PX, "b": BOTTOM_PX, "autoexpand": False},
        meta=meta,
        xaxis={**AXIS, "type": "date", "showgrid": True, "range": [_ms(rng.lo), _ms(rng.hi)], "autorange": False,
               "rangeslider": {"visible": False}},
        yaxis={**AXIS, "tickmode": "array", "tickvals": tickvals, "ticktext": ticktext,
               "range": [-(total - 0.5), 0.5], "automargin": False, "fixedrange": True, "showgrid": False},
        legend={"orientation": "h", "y": 1, "yanchor": "bottom", "x": 0.5, "xanchor": "center",
                "font": {"size": 11}},
        annotations=annotations,
        shapes=[{"type": "line", "xref": "paper", "x0": -0.25, "x1": 1, "y0": -(offsets[lane.name] - 0.5),
                 "y1": -(offsets[lane.name] - 0.5), "line": {"color": "#d0d7de", "width": 1}}
                for lane in laid.lanes[1:]],
    )
    return _figure(traces, layout)


def _selection_trace(xs: list[Any], ys: list[Any]) -> dict[str, Any]:
    """A shaded band over the selected event's whole interval (a line for a single day)."""
    return dict(
        type="scatter",
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
    traces: list[dict[str, Any]] = [_selection_trace([], [])]
    width = period_days(period) * DAY_MS * 0.9
    for etype in list(EVENT_TYPES) + sorted(set(by_type) - set(EVENT_TYPES)):
        rows = by_type.get(etype)
        if not rows:
            continue
        traces.append(
            dict(
                type="bar",
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
    annotations: list[dict[str, Any]] = []
    if not x_range:
        # the bulk of the events, as for single events (timeline.view.range), from the counts
        buckets = [(float(view_range.day_number(d)), int(n)) for start, _, n in counts
                   if (d := _parse(str(start)[:10])) is not None]
        rng = view_range.counts_range(buckets, period_days(period))
        if rng is not None:
            x_range = [view_range.day_date(rng.lo).isoformat(), view_range.day_date(rng.hi + 1).isoformat()]
            days = [d for d, _ in buckets]
            annotations = edge_annotations(rng, (min(days), max(days) + period_days(period)))
    layout = _base_layout(x_range, uirevision, {"mode": "counts", "period": period, "events": total})
    layout.update(barmode="stack", yaxis={**AXIS, "title": f"events per {period}", "fixedrange": True},
                      bargap=0, height=COUNTS_HEIGHT_PX, annotations=annotations,
                      margin={"l": 60, "r": 10, "t": 54, "b": BOTTOM_PX})
    return _figure(traces, layout)


def place_points(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Located places of the events, one point per place with the ids of its events and its kind
    (a point such as a city, or an area: country, region, water; see timeline.view.places)."""
    points: dict[tuple[str, float, float], dict[str, Any]] = {}
    for event in events:
        for place in event.get("places") or []:
            lat, lon = place.get("lat"), place.get("lon")
            if lat is None or lon is None:
                continue
            key = (place.get("name") or "?", float(lat), float(lon))
            p = points.get(key)
            if p is None:
                p = points[key] = {"name": key[0], "lat": key[1], "lon": key[2], "ids": [], "types": Counter(),
                                   "kind": place_kind(place)}
            if event.get("id") not in p["ids"]:
                p["ids"].append(event.get("id"))
                p["types"][event.get("event_type") or "Other"] += 1
    return list(points.values())


OCEAN_COLOUR = "#F4F8FB"
#: this many of the busiest point places carry their name on the map
MAP_LABELS = 6
MAP_LABEL_DEGREES = 6.0


def _iso3(name: str) -> str | None:
    iso2 = country_iso2(name)
    if not iso2:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


def map_figure(points: Sequence[dict[str, Any]], *, n_events: int | None = None) -> go.Figure:
    """Places on a world map, drawn as what they are: a country is shaded, a region or sea is a
    hollow ring (its precision in the hover), a town or site a dot whose area grows with its
    events; the busiest dots carry their names.

    Each mark's `customdata` lists its event ids (empty when the point comes from SQL counts,
    see `count`). The world shapes come from the topojson configured on the dcc.Graph
    (`topojsonURL`), so the map draws offline.
    """
    traces: list[dict[str, Any]] = []
    located = {i for p in points for i in p.get("ids", [])}
    counts = [int(p.get("count") or len(p.get("ids", []))) for p in points]
    kinds = [p.get("kind") or place_kind(p) for p in points]
    colours = [type_colour(p["types"].most_common(1)[0][0]) if p.get("types") else UNKNOWN_TYPE_COLOUR
               for p in points]
    countries = [(p, c, iso) for p, c, k in zip(points, counts, kinds)
                 if k == "country" and (iso := _iso3(p["name"]))]
    if countries:
        traces.append(dict(
            type="choropleth", locations=[iso for _, _, iso in countries], z=[c for _, c, _ in countries],
            locationmode="ISO-3", colorscale=[[0, "#dbe6f1"], [1, "#9dbad8"]], showscale=False,
            marker={"line": {"color": "#6e7781", "width": 0.6}}, customdata=[p.get("ids", []) for p, _, _ in countries],
            hovertext=[f"{html.escape(p['name'])} (whole country): {c} event(s)" for p, c, _ in countries],
            hovertemplate="%{hovertext}<extra></extra>", name="countries"))
    shaded = {id(p) for p, _, _ in countries}
    marks = [(p, c, k, col) for p, c, k, col in zip(points, counts, kinds, colours) if id(p) not in shaded]
    if marks:
        # the busiest towns and sites carry names, none within MAP_LABEL_DEGREES of another
        labelled: set[int] = set()
        spots: list[tuple[float, float]] = []
        for m in sorted((m for m in marks if m[2] not in AREA_KINDS), key=lambda m: (-m[1], m[0]["name"])):
            if len(spots) == MAP_LABELS:
                break
            if all(abs(m[0]["lat"] - a) + abs(m[0]["lon"] - b) > MAP_LABEL_DEGREES for a, b in spots):
                labelled.add(id(m[0]))
                spots.append((m[0]["lat"], m[0]["lon"]))
        area = [m[2] in AREA_KINDS for m in marks]
        traces.append(
            dict(
                type="scattergeo",
                lat=[m[0]["lat"] for m in marks],
                lon=[m[0]["lon"] for m in marks],
                customdata=[m[0].get("ids", []) for m in marks],
                hovertext=[f"{html.escape(m[0]['name'])}" + (f" ({m[2]}, location approximate)" if a else "")
                           + f": {m[1]} event(s)" for m, a in zip(marks, area)],
                hovertemplate="%{hovertext}<extra></extra>",
                mode="markers+text",
                text=[html.escape(m[0]["name"]) if id(m[0]) in labelled else "" for m in marks],
                textposition="top center", textfont={"size": 11, "color": "#1f2328"},
                marker={"size": [max(8.0, min(40.0, 6 + 4 * m[1] ** 0.5)) + (6 if a else 0) for m, a in zip(marks, area)],
                        "color": [m[3] for m in marks], "opacity": 0.85,
                        "symbol": ["circle-open" if a else "circle" for a in area],
                        "line": {"width": [2.5 if a else 1 for a in area], "color": [m[3] if a else "#333" for m, a in
                                                                                  zip(marks, area)]}},
                name="places",
            )
        )
    # the sea is the map's background, not a shape, and the coasts are the countries' outlines:
    # plotly re-projects every shape on each redraw, and these two layers were ~40% of a
    # filter change's map redraw at 100,000 events
    geo = {"projection": {"type": "natural earth"}, "showland": True, "landcolor": "#E8E4D8",
           "showocean": False, "bgcolor": OCEAN_COLOUR, "showcountries": True, "countrycolor": "#9A9A9A",
           "showcoastlines": False, "resolution": 110,
           "fitbounds": "locations" if points else False}
    n_located = len(located) if located else 0
    meta: dict[str, Any] = {"events": n_located, "places": len(points)}
    if n_events is not None and (located or not points):
        meta["unlocated"] = max(0, n_events - n_located)
    return _figure(traces, {**PLAIN, "geo": geo, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "showlegend": False,
                            "meta": meta, "uirevision": "map"})
