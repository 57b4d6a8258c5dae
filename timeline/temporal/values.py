"""TIMEX3 value strings <-> calendar intervals.

`interval(value)` gives the first and last day a value stands for and its precision;
the resolver writes values with the `fmt_*` helpers so both directions agree.
Convention: first/last always cover the whole unit of the value; a part-of-period mod
(START/MID/END) does not narrow them (callers read `mod` for that). A winter is named by
the year it begins in: 2022-WI runs from December 2022 to February 2023 (what "this winter"
means in an autumn 2022 report).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_VALUE = re.compile(
    r"^(?:(?P<d>\d{4}-\d{2}-\d{2})(?:T.*)?|(?P<ym>\d{4})-(?P<m>\d{2})|(?P<y>\d{4})"
    r"|(?P<wy>\d{4})-W(?P<w>\d{1,2})(?P<we>-WE)?|(?P<qy>\d{4})-Q(?P<q>[1-4])"
    r"|(?P<hy>\d{4})-H(?P<h>[12])|(?P<sy>\d{4})-(?P<s>SP|SU|FA|WI)|(?P<dec>\d{3})|(?P<cen>\d{2}))$"
)


def fmt_day(d: date) -> str:
    """YYYY-MM-DD: `date.isoformat` pads the year to four digits too, and runs in C."""
    return d.isoformat()


def fmt_year(y: int) -> str:
    """Year as TIMEX3: negative numbers are BC years as written (-480 -> BC0480)."""
    return f"{y:04d}" if y > 0 else f"BC{-y:04d}"


def fmt_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=4096)
def interval(value: str) -> tuple[date | None, date | None, str | None]:
    """(first, last, precision) for a calendar value; (None, None, None) otherwise.
    Cached: a pure function of a short string, asked once per timex with few distinct values."""
    m = _VALUE.match(value)
    if not m:
        return None, None, None
    g = m.groupdict()
    try:
        if g["d"]:
            d = date.fromisoformat(g["d"])
            return d, d, "day"
        if g["ym"]:
            y, mo = int(g["ym"]), int(g["m"])
            return date(y, mo, 1), month_end(y, mo), "month"
        if g["y"]:
            y = int(g["y"])
            return date(y, 1, 1), date(y, 12, 31), "year"
        if g["wy"]:
            first = date.fromisocalendar(int(g["wy"]), int(g["w"]), 1)
            if g["we"]:
                return first + timedelta(days=5), first + timedelta(days=6), "day"
            return first, first + timedelta(days=6), "week"
        if g["qy"]:
            y, q = int(g["qy"]), int(g["q"])
            return date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter"
        if g["hy"]:
            y, h = int(g["hy"]), int(g["h"])
            return date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half"
        if g["sy"]:
            y = int(g["sy"])
            a, b = _SEASON_MONTHS[g["s"]]
            if b < a:  # winter YYYY is the one that begins in YYYY: December YYYY to February YYYY+1
                return date(y, a, 1), month_end(y + 1, b), "season"
            return date(y, a, 1), month_end(y, b), "season"
        if g["dec"]:
            y = int(g["dec"]) * 10
            return date(max(y, 1), 1, 1), date(y + 9, 12, 31), "decade"
        if g["cen"]:
            y = int(g["cen"]) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31), "century"
    except ValueError:
        return None, None, None
    return None, None, None
