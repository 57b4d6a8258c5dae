"""The writer's statements on SQLite run on the driver's cursor (`writer._write`, `writer._read`):
they must store and read exactly what SQLAlchemy would, and fail with SQLAlchemy's error classes."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from handmade import KYIV, ODESA, RUSSIA, UKRAINE, doc, event_in
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from timeline.store import Store
from timeline.store import schema as s
from timeline.store import writer as w


@pytest.fixture
def filled(tmp_path) -> Store:  # noqa: ANN001
    st = Store(tmp_path / "t.db")
    for day in range(1, 12):
        text = f"Russian drones struck Kyiv and Odesa on {day} March 2023, officials said."
        d = doc(text, origin=f"r{day}")
        st.add(d, [event_in(d, text, f"{day} March 2023", date(2023, 3, day), date(2023, 3, day),
                            event_type="Explosions/Remote violence" if day % 2 else "Battles",
                            actors=[RUSSIA, UKRAINE], places=[KYIV, ODESA])])
    yield st
    st.close()


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 11])
def test_reads_equal_sqlalchemy_for_every_in_list_length(filled: Store, n: int) -> None:
    starts = [date(2023, 3, day) for day in range(1, n + 1)]
    types = ["Battles", "Explosions/Remote violence"]
    with filled.engine.connect() as conn:
        by_start = filled._writer._by_start
        expected = [tuple(r) for r in conn.execute(by_start, {"starts": starts, "types": types})]
        assert w._read(conn, by_start, {"starts": starts, "types": types}) == expected
        assert len(expected) == n and isinstance(expected[0][1], date)
        ids = [r[0] for r in expected]
        links = {"ids": ids, "ids2": ids}
        assert w._read(conn, w._LINKS, links) == [tuple(r) for r in conn.execute(w._LINKS, links)]
        assert w._read(conn, w._DOC_EXISTS, {"doc_id": "none"}) == []


def test_writes_store_what_sqlalchemy_stores(filled: Store) -> None:
    row = dict(title=None, url=None, publisher=None, published=date(2023, 3, 1), published_source="given",
               published_evidence=None, published_value="2023-03-01", origin=None, encoding=None,
               external_id=None, text="x", language="en", ingested_at=datetime(2023, 3, 1, 12, 0, 0))
    with filled.engine.begin() as conn:
        conn.execute(insert(s.documents), [{**row, "id": "by-sqlalchemy"}])
        w._write(conn, w._INSERT_DOCUMENT, [{**row, "id": "by-driver"}])
        raw = conn.exec_driver_sql("SELECT id, published, ingested_at FROM documents "
                                   "WHERE id IN ('by-sqlalchemy', 'by-driver') ORDER BY id DESC").all()
    assert raw[0][1:] == raw[1][1:] == ("2023-03-01", "2023-03-01 12:00:00.000000")


def test_a_driver_error_is_sqlalchemys(filled: Store) -> None:
    with filled.engine.connect() as conn:
        existing = conn.execute(select(s.documents.c.id)).scalars().first()
        with pytest.raises(IntegrityError):
            w._write(conn, w._INSERT_EVENT_ACTORS, [{"event_id": 1, "actor_id": 1}] * 2)
        conn.rollback()
        assert w._read(conn, w._DOC_EXISTS, {"doc_id": existing}) == [(existing,)]


def test_new_ids_are_the_ones_sqlite_gives(tmp_path) -> None:  # noqa: ANN001
    """The writer gives new events max(id) + 1, ... itself (one executemany): what SQLite would give,
    also after the newest events were deleted (as `timeline reprocess` does)."""
    texts = [f"Russian drones struck Kyiv on {day} March 2023, officials said." for day in (1, 2, 3, 4)]
    stores = [Store(tmp_path / "a.db"), Store(tmp_path / "b.db")]
    for st in stores:
        for k, text in enumerate(texts[:3]):
            d = doc(text, origin=f"r{k}")
            st.add(d, [event_in(d, text, f"{k + 1} March 2023", date(2023, 3, k + 1), date(2023, 3, k + 1),
                                actors=[RUSSIA], places=[KYIV])])
        with st.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM events WHERE id >= 2")
    d = doc(texts[3], origin="r3")
    ev = event_in(d, texts[3], "4 March 2023", date(2023, 3, 4), date(2023, 3, 4), actors=[RUSSIA], places=[KYIV])
    given = stores[0].add(d, [ev]).event_ids
    with stores[1].engine.begin() as conn:          # SQLite choosing the id itself
        chosen = conn.execute(insert(s.events).returning(s.events.c.id), [w.event_row(ev)]).scalars().all()
    assert given == chosen == [2]
    for st in stores:
        st.close()
