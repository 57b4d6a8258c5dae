"""Places of one name in one country at different points are different rows (issue 9), both backends.

Ukraine has dozens of villages called Novoselivka. Keyed by name and country, the second one a
report named shared the first one's row, so its events were drawn at the first one's point. The
key is name, country and point (`schema.place_point_key`: the GeoNames id, else the point to
0.01 degree); migration 8 upgrades a store written with the old key in place.
"""
from __future__ import annotations

import sqlite3
from datetime import date

from handmade import RUSSIA, doc, event_in
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, UniqueConstraint, create_engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateTable

from timeline.model import EventFilter, Place
from timeline.store import Store, schema

# two villages of the same name in two oblasts (approximate points)
NORTH = Place("Novoselivka", "UA", 51.42, 31.33, "village", admin1="Chernihiv Oblast")
EAST = Place("Novoselivka", "UA", 49.93, 36.94, "village", admin1="Kharkiv Oblast")
NORTH_AGAIN = Place("Novoselivka", "UA", 51.4249, 31.3311, "village", admin1="Chernihiv Oblast")


def _report(n: int, place: Place, day: int):  # noqa: ANN202
    text = f"Report {n}: Russian shelling hit Novoselivka on {day} May 2023, the regional governor said."
    d = doc(text, origin=f"r{n}")
    return d, [event_in(d, text, f"{day} May 2023", date(2023, 5, day), date(2023, 5, day),
                        event_type="Explosions/Remote violence", actors=[RUSSIA], places=[place])]


def _points(st: Store) -> dict[int, tuple[float, float]]:
    return {e["id"]: (p["lat"], p["lon"]) for e in st.events() for p in e["places"]}


def test_namesakes_in_one_country_keep_their_own_points(store: Store) -> None:
    for n, place, day in ((1, NORTH, 3), (2, EAST, 4), (3, NORTH_AGAIN, 5)):
        store.add(*_report(n, place, day))
    assert store.stats()["places"] == 2       # the third report names the first village again (same point)
    assert sorted(_points(store).values()) == [(49.93, 36.94), (51.42, 31.33), (51.42, 31.33)]
    counts = {(p["lat"], p["lon"]): p["count"] for p in store.place_counts()}
    assert counts == {(51.42, 31.33): 2, (49.93, 36.94): 1}
    assert store.facets()["places"] == [("Novoselivka", 3)]    # one name in the facet list
    assert store.count(EventFilter(places=["Novoselivka"])) == 3


def test_an_analysts_place_is_its_own_row_when_its_point_differs(store: Store) -> None:
    store.add(*_report(1, NORTH, 3))
    (ev,) = store.events()
    store.correct(ev["id"], "places", [{"name": "Novoselivka", "country": "UA", "lat": 49.93, "lon": 36.94,
                                        "precision": "village"}])
    assert [(p["lat"], p["lon"]) for p in store.event(ev["id"])["places"]] == [(49.93, 36.94)]
    assert store.stats()["places"] == 2


def _v7_places() -> Table:
    """`places` as version 7 of the program declared it: unique by name and country, no point key."""
    return Table("places", MetaData(),
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("name", String(300), nullable=False),
                 Column("country", String(2), nullable=False, server_default=""),
                 Column("lat", Float), Column("lon", Float),
                 Column("precision", String(20), nullable=False),
                 Column("geonameid", Integer), Column("admin1", String(100)),
                 UniqueConstraint("name", "country", name="uq_places_name_country"))


def _downgrade_places_to_v7(db_url: str) -> None:
    """Put the store's `places` back into its version-7 shape, rows, ids and links kept."""
    engine = create_engine(db_url)
    if engine.dialect.name == "sqlite":
        ddl = str(CreateTable(_v7_places()).compile(dialect=engine.dialect))
        cols = "id, name, country, lat, lon, precision, geonameid, admin1"
        conn = sqlite3.connect(make_url(db_url).database, isolation_level=None)
        conn.execute("PRAGMA foreign_keys=OFF")   # what SQLite needs to rebuild a table that links point to
        conn.execute("BEGIN")
        conn.execute(ddl.replace("CREATE TABLE places (", "CREATE TABLE places_v7 (", 1))
        conn.execute(f"INSERT INTO places_v7 ({cols}) SELECT {cols} FROM places")
        conn.execute("DROP TABLE places")
        conn.execute("ALTER TABLE places_v7 RENAME TO places")
        conn.execute("DELETE FROM schema_version WHERE version >= 8")
        conn.execute("COMMIT")
        conn.close()
    else:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("ALTER TABLE places DROP CONSTRAINT uq_places_name_country_point")
            conn.exec_driver_sql("ALTER TABLE places DROP COLUMN point_key")
            conn.exec_driver_sql("ALTER TABLE places ADD CONSTRAINT uq_places_name_country UNIQUE (name, country)")
            conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version >= 8))
    engine.dispose()


def test_a_version_7_store_is_upgraded_and_a_namesake_gets_its_own_row(db_url: str) -> None:
    with Store(db_url) as st:
        st.add(*_report(1, NORTH, 3))
        before = st.events()
    _downgrade_places_to_v7(db_url)
    with Store(db_url) as st:
        assert st.migrations_applied == [8]
        assert st.events() == before                     # every stored place and link kept, ids too
        with st.engine.connect() as conn:
            assert conn.execute(select(schema.places.c.point_key)).scalars().all() == ["51.42,31.33"]
            assert [u["column_names"] for u in inspect(conn).get_unique_constraints("places")] == \
                [["name", "country", "point_key"]]
            if conn.dialect.name == "sqlite":   # the migration turned them off for its rebuild, and on again
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        st.add(*_report(2, EAST, 4))                     # under the old key this reused the first row
        st.add(*_report(3, NORTH_AGAIN, 5))              # the first village again: its stored row
        assert st.stats()["places"] == 2
        assert sorted(_points(st).values()) == [(49.93, 36.94), (51.42, 31.33), (51.42, 31.33)]
    with Store(db_url) as again:
        assert again.migrations_applied == []
