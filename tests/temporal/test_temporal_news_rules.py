"""Rules for news value accuracy (second iteration): earnings-report quarters, tense cues for
weekdays and months, durations with halves. Example sentences are the project's own words."""
from __future__ import annotations

import pytest

from timeline.temporal import tag


def _value(sentence: str, phrase: str, dct: str) -> str:
    hits = [t for t in tag(sentence, dct, mode="news") if t.text == phrase]
    assert hits, f"{phrase!r} not tagged in {sentence!r}: {[t.text for t in tag(sentence, dct, mode='news')]}"
    return hits[0].value


# -- earnings reports: the quarter the report is about ---------------------------------------

REPORT = ("Acme Tools said its fourth-quarter profit climbed to $3 million from $2 million a year "
          "earlier. Sales in the latest quarter rose 8%. In the 1988 period the company had a "
          "one-time gain. This quarter's results include a charge.")


@pytest.mark.parametrize("phrase,value", [
    ("a year earlier", "1988-Q4"),
    ("the latest quarter", "1989-Q4"),
    ("the 1988 period", "1988-Q4"),
    ("This quarter", "1989-Q4"),
])
def test_report_quarter_anchors_quarter_words(phrase, value):
    assert _value(REPORT, phrase, "1989-11-02") == value


def test_fiscal_first_quarter_is_the_reported_one():
    text = ("For the fiscal first quarter ended Sept. 30, Delta Mills earned $4 million, against a "
            "loss a year ago.")
    assert _value(text, "a year ago", "1989-10-26") == "1988-Q1"


def test_report_quarter_ignores_quarters_qualified_by_a_year():
    text = ("Unlike the second quarter of 1988, the third-quarter results were strong; net doubled "
            "from a year ago.")
    assert _value(text, "a year ago", "1989-11-01") == "1988-Q3"


def test_year_quarter_without_ordinal_is_still_a_quarter():
    text = "Revenue for the quarter ended June 30 fell. The 1988 quarter had been weak too."
    assert _value(text, "The 1988 quarter", "1989-08-01") == "1988-QX"


def test_longer_period_sentence_compares_years():
    text = ("The third-quarter loss widened. For the first nine months, sales rose 5% from a year "
            "earlier.")
    assert _value(text, "a year earlier", "1989-11-01") == "1988"


@pytest.mark.parametrize("phrase", ["the corresponding period last year", "last year's quarter"])
def test_year_back_periods(phrase):
    text = (f"The third-quarter loss compares with a profit in {phrase}. Results for the quarter "
            "ended Sept. 30 were weak.")
    assert _value(text, phrase, "1989-11-01") == "1988-Q3"


# -- durations with a half ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence,phrase,value", [
    ("The launch was delayed by a minute and a half.", "a minute and a half", "PT1M30S"),
    ("The outage lasted 1.5 minutes.", "1.5 minutes", "PT1M30S"),
    ("The siege went on for two years and a half.", "two years and a half", "P2Y6M"),
    ("The talks ran for 2.5 hours.", "2.5 hours", "PT2H30M"),
])
def test_half_units(sentence, phrase, value):
    assert _value(sentence, phrase, "2023-06-14") == value


# -- tense cues ------------------------------------------------------------------------------

def test_possessive_weekday_looks_back():
    # a Friday DCT: "would" is the clause's tense, not the ruling's
    assert _value("Lawyers would try to overturn Wednesday's decision.", "Wednesday", "2023-06-16") == "2023-06-14"


def test_participle_after_a_determiner_is_no_past_cue():
    text = "The bonus will be paid on a still undisclosed date in January."
    assert _value(text, "January", "2023-10-20") == "2024-01"


def test_noun_after_a_determiner_is_no_future_cue():
    assert _value("The ministry announced the plan Aug. 21.", "Aug. 21", "2023-10-20") == "2023-08-21"


def test_as_soon_as_looks_ahead_even_with_a_past_verb():
    text = "Brokers were told to buy as soon as the exchange opened Monday."
    assert _value(text, "Monday", "2023-06-14") == "2023-06-19"


def test_plan_to_looks_ahead():
    text = "Officials said they did not plan to move the convoy on Thursday."
    assert _value(text, "Thursday", "2023-06-14") == "2023-06-15"


def test_the_previous_weekday_is_anaphoric():
    text = "The index fell on Oct. 27, ending 4% below its close of the previous Friday."
    assert _value(text, "previous Friday", "1989-10-30") == "1989-10-20"


# -- a bare quarter in news ------------------------------------------------------------------

@pytest.mark.parametrize("sentence,dct,value", [
    # in January, the fourth quarter that was reported on is last year's
    ("Earnings fell sharply in the fourth quarter, the bank said.", "1998-01-26", "1997-Q4"),
    # under way or over: this year's
    ("Earnings fell sharply in the third quarter, the bank said.", "1998-10-26", "1998-Q3"),
    # not begun, but a future cue: still to come this year
    ("The bank expects earnings to recover in the fourth quarter.", "1998-02-10", "1998-Q4"),
])
def test_bare_quarter_year(sentence, dct, value):
    phrase = "the fourth quarter" if "fourth" in sentence else "the third quarter"
    assert _value(sentence, phrase, dct) == value


def test_the_quarter_a_year_ago_is_one_timex():
    text = "Third-quarter net rose to $5 million from $3 million in the quarter a year ago."
    assert _value(text, "the quarter a year ago", "1989-11-02") == "1988-Q3"


def test_hyphenated_fiscal_quarter():
    text = "The mill earned $2 million in the fiscal-first quarter ended Sept. 30."
    assert _value(text, "the fiscal-first quarter", "1989-10-26") == "1989-Q1"


@pytest.mark.parametrize("phrase,mod", [("post-1945", "AFTER"), ("pre-1914", "BEFORE")])
def test_pre_and_post_years(phrase, mod):
    (t,) = [t for t in tag(f"The {phrase} borders were redrawn.", "2023-06-14") if t.text == phrase]
    assert (t.value, t.mod) == (phrase[-4:], mod)


@pytest.mark.parametrize("phrase", ["the near term", "the short term", "a later date"])
def test_vague_future_phrases(phrase):
    assert _value(f"Margins should improve in {phrase}, the airline said.", phrase, "2023-06-14") == "FUTURE_REF"


def test_term_adjectives_are_no_timex():
    assert not tag("The firm repaid short-term loans and long-term bonds.", "2023-06-14")


def test_a_week_on_after_an_amount_is_a_rate():
    assert not tag("The new service adds 700 seats a week on the route.", "2023-06-14")
    assert _value("A week on, the talks resumed.", "A week on", "2023-06-14") == "2023-W25"


def test_a_year_earlier_adjective_is_not_a_duration():
    text = "Net rose in the third quarter, compared with a year-earlier loss."
    assert _value(text, "year-earlier", "1989-11-02") == "1988-Q3"
    assert not [t for t in tag(text, "1989-11-02") if t.type == "DURATION"]
