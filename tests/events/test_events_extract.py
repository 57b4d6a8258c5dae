"""extract() on short texts of our own, with hand-built timexes (the tagger has its own tests)."""
from datetime import date

import pytest

from timeline.events import extract
from timeline.model import Document

from .helpers import timex

DCT = date(2024, 3, 20)  # a Wednesday


def _doc(text, published=DCT):
    return Document(text, published=published, published_source="given" if published else "unknown")


def test_two_happenings_in_one_sentence_make_two_events():
    text = "Rebels shelled the market in May, and the army retook the town on Friday."
    tx = [timex(text, "May", "2024-05", date(2024, 5, 1), date(2024, 5, 31), "month"),
          timex(text, "Friday", "2024-03-15", date(2024, 3, 15), None, "day")]
    a, b = extract(_doc(text), tx)
    assert (a.date_start, a.date_end, a.precision) == (date(2024, 5, 1), date(2024, 5, 31), "month")
    assert a.event_type == "Explosions/Remote violence" and a.sub_type == "Shelling/artillery/missile attack"
    assert a.summary == "Rebels shelled the market in May"
    assert (b.date_start, b.date_end) == (date(2024, 3, 15), date(2024, 3, 15))
    assert (b.event_type, b.sub_type) == ("Battles", "Government regains territory")
    assert b.summary.startswith("The army retook the town")
    for ev in (a, b):
        assert ev.sentence == text and (ev.sentence_start, ev.sentence_end) == (0, len(text))
        assert text[ev.timex_start:ev.timex_end] in ("May", "Friday")
        assert 0.0 <= ev.confidence <= 1.0


