import pytest

from timeline.events.fatalities import fatalities, parse_number


@pytest.mark.parametrize("clause, n", [
    ("the blast killed at least 12 people", 12),
    ("three civilians died when the shelter collapsed", 3),
    ("the death toll rose to 1,450 by evening", 1450),
    ("the raid left twenty-five dead", 25),
    ("two hundred soldiers were killed", 200),
    ("a dozen people were killed", 12),
    ("dozens were killed", None),
    ("the 400 drones it had bought", None),
    ("nobody was hurt", None),
])
def test_fatalities(clause, n):
    assert fatalities(clause) == n


def test_parse_number_words():
    assert parse_number("forty-two") == 42
    assert parse_number("seven thousand") == 7000
    assert parse_number("many") is None
