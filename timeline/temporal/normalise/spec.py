"""The `Spec`: what a date expression's words say, before the anchor is known.

A Spec says what the words mean ("May, year unknown", "one year before the anchor", "P3M")
without deciding the anchor; `anchor.resolve` fills in the rest.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Spec:
    start: int
    end: int
    type: str = "DATE"
    kind: str = "fixed"  # fixed | ymd | season | quarter | half | rel | weekday | decade2 | nth | time
    value: str | None = None
    y: int | None = None
    m: int | None = None
    d: int | None = None
    code: str | None = None  # season / quarter / half code
    unit: str | None = None
    offset: int = 0
    rel: int | None = None  # explicit direction: -1 last, 0 this, +1 next; None -> tense
    anaphoric: bool = False
    mod: str | None = None
    tod: str | None = None  # MO/AF/EV/NI or HH:MM
    quant: str | None = None
    freq: str | None = None
    relation: str | None = None
    range_partner: int | None = None  # index offset of the other end of a range (-1 / +1)
    extra: dict = field(default_factory=dict)
