"""The timeline figure from hand-built event records: precision, styles, lanes, aggregation."""
from __future__ import annotations

from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from timeline.app import figures


def ev(i: int, start: str | None, end: str | None, precision: str | None = "day", **kw) -> dict:
    rec = {"id": i, "date_start": start, "date_end": end, "precision": precision, "date_text": f"text {i}",
           "date_value": start or "XXXX", "summary": f"summary {i}", "sentence": f"sentence {i}",
           "event_type": "Battles", "approximate": False, "open_start": False, "open_end": False,
           "actors": [], "places": [], "sources": [{"publisher": "Wire", "doc_id": "d"}]}
    rec.update(kw)
    return rec


def marks(fig: go.Figure) -> dict[int, list]:
    """event id -> the traces (after the selection trace) that draw it."""
    out: dict[int, list] = {}
    for trace in fig.data[1:]:
        for cd in trace.customdata or []:
            out.setdefault(cd, []).append(trace)
    return out


def segments(fig: go.Figure, style: str) -> list:
    """The line traces drawing intervals of one style ('bar', 'bar-approx', 'bar-open', ...)."""
    return [t for t in fig.data if t.mode == "lines" and t.meta == style]


def ms(day: str) -> int:
    return int((date.fromisoformat(day) - date(1970, 1, 1)).days * figures.DAY_MS)


def drawn(fig: go.Figure, prefix: str) -> list:
    """Traces whose meta starts with `prefix` ('point', 'bar', 'open', 'target', 'labels')."""
    return [t for t in fig.data if str(t.meta or "").startswith(prefix)]


def test_day_is_a_point_and_month_a_segment_covering_the_month() -> None:
    fig = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09"), ev(2, "2023-06-01", "2023-06-30", "month"),
                                   ev(3, "2023-03-01", "2023-03-01"), ev(4, "2023-09-01", "2023-09-01")])
    (point,) = drawn(fig, "point")
    x = dict(zip(point.customdata, point.x))
    assert point.marker.symbol == "circle" and x[1] == pytest.approx(ms("2023-06-09"), abs=1000)
    # the whole of June (end exclusive), not a made-up day
    (line,) = segments(fig, "bar")
    assert line.x[0] == pytest.approx(ms("2023-06-01"), abs=1000)
    assert line.x[1] == pytest.approx(ms("2023-07-01"), abs=1000) and line.x[2] is None
    assert line.y[0] == line.y[1] and line.y[2] is None
    assert list(fig.layout.yaxis.ticktext) == ["Battles"]
    (target,) = drawn(fig, "target")   # the hover/click target sits mid-interval
    assert target.customdata == (2,) and target.marker.opacity == 0


def test_every_drawn_event_has_a_headline_label() -> None:
    fig = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09", summary="Drones hit a power station in Kyiv."),
                                   ev(2, "2023-03-01", "2023-03-31", "month")])
    (labels,) = drawn(fig, "labels")
    assert sorted(labels.customdata) == [1, 2]
    assert "Drones hit power station in Kyiv" in labels.text
    assert fig.layout.meta["labelled"] == 2


def test_approximate_and_open_ended_look_different_from_exact() -> None:
    fig = figures.timeline_figure([
        ev(1, "2023-01-01", "2023-01-31", "month"),
        ev(2, "2023-02-01", "2023-02-28", "month", approximate=True),
        ev(3, "2023-03-01", None, "month", open_end=True),
        ev(4, "2023-05-05", "2023-05-05"),
        ev(5, "2023-05-06", "2023-05-06", approximate=True),
    ], plot_px=800)
    (exact,) = segments(fig, "bar")
    (approx,) = segments(fig, "bar-approx")
    (open_,) = segments(fig, "open")
    assert exact.line.dash == "solid" and approx.line.dash == "dot"
    assert approx.line.width < exact.line.width and approx.opacity < exact.opacity
    # the open interval is a short capped bar with an arrow, never run to the edge of the axis
    lo, hi = fig.layout.xaxis.range
    px = (open_.x[1] - open_.x[0]) / (hi - lo) * 800
    assert px == pytest.approx(figures.stacking.OPEN_PX, abs=0.5)
    arrows = [t for t in fig.data if t.meta == "open-arrow"]
    assert arrows and arrows[0].marker.symbol == ("triangle-right",)
    # and it has a row of its own
    closed_rows = {y for t in fig.data if str(t.meta or "").startswith(("point", "bar")) for y in t.y if y is not None}
    assert open_.y[0] not in closed_rows
    symbols = {t.customdata[0]: t.marker.symbol for t in drawn(fig, "point")}
    assert symbols == {4: "circle", 5: "circle-open"}


def test_unresolved_dates_are_not_drawn_but_counted() -> None:
    fig = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09"), ev(2, None, None, None)])
    assert set(marks(fig)) == {1}
    assert fig.layout.meta["undated"] == 1 and fig.layout.meta["events"] == 1


def test_actor_lanes_repeat_an_event_per_actor() -> None:
    e = ev(1, "2023-06-09", "2023-06-09", actors=[{"name": "Iran"}, {"name": "Russia"}])
    fig = figures.timeline_figure([e, ev(2, "2023-06-10", "2023-06-10")], lanes="actor")
    assert sorted(fig.layout.yaxis.ticktext) == [figures.NO_ACTOR, "Iran", "Russia"]
    points = [cd for t in drawn(fig, "point") for cd in t.customdata]
    assert points.count(1) == 2  # one mark in each of its actors' lanes
    with pytest.raises(ValueError, match="lane mode"):
        figures.timeline_figure([e], lanes="colour")


