"""The write side: one document and its events in one transaction, with merging.

Per document the cost is a fixed handful of statements (bulk inserts with
RETURNING, one candidate query for merging), not a few per event, which is what
keeps ingest above a few hundred articles per second on SQLite.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection, String, bindparam, case, insert, literal, select, union_all, update
from sqlalchemy.exc import DBAPIError

from timeline.model import Actor, Document, Event, Place
from timeline.store import schema as s
from timeline.store.merge import MergeView, best_match, make_view, merge_key
from timeline.store.search import extend_body, search_body


@dataclass(slots=True)
class AddResult:
    """What `Store.add` did with one document."""

    status: str  # "added" | "unchanged"
    doc_id: str
    events_added: int = 0
    events_merged: int = 0
    event_ids: list[int] = field(default_factory=list)


class StoreError(Exception):
    """A document could not be stored; the message names the document and the reason."""


def period_starts(day: date | None) -> tuple[date | None, date | None, date | None]:
    """Monday of the ISO week, first of the month, first of the year (None for None)."""
    if day is None:
        return None, None, None
    return day - timedelta(days=day.weekday()), day.replace(day=1), day.replace(month=1, day=1)


def event_row(ev: Event) -> dict[str, Any]:
    """The `events` row for a new event, with its denormalised columns."""
    resolved = ev.date_start is not None or ev.date_end is not None
    open_start = ev.date_start is None and ev.date_end is not None
    open_end = ev.date_end is None and ev.date_start is not None
    sort_date = ev.date_start if ev.date_start is not None else ev.date_end
    week, month, year = period_starts(sort_date)
    return {
        "date_start": ev.date_start, "date_end": ev.date_end, "precision": ev.precision,
        "date_text": ev.date_text, "date_value": ev.date_value, "date_mod": ev.date_mod,
        "date_relation": ev.date_relation, "approximate": bool(ev.approximate),
        "open_start": open_start, "open_end": open_end,
        "summary": ev.summary, "sentence": ev.sentence, "event_type": ev.event_type, "sub_type": ev.sub_type,
        "fatalities": ev.fatalities, "confidence": ev.confidence, "actor1": ev.actor1, "actor2": ev.actor2,
        "range_lo": (s.DATE_MIN if open_start else ev.date_start) if resolved else None,
        "range_hi": (s.DATE_MAX if open_end else ev.date_end) if resolved else None,
        "sort_date": sort_date, "period_week": week, "period_month": month, "period_year": year,
        "n_sources": 1,
    }


def _mention_row(event_id: int, doc_id: str, ev: Event) -> dict[str, Any]:
    return {
        "event_id": event_id, "doc_id": doc_id, "sentence": ev.sentence,
        "sentence_start": ev.sentence_start, "sentence_end": ev.sentence_end,
        "timex_start": ev.timex_start, "timex_end": ev.timex_end,
        "date_text": ev.date_text, "summary": ev.summary, "confidence": ev.confidence,
    }


def _names(ev: Event) -> list[str]:
    return [a.name for a in ev.actors] + [p.name for p in ev.places]


def _sites(ev: Event) -> list[str]:
    return [p.name for p in ev.places if p.precision != "country"]


def _dedupe(events: list[Event]) -> list[Event]:
    """Drop exact repeats within one document (same sentence, date expression and summary)."""
    seen: set[tuple] = set()
    out = []
    for ev in events:
        k = (ev.sentence_start, ev.sentence_end, ev.timex_start, ev.timex_end, ev.summary)
        if k not in seen:
            seen.add(k)
            out.append(ev)
    return out


# Statements built once: building a SQLAlchemy statement costs several times its execution.
_DOC_EXISTS = select(s.documents.c.id).where(s.documents.c.id == bindparam("doc_id"))
_INSERT_DOCUMENT = insert(s.documents)
_INSERT_EVENTS = insert(s.events)
_INSERT_EVENTS_RETURNING = _INSERT_EVENTS.returning(s.events.c.id, sort_by_parameter_order=True)
_INSERT_MENTIONS = insert(s.event_mentions)
_INSERT_EVENT_ACTORS = insert(s.event_actors)
_INSERT_EVENT_PLACES = insert(s.event_places)
_INSERT_SEARCH = insert(s.event_search)
_INSERT_ACTORS = insert(s.actors).returning(s.actors.c.id, s.actors.c.name, sort_by_parameter_order=True)
_INSERT_PLACES = insert(s.places).returning(s.places.c.id, s.places.c.name, s.places.c.country,
                                            s.places.c.point_key, sort_by_parameter_order=True)
_ACTORS_NAMED = select(s.actors.c.id, s.actors.c.name).where(
    s.actors.c.name.in_(bindparam("names", expanding=True)))
_PLACES_NAMED = select(s.places.c.id, s.places.c.name, s.places.c.country, s.places.c.point_key).where(
    s.places.c.name.in_(bindparam("names", expanding=True)))
# a merged event gains a source: one more source, the higher confidence (no read of the old values)
_UPDATE_MERGED = (update(s.events).where(s.events.c.id == bindparam("eid"))
                  .values(n_sources=s.events.c.n_sources + 1,
                          confidence=case((s.events.c.confidence < bindparam("conf"), bindparam("conf")),
                                          else_=s.events.c.confidence)))
_UPDATE_SEARCH = (update(s.event_search).where(s.event_search.c.event_id == bindparam("eid"))
                  .values(body=bindparam("b")))
#: the actor and place links of stored events, in one statement: (event, 0 actor | 1 place, id, name, precision)
_LINKS = union_all(
    select(s.event_actors.c.event_id, literal(0).label("kind"), s.event_actors.c.actor_id.label("ref"),
           s.actors.c.name, literal(None, String).label("precision"))
    .join(s.actors, s.actors.c.id == s.event_actors.c.actor_id)
    .where(s.event_actors.c.event_id.in_(bindparam("ids", expanding=True))),
    select(s.event_places.c.event_id, literal(1).label("kind"), s.event_places.c.place_id.label("ref"),
           s.places.c.name, s.places.c.precision)
    .join(s.places, s.places.c.id == s.event_places.c.place_id)
    .where(s.event_places.c.event_id.in_(bindparam("ids2", expanding=True))),
)
def _bind_processor(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """SQLAlchemy's conversion of a Python value for `dialect` (its own type, e.g. SQLite's DATE)."""
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _result_processor(type_: Any, dialect: Any) -> Callable[[Any], Any] | None:
    return type_.dialect_impl(dialect).result_processor(dialect, None)


class _Compiled(NamedTuple):
    sql: str
    take: Callable[[dict[str, Any]], tuple]               # a row's values in parameter order (constants too)
    convert: tuple[tuple[int, Callable[[Any], Any]], ...]  # (position, SQLAlchemy's bind processor)


#: by statement object (the key keeps it alive: an id could be reused by another statement) and row keys
_COMPILED: dict[tuple[Any, tuple[str, ...]], _Compiled] = {}


def _compiled(stmt: Any, conn: Connection, keys: tuple[str, ...]) -> _Compiled:
    """`stmt` compiled for SQLite once (for rows with `keys`): its SQL, and how a row becomes its parameters."""
    got = _COMPILED.get((stmt, keys))
    if got is None:
        compiled = stmt.compile(dialect=conn.dialect, column_keys=list(keys))
        names, constants, convert = [], {}, []
        for i, n in enumerate(compiled.positiontup or []):
            bind = compiled.binds[n]
            if n not in keys:
                if bind.required or bind.callable is not None:
                    # a column default SQLAlchemy would fill in: not for this path
                    raise ValueError(f"rows lack {n!r} for {compiled.string}")
                constants[n] = bind.value   # a value written in the statement (n_sources + 1)
            names.append(n)
            process = _bind_processor(bind.type, conn.dialect)
            if process is not None:
                convert.append((i, process))
        if constants:
            def take(row: dict[str, Any], names=tuple(names), constants=constants) -> tuple:  # noqa: ANN001
                return tuple(constants[n] if n in constants else row[n] for n in names)
        elif len(names) == 1:
            one = itemgetter(names[0])

            def take(row: dict[str, Any]) -> tuple:
                return (one(row),)
        else:
            take = itemgetter(*names)
        got = _COMPILED[(stmt, keys)] = _Compiled(compiled.string, take, tuple(convert))
    return got


def _values(c: _Compiled, row: dict[str, Any]) -> tuple | list:
    values = c.take(row)
    if not c.convert:
        return values
    values = list(values)
    for i, process in c.convert:
        if values[i] is not None:
            values[i] = process(values[i])
    return values


def _write(conn: Connection, stmt: Any, rows: list[dict[str, Any]], *, returning: Any = None) -> list[int]:
    """Run an INSERT/UPDATE for `rows`; with `returning` (the INSERT returning its ids, in parameter
    order), return the new rows' ids.

    On SQLite the statement is compiled once and run on the driver's cursor: SQLAlchemy's work per
    execution (cache key, parameter processing, result set-up) costs more than SQLite's own for
    these small statements; new ids are the ones SQLite would give (see below), so one `executemany`
    inserts every row. Types are converted by SQLAlchemy's own bind processors and errors
    wrapped as SQLAlchemy's, so the rows and the errors are the same as through `conn.execute`.
    Other dialects go through SQLAlchemy (`RETURNING` for the ids)."""
    if not rows:
        return []
    if conn.dialect.name != "sqlite":
        if returning is not None:
            return [r[0] for r in conn.execute(returning, rows)]
        conn.execute(stmt, rows)
        return []
    cursor = conn.connection.dbapi_connection.cursor()
    sql = ""
    try:
        ids: list[int] = []
        if returning is not None:
            # Inside the write transaction no one else inserts, and SQLite gives a new row of a table with
            # an INTEGER PRIMARY KEY the largest id + 1: the same ids, given, let one executemany do it.
            (pk,) = stmt.table.primary_key.columns
            sql = f"SELECT max({pk.name}) FROM {stmt.table.name}"
            top = cursor.execute(sql).fetchone()[0] or 0
            ids = list(range(top + 1, top + 1 + len(rows)))
            rows = [{**row, pk.key: i} for row, i in zip(rows, ids)]
        c = _compiled(stmt, conn, tuple(rows[0]))
        sql = c.sql
        cursor.executemany(sql, [_values(c, row) for row in rows])
        return ids
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, None, exc, sqlite3.Error, dialect=conn.dialect) from exc
    finally:
        cursor.close()


#: by statement object (kept alive by the key, see _COMPILED) and IN-list lengths
_READS: dict[tuple[Any, tuple], tuple[str, tuple, tuple]] = {}


def _read(conn: Connection, stmt: Any, params: dict[str, Any]) -> list[tuple]:
    """The rows of a SELECT, as tuples in its column order (the writer's reads while planning).

    On SQLite as `_write` does: compiled once per statement and IN-list lengths (each list padded
    to a power of two with its last value, which an IN does not notice, so few shapes exist), run
    on the driver's cursor, parameters and results converted by SQLAlchemy's type processors."""
    if conn.dialect.name != "sqlite":
        return [tuple(r) for r in conn.execute(stmt, params)]
    padded = {k: v + [v[-1]] * ((1 << (len(v) - 1).bit_length()) - len(v)) if isinstance(v, list) and v else v
              for k, v in params.items()}
    shape = tuple(sorted((k, len(v)) for k, v in padded.items() if isinstance(v, list)))
    got = _READS.get((stmt, shape))
    if got is None:
        dialect = conn.dialect
        compiled = stmt.params({k: [None] * n for k, n in shape}).compile(
            dialect=dialect, compile_kwargs={"render_postcompile": True})
        order = []
        for name in compiled.positiontup or []:
            base, _, index = name.rpartition("_")
            if name in compiled.binds and not compiled.binds[name].expanding:
                bind = compiled.binds[name]
                # a parameter, or a value written in the statement (a literal) as a constant
                key, at, constant = (name, None, None) if name in params else (None, None, bind.value)
            elif base in compiled.binds and compiled.binds[base].expanding and index.isdigit():
                bind = compiled.binds[base]
                key, at, constant = base, int(index) - 1, None       # an IN list's element
            else:
                raise ValueError(f"cannot place parameter {name!r} of {compiled.string}")
            order.append((key, at, constant, _bind_processor(bind.type, dialect)))
        results = tuple(_result_processor(c.type, dialect) for c in stmt.selected_columns)
        if len(_READS) > 512:
            _READS.clear()
        got = _READS[(stmt, shape)] = (compiled.string, tuple(order), results)
    sql, order, results = got
    values = []
    for key, at, constant, process in order:
        value = constant if key is None else padded[key] if at is None else padded[key][at]
        values.append(value if process is None or value is None else process(value))
    try:
        rows = conn.connection.dbapi_connection.execute(sql, values).fetchall()
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, None, exc, sqlite3.Error, dialect=conn.dialect) from exc
    if any(results):
        rows = [tuple(v if p is None or v is None else p(v) for v, p in zip(row, results)) for row in rows]
    return rows


_CANDIDATE_COLUMNS = (s.events.c.id, s.events.c.date_start, s.events.c.date_end, s.events.c.precision,
                      s.events.c.event_type, s.events.c.summary, s.events.c.sentence, s.event_search.c.body)
_CANDIDATES = select(*_CANDIDATE_COLUMNS).select_from(s.events.outerjoin(s.event_search))
#: merge candidates: IN lists on the merge index's leading columns
_BY_START = _CANDIDATES.where(s.events.c.date_start.in_(bindparam("starts", expanding=True)),
                              s.events.c.event_type.in_(bindparam("types", expanding=True)))
_BY_OPEN_START = _CANDIDATES.where(s.events.c.date_start.is_(None),
                                   s.events.c.date_end.in_(bindparam("ends", expanding=True)),
                                   s.events.c.event_type.in_(bindparam("types", expanding=True)))
#: at most this many values in one IN list (SQLite allows 32,766 parameters per statement)
_CHUNK = 2000


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def place_key(p: Place) -> tuple[str, str, str]:
    """What makes two places one `places` row: name, country and point (`schema.place_point_key`)."""
    return (p.name, p.country or "", s.place_point_key(p.lat, p.lon, p.geonameid))


def store_version(conn: Connection) -> object | None:
    """A token that changes whenever another connection commits a write; None: not available.

    SQLite: `PRAGMA data_version` of this connection (read on the driver connection, so it runs
    outside any transaction SQLAlchemy would open). PostgreSQL: the current snapshot
    (xmin:xmax:in-progress ids), which changes whenever a transaction that wrote commits or
    aborts. Equal tokens before the merge decisions and inside the write transaction prove
    that nothing was written meanwhile, so the decisions (and what they read) still hold."""
    name = conn.dialect.name
    if name == "sqlite":
        return conn.connection.dbapi_connection.execute("PRAGMA data_version").fetchone()[0]
    if name == "postgresql":
        return conn.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar()
    return None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A stored event the merge rule compares with; equality is what the rule reads."""

    id: int
    key: tuple
    names: frozenset[str]
    summary: str
    sentence: str
    sites: frozenset[str] = frozenset()
    # what the writer needs when an event merges into it (not read by the rule)
    actor_ids: frozenset[int] = field(default=frozenset(), compare=False)
    place_ids: frozenset[int] = field(default=frozenset(), compare=False)
    body: str | None = field(default=None, compare=False)  # its search text


@dataclass(slots=True)
class MergePlan:
    """Merge decisions made outside the write lock, for `Writer.add` to re-check inside it.

    `candidates` are the stored events the decisions were made against, by merge key;
    `targets` the stored event each new event merges into (None: a new event). `version` is
    `store_version` before anything was read: when the write transaction finds it unchanged,
    the plan is used as it is, with the actor and place ids read for it."""

    doc_id: str
    keys: list[tuple | None]
    candidates: dict[tuple, list[_Candidate]]
    targets: list[int | None]
    version: object | None = None
    actors: dict[str, int] = field(default_factory=dict)
    places: dict[tuple, int] = field(default_factory=dict)


def _check_offsets(doc: Document, events: list[Event]) -> None:
    """Every sentence and date expression must lie inside the text, or the event is untraceable."""
    n = len(doc.text)
    for i, ev in enumerate(events, start=1):
        for what, a, b in (("sentence", ev.sentence_start, ev.sentence_end),
                           ("date expression", ev.timex_start, ev.timex_end)):
            if not (0 <= a <= b <= n):
                raise StoreError(f"{doc.origin or doc.title or doc.id}: event {i} ({ev.date_text!r}): "
                                 f"{what} offsets {a}..{b} are outside the text (length {n})")


#: merge views of stored events, kept across documents (a popular event is a candidate again and again)
_VIEW_CACHE_SIZE = 4096


class Writer:
    """Adds documents; caches actor and place ids (only after the transaction that made them commits)."""

    def __init__(self) -> None:
        self._actor_ids: dict[str, int] = {}
        self._place_ids: dict[tuple, int] = {}
        self._pending: tuple[dict, dict] | None = None
        self._views: dict[_Candidate, MergeView] = {}
        self.rechecked_keys = 0  # merge keys compared again inside the lock (another writer changed them)
        self.planned_adds = 0    # adds that used their plan as it was (nothing written since it was made)
        self._by_start, self._by_open_start = _BY_START, _BY_OPEN_START

    def reset_cache(self) -> None:
        self._actor_ids.clear()
        self._place_ids.clear()
        self._views.clear()

    # -- entities -------------------------------------------------------------------
    def _lookup_actors(self, conn: Connection, names: Iterable[str], found: dict[str, int]) -> None:
        """Ids of stored actors among `names` that neither the cache nor `found` knows, into `found`."""
        missing = [n for n in names if n not in self._actor_ids and n not in found]
        for chunk in _chunks(missing):
            for aid, name in _read(conn, _ACTORS_NAMED, {"names": chunk}):
                found[name] = aid

    def _lookup_places(self, conn: Connection, wanted: Iterable[tuple], found: dict[tuple, int]) -> None:
        missing = [k for k in wanted if k not in self._place_ids and k not in found]
        keys = set(missing)
        for chunk in _chunks(sorted({k[0] for k in missing})):
            for pid, *key in _read(conn, _PLACES_NAMED, {"names": chunk}):
                if tuple(key) in keys:
                    found[tuple(key)] = pid

    def _insert_actors(self, conn: Connection, wanted: dict[str, Actor], staged: dict[str, int]) -> None:
        new = [a for n, a in wanted.items() if n not in self._actor_ids and n not in staged]
        if new:
            rows = conn.execute(_INSERT_ACTORS, [{"name": a.name, "kind": a.kind, "country": a.country} for a in new])
            for aid, name in rows:
                staged[name] = aid

    def _insert_places(self, conn: Connection, wanted: dict[tuple, Place], staged: dict[tuple, int]) -> None:
        new = [pl for k, pl in wanted.items() if k not in self._place_ids and k not in staged]
        if new:
            rows = conn.execute(_INSERT_PLACES, [
                {"name": pl.name, "country": pl.country or "", "lat": pl.lat, "lon": pl.lon,
                 "precision": pl.precision, "geonameid": pl.geonameid, "admin1": pl.admin1,
                 "point_key": place_key(pl)[2]} for pl in new])
            for pid, *key in rows:
                staged[tuple(key)] = pid

    # -- merging --------------------------------------------------------------------
    def _candidates(self, conn: Connection, keys: set[tuple]) -> dict[tuple, list[_Candidate]]:
        """Stored events with one of the (start, end, precision, type) `keys`, grouped by key."""
        if not keys:
            return {}
        rows = []
        # IN lists on the index's leading columns (a tuple IN would scan the whole index on SQLite);
        # the cross product over-fetches a little and the exact key is checked below.
        types = sorted({k[3] for k in keys})
        starts = sorted({k[0] for k in keys if k[0] is not None})
        for chunk in _chunks(starts):
            rows += _read(conn, self._by_start, {"starts": chunk, "types": types})
        ends = sorted({k[1] for k in keys if k[0] is None})
        for chunk in _chunks(ends):
            rows += _read(conn, self._by_open_start, {"ends": chunk, "types": types})
        # (id, start, end, precision, type, summary, sentence, search text); by id, so that the first of
        # equally good candidates is the oldest on every backend
        rows = sorted((r for r in rows if (r[1], r[2], r[3], r[4]) in keys), key=lambda r: r[0])
        if not rows:
            return {}
        names: dict[int, set[str]] = defaultdict(set)
        sites: dict[int, set[str]] = defaultdict(set)
        refs: tuple[dict[int, set[int]], dict[int, set[int]]] = (defaultdict(set), defaultdict(set))
        for chunk in _chunks([r[0] for r in rows]):
            for eid, kind, ref, name, precision in _read(conn, _LINKS, {"ids": chunk, "ids2": chunk}):
                name = name.strip().lower()
                names[eid].add(name)
                refs[kind][eid].add(ref)
                if kind == 1 and precision != "country":
                    sites[eid].add(name)
        out: dict[tuple, list[_Candidate]] = defaultdict(list)
        for eid, start, end, precision, event_type, summary, sentence, body in rows:
            key = (start, end, precision, event_type)
            out[key].append(_Candidate(eid, key, frozenset(names[eid]), summary, sentence, frozenset(sites[eid]),
                                       frozenset(refs[0][eid]), frozenset(refs[1][eid]), body))
        return out

    def _view(self, c: _Candidate) -> MergeView:
        view = self._views.get(c)
        if view is None:
            if len(self._views) >= _VIEW_CACHE_SIZE:
                self._views.clear()
            view = self._views[c] = make_view(c.key, c.summary, c.sentence, c.names, c.sites)
        return view

    def _match(self, ev: Event, key: tuple, candidates: dict[tuple, list[_Candidate]],
               by_name: dict[tuple, dict[str, list[int]]]) -> int | None:
        names = _names(ev)
        lowered = {n.strip().lower() for n in names if n and n.strip()}
        # wording is only compared for candidates sharing an actor or place, found by name (a date with
        # thousands of stored events must not cost a pass over all of them per new event)
        postings = by_name.get(key)
        if postings is None:
            postings = by_name[key] = defaultdict(list)
            for j, c in enumerate(candidates.get(key, ())):
                for n in c.names:
                    postings[n].append(j)
        shared = {j for n in lowered for j in postings.get(n, ())}
        if not shared:
            return None
        pool = [(c.id, self._view(c)) for c in map(candidates[key].__getitem__, sorted(shared))]
        return best_match(make_view(key, ev.summary, ev.sentence, names, _sites(ev)), pool)

    def _targets(self, events: list[Event], keys: list[tuple | None],
                 candidates: dict[tuple, list[_Candidate]], only: set[tuple] | None = None,
                 targets: list[int | None] | None = None) -> list[int | None]:
        """The stored event each new event merges into; with `only`, recompute those keys alone."""
        out = list(targets) if targets is not None else [None] * len(events)
        by_name: dict[tuple, dict[str, list[int]]] = {}
        for i, (ev, key) in enumerate(zip(events, keys)):
            if only is not None and key not in only:
                continue
            out[i] = self._match(ev, key, candidates, by_name) if key is not None and candidates.get(key) else None
        return out

    def plan(self, conn: Connection, doc: Document, events: list[Event]) -> MergePlan | None:
        """Merge decisions on a read connection (no write lock): the slow part of an add.

        None when the document is already stored (nothing to plan). Everything the write
        needs that can be read beforehand is read here too (actor and place ids, the links and
        search text of the candidates), so that when nothing was written meanwhile the
        write transaction only writes."""
        version = store_version(conn)  # before any read: a write after this point changes it
        if _read(conn, _DOC_EXISTS, {"doc_id": doc.id}):
            return None
        events = _dedupe(events)
        keys = [merge_key(ev.date_start, ev.date_end, ev.precision, ev.event_type) for ev in events]
        candidates = self._candidates(conn, {k for k in keys if k is not None})
        targets = self._targets(events, keys, candidates)
        plan = MergePlan(doc.id, keys, candidates, targets, version)
        self._lookup_actors(conn, {a.name for ev in events for a in ev.actors}, plan.actors)
        self._lookup_places(conn, {place_key(p) for ev in events for p in ev.places}, plan.places)
        return plan

    # -- add ------------------------------------------------------------------------
    def add(self, conn: Connection, doc: Document, events: list[Event], plan: MergePlan | None = None) -> AddResult:
        """Store `doc` and `events` on `conn` (inside the caller's write transaction).

        With a `plan` made before the lock on this connection and `store_version` unchanged,
        nothing was written since the plan read the store: its decisions and reads are used as
        they are and the transaction only writes. Otherwise the candidates are fetched again
        and the decisions reused for every merge key whose candidates did not change meanwhile;
        only the keys another writer touched are compared again, so the lock is held for the
        inserts, not for the wording comparisons."""
        given, events = events, _dedupe(events)
        keys = [merge_key(ev.date_start, ev.date_end, ev.precision, ev.event_type) for ev in events]
        fresh = (plan is not None and plan.version is not None and plan.doc_id == doc.id and plan.keys == keys
                 and store_version(conn) == plan.version)
        if not fresh and _read(conn, _DOC_EXISTS, {"doc_id": doc.id}):
            return AddResult("unchanged", doc.id)
        _check_offsets(doc, given)
        # parameters passed separately: building .values(...) each time costs more than the insert
        _write(conn, _INSERT_DOCUMENT, [dict(
            id=doc.id, title=doc.title, url=doc.url, publisher=doc.publisher, published=doc.published,
            published_source=doc.published_source or "unknown", published_evidence=doc.published_evidence,
            published_value=doc.published_value or (doc.published.isoformat() if doc.published else None),
            origin=doc.origin, encoding=doc.encoding, external_id=doc.external_id, text=doc.text,
            language=doc.language,
            ingested_at=datetime.now(timezone.utc).replace(tzinfo=None),
        )])
        result = AddResult("added", doc.id)
        if not events:
            return result

        wanted_actors = {a.name: a for ev in events for a in ev.actors}
        wanted_places = {place_key(p): p for ev in events for p in ev.places}
        if fresh:
            self.planned_adds += 1
            staged_actors, staged_places = dict(plan.actors), dict(plan.places)
            candidates, targets = plan.candidates, list(plan.targets)
        else:
            staged_actors, staged_places = {}, {}
            self._lookup_actors(conn, wanted_actors, staged_actors)
            self._lookup_places(conn, wanted_places, staged_places)
            candidates = self._candidates(conn, {k for k in keys if k is not None})
            if plan is not None and plan.doc_id == doc.id and plan.keys == keys:
                changed = {k for k in set(keys)
                           if k is not None and candidates.get(k, []) != plan.candidates.get(k, [])}
                targets = self._targets(events, keys, candidates, only=changed, targets=plan.targets) \
                    if changed else list(plan.targets)
                self.rechecked_keys += len(changed)
            else:
                targets = self._targets(events, keys, candidates)
        self._insert_actors(conn, wanted_actors, staged_actors)
        self._insert_places(conn, wanted_places, staged_places)
        actor_id = {**self._actor_ids, **staged_actors}
        place_id = {**self._place_ids, **staged_places}

        new_events = [ev for ev, t in zip(events, targets) if t is None]
        new_ids = _write(conn, _INSERT_EVENTS, [event_row(ev) for ev in new_events],
                         returning=_INSERT_EVENTS_RETURNING)
        it = iter(new_ids)
        event_ids = [t if t is not None else next(it) for t in targets]

        merged = [(eid, ev) for eid, ev, t in zip(event_ids, events, targets) if t is not None]
        by_id = {c.id: c for cs in candidates.values() for c in cs} if merged else {}
        actor_links, place_links = set(), set()
        for eid, ev in zip(event_ids, events):
            actor_links |= {(eid, actor_id[a.name]) for a in ev.actors}
            place_links |= {(eid, place_id[place_key(p)]) for p in ev.places}
        for eid, _ in merged:  # links the stored event already has
            actor_links -= {(eid, a) for a in by_id[eid].actor_ids}
            place_links -= {(eid, p) for p in by_id[eid].place_ids}

        _write(conn, _INSERT_MENTIONS, [_mention_row(eid, doc.id, ev) for eid, ev in zip(event_ids, events)])
        _write(conn, _INSERT_EVENT_ACTORS, [{"event_id": a, "actor_id": b} for a, b in sorted(actor_links)])
        _write(conn, _INSERT_EVENT_PLACES, [{"event_id": a, "place_id": b} for a, b in sorted(place_links)])
        _write(conn, _INSERT_SEARCH, [
            {"event_id": eid, "body": search_body(ev.summary, [ev.sentence], _names(ev))}
            for eid, ev in zip(new_ids, new_events)
        ])
        if merged:
            self._update_merged(conn, merged, {eid: by_id[eid].body or "" for eid, _ in merged})

        result.events_added = len(new_events)
        result.events_merged = len(merged)
        result.event_ids = event_ids
        # Only now, inside a transaction that may still roll back, do the ids become visible
        # to the cache: Store.add calls commit_cache() after a successful commit.
        self._pending = (staged_actors, staged_places)
        return result

    def commit_cache(self) -> None:
        pending = self._pending
        if pending:
            self._actor_ids.update(pending[0])
            self._place_ids.update(pending[1])
        self._pending = None

    def discard_cache(self) -> None:
        self._pending = None

    def _update_merged(self, conn: Connection, merged: list[tuple[int, Event]], bodies: dict[int, str]) -> None:
        """A merged event gains a source: bump n_sources, keep the higher confidence, extend its search text."""
        by_event: dict[int, list[Event]] = defaultdict(list)
        for eid, ev in merged:
            by_event[eid].append(ev)
        _write(conn, _UPDATE_MERGED, [{"eid": eid, "conf": max(ev.confidence for ev in evs)}
                                      for eid, evs in by_event.items()])
        changed = []
        for eid, evs in by_event.items():
            body = bodies.get(eid, "")
            new = extend_body(body, [x for ev in evs for x in (ev.summary, ev.sentence, *_names(ev))])
            if new != body:  # a repeated report often adds no new words: no full-text re-index then
                changed.append({"eid": eid, "b": new})
        _write(conn, _UPDATE_SEARCH, changed)
