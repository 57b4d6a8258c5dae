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


def _gates():
    from timeline.events import actor_roles, roles
    from timeline.events.classify import _gate, _patterns

    return [(_gate(), _patterns()),
            (roles._gate("parties"), roles._row_patterns(roles.parties())),
            (roles._gate("verbs"), roles._row_patterns(roles.verbs())),
            actor_roles._gated(actor_roles.NAMES_TABLE), actor_roles._gated(actor_roles.ROLES_TABLE)]


_MORE = _WORDS | st.sampled_from(["russian", "forces", "troops", "militants", "gunmen", "attacked", "seized",
                                  "the town", "by", "rebels", "shelled", "u.s.", "israeli", "warplanes", "struck",
                                  "airstrikes", "airstrike", "re", "took", "back", "protest", "protesters'", "-"])


@given(st.lists(_MORE, max_size=30).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_matching_only_where_prefixes_start_finds_what_finditer_finds(text):
    """`PrefixGate.matches` tries a row's regex only at its prefixes' offsets: the same matches as every
    row's `finditer` over the whole text (cue, party, verb, actor-name and actor-role tables)."""
    for gate, patterns in _gates():
        got = [(i, m.span()) for i, m in gate.matches(text, patterns)]
        assert got == [(i, m.span()) for i, p in enumerate(patterns) for m in p.finditer(text)]


def test_matching_skips_offsets_inside_a_previous_match():
    import re

    gate = PrefixGate([frozenset({"ab"}), None])
    patterns = [re.compile(r"\bab(?: ab)*\b"), re.compile(r"\bb\w*")]
    text = "ab ab ab x ab bb"
    assert [(i, m.span()) for i, m in gate.matches(text, patterns)] == \
        [(i, m.span()) for i, p in enumerate(patterns) for m in p.finditer(text)]
