"""Every rule family, on sentences written for these tests (news mode unless stated)."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import TagSettings, tag

DCT = "2023-06-13"  # a Tuesday


def one(text: str, phrase: str, dct: str | None = DCT, **kw):
    """The single timex whose text is `phrase`."""
    hits = [t for t in tag(text, dct, **kw) if t.text == phrase]
    assert len(hits) == 1, f"{phrase!r} in {text!r}: got {[(t.text, t.value) for t in tag(text, dct, **kw)]}"
    return hits[0]


CASES = [
    # absolute dates in common formats
    ("The talks opened on 9 June 2023 in Vienna.", "9 June 2023", "2023-06-09", "DATE"),
    ("The talks opened on June 9, 2023, in Vienna.", "June 9, 2023", "2023-06-09", "DATE"),
    ("The log entry is stamped 2023-06-09 at the top.", "2023-06-09", "2023-06-09", "DATE"),
    ("Engineers met on the 9th of June 2023.", "the 9th of June 2023", "2023-06-09", "DATE"),
    ("A convoy left on Friday, June 9, 2023, before dawn.", "Friday, June 9, 2023", "2023-06-09", "DATE"),
    ("Sept. 30 is the end of the fiscal period.", "Sept. 30", "2023-09-30", "DATE"),
    ("The memo is dated 2023/06/09 in the archive.", "2023/06/09", "2023-06-09", "DATE"),
    ("The vote took place on 9.6.2023 in Kyiv.", "9.6.2023", "2023-06-09", "DATE"),
    # month + year, years, decades, centuries, eras
    ("Shipments began in August 2022 and grew.", "August 2022", "2022-08", "DATE"),
    ("The pact was signed in February of 1940.", "February of 1940", "1940-02", "DATE"),
    ("The plant was built in 1998 near the river.", "1998", "1998", "DATE"),
    ("Such drones were rare in the 1990s.", "the 1990s", "199", "DATE"),
    ("Such drones were rare in the '90s.", "the '90s", "199", "DATE"),
    ("The doctrine dates from the 19th century.", "the 19th century", "18", "DATE"),
    ("The siege ended in 480 BC after a month.", "480 BC", "BC0480", "DATE"),
    ("The city was founded in AD 79 by settlers.", "AD 79", "0079", "DATE"),
    # seasons, quarters, halves
    ("The offensive began in the spring of 1943.", "the spring of 1943", "1943-SP", "DATE"),
    ("Revenue fell in the third quarter of 2022.", "the third quarter of 2022", "2022-Q3", "DATE"),
    ("Deliveries doubled in the first half of 2023.", "the first half of 2023", "2023-H1", "DATE"),
    ("Output rose in Q2 2023 at the plant.", "Q2 2023", "2023-Q2", "DATE"),
    # parts of periods
    ("The factory could be running by early next year.", "early next year", "2024", "DATE"),
    ("Prices peaked in mid-2023 across the region.", "mid-2023", "2023", "DATE"),
    ("The ceasefire collapsed in late May.", "late May", "2023-05", "DATE"),
    ("The funds run out by the end of the month.", "the end of the month", "2023-06", "DATE"),
    ("Industry boomed in the early 1980s.", "the early 1980s", "198", "DATE"),
    # weekdays by tense
    ("The ministry said on Friday that it had evidence.", "Friday", "2023-06-09", "DATE"),
    ("The envoys will meet on Friday in Geneva.", "Friday", "2023-06-16", "DATE"),
    ("Officials met last Monday to review the plan.", "last Monday", "2023-06-12", "DATE"),
    ("The envoy would be traveling to the United States Thursday.", "Thursday", "2023-06-15", "DATE"),
    ("Critics attacked Friday's ruling by the court.", "Friday", "2023-06-09", "DATE"),
    ("The vote was held this past Sunday in the capital.", "this past Sunday", "2023-06-11", "DATE"),
    ("The board approved a five year plan for the plant.", "five year", "P5Y", "DURATION"),
    ("The summit will be held in Vilnius on Friday.", "Friday", "2023-06-16", "DATE"),
    ("The deadline had been due to expire on Friday.", "Friday", "2023-06-09", "DATE"),
    ("The father could arrive as early as Thursday, he said.", "Thursday", "2023-06-15", "DATE"),
    ("The council meets next Monday to vote.", "next Monday", "2023-06-19", "DATE"),
    # deictic relatives
    ("The minister resigned yesterday after the vote.", "yesterday", "2023-06-12", "DATE"),
    ("Exports dropped last month by a third.", "last month", "2023-05", "DATE"),
    ("The bridge was hit two weeks ago by a missile.", "two weeks ago", "2023-W22", "DATE"),
    ("Crops suffered this spring from the drought.", "this spring", "2023-SP", "DATE"),
    ("The embassy reopened earlier in the year.", "earlier in the year", "2023", "DATE"),
    ("The tanks arrived this week at the port.", "this week", "2023-W24", "DATE"),
    ("Prices rose last year by a fifth.", "last year", "2022", "DATE"),
    ("The summit is planned for next year in Rome.", "next year", "2024", "DATE"),
    ("The report was published in October of last year.", "October of last year", "2022-10", "DATE"),
    # anaphoric relatives (anchored to the last date mentioned)
    ("The dam broke on 6 June 2023. Rescuers arrived the following day.", "the following day", "2023-06-07", "DATE"),
    ("The town fell on 3 March 2022. Three days later the army withdrew.", "Three days later", "2022-03-06", "DATE"),
    ("The treaty was signed in 1921. That year the border was redrawn.", "That year", "1921", "DATE"),
    # references
    ("The front line is quiet now after heavy shelling.", "now", "PRESENT_REF", "DATE"),
    ("Iran currently supplies the drones by sea.", "currently", "PRESENT_REF", "DATE"),
    ("Attacks on the grid have increased recently.", "recently", "PAST_REF", "DATE"),
    ("Officials warn of shortages in the future.", "the future", "FUTURE_REF", "DATE"),
    # durations
    ("The siege lasted for three years in total.", "three years", "P3Y", "DURATION"),
    ("The drones can be built in a matter of months.", "a matter of months", "PXM", "DURATION"),
    ("Talks went on for several weeks without result.", "several weeks", "PXW", "DURATION"),
    ("The pilots trained for 2 1/2 years abroad.", "2 1/2 years", "P2Y6M", "DURATION"),
    ("The battery survives a 16-hour flight.", "16-hour", "PT16H", "DURATION"),
    ("Over the past three years the plant grew.", "the past three years", "P3Y", "DURATION"),
    # sets
    ("Inspectors visit the site every week.", "every week", "P1W", "SET"),
    ("The agency publishes casualty figures daily.", "daily", "P1D", "SET"),
    ("Convoys cross the border twice a week.", "twice a week", "P1W", "SET"),
    ("He gave his weekly radio address.", "weekly", "P1W", "SET"),
    ("The market opens every Monday at dawn.", "every Monday", "XXXX-WXX-1", "SET"),
    # times of day
    ("The sirens sounded at 4 a.m. across the city.", "4 a.m.", "2023-06-13T04:00", "TIME"),
    ("The blast was heard at midnight in the suburbs.", "midnight", "2023-06-13T24:00", "TIME"),
    ("Drones struck the depot on Tuesday night as well.", "Tuesday night", "2023-06-13TNI", "TIME"),
    ("Explosions shook the port last night.", "last night", "2023-06-12TNI", "TIME"),
    ("The order took effect at 16:30 GMT on Monday.", "16:30 GMT", "2023-06-12T16:30", "TIME"),  # on that Monday
    ("By 0600 GMT the raid was over.", "0600 GMT", "2023-06-13T06:00", "TIME"),
    ("The assault began at 0600 hours.", "0600 hours", "2023-06-13T06:00", "TIME"),  # military time
    ("Drones hit the centre around midday.", "around midday", "2023-06-13T12:00", "TIME"),
    ("Updated: 2023-06-13 11:02 by the desk.", "2023-06-13 11:02", "2023-06-13T11:02", "TIME"),
    ("Sirens sounded at 11 p.m. on Saturday.", "11 p.m. on Saturday", "2023-06-10T23:00", "TIME"),
    ("The truce held until 6 p.m. on Christmas Day.", "6 p.m. on Christmas Day", "2022-12-25T18:00", "TIME"),
    ("Talks resume at 9 a.m. on New Year's Day.", "9 a.m. on New Year's Day", "2024-01-01T09:00", "TIME"),
    ("The invasion began on Feb. 24 last year.", "Feb. 24 last year", "2022-02-24", "DATE"),
    ("Drones hit the capital overnight, officials said.", "overnight", "2023-06-12TNI", "TIME"),
    ("Drones hit the capital overnight into Tuesday.", "overnight", "2023-06-12TNI", "TIME"),  # Monday night
    ("Drones hit the capital overnight into Sunday.", "overnight", "2023-06-10TNI", "TIME"),
    ("Sirens sounded in the early hours of Sunday.", "the early hours of Sunday", "2023-06-11", "DATE"),
    ("The raid began on the night of 8 February 1904.", "the night of 8 February 1904", "1904-02-08TNI", "TIME"),
    # the latest reported quarter is the one 45 days before the DCT (here Q2 2023)
    ("Results for the year-ago quarter were weaker.", "the year-ago quarter", "2022-Q2", "DATE"),
    ("Sales for this year's third quarter rose.", "this year's third quarter", "2023-Q3", "DATE"),
    ("The fleet sailed in the spring of 480 BC.", "the spring of 480 BC", "BC0480-SP", "DATE"),
    ("The league campaigned through the 470s BC.", "the 470s BC", "BC047", "DATE"),
    ("Shelling went on over the following days.", "the following days", "PXD", "DURATION"),
    ("Little changed in the intervening years.", "the intervening years", "PXY", "DURATION"),
    ("In the ensuing weeks, the talks stalled.", "the ensuing weeks", "PXW", "DURATION"),
    ("A 2019 law banned the exports.", "2019", "2019", "DATE"),
    ("They signed a June agreement with the rebels.", "June", "2023-06", "DATE"),
    ("The convoy leaves at 4 in the morning, he said.", "4 in the morning", "2023-06-13T04:00", "TIME"),
    ("Officials expect calm in the near future.", "the near future", "FUTURE_REF", "DATE"),
    # holidays and spelled-out years
    ("Fighting paused briefly on Christmas Day 2022.", "Christmas Day 2022", "2022-12-25", "DATE"),
    ("It happened in nineteen ninety-six, the anchor said.", "nineteen ninety-six", "1996", "DATE"),
]


@pytest.mark.parametrize("text,phrase,value,type_", CASES, ids=[c[1] for c in CASES])
def test_rule_family(text, phrase, value, type_):
    t = one(text, phrase)
    assert (t.value, t.type) == (value, type_)
    assert text[t.start:t.end] == phrase


def test_mods_for_parts_and_approximations():
    assert one("Prices peaked in mid-2023 here.", "mid-2023").mod == "MID"
    assert one("The ceasefire collapsed in late May.", "late May").mod == "END"
    assert one("It could be ready by early next year.", "early next year").mod == "START"
    assert one("The camp was set up about 1910 by traders.", "about 1910").mod == "APPROX"
    assert one("The siege lasted more than three years.", "more than three years").mod == "MORE_THAN"


def test_bare_month_resolved_by_tense_and_position():
    assert one("The ministry said in May that stocks were low.", "May").value == "2023-05"
    assert one("The ministry will report in March on the stocks.", "March").value == "2024-03"
    assert one("The parliament voted in December to extend it.", "December").value == "2022-12"
    assert one("Elections are scheduled for December this time.", "December").value == "2023-12"


def test_day_first_setting():
    us = one("The order was signed on 9/6/2023 in the capital.", "9/6/2023")
    eu = one("The order was signed on 9/6/2023 in the capital.", "9/6/2023", settings=TagSettings(day_first=True))
    assert (us.value, eu.value) == ("2023-09-06", "2023-06-09")
    assert one("The order was signed on 25/12/2022.", "25/12/2022").value == "2022-12-25"


def test_the_nth_of_the_current_month():
    t = one("Talks resumed on the 9th, officials said.", "the 9th")
    assert t.value == "2023-06-09"


def test_ranges_tag_both_ends():
    r = tag("Fighting raged from 2014 to 2022 in the east.", DCT)
    assert [(t.text, t.value, t.relation) for t in r] == [("2014", "2014", "from"), ("2022", "2022", "to")]
    r = tag("The drills ran between March and May 2023 near the coast.", DCT)
    assert [(t.text, t.value, t.relation) for t in r] == [("March", "2023-03", "between"), ("May 2023", "2023-05", "between")]
    r = tag("The summit runs June 5-7 in Madrid.", DCT)
    assert [(t.text, t.value) for t in r] == [("June 5", "2023-06-05"), ("7", "2023-06-07")]
    r = tag("The war of 1939–1945 reshaped the map.", DCT)
    assert [(t.text, t.value) for t in r] == [("1939", "1939"), ("1945", "1945")]
    r = tag("Between 10 and 12 October 2022 the grid was hit.", DCT)
    assert [(t.text, t.value, t.relation) for t in r] == [("10", "2022-10-10", "between"),
                                                            ("12 October 2022", "2022-10-12", "between")]
    t = one("In the early hours of 6 June the dam burst.", "the early hours of 6 June")
    assert (t.value, t.mod) == ("2023-06-06", "START")
    r = tag("The revolt lasted from 499 to 493 BC in Ionia.", DCT)
    assert [t.value for t in r] == ["BC0499", "BC0493"]


@pytest.mark.parametrize("text,expected", [
    ("It ended in the year 2000 at last.", [("the year 2000", "2000")]),
    ("Growth slowed in the 2000s overall.", [("the 2000s", "200")]),
    ("Forts of the 1800s line the coast.", [("the 1800s", "18")]),
    ("On 31 February 2023 nothing happened.", [("31 February 2023", "2023-02")]),  # no invented day
    ("A note from the 99th century, 0 BC and AD 0.", []),
])
def test_edge_values(text, expected):
    assert [(t.text, t.value) for t in tag(text, DCT)] == expected


@pytest.mark.parametrize("text,mode", [
    ("Monday 1 BC", "narrative"), ("AD 1 last week", "news"), ("AD 1 the '90s", "news"),
    ("April 31 and June 31", "news"), ("In 9999 the next year began.", "narrative"),
])
def test_calendar_edges_never_raise_and_stay_unresolved(text, mode):
    for t in tag(text, None, mode=mode):
        assert t.first is None or t.first.year >= 1
        assert "-31" not in t.value or t.value.endswith(("01-31", "03-31", "05-31", "07-31", "08-31", "10-31", "12-31"))


def test_event_anchored_offsets_give_a_length_not_an_invented_date():
    t = one("The fighting comes a week after the dam was destroyed.", "a week")
    assert (t.type, t.value, t.first) == ("DURATION", "P1W", None)
    t = one("The dam broke on 6 June 2023. A week after, the water receded.", "A week after")
    assert t.value == "2023-W24"


def test_bare_season_prefers_the_one_under_way_or_starting_soon():
    assert one("The summer was hot, they said.", "The summer", dct="2023-07-10").value == "2023-SU"
    assert one("Troops will advance in the spring.", "the spring", dct="2023-10-10").value == "2024-SP"
    # a winter is named by the year it begins in (2022-WI: December 2022 to February 2023)
    assert one("Crews prepared for the winter, officials said.", "the winter", dct="2022-11-06").value == "2022-WI"
    assert one("Blackouts hit this winter, officials said.", "this winter", dct="2023-01-20").value == "2022-WI"
    assert one("Blackouts hit last winter, officials said.", "last winter", dct="2023-06-20").value == "2022-WI"


def test_a_season_starting_within_ten_weeks_is_the_coming_one():
    assert one("Moscow was stockpiling missiles ahead of the winter.", "the winter", dct="2023-10-10").value == "2023-WI"
    assert one("It could fly 1,000 drones a night, possibly by the autumn.", "the autumn",
               dct="2025-07-04").value == "2025-FA"
    assert one("The harvest was poor last autumn, they said.", "last autumn", dct="2025-07-04").value == "2024-FA"


def test_a_count_of_days_starts_from_the_day_named_earlier_in_the_sentence():
    text = ("Sirens sounded at 6:58 a.m. on Tuesday. Power stations have been hit since Oct. 10, when the "
            "campaign began after a blast damaged the bridge two days earlier. Cuts run from 7 a.m.")
    values = {t.text: t.value for t in tag(text, "2022-10-18", mode="news")}
    assert values["two days earlier"] == "2022-10-08"
    assert values["7 a.m."] == "2022-10-18T07:00"  # the story's reference time is unchanged
    # in another sentence the count starts from the reference time, as before
    text = "Power stations have been hit since Oct. 10. Two days earlier, a blast hit the bridge."
    assert {t.text: t.value for t in tag(text, "2022-10-18", mode="news")}["Two days earlier"] == "2022-10-16"


def test_bare_plural_units_as_vague_lengths():
    def found(text):
        return [(t.text, t.value) for t in tag(text, "2025-03-11", mode="news")]
    assert found("Aid was suspended days after the meeting.") == [("days", "PXD")]
    assert found("He spoke minutes after the vote.") == [("minutes", "PTXM")]
    assert found("It withdrew after months of fighting.") == [("months", "PXM")]
    # "in the days before the attack" is a vague stretch of dates, not a length: left out
    assert found("The car was seen in the days before the attack.") == []
    assert found("Weeks later the siege was lifted.")[0][0] == "Weeks later"


def test_verbs_before_a_date_stay_out_of_the_span():
    def found(text):
        return [(t.text, t.value, t.mod) for t in tag(text, "2025-03-11", mode="news")]
    assert found("His term was due to end in May of last year.") == [("May of last year", "2024-05", None)]
    assert found("Beginning in 2024, flights resumed.") == [("2024", "2024", None)]
    assert found("Rolling cuts could last several weeks.") == [("several weeks", "PXW", None)]
    # the parts of a period keep their words
    assert found("Shelling eased over the last several weeks.")[0][0] == "the last several weeks"
    assert found("It was hot at the end of May 2024.") == [("the end of May 2024", "2024-05", "END")]
    assert found("Early in May 2024 the army moved.") == [("Early in May 2024", "2024-05", "START")]


def test_independence_day_is_the_day_of_the_country_named():
    def day(text):
        return [t.value for t in tag(text, "2023-08-24", mode="news") if t.text == "Independence Day"]
    assert day("KYIV - Ukraine marked Independence Day with a parade of captured tanks.") == ["2023-08-24"]
    assert day("Americans celebrated Independence Day with fireworks.") == ["2023-07-04"]
    # the holiday's own sentence decides before the rest of the text
    assert day("Ukrainian drones hit Moscow. In Washington, Americans celebrated Independence Day.") == ["2023-07-04"]
    assert day("Independence Day fell on a Sunday.") == ["2023-07-04"]  # no country named: the default


def test_a_clock_time_after_a_month_is_on_the_report_day():
    text = "The raid was planned last month. Boats landed at about 4 a.m., officials said."
    assert [t.value for t in tag(text, "2023-08-24", mode="news")] == ["2023-07", "2023-08-24T04:00"]
    text = "The raid began on Aug. 20. Boats landed at about 4 a.m., officials said."
    assert [t.value for t in tag(text, "2023-08-24", mode="news")] == ["2023-08-20", "2023-08-20T04:00"]


def test_easter_moves_each_year_and_follows_its_church():
    def found(text, dct):
        return [(t.text, t.value) for t in tag(text, dct, mode="news")]
    assert found("Ukrainian Orthodox Christians will celebrate Easter on May 5.", "2024-04-20")[0] == \
        ("Easter", "2024-05-05")
    assert found("Catholics marked Easter Sunday in Rome.", "2024-04-02") == [("Easter Sunday", "2024-03-31")]
    assert found("Shops closed on Good Friday.", "2024-04-02") == [("Good Friday", "2024-03-29")]
    assert found("The Kremlin declared an Easter truce.", "2023-04-20") == [("Easter", "2023-04-16")]  # Orthodox
    assert found("Pilgrims prayed as Easter week began.", "2000-04-20") == [("Easter week", "2000-W16")]
    # names are not dates
    assert found("The Good Friday Agreement was signed in 1998.", "2024-04-02") == [("1998", "1998")]
    assert found("The Easter Rising began in 1916.", "2024-04-02") == [("1916", "1916")]


def test_a_range_over_new_year_puts_its_first_end_in_the_year_before():
    def found(text, dct):
        return [(t.text, t.value) for t in tag(text, dct, mode="news")]
    assert found("Between Dec. 29 and Jan. 2, Russia launched 500 drones.", "2025-10-12") == [
        ("Dec. 29", "2024-12-29"), ("Jan. 2", "2025-01-02")]
    assert found("Talks will run from Dec. 29 to Jan. 2.", "2025-10-12") == [
        ("Dec. 29", "2025-12-29"), ("Jan. 2", "2026-01-02")]
    assert found("Between March 3 and March 9, fighting raged.", "2025-10-12") == [
        ("March 3", "2025-03-03"), ("March 9", "2025-03-09")]


def test_a_clock_time_takes_the_day_that_follows_it():
    def found(text, dct="2025-10-21"):
        return [(t.text, t.value) for t in tag(text, dct, mode="news")]
    assert found("A ceasefire took effect at 00:00 Kyiv time on April 20.") == [
        ("00:00 Kyiv time", "2025-04-20T00:00"), ("April 20", "2025-04-20")]
    assert found("The assault began at 0600 hours on Monday.")[0] == ("0600 hours", "2025-10-20T06:00")
    assert found("The first bombs fell at 5:34 a.m. Baghdad time on March 20, 2003.") == [
        ("5:34 a.m. Baghdad time on March 20, 2003", "2003-03-20T05:34")]
    assert found("It ended at noon. Monday was quiet.") == [("noon", "2025-10-21T12:00"), ("Monday", "2025-10-20")]
    assert found("On the night of Feb. 23-24, 2022, troops crossed the border.") == [
        ("the night of Feb. 23-24, 2022", "2022-02-23TNI")]


def test_a_decade_is_the_reference_for_what_follows():
    found = [(t.text, t.value) for t in tag("In the 1990s the plant built engines; a decade later it was "
                                            "abandoned.", "2025-10-24", mode="news")]
    assert found == [("the 1990s", "199"), ("a decade later", "200")]


def test_a_phone_line_is_no_year():
    assert tag("Residents can call the city hotline at 1551 for help.", "2022-10-18") == []
    assert [t.value for t in tag("The fort fell in 1551 after a siege.", "2022-10-18")] == ["1551"]


def test_winter_spanning_two_years():
    t = one("The grid was hit all through the winter of 2022-23.", "the winter of 2022-23")
    assert (t.value, t.first, t.last) == ("2022-WI", date(2022, 12, 1), date(2023, 2, 28))


def test_narrative_winter_after_an_autumn_and_the_spring_after_it():
    text = ("The army camped there in the autumn of 481 BC and passed the winter at Sardis. "
            "Early in spring it marched to the coast.")
    assert [t.value for t in tag(text, None, mode="narrative")] == ["BC0481-FA", "BC0481-WI", "BC0480-SP"]
    text = "The siege began in January 1942 and lasted the winter."
    assert [t.value for t in tag(text, None, mode="narrative")] == ["1942-01", "1941-WI"]


def test_year_ago_means_the_year_ago_quarter_only_in_earnings_reports():
    report = "Third-quarter profit rose to $5 million from $4 million a year ago."
    assert one(report, "a year ago", dct="1989-10-26").value == "1988-Q3"
    story = "The troops left their quarters at dawn; a year ago the town was quiet."
    assert one(story, "a year ago", dct="1989-10-26").value == "1988"


def test_to_is_a_relation_only_after_from():
    assert one("The program dates back to the 1980s.", "the 1980s").relation is None
    r = tag("He served from 2010 to 2018 in office.", DCT)
    assert [t.relation for t in r] == ["from", "to"]


def test_span_ends_do_not_move_the_story_time():
    text = ("The siege began in March 1941 and lasted until February 1945. "
            "In June the first relief column arrived.")
    v = {t.text: t.value for t in tag(text, None, mode="narrative")}
    assert v["June"] == "1941-06"


def test_relations_from_governing_prepositions():
    assert one("Iran has sent drones since at least August 2022.", "August 2022").relation == "since"
    assert one("The ban holds until March 2024.", "March 2024").relation == "until"
    assert one("Troops must leave before 1 July 2023.", "1 July 2023").relation == "before"
    assert one("The plant opened in 2019.", "2019").relation is None


@pytest.mark.parametrize("text", [
    "Officials may decide soon whether to act.",
    "Protesters march through the capital every day.",
    "The New York Sun reported the story.",
    "Russia has used 400 UAVs in the campaign.",
    "Some 2,000 troops crossed the river.",
    "The council passed Resolution 2231 unanimously.",
    "Flight 752 was shot down after take-off.",
    "About 1500 soldiers held the bridge.",
    "Sat next to the minister was the envoy.",
    "The country imports about three-quarters of its grain.",
    "The lease costs $1,200 a month for the depot.",
    "The pilot, in his 30s, was never identified.",
    "She said on ABC's This Week program that talks failed.",
    "The board declared a quarterly dividend of 5 cents.",
])
def test_no_false_dates(text):
    assert [t for t in tag(text, DCT) if t.type in ("DATE", "TIME")] == []


def test_copyright_line_gives_no_date():
    text = "The drones were shipped in May.\n\n© 2024 The Example Times. All rights reserved."
    assert [t.text for t in tag(text, DCT)] == ["May"]
    assert "2024" in [t.text for t in tag(text, DCT, settings=TagSettings(tag_copyright=True))]


def test_intervals_cover_the_whole_unit():
    t = one("The offensive began in the spring of 1943.", "the spring of 1943")
    assert (t.first, t.last, t.precision) == (date(1943, 3, 1), date(1943, 5, 31), "season")
    t = one("It could be ready by early next year.", "early next year")
    assert (t.first, t.last, t.precision) == (date(2024, 1, 1), date(2024, 12, 31), "year")
    t = one("The siege lasted for three years in total.", "three years")
    assert (t.first, t.last) == (None, None)


def test_anchor_field():
    assert one("Exports dropped last month.", "last month").anchor == "dct"
    assert one("Shipments began in August 2022.", "August 2022").anchor == "absolute"
    t = one("Shipments began in May.", "May", dct=None, mode="news")
    assert (t.value, t.anchor) == ("XXXX-05", "none")


def test_a_leading_following_is_a_preposition_not_a_stretch_of_time():
    assert [t.text for t in tag("Following weeks of talks, a deal was signed.", "2023-06-13")] == []
    assert [(t.text, t.value) for t in tag("The following day, they left.", "2023-06-13", mode="news")] == [
        ("The following day", "2023-06-14")]
