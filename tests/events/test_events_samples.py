"""The bundled sample corpus end to end: no event from a date of another matter, and its happenings kept."""
from pathlib import Path

import pytest

from timeline.events import extract

SAMPLES = Path(__file__).resolve().parents[2] / "timeline" / "samples" / "articles"


@pytest.fixture(scope="module")
def sample_events():
    pytest.importorskip("timeline.temporal.engine", reason="the tagger has not landed")
    from timeline.ingest import read_path
    from timeline.published import resolve_published

    out = []
    for path in sorted(SAMPLES.iterdir()):
        for doc in read_path(path):
            out.extend(extract(resolve_published(doc)))
    return out


def test_the_famine_of_1932_dates_no_attack(sample_events):
    assert not [e for e in sample_events if e.date_start and e.date_start.year < 2000 and "famine" in e.sentence]


def test_the_samples_keep_their_dated_happenings(sample_events):
    dated = [e for e in sample_events if e.date_relation != "reported" and e.timex_start != e.timex_end]
    assert len(dated) >= 57          # 58 before undated sentences and background dates were handled, minus 1932
    kyiv = [e for e in dated if e.date_value == "2022-10-17" and e.event_type == "Explosions/Remote violence"]
    assert kyiv and any("Kyiv" in {p.name for p in e.places} for e in kyiv)
    assert any(e.date_value == "2023-06-06" for e in dated)         # the Kakhovka dam


def test_every_actor_named_in_the_samples_is_a_known_name(sample_events):
    from timeline.events.actor_roles import is_known_actor_name

    for e in sample_events:
        for name in (e.actor1, e.actor2):
            assert name is None or is_known_actor_name(name), (name, e.summary)
