"""Handlers for parts of a year: seasons, quarters, halves, the whole year, and the
quarter or year an earnings report counts back to ("year-ago", "the previous quarter").
"""
from __future__ import annotations

from ..rules import vocab as V
from .spec import Spec
from .words import _squash, _year, _part, _rel_word
from .context import _word_before, _word_after
from .earnings import _QUARTERS, _quarterly_report, report_quarter


def _season(c, text, s):
    g = c.groups
    code = V.SEASONS[g["s"].lower()]
    off, ana, the = _rel_word(g.get("rel"))
    mod = _part(c) or {"early": "START", "late": "END", "mid": "MID"}.get((g.get("sp") or "").lower())
    if g["s"].lower() == "fall" and not (g.get("rel") or g.get("y") or g.get("part")):
        return None
    if not g.get("y") and _word_after(text, c.end).lower() == "of":
        return None  # "the fall of Saigon"
    if g["s"].lower() == "spring" and not (g.get("rel") or g.get("y") or g.get("part")):
        if _word_before(text, c.start).lower() not in ("in", "by", "until", "since", "during", "that", "this", "of") \
                and _word_after(text, c.end).lower() not in ("offensive", "offensives", "campaign", "campaigns"):
            return None
    y = _year(g["y"]) if g.get("y") else None
    # "the winter of 1941-42" is 1941-WI: a winter is named by the year it begins
    if g.get("bcy"):
        n = int(g["bcy"])
        y = -n if g["era"].upper().replace(".", "").startswith("B") else n
    sp = Spec(c.start, c.end, kind="season", code=code, y=y, mod=mod)
    if g.get("rel") and not (the and off == 0 and not ana):
        sp.rel = off if g["rel"].lower() != "the" else None
        sp.anaphoric = ana
    return sp


def _quarter(c, text, s):
    g = c.groups
    if g.get("y3"):
        y = _year(g["y3"])
        if not g.get("qo3"):
            # "the 1988 period" in an earnings report is that year's instance of the reported
            # quarter; "the 1988 quarter" is a quarter even when the report does not say which
            rq = report_quarter(text)
            if rq is not None:
                return Spec(c.start, c.end, kind="quarter", code=f"Q{rq}", y=y)
            if c.groups.get("qw", "").lower() == "quarter":
                return Spec(c.start, c.end, value=f"{y:04d}-QX", y=y)
            return Spec(c.start, c.end, value=f"{y:04d}", y=y)
        return Spec(c.start, c.end, kind="quarter", code=f"Q{_QUARTERS[g['qo3'].lower()]}", y=y)
    q = int(g["qn"]) if g.get("qn") else _QUARTERS[g["qo"].lower()]
    y = g.get("y") or g.get("y2")
    sp = Spec(c.start, c.end, kind="quarter", code=f"Q{q}", y=_year(y) if y else None)
    if g.get("rel") and g["rel"].lower() != "the":
        sp.rel = V.RELATIVE_OFFSETS.get(g["rel"].lower(), 0)
    if g.get("ry"):
        sp.rel = V.RELATIVE_OFFSETS.get(g["ry"].lower(), 0)
    if g.get("ya"):
        sp.rel = -1
    return sp


def _whole_year(c, text, s):
    g = c.groups
    if g.get("end"):
        return Spec(c.start, c.end, kind="rel", unit="year", offset=0, mod="END")
    w = g["w"].lower()
    off = -1 if w.startswith("latest") else 0
    return Spec(c.start, c.end, kind="rel", unit="year", offset=off)


def _half(c, text, s):
    g = c.groups
    h = int(g["hn"]) if g.get("hn") else (1 if g["ho"].lower() in ("first", "1st") else 2)
    y = g.get("y") or g.get("y2")
    sp = Spec(c.start, c.end, kind="half", code=f"H{h}", y=_year(y) if y else None)
    if g.get("rel") and g["rel"].lower() != "the":
        sp.rel = V.RELATIVE_OFFSETS.get(g["rel"].lower(), 0)
    return sp


def _quarter_rel(c, text, s):
    if c.groups.get("ly") or c.groups.get("ly2"):  # "last year's quarter", "the quarter a year ago"
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=-4)
    w = _squash(c.groups["qr"].lower())
    off = {"latest": 0, "most recent": 0, "current": 0, "year-ago": -4, "year-earlier": -4,
           "previous": -1, "prior": -1, "comparable": -4, "same": -4, "corresponding": -4,
           "comparable year-ago": -4, "comparable year-earlier": -4}[w]
    if c.groups.get("back"):  # "the same period a year ago", "the comparable quarter last year"
        off = -4
    return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=off)


def _year_adj(c, text, s):
    if _quarterly_report(text):
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=-4)
    return Spec(c.start, c.end, kind="rel", unit="year", offset=-1)
