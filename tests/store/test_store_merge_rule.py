"""The merge rule alone: what counts as the same happening reported twice."""
from __future__ import annotations

from datetime import date

from timeline.store.merge import best_match, content_words, is_same_event, make_view, merge_key

KEY = merge_key(date(2023, 6, 9), date(2023, 6, 9), "day", "Strategic developments")


def view(summary: str, names: list[str], key: tuple = KEY, sentence: str = ""):
    return make_view(key, summary, sentence, names)


def test_paraphrase_with_shared_actor_is_the_same_event() -> None:
    a = view("Iran shipped a new batch of attack drones to Russia", ["Iran", "Russia"])
    b = view("Iran shipped another batch of attack drones to Russia", ["Iran"])
    assert is_same_event(b, a)


def test_different_wording_or_no_shared_name_is_not() -> None:
    a = view("Iran shipped a new batch of attack drones to Russia", ["Iran", "Russia"])
    assert not is_same_event(view("Ukraine's army reported fighting near Bakhmut", ["Russia", "Ukraine"]), a)
    assert not is_same_event(view("Iran shipped a new batch of attack drones to Russia", ["Belarus"]), a)
    later = merge_key(date(2023, 6, 10), date(2023, 6, 10), "day", "Strategic developments")
    assert not is_same_event(view("Iran shipped a new batch of attack drones to Russia", ["Iran"], later), a)


def test_unresolved_dates_have_no_merge_key() -> None:
    assert merge_key(None, None, None, "Battles") is None
    assert merge_key(date(2023, 1, 1), None, None, "Battles") is None
    assert merge_key(date(2023, 1, 1), None, "month", "Battles") is not None  # open-ended, known start


def test_dates_and_stop_words_do_not_count_as_shared_wording() -> None:
    assert content_words("On 9 June 2023 the drones were shipped") == {"drone", "shipped"}


def test_best_match_prefers_the_closest_wording() -> None:
    new = view("Iran shipped attack drones to Russia by sea", ["Iran"])
    candidates = [
        (1, view("Iran shipped drones", ["Iran"])),
        (2, view("Iran shipped attack drones to Russia across the Caspian sea", ["Iran"])),
        (3, view("Protesters gathered in Tehran", ["Iran"])),
    ]
    assert best_match(new, candidates) == 2
    assert best_match(view("Protesters gathered", ["Belarus"]), candidates) is None


STRIKE = merge_key(date(2022, 10, 17), date(2022, 10, 17), "day", "Explosions/Remote violence")


def test_strike_on_the_same_day_and_city_is_one_event_whatever_the_wording() -> None:
    """ACLED's unit for violent events: type + day + location, so two reporters' words still merge."""
    a = make_view(STRIKE, "Kamikaze drones slammed into a block of flats in the capital at dawn",
                  "", ["Kyiv"], ["Kyiv"])
    b = make_view(STRIKE, "Residents woke to explosions as attack drones hit central Kyiv",
                  "", ["Kyiv", "Ukraine"], ["Kyiv"])
    assert is_same_event(b, a)


def test_site_day_rule_needs_a_shared_place_below_country_day_precision_and_a_violent_type() -> None:
    a = make_view(STRIKE, "Drones hit the capital", "", ["Ukraine"], [])
    b = make_view(STRIKE, "Missiles struck power plants in the west", "", ["Ukraine"], [])
    assert not is_same_event(b, a)                 # a shared country alone is not a location
    kharkiv = make_view(STRIKE, "Missiles struck power plants", "", ["Kharkiv"], ["Kharkiv"])
    kyiv = make_view(STRIKE, "Drones hit the capital", "", ["Kyiv"], ["Kyiv"])
    assert not is_same_event(kharkiv, kyiv)        # different cities
    month = merge_key(date(2022, 10, 1), date(2022, 10, 31), "month", "Explosions/Remote violence")
    assert not is_same_event(make_view(month, "Strikes on the grid", "", ["Kyiv"], ["Kyiv"]),
                             make_view(month, "Shelling of suburbs", "", ["Kyiv"], ["Kyiv"]))
    talks = merge_key(date(2022, 10, 17), date(2022, 10, 17), "day", "Strategic developments")
    assert not is_same_event(make_view(talks, "Ministers discussed sanctions", "", ["Kyiv"], ["Kyiv"]),
                             make_view(talks, "The mayor opened shelters", "", ["Kyiv"], ["Kyiv"]))
