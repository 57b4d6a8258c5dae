"""A date of another matter does not date the clause's happening."""
from datetime import date

import pytest

from timeline.events import extract
from timeline.model import Document

PUBLISHED = date(2023, 11, 25)


def _events(text):
    return extract(Document(text, published=PUBLISHED, published_source="given"))


@pytest.mark.parametrize("text", [
    "The attack came on the day Ukraine commemorates the famine of 1932 and 1933.",
    "Russian missiles struck Sevastopol, annexed by Moscow after the 2014 annexation of Crimea, killing two people.",
    "Police arrested 40 protesters in Nairobi under a law passed in May.",
])
def test_a_date_inside_a_noun_phrase_does_not_date_the_event(text):
    events = _events(text)
    assert all(e.date_start is None or e.date_start.year == 2023 and e.date_start.month >= 5 for e in events)
    assert not any(e.date_start and e.date_start.year in (1932, 2014) for e in events)
    assert not any(e.date_value in ("2023-05",) and "arrested" in e.summary for e in events)


def test_the_main_event_takes_the_publication_date_when_only_background_dates_are_left():
    ev, = [e for e in _events("Police arrested 40 protesters in Nairobi under a law passed in May.")]
    assert (ev.date_start, ev.date_relation) == (PUBLISHED, "reported")


@pytest.mark.parametrize("text, year", [
    ("Villages emptied during the drought of 1921, and relief came late.", 1921),     # the clause happened then
    ("The May 5 attack killed 12 people in Kherson.", 2023),                           # the subject's own date
    ("The ministry said in a Friday statement that the talks had failed.", 2023),      # a statement's date
])
def test_dates_that_do_belong_to_the_happening_stay(text, year):
    events = _events(text)
    assert events and events[0].date_start is not None and events[0].date_start.year == year
