"""SQLite query plans: the app's hot queries and ingest's merge lookup use indexes, never a full scan.

(PostgreSQL's planner chooses by table statistics, so its plans are checked in
benchmarks rather than asserted here.)
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Select, bindparam, select

from timeline.model import EventFilter
from timeline.store import Store, schema
from timeline.store.filters import conditions


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "plans.db")
    yield st
    st.close()


def plan(st: Store, q: Select, params: dict | None = None) -> str:
    if params:
        q = q.params(**params)
    with st.engine.connect() as conn:
        sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql).all()
    return "\n".join(r[-1] for r in rows)


@pytest.mark.parametrize("flt", [
    EventFilter(date_from=date(2023, 1, 1), date_to=date(2023, 2, 1)),
    EventFilter(actors=["Iran"]),
    EventFilter(places=["Kyiv"]),
    EventFilter(search="drone"),
    EventFilter(event_types=["Battles"]),
], ids=["dates", "actor", "place", "search", "type"])
def test_filters_do_not_scan_events(sqlite_store: Store, flt: EventFilter) -> None:
    e = schema.events.c
    with sqlite_store.engine.connect() as conn:
        q = select(e.id).where(*conditions(flt, conn))
    text = plan(sqlite_store, q)
    assert "SCAN events" not in text, text  # not even a full index scan
    assert "SCAN event_actors" not in text and "SCAN event_places" not in text, text


def test_merge_candidates_seek_the_index(sqlite_store: Store) -> None:
    q = sqlite_store._writer._by_start
    text = plan(sqlite_store, q, {"starts": [date(2023, 6, 9)], "types": ["Battles"]})
    assert "SEARCH events USING INDEX ix_events_merge_key (date_start=? AND event_type=?)" in text, text


def test_counts_by_period_reads_only_its_index(sqlite_store: Store) -> None:
    e = schema.events.c
    q = select(e.period_month, e.event_type, bindparam("x", 1)).group_by(e.period_month, e.event_type)
    text = plan(sqlite_store, q.where(e.period_month.is_not(None)))
    assert "COVERING INDEX ix_events_month" in text, text
