"""The read side of the store: event records, counts, facets, documents.

A page of events costs four queries whatever its size (the page, then its actors,
places and sources fetched in bulk by event id), so the app's table stays fast at
100,000 events. Grouping and counting happen in SQL.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, desc, func, literal_column, select

from timeline.language import unsupported_note
from timeline.model import EventFilter
from timeline.store import schema as s
from timeline.store.filters import conditions

e = s.events.c

#: order name -> columns; "-name" reverses. Every order ends on id so pages are stable.
ORDERS: dict[str, tuple] = {
    "date": (e.sort_date, e.date_end),
    "type": (e.event_type, e.sort_date),
    "confidence": (e.confidence, e.sort_date),
    "sources": (e.n_sources, e.sort_date),
    "precision": (e.precision, e.sort_date),
    "summary": (e.summary,),
    "id": (),
}
PERIODS: dict[str, Any] = {"day": e.sort_date, "week": e.period_week, "month": e.period_month, "year": e.period_year}
_CHUNK = 5000  # bound parameters per IN list, well under SQLite's and PostgreSQL's limits

_EVENT_COLUMNS = (
    e.id, e.date_start, e.date_end, e.precision, e.date_text, e.date_value, e.date_mod, e.date_relation,
    e.approximate, e.open_start, e.open_end, e.summary, e.sentence, e.event_type, e.sub_type,
    e.fatalities, e.confidence, e.n_sources, e.actor1, e.actor2,
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _order_by(order: str) -> list:
    reverse = order.startswith("-")
    name = order.lstrip("-")
    if name not in ORDERS:
        raise ValueError(f"unknown order {order!r}; choose from {', '.join(sorted(ORDERS))} (prefix - to reverse)")
    cols = [*ORDERS[name], e.id]
    # NULLS LAST only where NULLs can occur: on NOT NULL columns it would stop PostgreSQL
    # from reading a DESC order straight off an index.
    return [(c.desc() if reverse else c.asc()).nulls_last() if c.nullable else (c.desc() if reverse else c.asc())
            for c in cols]


def filtered(conn: Connection, flt: EventFilter | None, *columns) -> Select:
    return select(*columns).where(*conditions(flt, conn))


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def _attach(conn: Connection, records: dict[int, dict[str, Any]], page: Select | None = None) -> None:
    """Fill actors, places and sources of `records` (keyed by event id) in bulk.

    A page up to `_CHUNK` events is fetched by its id list; a larger result (an export,
    `load_events`) by `page`, the id query itself as a subquery, so no statement carries
    tens of thousands of parameters.
    """
    ids = list(records)
    if page is not None and len(ids) > _CHUNK:
        selections = [page.subquery()]
    else:
        selections = list(_chunks(ids))
    for chunk in selections:
        if not isinstance(chunk, Sequence):
            chunk = select(chunk.c.id)
        q = (select(s.event_actors.c.event_id, s.actors.c.name, s.actors.c.kind, s.actors.c.country)
             .join(s.actors).where(s.event_actors.c.event_id.in_(chunk)).order_by(s.actors.c.name))
        for eid, name, kind, country in conn.execute(q).all():
            records[eid]["actors"].append({"name": name, "kind": kind, "country": country})
        q = (select(s.event_places.c.event_id, s.places.c.name, s.places.c.country, s.places.c.lat,
                    s.places.c.lon, s.places.c.precision, s.places.c.geonameid, s.places.c.admin1)
             .join(s.places).where(s.event_places.c.event_id.in_(chunk)).order_by(s.places.c.name))
        for eid, name, country, lat, lon, precision, geonameid, admin1 in conn.execute(q).all():
            records[eid]["places"].append({"name": name, "country": country or None, "lat": lat, "lon": lon,
                                           "precision": precision, "geonameid": geonameid, "admin1": admin1})
        m, d = s.event_mentions.c, s.documents.c
        q = (select(m.event_id, m.doc_id, d.title, d.url, d.publisher, d.published, d.published_source,
                    d.published_value, m.sentence_start, m.sentence_end, m.timex_start, m.timex_end, m.sentence, m.date_text,
                    d.language)
             .join(s.documents).where(m.event_id.in_(chunk))
             .order_by(m.event_id, d.published.asc().nulls_last(), m.id))
        # tuple unpacking rather than attribute access: this loop runs once per mention of an export
        for (eid, doc_id, title, url, publisher, published, published_source, published_value, start, end,
             t_start, t_end, sentence, date_text, language) in conn.execute(q).all():
            records[eid]["sources"].append({
                "doc_id": doc_id, "title": title, "url": url, "publisher": publisher,
                "published": published.isoformat() if published is not None else None,
                "published_source": published_source, "published_value": published_value, "start": start, "end": end,
                "timex_start": t_start, "timex_end": t_end, "sentence": sentence, "date_text": date_text,
                "language": language,
            })
        c, h = s.corrections.c, s.hidden_events.c
        for eid, field, author in conn.execute(select(c.event_id, c.field, c.author)
                                               .where(c.event_id.in_(chunk), c.status == "applied").order_by(c.id)):
            edited = records[eid]["edited"] = records[eid]["edited"] or {"fields": [], "by": ""}
            if field not in edited["fields"]:
                edited["fields"].append(field)
            edited["by"] = author  # the last one to change it
        for (eid,) in conn.execute(select(h.event_id).where(h.event_id.in_(chunk))):
            records[eid]["hidden"] = True
    for rec in records.values():
        # flagged when no source is in a language the extraction reads (see timeline.language)
        notes = [unsupported_note(src.get("language")) for src in rec["sources"]]
        rec["language_note"] = notes[0] if notes and all(notes) else None


def _record(row) -> dict[str, Any]:
    (id_, date_start, date_end, precision, date_text, date_value, date_mod, date_relation, approximate,
     open_start, open_end, summary, sentence, event_type, sub_type, fatalities, confidence, n_sources,
     actor1, actor2) = row
    return {
        "id": id_, "date_start": date_start.isoformat() if date_start is not None else None,
        "date_end": date_end.isoformat() if date_end is not None else None,
        "precision": precision, "date_text": date_text, "date_value": date_value,
        "date_mod": date_mod, "date_relation": date_relation, "approximate": bool(approximate),
        "open_start": bool(open_start), "open_end": bool(open_end),
        "summary": summary, "sentence": sentence, "event_type": event_type, "sub_type": sub_type,
        "actors": [], "places": [], "fatalities": fatalities, "confidence": confidence,
        "actor1": actor1, "actor2": actor2, "n_sources": n_sources, "sources": [],
        "edited": None, "hidden": False,  # the analyst's review: see timeline.store.corrections
    }


def events(conn: Connection, flt: EventFilter | None, *, limit: int | None, offset: int, order: str) -> list[dict]:
    q = filtered(conn, flt, *_EVENT_COLUMNS).order_by(*_order_by(order))
    page = filtered(conn, flt, e.id)
    if limit is not None:
        q = q.limit(limit)
        page = page.order_by(*_order_by(order)).limit(limit)
    if offset:
        q = q.offset(offset)
        page = page.order_by(*_order_by(order)).offset(offset) if limit is None else page.offset(offset)
    records = {row[0]: _record(row) for row in conn.execute(q).all()}
    _attach(conn, records, page)
    return list(records.values())


def event(conn: Connection, event_id: int) -> dict | None:
    row = conn.execute(select(*_EVENT_COLUMNS).where(e.id == event_id)).first()
    if row is None:
        return None
    records = {row.id: _record(row)}
    _attach(conn, records)
    return records[row.id]


def count(conn: Connection, flt: EventFilter | None) -> int:
    return conn.execute(filtered(conn, flt, func.count()).select_from(s.events)).scalar_one()


def counts_by_period(conn: Connection, flt: EventFilter | None, period: str) -> list[tuple[str, str, int]]:
    """(period start ISO, event_type, n) for events with a known date, oldest first.

    Each event counts once, in the bucket of its first known day (an interval is not
    spread over the buckets it spans); weeks start on Monday.
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    bucket = PERIODS[period]
    conds = conditions(flt, conn)
    if conds and conn.dialect.name == "sqlite":
        # `+column` hides the bucket's index from SQLite's planner: otherwise it walks that
        # index for the GROUP BY order and reads every event's row to test the filter
        # (~130 ms at 100,000 events), instead of using the filter's own index (~20 ms).
        bucket = literal_column(f"+{s.events.name}.{bucket.name}", bucket.type)
    q = (select(bucket, e.event_type, func.count()).select_from(s.events).where(*conds)
         .where(bucket.is_not(None)).group_by(bucket, e.event_type).order_by(bucket, e.event_type))
    return [(_iso(b), t, n) for b, t, n in conn.execute(q)]


