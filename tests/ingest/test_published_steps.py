"""The publication date: given -> metadata -> dateline -> inferred -> unknown, and never a copyright year."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import read_path, read_text
from timeline.model import Document
from timeline.published import PublishedInfo, find_dateline, find_published, infer_year, resolve_published

BODY = "Drones struck a fuel depot on Friday, the governor said, and a fire burned until the evening."


def doc_of(path: Path) -> Document:
    (doc,) = list(read_path(path))
    assert isinstance(doc, Document), doc
    return doc


# --- precedence -----------------------------------------------------------------------------------------

def test_given_beats_everything(fixtures: Path) -> None:
    doc = doc_of(fixtures / "page.html")  # has metadata 2022-10-17
    out = resolve_published(doc, given=date(2022, 10, 18))
    assert (out.published, out.published_source) == (date(2022, 10, 18), "given")
    assert doc.published == date(2022, 10, 17), "the input document is not modified"


def test_metadata_beats_dateline(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("---\ndate: 2023-06-07\n---\nPublished: June 9, 2023\n\n" + BODY)
    out = resolve_published(doc_of(p))
    assert (out.published, out.published_source) == (date(2023, 6, 7), "metadata")


def test_dateline_beats_inference() -> None:
    text = ("Published June 9, 2023\n\nThe alarm was raised in October of last year, when shipments that had "
            "run since August 2022 became public. " + BODY)
    info = find_published(read_text(text))
    assert info == PublishedInfo(date(2023, 6, 9), "dateline", info.evidence, "day")
    assert "Published June 9, 2023" in info.evidence


def test_nothing_found_is_unknown() -> None:
    out = resolve_published(read_text(BODY))
    assert (out.published, out.published_source) == (None, "unknown")
    assert out.published_evidence


# --- dateline -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("head, expected", [
    ("Published: June 9, 2023", date(2023, 6, 9)),
    ("First published on 9 June 2023", date(2023, 6, 9)),
    ("Posted Sept. 5, 2023", date(2023, 9, 5)),
    ("Updated June 10, 2023 4:05 PM ET\nPublished June 9, 2023 11:00 AM ET", date(2023, 6, 9)),
    ("Updated June 10, 2023", date(2023, 6, 10)),
    ("Published 2023-06-09T08:00:00Z", date(2023, 6, 9)),
    ("WASHINGTON, Oct. 17, 2022 (Example Press) — " + BODY, date(2022, 10, 17)),
    ("By A. Reporter | Tuesday, June 13, 2023", date(2023, 6, 13)),
    ("June 13, 2023", date(2023, 6, 13)),
    ("13 June 2023 14:02", date(2023, 6, 13)),
])
def test_dateline_forms(head: str, expected: date) -> None:
    info = find_published(read_text("Headline about drones\n\n" + head + "\n\n" + BODY))
    assert (info.date, info.source, info.precision) == (expected, "dateline", "day")


def test_impossible_dateline_is_ignored() -> None:
    assert find_dateline("Published: June 31, 2023\n\n" + BODY) is None


def test_a_date_deep_in_the_body_is_not_a_dateline() -> None:
    text = BODY + "\n\n" + ("Officials gave no further details about the attack. " * 40) + "\n\nJune 13, 2023\n"
    assert find_dateline(text) is None


def test_wire_dateline_without_year_takes_an_inferred_year(fixtures: Path) -> None:
    info = find_published(doc_of(fixtures / "wire_dateline.txt"))
    assert (info.date, info.source, info.precision) == (date(2023, 6, 12), "inferred", "day")
    assert "KYIV, June 12" in info.evidence and "2023" in info.evidence


def test_wire_dateline_without_any_year_is_unknown() -> None:
    info = find_published(read_text("KYIV, June 12 (Wire Service) - " + BODY))
    assert (info.date, info.source) == (None, "unknown")
    assert "June 12" in info.evidence and "no year" in info.evidence


# --- copyright lines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("footer", [
    "© 2024 Example Media. All rights reserved.",
    "Copyright 2024 Example Media",
    "(c) 2024 Example Media",
])
def test_copyright_year_is_never_evidence(footer: str) -> None:
    # read_text cuts the footer; find_published must ignore it even when it stays in the text.
    for doc in (read_text(BODY + "\n\n" + footer), Document(text=footer + "\n\n" + BODY + " It happened last year.")):
        info = find_published(doc)
        assert info.date is None and info.source == "unknown", (footer, info)
        assert "2024" not in (info.evidence or "").replace("no relative", "")


def test_copyright_line_beside_last_year_does_not_pin() -> None:
    text = BODY + " Shipments began last year.\n\n© 2024 Example Media. All rights reserved. Last year's archive."
    assert infer_year(text).date is None


# --- inference ------------------------------------------------------------------------------------------

def test_seed_like_text_written_for_the_project(fixtures: Path) -> None:
    """Our own article in the seed's situation: no date given, a 2025 copyright footer, "last year" + "August 2022"."""
    doc = doc_of(fixtures / "factory_report.txt")
    info = find_published(doc)
    assert (info.date, info.source, info.precision) == (date(2023, 1, 1), "inferred", "year")
    assert "invaded Ukraine ... last year" in info.evidence and "24 February 2022" in info.evidence
    out = resolve_published(doc)
    # A year is not a DCT: nothing is anchored to an invented day.
    assert out.published is None and out.published_source == "inferred"
    assert out.published_evidence.startswith("year 2023 only")


