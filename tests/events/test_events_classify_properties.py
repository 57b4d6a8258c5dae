"""Bad input never crashes the classifier and always gives a valid ACLED type (or Other)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.classify import background_spans, classify, cue_matches, score
from timeline.model import EVENT_TYPES

_WORDS = st.sampled_from(["the", "army", "police", "protesters", "attacked", "killed", "clashed", "with", "militants",
                          "civilians", "a", "drone", "strike", "shelling", "grenade", "suicide", "bomber", "tear", "gas",
                          "riot", "mob", "looted", "arrested", "ceasefire", "since", "amid", "by", "were", ".", ",", ";",
                          "|", "\t", "\n", "—", "(", ")", "-", "1,200", "IED", "UN", "'s", "’", "é", "ß", "🙂", "×"])
_SENTENCES = st.lists(_WORDS, max_size=80).map(" ".join)


def _valid(result) -> None:
    assert result.event_type in EVENT_TYPES
    assert (result.sub_type is None) == (result.event_type == "Other")
    assert 0.0 <= result.score <= 1.0


@given(_SENTENCES)
@settings(max_examples=300, deadline=None)
def test_any_word_salad_gives_a_valid_type(text):
    _valid(classify(text))
    _valid(classify(text.upper()))
    if not any(c in text for c in ".!?"):              # (sentence ends look at capitals)
        assert classify(text.upper()) == classify(text)   # all-caps headlines read the same


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_any_unicode_gives_a_valid_type(text):
    _valid(classify(text))
    for b, e in background_spans(text):
        assert 0 <= b <= e <= len(text)


def test_very_long_sentence():
    text = ("Militants attacked a convoy of soldiers near the river, " * 400) + "and then withdrew."
    r = classify(text)
    assert (r.event_type, r.sub_type) == ("Battles", "Armed clash")


def test_no_verb_list_and_table():
    for text in ["", " ", ".", "Kyiv, Kharkiv, Odesa; Lviv", "Casualties: 12 | 14 | 9\nRegion | Dead | Hurt",
                 "- drones\n- missiles\n- artillery", "Date\tPlace\tEvent\n2023-06-01\tKyiv\t-"]:
        _valid(classify(text))


def test_all_caps_headline():
    r = classify("TALIBAN MILITANTS ATTACK AFGHAN ARMY CONVOY")
    assert (r.event_type, r.sub_type) == ("Battles", "Armed clash")


def test_a_window_outside_the_matches_is_other():
    matches = cue_matches("rebels shelled the town")
    assert score(matches, 1000, 2000).event_type == "Other"