def facets(conn: Connection, flt: EventFilter | None) -> dict[str, list[tuple[str, int]]]:
    """Value -> number of matching events, most frequent first, for each filterable field."""
    conds = conditions(flt, conn)
    ids = select(e.id).where(*conds).scalar_subquery() if conds else None

    def restricted(q: Select, event_id) -> Select:  # noqa: ANN001
        return q.where(event_id.in_(ids)) if ids is not None else q

    n = func.count().label("n")
    out: dict[str, list[tuple[str, int]]] = {}
    out["event_types"] = [(t, c) for t, c in conn.execute(
        select(e.event_type, n).where(*conds).group_by(e.event_type).order_by(desc("n"), e.event_type))]
    # count per id in the link table first, then name the (few) groups
    for key, link, fk, table in (("actors", s.event_actors, "actor_id", s.actors),
                                 ("places", s.event_places, "place_id", s.places)):
        per_id = restricted(select(link.c[fk].label("ref"), func.count().label("n")), link.c.event_id) \
            .group_by(link.c[fk]).subquery()
        totals: dict[str, int] = {}
        for name, c in conn.execute(select(table.c.name, per_id.c.n).join(per_id, per_id.c.ref == table.c.id)):
            totals[name] = totals.get(name, 0) + c  # a place name can exist in two countries
        out[key] = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    m = s.event_mentions.c
    source = func.coalesce(s.documents.c.publisher, s.documents.c.id)
    nd = func.count(m.event_id.distinct()).label("n")
    out["sources"] = [(src, c) for src, c in conn.execute(restricted(
        select(source, nd).select_from(s.event_mentions.join(s.documents)), m.event_id)
        .group_by(source).order_by(desc("n"), source))]
    return out


