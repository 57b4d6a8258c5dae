"""ACLED event type and sub-type of a clause: cue words, means, and who did what to whom.

Knowledge lives in tables under gazetteer/data, apart from this engine:

- event_cues.tsv: words that name a sub-type on their own ("retook the town", "tear gas", "looted");
- event_instruments.tsv: the means of remote violence (air strike, shelling, IED, grenade, suicide bomb,
  chemical weapon), which decide the sub-type whoever the target is;
- event_other.tsv: what ACLED does not code (disasters, crime, diplomacy, claims of responsibility);
- event_parties.tsv, event_verbs.tsv, event_roles.tsv: a verb's agent and target classes decide between
  Battles, Violence against civilians, Protests and Riots, and who took a place between government
  regains and non-state actor overtakes territory (see roles.py).

Every row carries an example phrase that tests/events checks classifies to that row. A clause's sub-type
is the one whose strongest row plus REST of its other rows weighs most, each row counted once; cues in
background stretches count LATER of their weight (see `score`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer.tables import DATA_DIR, TableError, parse_float, read_table
from ..model import EVENT_TYPES
from .prefilter import PrefixGate, literal_prefixes
from .roles import party_matches, role_decisions, roles, verb_matches

CUE_TABLE = "event_cues.tsv"
CUE_TABLES = (CUE_TABLE, "event_instruments.tsv", "event_other.tsv")
ROLE_TABLE = "event_roles.tsv"
#: Scores below this leave the clause as "Other".
MIN_SCORE = 0.35
#: A sub-type's weaker rows add this share of their weight to its strongest row.
REST = 0.2
#: Cues in background stretches count this share: after a report's first sentence (reactions, earlier
#: events) or after "in retaliation for", "since", "amid" (see `background_spans`).
LATER = 0.6


@dataclass(frozen=True, slots=True)
class Cue:
    event_type: str
    sub_type: str | None
    weight: float
    pattern: re.Pattern | None      # None: a roles row (decided from the verb's agent and target)
    example: str
    line: int
    prefixes: frozenset[str] | None = None   # a match must start with one of these (None: unknown)
    table: str = CUE_TABLE


@dataclass(frozen=True, slots=True)
class Classification:
    event_type: str
    sub_type: str | None
    score: float            # summed weight of the winning sub-type, capped at 1
    cues: tuple[str, ...]   # examples of the matched cue rows, for explanation


def _load(table: str) -> list[Cue]:
    out = []
    for line, (etype, sub, weight, pattern, example) in read_table(table, 5):
        if etype not in EVENT_TYPES:
            raise TableError(f"{DATA_DIR / table}:{line}: unknown event type {etype!r}")
        if (etype == "Other") != (not sub):
            raise TableError(f"{DATA_DIR / table}:{line}: type Other has no sub-type, every other type has one")
        w = parse_float(weight, table=table, lineno=line, column="weight")
        if re.search(r"(?<!\\)[A-Z]", pattern):
            raise TableError(f"{DATA_DIR / table}:{line}: write patterns in lower case "
                             "(they are matched against the lower-cased clause)")
        try:
            rx = re.compile(rf"\b(?:{pattern})\b")
        except re.error as exc:
            raise TableError(f"{DATA_DIR / table}:{line}: bad pattern ({exc})") from None
        out.append(Cue(etype, sub or None, w, rx, example, line, literal_prefixes(pattern), table))
    return out


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The word-cue rows of every cue table, in table order."""
    return tuple(c for table in CUE_TABLES for c in _load(table))


@lru_cache(maxsize=1)
def _gate() -> PrefixGate:
    return PrefixGate([c.prefixes for c in cues()])


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(c.pattern for c in cues())


@lru_cache(maxsize=1)
def role_cues() -> dict[int, Cue]:
    """One pseudo-cue per roles row (keyed by its line), so role decisions score like cue rows."""
    return {r.line: Cue(r.event_type, r.sub_type or None, r.weight, None, r.example, r.line, None, ROLE_TABLE)
            for r in roles()}


def _roles(lowered: str, gated: bool = True) -> list[tuple[Cue, int, int]]:
    found = verb_matches(lowered, gated)
    if not found:
        return []
    by_line = role_cues()
    return [(by_line[r.line], s, e) for r, s, e in role_decisions(found, party_matches(lowered, gated), lowered)]


def cue_matches(text: str) -> list[tuple[Cue, int, int]]:
    """Every cue row's matches in `text` as (cue, start, end), then the role decisions at their verbs.

    The dates of one sentence often share its clause (a list of dates, "between 1 and 4 April"), so
    the same clause is asked for once per date: the answer for the last few clauses is kept.
    """
    return list(_cue_matches(text))


@lru_cache(maxsize=16)
def _cue_matches(text: str) -> tuple[tuple[Cue, int, int], ...]:
    lowered = text.lower()  # lower-casing once is ~4x faster than re.IGNORECASE on every row
    # one scan for every row's literal prefixes, then only those rows' regexes, where their prefixes start
    all_cues = cues()
    return tuple([(all_cues[i], m.start(), m.end()) for i, m in _gate().matches(lowered, _patterns())]
                 + _roles(lowered))


