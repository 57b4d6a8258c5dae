"""Caller-visible knobs and the result record of `analyse`."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Timex


@dataclass(frozen=True, slots=True)
class TagSettings:
    """Explicit, immutable tagger options.

    day_first: read 9/6/2023 as 9 June (True) or 6 September (False, US habit).
    prefer_past: when no tense cue decides, resolve a bare month/weekday to the past
        occurrence (news reports mostly look back) instead of the nearest one.
    narrative_threshold: in auto mode, the document is narrative when fewer than this
        share of its explicit years lie within `news_window_years` of the DCT.
    tag_copyright: also tag years on copyright lines ("(c) 2024 ..."); off by default.
    """

    day_first: bool = False
    prefer_past: bool = True
    narrative_threshold: float = 0.5
    news_window_years: int = 2
    tag_copyright: bool = False


@dataclass(frozen=True, slots=True)
class TagResult:
    """What `analyse` returns: the timexes and the anchoring mode actually used."""

    timexes: list[Timex] = field(default_factory=list)
    mode: str = "news"