_DOC_COLUMNS = tuple(c for c in s.documents.c if c.name != "text")


def _document_dict(row) -> dict[str, Any]:
    d = dict(row._mapping)
    for k in ("published", "ingested_at"):
        d[k] = _iso(d.get(k))
    return d


def document(conn: Connection, doc_id: str) -> dict | None:
    row = conn.execute(select(s.documents).where(s.documents.c.id == doc_id)).first()
    if row is None:
        return None
    d = _document_dict(row)
    m = s.event_mentions.c
    d["mentions"] = [dict(r._mapping) for r in conn.execute(
        select(m.event_id, m.sentence_start.label("start"), m.sentence_end.label("end"),
               m.timex_start, m.timex_end, m.date_text)
        .where(m.doc_id == doc_id).order_by(m.sentence_start, m.timex_start))]
    return d


def documents(conn: Connection) -> list[dict]:
    """Every document without its text, with its number of events, newest first."""
    m = s.event_mentions.c
    per_doc = (select(m.doc_id, func.count(m.event_id.distinct()).label("n_events"))
               .group_by(m.doc_id).subquery())
    q = (select(*_DOC_COLUMNS, func.coalesce(per_doc.c.n_events, 0).label("n_events"))
         .select_from(s.documents.outerjoin(per_doc, per_doc.c.doc_id == s.documents.c.id))
         .order_by(s.documents.c.published.desc().nulls_last(), s.documents.c.id))
    return [_document_dict(r) for r in conn.execute(q)]


# -- the few columns the app's figures need, for many events ----------------------------
# `events` returns full records (sentences, every source, ~0.5 ms per event); the timeline
# and the map need a handful of columns of up to 100,000 events, filtered exactly as
# `events` and `count` filter them.

def _filtered_ids(conn: Connection, flt: EventFilter | None) -> tuple[Select, list]:
    conds = conditions(flt, conn)
    return select(e.id).where(*conds), conds


