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
        assert e.sentence_start <= e.timex_start <= e.timex_end <= e.sentence_end
        if e.timex_start == e.timex_end:    # no date expression of its own: dated by context or by the report
            assert e.date_relation == "reported" or e.date_start is None or e.date_text
        assert len(e.summary) <= 201 and 0.0 <= e.confidence <= 1.0
        assert e.date_start is None or e.date_end is None or e.date_start <= e.date_end


def test_timexes_from_another_text_are_rejected_with_the_document_named():
    doc = Document("Troops left on Friday.", origin="reports/a.txt")
    bad = Timex(0, 6, "Friday", "DATE", "2023-06-09")
    with pytest.raises(ValueError, match=r"reports/a\.txt: timex 'Friday' at 0-6 does not match"):
        extract(doc, [bad])


# Bad input: very long sentences, no verb, lists and tables, all-caps headlines. No crash, and every actor
# named is one the engine can name (a table name, a curated actor, or a template filled with a real country).
_NOISE = st.sampled_from(["Kyiv", "Russian", "troops", "police", "gunmen", "attacked", "killed", "by", "the", "|",
                          "-", "*", "1.", "2)", "Total", "Hamas", "Al Shabaab", "Reuters", "said", "ISLAMIC", "STATE",
                          "KILL", "SOLDIERS", "NEAR", "MOGADISHU", "\t", "\n", "12", "dozens", "of", "civilians",
                          "Monday", "on", "in", "Nairobi", "protesters", "rioters", "and", "with", "clashed", ",",
                          ".", "Ukraine's", "minister", "drones", "struck", "since", "2014", "the famine of"])


@given(st.lists(_NOISE, min_size=1, max_size=400).map(" ".join))
@settings(max_examples=80, deadline=None)
def test_bad_input_never_crashes_and_names_only_real_actors(text):
    from timeline.events.actor_roles import is_known_actor_name

    for e in extract(Document(text, published=date(2023, 6, 13))):
        for name in (e.actor1, e.actor2):
            assert name is None or is_known_actor_name(name), name
        assert e.fatalities is None or e.fatalities >= 0


@pytest.mark.parametrize("text", [
    " ".join(["Russian troops attacked the town and"] * 400) + " killed 12 civilians.",        # very long
    "Kyiv, Kharkiv, Odesa, Dnipro.",                                                        # no verb
    "| Date | Place | Killed |\n|---|---|---|\n| 3 May | Gao | 12 |\n| 4 May | Mopti | dozens |",  # a table
    "- Russian drones: 40\n- Missiles: 12\n- Killed: 3",                                    # a list
    "ISLAMIC STATE GUNMEN KILL 11 SOLDIERS IN NIGER AMBUSH NEAR TILLABERI",                  # all caps
    "THE THE THE OF OF BY BY",
])
def test_bad_input_examples(text):
    from timeline.events.actor_roles import is_known_actor_name

    for e in extract(Document(text, published=date(2023, 6, 13))):
        assert e.actor1 is None or is_known_actor_name(e.actor1), e.actor1
        assert e.actor2 is None or is_known_actor_name(e.actor2), e.actor2


def test_a_date_across_a_wrong_sentence_cut_stays_inside_its_sentence():
    """Hypothesis found these: the splitter cut inside the date, so the date ran past its event's sentence."""
    for text in ["Mr. 12 a.m. 2023", "Mr. last \n Friday", "Troops attacked Mr. 12 a.m. 2023 and left."]:
        for e in extract(Document(text, published=date(2023, 6, 13))):
            assert e.sentence_start <= e.timex_start <= e.timex_end <= e.sentence_end, (text, e)
            assert text[e.sentence_start:e.sentence_end] == e.sentence
