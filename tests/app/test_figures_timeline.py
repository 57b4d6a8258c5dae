"""The timeline figure from hand-built event records: precision, styles, lanes, aggregation."""
from __future__ import annotations

from datetime import date

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


def test_day_is_a_point_and_month_a_segment_covering_the_month() -> None:
    fig = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09"), ev(2, "2023-06-01", "2023-06-30", "month")])
    m = marks(fig)
    assert m[1][0].type == "scatter" and m[1][0].x == ("2023-06-09",) and m[1][0].marker.symbol == "circle"
    # the whole of June (end exclusive), not a made-up day
    (line,) = segments(fig, "bar")
    assert line.x == ("2023-06-01", "2023-07-01", None)
    assert line.y[0] == line.y[1] and line.y[2] is None
    assert list(fig.layout.yaxis.ticktext) == ["Battles"]
    assert m[2][0].x == ("2023-06-16",)  # the hover/click tick sits mid-interval


def test_approximate_and_open_ended_look_different_from_exact() -> None:
    fig = figures.timeline_figure([
        ev(1, "2023-01-01", "2023-01-31", "month"),
        ev(2, "2023-02-01", "2023-02-28", "month", approximate=True),
        ev(3, "2023-03-01", None, "month", open_end=True),
        ev(4, "2023-05-05", "2023-05-05"),
        ev(5, "2023-05-06", "2023-05-06", approximate=True),
    ])
    m = marks(fig)
    (exact,) = segments(fig, "bar")
    (approx,) = segments(fig, "bar-approx")
    (open_,) = segments(fig, "bar-open")
    assert exact.line.dash == "solid" and approx.line.dash == "dot" and open_.line.dash == "dash"
    assert approx.line.width < exact.line.width and approx.opacity < exact.opacity
    # the open interval runs to the end of the data (exclusive end = day after 2023-05-06)
    assert open_.x == ("2023-03-01", "2023-05-07", None)
    arrows = [t for t in fig.data if t.name and "open-ended" in t.name]
    assert arrows and arrows[0].marker.symbol == ("triangle-right",)
    assert m[4][0].marker.symbol == "circle" and m[5][0].marker.symbol == "circle-open"


def test_unresolved_dates_are_not_drawn_but_counted() -> None:
    fig = figures.timeline_figure([ev(1, "2023-06-09", "2023-06-09"), ev(2, None, None, None)])
    assert set(marks(fig)) == {1}
    assert fig.layout.meta["undated"] == 1 and fig.layout.meta["events"] == 1


def test_actor_lanes_repeat_an_event_per_actor() -> None:
    e = ev(1, "2023-06-09", "2023-06-09", actors=[{"name": "Iran"}, {"name": "Russia"}])
    fig = figures.timeline_figure([e, ev(2, "2023-06-10", "2023-06-10")], lanes="actor")
    assert sorted(fig.layout.yaxis.ticktext) == [figures.NO_ACTOR, "Iran", "Russia"]
    assert len(marks(fig)[1]) == 2  # one mark in each of its actors' lanes
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
    ])
    y = {}
    for trace in fig.data[1:]:
        for cd, yy in zip(trace.customdata or [], trace.y or []):
            y[cd] = yy
    assert len({y[1], y[2], y[3]}) == 3  # all overlap in June 2023
    assert y[4] == y[1]  # no overlap: back on the first row
    assert all(abs(v - y[1]) < 0.5 for v in y.values())  # all within the one lane


def test_many_points_switch_to_webgl() -> None:
    many = [ev(i, "2023-01-01", "2023-01-01") for i in range(figures.WEBGL_THRESHOLD + 1)]
    assert any(t.type == "scattergl" for t in figures.timeline_figure(many).data)
    assert not any(t.type == "scattergl" for t in figures.timeline_figure(many[:10]).data)


def test_empty_input_gives_a_message_not_an_error() -> None:
    fig = figures.timeline_figure([ev(1, None, None, None)])
    assert "No dated events" in fig.layout.annotations[0].text


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