def cue_matches_unfiltered(text: str) -> list[tuple[Cue, int, int]]:
    """`cue_matches` without the literal-prefix shortcut (the reference the tests compare against)."""
    lowered = text.lower()
    return ([(cue, m.start(), m.end()) for cue in cues() for m in cue.pattern.finditer(lowered)]
            + _roles(lowered, gated=False))


def score(matches: list[tuple[Cue, int, int]], start: int = 0, end: int | None = None,
          background: tuple[tuple[int, int], ...] = ()) -> Classification:
    """Best (event_type, sub_type) from the matches inside [start, end); each row counts once.

    A sub-type scores its strongest row plus REST of the others, so one specific cue ("suicide bomber")
    outranks a pile of generic ones ("bombing", "explosion", "attack"). Matches inside a `background`
    span (after a report's first sentence, where news puts the happening; after "in response to",
    "since", "amid") count LATER of their weight.
    """
    weights: dict[tuple[str, str | None], list[float]] = {}
    matched: dict[tuple[str, str | None], list[str]] = {}
    order: dict[tuple[str, str | None], int] = {}
    seen_rows: dict[tuple[str, int], float] = {}
    for i, (cue, s, e) in enumerate(matches):
        if s < start or (end is not None and e > end):
            continue
        w = cue.weight * (LATER if any(b <= s < e for b, e in background) else 1.0)
        row = (cue.table, cue.line)
        if seen_rows.get(row, -1.0) >= w:
            continue
        key = (cue.event_type, cue.sub_type)
        if row in seen_rows:          # the same row again, earlier in the lead: keep the larger weight
            weights[key].remove(seen_rows[row])
        seen_rows[row] = w
        weights.setdefault(key, []).append(w)
        if cue.example not in matched.setdefault(key, []):
            matched[key].append(cue.example)
        order.setdefault(key, i)
    if not weights:
        return Classification("Other", None, 0.0, ())
    scores = {k: max(ws) + REST * (sum(ws) - max(ws)) for k, ws in weights.items()}
    best = max(scores, key=lambda k: (scores[k], -order[k]))
    if scores[best] < MIN_SCORE or best[0] == "Other":
        return Classification("Other", None, min(1.0, scores[best]), tuple(matched[best]))
    return Classification(best[0], best[1], min(1.0, scores[best]), tuple(matched[best]))


_SENTENCE_END = re.compile(r"[.!?](?:\s+|\.\s*)(?=[A-Z0-9\"“‘(])")
_BACKGROUND = re.compile(r"\b(?:in (?:response|retaliation|reaction|reply) to|in revenge for|since|amid|"
                         r"(?:a|one|two|three|several|\w+) (?:days?|weeks?|months?|years?) after|because of|"
                         r"(?:the )?(?:previous|last) (?:day|week|month|year)|earlier this (?:week|month|year)|"
                         r"(?:was|is|been) the (?:site|scene) of|in anticipation of|in preparation for|"
                         r"(?:it |they |he |she |whom |which )?(?:accused|blamed|suspected) (?:\w+ )?(?:of|for))\b")


#: What a protest is about ("demonstrations over a road accident", "a march against the shelling") is its
#: topic, not a second happening: the words after the topic marker count LATER, the protest words in full.
_PROTEST_TOPIC = re.compile(r"\b(?:protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ions?|ors|ed|ing)|rall(?:y|ies|ied)|"
                            r"march(?:es|ed|ing)?|sit-ins?|vigils?)\b[^.;]{0,60}?\b(?:over|against|demanding|"
                            r"calling for|about|denouncing|condemning|in protest at|to protest|to denounce|to condemn)\b")


def lead_end(text: str) -> int | None:
    """End of the first sentence of a multi-sentence text (None for one sentence)."""
    m = _SENTENCE_END.search(text, 40)
    return m.end() if m and m.end() < len(text.rstrip()) else None


def background_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Stretches that report something other than the main happening: after the lead sentence, and
    from a background marker ("in retaliation for", "since", "amid") to the end of its sentence."""
    spans = []
    lead = lead_end(text)
    lowered = text.lower()
    for m in _BACKGROUND.finditer(lowered):
        stop = _SENTENCE_END.search(text, m.end())
        spans.append((m.start(), stop.end() if stop else len(text)))
    for m in _PROTEST_TOPIC.finditer(lowered):
        stop = _SENTENCE_END.search(text, m.end())
        spans.append((m.end(), stop.end() if stop else len(text)))
    if lead is not None:
        spans.append((lead, len(text)))
    return tuple(spans)


def classify(clause: str) -> Classification:
    """Best (event_type, sub_type) for a clause or a short report; ("Other", None) when no cue is strong enough."""
    return score(cue_matches(clause), background=background_spans(clause))
