"""Regression guard on the ACLED-style dev set (tests/events/data/acled_style_dev.jsonl, our own writing).

Thresholds sit a little under the figures measured when the guard was written (event 1.000, date 1.000,
type 0.795, sub-type 0.753, actor1 0.890, actor2 0.712, fatalities 1.000 on 146 descriptions), above the
issue's targets where those are lower. The set was written before the rules were tuned, but the rules were
then tuned against it: expect less on new text. `python -m tests.events.devset --errors` lists the misses.
"""
import pytest

from .devset import HOLDOUT, load, score

#: The held-out set (24 descriptions written after the rules were tuned) scored, at its first run: event 0.958,
#: date 0.958, type 0.792, sub-type 0.750, actor1 0.917, actor2 0.708, fatalities 0.875.
HOLDOUT_THRESHOLDS = {"event": 0.95, "date": 0.95, "type": 0.75, "actor1": 0.85, "fatalities": 0.85}
THRESHOLDS = {"event": 0.98, "date": 0.97, "type": 0.77, "sub_type": 0.72, "actor1": 0.87, "actor2": 0.67,
              "fatalities": 0.97}


@pytest.fixture(scope="module")
def scores():
    return score()


def test_the_dev_set_covers_the_codebook():
    rows = load()
    assert len(rows) >= 120
    assert {r["event_type"] for r in rows} == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                               "Protests", "Riots", "Strategic developments"}
    assert len({r["sub_type"] for r in rows}) >= 22 and len({r["place"]["country"] for r in rows}) >= 15
    for r in rows:
        assert -90 <= r["place"]["lat"] <= 90 and -180 <= r["place"]["lon"] <= 180 and r["place"]["admin1"]


@pytest.mark.parametrize("field", sorted(THRESHOLDS))
def test_dev_set_scores_hold(scores, field):
    assert scores.rate(field) >= THRESHOLDS[field], (
        f"{field}: {scores.rate(field):.3f} < {THRESHOLDS[field]}\n" + "\n".join(scores.errors.get(field, [])[:15]))


@pytest.mark.parametrize("field", sorted(HOLDOUT_THRESHOLDS))
def test_holdout_scores_hold(field):
    result = score(HOLDOUT)
    assert result.rate(field) >= HOLDOUT_THRESHOLDS[field], "\n".join(result.errors.get(field, [])[:10])
