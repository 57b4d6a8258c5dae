"""Who did what to whom: the role tables behind the ACLED type of a violent verb.

A verb like "attacked" says nothing about the ACLED type on its own: militants attacking a convoy is
a Battle, gunmen attacking a bar is Violence against civilians, police beating protesters is
Excessive force against protesters. Three tables hold that knowledge as data:

- event_parties.tsv: who or what can take part (state forces, rebels, armed sites, places, security
  forces, civilians, protesters, mobs, rioters), by words;
- event_verbs.tsv: verbs by class (attack, clash, kill, force, capture) and voice (active, passive);
- event_roles.tsv: (verb class, agent class, target class) -> ACLED type and sub-type, first match wins.

The agent of an active verb is the first party of its clause (its subject), the target the nearest
party after it; a passive verb ("were killed by", "fell to") takes its target before and its agent
after. A capturing verb's target must be a place or an armed site right after it (its object), so
"seized 200 kg of cocaine at the port" takes no place. Classes "none" (no party found) and "*"
(anything) are allowed in the roles table, and "armed" there also takes "state" and "rebel".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer.tables import DATA_DIR, TableError, parse_float, read_table
from ..model import EVENT_TYPES
from .prefilter import PrefixGate, literal_prefixes

PARTY_TABLE = "event_parties.tsv"
VERB_TABLE = "event_verbs.tsv"
ROLE_TABLE = "event_roles.tsv"
PARTY_CLASSES = ("state", "rebel", "armed", "place", "security", "civilian", "protester", "mob", "rioter")
#: A roles row's class takes these party classes too.
WIDER = {"armed": ("state", "rebel")}
VERB_CLASSES = ("attack", "clash", "kill", "force", "capture")
#: How far (characters) from the verb a party may stand and still be its agent or target.
REACH = 70
#: How far after a capturing verb the place taken may start (its object, not a place named later).
OBJECT_REACH = 30


@dataclass(frozen=True, slots=True)
class Party:
    cls: str
    pattern: re.Pattern
    example: str
    line: int
    prefixes: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Verb:
    cls: str
    passive: bool
    pattern: re.Pattern
    example: str
    line: int
    prefixes: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Role:
    verb: str
    agent: str
    target: str
    event_type: str
    sub_type: str
    weight: float
    example: str
    line: int


def _compile(pattern: str, table: str, line: int) -> re.Pattern:
    if re.search(r"(?<!\\)[A-Z]", pattern):
        raise TableError(f"{DATA_DIR / table}:{line}: write patterns in lower case")
    try:
        return re.compile(rf"\b(?:{pattern})\b")
    except re.error as exc:
        raise TableError(f"{DATA_DIR / table}:{line}: bad pattern ({exc})") from None


@lru_cache(maxsize=1)
def parties() -> tuple[Party, ...]:
    """The rows of event_parties.tsv."""
    out = []
    for line, (cls, pattern, example) in read_table(PARTY_TABLE, 3):
        if cls not in PARTY_CLASSES:
            raise TableError(f"{DATA_DIR / PARTY_TABLE}:{line}: unknown party class {cls!r}")
        out.append(Party(cls, _compile(pattern, PARTY_TABLE, line), example, line, literal_prefixes(pattern)))
    return tuple(out)


@lru_cache(maxsize=1)
def verbs() -> tuple[Verb, ...]:
    """The rows of event_verbs.tsv."""
    out = []
    for line, (cls, voice, pattern, example) in read_table(VERB_TABLE, 4):
        if cls not in VERB_CLASSES or voice not in ("active", "passive"):
            raise TableError(f"{DATA_DIR / VERB_TABLE}:{line}: unknown verb class {cls!r} or voice {voice!r}")
        out.append(Verb(cls, voice == "passive", _compile(pattern, VERB_TABLE, line), example, line,
                        literal_prefixes(pattern)))
    return tuple(out)


@lru_cache(maxsize=1)
def roles() -> tuple[Role, ...]:
    """The rows of event_roles.tsv, in order (the first that fits decides)."""
    out = []
    for line, (verb, agent, target, etype, sub, weight, example) in read_table(ROLE_TABLE, 7):
        if verb not in VERB_CLASSES + ("*",) or any(c not in PARTY_CLASSES + ("*", "none") for c in (agent, target)):
            raise TableError(f"{DATA_DIR / ROLE_TABLE}:{line}: unknown verb or party class")
        if etype not in EVENT_TYPES:
            raise TableError(f"{DATA_DIR / ROLE_TABLE}:{line}: unknown event type {etype!r}")
        w = parse_float(weight, table=ROLE_TABLE, lineno=line, column="weight")
        out.append(Role(verb, agent, target, etype, sub, w, example, line))
    return tuple(out)


@lru_cache(maxsize=2)
def _gate(kind: str) -> PrefixGate:
    return PrefixGate([r.prefixes for r in (parties() if kind == "parties" else verbs())])


def _hits(rows, gate: PrefixGate | None, lowered: str) -> list[tuple[object, int, int]]:
    if gate is None:
        return [(row, m.start(), m.end()) for row in rows for m in row.pattern.finditer(lowered)]
    return [(rows[i], m.start(), m.end()) for i, m in gate.matches(lowered, _row_patterns(rows))]


@lru_cache(maxsize=2)
def _row_patterns(rows: tuple) -> tuple[re.Pattern, ...]:
    return tuple(row.pattern for row in rows)


def party_matches(lowered: str, gated: bool = True) -> list[tuple[Party, int, int]]:
    """Every party row's matches in a lower-cased text (gated: only rows whose literal prefixes occur)."""
    return _hits(parties(), _gate("parties") if gated else None, lowered)


