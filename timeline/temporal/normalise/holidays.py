"""Handlers for holidays: fixed-date and national days (the country's day, by the
country the text names most), Easter and the days counted from it, and nth-weekday holidays.
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .spec import Spec
from .words import _squash, _year
from .context import _word_after, _sentence


def _holiday(c, text, s):
    g = c.groups
    return _holiday_spec(c, g["hol"], _year(g["y"]) if g.get("y") else None, text)


def _any_word(words) -> re.Pattern:
    """Any of these words (case kept), whole."""
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


_COUNTRY_CUES = {country: _any_word(words) for country, words in V.NATIONAL_HOLIDAY_CUES.items()}


def _national_day(name: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The day of a holiday each country keeps on its own day ("Independence Day" in a report
    from Kyiv is 24 August): that of the country named most in the holiday's sentence, else in
    the whole text; None on a tie or when no country is named."""
    days = V.NATIONAL_HOLIDAYS.get(name)
    if not days:
        return None
    for scope in (_sentence(text, start, end), text):
        counts = sorted(((len(_COUNTRY_CUES[k].findall(scope)), k) for k in days), reverse=True)
        if counts[0][0] and (len(counts) == 1 or counts[0][0] > counts[1][0]):
            return days[counts[0][1]]
    return None


def _holiday_spec(c, words: str, y: int | None, text: str = "") -> Spec:
    name = _squash(words.lower()).replace("’", "'")
    if name in V.HOLIDAYS:
        m, d = _national_day(name, text, c.start, c.end) or V.HOLIDAYS[name]
        return Spec(c.start, c.end, kind="ymd", y=y, m=m, d=d)
    if name in V.EASTER_HOLIDAYS:
        if _word_after(text, c.end).lower() in V.EASTER_NAME_WORDS:
            return None  # "the Good Friday Agreement", "the Easter Rising": names
        reckoning, shift = V.EASTER_HOLIDAYS[name]
        # April stands in for the month until the year is known (Easter falls from March 22 to May 8)
        return Spec(c.start, c.end, kind="ymd", y=y, m=4, d=None,
                    extra={"easter": (reckoning or _easter_reckoning(text, c.start, c.end), shift),
                           "week": name.endswith("week")})
    m, wd, n = V.WEEKDAY_HOLIDAYS[name]
    return Spec(c.start, c.end, kind="ymd", y=y, m=m, d=None, extra={"nth_weekday": (wd, n)})


_ORTHODOX = _any_word(V.EASTER_ORTHODOX_CUES)
_WESTERN = _any_word(V.EASTER_WESTERN_CUES)


def _easter_reckoning(text: str, start: int, end: int) -> str:
    """"orthodox" or "western" for a plain "Easter": the cues of its sentence, else of the text."""
    for scope in (_sentence(text, start, end), text):
        east, west = len(_ORTHODOX.findall(scope)), len(_WESTERN.findall(scope))
        if east != west:
            return "orthodox" if east > west else "western"
    return "western"
