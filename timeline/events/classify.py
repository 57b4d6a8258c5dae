"""ACLED event type and sub-type of a clause, from the weighted cue table gazetteer/data/event_cues.tsv.

The table is data so analysts can extend it without touching code; each row carries an example
phrase that tests/events checks classifies to that row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer.tables import DATA_DIR, TableError, parse_float, read_table
from ..model import EVENT_TYPES
from .prefilter import literal_prefixes

CUE_TABLE = "event_cues.tsv"
#: Scores below this leave the clause as "Other".
MIN_SCORE = 0.35


@dataclass(frozen=True, slots=True)
class Cue:
    event_type: str
    sub_type: str
    weight: float
    pattern: re.Pattern
    example: str
    line: int
    prefixes: frozenset[str] | None = None   # a match must start with one of these (None: unknown)


@dataclass(frozen=True, slots=True)
class Classification:
    event_type: str
    sub_type: str | None
    score: float            # summed weight of the winning sub-type, capped at 1
    cues: tuple[str, ...]   # examples of the matched cue rows, for explanation


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    out = []
    for line, (etype, sub, weight, pattern, example) in read_table(CUE_TABLE, 5):
        if etype not in EVENT_TYPES:
            raise TableError(f"{DATA_DIR / CUE_TABLE}:{line}: unknown event type {etype!r}")
        w = parse_float(weight, table=CUE_TABLE, lineno=line, column="weight")
        if re.search(r"(?<!\\)[A-Z]", pattern):
            raise TableError(f"{DATA_DIR / CUE_TABLE}:{line}: write patterns in lower case "
                             "(they are matched against the lower-cased clause)")
        try:
            rx = re.compile(rf"\b(?:{pattern})\b")
        except re.error as exc:
            raise TableError(f"{DATA_DIR / CUE_TABLE}:{line}: bad pattern ({exc})") from None
        out.append(Cue(etype, sub, w, rx, example, line, literal_prefixes(pattern)))
    return tuple(out)


def cue_matches(text: str) -> list[tuple[Cue, int, int]]:
    """Every cue row's matches in `text` as (cue, start, end); one pass per row."""
    lowered = text.lower()  # lower-casing once is ~4x faster than re.IGNORECASE on every row
    return [(cue, m.start(), m.end()) for cue in cues()
            if cue.prefixes is None or any(p in lowered for p in cue.prefixes)
            for m in cue.pattern.finditer(lowered)]


def cue_matches_unfiltered(text: str) -> list[tuple[Cue, int, int]]:
    """`cue_matches` without the literal-prefix shortcut (the reference the tests compare against)."""
    lowered = text.lower()
    return [(cue, m.start(), m.end()) for cue in cues() for m in cue.pattern.finditer(lowered)]


def score(matches: list[tuple[Cue, int, int]], start: int = 0, end: int | None = None) -> Classification:
    """Best (event_type, sub_type) from the matches inside [start, end); each row counts once."""
    scores: dict[tuple[str, str], float] = {}
    matched: dict[tuple[str, str], list[str]] = {}
    order: dict[tuple[str, str], int] = {}
    seen_rows: set[int] = set()
    for cue, s, e in matches:
        if s < start or (end is not None and e > end) or cue.line in seen_rows:
            continue
        seen_rows.add(cue.line)
        key = (cue.event_type, cue.sub_type)
        scores[key] = scores.get(key, 0.0) + cue.weight
        matched.setdefault(key, []).append(cue.example)
        order.setdefault(key, cue.line)
    if not scores:
        return Classification("Other", None, 0.0, ())
    best = max(scores, key=lambda k: (scores[k], -order[k]))
    if scores[best] < MIN_SCORE:
        return Classification("Other", None, scores[best], tuple(matched[best]))
    return Classification(best[0], best[1], min(1.0, scores[best]), tuple(matched[best]))


def classify(clause: str) -> Classification:
    """Best (event_type, sub_type) for a clause; ("Other", None) when no cue is strong enough."""
    return score(cue_matches(clause))
