"""What kind of place a map point stands for: a precise point (village, town, city, facility) or an
area (region, water, country) that must not be drawn as a precise dot.

The record's own `precision` / `kind` wins; without one, a country's name means the country and a
name ending in an area word (data/place_kinds.tsv) means that area.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "place_kinds.tsv"
POINT_KINDS = frozenset({"village", "town", "city", "facility", "site", "point"})
AREA_KINDS = frozenset({"country", "region", "district", "water"})


@lru_cache(maxsize=1)
def area_words() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, word, _example = line.split("\t")
        out[word.lower()] = kind
    return out


def country_iso2(name: str) -> str | None:
    """ISO 3166-1 alpha-2 of a country named `name`, or None."""
    from timeline.gazetteer.countries import country_names

    return country_names().get(name)


def place_kind(place: dict[str, Any]) -> str:
    """'country', 'region', 'district', 'water' or a point kind ('city' when unknown)."""
    given = str(place.get("precision") or place.get("kind") or "").lower()
    if given:
        return given
    name = str(place.get("name") or "")
    if country_iso2(name):
        return "country"
    words = name.lower().split()
    for word in (words[-1:] + words[:1]) if words else []:
        if word in area_words():
            return area_words()[word]
    return "city"


def is_area(place: dict[str, Any]) -> bool:
    return place_kind(place) in AREA_KINDS
