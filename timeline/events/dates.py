"""From a Timex to an event's date fields: which timexes anchor a happening, open ends, hedges.

Choices (documented for the user):
- Only DATE and TIME timexes anchor events; DURATION and SET never do on their own.
- PRESENT_REF / PAST_REF / FUTURE_REF ("currently", "recently", "in the future") never anchor an
  event: "currently" describes a state at the publication date, not a dated happening, and the
  sentence usually carries a real date (a reporting date) anyway.
- Unresolved dates (no publication date, e.g. value ``XXXX-10``) are kept: the event is returned
  with date_start/date_end None and date_value as the tagger wrote it, so the user sees it as undated
  instead of losing it, and nothing is invented.
- "since"/"from"/"after" without a closing "to" leave the end open (date_end None); "until"/"by"/
  "before" leave the start open (date_start None). "before X" / "ahead of X" / "prior to X" end the
  day before X begins, "after X" starts the day after X ends; "for the winter" is no bound.
- Ranges are one event: "from X to Y", "between X and Y", "1932-1933" / "1932–33", and two adjacent
  units joined by "and" ("on Tuesday and Wednesday", "in 1932 and 1933"). Two separate dates
  joined by "and" ("on Monday and Friday") stay two events sharing the clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..temporal.model import Timex

NON_ANCHOR_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
APPROX_MODS = frozenset({"APPROX", "START", "MID", "END"})
OPEN_END = frozenset({"since", "from", "after"})
OPEN_START = frozenset({"until", "by", "before"})
_HEDGE = re.compile(r"\b(?:around|about|approximately|roughly|circa|some time|sometime|early|late|mid|middle of|"
                    r"end of|beginning of|start of|turn of)\b", re.IGNORECASE)
_PREPOSITION = re.compile(
    r"\b(?:(?:since|until|till|by|before|after|from|on|in|during|at|around|about|through|as of|as early as|"
    r"as late as|no later than|not later than|no earlier than|between|to|ahead of|prior to|up to|for)"
    r"(?:\s+at\s+least)?|at\s+least)\s+$",
    re.IGNORECASE)
#: "images from April" is a point in time, not an open interval starting in April.
_RECORD_FROM = re.compile(r"\b(?:images?|photos?|photographs?|pictures?|footage|videos?|reports?|data|documents?|"
                          r"letters?|statements?|figures|records|imagery|intelligence|recordings?|files)"
                          r"\s+(?:taken\s+|dated\s+)?from\s+$", re.IGNORECASE)


def anchors_event(t: Timex) -> bool:
    """Can this timex date a happening?"""
    if t.type not in ("DATE", "TIME") or not t.value or t.value in NON_ANCHOR_VALUES:
        return False
    return t.value[0].isdigit() or t.value[0] == "X" or t.value.startswith("BC")


@dataclass(slots=True)
class DateFields:
    date_start: date | None
    date_end: date | None
    precision: str | None
    date_text: str
    date_value: str
    date_mod: str | None
    date_relation: str | None
    approximate: bool
    timex_start: int
    timex_end: int
    text_start: int     # where date_text starts (its preposition, if any)


#: Bounds the tagger may leave unmarked, read from the words right before the date.
_BOUND_WORDS = {"no later than": "by", "not later than": "by", "no earlier than": "after",
                "ahead of": "before", "prior to": "before"}


def date_fields(text: str, first: Timex, last: Timex | None = None) -> DateFields:
    """Date fields for one timex, or for a from/to (between/and) pair `first`..`last`.

    "before X" / "ahead of X" ends the day before X begins and "after X" starts the day after X ends
    (open on the other side); "by X" / "until X" include X. "for the winter" is no bound: the winter itself.
    """
    relation = first.relation
    prep = _PREPOSITION.search(text, max(0, first.start - 40), first.start)
    if relation is None and prep is not None:
        relation = _BOUND_WORDS.get(" ".join(prep.group().lower().split()))
    if relation == "from" and _RECORD_FROM.search(text, max(0, first.start - 40), first.start):
        relation = None
    start, end = first.first, first.last
    t_start, t_end = first.start, first.end
    value = first.value
    if last is not None:
        end = last.last
        t_end = last.end
        value = f"{first.value}/{last.value}"
        relation = None
    elif relation in OPEN_END:
        end = None
    elif relation in OPEN_START:
        start = None
    if relation == "before" and first.first is not None:
        start, end = None, _shift(first.first, -1)
    if relation == "after" and first.last is not None:
        start = _shift(first.last, 1)
    d_start = prep.start() if prep else t_start
    shown = " ".join(text[d_start:t_end].split())
    hedged = bool(_HEDGE.search(shown)) and first.precision not in (None, "day")
    approximate = (first.mod in APPROX_MODS) or hedged
    return DateFields(start, end, first.precision, shown, value, first.mod, relation, approximate, t_start, t_end,
                      d_start)


def _shift(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None (an open, unresolved bound) past the calendar's edge:
    "before 1 January 1" or "after 31 December 9999" cannot be written as a date, and that
    one event says so by staying open instead of refusing the whole document."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def pair_ranges(text: str, timexes: list[Timex]) -> list[tuple[Timex, Timex | None]]:
    """Group 'from X to Y' and 'between X and Y' into one range; every other timex stands alone."""
    out: list[tuple[Timex, Timex | None]] = []
    i = 0
    while i < len(timexes):
        t = timexes[i]
        if i + 1 < len(timexes):
            u = timexes[i + 1]
            gap = text[t.end:u.start].strip().lower()
            if ((t.relation == "from" and u.relation in ("to", "until") and gap in ("to", "until", "till", "-", "–"))
                    or (t.relation == "between" and gap == "and")
                    or (gap in ("-", "–", "—") and t.precision == u.precision)
                    or (gap == "and" and _consecutive(t, u))):
                out.append((t, u))
                i += 2
                continue
        out.append((t, None))
        i += 1
    return out


def _consecutive(t: Timex, u: Timex) -> bool:
    """'on Tuesday and Wednesday', 'in 1932 and 1933': two adjacent units of the same size read as one stretch."""
    return (t.precision is not None and t.precision == u.precision and t.last is not None and u.first is not None
            and u.first == _shift(t.last, 1))


def merge_qualifiers(text: str, timexes: list[Timex]) -> list[Timex]:
    """Join a date and the coarser date that only qualifies it ("October" + "of last year", "May 5, 2023"),
    and a relative date with the exact date that restates it ("a week later, on October 17").

    Taggers sometimes return those as two timexes; they are one date, so they must make one event.
    The finer timex keeps its value and interval; its span grows to cover both.
    """
    out: list[Timex] = []
    for t in timexes:
        prev = out[-1] if out else None
        gap = " ".join(text[prev.end:t.start].lower().split()) if prev is not None else None
        if prev is not None and gap in ("of", ",", "") and t.start - prev.end <= 4 and _within(prev, t):
            out[-1] = replace(prev, end=t.end, text=text[prev.start:t.end])
            continue
        # "a week later, on October 17": the second, finer date restates the first.
        if prev is not None and gap in (", on", ", in", ",") and _within(t, prev):
            out[-1] = replace(t, start=prev.start, text=text[prev.start:t.end])
            continue
        out.append(t)
    return out


def _within(inner: Timex, outer: Timex) -> bool:
    return (inner.first is not None and inner.last is not None and outer.first is not None
            and outer.last is not None and outer.first <= inner.first and inner.last <= outer.last
            and (inner.first, inner.last) != (outer.first, outer.last))
