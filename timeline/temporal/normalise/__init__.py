"""Interpretation: a scanner candidate -> one or more underspecified `Spec`s.

A Spec says what the words mean ("May, year unknown", "one year before the anchor",
"P3M") without deciding the anchor; `anchor.resolve` fills in the rest. Context checks
that reject false dates (modal "may" is already excluded by case; here: names such as
"Theresa May", counts such as "1500 troops", identifiers such as "Resolution 2231")
live in this package too (`context`), because they need the words around the span.

This module holds `interpret` and the handler table (one handler per scanner rule); the
handlers and their helpers live in the modules beside it:

- `spec`: the `Spec` dataclass
- `words`, `numbers`: single words -> values; numbers, units and duration values
- `context`: the words around a span and the checks that read them
- `earnings`: quarterly earnings reports (`report_quarter`)
- `dates`, `years`, `periods`, `holidays`: absolute dates; years, decades, centuries and eras;
  seasons, quarters and halves; holidays
- `relative`, `times`: "three days ago", "last week", weekdays, reference words; clock times
  and parts of the day
- `durations`, `sets`: lengths of time; recurring times

Regexes used per candidate are compiled once at module level (a module-level
`re.sub(pattern, ...)` pays a cache lookup on every call).
"""
from __future__ import annotations

import re

from ..scan import Candidate
from ..settings import TagSettings
from .spec import Spec
from .earnings import report_quarter
from .dates import (_iso, _numeric, _weekday_date, _range_month_days, _range_months, _week_of, _mdy, _dmy,
                    _month_year, _month_rel_year, _month_only)
from .years import (_range_years, _decade, _century, _range_era, _era_year, _turn, _fiscal_year,
                    _spelled_year, _year_rule)
from .periods import _season, _quarter, _whole_year, _half, _quarter_rel, _year_adj
from .holidays import _holiday
from .relative import _ago, _vague_ago, _unit_before_after, _rel_unit, _day_word, _weekday, _nth, _ref
from .times import _tod_of_date, _time, _part_of_day, _daypart, _night_generic
from .durations import _duration, _plural_unit
from .sets import _frequency, _set

__all__ = ["Spec", "interpret", "report_quarter"]


def interpret(c: Candidate, text: str, settings: TagSettings) -> list[Spec]:
    """Candidate -> specs (empty when the context shows it is no date)."""
    fn = _HANDLERS.get(c.rule)
    if fn is None:
        return []
    out = fn(c, text, settings)
    if out is None:
        return []
    out = out if isinstance(out, list) else [out]
    verb = _VERB_PART.match(text, c.start) if c.groups.get("part") else None
    for sp in out:
        if sp.m is not None and sp.d is not None and not (1 <= sp.m <= 12 and 1 <= sp.d <= _MAX_DAY[sp.m]):
            sp.d = None  # "April 31": keep what is certain, the month
        if verb and sp.start == c.start and verb.end() < sp.end:
            # "due to end in May", "talks start in June": a verb before the date, not a part of it
            sp.start, sp.mod = verb.end(), None
    return out


#: A part word used as a verb: "end in May" (no "the"); "the end of May" keeps its part.
_VERB_PART = re.compile(r"(?:end|ends|start|starts|close|closes|begin|begins|beginning)\s+in\s+", re.IGNORECASE)


_MAX_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


_HANDLERS = {
    "iso_date": _iso, "numeric_date": _numeric, "weekday_date": _weekday_date,
    "range_month_days": _range_month_days, "range_days_month": _range_month_days,
    "range_months": _range_months, "range_years": _range_years, "mdy": _mdy, "week_of": _week_of, "dmy": _dmy,
    "month_year": _month_year, "month_rel_year": _month_rel_year, "month": _month_only, "season": _season, "decade": _decade,
    "century": _century, "era_year": _era_year, "range_era": _range_era, "tod_of_date": _tod_of_date, "quarter": _quarter, "whole_year": _whole_year, "half": _half,
    "quarter_rel": _quarter_rel, "year_adj": _year_adj, "ago": _ago, "unit_before_after": _unit_before_after, "vague_ago": _vague_ago,
    "rel_unit": _rel_unit, "day_word": _day_word, "part_of_day": _part_of_day, "time": _time, "weekday": _weekday,
    "holiday": _holiday, "frequency": _frequency, "set": _set, "duration": _duration,
    "nth": _nth, "turn": _turn, "fiscal_year": _fiscal_year, "year": _year_rule, "spelled_year": _spelled_year,
    "plural_unit": _plural_unit, "night_generic": _night_generic, "daypart": _daypart, "ref": _ref,
}
