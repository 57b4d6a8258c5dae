"""Each scanner rule fires on its own example (and every rule has one)."""
from __future__ import annotations

import pytest

from timeline.temporal import tag
from timeline.temporal.rules.patterns import RULES
from timeline.temporal.scan import scan

#: rule -> (sentence, a span the tagger must produce, its value); ranges give their first end
EXAMPLES: dict[str, tuple[str, str, str]] = {
    "iso_date": ("Logged at 2023-06-09T04:15 by the crew.", "2023-06-09T04:15", "2023-06-09T04:15"),
    "numeric_date": ("Signed 12/25/2022 in the capital.", "12/25/2022", "2022-12-25"),
    "weekday_date": ("It opened on Monday, 12 June, before noon.", "Monday, 12 June", "2023-06-12"),
    "range_month_days": ("The fair runs June 5-7 each year.", "June 5", "2023-06-05"),
    "range_days_month": ("Strikes hit on 5-6 June near the dam.", "5", "2023-06-05"),
    "range_months": ("Floods came in March-May 2021 again.", "March", "2021-03"),
    "range_era": ("The revolt ran from 499 to 493 BC in Ionia.", "499", "BC0499"),
    "range_years": ("The famine of 1932–33 killed millions.", "1932", "1932"),
    "spelled_year": ("It was nineteen eighty-six, she recalled.", "nineteen eighty-six", "1986"),
    "month_rel_year": ("The deal was struck in March of last year.", "March of last year", "2022-03"),
    "tod_of_date": ("Shelling began on the morning of 3 May.", "the morning of 3 May", "2023-05-03TMO"),
    "week_of": ("Talks are set for the week of July 10.", "the week of July 10", "2023-W28"),
    "mdy": ("The decree of June 2, 2021 was repealed.", "June 2, 2021", "2021-06-02"),
    "dmy": ("The decree of 2 June 2021 was repealed.", "2 June 2021", "2021-06-02"),
    "month_year": ("Drones appeared in September 2022 over Kyiv.", "September 2022", "2022-09"),
    "month": ("Shipments resumed in April after a pause.", "April", "2023-04"),
    "season": ("The dam was rebuilt last summer by engineers.", "last summer", "2022-SU"),
    "decade": ("Tanks of the 1970s still serve.", "the 1970s", "197"),
    "century": ("Forts of the 18th century line the coast.", "the 18th century", "17"),
    "era_year": ("The city fell in 146 BC to Rome.", "146 BC", "BC0146"),
    "quarter": ("Profit fell in the fourth quarter of 2022.", "the fourth quarter of 2022", "2022-Q4"),
    "half": ("Output rose in the second half of 2022.", "the second half of 2022", "2022-H2"),
    "year_adj": ("Sales topped the year-earlier level.", "year-earlier", "2022"),
    "quarter_rel": ("Sales in the latest quarter rose.", "the latest quarter", "2023-Q2"),
    "ago": ("The depot burned three days ago in the raid.", "three days ago", "2023-06-10"),
    "vague_ago": ("Weeks later the siege was lifted.", "Weeks later", "FUTURE_REF"),
    "unit_before_after": ("The town fell on 3 May 2023. The day before, it was shelled.", "The day before", "2023-05-02"),
    "whole_year": ("Losses for the full year were high.", "the full year", "2023"),
    "rel_unit": ("Exports fell last week at the port.", "last week", "2023-W23"),
    "part_of_day": ("By mid-afternoon the shelling stopped.", "mid-afternoon", "2023-06-13TAF"),
    "day_word": ("The minister arrived yesterday morning.", "yesterday morning", "2023-06-12TMO"),
    "time": ("The blast came at 5:30 p.m. on Monday.", "5:30 p.m. on Monday", "2023-06-12T17:30"),
    "weekday": ("Envoys met on Thursday in Ankara.", "Thursday", "2023-06-08"),
    "holiday": ("Shelling stopped on New Year's Day 2023.", "New Year's Day 2023", "2023-01-01"),
    "frequency": ("Patrols pass three times a day.", "three times a day", "P1D"),
    "set": ("Drills are held each year in May.", "each year", "P1Y"),
    "duration": ("The blockade lasted eighteen months.", "eighteen months", "P18M"),
    "nth": ("The convoy left on the 3rd, a driver said.", "the 3rd", "2023-06-03"),
    "turn": ("The fort was rebuilt at the turn of the century.", "the turn of the century", "2000"),
    "fiscal_year": ("Spending rose in fiscal 2022 overall.", "fiscal 2022", "2022"),
    "year": ("The bridge opened in 2018 after delays.", "2018", "2018"),
    "plural_unit": ("The talks dragged on for months without end.", "months", "PXM"),
    "night_generic": ("The raiders moved at night, a witness wrote in 1920.", "night", "XXXX-XX-XXTNI"),
    "daypart": ("Water was cut across the city by evening.", "evening", "2023-06-13TEV"),
    "ref": ("Shelling continues to this day and now spreads.", "now", "PRESENT_REF"),
}


def test_every_rule_has_an_example():
    assert sorted(EXAMPLES) == sorted(r for r, _ in RULES)


@pytest.mark.parametrize("rule", sorted(EXAMPLES))
def test_rule_example(rule):
    text, span, value = EXAMPLES[rule]
    hits = [c for c in scan(text) if c.rule == rule]
    assert hits, f"{rule} did not fire on {text!r}: {[c.rule for c in scan(text)]}"
    mode = "narrative" if rule == "night_generic" else "news"
    tagged = {t.text: t.value for t in tag(text, "2023-06-13", mode=mode)}
    assert tagged.get(span) == value, tagged