def test_same_sentence_is_not_enough_without_apposition() -> None:
    """Contrast, not identity: measured on real news, loose same-sentence pins were wrong every time."""
    for text in ("Exports fell to 14 billion last year, down 2.5 billion from 1996.",
                 "The alarm was raised in October of last year, and shipments had run since at least August 2022.",
                 "Visitors rose from 100,000 in 1980 to 300,000 last year."):
        assert infer_year(text).date is None, text


def test_this_year_pins_the_year() -> None:
    info = infer_year("Earlier this year, in March 2023, the plant opened. " + BODY)
    assert (info.date, info.precision) == (date(2023, 1, 1), "year")


def test_next_year_pins_the_year() -> None:
    info = infer_year("The factory will open next year, in 2024, officials said. " + BODY)
    assert (info.date, info.precision) == (date(2023, 1, 1), "year")


def test_last_month_with_an_explicit_month_gives_month_precision() -> None:
    info = infer_year("Last month, in May 2023, the ministry said shipments had doubled. " + BODY)
    assert (info.date, info.precision, info.source) == (date(2023, 6, 1), "month", "inferred")


@pytest.mark.parametrize("text, year", [
    ("Cooperation has deepened since Russia invaded Ukraine last year.", 2023),
    ("Last year, Russia invaded Ukraine.", 2023),
    ("The town has been occupied since the full-scale invasion began in February of last year.", 2023),
    ("Russia annexed Crimea last year, and sanctions followed.", 2015),
])
def test_known_events_anchor_relative_years(text: str, year: int) -> None:
    info = infer_year(text)
    assert (info.date, info.precision) == (date(year, 1, 1), "year"), info


def test_known_event_far_from_the_relative_phrase_does_not_pin() -> None:
    text = "Since Russia invaded Ukraine, exports have fallen, and prices rose sharply last year."
    assert infer_year(text).date is None


def test_conflicting_cues_are_unknown() -> None:
    text = "Last year, in 2021, talks failed. " + "Last year, in 2022, a deal was struck. " + BODY
    info = infer_year(text)
    assert info.date is None and "conflicting" in info.evidence


def test_pin_before_a_reported_past_date_is_dropped() -> None:
    # "last year" beside 2019 would say 2020, but the text reports March 2022 as past.
    text = "Last year's figure, like 2019's, was low. In March 2022 the war began. " + BODY
    info = infer_year(text)
    assert info.date is None and "2022-03" in info.evidence


def test_unpinned_last_year_gives_only_a_lower_bound() -> None:
    info = infer_year("Talks collapsed last year. Shipments began in August 2022. " + BODY)
    assert info.date is None and info.source == "unknown"
    assert "2022-08" in info.evidence


def test_future_years_are_not_a_lower_bound() -> None:
    info = infer_year("The plant is expected to build 6,000 drones by 2025. It opened in May 2023. " + BODY)
    assert "2023-05" in info.evidence


def test_publication_is_not_in_the_future() -> None:
    info = infer_year("Next year, in 2022, talks will resume.", today=date(2020, 5, 1))
    assert info.date is None


# --- the real seed article ------------------------------------------------------------------------------

def test_seed_article_is_not_2024_and_last_year_is_not_2023(seed_article: Path) -> None:
    doc = doc_of(seed_article)
    assert "2024" not in doc.text, "the copyright footer is cut from the stored text"
    info = find_published(doc)
    assert info.source == "inferred" and info.precision == "year"
    assert info.date == date(2023, 1, 1)          # "last year" = 2022, never 2023
    assert info.date.year != 2024
    out = resolve_published(doc)
    assert out.published is None                 # no invented day for "on Friday" to anchor to
    given = resolve_published(doc, given=date(2023, 6, 13))
    assert (given.published, given.published_source) == (date(2023, 6, 13), "given")


def test_given_accepts_datetime_and_iso_string() -> None:
    from datetime import datetime

    doc = read_text(BODY)
    assert find_published(doc, given=datetime(2023, 6, 13, 23, 30)).date == date(2023, 6, 13)
    assert find_published(doc, given="2023-06-13").date == date(2023, 6, 13)
    with pytest.raises(ValueError, match="impossible"):
        find_published(doc, given="2023-02-30")


def test_a_chronology_heading_is_not_a_dateline() -> None:
    text = ("A timeline of the drone war\n\nHow the deliveries unfolded, step by step.\n\n"
            "Officials and researchers pieced the sequence together over many months.\n\n"
            "The first reports came from the north-east.\n\n"
            "What follows lists the main dates.\n\nSeptember 13, 2022\n\nUkraine reported the first downing.")
    assert find_dateline(text) is None
