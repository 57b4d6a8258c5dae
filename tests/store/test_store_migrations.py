"""Schema versions: a fresh database gets the declared schema; an old one is migrated in place."""
from __future__ import annotations

from datetime import datetime

import pytest
from handmade import REPORT_A, events_a
from sqlalchemy import create_engine, insert, inspect, select

from timeline.model import EventFilter
from timeline.store import Store, StoreError, schema
from timeline.store.migrations import LATEST, MIGRATIONS, migrate
from timeline.store.writer import event_row


def test_database_before_place_admin1_gains_the_column(db_url: str) -> None:
    """Migration 6 adds places.admin1 to a store written without it; stored places keep their fields."""
    with Store(db_url) as st:
        st.add(REPORT_A, events_a())
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE places DROP COLUMN admin1")
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version >= 6))
    engine.dispose()
    with Store(db_url) as st:
        assert 6 in st.migrations_applied
        places = [p for ev in st.events() for p in ev["places"]]
        assert places and all(p["admin1"] is None and p["precision"] for p in places)


def _write_v1_rows(conn) -> None:  # noqa: ANN001
    """REPORT_A's events as plain rows in the version-1 tables (what the v1 writer stored)."""
    conn.execute(insert(schema.documents).values(
        id=REPORT_A.id, title=REPORT_A.title, publisher=REPORT_A.publisher, published=REPORT_A.published,
        published_source=REPORT_A.published_source, text=REPORT_A.text, ingested_at=datetime(2024, 1, 1)))
    for i, ev in enumerate(events_a(), start=1):
        conn.execute(insert(schema.events).values(id=i, **event_row(ev)))
        conn.execute(insert(schema.event_mentions).values(
            event_id=i, doc_id=REPORT_A.id, sentence=ev.sentence, sentence_start=ev.sentence_start,
            sentence_end=ev.sentence_end, timex_start=ev.timex_start, timex_end=ev.timex_end,
            date_text=ev.date_text, summary=ev.summary, confidence=ev.confidence))
        for j, place in enumerate(ev.places, start=10 * i):
            conn.execute(insert(schema.places).values(id=j, name=place.name, country=place.country,
                                                      precision=place.precision))
            conn.execute(insert(schema.event_places).values(event_id=i, place_id=j))


def test_fresh_database_matches_declared_schema(store: Store) -> None:
    assert store.migrations_applied == [v for v, _, _ in MIGRATIONS]
    insp = inspect(store.engine)
    for table in schema.metadata.sorted_tables:
        assert insp.has_table(table.name), table.name
        assert {c["name"] for c in insp.get_columns(table.name)} == set(table.c.keys()), table.name
    indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("events")}
    assert ("range_lo", "range_hi") in indexed and ("period_month", "event_type") in indexed


def test_version_1_database_is_migrated_and_backfilled(db_url: str) -> None:
    # Build a database as version 1 of the program left it: no search table, data already in.
    engine = create_engine(db_url)
    with engine.begin() as conn:
        assert migrate(conn, target=1) == [1]
        _write_v1_rows(conn)
    with engine.connect() as conn:
        assert not inspect(conn).has_table("event_search")
        assert conn.execute(select(schema.schema_version.c.version)).scalars().all() == [1]
    engine.dispose()

    with Store(db_url) as st:
        assert st.migrations_applied == [number for number, _, _ in MIGRATIONS if number > 1]
        assert st.count() == 3
        # the backfilled search index finds old events by summary, sentence and place name
        assert st.count(EventFilter(search="grain terminal")) == 1
        assert st.count(EventFilter(search="Kyiv officials")) == 1
        assert st.count(EventFilter(search="Alabuga")) == 1
    with Store(db_url) as again:
        assert again.migrations_applied == []


def test_newer_database_is_refused(db_url: str) -> None:
    Store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(insert(schema.schema_version).values(version=LATEST + 1, applied_at=datetime(2030, 1, 1),
                                                          description="from the future"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this program supports"):
        Store(db_url)


def test_unusable_databases_are_clear_errors(tmp_path) -> None:  # noqa: ANN001
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open database .*notes.db"):
        Store(not_db)
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing-dir" / "t.db")
    with pytest.raises(StoreError, match="cannot open database"):
        Store("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    with pytest.raises(StoreError, match="cannot use database URL nosuchdb://"):
        Store("nosuchdb://somewhere/x")


def test_version_2_database_gains_published_value_backfilled(db_url: str) -> None:
    """A store written before documents.published_value existed is upgraded in place, dates kept."""
    with Store(db_url) as st:
        st.add(REPORT_A, events_a())
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN published_value")
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version >= 3))
    engine.dispose()
    with Store(db_url) as st:
        assert 3 in st.migrations_applied
        doc = st.document(REPORT_A.id)
        assert doc["published_value"] == REPORT_A.published.isoformat()
        assert all(src["published_value"] == REPORT_A.published.isoformat()
                   for ev in st.events() for src in ev["sources"])


def test_version_3_database_gains_document_language(db_url: str) -> None:
    """Migration 4 adds documents.language to a store written before it; old documents stay undetermined."""
    with Store(db_url) as st:
        st.add(REPORT_A, events_a())
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN language")
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version >= 4))
    engine.dispose()
    with Store(db_url) as st:
        assert 4 in st.migrations_applied  # (and any later ones this test removed the record of)
        assert st.document(REPORT_A.id)["language"] is None
        events = st.events()
        assert events and all(ev["language_note"] is None for ev in events)  # undetermined is not flagged
    with Store(db_url) as st:
        assert st.migrations_applied == []  # up to date: opened without a migration (and its write lock)
