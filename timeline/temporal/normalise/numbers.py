"""Numbers, units and durations: number words and digits -> numbers, unit words -> units,
and (number, unit) -> an ISO 8601 duration value ("P3M", "PT1H30M").
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .words import _squash


_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")
_AND_A_HALF = re.compile(r"(\d+)\s+1/2")
_HYPHEN_OR_SPACE = re.compile(r"[- ]")


def _num(word: str) -> float | None:
    """Number word or digits -> number; None when vague ("several")."""
    w = _squash(word.lower().strip())
    if _DECIMAL.fullmatch(w):
        return float(w.replace(",", ""))
    m = _AND_A_HALF.fullmatch(w)
    if m:
        return int(m.group(1)) + 0.5
    if w in V.NUMBER_WORDS:
        return V.NUMBER_WORDS[w]
    if w in V.VAGUE_NUMBERS:
        return None
    parts = _HYPHEN_OR_SPACE.split(w)
    if len(parts) == 2 and parts[0] in V.NUMBER_WORDS and parts[1] in V.NUMBER_WORDS:
        return V.NUMBER_WORDS[parts[0]] + V.NUMBER_WORDS[parts[1]]
    return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _unit(word: str) -> str:
    w = word.lower()
    return V.UNIT_PLURALS.get(w, w)


_SMALLER = {"Y": (12, "M", False), "M": (30, "D", False), "D": (24, "H", True), "H": (60, "M", True),
            "W": (7, "D", False)}
#: The same for clock units, where "M" is a minute, not a month.
_SMALLER_TIME = {"H": (60, "M", True), "M": (60, "S", True)}


def _duration_value(n: float | None, unit: str) -> str:
    code, is_time = V.UNITS.get(unit, ("X", False))
    if n is not None:
        n = n * V.UNIT_FACTORS.get(unit, 1)
        table = _SMALLER_TIME if is_time else _SMALLER
        if not float(n).is_integer() and code in table:
            k, small, small_time = table[code]
            whole, rest = int(n), round((n - int(n)) * k)
            head = f"{whole}{code}" if whole else ""
            if is_time or not small_time:
                return ("PT" if is_time else "P") + head + f"{rest}{small}"
            return "P" + head + f"T{rest}{small}"
    return ("PT" if is_time else "P") + _fmt_num(n) + code
