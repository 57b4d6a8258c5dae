"""Filter state <-> URL query string <-> EventFilter."""
from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from timeline.app.state import (
    empty_state,
    parse_partial_date,
    state_from_query,
    state_to_filter,
    state_to_query,
)


def test_round_trip_through_the_query_string() -> None:
    state = empty_state()
    state.update(actors=["Iran", "Russia & allies"], event_types=["Battles"], date_from="2023-01",
                 date_to="2023", search="drone plant", lanes="actor", sources=["Example Wire"])
    query = state_to_query(state)
    assert query.startswith("?") and "actor=Iran" in query and "Russia+%26+allies" in query
    assert state_from_query(query) == state


def test_empty_state_has_an_empty_query_and_unknown_params_are_ignored() -> None:
    assert state_to_query(empty_state()) == ""
    assert state_from_query("?bogus=1&lanes=sideways") == empty_state()


@given(st.lists(st.text(min_size=1, max_size=12).filter(str.strip), max_size=4),
       st.text(max_size=20).filter(lambda s: s == s.strip()))
def test_any_actor_names_and_search_survive_the_url(actors: list[str], search: str) -> None:
    state = empty_state()
    state.update(actors=actors, search=search)
    assert state_from_query(state_to_query(state)) == state


def test_partial_dates_cover_their_whole_period() -> None:
    assert parse_partial_date("2023") == date(2023, 1, 1)
    assert parse_partial_date("2023", end=True) == date(2023, 12, 31)
    assert parse_partial_date("2024-02", end=True) == date(2024, 2, 29)
    assert parse_partial_date("2023-06-09") == date(2023, 6, 9)
    for bad in ("", "June", "2023-13", "2023-02-30", "20230"):
        assert parse_partial_date(bad) is None


def test_filter_is_narrowed_to_the_visible_window() -> None:
    state = empty_state()
    state.update(date_from="2023-01", date_to="2023-12", event_types=["Battles"], search="  ")
    flt = state_to_filter(state, (date(2022, 6, 1), date(2023, 3, 15)))
    assert (flt.date_from, flt.date_to) == (date(2023, 1, 1), date(2023, 3, 15))
    assert flt.event_types == ["Battles"] and flt.search is None
    assert state_to_filter(None).date_from is None


def test_state_from_controls_ignores_empty_values_and_bad_lanes() -> None:
    from timeline.app.state import state_from_controls

    state = state_from_controls({"actors": ["Iran"], "search": "", "date_from": None, "event_types": None,
                                 "lanes": "sideways"})
    expected = empty_state()
    expected["actors"] = ["Iran"]
    assert state == expected
    assert state_from_controls({"lanes": "actor"})["lanes"] == "actor"
