"""Who acted (ACLED's actor1) and who was acted on (actor2), in ACLED's naming, from the clause's syntax.

Knowledge lives in three tables under gazetteer/data/: `acled_actor_names.tsv` (actor phrases -> ACLED
names, "Kenyan police" -> "Police Forces of Kenya"), `actor_roles.tsv` (verb cues with their voice:
"X attacked Y", "Y were killed by X", "X claimed the attack") and `news_outlets.txt` (sources, never actors).
The engine here is small:

1. find the actor phrases of the clause (table rows, plus the gazetteer's named countries, governments and
   organisations), with the nationality written before them ("Israeli warplanes", "Ukraine's minister") or,
   without one, the country where the event happened;
2. drop speakers: a phrase followed by a reporting verb ("police said", "Reuters reported") or after
   "according to" is the source of the report, and an outlet is always one;
3. find the first verb cue: before it is the subject (actor1), after it the first non-weapon phrase is the
   target (actor2); a passive cue swaps them ("killed by X"); a claim names actor1 outright;
4. ACLED's conventions fill the rest: a demonstration's actor1 is "Protesters (<country>)" and a riot's
   "Rioters (<country>)"; violence with no named perpetrator is an "Unidentified Armed Group (<country>)";
   a country acting by force is its military, in talks and deals its government.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer.countries import country_name, country_names, demonyms, government_name
from ..gazetteer.scan import Mentions
from ..gazetteer.tables import DATA_DIR, TableError, read_list, read_table
from .prefilter import PrefixGate, literal_prefixes
from .reporting import REPORTING_VERBS

NAMES_TABLE = "acled_actor_names.tsv"
ROLES_TABLE = "actor_roles.tsv"
OUTLETS = "news_outlets.txt"
KINDS = frozenset({"group", "state", "police", "government", "civilian", "protester", "rioter", "unidentified",
                   "militant", "instrument"})
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: Kinds whose name needs a country; without one the phrase names nobody in particular.
_NEEDS_COUNTRY = "{country}"


@dataclass(frozen=True, slots=True)
class NameRow:
    pattern: re.Pattern
    name: str
    kind: str
    example: str
    expected: str
    line: int


@dataclass(frozen=True, slots=True)
class RoleRow:
    pattern: re.Pattern
    role: str
    example: str
    expected: str
    line: int


@dataclass(frozen=True, slots=True)
class Phrase:
    start: int
    end: int
    name: str | None        # ACLED name, None when it needs a country nobody gave
    kind: str
    explicit: bool          # nationality or name written in the phrase itself


def _compile(pattern: str, table: str, line: int) -> re.Pattern:
    if re.search(r"(?<!\\)[A-Z]", pattern):
        raise TableError(f"{DATA_DIR / table}:{line}: write patterns in lower case")
    try:
        return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    except re.error as exc:
        raise TableError(f"{DATA_DIR / table}:{line}: bad pattern ({exc})") from None


@lru_cache(maxsize=1)
def name_rows() -> tuple[NameRow, ...]:
    out = []
    for line, (pattern, name, kind, example, expected) in read_table(NAMES_TABLE, 5):
        if kind not in KINDS:
            raise TableError(f"{DATA_DIR / NAMES_TABLE}:{line}: unknown kind {kind!r}")
        out.append(NameRow(_compile(pattern, NAMES_TABLE, line), name, kind, example, expected, line))
    return tuple(out)


@lru_cache(maxsize=2)
def _gated(table: str) -> tuple[PrefixGate, tuple[re.Pattern, ...]]:
    """The rows' patterns for lower-cased text (no IGNORECASE: much faster) and one gate over the literal
    strings one of which any match starts with: one scan says which rows may match and where, and only
    those rows' patterns run, only there (`PrefixGate.matches`)."""
    rows = name_rows() if table == NAMES_TABLE else role_rows()
    return (PrefixGate([literal_prefixes(_inner(row.pattern.pattern)) for row in rows]),
            tuple(re.compile(row.pattern.pattern) for row in rows))


def _inner(pattern: str) -> str:
    return pattern[len(r"\b(?:"):-len(r")\b")]


