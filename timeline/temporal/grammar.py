"""The TIMEX3 `value` grammar, as a validator.

Used by property tests and evaluation to catch malformed normalisations
(``2023-13``, ``2023-02-30``, ``P3``) before they reach the store. It follows
the TimeML 1.2 TIMEX3 guidelines, plus the few forms TIMEX2 corpora use
(``BC0480``, ``P2DE`` decades, ``TDT`` daytime):

point values (DATE, TIME, and SET anchors)
    ``[BC]YYYY``, decade ``YYY``, century ``YY`` (digits or ``X``),
    then optionally ``-MM``, ``-MM-DD``, ``-Www`` (``-D`` or ``-WE``),
    ``-SP|SU|FA|WI``, ``-Qn``, ``-Hn``; a time ``THH[:MM[:SS[.f]]]`` or
    ``TMO|TAF|TEV|TNI|TDT|TMI`` (optional zone ``Z``/``±hh[:mm]``) after a full
    day or a week day; a bare time ``THH:MM``; ``PRESENT_REF``, ``PAST_REF``,
    ``FUTURE_REF``.
durations (DURATION, SET)
    ``P`` + amounts (digits, decimals or ``X``) with units in ISO order
    ``Y M W D`` (and ``ML CE DE L C E Q WE`` for millennia, centuries, decades,
    quarters, weekends as in TIMEX2's ``P1WE``) and ``T`` + ``H M S``.
"""
from __future__ import annotations

import re

_AMOUNT = r"(?:\d+(?:\.\d+)?|\.\d+|X)"
_TIME = (
    r"T(?:MO|AF|EV|NI|DT|MI"
    r"|(?P<hh>\d\d|XX)(?::(?P<mi>\d\d|XX)(?::(?P<ss>\d\d)(?:\.\d+)?)?)?)"
    r"(?:Z|[+-]\d\d(?::?\d\d)?)?"
)
_TIME_UNNAMED = re.sub(r"\?P<\w+>", "", _TIME)
_POINT = re.compile(
    rf"""
    (?:BC)?
    (?:
        (?P<year>[\dX]{{4}})
        (?:
            -(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX)(?P<time1>{_TIME_UNNAMED})?)?
          | -W(?P<week>\d\d|XX)(?:-(?:(?P<wday>[1-7X])(?P<time2>{_TIME_UNNAMED})?|WE))?
          | -(?:SP|SU|FA|WI)
          | -Q[1-4X]
          | -H[12X]
        )?
      | [\dX]{{2,3}}              # decade (199) or century (19)
    )
    """,
    re.VERBOSE,
)
_BARE_TIME = re.compile(_TIME)
_DURATION = re.compile(
    rf"""P(?=.)(?!T?$)
    (?:{_AMOUNT}ML)?(?:{_AMOUNT}CE)?(?:{_AMOUNT}DE)?
    (?:{_AMOUNT}[LCE])?
    (?:{_AMOUNT}Y)?(?:{_AMOUNT}Q)?(?:{_AMOUNT}M)?(?:{_AMOUNT}W)?(?:{_AMOUNT}WE)?(?:{_AMOUNT}D)?
    (?:T(?=.)(?:{_AMOUNT}H)?(?:{_AMOUNT}M)?(?:{_AMOUNT}S)?)?
    """,
    re.VERBOSE,
)
REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET", ""})

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _time_ok(m: re.Match[str]) -> bool:
    hh, mi, ss = m.group("hh"), m.group("mi"), m.group("ss")
    if hh and hh != "XX" and int(hh) > 24:
        return False
    if mi and mi != "XX" and int(mi) > 59:
        return False
    return not (ss and int(ss) > 60)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def is_valid_point(value: str) -> bool:
    """A calendar point or interval value: date, week, season, quarter, decade, time, or a *_REF."""
    if value in REFS:
        return True
    if value.startswith("T"):
        m = _BARE_TIME.fullmatch(value)
        return bool(m) and _time_ok(m)
    m = _POINT.fullmatch(value)
    if not m:
        return False
    if (m.group("time1") or m.group("time2")) and not _time_ok(_BARE_TIME.fullmatch(m.group("time1") or m.group("time2"))):
        return False
    month, day, week = m.group("month"), m.group("day"), m.group("week")
    if month and month != "XX" and not 1 <= int(month) <= 12:
        return False
    if week and week != "XX" and not 1 <= int(week) <= 53:
        return False
    if day and day != "XX":
        limit = 31
        if month and month != "XX":
            limit = _DAYS_IN_MONTH[int(month) - 1]
            year = m.group("year")
            if int(month) == 2 and year.isdigit() and not _leap(int(year)):
                limit = 28
        if not 1 <= int(day) <= limit:
            return False
    return True


def is_valid_duration(value: str) -> bool:
    """An ISO-8601-style duration with TIMEX3's extra units and ``X`` amounts (e.g. ``P3M``, ``PXY``, ``PT2H``)."""
    return bool(_DURATION.fullmatch(value))


def is_valid_value(value: str, type: str) -> bool:
    """Whether `value` is a well-formed TIMEX3 value for a timex of `type`.

    DATE and TIME take point values, DURATION durations, SET either (``P1W``,
    ``XXXX-WXX-1``); type ``""`` (untyped TIMEX2 annotation) takes any.
    """
    if not isinstance(value, str) or not value or type not in TYPES:
        return False
    if type in ("DATE", "TIME"):
        return is_valid_point(value)
    if type == "DURATION":
        return is_valid_duration(value)
    return is_valid_point(value) or is_valid_duration(value)
