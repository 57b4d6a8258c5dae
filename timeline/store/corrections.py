"""The analyst's corrections on the store: write a change onto its event, keep it, find it again.

Each change is one `corrections` row (event, field, old and new value as JSON, who, when, an
optional note) and is written onto the event at once, so every view, export and query reads
the corrected value with no join. The row's anchor is the event's first mention (document,
sentence and date-expression offsets): `reapply` uses it after re-extraction, when the event
ids are new, to find the same event again (same document, overlapping sentence, overlapping
date expression) and write the change onto it once more; a correction whose event is gone is
marked orphaned and kept, never dropped.

Merging two events moves one event's mentions into the other and records a snapshot of the
absorbed event, so splitting that source back out restores it as it was.
All functions run on a connection inside the caller's write transaction.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from timeline.store import schema as s
from timeline.store.search import search_body
from timeline.store.writer import period_starts

e = s.events.c
m = s.event_mentions.c
c = s.corrections.c


class CorrectionError(LookupError):
    """The event or source a correction names does not exist (the message says which)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an event was read: the place a correction finds it again after re-extraction."""

    doc_id: str
    sentence_start: int
    sentence_end: int
    timex_start: int
    timex_end: int

    def row(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
                "timex_start": self.timex_start, "timex_end": self.timex_end}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _require(conn: Connection, event_id: int) -> None:
    if conn.execute(select(e.id).where(e.id == event_id)).first() is None:
        raise CorrectionError(f"event {event_id} does not exist")


def anchor_of(conn: Connection, event_id: int, doc_id: str | None = None) -> Anchor:
    """The event's first mention (of `doc_id`, if given)."""
    q = select(m.doc_id, m.sentence_start, m.sentence_end, m.timex_start, m.timex_end).where(m.event_id == event_id)
    if doc_id is not None:
        q = q.where(m.doc_id == doc_id)
    row = conn.execute(q.order_by(m.id).limit(1)).first()
    if row is None:
        raise CorrectionError(f"event {event_id} has no source {doc_id}" if doc_id else
                              f"event {event_id} does not exist")
    return Anchor(*row)


def find(conn: Connection, anchor: Anchor) -> int | None:
    """The event read at `anchor`: same document, overlapping sentence and date expression.

    Where several qualify (re-extraction split a sentence into clauses), the one whose sentence and
    date expression match the anchor best wins, then the lowest id, so the answer is stable."""
    rows = conn.execute(select(m.event_id, m.sentence_start, m.sentence_end, m.timex_start, m.timex_end)
                        .where(m.doc_id == anchor.doc_id,
                               m.sentence_start < max(anchor.sentence_end, anchor.sentence_start + 1),
                               m.sentence_end > anchor.sentence_start,
                               m.timex_start <= anchor.timex_end, m.timex_end >= anchor.timex_start)).all()
    if not rows:
        return None

    def closeness(r) -> tuple:  # noqa: ANN001
        return (abs(r.sentence_start - anchor.sentence_start) + abs(r.sentence_end - anchor.sentence_end),
                abs(r.timex_start - anchor.timex_start) + abs(r.timex_end - anchor.timex_end), r.event_id)
    return min(rows, key=closeness).event_id


# -- reading a field -----------------------------------------------------------------------------

def current(conn: Connection, event_id: int, field: str) -> Any:
    """The event's value of `field`, in the form `timeline.review` gives new values."""
    row = conn.execute(select(s.events).where(e.id == event_id)).first()
    if row is None:
        raise CorrectionError(f"event {event_id} does not exist")
    if field == "dates":
        return {"date_start": _iso(row.date_start), "date_end": _iso(row.date_end), "precision": row.precision,
                "approximate": bool(row.approximate)}
    if field == "type":
        return {"event_type": row.event_type, "sub_type": row.sub_type}
    if field in ("actor1", "actor2", "summary", "fatalities"):
        return getattr(row, field)
    if field == "actors":
        return [n for (n,) in conn.execute(select(s.actors.c.name).join(s.event_actors)
                                           .where(s.event_actors.c.event_id == event_id).order_by(s.actors.c.name))]
    if field == "places":
        p = s.places.c
        return [{"name": r.name, "country": r.country or None, "lat": r.lat, "lon": r.lon,
                 "precision": r.precision, "geonameid": r.geonameid, "admin1": r.admin1}
                for r in conn.execute(select(p.name, p.country, p.lat, p.lon, p.precision, p.geonameid, p.admin1)
                                      .join(s.event_places).where(s.event_places.c.event_id == event_id)
                                      .order_by(p.name))]
    if field == "hidden":
        return conn.execute(select(s.hidden_events.c.event_id)
                            .where(s.hidden_events.c.event_id == event_id)).first() is not None
    raise CorrectionError(f"unknown field {field!r}")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


