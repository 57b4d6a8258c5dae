"""`Store`: the one object the pipeline, CLI, app and export talk to.

Opening a store connects, applies pending migrations and configures SQLite for a
reader (the app) and a writer (ingest) at once: WAL journal, foreign keys on, a
busy timeout instead of immediate "database is locked" errors.

Write transactions are kept short, so that two `timeline ingest` runs (or an ingest and
the app's upload box) on one SQLite file share it:

* opening a store that is already at the latest schema version only reads; the write
  transaction (and its lock) is taken only when a migration is pending;
* `add` makes its merge decisions (the slow wording comparisons) in a read transaction,
  then takes the write lock on the same connection; when nothing was written meanwhile
  (`writer.store_version` unchanged) the transaction only writes, else it fetches the
  candidates again and reuses every decision whose candidates did not change (see `Writer.add`);
* a writer that still finds the lock taken after the busy timeout says so (`on_busy`, on
  stderr by default) and tries again, `lock_retries` times, before failing that document
  by name. Nothing is lost silently.
"""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from timeline.model import Document, Event, EventFilter
from timeline.store import queries, schema
from timeline.store.migrations import LATEST, current_version, migrate
from timeline.store.writer import AddResult, StoreError, Writer

DEFAULT_DB = "timeline.db"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from `db`, else $TIMELINE_DB, else ./timeline.db; a plain path means SQLite."""
    value = os.fspath(db) if db is not None else os.environ.get("TIMELINE_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # psycopg 3 is the driver we ship with; plain postgresql:// would ask for psycopg2.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    if value == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(value).expanduser().resolve()}"


#: How long SQLite waits for another writer's lock before "database is locked" (seconds).
BUSY_TIMEOUT = 30.0
#: Further attempts after "database is locked", each waiting BUSY_TIMEOUT again.
LOCK_RETRIES = 4


def _configure_sqlite(engine: Engine, busy_timeout: float = BUSY_TIMEOUT) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy issue BEGIN itself so a transaction covers every statement of an add.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        options = conn.get_execution_options()
        if options.get("timeline_plan"):
            # Writer.plan: each read its own snapshot; store_version, read before them, tells the
            # write transaction whether anything changed since, so no snapshot needs to span them
            return
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("timeline_write") else "BEGIN")


class Store:
    """The timeline store on SQLite (default) or PostgreSQL; see docs/architecture.md for the API."""

    def __init__(self, url: str | os.PathLike[str] | None = None, *, echo: bool = False,
                 busy_timeout: float = BUSY_TIMEOUT, lock_retries: int = LOCK_RETRIES,
                 on_busy: Callable[[str], None] | None = None) -> None:
        self.url = resolve_url(url)
        self.busy_timeout = busy_timeout
        self.lock_retries = lock_retries
        self.on_busy = on_busy or _say_on_stderr
        self.engine = self._open(self.url, echo, busy_timeout)
        self.dialect = self.engine.dialect.name
        self._writer = Writer()
        self.migrations_applied: list[int] = []
        try:
            if not self._is_current():  # an up-to-date store is opened without the write lock
                self.migrations_applied = self._retrying(lambda: self._migrate(), "opening the database")
        except (SQLAlchemyError, RuntimeError) as exc:
            self.engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(f"cannot open database {self!r}: {reason}") from exc

    def _is_current(self) -> bool:
        with self.engine.connect() as conn:
            version = current_version(conn)
        if version > LATEST:
            raise RuntimeError(f"database schema version {version} is newer than this program supports "
                               f"({LATEST}); upgrade conflict-timeline")
        return version == LATEST

    def _migrate(self) -> list[int]:
        if self.dialect != "sqlite":
            with self._write() as conn:
                return migrate(conn)
        # SQLite: foreign keys off for the migration transaction (a table rebuild drops and renames a
        # table that links point to; the pragma is ignored inside a transaction), every link checked
        # before the commit, then on again: SQLite's documented procedure for changing a table.
        conn = self.engine.connect().execution_options(timeline_write=True)
        driver = conn.connection.dbapi_connection
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                applied = migrate(conn)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise RuntimeError(f"the migration would leave {len(broken)} broken links, e.g. {broken[:3]}")
            return applied
        finally:
            driver.execute("PRAGMA foreign_keys=ON")
            conn.close()

    def _retrying(self, work: Callable[[], Any], what: str) -> Any:
        """Run `work`; on "database is locked" tell `on_busy` and try again, `lock_retries` times."""
        for attempt in range(self.lock_retries + 1):
            try:
                return work()
            except OperationalError as exc:
                if not _is_locked(exc) or attempt == self.lock_retries:
                    raise
                self._writer.discard_cache()
                self.on_busy(f"{what}: the database is locked by another writer; waiting again "
                             f"(attempt {attempt + 2} of {self.lock_retries + 1})")
                time.sleep(min(1.0, self.busy_timeout))
        raise AssertionError("unreachable")

    @staticmethod
    def _open(url: str, echo: bool, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
        try:
            parsed = make_url(url)
        except Exception as exc:  # sqlalchemy raises ArgumentError with a terse message
            raise StoreError(f"not a database URL or path: {url!r} ({exc})") from None
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database
            if database and database != ":memory:" and not Path(database).parent.is_dir():
                raise StoreError(f"{database}: directory {Path(database).parent} does not exist")
            engine = create_engine(url, echo=echo)
            _configure_sqlite(engine, busy_timeout)
            return engine
        try:
            return create_engine(url, echo=echo, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError) as exc:  # unknown dialect, driver not installed
            raise StoreError(f"cannot use database URL {parsed.render_as_string(hide_password=True)}: {exc}") from None

    def _write(self):
        """A transaction for writing (BEGIN IMMEDIATE on SQLite, so writers queue instead of deadlocking)."""
        return _Tx(self.engine.connect().execution_options(timeline_write=True))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    # -- writing ----------------------------------------------------------------------
    def add(self, doc: Document, events: list[Event]) -> AddResult:
        """Store one document and its events in one transaction; nothing is written if any part fails."""
        name = doc.origin or doc.title or doc.id
        for attempt in (1, 2):
            try:
                with self.engine.connect() as conn:
                    plan = self._plan(conn, doc, events)
                    if plan is None:
                        return AddResult("unchanged", doc.id)
                    result = self._retrying(lambda: self._add_locked(conn, doc, events, plan), name)
            except IntegrityError as exc:
                self._writer.discard_cache()
                if attempt == 1 and _is_unique_violation(exc):
                    # Another writer (PostgreSQL allows several) stored the same document, actor or
                    # place between our check and our insert: run again, now seeing its rows.
                    continue
                raise StoreError(f"{name}: could not store document: {exc.orig}") from exc
            except SQLAlchemyError as exc:
                self._writer.discard_cache()
                reason = getattr(exc, "orig", None) or exc
                raise StoreError(f"{name}: could not store document: {reason}") from exc
            except Exception:
                self._writer.discard_cache()
                raise
            self._writer.commit_cache()
            return result
        raise AssertionError("unreachable")

    def _plan(self, conn: Connection, doc: Document, events: list[Event]):  # noqa: ANN202
        """Merge decisions in a read transaction: no write lock while the wording is compared."""
        conn.execution_options(timeline_plan=True)
        try:
            return self._writer.plan(conn, doc, events)
        finally:
            conn.rollback()
            conn.execution_options(timeline_plan=False)

    def _add_locked(self, conn: Connection, doc: Document, events: list[Event], plan) -> AddResult:  # noqa: ANN001
        """The write transaction, on the connection that made `plan` (its `store_version` is per connection)."""
        conn.execution_options(timeline_write=True)
        with conn.begin():
            return self._writer.add(conn, doc, events, plan)

    # -- reading ----------------------------------------------------------------------
    def events(self, flt: EventFilter | None = None, *, limit: int | None = None, offset: int = 0,
               order: str = "date") -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.events(conn, flt, limit=limit, offset=offset, order=order)

    def count(self, flt: EventFilter | None = None) -> int:
        with self.engine.connect() as conn:
            return queries.count(conn, flt)

    def counts_by_period(self, flt: EventFilter | None = None, period: str = "month") -> list[tuple[str, str, int]]:
        with self.engine.connect() as conn:
            return queries.counts_by_period(conn, flt, period)

    def facets(self, flt: EventFilter | None = None) -> dict[str, list[tuple[str, int]]]:
        with self.engine.connect() as conn:
            return queries.facets(conn, flt)

    def timeline_rows(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Few columns of every filtered event, for drawing a timeline (see `queries.timeline_rows`)."""
        with self.engine.connect() as conn:
            return queries.timeline_rows(conn, flt)

    def located_events(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Filtered events with their places that have coordinates, for a map of points."""
        with self.engine.connect() as conn:
            return queries.located_events(conn, flt)

    def place_counts(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Places with coordinates and how many filtered events each has, for a map of counts."""
        with self.engine.connect() as conn:
            return queries.place_counts(conn, flt)

    def event(self, event_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.event(conn, event_id)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.document(conn, doc_id)

    def documents(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.documents(conn)

    def stats(self) -> dict[str, int]:
        """Row counts of the main tables (for summaries and tests)."""
        tables = {"documents": schema.documents, "events": schema.events, "mentions": schema.event_mentions,
                  "actors": schema.actors, "places": schema.places}
        with self.engine.connect() as conn:
            return {k: conn.execute(select(func.count()).select_from(t)).scalar_one() for k, t in tables.items()}

    # -- the analyst's review (timeline.review checks values; store/corrections.py writes them) -----------
    def correct(self, event_id: int, field: str, raw: Any, *, author: str = "", note: str | None = None,
                lookup: Callable | None = None) -> int | None:
        """Check `raw` for `field` (ReviewError if it is not acceptable), write it onto the event and keep the
        change in its history; returns the correction's id, None when the value was already that."""
        from timeline.review import parse
        from timeline.store import corrections

        value = parse(field, raw, lookup)
        return self._retrying(lambda: self._in_write(
            lambda conn: corrections.correct(conn, event_id, field, value, author=author, note=note)),
            f"event {event_id}")

    def merge_events(self, keep: int, other: int, *, author: str = "", note: str | None = None) -> int | None:
        """Fold event `other` (its sources, actors and places) into `keep`; `other` disappears."""
        from timeline.store import corrections

        return self._retrying(lambda: self._in_write(
            lambda conn: corrections.merge(conn, keep, other, author=author, note=note)), f"event {keep}")

    def split_source(self, event_id: int, doc_id: str, *, author: str = "",
                     note: str | None = None) -> int:
        """Move one source of a merged event out into an event of its own; returns the new event's id."""
        from timeline.store import corrections

        return self._retrying(lambda: self._in_write(
            lambda conn: corrections.split(conn, event_id, doc_id, author=author, note=note)), f"event {event_id}")[0]

    def history(self, event_id: int) -> list[dict[str, Any]]:
        """The corrections of one event, oldest first."""
        from timeline.store import corrections

        with self.engine.connect() as conn:
            return corrections.history(conn, event_id)

    def orphaned_corrections(self) -> list[dict[str, Any]]:
        from timeline.store import corrections

        with self.engine.connect() as conn:
            return corrections.orphaned(conn)

    def _in_write(self, work: Callable[[Any], Any]) -> Any:
        with self._write() as conn:
            return work(conn)


def _say_on_stderr(message: str) -> None:
    print(f"waiting: {message}", file=sys.stderr, flush=True)


def _is_locked(exc: OperationalError) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "database is locked" in text or "database table is locked" in text


def _is_unique_violation(exc: IntegrityError) -> bool:
    orig = exc.orig
    return getattr(orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(orig)


class _Tx:
    """Context manager: begin on enter, commit on success, roll back on error, always close."""

    def __init__(self, conn) -> None:  # noqa: ANN001
        self.conn = conn

    def __enter__(self):
        self._tx = self.conn.begin()
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        try:
            if exc_type is None:
                self._tx.commit()
            else:
                self._tx.rollback()
        finally:
            self.conn.close()
