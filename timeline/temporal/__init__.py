"""Temporal tagger: find and normalise dates, times, durations and sets in English text.

    tag(text, dct=None, *, mode="auto", settings=None) -> list[Timex]
    analyse(...) -> TagResult(timexes, mode)

`dct` (document creation time: a date, an ISO date, or a bare year "2023" when only the
year is known) anchors deictic expressions in news ("last year", "on Friday"); what the DCT
cannot pin stays unresolved (X placeholders, anchor "none"), never guessed. In narrative mode
(history articles) they anchor to the last date the text mentioned. `mode="auto"` without a
DCT picks narrative only for a text that reads as one (many explicit years spread over it,
few deictic words), else news without an anchor; with a DCT it picks narrative when most
explicit years lie far from it (unless days are counted from the DCT: "on Friday",
"yesterday"), or for a chronicle with many years and few deictic words (engine.choose_mode). Rules and vocabularies are data under `rules/`; the engine is scan -> normalise ->
anchor (see docs/architecture.md). `first`/`last` always span the whole unit of the value;
a part-of-period `mod` (START/MID/END) does not narrow them.
"""
from __future__ import annotations

from .engine import analyse, parse_dct, tag
from .model import Timex
from .settings import TagResult, TagSettings

__all__ = ["tag", "analyse", "parse_dct", "Timex", "TagResult", "TagSettings"]
