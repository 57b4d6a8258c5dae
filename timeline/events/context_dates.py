"""Dates for sentences that tell a happening without a date expression of their own.

"Russian drones struck Kyiv's power grid, killing three" has a strong event cue and no date. It takes:
1. the date of the nearest preceding dated sentence of the same paragraph, when the text continues that
   happening: the sentence opens with a reference back ("The strike", "It", "Later") or tells an event of
   the same type, and that date is a day or a week (a specific happening, not "in 2014");
2. else the publication date, marked date_relation "reported" and approximate (the report is when we
   know it happened by, not necessarily the day it happened);
3. else nothing resolves it: the event is kept with no date (date_value "XXXX-XX-XX").
Such events have no date expression in their sentence: timex_start == timex_end == the sentence start.
"""
from __future__ import annotations

import re
from datetime import date

from ..model import Event
from .dates import DateFields

REPORTED = "reported"
#: A paragraph ends at a blank line.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: Openings that refer back to the happening just told.
_BACK_REFERENCE = re.compile(
    r"^(?:the|this|that|these|those|it|they|he|she|its|their|later|then|afterwards|after that|subsequently|"
    r"shortly after(?:wards)?|in (?:the|that) (?:attack|strike|raid|assault|blast|explosion|fighting|clashes?))\b",
    re.IGNORECASE)
SPECIFIC = frozenset({"day", "week"})


def same_paragraph(text: str, left_end: int, right_start: int) -> bool:
    return _BLANK_LINE.search(text, left_end, right_start) is None


def continues(sentence: str, event_type: str, previous: Event) -> bool:
    """Does this undated sentence go on telling the previous dated event's happening?"""
    if previous.precision not in SPECIFIC or previous.date_relation == REPORTED or previous.date_start is None:
        return False
    return bool(_BACK_REFERENCE.match(sentence.lstrip("\"“‘' "))) or previous.event_type == event_type


def context_fields(previous: Event, at: int) -> DateFields:
    """The previous event's date, for a sentence starting at `at` (no date expression of its own)."""
    return DateFields(previous.date_start, previous.date_end, previous.precision, previous.date_text,
                      previous.date_value, previous.date_mod, previous.date_relation, previous.approximate,
                      at, at, at)


def reported_fields(published: date | None, at: int) -> DateFields:
    """The publication date as the event's (approximate) date, or an unresolved one when there is none."""
    if published is None:
        return DateFields(None, None, None, "", "XXXX-XX-XX", None, None, True, at, at, at)
    return DateFields(published, published, "day", "", published.isoformat(), None, REPORTED, True, at, at, at)


_FINAL = re.compile(r"[.!?][\"”’')\]]*\s*$")


def is_title(sentence: str) -> bool:
    """A headline or a byline: one line that does not end like a sentence."""
    return "\n" not in sentence.strip() and not _FINAL.search(sentence)
