"""Summaries read on their own: a named subject, never a bare pronoun."""
from datetime import date

from timeline.events import extract
from timeline.events.summaries import readable_summary, starts_with_pronoun
from timeline.model import Document


def test_that_is_the_latest_from_x_which_becomes_x():
    s = "That is the latest from the National Security Council, which released intelligence on Friday"
    assert readable_summary(s, None) == "the National Security Council released intelligence on Friday"


def test_a_leading_pronoun_takes_its_antecedent_or_actor1():
    assert readable_summary("He said the factory could open next year", None, "John Kirby").startswith("John Kirby said")
    assert readable_summary("They struck Kyiv", "Military Forces of Russia") == "Military Forces of Russia struck Kyiv"
    assert readable_summary("Its forces struck Kyiv", "X") == "Its forces struck Kyiv"    # not a subject pronoun


def test_extracted_summaries_do_not_open_with_a_pronoun_when_the_text_names_the_subject():
    text = ("Russia's military has tried to break the grid before. It did in October of last year, before a "
            "campaign of strikes on the power grid. National Security Council spokesman John Kirby spoke on "
            "Friday. He said on Friday the factory could be operational early next year.")
    events = extract(Document(text, published=date(2023, 6, 13), published_source="given"))
    assert events
    for e in events:
        assert not starts_with_pronoun(e.summary), e.summary
