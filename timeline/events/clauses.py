"""Clause splitting: one sentence carrying two dates for two happenings becomes two clauses.

Between two consecutive dates of a sentence we look for the strongest clause boundary (a semicolon,
then a comma + conjunction, then a bare conjunction, then a comma) and cut there; when there is none,
the dates share the whole stretch (they describe one happening, e.g. "said on Friday that ... on Monday").
"""
from __future__ import annotations

import re

from .sentences import Span

#: Boundary patterns, strongest first. Group "cut" is where the left clause ends, the match end where the right starts.
_BOUNDARIES = [
    re.compile(r"(?P<cut>\s*;\s*)"),
    re.compile(r"(?P<cut>,\s*)(?:and|but|while|whereas|as|although|though|after|before|when|which|citing|"
               r"following|then|so|yet)\b\s*", re.IGNORECASE),
    re.compile(r"(?P<cut>\s+)(?:and then|and later|but|while|whereas)\b\s*", re.IGNORECASE),
    re.compile(r"(?P<cut>,\s*)"),
    re.compile(r"(?P<cut>\s+)and\b\s*", re.IGNORECASE),
]
_LEAD = re.compile(r"^(?:and|but|as|while|whereas|although|though|so|yet|then|which)\b[\s,]*", re.IGNORECASE)


def split_clauses(text: str, sentence: Span, anchors: list[tuple[int, int]]) -> list[Span]:
    """One clause span per anchor (start, end) of `sentence`, in order; neighbours may share a span."""
    if len(anchors) <= 1:
        return [sentence] * len(anchors)
    cuts = [_find_cut(text, a_end, b_start) for (_, a_end), (b_start, _) in zip(anchors, anchors[1:])]
    out: list[Span] = []
    for k in range(len(anchors)):
        left = next((c[1] for c in reversed(cuts[:k]) if c), sentence.start)
        right = next((c[0] for c in cuts[k:] if c), sentence.end)
        out.append(Span(left, right))
    return out


def _find_cut(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The strongest boundary in text[start:end] as (left clause end, right clause start)."""
    for rx in _BOUNDARIES:
        m = rx.search(text, start, end)
        if m:
            return m.start("cut"), m.end("cut")
    return None


def focus(text: str, clause: Span, t_start: int, t_end: int) -> Span:
    """The comma/semicolon-delimited stretch of `clause` around a date, where its own verb usually is."""
    left = max(text.rfind(",", clause.start, t_start), text.rfind(";", clause.start, t_start))
    right_c = [p for p in (text.find(",", t_end, clause.end), text.find(";", t_end, clause.end)) if p >= 0]
    return Span(left + 1 if left >= 0 else clause.start, min(right_c) if right_c else clause.end)


def clean_clause(clause: str, limit: int = 200) -> str:
    """The clause as a summary: leading conjunction dropped, quotes and spaces tidied, at most `limit` chars."""
    s = " ".join(clause.split())
    s = _LEAD.sub("", s).strip(" ,;:-–—\"“”‘’'")
    if s and s[0].islower():
        s = s[0].upper() + s[1:]
    if len(s) > limit:
        cut = s.rfind(" ", 0, limit - 1)
        s = s[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"
    return s
