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
    r"""Any of these words (case kept), whole: `(?<![\w.])(?:w1|w2|...)(?!\w)`, written with each
    word's first character ahead of the look-behind (`U(?<![\w.]U)kraine`), which matches the same
    text: then every alternative opens with a literal, and the regex engine skips in C to the
    positions holding one of those characters instead of trying the pattern at each one."""
    return re.compile("(?:" + "|".join(f"{re.escape(w[0])}(?<![\\w.]{re.escape(w[0])}){re.escape(w[1:])}"
                                       for w in words) + r")(?!\w)")


_COUNTRY_CUES = {country: _any_word(words) for country, words in V.NATIONAL_HOLIDAY_CUES.items()}
#: Any country's cue: where it finds nothing, every country's count is 0 (a word that one country's
#: pattern matches at a position is an alternative of this one there too), so one search stands in
#: for a count per country in the usual sentence that names none.
_ANY_COUNTRY = _any_word([w for words in V.NATIONAL_HOLIDAY_CUES.values() for w in words])


class _TextCounts:
    """How often each cue pattern occurs in the whole text, counted once per text.

    A holiday whose sentence names no country (or church) falls back to the whole text; doing
    that count again for every "Easter" made a text of repeated holiday names quadratic. The
    last text's counts are kept (by identity: the tagger hands every handler the same str)."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._counts: dict[str, int] = {}
        self.scans = 0  # whole-text counts made (what tests count)

    def count(self, key: str, pattern: re.Pattern, text: str) -> int:
        if text is not self._text:
            self._text, self._counts = text, {}
        if key not in self._counts:
            self.scans += 1
            self._counts[key] = len(pattern.findall(text))
        return self._counts[key]


_WHOLE_TEXT = _TextCounts()


def _national_day(name: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The day of a holiday each country keeps on its own day ("Independence Day" in a report
    from Kyiv is 24 August): that of the country named most in the holiday's sentence, else in
    the whole text; None on a tie or when no country is named."""
    days = V.NATIONAL_HOLIDAYS.get(name)
    if not days:
        return None
    sentence = _sentence(text, start, end)
    for whole in (False, True):
        if not whole and _ANY_COUNTRY.search(sentence) is None:
            continue  # no country named in the sentence: every count would be 0
        counts = sorted(((_WHOLE_TEXT.count(k, _COUNTRY_CUES[k], text) if whole
                          else len(_COUNTRY_CUES[k].findall(sentence)), k) for k in days), reverse=True)
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
#: Either reckoning's cue (see `_ANY_COUNTRY`): nothing found means both counts are 0.
_ANY_RECKONING = _any_word([*V.EASTER_ORTHODOX_CUES, *V.EASTER_WESTERN_CUES])


def _easter_reckoning(text: str, start: int, end: int) -> str:
    """"orthodox" or "western" for a plain "Easter": the cues of its sentence, else of the text."""
    sentence = _sentence(text, start, end)
    east = west = 0
    if _ANY_RECKONING.search(sentence) is not None:
        east, west = len(_ORTHODOX.findall(sentence)), len(_WESTERN.findall(sentence))
    if east == west:  # the sentence does not say: the whole text, counted once per text
        east = _WHOLE_TEXT.count(" orthodox", _ORTHODOX, text)
        west = _WHOLE_TEXT.count(" western", _WESTERN, text)
    if east != west:
        return "orthodox" if east > west else "western"
    return "western"
