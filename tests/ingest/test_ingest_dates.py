"""Metadata dates: ISO and RFC 2822 read directly, dates written for people through dateparser,
and nothing guessed: impossible or ambiguous dates are errors with the reason."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.ingest.dates import parse_iso_date


@pytest.mark.parametrize("raw", [
    "2023-06-13", "2023-06-13T08:30:00+03:00", "Tue, 13 Jun 2023 10:00:00 GMT",
    "June 13, 2023", "13 June 2023", "Tuesday, 13 June 2023 10:00", "13 juin 2023",
    "13.06.2023", "13/06/2023",
])
def test_written_and_machine_dates_give_the_day(raw: str) -> None:
    assert parse_iso_date(raw) == date(2023, 6, 13)


@pytest.mark.parametrize("raw, reason", [
    ("06/07/2023", "ambiguous"),          # 6 July or June 7: refused, not guessed
    ("February 30, 2023", "impossible"),
    ("2023-02-30", "impossible"),
    ("2023", "year-only"),
    ("next Tuesday", "unreadable"),
])
def test_impossible_ambiguous_or_relative_dates_are_errors(raw: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_iso_date(raw)


def test_same_day_and_month_is_not_ambiguous() -> None:
    assert parse_iso_date("05/05/2023") == date(2023, 5, 5)
