"""Find actors and places in a document, once, with offsets, deciding per mention which reading applies.

Rules (why): a country or capital after a locative preposition ("in Russia", "east of Moscow") is a
place; elsewhere it is acting ("Russia said", "talks between Tehran and Moscow") and is an actor. A
GeoNames place is only taken when it cannot be an ordinary word: a not-places word only with a division
or country after it ("Reading, England"), not as a lone sentence-initial word, not in a title-case
headline, not when the same word also appears in lower case in the document, and not as the first
word of a longer proper name ("New York Times"). Which namesake is meant is `resolve.py`'s choice.
"East of Moscow" and "50 km from Kherson" are reference points (`Mention.reference`), never an event's
place. `Mentions` finds a span's mentions by bisect, so extraction stays linear in the document.
"""
from __future__ import annotations

import bisect
import re
from operator import attrgetter
from dataclasses import dataclass, field, fields, replace

from ..model import Actor, Place
from .countries import country_name, demonyms, government_name
from .lexicon import Entry, curated_actors, index
from .persons import find_persons
from . import resolve
from .specific import most_specific, rank
from .tokens import Token, tokenise

_LOCATIVE = frozenset({"in", "inside", "into", "within", "across", "throughout", "over", "near", "from", "to", "at",
                       "around", "outside", "towards", "toward", "via", "through", "off", "on", "entered", "reach",
                       "reached", "visited", "visit", "fled", "left", "captured", "seized", "shelled", "struck",
                       "hit", "bombed", "attacked", "targeted", "besieged", "of", "took", "taken", "retook",
                       "retaken", "recaptured", "liberated", "raided", "stormed", "evacuated", "abandoned",
                       "encircled", "surrounded", "entering", "shelling", "striking", "hitting", "attacking"})
#: "of" only counts when it follows one of these ("east of Moscow", "the city of Makhachkala").
_OF_HEADS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
                       "outskirts", "suburbs", "centre", "center", "city", "town", "village", "port", "region",
                       "province", "coast", "shores", "part", "parts", "capital", "outside", "south-east",
                       "north-east", "south-west", "north-west", "republic", "area", "shelling", "bombardment",
                       "bombing", "siege", "capture", "liberation", "fall", "battle", "residents", "mayor",
                       "governor", "people", "streets", "districts", "villages", "towns", "countryside"})
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
    reference: bool = False   # a reference point ("east of Moscow", "50 km from Kherson"), not where it happened


