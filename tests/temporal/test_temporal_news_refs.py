"""Rules for news value accuracy (third iteration): discourse "Now,", generic "today's",
growth rates and averages, "recent years", modal "soon", vague "... later". Example
sentences are the project's own words."""
from __future__ import annotations

import pytest

from timeline.temporal import tag

DCT = "2023-06-14"


def _tagged(sentence: str, mode: str = "news") -> dict[str, tuple[str, str]]:
    return {t.text: (t.type, t.value) for t in tag(sentence, DCT, mode=mode)}


# -- "Now," opening a sentence is a discourse marker ------------------------------------------

def test_now_comma_at_sentence_start_is_a_discourse_marker():
    assert "Now" not in _tagged("The plant was idle for a year. Now, the owners say, it will reopen.")


@pytest.mark.parametrize("sentence", [
    "Now the plant employs 400 people.",
    "The plant now employs 400 people.",
    "The depot is empty, and now, officials say, it will close.",
])
def test_now_as_the_present_stays(sentence):
    assert ("DATE", "PRESENT_REF") in _tagged(sentence).values()


# -- "today's" + a noun of the age --------------------------------------------------------------

@pytest.mark.parametrize("noun", ["world", "youth", "computers", "society"])
def test_todays_generic_noun_is_not_the_dct(noun):
    assert not _tagged(f"Such tools matter in today's {noun}, the minister said.")


def test_todays_specific_noun_is_the_dct():
    assert _tagged("The plan appears in today's edition of the paper.")["today"] == ("DATE", DCT)


# -- rates are not recurrences -----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The group expects revenue to grow 12% annually until 2026.",
    "Output should rise 4 percent annually.",
    "That is less than a tenth of the average daily volume on the exchange.",
])
def test_growth_rates_and_averages_are_no_set(sentence):
    assert not [v for v in _tagged(sentence).values() if v[0] == "SET"]


def test_recurring_annually_stays_a_set():
    assert _tagged("The festival is held annually in the old town.")["annually"] == ("SET", "P1Y")


# -- "in recent years": the indefinite past ---------------------------------------------------

def test_recent_years_is_past_ref():
    assert _tagged("In recent years the port has doubled its traffic.")["recent years"] == ("DATE", "PAST_REF")


def test_past_years_without_determiner_is_past_ref():
    assert _tagged("Unlike past years, the harvest came early.")["past years"] == ("DATE", "PAST_REF")


def test_measured_spans_of_years_stay_durations():
    tags = _tagged("Prices rose over the past three years, and in recent months they fell.")
    assert tags["the past three years"] == ("DURATION", "P3Y")
    assert tags["recent months"] == ("DURATION", "PXM")


# -- "soon" when the clause looks ahead -------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Prosecutors may soon bring charges.",
    "The airline soon will add a route to Cairo.",
    "The ministry hopes to soon open a second line.",
])
def test_modal_soon_is_future_ref(sentence):
    assert _tagged(sentence)["soon"] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize("sentence", [
    "He was soon released.",
    "Trading will resume as soon as the vote is counted.",
    "The envoy left soon after the meeting.",
])
def test_soon_without_a_forward_look_is_no_timex(sentence):
    assert "soon" not in _tagged(sentence)


# -- "... later" without a countable length -----------------------------------------------------

def test_vague_later_is_a_duration_in_news():
    tags = _tagged("The board met on Monday. A few days later, the chairman resigned.")
    assert tags["A few days"] == ("DURATION", "PXD")
    tags = _tagged("The alarm sounded at dawn. Just over an hour later, the fire was out.")
    assert [v for k, v in tags.items() if "hour" in k] == [("DURATION", "PT1H")]


def test_counted_later_still_resolves_after_a_date():
    tags = _tagged("The treaty was signed on 3 June. Two days later, the troops withdrew.")
    assert tags["Two days later"] == ("DATE", "2023-06-05")


def test_vague_later_in_narrative_stays_a_reference():
    text = "The army crossed the river in 1805. A few days later it took the town."
    assert _tagged(text, mode="narrative")["A few days later"] == ("DATE", "FUTURE_REF")


# -- "one day" after a modal: some day ----------------------------------------------------------

@pytest.mark.parametrize("sentence", ["The region may one day export power.", "She hopes to one day lead the agency."])
def test_modal_one_day_is_future_ref(sentence):
    assert _tagged(sentence)["one day"] == ("DATE", "FUTURE_REF")


def test_one_day_as_a_length_stays_a_duration():
    assert _tagged("The strike lasted one day.")["one day"] == ("DURATION", "P1D")


# -- "that same day" after a month: the day is unknown, never the DCT ----------------------------

def test_same_day_after_a_month_keeps_the_month():
    tags = {t.text: t for t in tag("Two depots burned last March. That same day, the line was cut.",
                                   DCT, mode="news")}
    assert tags["same day"].value == "2023-03-XX"
    assert tags["same day"].first is None


def test_same_day_after_a_full_date_is_that_date():
    tags = _tagged("The depot burned on 4 March. That same day, the line was cut.")
    assert tags["same day"] == ("DATE", "2023-03-04")


# -- "until" + a day with no tense cue looks ahead ---------------------------------------------

def test_until_weekday_without_tense_cue_is_ahead():
    # 2023-06-14 is a Wednesday
    tags = _tagged("The agency has given the owners until noon Monday to answer.")
    assert tags["noon Monday"][1] == "2023-06-19T12:00"


def test_until_weekday_with_past_cue_stays_past():
    tags = _tagged("The talks dragged on until Monday, when the envoy left.")
    assert tags["Monday"] == ("DATE", "2023-06-12")


# -- a clock time restated in parentheses in another zone ---------------------------------------

def test_parenthesised_zone_conversion_is_not_a_second_time():
    tags = _tagged("The polls close at 8 p.m. (1700 GMT) on Sunday.")
    assert "1700 GMT" not in tags and tags["8 p.m."][0] == "TIME"


def test_parenthesised_time_after_words_stays():
    assert "0600 GMT" in _tagged("The raid began at dawn (0600 GMT).")