# -- writing a field -----------------------------------------------------------------------------

def _date_value(value: dict[str, Any]) -> str:
    """A TIMEX3-like value for corrected dates: the day, month or year, or start/end of a span."""
    cut = {"year": 4, "month": 7}.get(value["precision"], 10)
    start = value["date_start"][:cut] if value["date_start"] else ""
    end = value["date_end"][:cut] if value["date_end"] else ""
    return start if start == end else f"{start or '..'}/{end or '..'}"


def write(conn: Connection, event_id: int, field: str, value: Any) -> None:
    """Write a checked `value` (see `timeline.review.parse`) onto the event's row and links."""
    if field == "dates":
        start = date.fromisoformat(value["date_start"]) if value["date_start"] else None
        end = date.fromisoformat(value["date_end"]) if value["date_end"] else None
        open_start, open_end = start is None and end is not None, end is None and start is not None
        first = start if start is not None else end
        week, month, year = period_starts(first)
        conn.execute(update(s.events).where(e.id == event_id).values(
            date_start=start, date_end=end, precision=value["precision"], approximate=bool(value["approximate"]),
            open_start=open_start, open_end=open_end, date_value=_date_value(value),
            range_lo=s.DATE_MIN if open_start else start, range_hi=s.DATE_MAX if open_end else end,
            sort_date=first, period_week=week, period_month=month, period_year=year))
    elif field == "type":
        conn.execute(update(s.events).where(e.id == event_id)
                     .values(event_type=value["event_type"], sub_type=value["sub_type"]))
    elif field in ("actor1", "actor2", "summary", "fatalities"):
        conn.execute(update(s.events).where(e.id == event_id).values({field: value}))
    elif field == "actors":
        conn.execute(delete(s.event_actors).where(s.event_actors.c.event_id == event_id))
        ids = [_actor_id(conn, name) for name in value]
        if ids:
            conn.execute(insert(s.event_actors), [{"event_id": event_id, "actor_id": i} for i in dict.fromkeys(ids)])
    elif field == "places":
        conn.execute(delete(s.event_places).where(s.event_places.c.event_id == event_id))
        ids = [_place_id(conn, p) for p in value]
        if ids:
            conn.execute(insert(s.event_places), [{"event_id": event_id, "place_id": i} for i in dict.fromkeys(ids)])
    elif field == "hidden":
        h = s.hidden_events
        conn.execute(delete(h).where(h.c.event_id == event_id))
        if value:
            conn.execute(insert(h).values(event_id=event_id))
    else:
        raise CorrectionError(f"unknown field {field!r}")
    if field in ("summary", "actors", "places"):
        refresh_search(conn, event_id)


def _actor_id(conn: Connection, name: str) -> int:
    a = s.actors.c
    row = conn.execute(select(a.id).where(a.name == name)).first()
    if row is not None:
        return row[0]
    # a name the analyst typed: the canonical actor list may know it under another spelling
    row = conn.execute(select(a.id).where(func.lower(a.name) == name.lower())).first()
    if row is not None:
        return row[0]
    return conn.execute(insert(s.actors).values(name=name, kind="group", country=None).returning(a.id)).scalar_one()


def _place_id(conn: Connection, place: dict[str, Any]) -> int:
    """The `places` row of this name, country and point (a namesake elsewhere is another row)."""
    p = s.places.c
    point = s.place_point_key(place.get("lat"), place.get("lon"), place.get("geonameid"))
    row = conn.execute(select(p.id).where(p.name == place["name"], p.country == (place.get("country") or ""),
                                          p.point_key == point)).first()
    if row is not None:
        return row[0]
    return conn.execute(insert(s.places).values(
        name=place["name"], country=place.get("country") or "", lat=place.get("lat"), lon=place.get("lon"),
        precision=place.get("precision") or "town", geonameid=place.get("geonameid"),
        admin1=place.get("admin1"), point_key=point).returning(p.id)).scalar_one()


