"""Sentences that tell a happening without a date: dated by context, by the report, or left unresolved."""
from datetime import date

from timeline.events import extract
from timeline.model import Document

PUBLISHED = date(2022, 11, 23)


def _events(text, published=PUBLISHED):
    return extract(Document(text, published=published, published_source="given" if published else "unknown"))


def test_a_strong_cue_without_a_date_is_dated_by_the_report():
    ev, = _events("Russian drones struck Kyiv's power grid, killing three.")
    assert (ev.date_start, ev.date_end, ev.date_relation, ev.approximate) == (PUBLISHED, PUBLISHED, "reported", True)
    assert ev.event_type == "Explosions/Remote violence" and ev.fatalities == 3
    assert ev.actor1 == "Military Forces of Russia"
    assert ev.timex_start == ev.timex_end == ev.sentence_start     # no date expression of its own


def test_a_sentence_continuing_a_dated_happening_takes_its_date():
    text = ("On Monday, Russian missiles hit the centre of Kharkiv. The strike killed four people in a "
            "residential block.")
    first, second = _events(text)
    assert first.date_start == second.date_start == date(2022, 11, 21)
    assert second.date_relation is None and second.fatalities == 4 and second.date_text == first.date_text


def test_a_new_paragraph_or_an_old_date_does_not_carry_over():
    text = "On Monday, Russian missiles hit Kharkiv.\n\nRussian drones struck Odesa, killing two people."
    assert _events(text)[-1].date_relation == "reported"
    text = "Russia annexed Crimea in 2014. Russian drones struck Odesa, killing two people."
    assert _events(text)[-1].date_relation == "reported"


def test_without_a_publication_date_the_event_stays_unresolved():
    ev, = _events("Russian drones struck Kyiv's power grid, killing three.", published=None)
    assert ev.date_start is None and ev.date_end is None and ev.date_value == "XXXX-XX-XX"


def test_background_commentary_and_headlines_make_no_event():
    for text in ("Russian forces have shelled Kharkiv for months.",
                 "Russia could strike Kyiv's power grid again this winter, officials warned.",
                 "Iran denies supplying drones for use in the war.",
                 "Did Russian drones strike Kyiv?"):
        assert [e for e in _events(text) if e.date_relation == "reported"] == [], text
    text = "Drones Strike Kyiv Power Grid\n\nOn Monday, Russian drones struck Kyiv's power grid, killing three."
    assert [e.date_relation for e in _events(text)] == [None]


def test_in_an_article_a_report_without_a_place_or_a_toll_is_not_dated_by_the_report():
    text = ("Kyiv prepares for winter. Officials met on Monday to plan repairs. "
            "Ukraine used Turkish drones against Russian columns. The talks continue.")
    assert [e for e in _events(text) if e.date_relation == "reported"] == []


def test_a_short_note_is_the_report_of_its_event():
    ev, = _events("Officers attacked a peaceful student demonstration.")
    assert ev.date_relation == "reported" and ev.date_start == PUBLISHED