def test_colours_follow_the_type_palette_and_legend_has_one_entry_per_type() -> None:
    fig = figures.timeline_figure([
        ev(1, "2023-06-09", "2023-06-09"), ev(2, "2023-06-01", "2023-06-30", "month"),
        ev(3, "2023-06-09", "2023-06-09", event_type="Protests"),
    ])
    shown = [t.name for t in fig.data if t.showlegend]
    assert sorted(shown) == ["Battles", "Protests"]
    protest = marks(fig)[3][0]
    assert protest.marker.color == figures.TYPE_COLOURS["Protests"]


def test_hover_text_is_escaped() -> None:
    e = ev(1, "2023-06-09", "2023-06-09", summary="<img src=x onerror=alert(1)>", date_text="<b>x</b>")
    text = figures.hover_text(e)
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text


def test_selected_event_gets_a_band_over_its_interval_in_the_first_trace() -> None:
    fig = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09"), ev(2, "2023-07-01", "2023-07-31", "month")],
                                  selected_id=2)
    band = fig.data[0]
    assert band.x == ("2023-07-01", "2023-08-01", "2023-08-01", "2023-07-01", "2023-07-01")
    assert min(band.y) < fig.layout.yaxis.range[0] and max(band.y) > fig.layout.yaxis.range[1]
    assert figures.selection_band(ev(1, "2023-06-09", "2023-06-09"))[0] == ["2023-06-09", "2023-06-09"]
    assert figures.selection_band(ev(3, None, None, None)) == ([], [])


def test_overlapping_marks_in_a_lane_are_stacked_on_different_rows() -> None:
    fig = figures.timeline_figure([
        ev(1, "2023-01-01", "2023-12-31", "year"), ev(2, "2023-06-01", "2023-06-30", "month"),
        ev(3, "2023-06-09", "2023-06-09"), ev(4, "2024-02-01", "2024-02-29", "month"),
        ev(5, "2023-06-09", "2023-06-09"),
    ])
    y = {}
    for trace in drawn(fig, "point") + drawn(fig, "target"):
        for cd, yy in zip(trace.customdata, trace.y):
            y[cd] = yy
    assert len({y[1], y[2], y[3], y[5]}) == 4  # all overlap in June 2023; same day stacks too
    assert fig.layout.height > figures.TOP_PX + figures.BOTTOM_PX + 3 * figures.stacking.ROW_PX


def test_many_points_switch_to_webgl() -> None:
    types = list(figures.TYPE_COLOURS)
    many = [ev(i, (date(2020, 1, 1) + timedelta(days=4 * i)).isoformat(), (date(2020, 1, 1) + timedelta(days=4 * i)).isoformat(),
               event_type=types[i % len(types)]) for i in range(figures.WEBGL_THRESHOLD + 1)]
    assert any(t.type == "scattergl" for t in figures.timeline_figure(many).data)
    assert not any(t.type == "scattergl" for t in figures.timeline_figure(many[:10]).data)


def test_bad_input_gives_a_message_not_an_error_or_an_empty_axis() -> None:
    fig = figures.timeline_figure([ev(1, None, None, None)])
    assert "resolved date" in fig.layout.annotations[0].text and fig.layout.meta["mode"] == "empty"
    assert "No events" in figures.timeline_figure([]).layout.annotations[0].text
    one = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09")])
    lo, hi = one.layout.xaxis.range
    assert lo < ms("2023-06-09") < hi and (hi - lo) / figures.DAY_MS >= 14   # a range around it


def test_an_outlier_is_outside_the_range_with_an_edge_marker() -> None:
    events = [ev(i, f"2023-0{1 + i % 9}-1{i % 10}", f"2023-0{1 + i % 9}-1{i % 10}") for i in range(20)]
    events.append(ev(99, "1932-01-01", "1933-12-31", "year"))
    fig = figures.timeline_figure(events)
    lo, _ = fig.layout.xaxis.range
    assert lo > ms("2022-06-01")
    (edge,) = [a for a in fig.layout.annotations if "earlier" in a.text]
    assert edge.text == "\u25c0 1 earlier event (1932)" and edge.captureevents
    assert edge.name.startswith("window:1930")   # a click opens a window from before 1932


@pytest.mark.parametrize("days, period", [(1, "day"), (120, "day"), (121, "week"), (1000, "week"),
                                          (1200, "month"), (20000, "year")])
def test_bucket_size_follows_the_visible_span(days: int, period: str) -> None:
    assert figures.choose_period(days) == period


def test_counts_figure_stacks_counts_by_type() -> None:
    counts = [("2023-01-01", "Battles", 5), ("2023-01-01", "Protests", 2), ("2023-02-01", "Battles", 7)]
    fig = figures.counts_figure(counts, period="month", x_range=["2023-01-01", "2023-03-01"])
    bars = {t.name: t for t in fig.data[1:]}
    assert bars["Battles"].y == (5, 7) and bars["Protests"].y == (2,)
    assert fig.layout.barmode == "stack" and fig.layout.meta["events"] == 14
    assert list(fig.layout.xaxis.range) == ["2023-01-01", "2023-03-01"]
    with pytest.raises(ValueError, match="period"):
        figures.counts_figure(counts, period="fortnight")


def test_count_bars_carry_their_period_for_click_to_zoom() -> None:
    fig = figures.counts_figure([("2023-01-02", "Battles", 5)], period="week")
    assert fig.data[1].customdata == ("week",)
    assert figures.period_window("2023-01-02", "week") == ["2023-01-02", "2023-01-09"]
    assert figures.period_window("nonsense", "week") is None
