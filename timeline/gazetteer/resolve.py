"""Which of the GeoNames places sharing a name the text means, and whether it means a place at all.

Evidence, strongest first (each rule has a test in tests/events/test_gazetteer_resolve.py):
1. a division or country named right after it: "Zhabichevo, Donetsk", "Hagar village (Afmadow, Lower
   Juba)", "(Gaza City, Gaza Strip)", "Nefza (Beja)";
2. the countries the document names (a demonym counts less than a name), and the divisions it names;
3. nearness to the other places the document names unambiguously;
4. population (the prior), and a place's main name over another place's alternate (old) name.
A division read from a bare name ("Kharkiv") yields to a town of that name unless a suffix says
otherwise ("Kharkiv region"). A small place (under SMALL_PLACE people) with no such qualifier needs a
country the document is about, besides the locative context every small town needs.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..model import Place
from .lexicon import Entry
from .placeindex import ADMIN1_SUFFIXES, ADMIN2_SUFFIXES
from .specific import distance_km
from .tokens import Token

#: Below this population a place not qualified by its division needs its country in the document.
SMALL_PLACE = 15_000
SUFFIXES = frozenset(ADMIN1_SUFFIXES + ADMIN2_SUFFIXES)
#: What may stand between a place and the division that qualifies it: ", ", " (", " town (", ", in ".
_QUALIFIER_GAP = re.compile(r"(?:\s+(?:town|village|city|district|area|camp|neighbou?rhood|settlement|hill))?"
                            r"\s*(?:,|\(|\s-\s)\s*(?:in\s+)?(?:the\s+)?$|\s+in\s+(?:the\s+)?$", re.IGNORECASE)
_NEAR_KM = 150.0
_QUALIFIER_POINT_KM = 60.0


@dataclass(slots=True)
class Context:
    named: set[str] = field(default_factory=set)          # countries the document names
    implied: set[str] = field(default_factory=set)        # countries only its demonyms/metonyms point at
    admin1: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[Place] = field(default_factory=list)     # unambiguous points


def document_context(text: str, tokens: list[Token], raw: list[tuple[int, int, list[Entry]]]) -> Context:
    ctx = Context()
    for i, j, entries in raw:
        kinds = set()
        suffixed = tokens[j - 1].key in SUFFIXES
        for en in entries:
            if en.kind == "city" or (en.kind == "admin" and not suffixed):
                kinds.add(en.kind)
                break        # the curated readings come first; the GeoNames ones only matter below
            kinds.add(en.kind)
            if en.kind in ("country", "place") and en.country:
                ctx.named.add(en.country)
            elif en.kind in ("demonym", "metonym") and en.country:
                ctx.implied.add(en.country)
            if en.kind == "place" and en.place and en.place.admin1 and en.country:
                ctx.admin1.add((en.country, en.place.admin1))
            if en.kind == "admin" and en.place and en.place.admin1:
                ctx.admin1.add((en.country, en.place.admin1))
        if len(ctx.anchors) < 50:
            if "place" in kinds:
                p = next(en.place for en in entries if en.kind == "place")
                if p.precision not in ("water", "country", "region") and p.lat is not None:
                    ctx.anchors.append(p)
            elif kinds == {"city"} and len(entries) == 1 and entries[0].population >= 100_000:
                ctx.anchors.append(entries[0].place)
    ctx.implied -= ctx.named
    return ctx


def qualifier_of(text: str, raw: list[tuple[int, int, list[Entry]]], tokens: list[Token], k: int) -> int | None:
    """Index in `raw` of the match that qualifies match k ("Zhabichevo, Donetsk"), if any."""
    if k + 1 >= len(raw):
        return None
    end = tokens[raw[k][1] - 1].end
    nxt_start = tokens[raw[k + 1][0]].start
    if nxt_start - end > 40 or not _QUALIFIER_GAP.fullmatch(text[end:nxt_start]):
        return None
    if not any(en.kind in ("country", "admin", "place", "city", "region") for en in raw[k + 1][2]):
        return None
    return k + 1


def fit(candidate: Place, reading: Entry) -> int:
    """How well a qualifier's reading (a country, division or nearby town) holds `candidate`:
    2 by name (same country, same admin1), 1 by distance only (the data lacks the admin1), 0 not at all."""
    q = reading.place
    if reading.kind == "country":
        return 2 if reading.country == candidate.country else 0
    if q is None or (q.country and candidate.country and q.country != candidate.country):
        return 0
    if q.precision == "region" and q.admin1 and candidate.admin1:
        return 2 if q.admin1 == candidate.admin1 else 0
    limit = _QUALIFIER_POINT_KM if q.precision in ("village", "town", "city", "facility", "district") else 150.0
    return 1 if distance_km(q, candidate) <= limit else 0


def fits(candidate: Place, reading: Entry) -> bool:
    return fit(candidate, reading) > 0


def score(en: Entry, ctx: Context, qualifiers: list[Entry], suffixed: bool, has_town: bool,
          has_primary: bool = False) -> float:
    p = en.place
    s = math.log10(en.population + 1) + (0.5 if en.primary else -3.0 if has_primary else 0.0)
    if qualifiers:
        s += 6.0 * max(fit(p, q) for q in qualifiers)
    if en.country in ctx.named:
        s += 2.5
    elif en.country in ctx.implied:
        s += 1.0
    if p.admin1 and (en.country, p.admin1) in ctx.admin1:
        s += 2.0
    if any(distance_km(a, p) <= _NEAR_KM for a in ctx.anchors if a.country == p.country and a is not p):
        s += 2.0
    if en.kind == "admin":
        s = s + 3.0 if suffixed else s - 1.5 - (math.log10(en.population + 1) if has_town else 0.0)
    elif suffixed:
        s -= 5.0
    return s


def choose(entries: list[Entry], ctx: Context, qualifiers: list[Entry], suffixed: bool) -> tuple[Entry, bool]:
    """The best reading of a GeoNames match, and whether a qualifier confirmed it."""
    has_town = any(en.kind == "city" for en in entries)
    # an old or foreign name of a city ("Aleksandrovka" for Donetsk) yields to places called so today
    has_primary = any(en.primary and en.kind == "city" for en in entries)
    best = max(entries, key=lambda en: score(en, ctx, qualifiers, suffixed, has_town, has_primary))
    return best, bool(qualifiers) and any(fits(best.place, q) for q in qualifiers)


def in_context(en: Entry, ctx: Context) -> bool:
    return en.country in ctx.named or en.country in ctx.implied or (
        bool(en.place and en.place.admin1) and (en.country, en.place.admin1) in ctx.admin1)
