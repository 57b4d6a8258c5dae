"""The column copy of the store (timeline.store.columns) answers as the SQL queries do, on both
backends, and DataVersion changes with every commit and with nothing else."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from handmade import REPORT_A, REPORT_B, events_a, events_b

from timeline.app.figures import data_extent
from timeline.model import Actor, Document, Event, EventFilter, Place
from timeline.store import Store, queries
from timeline.store.columns import PERIOD_COLUMNS, DataVersion, EventColumns

TYPES = ("Battles", "Explosions/Remote violence", "Protests", "Strategic developments", "Other")
ACTORS = [Actor("Iran", "country", "IR"), Actor("Russia", "country", "RU"), Actor("Ukraine", "country", "UA")]
PLACES = [Place("Kyiv", "UA", 50.45, 30.52, "city"), Place("Odesa", "UA", 46.48, 30.73, "city"),
          Place("Nowhere Known", "UA", None, None, "city")]
WORDS = [a + b for a in ("ka", "lo", "mi", "ter", "van", "os", "ri", "dun") for b in ("pe", "sha", "gor", "ul", "zar")]


def _events(doc: Document, rng: random.Random, n: int) -> list[Event]:
    """`n` made-up events of `doc` (whose text is its sentences): days, months, open ends and
    starts, undated ones, several types, actors and places (one place without coordinates)."""
    out, pos = [], 0
    for sentence in doc.text.split("\n"):
        day = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        kind = rng.random()
        start, end, precision = day, day, "day"
        if kind < 0.2:
            start, end, precision = day.replace(day=1), (day.replace(day=28)), "month"
        elif kind < 0.3:
            end = None                      # open end
        elif kind < 0.35:
            start = None                    # open start
        elif kind < 0.4:
            start = end = None              # unresolved
        out.append(Event(
            date_start=start, date_end=end, precision=precision, date_text="then", date_value="XXXX",
            summary=sentence, sentence=sentence, sentence_start=pos, sentence_end=pos + len(sentence),
            timex_start=pos, timex_end=pos + 4, event_type=rng.choice(TYPES),
            actors=rng.sample(ACTORS, rng.randrange(3)), places=rng.sample(PLACES, rng.randrange(3)),
            doc_id=doc.id))
        pos += len(sentence) + 1
    return out[:n]


@pytest.fixture
def many(store: Store) -> Store:
    store.add(REPORT_A, events_a())
    store.add(REPORT_B, events_b())
    rng = random.Random(11)
    for d in range(4):
        text = "\n".join("then " + " ".join(rng.sample(WORDS, 8)) for _ in range(60))
        doc = Document(text=text, title=f"Made-up {d}", publisher=f"Outlet {d % 2}", published=date(2024, 1, 1))
        store.add(doc, _events(doc, rng, 60))
    hidden = [e["id"] for e in store.events(None, limit=3, offset=20)]
    for event_id in hidden:
        store.correct(event_id, "hidden", True, author="test")
    return store


FILTERS = [
    None, EventFilter(), EventFilter(date_from=date(2023, 1, 1)), EventFilter(date_to=date(2022, 6, 30)),
    EventFilter(date_from=date(2023, 5, 1), date_to=date(2023, 6, 15)), EventFilter(event_types=["Battles", "Other"]),
    EventFilter(event_types=["No such type"]), EventFilter(actors=["iran"], date_from=date(2022, 9, 1)),
    EventFilter(places=["Kyiv"]), EventFilter(sources=["Outlet 1"]), EventFilter(search="drones"),
    EventFilter(include_hidden=True), EventFilter(include_hidden=True, date_to=date(2023, 1, 1)),
    EventFilter(date_from=date(2030, 1, 1)),
]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_columns_answer_as_sql(many: Store, flt: EventFilter | None) -> None:
    with many.engine.connect() as conn:
        cols = EventColumns.load(conn)
        keep = cols.mask(conn, flt)
        assert cols.count(keep) == queries.count(conn, flt)
        for period in PERIOD_COLUMNS:
            # the same buckets and counts; within a bucket SQL orders types by the database's collation
            assert sorted(cols.counts_by_period(keep, period)) == sorted(queries.counts_by_period(conn, flt, period))
            assert [c[0] for c in cols.counts_by_period(keep, period)] == \
                [c[0] for c in queries.counts_by_period(conn, flt, period)]
        assert cols.place_counts(keep) == queries.place_counts(conn, flt)   # in place id order on both
        f = flt or EventFilter()
        dated = replace(f, date_from=f.date_from or date(1, 1, 1), date_to=f.date_to or date(9999, 12, 31))
        first = queries.events(conn, dated, limit=1, offset=0, order="date")
        last = queries.events(conn, dated, limit=1, offset=0, order="-date")
        assert cols.extent(keep) == (data_extent(first + last) if first and last else None)


def test_an_empty_store_has_empty_columns(store: Store) -> None:
    with store.engine.connect() as conn:
        cols = EventColumns.load(conn)
        keep = cols.mask(conn, EventFilter(date_from=date(2023, 1, 1)))
    assert len(cols) == 0 and cols.count(keep) == 0 and cols.extent(keep) is None
    assert cols.counts_by_period(keep, "week") == [] and cols.place_counts(keep) == []
    with pytest.raises(ValueError):
        cols.counts_by_period(keep, "fortnight")


def test_data_version_changes_with_every_commit_and_only_then(store: Store, db_url: str) -> None:
    probe = DataVersion(store)
    before = probe.current()
    assert before is not None
    store.count(), store.events(None), store.facets(None)
    assert probe.current() == before                  # reading changes nothing
    store.add(REPORT_A, events_a())
    after_add = probe.current()
    assert after_add != before
    other = Store(db_url)                              # another connection pool, as another process would
    try:
        event_id = other.events(None, limit=1)[0]["id"]
        other.correct(event_id, "hidden", True, author="test")
    finally:
        other.close()
    assert probe.current() != after_add
    probe.close()


def test_an_in_memory_store_has_no_version() -> None:
    with Store("sqlite://") as store:
        assert DataVersion(store).current() is None


def test_a_version_that_cannot_be_read_is_unknown(tmp_path) -> None:
    with Store(f"sqlite:///{tmp_path / 'v.db'}") as store:
        probe = DataVersion(store)
        probe._path = tmp_path / "missing" / "v.db"     # cannot be opened read-only
        assert probe.current() is None and probe.current() is None
