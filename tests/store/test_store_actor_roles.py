"""events.actor1 / actor2 (migration 5): stored, read back, and added to databases made before them."""
from __future__ import annotations

from handmade import REPORT_A, events_a
from sqlalchemy import create_engine, inspect, text

from timeline.store import Store
from timeline.store.migrations import migrate


def test_actor_roles_round_trip(store: Store) -> None:
    evs = events_a()
    evs[0].actor1, evs[0].actor2 = "Military Forces of Russia", "Civilians (Ukraine)"
    store.add(REPORT_A, evs)
    rows = {r["summary"]: r for r in store.events()}
    first = rows[evs[0].summary]
    assert (first["actor1"], first["actor2"]) == ("Military Forces of Russia", "Civilians (Ukraine)")
    assert all(r["actor1"] is None for s, r in rows.items() if s != evs[0].summary)
    assert store.event(first["id"])["actor1"] == "Military Forces of Russia"


def test_a_database_without_the_columns_gets_them(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        migrate(conn, target=3)
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN actor1")   # as versions before 5 made it
        conn.exec_driver_sql("ALTER TABLE events DROP COLUMN actor2")
    with engine.connect() as conn:
        assert "actor1" not in {c["name"] for c in inspect(conn).get_columns("events")}
    engine.dispose()
    with Store(db_url) as st:
        assert 5 in st.migrations_applied
        st.add(REPORT_A, events_a())
        assert all(r["actor1"] is None and r["actor2"] is None for r in st.events())
        with st.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM events WHERE actor1 IS NULL")).scalar_one() == 3