class _ByPosition:
    """Mentions sorted by start with their starts in a list, so a span's mentions are found by bisect.

    `reach` is the longest mention: a mention overlapping [start, end) starts at or after start - reach.
    Rebuilt when the list grows (scan appends, then queries), so each query costs O(log n + found).
    """

    __slots__ = ("size", "starts", "items", "reach")

    def __init__(self, items: list[Mention]) -> None:
        self.size = len(items)
        self.items = sorted(items, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.reach = max((m.end - m.start for m in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start - self.reach)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m.end > start]

    def inside(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m.end <= end]

    def starting(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end), in order."""
        return self.items[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]


@dataclass(slots=True)
class Mentions:
    """Every actor and place mention of one document, in text order."""

    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    text: str = field(default="", repr=False)
    _actor_pos: _ByPosition | None = field(default=None, repr=False, compare=False)
    _place_pos: _ByPosition | None = field(default=None, repr=False, compare=False)
    _countries: dict = field(default_factory=dict, repr=False, compare=False)

    def _actors(self) -> _ByPosition:
        if self._actor_pos is None or self._actor_pos.size != len(self.actors):
            self._actor_pos = _ByPosition(self.actors)
        return self._actor_pos

    def _places(self) -> _ByPosition:
        if self._place_pos is None or self._place_pos.size != len(self.places):
            self._place_pos = _ByPosition(self.places)
        return self._place_pos

    def actor_mentions(self, start: int, end: int) -> list[Mention]:
        """Actor mentions overlapping [start, end), in text order."""
        return self._actors().overlapping(start, end)

    def country_in(self, start: int, end: int) -> str | None:
        """ISO2 of the first place with a country starting in [start, end), else of the first country
        actor there (the document's country when the span is the whole text)."""
        key = (start, end, len(self.actors), len(self.places))
        if key in self._countries:
            return self._countries[key]
        found = next((m.place.country for m in self._places().starting(start, end)
                      if m.place is not None and m.place.country), None)
        if found is None:
            found = next((m.actor.country for m in self._actors().starting(start, end)
                          if m.actor is not None and m.actor.country and m.actor.kind == "country"), None)
        if len(self._countries) > 64:
            self._countries.clear()
        self._countries[key] = found
        return found

    def actor_before(self, pos: int, reach: int, person: bool) -> str | None:
        """Name of the last actor mention (a person, or anything but a person) that ends within `reach`
        characters before `pos`, among the mentions before the first one that ends after `pos`."""
        index = self._actors()
        items, starts = index.items, index.starts
        best = None
        # mentions starting before pos - reach - longest end before pos - reach: never the answer, never the stop
        for k in range(bisect.bisect_left(starts, pos - reach - index.reach), len(items)):
            m = items[k]
            if m.end > pos:
                break
            if m.actor is not None and pos - m.end < reach and (m.actor.kind == "person") == person:
                best = m.actor.name
        return best

    def actors_in(self, start: int, end: int) -> list[Actor]:
        # Overlap, not containment: "the minister, Hanna Maliar, said" may be cut inside the role.
        return _unique([m.actor for m in self._actors().overlapping(start, end)], key=_actor_key)

    def places_in(self, start: int, end: int, references: bool = True) -> list[Place]:
        """Places in [start, end); a demonym-implied country only when nothing more specific is named.

        `references=False` leaves out reference points ("east of Moscow")."""
        inside = [m for m in self._places().inside(start, end) if references or not m.reference]
        explicit = [m.place for m in inside if not m.implied]
        if explicit:
            return _unique(explicit, key=_place_key)
        return _unique([m.place for m in inside], key=_place_key)

    def event_places(self, clause: tuple[int, int], sentence: tuple[int, int]) -> list[Place]:
        """Where an event happened: the places of its clause, else of its sentence, else of its paragraph.

        Reference points ("east of Moscow") are left out, and so is a division or country that holds a
        more specific place named with it ("Zhabichevo, Donetsk" is Zhabichevo); most specific first.
        """
        spans = [clause, sentence, _paragraph(self.text, sentence[0], sentence[1])]
        for start, end in spans:
            found = [m for m in self._places().inside(start, end) if not m.reference]
            if not found:
                continue
            explicit = [m for m in found if not m.implied] or found
            return most_specific(_unique([m.place for m in explicit], key=_place_key)[:MAX_EVENT_PLACES])
        return []


#: How far the paragraph fallback looks beyond the sentence (a one-line document is one "paragraph").
PARAGRAPH_REACH = 1500


#: Most places one event keeps (most_specific compares them pairwise).
MAX_EVENT_PLACES = 40


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (paragraph) around [start, end), at most PARAGRAPH_REACH beyond it on either side."""
    if not text:
        return start, end
    lo, hi = max(0, start - PARAGRAPH_REACH), min(len(text), end + PARAGRAPH_REACH)
    p_end = text.find("\n", end, hi)
    return text.rfind("\n", lo, start) + 1 or lo, p_end if p_end >= 0 else hi


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
            out.append(_copy(it))
    return out


_INIT_FIELDS: dict[type, attrgetter] = {}


def _copy(it):  # noqa: ANN001, ANN202
    """`dataclasses.replace(it)` for an Actor or Place (a copy the event may change) without its per-call
    look-up of the fields: every event asks for its actors and places. Their fields are all positional
    (no keyword-only ones), in the order `fields` gives."""
    get = _INIT_FIELDS.get(type(it))
    if get is None:
        names = [f.name for f in fields(it) if f.init]
        assert len(names) > 1 and not any(f.kw_only for f in fields(it)), type(it)
        get = _INIT_FIELDS[type(it)] = attrgetter(*names)
    return type(it)(*get(it))


class _SpanIndex:
    """Spans sorted by start with the running maximum of their ends: "does a span hold this offset?" by bisection.

    A document with thousands of named people and thousands of place words must not compare every
    mention with every person (issue 13: linear time on any input)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []
        top = -1
        for _, end in spans:
            top = max(top, end)
            self.reach.append(top)

    def touches(self, start: int, end: int) -> bool:
        """True when `start` lies inside a span (ps <= start < pe) or `end` does (ps < end <= pe)."""
        k = bisect.bisect_right(self.starts, start) - 1
        if k >= 0 and self.reach[k] > start:
            return True
        k = bisect.bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] >= end


def scan(text: str) -> Mentions:
    """All actor and place mentions of `text` (a whole document, so context can disambiguate)."""
    idx = index()
    tokens = tokenise(text)
    lower_words = {t.key for t in tokens if not t.capitalised}
    raw = list(idx.scan(text, tokens))
    ctx = resolve.document_context(text, tokens, raw)
    out = Mentions(text=text)
    persons = _persons(text)
    in_person = _SpanIndex([(p.start, p.end) for p in persons])
    # "Janet Reno ... Reno's failure": a lone surname of someone the document names is that person, not a town.
    surnames = {text[p.start:p.end].split()[-1]: p.actor for p in persons if len(text[p.start:p.end].split()) > 1}
    for p in persons:
        out.actors.append(Mention(p.start, p.end, text[p.start:p.end], actor=p.actor))
    qualified_by: dict[int, Place] = {}   # raw index of a qualifier -> the place it qualifies

    for k, (i, j, entries) in enumerate(raw):
        s, e = tokens[i].start, tokens[j - 1].end
        if in_person.touches(s, e):
            continue
        surface = text[s:e]
        locative = _is_locative(tokens, i)
        reference = _is_reference(tokens, i)
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
        if "metonym" in kinds and not (locative or listed or surface.isupper() or k in qualified_by):
            en = next(en for en in entries if en.kind == "metonym")
            out.actors.append(Mention(s, e, surface, actor=en.actor))
            continue
        if "country" in kinds:
            en = next(en for en in entries if en.kind == "country")
            owned = _possessed(text, tokens, j, en.country)
            if owned is not None:
                out.actors.append(Mention(s, owned[0], text[s:owned[0]], actor=owned[1]))
            elif locative or listed or k in qualified_by:   # "Kupiansk, Ukraine", "Paris, Zurich and Brussels"
                out.places.append(Mention(s, e, surface, place=en.place, reference=reference))
            else:
                out.actors.append(Mention(s, e, surface, actor=en.actor))
            continue
        places = [en for en in entries if en.kind == "place"]
        if places:
            place = _curated_or_qualified(text, tokens, raw, k, places[0].place, ctx)
            if _after_unknown_place(text, tokens, raw, k, lower_words):
                place = _division_named_like(tokens, i, j, place)
            out.places.append(Mention(s, e, surface, place=place, reference=reference))
            _note_qualifier(text, raw, tokens, k, place, qualified_by)
            continue
        regions = [en for en in entries if en.kind == "region"]
        if regions:
            if not _continues_name(text, tokens, j):   # "New York Times" is a newspaper
                out.places.append(Mention(s, e, surface, place=regions[0].place, reference=reference))
            continue
        geo = [en for en in entries if en.kind in ("city", "admin")]
        if geo and j - i == 1 and surface in surnames and not _followed_by_country(text, tokens, j):
            out.actors.append(Mention(s, e, surface, actor=replace(surnames[surface])))
            continue
        if geo:
            place = _geonames_place(text, tokens, raw, k, geo, ctx, locative, lower_words, qualified_by)
            if place is not None:
                out.places.append(Mention(s, e, surface, place=place, reference=reference))
                _note_qualifier(text, raw, tokens, k, place, qualified_by)
    _hyphenated_places(text, tokens, raw, ctx, out)
    out.actors.sort(key=lambda m: m.start)
    out.places.sort(key=lambda m: m.start)
    return out


def _hyphenated_places(text: str, tokens: list[Token], raw: list, ctx: resolve.Context, out: Mentions) -> None:
    """"Mogadishu-Dharkenley", "Gaza-Sabra": a city and its district in one word, neither found whole.

    Each capitalised part is looked up; the word is a place when every part is a known place, and the
    last part is kept (the city's part, the more specific). Parts are read in the document's countries only.
    """
    covered = {k for i, j, _ in raw for k in range(i, j)}
    idx = index()
    for k, tok in enumerate(tokens):
        if k in covered or "-" not in tok.text or not tok.capitalised:
            continue
        parts, found, pos = tok.text.split("-"), [], tok.start
        for part in parts:
            start, pos = pos, pos + len(part) + 1
            if not part[:1].isupper():
                break
            entries = idx.get_all(part)
            curated = [en.place for en in entries if en.kind == "place"]
            geo = [en for en in entries if en.kind in ("city", "admin") and resolve.in_context(en, ctx)
                   and not en.common_word]
            place = curated[0] if curated else resolve.choose(geo, ctx, [], False)[0].place if geo else None
            if place is None:
                break
            found.append((start, start + len(part), place))
        else:
            if len(found) >= 2:
                s, e, place = found[-1]
                out.places.append(Mention(s, e, text[s:e], place=place))


def _geonames_place(text: str, tokens: list[Token], raw: list, k: int, geo: list[Entry], ctx: resolve.Context,
                    locative: bool, lower_words: set[str], qualified_by: dict[int, Place]) -> Place | None:
    """The GeoNames reading of match k, or None when the words around it do not make it a place."""
    i, j, _ = raw[k]
    suffixed = j - i > 1 and tokens[j - 1].key in resolve.SUFFIXES
    held = qualified_by.get(k)
    if held is not None:
        # the division or town named after a place: read it as what can hold that place
        fitting = [en for en in geo if resolve.fits(held, en) or (en.place and resolve.fits(en.place, _as_entry(held)))]
        holders = [en for en in fitting if en.kind == "admin"] or fitting
        if holders:
            return max(holders, key=lambda en: en.population).place
    if _continues_name(text, tokens, j):
        return None
    if _after_unknown_place(text, tokens, raw, k, lower_words):
        divisions = [en for en in geo if en.kind == "admin"]
        if divisions:   # "Nefza (Beja)": the village is not in the data, its division is
            return resolve.choose(divisions, ctx, [], False)[0].place
    q = resolve.qualifier_of(text, raw, tokens, k)
    qualifiers = [en for en in raw[q][2] if en.kind in ("country", "admin", "place", "city", "region")] if q else []
    if not (qualifiers or suffixed or locative) and j - i == 1 and max(en.population for en in geo) < SMALL_TOWN:
        return None          # a lone small-town name with no locative and nothing after it: never a place below
    best, confirmed = resolve.choose(geo, ctx, qualifiers, suffixed)
    if confirmed or suffixed:
        return best.place
    if best.common_word or (j - i == 1 and tokens[i].key in _TIME_WORDS):
        return None          # "Reading", "Police", "Of", "Thursday": a word unless a division or country follows it
    if best.population < SMALL_TOWN and _title_case_line(text, tokens[i].start):
        return None          # "Iran Is Preparing to Send Russia Drones": capitals in a headline are no evidence
    population = best.population
    multiword_division = best.kind == "admin" and j - i > 1
    if (population < resolve.SMALL_PLACE and not multiword_division and not resolve.in_context(best, ctx)
            and not (locative and best.primary and len({en.country for en in geo}) == 1)):
        return None          # a village in a country the document never mentions: a word, not that village
    # a division needs a locative context whatever its population ("Berkshire" after a word is no place)
    if _city_allowed(text, tokens, i, j, locative, lower_words, population if best.kind == "city" else 0):
        return best.place
    return None


def _curated_or_qualified(text: str, tokens: list[Token], raw: list, k: int, place: Place,
                          ctx: resolve.Context) -> Place:
    """A curated place, unless the division named after it says it is another place of that name
    ("Donetsk, Rostov Oblast" is the Russian town, not the Ukrainian city)."""
    q = resolve.qualifier_of(text, raw, tokens, k)
    if q is None:
        return place
    qualifiers = [en for en in raw[q][2] if en.kind in ("country", "admin", "place", "region")]
    if not qualifiers or any(resolve.fits(place, en) for en in qualifiers):
        return place
    i, j, _ = raw[k]
    others = [en for en in index().extra.get_any(" ".join(t.key for t in tokens[i:j])) if en.kind == "city"]
    best, confirmed = resolve.choose(others, ctx, qualifiers, False) if others else (None, False)
    return best.place if confirmed else place


_UNKNOWN_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+(?:\s+(?:town|village|city|district|hill|camp|area))?"
                             r"\s*(?:,|\()\s*$")


