"""Versioned schema migrations, applied in order when a store is opened.

`schema_version` holds one row per applied migration. A fresh database runs every
migration; an older one runs only the missing ones, in one transaction, so a failed
upgrade leaves the database at its previous version.

Rule for new migrations: append to `MIGRATIONS`, never edit an applied one; a
migration creates the tables it introduces and ALTERs tables made by earlier ones.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Connection, MetaData, String, bindparam, cast, func, inspect, insert, select, text, update

from timeline.store import schema as s
from timeline.store.search import FTS_TABLE, FTS_TOKENIZE, PG_CONFIG, search_body

Migration = tuple[int, str, Callable[[Connection], None]]

_V1_TABLES = [
    s.schema_version, s.documents, s.events, s.event_mentions,
    s.actors, s.event_actors, s.places, s.event_places,
]


def _v1_core_tables(conn: Connection) -> None:
    s.metadata.create_all(conn, tables=_V1_TABLES)


def _v2_full_text_search(conn: Connection) -> None:
    """Add `event_search` with its full-text index, and fill it for events already stored."""
    s.metadata.create_all(conn, tables=[s.event_search])
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(body, content='event_search', "
            f"content_rowid='event_id', tokenize='{FTS_TOKENIZE}')"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER event_search_ai AFTER INSERT ON event_search BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.event_id, new.body); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER event_search_ad AFTER DELETE ON event_search BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, body) VALUES ('delete', old.event_id, old.body); END"
        )
        conn.exec_driver_sql(
            f"CREATE TRIGGER event_search_au AFTER UPDATE ON event_search BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, body) VALUES ('delete', old.event_id, old.body); "
            f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.event_id, new.body); END"
        )
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            f"CREATE INDEX ix_event_search_tsv ON event_search "
            f"USING GIN (to_tsvector('{PG_CONFIG}'::regconfig, body))"
        )
    _backfill_search(conn)


def _backfill_search(conn: Connection) -> None:
    sentences: dict[int, list[str]] = {}
    for eid, sentence in conn.execute(
        select(s.event_mentions.c.event_id, s.event_mentions.c.sentence).order_by(s.event_mentions.c.id)
    ):
        sentences.setdefault(eid, []).append(sentence)
    names: dict[int, list[str]] = {}
    for eid, name in conn.execute(
        select(s.event_actors.c.event_id, s.actors.c.name).join(s.actors)
    ).all() + conn.execute(select(s.event_places.c.event_id, s.places.c.name).join(s.places)).all():
        names.setdefault(eid, []).append(name)
    rows = [
        {"event_id": eid, "body": search_body(summary, [sentence, *sentences.get(eid, [])], names.get(eid, []))}
        for eid, summary, sentence in conn.execute(select(s.events.c.id, s.events.c.summary, s.events.c.sentence))
    ]
    if rows:
        conn.execute(insert(s.event_search), rows)


def _v3_published_value(conn: Connection) -> None:
    """documents.published_value: the publication date at the precision known (a year can be all there is)."""
    if "published_value" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN published_value VARCHAR(10)")
    d = s.documents.c
    conn.execute(update(s.documents).where(d.published.is_not(None), d.published_value.is_(None))
                 .values(published_value=cast(d.published, String)))


def _v4_document_language(conn: Connection) -> None:
    """documents.language: the detected language, so non-English documents are flagged, not misread.

    Documents stored before stay NULL ("undetermined"): detecting them again would read every text."""
    if "language" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN language VARCHAR(16)")


def _v5_actor_roles(conn: Connection) -> None:
    """events.actor1 / events.actor2: who acted and who was acted on, in ACLED's naming (NULL for older events)."""
    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for column in ("actor1", "actor2"):
        if column not in have:
            conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {column} VARCHAR(200)")


def _v6_place_admin1(conn: Connection) -> None:
    """places.admin1: the first-level division (oblast, province) a place lies in, where known."""
    if "admin1" not in {c["name"] for c in inspect(conn).get_columns("places")}:
        conn.exec_driver_sql("ALTER TABLE places ADD COLUMN admin1 VARCHAR(100)")


