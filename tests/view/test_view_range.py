"""The opening range (timeline.view.range): the bulk of the events, outliers counted."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.view import range as vr


def d(text: str) -> float:
    return float(vr.day_number(date.fromisoformat(text)))


def test_an_outlier_in_1932_does_not_stretch_the_range() -> None:
    spans = [(d("1932-01-01"), d("1934-01-01"))] + [(d("2022-01-01") + 15 * i, d("2022-01-01") + 15 * i + 1)
                                                    for i in range(60)]
    rng = vr.default_range(spans)
    assert rng is not None
    assert vr.day_date(rng.lo).year == 2021 and rng.earlier == 1 and rng.earlier_years == (1932, 1932)
    assert vr.edge_text(rng.earlier, rng.earlier_years, "earlier") == "\u25c0 1 earlier event (1932)"


def test_one_event_gets_a_range_around_it() -> None:
    rng = vr.default_range([(d("2023-06-09"), d("2023-06-10"))])
    assert rng is not None and rng.lo < d("2023-06-09") < rng.hi and rng.hi - rng.lo >= vr.MIN_SPAN
    assert rng.earlier == rng.later == 0


def test_no_dated_event_has_no_range() -> None:
    assert vr.default_range([]) is None
    assert vr.default_range([(None, None)]) is None


def test_open_ended_events_count_at_their_known_side() -> None:
    rng = vr.default_range([(d("2022-08-01"), None), (None, d("2023-01-01"))])
    assert rng is not None and rng.lo <= d("2022-08-01") and rng.hi >= d("2022-12-01")
    assert rng.earlier == rng.later == 0


def test_edge_text_plural_and_year_span() -> None:
    assert vr.edge_text(3, (2025, 2026), "later") == "3 later events (2025\u20132026) \u25b6"
    assert vr.edge_text(0, None, "later") == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-3000, 30000), st.integers(1, 800)), min_size=1, max_size=80))
def test_the_core_takes_at_least_40_percent(raw: list[tuple[int, int]]) -> None:
    spans = [(float(s), float(s + n)) for s, n in raw]
    rng = vr.default_range(spans)
    assert rng is not None
    starts = sorted(s for s, _ in spans)
    core = vr.percentile(starts, 0.9) - vr.percentile(starts, 0.1)
    if core >= vr.MIN_SPAN:
        assert core / (rng.hi - rng.lo) >= 0.40
    # everything is in the range or counted outside it
    inside = [s for s, e in spans if e > rng.lo and s < rng.hi]
    assert len(inside) + rng.earlier + rng.later == len(spans)


def test_counts_range_frames_the_bulk() -> None:
    buckets = [(d("1932-01-01"), 1)] + [(d("2022-01-01") + 30 * i, 100) for i in range(30)]
    rng = vr.counts_range(buckets, 31)
    assert rng is not None and vr.day_date(rng.lo).year >= 2021 and rng.earlier == 1