@lru_cache(maxsize=1)
def role_rows() -> tuple[RoleRow, ...]:
    out = []
    for line, (pattern, role, example, expected) in read_table(ROLES_TABLE, 4):
        if role not in ("active", "passive", "claim"):
            raise TableError(f"{DATA_DIR / ROLES_TABLE}:{line}: unknown role {role!r}")
        out.append(RoleRow(_compile(pattern, ROLES_TABLE, line), role, example, expected, line))
    return tuple(out)


@lru_cache(maxsize=1)
def _outlets() -> re.Pattern:
    names = sorted(read_list(OUTLETS), key=len, reverse=True)
    return re.compile(r"\b(?:the\s+)?(?:" + "|".join(re.escape(n) for n in names) + r")\b")


@lru_cache(maxsize=1)
def _nationality() -> dict[str, str]:
    """Nationalities written before an actor noun: demonyms and countries' possessives, lower-cased -> ISO2."""
    lookup: dict[str, str] = {}
    for adj, iso in demonyms().items():
        lookup[adj.lower()] = iso
    for name, iso in country_names().items():
        if len(name) > 3 and name.isascii():
            lookup[name.lower() + "'s"] = iso
            lookup[name.lower() + "’s"] = iso
    for short in ("US", "U.S."):
        lookup[short.lower()] = "US"
    return lookup


#: Words that end a noun phrase: a nationality before them is not the next noun's.
_NP_BREAKS = frozenset("and or but with of by to from against in on at into near as than".split())
#: Where the window before an actor noun starts: after the last of these (a full stop only when none is there);
#: `window_cut` finds it with `rfind`, this pattern is the reference the tests compare it with.
_WINDOW_BREAK = re.compile(r"[,;:.!?()\[\]|\n](?=[^,;:!?()\[\]|\n]*$)")
_BREAKS = ",;:!?()[]|\n"


def window_cut(window: str) -> int | None:
    """The end of `_WINDOW_BREAK.search(window)`, or None: the last break character other than a full
    stop, else the first full stop, else a final line break (the pattern's `$` may match before a
    final line break, so that one does not count as the last). The pattern's look-ahead re-reads the
    rest of the window at every break character; a few `rfind`s do not."""
    final_break = window.endswith("\n")
    body = window[:-1] if final_break else window
    last = max(map(body.rfind, _BREAKS))
    if last >= 0:
        return last + 1
    dot = body.find(".")
    if dot >= 0:
        return dot + 1
    return len(window) if final_break else None
_WORD_SPAN = re.compile(r"\S+")


