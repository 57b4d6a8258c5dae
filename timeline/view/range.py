"""The time range a timeline opens on: the bulk of the events, never min..max.

One event dated 1932 in a story about 2022-2024 would otherwise squeeze everything
into the last few percent of the axis. The range frames the 10th-90th percentile of
the events' dates, widened by up to `TAIL` of that span on each side where there are
events, plus `PAD`; the events left outside are counted for the edge markers
("◀ 1 earlier event (1932)"), which widen the range to everything when clicked.
Days are numbers (days since 1970-01-01, fractions allowed), as in the export.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

EPOCH = date(1970, 1, 1)
#: percentiles framing the bulk of the events
CORE = (0.10, 0.90)
#: how far beyond the core the range may reach (as a share of the core span) where events are
TAIL = 0.6
#: padding on each side, as a share of the range
PAD = 0.04
#: the narrowest range in days (one event, or all on one day)
MIN_SPAN = 14.0


@dataclass(frozen=True, slots=True)
class ViewRange:
    """A shown range [lo, hi) in days and what lies outside it."""

    lo: float
    hi: float
    earlier: int = 0          # events ending at or before lo
    later: int = 0            # events starting at or after hi
    earlier_years: tuple[int, int] | None = None
    later_years: tuple[int, int] | None = None


def day_number(day: date) -> int:
    return (day - EPOCH).days


def day_date(number: float) -> date:
    return EPOCH + timedelta(days=math.floor(number))


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), on sorted values."""
    n = len(sorted_values)
    if n == 0:
        raise ValueError("percentile of no values")
    pos = q * (n - 1)
    i = math.floor(pos)
    j = min(i + 1, n - 1)
    return sorted_values[i] + (sorted_values[j] - sorted_values[i]) * (pos - i)


def anchor_day(start: float | None, end: float | None) -> float | None:
    """The day an event counts at for the range: its start, or its end when the start is open."""
    return start if start is not None else end


def default_range(spans: Sequence[tuple[float | None, float | None]]) -> ViewRange | None:
    """The opening range for events given as (start, end_exclusive) day numbers (None = open).

    None when no event has a date.
    """
    anchors = sorted(a for a in (anchor_day(s, e) for s, e in spans) if a is not None)
    if not anchors:
        return None
    ends = [e if e is not None else s + 1 for s, e in spans if s is not None or e is not None]  # type: ignore[operator]
    first, last = anchors[0], max(max(ends), anchors[-1] + 1)
    core_lo, core_hi = percentile(anchors, CORE[0]), percentile(anchors, CORE[1]) + 1
    width = max(core_hi - core_lo, MIN_SPAN)
    if core_hi - core_lo < MIN_SPAN:
        mid = (core_lo + core_hi) / 2
        core_lo, core_hi = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
    # the tails reach no further than the last events within TAIL * width of the core
    lo_limit, hi_limit = core_lo - TAIL * width, core_hi + TAIL * width
    lo = min([a for a in anchors if a >= lo_limit] + [core_lo])
    hi = max([min(e if e is not None else s + 1, hi_limit) for s, e in spans  # type: ignore[operator]
              if s is not None and s <= hi_limit] + [core_hi])
    lo, hi = max(lo, first), min(hi, last) if last > core_hi else hi
    lo, hi = _at_least(lo, hi)
    pad = PAD * (hi - lo)
    return outside(spans, lo - pad, hi + pad)


def _at_least(lo: float, hi: float) -> tuple[float, float]:
    """[lo, hi) widened about its middle to MIN_SPAN days when narrower."""
    if hi - lo >= MIN_SPAN:
        return lo, hi
    mid = (lo + hi) / 2
    return mid - MIN_SPAN / 2, mid + MIN_SPAN / 2


def outside(spans: Sequence[tuple[float | None, float | None]], lo: float, hi: float) -> ViewRange:
    """The range [lo, hi) with the counts and years of the events entirely before or after it."""
    earlier: list[float] = []
    later: list[float] = []
    for s, e in spans:
        if s is None and e is None:
            continue
        end = e if e is not None else math.inf
        start = s if s is not None else -math.inf
        if end <= lo:
            earlier.append(start if s is not None else end - 1)
        elif start >= hi:
            later.append(start)
    years = lambda xs: (day_date(min(xs)).year, day_date(max(xs)).year) if xs else None  # noqa: E731
    return ViewRange(lo, hi, len(earlier), len(later), years(earlier), years(later))


def edge_text(count: int, years: tuple[int, int] | None, side: str) -> str:
    """'◀ 1 earlier event (1932)' / '3 later events (2025–2026) ▶' ('' when none)."""
    if not count or years is None:
        return ""
    when = str(years[0]) if years[0] == years[1] else f"{years[0]}\u2013{years[1]}"
    noun = "event" if count == 1 else "events"
    if side == "earlier":
        return f"\u25c0 {count} earlier {noun} ({when})"
    return f"{count} later {noun} ({when}) \u25b6"


def counts_range(buckets: Sequence[tuple[float, int]], period_days: float) -> ViewRange | None:
    """The opening range for counts per period ((first day, count) per bucket): the same
    rule as `default_range`, with each bucket's events at its first day (nearest rank)."""
    rows = sorted((d, n) for d, n in buckets if n > 0)
    total = sum(n for _, n in rows)
    if not total:
        return None

    def quantile(q: float) -> float:
        need, seen = q * total, 0
        for d, n in rows:
            seen += n
            if seen >= need:
                return d
        return rows[-1][0]

    first, last = rows[0][0], rows[-1][0] + period_days
    core_lo, core_hi = quantile(CORE[0]), quantile(CORE[1]) + period_days
    width = max(core_hi - core_lo, MIN_SPAN)
    lo = min([d for d, _ in rows if d >= core_lo - TAIL * width] + [core_lo])
    hi = max([min(d + period_days, core_hi + TAIL * width) for d, _ in rows if d <= core_hi + TAIL * width]
             + [core_hi])
    lo, hi = _at_least(max(lo, first), min(hi, last))
    pad = PAD * (hi - lo)
    lo, hi = lo - pad, hi + pad
    earlier = [(d, n) for d, n in rows if d + period_days <= lo]
    later = [(d, n) for d, n in rows if d >= hi]
    years = lambda xs: (day_date(xs[0][0]).year, day_date(xs[-1][0]).year) if xs else None  # noqa: E731
    return ViewRange(lo, hi, sum(n for _, n in earlier), sum(n for _, n in later), years(earlier), years(later))
