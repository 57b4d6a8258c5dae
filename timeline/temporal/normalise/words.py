"""Single words -> values: months, days, years, parts ("early", "mid-"), relative words
("last", "next", "that"), and whitespace squashing.
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from ..scan import Candidate


_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _squash(s: str) -> str:
    """Runs of whitespace as one space (`_WS.sub(" ", s)`); a single word, the usual case, has
    none, and `isalpha` says so faster than the regex."""
    return s if s.isalpha() or not s else _WS.sub(" ", s)


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return V.MONTHS.get(w) or V.MONTH_ABBREVIATIONS[w]


def _day(word: str) -> int:
    return int(_DIGITS.match(word).group())


def _year(word: str) -> int:
    return int(word)


def _part(c: Candidate) -> str | None:
    p = c.groups.get("part")
    if not p:
        return None
    return V.PART_MODS.get(_squash(p.lower()))


def _rel_word(word: str | None) -> tuple[int | None, bool, bool]:
    """Relative word -> (offset, anaphoric, has 'the')."""
    if not word:
        return None, False, False
    parts = word.lower().split()
    w = parts[-1]
    the = parts[0] == "the"
    if w == "the":
        return 0, False, True
    off = V.RELATIVE_OFFSETS.get(w, 0)
    ana = w in V.ANAPHORIC_WORDS or (the and w == "next")
    return off, ana, the