def refresh_search(conn: Connection, event_id: int) -> None:
    """Rebuild the event's full-text body from its summary, sentences and names."""
    summary = conn.execute(select(e.summary).where(e.id == event_id)).scalar_one()
    sentences = [x for (x,) in conn.execute(select(m.sentence).where(m.event_id == event_id).order_by(m.id))]
    names = current(conn, event_id, "actors") + [p["name"] for p in current(conn, event_id, "places")]
    body = search_body(summary, sentences, names)
    done = conn.execute(update(s.event_search).where(s.event_search.c.event_id == event_id).values(body=body))
    if done.rowcount == 0:
        conn.execute(insert(s.event_search).values(event_id=event_id, body=body))


# -- recording -----------------------------------------------------------------------------------

def correct(conn: Connection, event_id: int, field: str, value: Any, *, author: str = "",
            note: str | None = None) -> int | None:
    """Write `value` onto the event and keep the change; returns the correction's id (None: no change)."""
    old = current(conn, event_id, field)
    if old == value:
        return None
    anchor = anchor_of(conn, event_id)
    write(conn, event_id, field, value)
    return _record(conn, event_id, anchor, field, old, value, author, note)


def _record(conn: Connection, event_id: int | None, anchor: Anchor, field: str, old: Any, new: Any,
            author: str, note: str | None) -> int:
    return conn.execute(insert(s.corrections).values(
        event_id=event_id, **anchor.row(), field=field, old_value=json.dumps(old, sort_keys=True),
        new_value=json.dumps(new, sort_keys=True), author=author or "", note=note or None, created_at=_now(),
        status="applied").returning(c.id)).scalar_one()


def history(conn: Connection, event_id: int) -> list[dict[str, Any]]:
    """The corrections that apply to the event, oldest first."""
    rows = conn.execute(select(s.corrections).where(c.event_id == event_id).order_by(c.id)).all()
    return [_history_row(r) for r in rows]


def orphaned(conn: Connection) -> list[dict[str, Any]]:
    """Corrections whose event re-extraction no longer finds, oldest first."""
    return [_history_row(r) for r in conn.execute(select(s.corrections).where(c.status == "orphaned").order_by(c.id))]


def _history_row(r) -> dict[str, Any]:  # noqa: ANN001
    return {"id": r.id, "event_id": r.event_id, "field": r.field, "old": json.loads(r.old_value or "null"),
            "new": json.loads(r.new_value or "null"), "author": r.author, "note": r.note,
            "when": r.created_at.isoformat(timespec="seconds"), "status": r.status, "doc_id": r.doc_id,
            "sentence_start": r.sentence_start, "sentence_end": r.sentence_end}


# -- merge and split -----------------------------------------------------------------------------

def _snapshot(conn: Connection, event_id: int) -> dict[str, Any]:
    """Everything needed to restore an event when its source is split out again."""
    row = conn.execute(select(s.events).where(e.id == event_id)).one()._asdict()
    row.pop("id")
    for k, v in list(row.items()):
        if isinstance(v, date):
            row[k] = v.isoformat()
    row["actors"] = current(conn, event_id, "actors")
    row["places"] = current(conn, event_id, "places")
    row["docs"] = sorted({d for (d,) in conn.execute(select(m.doc_id).where(m.event_id == event_id))})
    return row


def merge(conn: Connection, keep: int, other: int, *, author: str = "", note: str | None = None,
          record: bool = True) -> int | None:
    """Fold event `other` into `keep`: its mentions, actors and places; `other` is deleted."""
    if keep == other:
        raise CorrectionError(f"event {keep} cannot be merged with itself")
    _require(conn, keep)
    _require(conn, other)
    snapshot = _snapshot(conn, other)
    keep_anchor, other_anchor = anchor_of(conn, keep), anchor_of(conn, other)
    actors = current(conn, keep, "actors") + [a for a in current(conn, other, "actors")
                                             if a not in current(conn, keep, "actors")]
    places = current(conn, keep, "places") + [p for p in current(conn, other, "places")
                                             if p not in current(conn, keep, "places")]
    conn.execute(update(s.event_mentions).where(m.event_id == other).values(event_id=keep))
    # corrections made on the absorbed event now belong to the merged one
    conn.execute(update(s.corrections).where(c.event_id == other).values(event_id=keep))
    conn.execute(delete(s.events).where(e.id == other))
    write(conn, keep, "actors", actors)
    write(conn, keep, "places", places)
    _recount(conn, keep)
    refresh_search(conn, keep)
    if not record:
        return None
    return _record(conn, keep, keep_anchor, "merge", snapshot, other_anchor.row(), author, note)