def test_reporting_date_dates_the_statement_and_content_date_its_own_event():
    text = ("Ammunition from the depot reached the front in January, the defence ministry said on Monday, "
            "citing satellite data.")
    tx = [timex(text, "January", "2024-01", date(2024, 1, 1), date(2024, 1, 31), "month"),
          timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day")]
    events = extract(_doc(text), tx)
    assert len(events) == 2
    content, statement = events
    assert content.date_start == date(2024, 1, 1)
    assert statement.date_start == date(2024, 3, 18) and statement.date_text == "on Monday"
    assert statement.event_type == "Strategic developments"
    assert statement.summary.startswith("defence ministry said") or statement.summary.startswith("Defence ministry said")


def test_reporting_only_sentence_summary_names_the_speaker():
    text = "Tankers now carry the fuel across the lake, the Ministry of Energy said on Monday."
    ev, = extract(_doc(text), [timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day")])
    assert ev.summary == "Ministry of Energy said tankers now carry the fuel across the lake"
    assert (ev.event_type, ev.sub_type) == ("Strategic developments", "Other")


def test_open_ended_intervals():
    text = "The embargo has held since August 2022. The ceasefire lasts until June. Supplies stop by April."
    tx = [timex(text, "August 2022", "2022-08", date(2022, 8, 1), date(2022, 8, 31), "month", relation="since"),
          timex(text, "June", "2024-06", date(2024, 6, 1), date(2024, 6, 30), "month", relation="until"),
          timex(text, "April", "2024-04", date(2024, 4, 1), date(2024, 4, 30), "month", relation="by")]
    since, until, by = extract(_doc(text), tx)
    assert (since.date_start, since.date_end, since.date_relation) == (date(2022, 8, 1), None, "since")
    assert since.date_text == "since August 2022"
    assert (until.date_start, until.date_end) == (None, date(2024, 6, 30))
    assert (by.date_start, by.date_end, by.date_text) == (None, date(2024, 4, 30), "by April")


def test_from_to_pair_is_one_event():
    text = "The airport stayed closed from March 3 to March 9."
    tx = [timex(text, "March 3", "2024-03-03", date(2024, 3, 3), None, "day", relation="from"),
          timex(text, "March 9", "2024-03-09", date(2024, 3, 9), None, "day", relation="to")]
    ev, = extract(_doc(text), tx)
    assert (ev.date_start, ev.date_end) == (date(2024, 3, 3), date(2024, 3, 9))
    assert ev.date_text == "from March 3 to March 9" and ev.date_value == "2024-03-03/2024-03-09"


def test_record_from_a_month_is_not_open_ended():
    text = "Officials published satellite images from April showing new hangars."
    ev, = extract(_doc(text), [timex(text, "April", "2024-04", date(2024, 4, 1), date(2024, 4, 30), "month",
                                     relation="from")])
    assert (ev.date_start, ev.date_end, ev.date_relation) == (date(2024, 4, 1), date(2024, 4, 30), None)


def test_hedged_and_modified_dates_are_approximate():
    text = "The plant could open in early 2025. Talks resumed around mid-May. The vote was on March 3."
    tx = [timex(text, "early 2025", "2025", date(2025, 1, 1), date(2025, 12, 31), "year", mod="START"),
          timex(text, "mid-May", "2024-05", date(2024, 5, 1), date(2024, 5, 31), "month", mod="MID"),
          timex(text, "March 3", "2024-03-03", date(2024, 3, 3), None, "day")]
    a, b, c = extract(_doc(text), tx)
    assert a.approximate and a.date_mod == "START"
    assert b.approximate and b.date_text == "around mid-May"
    assert not c.approximate


def test_durations_sets_and_present_ref_make_no_events():
    text = "The siege lasted three months. Patrols run every week. The port is currently closed."
    tx = [timex(text, "three months", "P3M", type="DURATION"),
          timex(text, "every week", "P1W", type="SET"),
          timex(text, "currently", "PRESENT_REF")]
    assert extract(_doc(text), tx) == []


def test_unresolved_dates_are_kept_undated():
    text = "The depot burned in October."
    ev, = extract(_doc(text, published=None), [timex(text, "October", "XXXX-10", precision="month")])
    assert (ev.date_start, ev.date_end, ev.date_value) == (None, None, "XXXX-10")
    assert ev.confidence < 0.5


def test_copyright_footer_never_makes_an_event():
    text = "Troops crossed the river on Monday.\n\n© 2024 Example Media Ltd. All rights reserved."
    tx = [timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day"),
          timex(text, "2024", "2024", date(2024, 1, 1), date(2024, 12, 31), "year")]
    events = extract(_doc(text), tx)
    assert [e.date_value for e in events] == ["2024-03-18"]


def test_actors_places_and_fatalities_come_from_the_clause():
    text = ("Russian forces shelled Kharkiv on Tuesday, killing at least seven civilians, "
            "President Volodymyr Zelensky said.")
    ev, = extract(_doc(text), [timex(text, "Tuesday", "2024-03-19", date(2024, 3, 19), None, "day")])
    names = {(a.name, a.kind, a.country) for a in ev.actors}
    assert ("Russian Armed Forces", "military", "RU") in names
    assert ("Volodymyr Zelensky", "person", "UA") in names
    kharkiv, = [p for p in ev.places if p.name == "Kharkiv"]
    assert kharkiv.country == "UA" and abs(kharkiv.lat - 49.99) < 0.1
    assert ev.fatalities == 7
    assert ev.event_type == "Explosions/Remote violence"


def test_undated_follow_up_sentence_lends_its_places():
    text = ("Barges moved the cargo across the Black Sea on Sunday, officials said. "
            "They unloaded at Sevastopol before dawn.\n\nA separate convoy reached Odesa.")
    ev, = extract(_doc(text), [timex(text, "Sunday", "2024-03-17", date(2024, 3, 17), None, "day")])
    assert [p.name for p in ev.places] == ["Black Sea", "Sevastopol"]


def test_no_timexes_no_events_and_bad_input():
    assert extract(_doc("Nothing dated happens here."), []) == []
    with pytest.raises(TypeError, match="Document"):
        extract("plain string", [])  # type: ignore[arg-type]


def test_a_date_split_from_its_qualifier_makes_one_event():
    text = "Shipments began in October of last year."
    tx = [timex(text, "October", "2023-10", date(2023, 10, 1), date(2023, 10, 31), "month"),
          timex(text, "last year", "2023", date(2023, 1, 1), date(2023, 12, 31), "year")]
    ev, = extract(_doc(text), tx)
    assert ev.date_value == "2023-10" and ev.date_text == "in October of last year"


def test_without_timexes_the_tagger_anchors_to_the_published_date_only():
    pytest.importorskip("timeline.temporal.engine", reason="the tagger has not landed")
    from timeline.temporal import tag  # noqa: F401

    text = "The depot was hit on Friday."
    dated = extract(_doc(text, published=date(2024, 3, 20)))
    assert [(e.date_start, e.precision) for e in dated] == [(date(2024, 3, 15), "day")]
    undated = extract(_doc(text, published=None))
    assert [(e.date_start, e.date_end, e.date_text) for e in undated] == [(None, None, "on Friday")]
    assert undated[0].date_value.startswith("X")


def test_publication_stamps_and_datelines_are_not_events():
    text = ("Published: March 20, 2024\n\nODESA, March 20, 2024 (Example Wire) — Port officials said on Tuesday "
            "that grain loading had resumed.")
    tx = [timex(text, "March 20, 2024", "2024-03-20", date(2024, 3, 20), None, "day"),
          timex(text, "March 20, 2024", "2024-03-20", date(2024, 3, 20), None, "day", nth=1),
          timex(text, "Tuesday", "2024-03-19", date(2024, 3, 19), None, "day")]
    ev, = extract(_doc(text), tx)
    assert ev.date_value == "2024-03-19"
    assert ev.sentence.startswith("Port officials said") and text[ev.sentence_start:ev.sentence_end] == ev.sentence


def test_relative_date_restated_exactly_is_one_event():
    text = "A week later, on March 12, drones hit a depot."
    tx = [timex(text, "A week later", "2024-W11", date(2024, 3, 11), date(2024, 3, 17), "week"),
          timex(text, "March 12", "2024-03-12", date(2024, 3, 12), None, "day", relation=None)]
    ev, = extract(_doc(text), tx)
    assert (ev.date_start, ev.precision, ev.date_text) == (date(2024, 3, 12), "day", "A week later, on March 12")
    assert (ev.event_type, ev.sub_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_the_same_date_twice_in_one_clause_is_one_event():
    text = "Officials said on Friday that Friday's talks had failed."
    tx = [timex(text, "Friday", "2024-03-15", date(2024, 3, 15), None, "day"),
          timex(text, "Friday", "2024-03-15", date(2024, 3, 15), None, "day", nth=1)]
    assert len(extract(_doc(text), tx)) == 1


def test_year_range_with_a_hyphen_or_an_en_dash_is_one_event():
    for text, second in (("Villages emptied during the drought of 1921-1922, and relief came late.", "1922"),
                         ("Villages emptied during the drought of 1921–22, and relief came late.", "22")):
        tx = [timex(text, "1921", "1921", date(1921, 1, 1), date(1921, 12, 31), "year", relation="from"),
              timex(text, second, "1922", date(1922, 1, 1), date(1922, 12, 31), "year", relation="to")]
        ev, = extract(_doc(text), tx)
        assert (ev.date_start, ev.date_end, ev.date_value) == (date(1921, 1, 1), date(1922, 12, 31), "1921/1922")
        assert ev.summary.startswith("Villages emptied during the drought of 1921")


def test_consecutive_years_or_days_joined_by_and_are_one_stretch():
    text = "Relief convoys crossed the pass in 1921 and 1922, and the road was then closed."
    tx = [timex(text, "1921", "1921", date(1921, 1, 1), date(1921, 12, 31), "year", relation="from"),
          timex(text, "1922", "1922", date(1922, 1, 1), date(1922, 12, 31), "year", relation="to")]
    ev, = extract(_doc(text), tx)
    assert (ev.date_start, ev.date_end) == (date(1921, 1, 1), date(1922, 12, 31))
    assert ev.date_text == "in 1921 and 1922"
    text = "Families left the riverside streets on Monday and Tuesday."
    tx = [timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day"),
          timex(text, "Tuesday", "2024-03-19", date(2024, 3, 19), None, "day")]
    ev, = extract(_doc(text), tx)
    assert (ev.date_start, ev.date_end, ev.summary) == (date(2024, 3, 18), date(2024, 3, 19), text)


def test_two_separate_days_joined_by_and_share_the_clause_and_no_event_is_only_a_date():
    text = "Families left the riverside streets on Monday and Friday."
    tx = [timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day"),
          timex(text, "Friday", "2024-03-15", date(2024, 3, 15), None, "day")]
    events = extract(_doc(text), tx)
    assert [e.date_start for e in events] == [date(2024, 3, 18), date(2024, 3, 15)]
    assert all(e.summary == text for e in events)


def test_a_weekday_line_makes_no_event():
    text = "Thursday.\n\nRescue teams reached the village on Thursday."
    tx = [timex(text, "Thursday", "2024-03-21", date(2024, 3, 21), None, "day"),
          timex(text, "Thursday", "2024-03-21", date(2024, 3, 21), None, "day", nth=1)]
    ev, = extract(_doc(text), tx)
    assert ev.summary == "Rescue teams reached the village on Thursday."


def test_undated_headline_makes_no_event_and_does_not_join_the_body():
    text = ("Army engineers begin clearing mines from farmland near the southern front line\n"
            "Army engineers began clearing mines from farmland near the front on Monday, the defence ministry said, "
            "after farmers asked for help before the sowing season.")
    ev, = extract(_doc(text), [timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day")])
    assert ev.sentence.startswith("Army engineers began") and ev.summary.startswith("Army engineers began")


def test_before_and_ahead_of_end_the_day_before_and_for_is_no_bound():
    text = ("Depots stocked fuel ahead of the winter. Crews fixed roofs before May. "
            "Villages stored grain for the winter.")
    winter = dict(value="2024-WI", first=date(2023, 12, 1), last=date(2024, 2, 29), precision="season")
    tx = [timex(text, "the winter", **winter),
          timex(text, "May", "2024-05", date(2024, 5, 1), date(2024, 5, 31), "month", relation="before"),
          timex(text, "the winter", nth=1, **winter)]
    ahead, before, plain = extract(_doc(text), tx)
    assert (ahead.date_start, ahead.date_end, ahead.date_relation) == (None, date(2023, 11, 30), "before")
    assert ahead.date_text == "ahead of the winter"
    assert (before.date_start, before.date_end, before.date_text) == (None, date(2024, 4, 30), "before May")
    assert (plain.date_start, plain.date_end, plain.date_relation) == (date(2023, 12, 1), date(2024, 2, 29), None)
    assert ahead.confidence < plain.confidence


def test_clause_opening_date_before_a_speaker_dates_a_statement():
    text = "On March 12, the mayor said that half of the city's bridges had been damaged by floods."
    ev, = extract(_doc(text), [timex(text, "March 12", "2024-03-12", date(2024, 3, 12), None, "day")])
    assert ev.event_type == "Strategic developments"


def test_confidence_falls_with_coarse_dates_weak_cues_and_no_actors():
    text = ("Russian forces shelled Kharkiv on Tuesday. Something changed in 2019. "
            "Ukrainian drones struck a depot in Crimea in 2019.")
    tx = [timex(text, "Tuesday", "2024-03-19", date(2024, 3, 19), None, "day"),
          timex(text, "2019", "2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
          timex(text, "2019", "2019", date(2019, 1, 1), date(2019, 12, 31), "year", nth=1)]
    day, vague, year = extract(_doc(text), tx)
    assert day.confidence > year.confidence > vague.confidence
    assert vague.event_type == "Other" and vague.confidence <= 0.35


def test_statement_by_a_plain_noun_speaker_names_it():
    text = "A second suspect was held at the ferry terminal on Sunday, police said today."
    tx = [timex(text, "Sunday", "2024-03-17", date(2024, 3, 17), None, "day"),
          timex(text, "today", "2024-03-20", date(2024, 3, 20), None, "day")]
    held, statement = extract(_doc(text), tx)
    assert held.date_start == date(2024, 3, 17) and held.summary == text
    assert statement.summary == "Police said a second suspect was held at the ferry terminal on Sunday"


def test_statement_takes_a_sub_type_only_from_a_strong_cue():
    text = "On March 12, the governor said that several warehouses had been destroyed by the fire."
    ev, = extract(_doc(text), [timex(text, "March 12", "2024-03-12", date(2024, 3, 12), None, "day")])
    assert (ev.event_type, ev.sub_type) == ("Strategic developments", "Other")
    text = "The two sides signed a ceasefire agreement, the ministry said on Monday."
    ev, = extract(_doc(text), [timex(text, "Monday", "2024-03-18", date(2024, 3, 18), None, "day")])
    assert (ev.event_type, ev.sub_type) == ("Strategic developments", "Agreement")
