"""Per-document work grows linearly: counted in characters searched, at two sizes, in one run.

No wall-clock timing: each test wraps the regexes that used to re-read the whole text (or
the whole line, or the whole sentence) once per date or holiday, counts the characters
they are given, and compares a text with its doubled self. Linear work doubles (ratio ~2);
the old code's work quadrupled (a re-scan per mention of a text that doubled). Both texts
are one line without a country or church named, the shape that made it quadratic.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

import timeline.published as published
import timeline.temporal.normalise.holidays as holidays
from timeline.temporal import analyse

LINEAR = 2.6  # doubled text: linear work ~2.0, quadratic ~4.0


class Counting:
    """A compiled pattern that counts the characters each call is asked to read."""

    def __init__(self, pattern: re.Pattern, tally: list[int]) -> None:
        self.pattern, self.tally = pattern, tally

    def _n(self, string: str, pos: int = 0, endpos: int | None = None) -> int:
        return (len(string) if endpos is None else min(endpos, len(string))) - pos

    def search(self, string, *args):  # noqa: ANN001, ANN201
        self.tally[0] += self._n(string, *args)
        return self.pattern.search(string, *args)

    def match(self, string, *args):  # noqa: ANN001, ANN201
        self.tally[0] += self._n(string, *args)
        return self.pattern.match(string, *args)

    def findall(self, string, *args):  # noqa: ANN001, ANN201
        self.tally[0] += self._n(string, *args)
        return self.pattern.findall(string, *args)

    def finditer(self, string, *args):  # noqa: ANN001, ANN201
        self.tally[0] += self._n(string, *args)
        return self.pattern.finditer(string, *args)


def _growth(work, make_text, n: int) -> float:  # noqa: ANN001
    small, large = work(make_text(n)), work(make_text(2 * n))
    assert small > 0
    return large / small


@pytest.mark.parametrize("phrase", ["Crowds marked Easter in the square and ",
                                    "the Independence Day parade was cancelled and "])
def test_holiday_names_are_resolved_in_linear_work(monkeypatch: pytest.MonkeyPatch, phrase: str) -> None:
    tally = [0]
    for key, pattern in list(holidays._COUNTRY_CUES.items()):
        monkeypatch.setitem(holidays._COUNTRY_CUES, key, Counting(pattern, tally))
    monkeypatch.setattr(holidays, "_ORTHODOX", Counting(holidays._ORTHODOX, tally))
    monkeypatch.setattr(holidays, "_WESTERN", Counting(holidays._WESTERN, tally))

    def work(text: str) -> int:
        tally[0] = 0
        timexes = analyse(text, date(2023, 6, 13)).timexes
        assert timexes, "the holidays are still read"
        return tally[0]

    assert _growth(work, lambda n: phrase * n, 300) < LINEAR


def test_publication_year_inference_is_linear_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    tally = [0]
    for name in ("_COPYRIGHT", "_FUTURE", "_APPOSITION_GAP", "_EVENT_GAP"):
        monkeypatch.setattr(published, name, Counting(getattr(published, name), tally))
    monkeypatch.setattr(published, "KNOWN_EVENTS",
                        tuple((Counting(p, tally), y, note) for p, y, note in published.KNOWN_EVENTS))
    monkeypatch.setattr(published, "_tagger_mentions", lambda text: [])  # the tagger is measured elsewhere
    unit = ("since Russia invaded Ukraine last year troops shelled towns in March 2023 and in 2022 "
            "while officials said the talks would resume next year ")

    def work(text: str) -> int:
        tally[0] = 0
        published.infer_year(text, today=date(2024, 1, 1))
        return tally[0]

    assert _growth(work, lambda n: unit * n, 200) < LINEAR


class _CountingList(list):
    """A list that counts the items handed out by iteration (a pass over the document's mentions)."""

    def __init__(self, items, tally: list[int]) -> None:  # noqa: ANN001
        super().__init__(items)
        self.tally = tally

    def __iter__(self):  # noqa: ANN204
        for item in super().__iter__():
            self.tally[0] += 1
            yield item


def test_each_events_actors_and_country_are_found_by_position_not_by_a_pass_over_the_document() -> None:
    """`actor_roles.phrases`, `extract.event_country` and the pronoun's antecedent read the mentions near
    the clause; a pass over all of the document's mentions per event made a long report quadratic."""
    from timeline.events.actor_roles import phrases
    from timeline.events.extract import _antecedent, event_country
    from timeline.events.sentences import Span, split_sentences
    from timeline.gazetteer import scan

    sentence = "Russian forces shelled Kharkiv on 3 May 2023, and Ukraine said it shot down drones. "

    def work(n: int) -> int:
        text = "It rained. " + sentence * n
        mentions, tally = scan(text), [0]
        mentions.actors = _CountingList(mentions.actors, tally)
        mentions.places = _CountingList(mentions.places, tally)
        assert len(mentions.actors) >= n
        for s in split_sentences(text):
            span = Span(s.start, s.end)
            phrases(text, s.start, s.end, "UA", mentions, "Battles")
            event_country(text, span, [], mentions)
            _antecedent("They said so", span, mentions)
        return tally[0]

    assert _growth(work, lambda n: n, 150) < LINEAR
