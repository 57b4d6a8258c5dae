"""Clause splitting: one sentence carrying two dates for two happenings becomes two clauses.

Between two consecutive dates of a sentence we look for the strongest clause boundary (a semicolon,
then a comma + conjunction, then a bare conjunction, then a comma) and cut there; when there is none,
the dates share the whole stretch (they describe one happening, e.g. "said on Friday that ... on Monday").
"""
from __future__ import annotations

import re

from .reporting import REPORTING_VERBS
from .sentences import Span

#: Boundary patterns, strongest first. Group "cut" is where the left clause ends, the match end where the right starts.
_BOUNDARIES = [
    re.compile(r"(?P<cut>\s*;\s*)"),
    re.compile(r"(?P<cut>,\s+)(?:and|but|while|whereas|as|although|though|after|before|when|which|citing|"
               r"following|then|so|yet)\b\s*", re.IGNORECASE),
    re.compile(r"(?P<cut>\s+)(?:and then|and later|but|while|whereas)\b\s*", re.IGNORECASE),
    re.compile(r"(?P<cut>,\s+)"),      # a comma before a space: never the one inside "40,000"
    re.compile(r"(?P<cut>\s+)and\b\s*", re.IGNORECASE),
]
#: "KYIV, Ukraine (Wire)_ " / "LONDON (Reuters) - ": the place and agency stamp opening a wire story.
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .'-]{1,30})?\s*\([^)]{1,40}\)\s*[-_—–]+\s*")
_LEAD = re.compile(r"^(?:(?:and|but|or|nor|as(?!\s+(?:of|if|well|soon|far|long|much|many|part|a result)\b)|while|"
                   r"whereas|although|though|so|yet|then|which|however|meanwhile|moreover|also|plus|citing|separately|"
                   r"in addition|additionally|furthermore|finally)\b[\s,]*)+",
                   re.IGNORECASE)


def split_clauses(text: str, sentence: Span, anchors: list[tuple[int, int]]) -> list[Span]:
    """One clause span per anchor (start, end) of `sentence`, in order; neighbours may share a span."""
    if len(anchors) <= 1:
        return [sentence] * len(anchors)
    cuts = [_find_cut(text, a_end, b_start) for (_, a_end), (b_start, _) in zip(anchors, anchors[1:])]
    n = len(cuts)
    # The nearest cut on either side, kept as running values (not a re-read of the list per date):
    # linear in the number of dates of the sentence.
    right_of = _next_starts(cuts, sentence.end)     # right_of[k]: start of the first cut at index >= k
    # "on Tuesday and Wednesday": a cut that leaves a side with nothing but its date splits no happening.
    left = sentence.start                           # end of the last cut kept before index k
    for k in range(n):
        cut = cuts[k]
        if cut is None:
            continue
        right = right_of[k + 1]                     # later cuts are not judged yet: the original list
        if not (_is_clause(text, left, cut[0], anchors[k]) and _is_clause(text, cut[1], right, anchors[k + 1])):
            cuts[k] = None
        else:
            left = cut[1]
    right_of = _next_starts(cuts, sentence.end)
    out: list[Span] = []
    left = sentence.start
    for k in range(len(anchors)):
        out.append(Span(left, right_of[k]))
        if k < n and cuts[k]:
            left = cuts[k][1]
    return out


def _next_starts(cuts: list[tuple[int, int] | None], end: int) -> list[int]:
    """For each index k (and one past the last), the start of the first cut at index >= k, else `end`."""
    out = [end] * (len(cuts) + 1)
    for k in range(len(cuts) - 1, -1, -1):
        out[k] = cuts[k][0] if cuts[k] else out[k + 1]
    return out


_CONTENT_WORD = re.compile(r"[^\W\d_]{2,}")
#: Words that do not make a clause on their own: date prepositions, connectives, articles.
_EMPTY_WORDS = frozenset("""
on in at by of the a an and or but then also from to until till since during before after between around about
as for early late mid this that last next same day is was were be
""".split())
_REPORTING = re.compile(rf"^(?:{REPORTING_VERBS})$", re.IGNORECASE)
#: Fewer content words than this (besides the date) is a fragment, not a clause: "Spain in 1982", "followed in 1979".
MIN_CLAUSE_WORDS = 2


def content_words(text: str, start: int, end: int, skip: list[tuple[int, int]] = ()) -> list[str]:
    """The words of text[start:end] outside the `skip` spans (its dates) that can say what happened."""
    pieces, pos = [], start
    for s, e in sorted(skip):
        if e <= start or s >= end:
            continue
        pieces.append(text[pos:max(pos, s)])
        pos = max(pos, min(e, end))
    pieces.append(text[pos:end])
    return [w for w in _CONTENT_WORD.findall(" ".join(pieces)) if w.lower() not in _EMPTY_WORDS]


def _is_clause(text: str, start: int, end: int, anchor: tuple[int, int]) -> bool:
    """Can text[start:end] stand alone as a happening's clause (not just a date, a fragment or an attribution)?"""
    words = content_words(text, start, end, [anchor])
    if len(words) < MIN_CLAUSE_WORDS:
        return False
    # "police said today": only a speaker and its verb; it belongs with the words it reports.
    if len(words) <= 5 and (_REPORTING.match(words[-1]) or _REPORTING.match(words[0])):
        return any(p in text[start:end] for p in ",;:")
    return True


def _find_cut(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The strongest boundary in text[start:end] as (left clause end, right clause start)."""
    for rx in _BOUNDARIES:
        m = rx.search(text, start, end)
        if m:
            return m.start("cut"), m.end("cut")
    return None


#: A comma or semicolon that separates words (not the digit group mark in "40,000").
_PUNCT_BREAK = re.compile(r";|,(?!\d)")


def focus(text: str, clause: Span, t_start: int, t_end: int) -> Span:
    """The comma/semicolon-delimited stretch of `clause` around a date, where its own verb usually is."""
    lefts = [m.start() for m in _PUNCT_BREAK.finditer(text, clause.start, t_start)]
    right = _PUNCT_BREAK.search(text, t_end, clause.end)
    return Span(lefts[-1] + 1 if lefts else clause.start, right.start() if right else clause.end)


def clean_clause(clause: str, limit: int = 200) -> str:
    """The clause as a summary: leading conjunction dropped, quotes and spaces tidied, at most `limit` chars."""
    s = " ".join(clause.split())
    s = _WIRE_DATELINE.sub("", s)
    s = _LEAD.sub("", s).strip(" ,;:-–—\"“”‘’'")
    if s and s[0].islower():
        s = s[0].upper() + s[1:]
    if len(s) > limit:
        cut = s.rfind(" ", 0, limit - 1)
        s = s[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"
    return s
