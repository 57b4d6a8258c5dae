"""Acceptance: every dated happening of the seed article on its right date, end to end with the real tagger."""
from datetime import date

import pytest

from timeline.events import extract
from timeline.model import Document

PUBLISHED = date(2023, 6, 13)


@pytest.fixture(scope="module")
def seed_events(seed_article):
    try:
        from timeline.temporal import tag  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the tagger timeline.temporal.tag is not available yet ({exc})")
    text = seed_article.read_text(encoding="utf-8")
    doc = Document(text, published=PUBLISHED, published_source="given")
    return text, extract(doc)


def _find(events, word, **fields):
    hits = [e for e in events if word.lower() in e.sentence.lower()
            and all(getattr(e, k) == v for k, v in fields.items())]
    assert hits, f"no event with {word!r} and {fields}: " + "; ".join(
        f"{e.date_value} {e.date_text!r} {e.summary[:50]!r}" for e in events)
    return hits[0]


def test_offsets_trace_every_event_to_its_sentence_and_date(seed_events):
    text, events = seed_events
    assert events
    for e in events:
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        if e.timex_start == e.timex_end:       # dated by context or by the report: no date expression of its own
            assert e.timex_start == e.sentence_start
            continue
        assert e.sentence_start <= e.timex_start < e.timex_end <= e.sentence_end
        assert text[e.timex_start:e.timex_end] in e.date_text
        assert 0.0 <= e.confidence <= 1.0


def test_friday_release_and_monday_happenings(seed_events):
    _, events = seed_events
    nsc = _find(events, "National Security Council", date_start=date(2023, 6, 9), date_end=date(2023, 6, 9))
    assert "National Security Council" in {a.name for a in nsc.actors}
    assert "Alabuga Special Economic Zone" in {p.name for p in nsc.places}
    wsj = _find(events, "Wall Street Journal", date_start=date(2023, 6, 12))
    assert wsj.event_type == "Strategic developments"
    retaken = _find(events, "retaken", date_start=date(2023, 6, 12), date_end=date(2023, 6, 12))
    assert (retaken.event_type, retaken.sub_type) == ("Battles", "Government regains territory")


def test_dam_breach_in_the_week_before(seed_events):
    _, events = seed_events
    dam = _find(events, "Kakhovka", date_start=date(2023, 6, 5), date_end=date(2023, 6, 11))
    assert dam.precision == "week" and "Kakhovka Dam" in {p.name for p in dam.places}


def test_factory_operational_early_next_year(seed_events):
    _, events = seed_events
    factory = _find(events, "operational")
    assert factory.date_value.startswith("2024") and factory.date_end == date(2024, 12, 31)
    assert factory.approximate


def test_past_dates(seed_events):
    _, events = seed_events
    since = _find(events, "August 2022", date_start=date(2022, 8, 1))
    assert since.date_end is None and since.date_relation == "since"
    _find(events, "invaded", date_start=date(2022, 1, 1), date_end=date(2022, 12, 31))
    _find(events, "alarm", date_start=date(2022, 10, 1), date_end=date(2022, 10, 31))
    may = _find(events, "State Department", date_start=date(2023, 5, 1), date_end=date(2023, 5, 31))
    assert may.event_type == "Strategic developments"
    _find(events, "satellite", date_start=date(2023, 4, 1), date_end=date(2023, 4, 30))


def test_shipping_route_is_placed(seed_events):
    _, events = seed_events
    placed = {p.name: p for e in events for p in e.places}
    for name in ("Alabuga Special Economic Zone", "Makhachkala", "Caspian Sea", "Amirabad Port"):
        assert name in placed and placed[name].lat is not None and placed[name].lon is not None, name


def test_no_event_from_the_copyright_footer(seed_events):
    text, events = seed_events
    footer = text.index("©")
    assert all(e.sentence_start < footer for e in events)
    assert not [e for e in events if "©" in e.sentence or "rights reserved" in e.sentence.lower()]


def test_without_a_publication_date_nothing_is_invented(seed_article):
    """The seed read as a user would, with no --published: the text pins only the year (2023)."""
    from timeline.ingest import read_path
    from timeline.published import resolve_published

    (doc,) = list(read_path(seed_article))
    doc = resolve_published(doc)
    assert doc.published is None and doc.published_value == "2023" and doc.published_source == "inferred"
    events = extract(doc)
    starts = {e.date_text: e.date_start for e in events}
    assert not any(e.date_start and e.date_start.year == 2024 and "next year" not in e.date_text for e in events)
    last_year = [e for e in events if "last year" in e.date_text]
    assert last_year and all(e.date_start is not None and e.date_start.year == 2022 for e in last_year)
    # day- and month-relative dates need the day: they stay unresolved, never a guess
    fridays = [e for e in events if "Friday" in e.date_text]
    assert fridays and all(e.date_start is None and e.date_end is None for e in fridays), starts
    assert all("2024" not in (e.summary or "") for e in events)   # the copyright footer made no event
