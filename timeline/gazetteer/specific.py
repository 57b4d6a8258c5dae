"""How precise a place is, and which of several named places is the most specific.

"Shelling hit Zhabichevo, Donetsk region, Ukraine" names three places, but the event happened in
Zhabichevo: the region and the country only hold it. A water body or a facility holds nothing.
"""
from __future__ import annotations

import math

from ..model import Place

#: Finest first; the map draws a point for the first four and an area marker for the rest.
PRECISION_RANK = {"facility": 0, "village": 1, "town": 1, "city": 1, "district": 2, "water": 3, "region": 3,
                  "country": 4}
#: How far a division without a known admin1 may reach from its point (km), by precision.
_REACH_KM = {"district": 60.0, "region": 400.0}


def rank(place: Place) -> int:
    return PRECISION_RANK.get(place.precision, 1)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places' points (inf when one has no point)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def contains(outer: Place, inner: Place) -> bool:
    """Whether `outer` (a country, region or district) holds `inner`, as far as the data tells."""
    if outer is inner or rank(outer) <= rank(inner) or outer.precision in ("water", "facility"):
        return False
    if outer.precision == "country":
        return bool(outer.country) and outer.country == inner.country
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if outer.precision == "region" and outer.admin1 and inner.admin1:
        return outer.admin1 == inner.admin1
    return distance_km(outer, inner) <= _REACH_KM.get(outer.precision, 60.0)


def most_specific(places: list[Place]) -> list[Place]:
    """`places` without those that hold another of them, finest precision first (stable otherwise)."""
    kept = [p for p in places if not any(contains(p, q) for q in places if q is not p)]
    return sorted(kept, key=rank)
