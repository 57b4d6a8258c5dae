"""Earnings reports: whether a text reads like a quarterly report, and which quarter it
reports on; "a year ago" and "the latest quarter" count from that quarter.
"""
from __future__ import annotations

import re


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}

_QUARTER_WORD = re.compile(
    r"\b(?:first|second|third|fourth|latest|year-ago|year-earlier)[\s-]+quarter\b|\bquarter\s+ended\b",
    re.IGNORECASE)
#: The quarter a report is about: its first ordinal quarter that no year or "last year's" qualifies.
_REPORT_QUARTER = re.compile(
    r"(?<![\d'’]\s)(?<!\d\d\d\d\s)(?<!year's\s)(?<!year’s\s)\b(first|second|third|fourth)[\s-]+quarter\b"
    r"(?!\s+(?:of\s+)?(?:\d{4}|last\s+year|a\s+year))",
    re.IGNORECASE)
_quarterly_cache: dict[int, tuple[str, bool, int | None]] = {}


def _quarter_facts(text: str) -> tuple[bool, int | None]:
    hit = _quarterly_cache.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1], hit[2]
    head = text[:200_000]
    # every match holds "quarter", whose letters have no non-ASCII case folds: a cheap test first
    flag = "quarter" in head.lower() and _QUARTER_WORD.search(text, 0, 200_000) is not None
    q = None
    if flag:
        m = _REPORT_QUARTER.search(text, 0, 200_000)
        q = _QUARTERS[m.group(1).lower()] if m else None
    _quarterly_cache.clear()
    _quarterly_cache[id(text)] = (text, flag, q)
    return flag, q


def _quarterly_report(text: str) -> bool:
    """Whether the text reads like a quarterly earnings report ("third-quarter", "quarter ended")."""
    return _quarter_facts(text)[0]


def report_quarter(text: str) -> int | None:
    """The quarter (1-4) an earnings report is about: the first "third-quarter" / "fiscal first
    quarter" it names without a year; "a year ago" and "the latest quarter" count from it."""
    return _quarter_facts(text)[1]