_REPORTED_AFTER = re.compile(rf"[^.;:!?]{{0,45}}?\b(?P<verb>{REPORTING_VERBS})\b", re.IGNORECASE)
#: Generic nouns that a named group's name may carry: "Al Shabaab militants", "Taliban intelligence agents".
_GROUP_TAIL = re.compile(r"\s+(?:[\w-]+\s+)?(?:militants|fighters|forces|gunmen|rebels|insurgents|authorities|"
                         r"members|militiamen|agents|officials|government|leaders?|commanders?|movement|group)\b",
                         re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$", re.IGNORECASE)
_THAT = re.compile(rf"\b(?:{REPORTING_VERBS})\b(?:\s+(?:on|in|at)\s+[^,]{{1,30}}?)?(?:\s+that)?\s+", re.IGNORECASE)


def _country_of(text: str, start: int, default_iso: str | None) -> tuple[str | None, bool, int]:
    """(ISO2, written?, new start) of the nationality up to two words before `start`, else the default.

    "Israeli warplanes", "a Russian cruise missile", "Ukraine's deputy defense minister"; a comma or a full
    stop in between ends the search ("in Kenya, police ...").
    """
    lo = max(0, start - 50)
    window = text[lo:start]
    cut = window_cut(window)
    if cut is not None:
        lo, window = lo + cut, window[cut:]
    words = [(m.start(), m.group()) for m in _WORD_SPAN.finditer(window)]
    lookup = _nationality()
    for gap in range(0, 3):
        if gap and (gap > len(words) or words[-gap][1].lower() in _NP_BREAKS):
            break                                     # "the Somali government and clan militias"
        for span in (2, 1):
            k = len(words) - gap - span
            if k < 0:
                continue
            cand = " ".join(w for _, w in words[k:k + span])
            iso = lookup.get(cand.lower())
            if iso is None:
                continue
            if cand.lower() in ("us", "u.s.") and cand not in ("US", "U.S."):
                return default_iso, False, start       # "killed us", not the United States
            return iso, True, lo + words[k][0]
    return default_iso, False, start


def _fill(name: str, iso: str | None) -> str | None:
    if _NEEDS_COUNTRY not in name:
        return name
    if iso is None:     # "Unidentified Armed Group", "Civilians": still a side; "Military Forces of" is nobody
        return name[:-len(" ({country})")] if name.endswith(" ({country})") else None
    if name.endswith(" of {country}"):            # "Military Forces of the United States"
        return name.replace("{country}", _with_article(iso))
    return name.replace("{country}", country_name(iso))


class _Shifted:
    """A match on a lower-cased slice, with offsets into the whole text."""

    __slots__ = ("_m", "_shift", "lastgroup")

    def __init__(self, m: re.Match, shift: int) -> None:
        self._m, self._shift, self.lastgroup = m, shift, m.lastgroup

    def start(self) -> int:
        return self._m.start() + self._shift

    def end(self) -> int:
        return self._m.end() + self._shift

    def group(self) -> str:
        return self._m.group()


def phrases(text: str, start: int, end: int, default_iso: str | None,
            mentions: Mentions | None = None, event_type: str | None = None) -> list[Phrase]:
    """Actor phrases of text[start:end], in order, overlaps resolved (named groups and longer phrases win)."""
    found: list[tuple[int, int, int, Phrase]] = []
    lowered = text[start:end].lower()
    exact = len(lowered) == end - start       # lower() kept every offset (almost always)
    rows = name_rows()
    if exact:
        gate, lowered_patterns = _gated(NAMES_TABLE)
        hits = ((rows[i], _Shifted(lm, start)) for i, lm in gate.matches(lowered, lowered_patterns))
    else:                                     # lower() moved offsets (rare letters): match the text itself
        hits = ((row, m) for row in rows for m in row.pattern.finditer(text, start, end))
    for row, m in hits:
        if row.kind == "group":
            g_end = m.end()
            tail = _GROUP_TAIL.match(text, g_end, end)
            if tail:                               # "Al Shabaab militants", "Taliban authorities"
                g_end = tail.end()
            found.append((0, -(g_end - m.start()), m.start(), Phrase(m.start(), g_end, row.name, row.kind, True)))
            continue
        iso, written, p_start = _country_of(text, m.start(), default_iso)
        name, kind = row.name, row.kind
        if kind == "unidentified" and written:   # "Palestinian gunmen": a known side, no named group
            name, kind = "Militants ({country})", "militant"
        if kind == "militant" and not written and m.group().lower() == "fighters":
            continue                              # "fighters" alone names no side
        if kind in ("instrument", "government") and not written:
            continue                              # "explosive drones", "officials": whose is not said
        if kind == "government" and name.startswith("Government of") and iso is not None:
            filled = government_name(iso)
        else:
            filled = _fill(name, iso)
        found.append((1, -(m.end() - p_start), p_start, Phrase(p_start, m.end(), filled, kind, written)))
    if mentions is not None:
        for mention in mentions.actor_mentions(start, end):   # by position: not every mention of the document
            if mention.actor is None:
                continue
            name = _mention_name(mention.actor, event_type)
            if name:
                found.append((2, -(mention.end - mention.start), mention.start,
                              Phrase(mention.start, mention.end, name, "group", True)))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    taken: list[Phrase] = []
    for _, _, _, ph in found:
        if any(ph.start < t.end and t.start < ph.end for t in taken):
            continue
        taken.append(ph)
    return sorted(taken, key=lambda p: p.start)


def _mention_name(actor, event_type: str | None) -> str | None:
    """A gazetteer actor in ACLED's naming: a country acts through its military in violence, else its government."""
    iso = actor.country
    if actor.kind == "country" and iso:
        return f"Military Forces of {_with_article(iso)}" if event_type in VIOLENT else government_name(iso)
    if actor.kind == "military" and iso:
        return f"Military Forces of {_with_article(iso)}"
    if actor.kind in ("government", "person") and iso:
        return government_name(iso)
    if actor.kind in ("organisation", "group"):
        return actor.name
    return None


def _with_article(iso: str) -> str:
    return government_name(iso)[len("Government of "):]


def _is_source(text: str, ph: Phrase, clause_end: int, others: list[Phrase], verbs: list[tuple[int, int, str]]) -> bool:
    """Is the phrase the speaker of a report ("police said", "Reuters reported") or after "according to"?"""
    m = _REPORTED_AFTER.match(text, ph.end, min(clause_end, ph.end + 60))
    if m and m.group("verb").lower() != "claimed":
        verb_at = m.start("verb")
        if (not any(ph.end <= o.start < verb_at for o in others if o is not ph)
                and not any(ph.end <= v < verb_at and role != "claim" for v, _, role in verbs)):
            return True
    return bool(_ACCORDING.search(text, max(0, ph.start - 20), ph.start))


def _outlet_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _outlets().finditer(text, start, end)]