def _after_unknown_place(text: str, tokens: list[Token], raw: list, k: int, lower_words: set[str]) -> bool:
    """"in Zhabichevo, Donetsk", "Nefza (Beja)": match k follows a capitalised word the data does not
    know, the way a division follows the place it holds. Not after a sentence's first word."""
    i = raw[k][0]
    if i < 2:
        return False
    m = _UNKNOWN_BEFORE.search(text, max(0, tokens[i].start - 40), tokens[i].start)
    if m is None:
        return False
    w = next((x for x in range(i - 1, -1, -1) if tokens[x].start == m.start()), None)
    if w is None or w == 0 or tokens[w].key in lower_words or tokens[w].key in _TIME_WORDS:
        return False
    if re.search(r"[.!?\n\"“]\s*$", text[max(0, tokens[w].start - 3):tokens[w].start]):
        return False
    return not (k > 0 and raw[k - 1][1] > w)      # the word before is itself a known name


def _division_named_like(tokens: list[Token], i: int, j: int, place: Place) -> Place:
    """The division of a curated town's name in its country ("Donetsk" after a village: the oblast)."""
    if place.precision not in ("village", "town", "city"):
        return place
    key = " ".join(t.key for t in tokens[i:j])
    for en in index().extra.get_any(key):
        if en.kind == "admin" and en.country == place.country and en.place and en.place.precision == "region":
            curated = [c for c in index().get(f"{key} region") if c.kind == "place" and c.country == place.country]
            return curated[0].place if curated else en.place
    return place


