"""Handlers for times of day: clock times ("6 p.m.", "0600 GMT", "noon"), parts of the
day ("early morning", "by evening", "the morning of 6 June"), and generic night.
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .spec import Spec
from .words import _month, _day, _year
from .context import _word_before
from .holidays import _holiday_spec


def _tod_of_date(c, text, s):
    g = c.groups
    m = _month(g.get("m") or g["m2"])
    d = _day(g.get("d") or g["d2"])
    y = _year(g["y"]) if g.get("y") else None
    if g.get("eh"):  # "the early hours of 6 June": the start of that day
        return Spec(c.start, c.end, kind="ymd", y=y, m=m, d=d, mod="START")
    return Spec(c.start, c.end, type="TIME", kind="ymd", y=y, m=m, d=d, tod=V.DAY_PARTS[g["tod"].lower()])


_CLOCK_THEN_PAREN = re.compile(r"(?:\d|[ap]\.?m\.?|GMT|UTC|[ECMP][SD]T)\s*\(\s*$", re.IGNORECASE)


def _time(c, text, s):
    g = c.groups
    if g.get("fixed"):
        if _word_before(text, c.start).lower() == "high":
            return None  # "high noon": an idiom or a film title
        hhmm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["fixed"].lower()]
        day = g.get("wd2")
    elif g.get("h2"):
        h = int(g["h2"])
        if not 1 <= h <= 12:
            return None
        tod2 = g["tod2"].lower()
        if tod2 in ("afternoon", "evening") or (tod2 == "night" and h >= 6):
            h = h % 12 + 12
        elif h == 12:
            h = 0
        hhmm, day = f"{h:02d}:00", None
    elif g.get("h24"):
        hhmm, day = f"{g['h24']}:{g['m24']}", None
    elif g.get("hm"):  # military style "0600 GMT"
        hhmm, day = f"{g['hm']}:{g['mm']}", None
    else:
        h = int(g["h"])
        ap = g["ap"].lower()
        if h > 12 or h == 0:
            return None
        if ap.startswith("p") and h != 12:
            h += 12
        elif ap.startswith("a") and h == 12:
            h = 0
        hhmm, day = f"{h:02d}:{g.get('mi') or '00'}", g.get("wd")
        if g.get("m"):
            return Spec(c.start, c.end, type="TIME", kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                        m=_month(g["m"]), d=_day(g["d"]), tod=hhmm)
        if g.get("hol"):  # "6 p.m. on Christmas Day": the holiday's date at that time
            sp = _holiday_spec(c, g["hol"], None, text)
            sp.type, sp.tod = "TIME", hhmm
            return sp
    if _CLOCK_THEN_PAREN.search(text, max(0, c.start - 16), c.start):
        return None  # "10:35 a.m. (0735 GMT)": the same instant restated in another zone
    sp = Spec(c.start, c.end, type="TIME", kind="rel", unit="day", offset=0, tod=hhmm, anaphoric=True,
              mod="APPROX" if g.get("approx") or g.get("approx2") else None)
    if day:
        dl = day.lower()
        if dl in V.WEEKDAYS:
            sp.kind, sp.d, sp.anaphoric = "weekday", V.WEEKDAYS[dl], False
        else:
            sp.anaphoric, sp.offset = False, V.DAY_WORDS[dl]
    return sp


def _part_of_day(c, text, s):
    mod = {"early": "START", "mid": "MID", "late": "END"}[c.groups["part"].lower()]
    return Spec(c.start, c.end, type="TIME", kind="rel", unit="day", offset=0, anaphoric=True,
                tod=V.DAY_PARTS[c.groups["tod"].lower()], mod=mod)


def _daypart(c, text, s):
    """"by evening", "in the morning": that part of the day in the story, like a bare clock time."""
    start, end = c.spans["core"]
    return Spec(start, end, type="TIME", kind="rel", unit="day", offset=0, anaphoric=True,
                tod=V.DAY_PARTS[c.groups["dp"].lower()])


def _night_generic(c, text, s):
    start, end = c.spans.get("core") or c.spans["core2"]
    # TIMEX2 habit ("travelled at night", "night raids"); news annotation leaves these out
    return Spec(start, end, type="TIME", value="XXXX-XX-XXTNI", extra={"narrative_only": True})
