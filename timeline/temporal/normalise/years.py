"""Handlers for years and longer: years (digits, spelled, fiscal, with an era), ranges of
years, decades, centuries and the turn of a century.
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .spec import Spec
from .words import _DIGITS, _month, _year, _part
from .numbers import _num
from .context import _word_before, _plausible_year
from .dates import _range_split


_NON_DIGITS = re.compile(r"\D")
_YEAR_WORD = re.compile(r"year", re.I)


def _range_years(c, text, s):
    g = c.groups
    y1 = _year(g["y1"])
    y2s = g["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 <= y1 or y2 - y1 > 200:
        return None
    if not _plausible_year(text, c.start, c.end, strict=False):
        return None
    a = Spec(0, 0, kind="fixed", value=f"{y1:04d}", y=y1)
    b = Spec(0, 0, kind="fixed", value=f"{y2:04d}", y=y2)
    return _range_split(c, "y1", "y2", a, b)


_WORD_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(c, text, s):
    g = c.groups
    mod = _part(c)
    if g.get("edec"):  # with an era: "the 470s BC" is BC047 (479-470 BC)
        n = int(_NON_DIGITS.sub("", g["edec"])) // 10
        bc = g["era"].upper().replace(".", "").startswith("B")
        return Spec(c.start, c.end, value=f"BC{n:03d}" if bc else f"{n:03d}", mod=mod)
    dec = g["dec"].lower()
    if g.get("w"):
        return Spec(c.start, c.end, kind="decade2", d=_WORD_DECADES[dec], mod=mod)
    digits = _NON_DIGITS.sub("", dec)
    if len(digits) == 2:
        if _word_before(text, c.start).lower() in ("his", "her", "their", "my", "your", "our", "early", "late", "mid"):
            return None  # "in his 30s": an age
        return Spec(c.start, c.end, kind="decade2", d=int(digits[0]), mod=mod)
    if len(digits) == 4:
        y = int(digits)
        if y % 100 == 0 and y != 2000:  # "the 1800s" is a century; "the 2000s" the decade
            return Spec(c.start, c.end, value=f"{y // 100:02d}", mod=mod)
        # y: the decade's first year becomes the story's reference ("a decade later" -> the 2000s)
        return Spec(c.start, c.end, value=f"{y // 10:03d}", mod=mod, y=y - y % 10, extra={"decade": True})
    return None


def _century(c, text, s):
    g = c.groups
    o = g["ord"].lower()
    n = V.ORDINALS.get(o) or int(_DIGITS.match(o).group())
    if o in ("final", "last") or not 1 <= n <= 21:
        return None
    era = (g.get("era") or "").upper().replace(".", "")
    val = f"BC{n - 1:02d}" if era.startswith("B") else f"{n - 1:02d}"
    return Spec(c.start, c.end, value=val, mod=_part(c))


def _range_era(c, text, s):
    g = c.groups
    y1, y2 = int(g["y1"]), int(g["y2"])
    bc = g["era"].upper().replace(".", "").startswith("B")
    if bc:
        if y2 >= y1:
            return None
        a = Spec(0, 0, value=f"BC{y1:04d}", y=-y1)
        b = Spec(0, 0, value=f"BC{y2:04d}", y=-y2)
    else:
        if y2 <= y1:
            return None
        a = Spec(0, 0, value=f"{y1:04d}", y=y1)
        b = Spec(0, 0, value=f"{y2:04d}", y=y2)
    return _range_split(c, "y1", "y2", a, b)


def _era_year(c, text, s):
    g = c.groups
    mod = "APPROX" if g.get("approx") else None
    if g.get("m") and g.get("y2"):
        n = int(g["y2"])
        bc = g["era"].upper().replace(".", "").startswith("B")
        return Spec(c.start, c.end, kind="ymd", y=-n if bc else n, m=_month(g["m"]))
    if g.get("ad"):
        if int(g["y1"]) == 0:
            return None
        return Spec(c.start, c.end, kind="fixed", value=f"{int(g['y1']):04d}", y=int(g["y1"]), mod=mod)
    n = int(g["y2"])
    if n == 0:
        return None
    era = g["era"].upper().replace(".", "")
    if era.startswith("B"):
        return Spec(c.start, c.end, kind="fixed", value=f"BC{n:04d}", y=-n, mod=mod)
    return Spec(c.start, c.end, kind="fixed", value=f"{n:04d}", y=n, mod=mod)


def _turn(c, text, s):
    o = (c.groups.get("ord") or "").lower()
    if o:
        n = V.ORDINALS.get(o) or int(_DIGITS.match(o).group())
        return Spec(c.start, c.end, value=f"{(n - 1) * 100:04d}", mod="APPROX")
    return Spec(c.start, c.end, kind="rel", unit="turn", offset=0, mod="APPROX")


def _fiscal_year(c, text, s):
    ys = _NON_DIGITS.sub("", c.groups["y"])
    y = int(ys) if len(ys) == 4 else (1900 + int(ys) if int(ys) >= 50 else 2000 + int(ys))
    return Spec(c.start, c.end, value=f"{y:04d}", y=y)


_SPELLED = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
            "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}


def _spelled_year(c, text, s):
    g = c.groups
    if g.get("tt"):
        y = 2000 + (_num(g["u"]) or 0 if g.get("u") else 0)
        if not g.get("u") and not _YEAR_WORD.search(c.groups.get("m") or text[c.start:c.end]) \
                and not g.get("m"):
            return None
    else:
        cent = {"nineteen": 1900, "eighteen": 1800, "seventeen": 1700}[g["c"].lower()]
        t = g["t"].lower()
        if t == "hundred":
            y = cent
        else:
            y = cent + int(_SPELLED.get(t) or _num(t) or 0)
    y = int(y)
    if g.get("m"):
        return Spec(c.start, c.end, kind="ymd", y=y, m=_month(g["m"]))
    return Spec(c.start, c.end, value=f"{y:04d}", y=y)


def _year_rule(c, text, s):
    g = c.groups
    ys, ye = c.spans["y"]
    if not g.get("pp") and not _plausible_year(text, ys, ye, strict=not (g.get("part") or g.get("approx"))):
        return None  # "post-1945 borders" needs no check: the prefix makes it a year
    y = _year(g["y"])
    mod = _part(c) or ("APPROX" if g.get("approx") else None)
    if g.get("pp"):  # "post-1959", "pre-1990"
        mod = "AFTER" if g["pp"].lower() == "post" else "BEFORE"
    return Spec(c.start, c.end, value=f"{y:04d}", y=y, mod=mod)