def _as_entry(place: Place) -> Entry:
    return Entry("city", place=place, country=place.country)


def _note_qualifier(text: str, raw: list, tokens: list[Token], k: int, place: Place,
                    qualified_by: dict[int, Place]) -> None:
    q = resolve.qualifier_of(text, raw, tokens, k)
    if q is not None and rank(place) <= 2:
        qualified_by[q] = place


_DIRECTIONS = frozenset({"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "northern", "southern"})
_DISTANCE_UNITS = frozenset({"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
                             "mi", "metres", "meters"})


def _is_reference(tokens: list[Token], i: int) -> bool:
    """ "east of Moscow", "50 km from Kherson", "30 miles north of Kyiv": a point to measure from."""
    if i < 2 or tokens[i - 1].key not in ("of", "from"):
        return False
    before = tokens[i - 2].key
    if before in _DISTANCE_UNITS:
        return True
    if before in _DIRECTIONS and i >= 3 and tokens[i - 3].key == "the":
        return False          # "in the south of Donetsk Oblast" is inside it
    return before in _DIRECTIONS and (tokens[i - 1].key == "of" or (i >= 3 and tokens[i - 3].key in _DISTANCE_UNITS))


def _is_locative(tokens: list[Token], i: int) -> bool:
    if i > 0 and tokens[i - 1].key in _LOCATIVE and tokens[i - 1].key != "of":
        return True           # "had liberated Staromaiorske" ("liberated" is also an adjective)
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


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line around `pos` is a headline in title case (every longer word capitalised).

    Only lines up to HEADLINE_CHARS are headlines, so the look-around is bounded (one-line documents)."""
    lo = max(0, pos - HEADLINE_CHARS)
    start = text.rfind("\n", lo, pos) + 1
    if start == 0 and lo > 0:
        return False
    end = text.find("\n", pos, pos + HEADLINE_CHARS)
    if end < 0:
        if pos + HEADLINE_CHARS < len(text):
            return False
        end = len(text)
    words = [w for w in text[start:end].split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


HEADLINE_CHARS = 300


def _continues_name(text: str, tokens: list[Token], j: int) -> bool:
    return (j < len(tokens) and tokens[j].key in _NAME_CONTINUATIONS and tokens[j].capitalised
            and text[tokens[j - 1].end:tokens[j].start] == " ")


def _followed_by_country(text: str, tokens: list[Token], j: int) -> bool:
    """"Kupiansk, Ukraine": a town named with its country."""
    if j >= len(tokens) or text[tokens[j - 1].end:tokens[j].start] != ", ":
        return False
    return any(en.kind == "country" for en in index().get(tokens[j].text))


def _line_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 200):pos]
    line_start = before.rfind("\n") + 1
    return not before[line_start:].strip() and (line_start > 0 or pos <= 200)


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
