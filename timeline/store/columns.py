"""The few columns of every event in arrays, for the counts the app asks on every filter change.

`queries.count`, `queries.counts_by_period` and `queries.place_counts` scan the filtered events
in SQL: for a date filter on 100,000 events SQLite walks the range index and looks up ~60,000
rows per query (50-110 ms each, three such queries per filter change). `EventColumns.load`
reads each event's id, type, date range, first day and period starts, the links to located
places and the hidden marks once (a few tenths of a second at 100,000 events); afterwards the
same answers come from numpy masks in a few milliseconds.

Dates, types and hidden marks are filtered here, with SQL's meaning: day numbers are floats
and a NULL is NaN, so `range_hi >= date_from` is false for it as in SQL. Every other part of a
filter (actors, places, sources, text search) runs as `SELECT id ... WHERE` with the conditions
of `timeline.store.filters.conditions` itself, so a filter means exactly what it means in SQL.

A copy only describes the data it was read from. `DataVersion` tells when that changed: the
caller keeps the version read *before* loading and compares it with the current one.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, Integer, cast, func, literal, select, text, type_coerce
from sqlalchemy.engine import make_url

from timeline.model import EventFilter
from timeline.store import schema as s
from timeline.store.filters import conditions

EPOCH = date(1970, 1, 1)
#: the column each count bucket is read from (as in `queries.PERIODS`)
PERIOD_COLUMNS = {"day": "sort_date", "week": "period_week", "month": "period_month", "year": "period_year"}
_SQL_ONLY = EventFilter(include_hidden=True)


def _days(conn: Connection, column: Any) -> Any:
    """SQL for the date column as days after 1970-01-01 (NULL stays NULL)."""
    if conn.dialect.name == "sqlite":
        # julianday('1970-01-01') is 2440587.5; a stored date has no time, so the cast is exact
        return cast(func.julianday(column), Integer) - 2440587
    return type_coerce(column - literal(EPOCH), Integer)   # PostgreSQL: date - date is an integer


def _day(value: date) -> float:
    return float((value - EPOCH).days)


def _floats(values: tuple[Any, ...]) -> np.ndarray:
    """Day numbers as float64, NULL as NaN (so every comparison with it is false, as in SQL)."""
    return np.array(values, dtype=np.float64)


@dataclass(frozen=True)
class EventColumns:
    """Per event (in id order): id, type code, range_lo/range_hi and each period's bucket as day
    numbers, hidden mark; per link to a place with coordinates: event and place positions."""

    ids: np.ndarray
    types: tuple[str, ...]            # sorted, so code order is name order
    type_code: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    start: np.ndarray                 # date_start, date_end
    end: np.ndarray
    buckets: dict[str, np.ndarray]    # "day" is sort_date, the first known day
    hidden: np.ndarray
    link_event: np.ndarray            # position in `ids` of each located place link
    link_place: np.ndarray            # position in the place arrays
    place_names: tuple[str, ...] = ()  # places with coordinates, in id order
    place_lat: np.ndarray = field(default_factory=lambda: np.zeros(0))
    place_lon: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def load(cls, conn: Connection) -> EventColumns:
        """Read the columns of every event (one query per table, no per-event work in SQL)."""
        e, ep, p, h = s.events.c, s.event_places.c, s.places.c, s.hidden_events.c
        period_cols = [e[name] for name in PERIOD_COLUMNS.values()]
        rows = conn.execute(select(e.id, e.event_type, _days(conn, e.range_lo), _days(conn, e.range_hi),
                                   _days(conn, e.date_start), _days(conn, e.date_end),
                                   *[_days(conn, c) for c in period_cols]).order_by(e.id)).all()
        columns = list(zip(*rows)) if rows else [()] * (6 + len(period_cols))
        ids = np.array(columns[0], dtype=np.int64)
        types = sorted(set(columns[1]))
        code = {name: i for i, name in enumerate(types)}
        type_code = np.fromiter((code[t] for t in columns[1]), dtype=np.int64, count=len(ids))
        places = conn.execute(select(p.id, p.name, p.lat, p.lon)
                              .where(p.lat.is_not(None), p.lon.is_not(None)).order_by(p.id)).all()
        place_ids = np.array([r[0] for r in places], dtype=np.int64)
        links = conn.execute(select(ep.event_id, ep.place_id).join(s.places, p.id == ep.place_id)
                             .where(p.lat.is_not(None), p.lon.is_not(None))).all()
        link_event_ids = np.array([r[0] for r in links], dtype=np.int64)
        link_place_ids = np.array([r[1] for r in links], dtype=np.int64)
        hidden_ids = np.array([r[0] for r in conn.execute(select(h.event_id))], dtype=np.int64)
        return cls(
            ids=ids, types=tuple(str(t) for t in types), type_code=type_code,
            lo=_floats(columns[2]), hi=_floats(columns[3]), start=_floats(columns[4]), end=_floats(columns[5]),
            buckets={period: _floats(columns[6 + i]) for i, period in enumerate(PERIOD_COLUMNS)},
            hidden=np.isin(ids, hidden_ids),
            link_event=np.searchsorted(ids, link_event_ids), link_place=np.searchsorted(place_ids, link_place_ids),
            place_names=tuple(str(r[1]) for r in places),
            place_lat=np.array([float(r[2]) for r in places], dtype=np.float64),
            place_lon=np.array([float(r[3]) for r in places], dtype=np.float64),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, conn: Connection, flt: EventFilter | None) -> np.ndarray:
        """Which events `flt` selects (the rows `queries.count(conn, flt)` counts)."""
        flt = flt or EventFilter()
        keep = np.ones(len(self.ids), dtype=bool) if flt.include_hidden else ~self.hidden
        if flt.date_from is not None:
            keep &= self.hi >= _day(flt.date_from)
        if flt.date_to is not None:
            keep &= self.lo <= _day(flt.date_to)
        if flt.event_types:
            codes = [i for i, name in enumerate(self.types) if name in set(flt.event_types)]
            keep &= np.isin(self.type_code, codes)
        rest = EventFilter(actors=flt.actors, places=flt.places, sources=flt.sources, search=flt.search,
                           include_hidden=True)
        if rest != _SQL_ONLY:
            conds = conditions(rest, conn)
            if conds:
                ids = [row[0] for row in conn.execute(select(s.events.c.id).where(*conds))]
                keep &= np.isin(self.ids, np.array(ids, dtype=np.int64))
        return keep

    def count(self, keep: np.ndarray) -> int:
        return int(np.count_nonzero(keep))

    def counts_by_period(self, keep: np.ndarray, period: str) -> list[tuple[str, str, int]]:
        """As `queries.counts_by_period`: (bucket start ISO, event_type, n), by bucket then type."""
        if period not in PERIOD_COLUMNS:
            raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIOD_COLUMNS)}")
        bucket = self.buckets[period]
        sel = keep & ~np.isnan(bucket)
        n_types = max(1, len(self.types))
        keys = bucket[sel].astype(np.int64) * n_types + self.type_code[sel]
        unique, counts = np.unique(keys, return_counts=True)
        return [((EPOCH + timedelta(days=int(k // n_types))).isoformat(), self.types[int(k % n_types)], int(n))
                for k, n in zip(unique, counts)]

    def extent(self, keep: np.ndarray) -> tuple[date, date] | None:
        """As the app's extent from `queries.events(dated, limit=1, order="date")` and "-date":
        the first and last day among the dates of the first and the last dated selected event
        in the store's date order (sort_date, then date_end, NULLs last, then id)."""
        idx = np.flatnonzero(keep & ~np.isnan(self.lo) & ~np.isnan(self.hi))
        if len(idx) == 0:
            return None
        sort, end, ids = self.buckets["day"][idx], self.end[idx], self.ids[idx]
        first = idx[np.lexsort((ids, np.where(np.isnan(end), np.inf, end), np.where(np.isnan(sort), np.inf, sort)))[0]]
        last = idx[np.lexsort((ids, np.where(np.isnan(end), -np.inf, end),
                               np.where(np.isnan(sort), -np.inf, sort)))[-1]]
        days = [d for i in (first, last) for d in (self.start[i], self.end[i]) if not np.isnan(d)]
        if not days:
            return None
        return EPOCH + timedelta(days=int(min(days))), EPOCH + timedelta(days=int(max(days)))

    def place_counts(self, keep: np.ndarray) -> list[dict[str, Any]]:
        """As `queries.place_counts`: places with coordinates and their number of selected events,
        in place id order."""
        per_place = np.bincount(self.link_place[keep[self.link_event]], minlength=len(self.place_names))
        return [{"name": self.place_names[i], "lat": float(self.place_lat[i]), "lon": float(self.place_lon[i]),
                 "count": int(per_place[i])} for i in np.flatnonzero(per_place)]


class DataVersion:
    """A value that changes whenever a write is committed to the store, by this process or another.

    SQLite (a file): ``PRAGMA data_version`` on a read-only connection of its own, which changes
    whenever any other connection commits. PostgreSQL: the transaction snapshot (its xmax grows
    with every transaction that writes, its list names those still running). None where neither
    applies (an in-memory SQLite database): callers then fall back to a time limit.
    """

    def __init__(self, store: Any) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._path: Path | None = None
        if store.dialect == "sqlite":
            database = make_url(store.url).database
            if database and database != ":memory:" and not database.startswith("file:"):
                self._path = Path(database).resolve()

    def current(self) -> Hashable | None:
        if self._store.dialect == "postgresql":
            with self._store.engine.connect() as conn:
                return conn.execute(text("SELECT txid_current_snapshot()::text")).scalar_one()
        if self._path is None:
            return None
        with self._lock:
            try:
                if self._conn is None:
                    self._conn = sqlite3.connect(f"{self._path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
                return self._conn.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                # e.g. a read-only folder where the WAL index cannot be opened: not knowable,
                # so callers keep their time limits (and the reading itself is unaffected)
                self._path = None
                return None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
