"""Extraction reads a document's actor and place mentions in linear work: counted, at two sizes, in one run.

No wall-clock timing. The mentions `gazetteer.scan` finds are put in lists that count every item handed
out when they are walked; extraction then runs on a text and on the text doubled. Work that is linear
doubles (ratio ~2). The old code walked every mention of the document for each event (the actor phrases
of a clause, the country of an event named nowhere near it, the antecedent of a "They"), so its work
quadrupled. The text names an organisation with no country and no place, the shape that made every
event fall back to the whole document.
"""
from __future__ import annotations

import importlib
from datetime import date

import pytest

from timeline.events import extract
from timeline.gazetteer import Mentions, scan
from timeline.model import Document

extract_module = importlib.import_module("timeline.events.extract")  # the package exports the function by that name
LINEAR = 2.6  # doubled text: linear work ~2.0, quadratic ~4.0
UNIT = "NATO officials met in the hall. They signed a deal with NATO on 3 March 2022. "


class CountingList(list):
    """A list that adds to `tally` for every item its iteration hands out."""

    def __init__(self, items: list, tally: list[int]) -> None:
        super().__init__(items)
        self.tally = tally

    def __iter__(self):  # noqa: ANN204
        for item in super().__iter__():
            self.tally[0] += 1
            yield item


def _work(monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[int, int]:
    """(mention items walked, events) for `n` units of UNIT."""
    tally = [0]

    def counting_scan(text: str) -> Mentions:
        found = scan(text)
        found.actors = CountingList(found.actors, tally)
        found.places = CountingList(found.places, tally)
        return found

    monkeypatch.setattr(extract_module, "scan", counting_scan)
    events = extract(Document(text=UNIT * n, published=date(2023, 6, 13)))
    return tally[0], len(events)


def test_mentions_are_walked_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    small, n_small = _work(monkeypatch, 150)
    large, n_large = _work(monkeypatch, 300)
    assert n_small == 150 and n_large == 300, "every unit still gives its event"
    assert small > 0
    assert large / small < LINEAR


def test_the_pronoun_and_the_country_are_still_read() -> None:
    events = extract(Document(text=UNIT * 3, published=date(2023, 6, 13)))
    assert [e.summary for e in events] == ["North Atlantic Treaty Organization signed a deal with NATO on 3 March 2022."] * 3
    assert {e.actor2 for e in events} == {"North Atlantic Treaty Organization"}
