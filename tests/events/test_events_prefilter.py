from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.classify import cue_matches, cue_matches_unfiltered, cues
from timeline.events.prefilter import PrefixGate, literal_prefixes


def test_literal_prefixes():
    assert literal_prefixes(r"retak(?:e|en)|took back") == {"retak", "took back"}
    assert literal_prefixes(r"(?:air|drone) ?strikes?|bombed") == {"air", "drone", "bombed"}
    assert literal_prefixes(r"rockets? (?:attacks?|fire)") == {"rocket"}
    assert literal_prefixes(r"\bied\b|grenades?") == {"ied", "grenade"}
    assert literal_prefixes(r"(?:drone )?factory") == {"drone ", "factory"}   # optional leading group
    assert literal_prefixes(r"(?<!rocket )grenades?") == {"grenade"}          # a lookbehind consumes nothing
    assert literal_prefixes(r"(?:\w+ )?strikes") is None
    assert literal_prefixes(r"[a-z]+ed|said") is None               # character class first
    assert literal_prefixes(r"air defen[cs]es?") == {"air defen"}


_WORDS = st.sampled_from(["the", "army", "retook", "retaken", "territory", "drone", "strikes", "shelling", "said",
                          "police", "dispersed", "protesters", "sanctions", "shipped", "drones", "factory", "rockets",
                          "fire", "killed", "civilians", "was", "destroyed", "air", "defences", "shot", "down",
                          "agreed", "ceasefire", "Grenade", "IED", "siege", "annexed", "treaty", "riot", "mob"])


@given(st.lists(_WORDS, max_size=25).map(" ".join))
@settings(max_examples=200, deadline=None)
def test_the_shortcut_never_changes_the_matches(clause):
    assert cue_matches(clause) == cue_matches_unfiltered(clause)


def test_the_gate_finds_nested_prefixes():
    gate = PrefixGate([frozenset({"air"}), frozenset({"air defen"}), frozenset({"drone"}), None])
    assert gate.rows("the air defences held") == {0, 1, 3}
    assert gate.rows("an airstrike") == {0, 3}
    assert gate.rows("nothing here") == {3}


def test_the_shortcut_keeps_every_row_example():
    for cue in cues():
        assert cue_matches(cue.example) == cue_matches_unfiltered(cue.example), cue.line