def _verbs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Every verb cue of text[start:end] as (start, end, role), in order, read on the lower-cased text."""
    lowered = text[start:end].lower()
    out = []
    if len(lowered) != end - start:           # lower() moved offsets (rare letters): match the text itself
        out = [(m.start(), m.end(), row.role) for row in role_rows() for m in row.pattern.finditer(text, start, end)]
    else:
        rows = role_rows()
        gate, lowered_patterns = _gated(ROLES_TABLE)
        out = [(m.start() + start, m.end() + start, rows[i].role) for i, m in gate.matches(lowered, lowered_patterns)]
    out.sort()
    return out


def assign(text: str, start: int, end: int, event_type: str, default_iso: str | None,
           mentions: Mentions | None = None) -> tuple[str | None, str | None]:
    """(actor1, actor2) of the happening told in text[start:end]."""
    verbs = _verbs(text, start, end)
    # "X said (on Friday) (that) <content>": the content's actors, not the speaker.
    m = _THAT.search(text, start, end)
    if m and m.end() < end and m.start() - start < 120 and not any(v < m.start() for v, _, _ in verbs):
        inner = assign(text, m.end(), end, event_type, default_iso, mentions)
        if inner[0] is not None and event_type not in ("Protests", "Riots"):
            return inner
    outlets = _outlet_spans(text, start, end)
    cands = [p for p in phrases(text, start, end, default_iso, mentions, event_type) if p.name is not None
             and not any(s < p.end and p.start < e for s, e in outlets)]
    claimed = None
    verb: tuple[int, int, str] | None = None
    for v_start, v_end, role in verbs:
        if role == "claim":
            before = [p for p in cands if p.end <= v_start]
            if before and claimed is None:
                claimed = before[-1]
            continue
        if any(p.start <= v_start < p.end for p in cands):
            continue        # a verb inside a name ("the attack" in a group's claim, "Rapid Support Forces")
        if verb is None:
            verb = (v_start, v_end, role)
    cands = [p for p in cands if p is not claimed and not _is_source(text, p, end, cands, verbs)]
    actor1 = actor2 = None
    if verb is not None:
        v_start, v_end, role = verb
        before = [p for p in cands if p.end <= v_start]
        after = [p for p in cands if p.start >= v_end and p.kind != "instrument"]
        if role == "passive":
            actor1 = after[0].name if after else None
            actor2 = before[-1].name if before else None
        else:
            actor1 = before[-1].name if before else None
            actor2 = next((p.name for p in after if p.name != actor1), None)
            if len(before) >= 2 and re.fullmatch(r"\s+and\s+", text[before[-2].end:before[-1].start]):
                actor1, actor2 = before[-2].name, before[-1].name      # "Russia and Ukraine signed a deal"
    elif cands:
        actor1 = cands[0].name if cands[0].kind != "civilian" else None
        actor2 = next((p.name for p in cands[1:] if p.name != actor1), None)
    if claimed is not None:
        actor1 = claimed.name
        if actor2 == actor1:
            actor2 = None
    return _conventions(event_type, actor1, actor2, cands, default_iso)


_SAID = re.compile(rf"\b(?:{REPORTING_VERBS})\b", re.IGNORECASE)


def speaker(text: str, start: int, end: int, near: int, default_iso: str | None,
            mentions: Mentions | None = None) -> str | None:
    """Who made the statement dated near `near` ("..., the White House said on Friday"): the actor right
    before the reporting verb closest to the date; a news outlet reporting is a source, not an actor."""
    verbs = [m for m in _SAID.finditer(text, start, end)]
    if not verbs:
        return None
    verb = min(verbs, key=lambda m: abs(m.start() - near))
    outlets = _outlet_spans(text, start, end)
    cands = [p for p in phrases(text, start, verb.start(), default_iso, mentions, "Strategic developments")
             if p.name is not None and verb.start() - p.end <= 80 and p.kind not in ("civilian", "instrument")
             and not any(s < p.end and p.start < e for s, e in outlets)]
    return cands[-1].name if cands else None


def _conventions(event_type: str, actor1: str | None, actor2: str | None, cands: list[Phrase],
                 iso: str | None) -> tuple[str | None, str | None]:
    country = country_name(iso) if iso else None
    if event_type == "Protests":
        protesters = f"Protesters ({country})" if country else "Protesters"
        if actor1 is None or not actor1.startswith(("Protesters", "Police", "Military")) or actor1.startswith(("Police", "Military")):
            other = actor1 if actor1 and actor1.startswith(("Police", "Military")) else actor2
            other = other if other and other.startswith(("Police", "Military")) else next(
                (p.name for p in cands if p.kind in ("police", "state")), None)
            return protesters, other
        return actor1, actor2
    if event_type == "Riots":
        rioters = f"Rioters ({country})" if country else "Rioters"
        others = [a for a in (actor1, actor2) if a and not a.startswith(("Rioters", "Protesters"))]
        return rioters, (others[0] if others else None)
    if actor1 is not None and actor1.startswith("Civilians") and event_type in VIOLENT:
        actor1, actor2 = None, actor2 or actor1
    if actor1 is None and event_type in VIOLENT:
        actor1 = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    if actor1 is not None and actor1.startswith("Government of ") and event_type in VIOLENT:
        actor1 = "Military Forces of " + actor1[len("Government of "):]   # a state's violence is its forces'
    if actor2 == actor1:
        actor2 = None
    return actor1, actor2


@lru_cache(maxsize=1)
def _known_names() -> tuple[frozenset[str], re.Pattern]:
    from ..gazetteer.lexicon import curated_actors

    fixed = {row.name for row in name_rows() if _NEEDS_COUNTRY not in row.name} | set(curated_actors())
    templates = sorted({row.name for row in name_rows() if _NEEDS_COUNTRY in row.name}
                       | {"Militants ({country})", "Government of {country}", "Military Forces of {country}",
                          "Protesters ({country})", "Rioters ({country})", "Unidentified Armed Group ({country})"})
    countries = sorted({country_name(iso) for iso in set(country_names().values())}
                       | {_with_article(iso) for iso in set(country_names().values())}, key=len, reverse=True)
    alternation = "|".join(re.escape(c) for c in countries)
    bare = {t[:-len(" ({country})")] for t in templates if t.endswith(" ({country})")}
    rx = re.compile("^(?:" + "|".join(re.escape(t).replace(r"\{country\}", f"(?:{alternation})") for t in templates)
                    + "|" + "|".join(re.escape(b) for b in sorted(bare)) + ")$")
    return frozenset(fixed), rx


def is_known_actor_name(name: str) -> bool:
    """Is `name` one the engine can produce (a table name, a curated actor, or a template filled with a country)?"""
    fixed, rx = _known_names()
    return name in fixed or bool(rx.match(name))
