"""Sentence splitting stays linear on hostile shapes; no sentence outgrows MAX_SENTENCE.

Work is counted (characters handed to a helper, characters stored with events) at two sizes in
one run: linear work doubles when the text doubles, the old code's quadrupled.
"""
from __future__ import annotations

from datetime import date

import pytest

import timeline.events.sentences as sentences
from timeline.events import extract
from timeline.model import Document

LINEAR = 2.6  # doubled text: linear ~2.0, quadratic ~4.0


def test_text_without_punctuation_is_cut_into_bounded_sentences() -> None:
    text = " ".join(f"troops shelled village{i} on {1 + i % 28} March 2022 officials said" for i in range(2000))
    spans = sentences.split_sentences(text)
    assert len(spans) > 1
    assert max(s.end - s.start for s in spans) <= sentences.MAX_SENTENCE
    # the pieces cover every word, in order, cut only at spaces
    assert " ".join(s.text(text) for s in spans).split() == text.split()


def test_a_sentence_of_ordinary_length_is_not_cut() -> None:
    text = "Russian forces shelled Kharkiv on 3 March 2022, killing two people, officials said. " * 3
    assert [s.text(text) for s in sentences.split_sentences(text)] == [text.split(". ")[0] + "."] * 3


def test_false_full_stops_are_judged_on_a_bounded_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """'U.S. U.S. ...': each false stop reads the word before it, not the segment from its start."""
    tally = [0]
    real = sentences._WORD_BEFORE

    class Counting:
        def search(self, string, pos=0, endpos=None):  # noqa: ANN001, ANN201
            tally[0] += (len(string) if endpos is None else endpos) - pos
            return real.search(string, pos, endpos)

    monkeypatch.setattr(sentences, "_WORD_BEFORE", Counting())

    def work(n: int) -> int:
        tally[0] = 0
        sentences.split_sentences("Troops from the U.S. " * n + "said so.")
        return tally[0]

    small, large = work(2000), work(4000)
    assert small > 0 and large / small < LINEAR


def test_line_breaks_compare_one_next_line_not_the_rest_of_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A block of thousands of unpunctuated lines: each break looks at the next line only."""
    tally = [0]
    real = sentences._is_wrapped

    def counting(line: str, nxt: str) -> bool:
        tally[0] += len(nxt)
        return real(line, nxt)

    monkeypatch.setattr(sentences, "_is_wrapped", counting)

    def work(n: int) -> int:
        tally[0] = 0
        sentences.split_sentences("Troops moved north of the river near the town\n" * n)
        return tally[0]

    small, large = work(1000), work(2000)
    assert small > 0 and large / small < LINEAR


def test_events_of_an_unpunctuated_text_carry_linear_text() -> None:
    """Every event stores its sentence: one document-long sentence made that quadratic."""
    def stored(n: int) -> int:
        text = " ".join(f"troops shelled the town on {1 + i % 28} March 2022 and police said more were hurt"
                        for i in range(n))
        doc = Document(text=text, published=date(2023, 1, 1))
        events = extract(doc)
        assert events
        return sum(len(e.sentence) for e in events)

    small, large = stored(300), stored(600)
    assert large / small < LINEAR
