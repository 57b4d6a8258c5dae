"""Handlers for calendar dates: ISO and numeric dates, month-day-year in either order,
a month with or without a year, and ranges of days or months ("June 5-7", "May-June 2023").
"""
from __future__ import annotations

import re

from .spec import Spec
from .words import _month, _day, _year, _part, _rel_word
from .context import _COUNT_NOUNS, _word_before, _bare_month_ok


_ORDINAL_END = re.compile(r"(st|nd|rd|th)$")


def _iso(c, text, s):
    sp = Spec(c.start, c.end, kind="ymd", y=int(c.groups["y"]), m=int(c.groups["m"]), d=int(c.groups["d"]))
    if c.groups.get("hh"):
        sp.type, sp.tod = "TIME", f"{c.groups['hh']}:{c.groups['mi']}"
    return sp


def _numeric(c, text, s):
    a, b, y = c.groups["a"], c.groups["b"], c.groups["c"]
    if len(a) == 4:  # 2023/06/09
        yy, mm, dd = int(a), int(b), int(y) if len(y) <= 2 else None
        if dd is None:
            return None
        return Spec(c.start, c.end, kind="ymd", y=yy, m=mm, d=dd) if 1 <= mm <= 12 and 1 <= dd <= 31 else None
    if len(a) > 2:
        return None
    x, z = int(a), int(b)
    day_first = s.day_first or c.groups["sep"] == "."
    dd, mm = (x, z) if day_first else (z, x)
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        dd, mm = mm, dd  # 25/12/2023 can only be day-first
        if not (1 <= mm <= 12 and 1 <= dd <= 31):
            return None
    yy = int(y)
    if len(y) == 2:
        yy += 2000 if yy < 50 else 1900
    return Spec(c.start, c.end, kind="ymd", y=yy, m=mm, d=dd)


def _weekday_date(c, text, s):
    g = c.groups
    m = _month(g.get("m1") or g["m2"])
    d = _day(g.get("d1") or g["d2"])
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None, m=m, d=d)


def _range_split(c, first_end: str, second_start: str, a: Spec, b: Spec) -> list[Spec]:
    a.start, a.end = c.start, c.spans[first_end][1]
    b.start, b.end = c.spans[second_start][0], c.end
    a.relation, b.relation = "from", "to"
    a.range_partner, b.range_partner = 1, -1
    return [a, b]


def _range_month_days(c, text, s):
    """'June 5-7' and '5-7 June': two days of one month."""
    g = c.groups
    m, y = _month(g["m"]), (_year(g["y"]) if g.get("y") else None)
    d1, d2 = _day(g["d1"]), _day(g["d2"])
    if d2 <= d1:
        return None
    a = Spec(0, 0, kind="ymd", y=y, m=m, d=d1)
    b = Spec(0, 0, kind="ymd", y=y, m=m, d=d2)
    return _range_split(c, "d1", "d2", a, b)


def _range_months(c, text, s):
    g = c.groups
    y = _year(g["y"])
    a = Spec(0, 0, kind="ymd", y=y, m=_month(g["m1"]))
    b = Spec(0, 0, kind="ymd", y=y, m=_month(g["m2"]))
    return _range_split(c, "m1", "m2", a, b)


def _week_of(c, text, s):
    g = c.groups
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                m=_month(g["m"]), d=_day(g["d"]), extra={"week": True})


def _mdy(c, text, s):
    g = c.groups
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                m=_month(g["m"]), d=_day(g["d"]), mod=_part(c))


def _dmy(c, text, s):
    g = c.groups
    d = _day(g["d"])
    if not g.get("y"):
        # "20 March" is fine; a bare count before a month ("killed 20 May") needs care:
        before = _word_before(text, c.start).lower()
        if not _ORDINAL_END.search(g["d"]) and before in _COUNT_NOUNS:
            return None
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                m=_month(g["m"]), d=d)


def _month_year(c, text, s):
    g = c.groups
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]), m=_month(g["m"]), mod=_part(c))


def _month_rel_year(c, text, s):
    g = c.groups
    off, ana, _ = _rel_word(g["ry"])
    d = g.get("d1") or g.get("d2")
    return Spec(c.start, c.end, kind="ymd", m=_month(g["m"]), d=_day(d) if d else None, mod=_part(c),
                anaphoric=ana, extra={"year_offset": off})


def _month_only(c, text, s):
    g = c.groups
    if not _bare_month_ok(text, c, g["m"]):
        return None
    rel = (g.get("rel") or "").lower().split()
    sp = Spec(c.start, c.end, kind="ymd", m=_month(g["m"]), mod=_part(c))
    if rel and rel[-1] in ("last", "previous"):
        sp.rel = -1
    elif rel and rel[-1] in ("next", "following"):
        sp.rel = 1
    elif rel and rel[-1] == "this":
        sp.rel = 0
    if rel and rel[-1] in ("that", "same", "following", "previous"):
        sp.anaphoric = True
    return sp