def verb_matches(lowered: str, gated: bool = True) -> list[tuple[Verb, int, int]]:
    """Every verb row's matches in a lower-cased text."""
    return _hits(verbs(), _gate("verbs") if gated else None, lowered)


#: Where a clause starts: an agent (the subject) is looked for only after the last of these before its verb.
_CLAUSE_START = re.compile(r"[.;:!?](?:\s|$)|,\s|\b(?:when|after|as|while|who|which|that|before|because|but|"
                           r"where|since|said|says)\b")
#: "by" within a few words after a passive verb: its agent follows.
_BY = re.compile(r"\W+(?:\w+\W+){0,3}?by\b")
#: What a capturing verb can take.
_TAKEN = ("place", "armed", "state", "rebel", "security")
#: Right before a capturing verb: an intention or a passive without "by" (not a place taken).
_INTENT_OR_PASSIVE = re.compile(r"\b(?:to|was|were|been|being|be|is|are)\s+$")
#: How far back (characters) the subject of a verb may be.
SUBJECT_REACH = 150


def _subject(found: list[tuple[Party, int, int]], pos: int, lowered: str) -> str:
    """The agent of an active verb: the first party of the verb's clause, else the nearest before it."""
    lo = max(0, pos - SUBJECT_REACH)
    starts = [m.end() for m in _CLAUSE_START.finditer(lowered, lo, pos)]
    begin = starts[-1] if starts else lo
    inside = [(p, s, e) for p, s, e in found if s >= begin and e <= pos]
    if inside:
        return min(inside, key=lambda t: (t[1], -t[2]))[0].cls
    return _nearest_before(found, pos, lowered)


def _nearest_before(found: list[tuple[Party, int, int]], pos: int, lowered: str) -> str:
    best = None
    for p, s, e in found:
        if e <= pos and pos - e <= REACH and ";" not in lowered[e:pos] and (best is None or e > best[2]
                                                                          or (e == best[2] and s < best[1])):
            best = (p, s, e)
    return best[0].cls if best else "none"


def _nearest_after(found: list[tuple[Party, int, int]], pos: int, lowered: str, reach: int = REACH) -> str:
    best = None
    for p, s, e in found:
        if s >= pos and s - pos <= reach and ";" not in lowered[pos:s] and (best is None or s < best[1]
                                                                            or (s == best[1] and e > best[2])):
            best = (p, s, e)
    return best[0].cls if best else "none"


def _by_agent(found: list[tuple[Party, int, int]], pos: int, lowered: str) -> str:
    """The agent of a passive verb: the party after "by" right behind it."""
    m = _BY.match(lowered, pos)
    if m:
        return _nearest_after(found, m.end(), lowered)
    if lowered[max(0, pos - 3):pos].endswith("to") or lowered[max(0, pos - 3):pos].endswith("of"):
        return _nearest_after(found, pos, lowered)    # "fell to the rebels", "under the control of the army"
    return "none"


def _fits(row_class: str, party: str) -> bool:
    return row_class in ("*", party) or party in WIDER.get(row_class, ())


def decide(verb: str, agent: str, target: str) -> Role | None:
    """The first roles row that fits (verb class, agent class, target class)."""
    for r in roles():
        # "*" rows are for violent verbs: taking a place is decided by its own rows only
        if (r.verb == verb or (r.verb == "*" and verb != "capture")) and _fits(r.agent, agent) and _fits(r.target, target):
            return r
    return None


def role_decisions(verbs_found: list[tuple[Verb, int, int]], parties_found: list[tuple[Party, int, int]],
                   lowered: str) -> list[tuple[Role, int, int]]:
    """A decision per verb match: its roles row with the verb's span."""
    out = []
    actors = [p for p in parties_found if p[0].cls != "place"]    # a place is never the one who acts
    for v, s, e in verbs_found:
        if v.cls == "capture" and not v.passive and _INTENT_OR_PASSIVE.search(lowered, max(0, s - 12), s):
            continue       # "intended to take control of", "two were captured alive": no place taken
        # only capturing has a place for target, and it takes places and armed sites, not people
        targets = [p for p in parties_found if p[0].cls in _TAKEN] if v.cls == "capture" else actors
        if v.passive:
            target, agent = _nearest_before(targets, s, lowered), _by_agent(actors, e, lowered)
        else:
            reach = OBJECT_REACH if v.cls == "capture" else REACH   # a place taken is the verb's object
            agent, target = _subject(actors, s, lowered), _nearest_after(targets, e, lowered, reach)
        r = decide(v.cls, agent, target)
        if r is not None:
            out.append((r, s, e))
    return out
