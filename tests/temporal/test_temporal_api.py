"""The public contract: argument checks, invariants of the output, modes, the value table."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import TagResult, TagSettings, analyse, parse_dct, tag
from timeline.temporal.scan import scan
from timeline.temporal.values import interval

NEWS = ("Iran said on Friday it had sent 400 drones since August 2022. The envoy will return "
        "next week, and talks resume on 3 July. Two days later the panel reports, officials said "
        "yesterday. Exports grew in the third quarter of 2022 and again this spring.")
HISTORY = ("The war began on 1 September 1939. In November 1939 the first front opened. By early "
           "October the western campaign was over. The following year brought defeat in June. "
           "In 1941 the eastern front opened; two days later the first city fell. In 1942 and 1943 "
           "the tide turned, and by 1945 the war was over.")


def test_invariants_sorted_non_overlapping_offsets():
    for text in (NEWS, HISTORY):
        ts = tag(text, "2023-06-13")
        assert ts, text
        for a, b in zip(ts, ts[1:]):
            assert a.end <= b.start
        for t in ts:
            assert text[t.start:t.end] == t.text
            assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_dct_forms_are_equivalent():
    a = tag(NEWS, "2023-06-13")
    b = tag(NEWS, date(2023, 6, 13))
    assert [t.to_dict() for t in a] == [t.to_dict() for t in b]


@pytest.mark.parametrize("bad,exc,msg", [
    ("13/06/2023", ValueError, "not an ISO date"),
    (20230613, TypeError, "must be a date"),
])
def test_bad_dct_is_a_clear_error(bad, exc, msg):
    with pytest.raises(exc, match=msg):
        tag("on Friday", bad)


def test_bad_mode_and_text():
    with pytest.raises(ValueError, match="mode must be one of"):
        tag("on Friday", "2023-06-13", mode="fast")
    with pytest.raises(TypeError, match="text must be str"):
        tag(b"on Friday", "2023-06-13")


def test_settings_are_frozen():
    s = TagSettings()
    with pytest.raises(Exception):
        s.day_first = True  # type: ignore[misc]


def test_auto_mode_news_vs_narrative():
    assert analyse(NEWS, "2023-06-13").mode == "news"
    r = analyse(HISTORY, "2023-06-13")
    assert isinstance(r, TagResult) and r.mode == "narrative"
    assert analyse(HISTORY, None).mode == "narrative"


def test_narrative_anchors_to_the_story_time():
    r = analyse(HISTORY, "2023-06-13", mode="auto")
    v = {t.text: t.value for t in r.timexes}
    assert v["early\nOctober" if "early\nOctober" in v else "early October"] == "1939-10"
    assert v["The following year"] == "1940"
    assert v["June"] == "1940-06"
    # a day offset from a year-only reference time cannot be resolved: no invented day
    later = [t for t in r.timexes if t.text == "two days later"][0]
    assert (later.value, later.anchor, later.first) == ("XXXX-XX-XX", "none", None)
    narrative = [t for t in r.timexes if t.text == "The following year"][0]
    assert narrative.anchor == "narrative"


def test_news_mode_anchors_to_the_dct():
    v = {t.text: t for t in tag(NEWS, "2023-06-13", mode="news")}
    assert v["Friday"].value == "2023-06-09"
    assert v["next week"].value == "2023-W25"
    assert v["3 July"].value == "2023-07-03"
    assert v["Two days later"].value == "2023-07-05"  # anaphoric: after 3 July
    assert v["yesterday"].value == "2023-06-12"
    assert v["this spring"].value == "2023-SP"
    assert v["August 2022"].relation == "since"


def test_no_dct_leaves_deictic_values_unresolved_in_news_mode():
    v = {t.text: t for t in tag("They met on Friday and again in May.", None, mode="news")}
    assert v["Friday"].value == "XXXX-WXX-5" and v["Friday"].anchor == "none"
    assert v["May"].value == "XXXX-05" and v["May"].first is None


@pytest.mark.parametrize("value,first,last,precision", [
    ("2023-06-09", date(2023, 6, 9), date(2023, 6, 9), "day"),
    ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "month"),
    ("2023-W23", date(2023, 6, 5), date(2023, 6, 11), "week"),
    ("2023-Q2", date(2023, 4, 1), date(2023, 6, 30), "quarter"),
    ("2023-H2", date(2023, 7, 1), date(2023, 12, 31), "half"),
    ("2023-WI", date(2023, 12, 1), date(2024, 2, 29), "season"),  # named by the year it begins in
    ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
    ("199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
    ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
    ("2023-06-09T04:00", date(2023, 6, 9), date(2023, 6, 9), "day"),
    ("P3M", None, None, None),
    ("PRESENT_REF", None, None, None),
    ("XXXX-05", None, None, None),
    ("BC0480", None, None, None),
])
def test_value_intervals(value, first, last, precision):
    assert interval(value) == (first, last, precision)


def test_parse_dct():
    assert parse_dct("2023-06-13T10:00:00") == date(2023, 6, 13)
    assert parse_dct(None) is None


def test_prefilter_never_changes_the_scan():
    text = NEWS + " " + HISTORY + " at least 30 days, so far, a matter of weeks, the year 2000."
    fast = [(c.start, c.end, c.rule) for c in scan(text)]
    slow = [(c.start, c.end, c.rule) for c in scan(text, prefilter=False)]
    assert fast == slow
