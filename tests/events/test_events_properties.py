"""Properties that must hold for any text: offsets stay inside the text, sentences do not overlap."""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events import extract
from timeline.events.sentences import split_sentences
from timeline.model import Document
from timeline.temporal.model import Timex

_WORDS = st.sampled_from(["Mr.", "U.S.", "on", "Friday", "May", "3", "2023", "said", "Kyiv", "the", "army", "killed",
                          "12", "people", "“Yes,”", "a.m.", "Iran", "in", "since", "\n", "\n\n", ".", ",", "—", "J.",
                          "©", "last", "week", "drone", "strike", "Alabuga", "near", "Moscow", "and", "then"])
_TEXTS = st.lists(_WORDS, max_size=60).map(" ".join)


@given(_TEXTS)
@settings(max_examples=150, deadline=None)
def test_sentences_are_ordered_trimmed_and_inside_the_text(text):
    spans = split_sentences(text)
    prev_end = 0
    for s in spans:
        assert prev_end <= s.start < s.end <= len(text)
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        prev_end = s.end


@given(_TEXTS)
@settings(max_examples=60, deadline=None)
def test_extract_with_the_tagger_keeps_offsets_consistent(text):
    pytest.importorskip("timeline.temporal.engine", reason="the tagger has not landed")
    events = extract(Document(text, published=date(2023, 6, 13)))
    for e in events:
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        assert e.sentence_start <= e.timex_start < e.timex_end <= e.sentence_end
        assert len(e.summary) <= 201 and 0.0 <= e.confidence <= 1.0
        assert e.date_start is None or e.date_end is None or e.date_start <= e.date_end


def test_timexes_from_another_text_are_rejected_with_the_document_named():
    doc = Document("Troops left on Friday.", origin="reports/a.txt")
    bad = Timex(0, 6, "Friday", "DATE", "2023-06-09")
    with pytest.raises(ValueError, match=r"reports/a\.txt: timex 'Friday' at 0-6 does not match"):
        extract(doc, [bad])