def _v7_corrections(conn: Connection) -> None:
    """`corrections` (the analyst's changes, with their anchors) and `hidden_events` ("not an event")."""
    s.metadata.create_all(conn, tables=[s.corrections, s.hidden_events])


def _v8_place_points(conn: Connection) -> None:
    """places keyed by name, country and point (`schema.place_point_key`): two villages of one name in one
    country get a row each, and each event keeps its own point.

    Rows stored before keep their ids (so every link stays) and get their key from their own point.
    On PostgreSQL the old key is dropped and the new one added in place. SQLite cannot drop a UNIQUE
    constraint, so the table is rebuilt (its documented procedure: new table, copy, drop, rename), which
    needs foreign keys off (else dropping the old table would delete every event's place links):
    `Store` turns them off around a migration and checks every link (`foreign_key_check`) before it
    commits."""
    if "point_key" not in {c["name"] for c in inspect(conn).get_columns("places")}:
        if conn.dialect.name == "sqlite":
            if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
                raise RuntimeError("migration 8 rebuilds the places table: run it with foreign keys off "
                                   "(Store does; PRAGMA foreign_keys=OFF before the transaction)")
            new = s.places.to_metadata(MetaData(), name="places_v8")
            new.create(conn)
            columns = ", ".join(c.name for c in s.places.c if c.name != "point_key")
            conn.exec_driver_sql(f"INSERT INTO places_v8 ({columns}) SELECT {columns} FROM places")
            conn.exec_driver_sql("DROP TABLE places")
            conn.exec_driver_sql("ALTER TABLE places_v8 RENAME TO places")
        else:
            conn.exec_driver_sql("ALTER TABLE places ADD COLUMN point_key VARCHAR(40) NOT NULL DEFAULT ''")
            conn.exec_driver_sql("ALTER TABLE places DROP CONSTRAINT IF EXISTS uq_places_name_country")
            conn.exec_driver_sql("ALTER TABLE places ADD CONSTRAINT uq_places_name_country_point "
                                 "UNIQUE (name, country, point_key)")
    p = s.places.c
    keys = [{"pid": pid, "k": s.place_point_key(lat, lon, gid)} for pid, lat, lon, gid in
            conn.execute(select(p.id, p.lat, p.lon, p.geonameid).where(p.point_key == ""))]
    keys = [k for k in keys if k["k"]]
    if keys:
        conn.execute(update(s.places).where(p.id == bindparam("pid")).values(point_key=bindparam("k")), keys)


#: Migrations that need SQLite's foreign keys off (a table rebuild); `Store` checks the links before committing.
REBUILDS = frozenset({8})

#: (version, description, function), in order.
MIGRATIONS: list[Migration] = [
    (1, "documents, events, mentions, actors, places", _v1_core_tables),
    (2, "full-text search over summary, sentences, actor and place names", _v2_full_text_search),
    (3, "documents.published_value: publication date at its known precision", _v3_published_value),
    (4, "documents.language: language detected at ingest", _v4_document_language),
    (5, "events.actor1/actor2: who acted and who was acted on (ACLED naming)", _v5_actor_roles),
    (6, "places.admin1: the first-level division of a place", _v6_place_admin1),
    (7, "corrections and hidden events: the analyst's review", _v7_corrections),
    (8, "places keyed by name, country and point: namesakes in one country apart", _v8_place_points),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(select(func.coalesce(func.max(s.schema_version.c.version), 0))).scalar_one()


def migrate(conn: Connection, target: int = LATEST) -> list[int]:
    """Apply the migrations above the database's version up to `target`; returns the versions applied."""
    if conn.dialect.name == "postgresql":
        # Two processes opening a fresh database at once must not both create the tables.
        conn.execute(text("SELECT pg_advisory_xact_lock(734211)"))
    version = current_version(conn)
    if version > LATEST:
        raise RuntimeError(
            f"database schema version {version} is newer than this program supports ({LATEST}); upgrade conflict-timeline"
        )
    applied = []
    for number, description, apply in MIGRATIONS:
        if version < number <= target:
            apply(conn)
            conn.execute(
                insert(s.schema_version).values(
                    version=number, description=description,
                    applied_at=datetime.now(timezone.utc).replace(tzinfo=None),
                )
            )
            applied.append(number)
    return applied
