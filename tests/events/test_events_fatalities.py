import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.events.fatalities import fatalities, parse_number, vague_numbers
from timeline.gazetteer.tables import read_table


@pytest.mark.parametrize("clause, n", [
    ("the blast killed at least 12 people", 12),
    ("three civilians died when the shelter collapsed", 3),
    ("the death toll rose to 1,450 by evening", 1450),
    ("the raid left twenty-five dead", 25),
    ("two hundred soldiers were killed", 200),
    ("a dozen people were killed", 12),
    # ACLED's codebook: vague counts take the most conservative number it names
    ("dozens were killed", 12),
    ("the strike killed dozens", 12),
    ("gunmen killed hundreds of people at the festival", 100),
    ("several soldiers were killed in the ambush", 10),
    # one named victim is one death
    ("unknown gunmen killed a journalist outside his home", 1),
    ("a mob beat a man to death", 1),
    ("the strike killed Hezbollah leader Hassan Nasrallah", 1),
    ("killing four of the resistance fighters", 4),
    ("a police officer shot dead a teenager during a traffic stop", 1),
    ("the strike killed senior Hamas official Saleh al-Arouri and six others", 7),
    # never the injured, never a campaign's toll, never a suspicion
    ("the missiles injured 50 people", None),
    ("killing 10 people and injuring more than 50", 10),
    ("more than 10,000 civilians have been killed since the start of the war", None),
    ("killing one person; more than 10,000 civilians have been killed since the start of the war", 1),
    ("police arrested four men suspected of killing a journalist", None),
    ("the 400 drones it had bought", None),
    ("nobody was hurt", None),
])
def test_fatalities(clause, n):
    assert fatalities(clause) == n


def test_parse_number_words():
    assert parse_number("forty-two") == 42
    assert parse_number("seven thousand") == 7000
    assert parse_number("many") == 10
    assert parse_number("hundreds") == 100


def test_every_vague_number_row_has_a_working_example():
    rows = read_table("vague_numbers.tsv", 3)
    assert len(rows) == len(vague_numbers())
    for line, (_words, value, example) in rows:
        assert fatalities(example) == int(value), f"vague_numbers.tsv:{line}: {example!r}"


_WORDS = st.sampled_from(["killed", "killing", "shot", "dead", "died", "the", "death", "toll", "rose", "to", "12",
                          "three", "dozens", "people", "civilians", "were", "a", "journalist", "beat", "beating",
                          "leaving", "lost", "their", "lives", "executed", "massacred", "one", "of", "them", "at",
                          "least", "and", "six", "others", "slain", "beheaded", "lynched", "murdered", "wounded"])


@given(st.lists(_WORDS, max_size=20).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_the_quick_check_lets_every_pattern_through(clause):
    """`fatalities` answers None at once when `_NEEDED` finds nothing: every pattern must need one of its words."""
    from timeline.events.fatalities import _NEEDED, _patterns

    if any(rx.search(clause) for rx, _ in _patterns()):
        assert _NEEDED.search(clause)
