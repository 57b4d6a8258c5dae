"""timeline.review: every way an analyst may type a correction, and every refusal with its message."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.review import (
    FIELDS,
    ReviewError,
    custom_place,
    format_dates,
    parse,
    parse_dates,
    parse_fatalities,
    parse_places,
    parse_type,
)


@pytest.mark.parametrize("typed, start, end, precision, approximate", [
    ("2023-06-09", "2023-06-09", "2023-06-09", "day", False),
    ("2023-06", "2023-06-01", "2023-06-30", "month", False),
    ("2024-02", "2024-02-01", "2024-02-29", "month", False),
    ("2023", "2023-01-01", "2023-12-31", "year", False),
    ("~2023-06", "2023-06-01", "2023-06-30", "month", True),
    ("2023-06-09..2023-06-12", "2023-06-09", "2023-06-12", "day", False),
    ("2023-06..2023-07-04", "2023-06-01", "2023-07-04", "month", False),
    ("2022-08..", "2022-08-01", None, "month", False),       # "since August 2022": open end
    ("..2023-05", None, "2023-05-31", "month", False),       # "until May 2023": open start
    (" 2023-6-9 ", "2023-06-09", "2023-06-09", "day", False),
])
def test_dates_as_typed(typed, start, end, precision, approximate) -> None:
    assert parse_dates(typed) == {"date_start": start, "date_end": end, "precision": precision,
                                  "approximate": approximate}


@pytest.mark.parametrize("typed, message", [
    ("notadate", "'notadate' is not a date"),
    ("", "no date given"),
    ("2023-13", "is not a date"),
    ("2023-02-30", "is not a date"),
    ("2023-06-12..2023-06-01", "the end 2023-06-01 is before the start 2023-06-12"),
    ("..", "a span needs at least one end"),
    ("0000", "the year must be 1 or later"),
])
def test_dates_refused_with_a_reason(typed, message) -> None:
    with pytest.raises(ReviewError, match=message):
        parse_dates(typed)


@given(st.dates(), st.dates(), st.sampled_from(["day", "month", "year"]), st.booleans())
def test_dates_written_back_read_the_same(a, b, precision, approximate) -> None:
    lo, hi = sorted((a, b))
    cut = {"day": 10, "month": 7, "year": 4}[precision]
    typed = ("~" if approximate else "") + f"{lo.isoformat()[:cut]}..{hi.isoformat()[:cut]}"
    value = parse_dates(typed)
    assert parse_dates(format_dates(value)) == value


@pytest.mark.parametrize("typed, expected", [
    ("Battles/Armed clash", ("Battles", "Armed clash")),
    ("battles / armed clash", ("Battles", "Armed clash")),
    ("Explosions/Remote violence/Air/drone strike", ("Explosions/Remote violence", "Air/drone strike")),
    ("explosions/remote violence", ("Explosions/Remote violence", None)),
    ("Other", ("Other", None)),
    ("Strategic developments/other", ("Strategic developments", "Other")),
])
def test_types_by_acled_names(typed, expected) -> None:
    if expected is None:
        with pytest.raises(ReviewError):
            parse_type(typed)
        return
    assert parse_type(typed) == {"event_type": expected[0], "sub_type": expected[1]}


@pytest.mark.parametrize("typed, message", [
    ("Battles/Peaceful protest", "'Peaceful protest' is not a sub-type of Battles"),
    ("War", "'War' is not an event type"),
    ("Other/Anything", "is not a sub-type of Other"),
])
def test_unknown_types_refused(typed, message) -> None:
    with pytest.raises(ReviewError, match=message):
        parse_type(typed)


def test_fatalities() -> None:
    assert parse_fatalities("12") == 12 and parse_fatalities("") is None and parse_fatalities(0) == 0
    for bad, message in (("-1", "cannot be negative"), ("several", "whole number")):
        with pytest.raises(ReviewError, match=message):
            parse_fatalities(bad)


def test_places_from_the_gazetteer_or_a_custom_point() -> None:
    def lookup(name, country):
        return {"name": "Kherson", "country": "UA", "lat": 46.6, "lon": 32.6, "precision": "city",
                "geonameid": 706448, "admin1": "Kherson"} if name == "Kherson" else None

    places = parse_places("Kherson; Farm 7@46.61,32.7", lookup)
    assert [p["name"] for p in places] == ["Kherson", "Farm 7"]
    assert places[1]["lat"] == 46.61 and places[1]["geonameid"] is None
    with pytest.raises(ReviewError, match="not in the gazetteer; give a point as name@latitude,longitude"):
        parse_places("Nowhereville", lookup)
    with pytest.raises(ReviewError, match="not a point on Earth"):
        custom_place("Pole", 95, 0)


def test_only_known_fields() -> None:
    with pytest.raises(ReviewError, match="cannot be corrected"):
        parse("confidence", "1")
    assert parse("hidden", "yes") is True and parse("hidden", "no") is False
    assert parse("actors", "Iran; Russia; Iran") == ["Iran", "Russia"]
    assert set(FIELDS) >= {"dates", "type", "actor1", "actor2", "actors", "places", "summary", "fatalities"}


@given(st.text(max_size=60))
def test_any_typed_text_is_a_value_or_a_review_error(text) -> None:
    for field in FIELDS:
        if field == "places":
            continue
        try:
            parse(field, text)
        except ReviewError as exc:
            assert str(exc)
