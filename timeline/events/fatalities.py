"""Fatalities stated in a clause: "killed at least 12 people", "three civilians died", "a death toll of 40".

Only explicit numbers count (digits or number words); "dozens" or "many" give None, never a guess.
"""
from __future__ import annotations

import re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand))?))"
_QUAL = r"(?:at least|more than|over|some|nearly|almost|about|around|up to|as many as|a total of)\s+"
_VICTIMS = (r"(?:people|persons|civilians|soldiers|troops|servicemen|fighters|militants|children|women|men|residents|"
            r"villagers|protesters|police(?:men| officers)?|officers|workers|passengers|members|others|"
            r"ukrainians|russians|iranians|israelis|palestinians)")
_PATTERNS = [
    re.compile(rf"\b(?:killed|killing|kills|kill)\s+(?:{_QUAL})?(?P<n>{NUMBER})\s+(?:\w+\s+)?{_VICTIMS}"),
    re.compile(rf"\b(?:{_QUAL})?(?P<n>{NUMBER})\s+(?:\w+\s+)?{_VICTIMS}\s+(?:were|was|have been|had been|are)?\s*"
               rf"(?:killed|dead|died|slain|shot dead|lost their lives)"),
    re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|rose to|stands at)\s+(?:{_QUAL})?(?P<n>{NUMBER})"),
    re.compile(rf"\b(?:leaving|left)\s+(?:{_QUAL})?(?P<n>{NUMBER})\s+(?:\w+\s+)?(?:dead|people dead)"),
    re.compile(rf"\b(?:{_QUAL})?(?P<n>{NUMBER})\s+(?:were|was|have been)\s+killed"),
]


def parse_number(text: str) -> int | None:
    """'12' / '1,200' / 'three' / 'twenty-five' / 'two hundred' -> int."""
    t = text.lower().strip()
    if re.fullmatch(r"[\d,]+", t):
        return int(t.replace(",", ""))
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t.replace("a dozen", "dozen")):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word:
            return None
    return total + current or None


def fatalities(clause: str) -> int | None:
    """The number of people the clause says were killed, or None."""
    lowered = clause.lower()
    for rx in _PATTERNS:
        m = rx.search(lowered)
        if m:
            n = parse_number(m.group("n"))
            if n is not None:
                return n
    return None
