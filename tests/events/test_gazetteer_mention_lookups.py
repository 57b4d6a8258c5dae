"""`Mentions` lookups by position give what a walk over every mention gives (issue 13: the walks made
extraction quadratic, so they were replaced; the walks stay here as the reference).

Checked on the bundled sample articles at many offsets: the actor mentions overlapping a span, the first
country of a span, and the last actor mention ending within 400 characters before an offset (what
`extract._antecedent` reads).
"""
from __future__ import annotations

import pytest

from timeline.gazetteer import Mentions, scan
from timeline.ingest import IngestError, read_paths
from timeline.samples import SAMPLE_DIR


@pytest.fixture(scope="module")
def scanned() -> list[tuple[str, Mentions]]:
    docs = [d for d in read_paths([SAMPLE_DIR]) if not isinstance(d, IngestError)]
    assert docs
    return [(d.text, scan(d.text)) for d in docs]


def _spans(text: str) -> list[tuple[int, int]]:
    return [(s, min(len(text), s + w)) for s in range(0, len(text), 37) for w in (1, 60, 400)]


def test_actor_mentions_are_those_overlapping_the_span(scanned) -> None:  # noqa: ANN001
    checked = 0
    for text, mentions in scanned:
        for s, e in _spans(text):
            walk = [m for m in mentions.actors if not (m.start >= e or m.end <= s)]
            assert mentions.actor_mentions(s, e) == walk
            checked += bool(walk)
    assert checked > 50


def _first_country_walk(mentions: Mentions, lo: int, hi: int) -> str | None:
    for m in mentions.places:
        if lo <= m.start < hi and m.place is not None and m.place.country:
            return m.place.country
    for m in mentions.actors:
        if lo <= m.start < hi and m.actor is not None and m.actor.country and m.actor.kind == "country":
            return m.actor.country
    return None


def test_first_country_is_the_walks_answer(scanned) -> None:  # noqa: ANN001
    found = 0
    for text, mentions in scanned:
        for s, e in [*_spans(text), (0, len(text)), (0, len(text))]:   # the whole text twice: kept, same answer
            expected = _first_country_walk(mentions, s, e)
            assert mentions.first_country(s, e) == expected
            found += expected is not None
    assert found > 50


def _last_before(walk, pos: int) -> str | None:  # noqa: ANN001
    best = None
    for m in walk:
        if m.end > pos:
            break
        if m.actor is not None and pos - m.end < 400:
            best = m.text
    return best


def test_walk_from_an_offset_finds_the_same_last_actor(scanned) -> None:  # noqa: ANN001
    found = 0
    for text, mentions in scanned:
        for pos, _ in _spans(text):
            expected = _last_before(mentions.actors, pos)
            assert _last_before(mentions.actor_mentions_from(pos - 400 + 1), pos) == expected
            found += expected is not None
    assert found > 50
