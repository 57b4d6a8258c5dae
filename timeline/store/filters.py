"""EventFilter -> SQL conditions on `events`, identical in meaning on SQLite and PostgreSQL.

Within one field the values are alternatives (any actor of the list); across fields
all must hold. Names compare case-insensitively so `--actor iran` finds "Iran".
"""
from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Dialect, and_, func, literal_column, not_, or_, select, text

from timeline.model import EventFilter
from timeline.store import schema as s
from timeline.store.search import FTS_TABLE, PG_CONFIG, fts5_query


def _lower_in(column, values: list[str]):
    return func.lower(column).in_(sorted({v.strip().lower() for v in values if v and v.strip()}))


def _search_condition(dialect: Dialect, query: str) -> ColumnElement[bool] | None:
    if dialect.name == "postgresql":
        tsv = func.to_tsvector(literal_column(f"'{PG_CONFIG}'"), s.event_search.c.body)
        tsq = func.websearch_to_tsquery(literal_column(f"'{PG_CONFIG}'"), query)
        return s.events.c.id.in_(select(s.event_search.c.event_id).where(tsv.op("@@")(tsq)))
    q = fts5_query(query)
    conds = []
    if q.include:
        conds.append(s.events.c.id.in_(
            select(literal_column("rowid")).select_from(text(FTS_TABLE))
            .where(text(f"{FTS_TABLE} MATCH :fts_include").bindparams(fts_include=q.include))
        ))
    if q.exclude:
        conds.append(not_(s.events.c.id.in_(
            select(literal_column("rowid")).select_from(text(FTS_TABLE))
            .where(text(f"{FTS_TABLE} MATCH :fts_exclude").bindparams(fts_exclude=q.exclude))
        )))
    return and_(*conds) if conds else None


def _any_hidden(conn: Connection) -> bool:
    return conn.execute(select(s.hidden_events.c.event_id).limit(1)).first() is not None


def conditions(flt: EventFilter | None, conn: Connection) -> list[ColumnElement[bool]]:
    """WHERE conditions on `events` for `flt` (empty list: everything).

    Events marked "not an event" are left out unless `flt.include_hidden`. The condition is
    added only when some event is hidden, so a store without corrections keeps the
    unconditioned fast paths of `timeline.store.queries`.
    """
    e = s.events.c
    out: list[ColumnElement[bool]] = []
    if (flt is None or not flt.include_hidden) and _any_hidden(conn):
        out.append(e.id.not_in(select(s.hidden_events.c.event_id)))
    if flt is None:
        return out
    dialect = conn.dialect
    if flt.date_from is not None:
        out.append(e.range_hi >= flt.date_from)
    if flt.date_to is not None:
        out.append(e.range_lo <= flt.date_to)
    if flt.event_types:
        out.append(e.event_type.in_(list(flt.event_types)))
    if flt.actors:
        # ids first, then the (actor_id, event_id) index: a SEARCH, not a scan of every link
        out.append(e.id.in_(select(s.event_actors.c.event_id).where(s.event_actors.c.actor_id.in_(
            select(s.actors.c.id).where(_lower_in(s.actors.c.name, flt.actors))))))
    if flt.places:
        out.append(e.id.in_(select(s.event_places.c.event_id).where(s.event_places.c.place_id.in_(
            select(s.places.c.id).where(_lower_in(s.places.c.name, flt.places))))))
    if flt.sources:
        values = [v for v in flt.sources if v]
        out.append(e.id.in_(select(s.event_mentions.c.event_id).where(s.event_mentions.c.doc_id.in_(
            select(s.documents.c.id).where(
                or_(_lower_in(s.documents.c.publisher, values), s.documents.c.id.in_(values)))))))
    if flt.search and flt.search.strip():
        cond = _search_condition(dialect, flt.search.strip())
        if cond is not None:
            out.append(cond)
    return out