def timeline_rows(conn: Connection, flt: EventFilter | None) -> list[dict[str, Any]]:
    """Filtered events in date order with their dates, flags, type, summary, actor names and
    sources (publisher, title; earliest first)."""
    ea, a = s.event_actors.c, s.actors.c
    m, d = s.event_mentions.c, s.documents.c
    ids, conds = _filtered_ids(conn, flt)
    sort_date = e.sort_date
    if conds and conn.dialect.name == "sqlite":
        # `+column` hides the sort index: walking it for the ORDER BY reads every event's row to
        # test the filter (a zoomed window at 100,000 events: 230 ms); the range index finds
        # the few matching rows and sorting them is cheap (10 ms)
        sort_date = literal_column(f"+{s.events.name}.{e.sort_date.name}", e.sort_date.type)
    records: dict[int, dict[str, Any]] = {}
    for row in conn.execute(
        select(e.id, e.date_start, e.date_end, e.precision, e.date_text, e.date_value, e.date_mod,
               e.approximate, e.open_start, e.open_end, e.summary, e.event_type)
        .where(*conds).order_by(sort_date, e.id)
    ):
        rec = dict(row._mapping)
        for k in ("date_start", "date_end"):
            rec[k] = rec[k].isoformat() if rec[k] else None
        rec.update(actors=[], sources=[])
        records[rec["id"]] = rec
    if not records:
        return []
    in_ids = ea.event_id.in_(ids) if conds else True
    for eid, name in conn.execute(select(ea.event_id, a.name).join(s.actors).where(in_ids).order_by(a.name)):
        if eid in records:
            records[eid]["actors"].append({"name": name})
    in_ids = m.event_id.in_(ids) if conds else True
    for eid, publisher, title in conn.execute(
        select(m.event_id, d.publisher, d.title).join(s.documents).where(in_ids)
        .order_by(m.event_id, d.published.asc().nulls_last(), m.id)
    ):
        if eid in records:
            records[eid]["sources"].append({"publisher": publisher, "title": title})
    return list(records.values())


def located_events(conn: Connection, flt: EventFilter | None) -> list[dict[str, Any]]:
    """Filtered events that have a place with coordinates: id, event type and those places."""
    ep, p = s.event_places.c, s.places.c
    ids, conds = _filtered_ids(conn, flt)
    q = (select(ep.event_id, p.name, p.lat, p.lon, e.event_type)
         .join(s.places, p.id == ep.place_id).join(s.events, e.id == ep.event_id)
         .where(p.lat.is_not(None), p.lon.is_not(None)).order_by(p.name, ep.event_id))
    if conds:
        q = q.where(ep.event_id.in_(ids))
    records: dict[int, dict[str, Any]] = {}
    for eid, name, lat, lon, etype in conn.execute(q):
        rec = records.setdefault(eid, {"id": eid, "event_type": etype, "places": []})
        rec["places"].append({"name": name, "lat": lat, "lon": lon})
    return list(records.values())


def place_counts(conn: Connection, flt: EventFilter | None) -> list[dict[str, Any]]:
    """Places with coordinates and the number of filtered events at each, in one grouped query
    (in place id order)."""
    link, places = s.event_places.c, s.places.c
    conds = conditions(flt, conn)
    per_place = select(link.place_id, func.count().label("n"))
    if conds:
        # filtered events first, then their links by the (event_id, place_id) key; on SQLite
        # `+events.id` keeps the planner from walking every link and looking up its event
        # instead (a join: 33 ms for 60,000 events, the IN list was 48 ms)
        event_id = literal_column(f"+{s.events.name}.id") if conn.dialect.name == "sqlite" else e.id
        per_place = per_place.select_from(s.events.join(s.event_places, link.event_id == event_id)).where(*conds)
    sub = per_place.group_by(link.place_id).subquery()
    rows = conn.execute(
        select(places.name, places.lat, places.lon, sub.c.n)
        .join(sub, sub.c.place_id == places.id)
        .where(places.lat.is_not(None), places.lon.is_not(None))
        .order_by(places.id)   # the same map on both backends (PostgreSQL's hash join has no order)
    ).all()
    return [{"name": name, "lat": float(lat), "lon": float(lon), "count": int(n)} for name, lat, lon, n in rows]