def split(conn: Connection, event_id: int, doc_id: str, *, author: str = "", note: str | None = None,
          record: bool = True) -> tuple[int, int | None]:
    """Move the mentions of `doc_id` out of the event into an event of their own; returns (new id, correction id).

    Where a merge brought that source in, the new event is the absorbed event as it was."""
    _require(conn, event_id)
    docs = {d for (d,) in conn.execute(select(m.doc_id).where(m.event_id == event_id))}
    if doc_id not in docs:
        raise CorrectionError(f"event {event_id} has no source {doc_id}")
    if len(docs) == 1:
        raise CorrectionError(f"event {event_id} has one source only: nothing to split")
    anchor = anchor_of(conn, event_id, doc_id)
    snapshot = None
    for (old,) in conn.execute(select(c.old_value).where(c.event_id == event_id, c.field == "merge")
                               .order_by(c.id.desc())):
        candidate = json.loads(old or "null")
        if candidate and doc_id in candidate.get("docs", []):
            snapshot = candidate
            break
    base = snapshot or _snapshot(conn, event_id)
    moving = conn.execute(select(m.sentence, m.summary, m.date_text).where(m.event_id == event_id, m.doc_id == doc_id)
                          .order_by(m.id).limit(1)).one()
    row = {k: v for k, v in base.items() if k not in ("actors", "places", "docs")}
    for k in ("date_start", "date_end", "range_lo", "range_hi", "sort_date", "period_week", "period_month",
              "period_year"):
        row[k] = date.fromisoformat(row[k]) if row.get(k) else None
    if snapshot is None:
        row.update(sentence=moving.sentence, summary=moving.summary, date_text=moving.date_text)
    new_id = conn.execute(insert(s.events).values(**row).returning(e.id)).scalar_one()
    conn.execute(update(s.event_mentions).where(m.event_id == event_id, m.doc_id == doc_id).values(event_id=new_id))
    write(conn, new_id, "actors", base["actors"])
    write(conn, new_id, "places", base["places"])
    _recount(conn, event_id)
    _recount(conn, new_id)
    refresh_search(conn, event_id)
    refresh_search(conn, new_id)
    if not record:
        return new_id, None
    return new_id, _record(conn, event_id, anchor, "split", None, {"doc_id": doc_id, "new_event": new_id},
                           author, note)


def _recount(conn: Connection, event_id: int) -> None:
    n = conn.execute(select(func.count()).select_from(s.event_mentions).where(m.event_id == event_id)).scalar_one()
    conn.execute(update(s.events).where(e.id == event_id).values(n_sources=max(1, n)))


# -- after re-extraction -------------------------------------------------------------------------

@dataclass(slots=True)
class Reapplied:
    applied: int = 0
    orphaned: list[dict[str, Any]] | None = None


def reapply(conn: Connection) -> Reapplied:
    """Write every correction, oldest first, onto the event its anchor finds now; mark the rest orphaned."""
    out = Reapplied(0, [])
    for r in conn.execute(select(s.corrections).order_by(c.id)).all():
        anchor = Anchor(r.doc_id, r.sentence_start, r.sentence_end, r.timex_start, r.timex_end)
        target = find(conn, anchor)
        ok = target is not None
        if ok and r.field == "merge":
            other = find(conn, Anchor(**json.loads(r.new_value)))
            if other is None:
                ok = False
            elif other != target:
                merge(conn, target, other, record=False)
        elif ok and r.field == "split":
            doc = json.loads(r.new_value)["doc_id"]
            docs = {d for (d,) in conn.execute(select(m.doc_id).where(m.event_id == target))}
            # the source is found in its own event already, or split out of the merged one now
            holder = target if doc in docs else None
            if holder is not None and len(docs) > 1:
                split(conn, holder, doc, record=False)
        elif ok:
            write(conn, target, r.field, json.loads(r.new_value))
        conn.execute(update(s.corrections).where(c.id == r.id).values(
            event_id=target if ok else None, status="applied" if ok else "orphaned"))
        if ok:
            out.applied += 1
        else:
            out.orphaned.append(_history_row(r))
    return out
