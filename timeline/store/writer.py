"""The write side: one document and its events in one transaction, with merging.

Per document the cost is a fixed handful of statements (bulk inserts with
RETURNING, one candidate query for merging), not a few per event, which is what
keeps ingest above a few hundred articles per second on SQLite.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, tuple_, update

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


_INSERT_DOCUMENT = insert(s.documents)
_UPDATE_MERGED = (update(s.events).where(s.events.c.id == bindparam("eid"))
                  .values(n_sources=bindparam("n"), confidence=bindparam("conf")))
_UPDATE_SEARCH = (update(s.event_search).where(s.event_search.c.event_id == bindparam("eid"))
                  .values(body=bindparam("b")))


@dataclass(slots=True)
class MergePlan:
    """Merge decisions made outside the write lock, for `Writer.add` to re-check inside it.

    `candidates` are the stored events the decisions were made against, by merge key;
    `targets` the stored event each new event merges into (None: a new event)."""

    doc_id: str
    keys: list[tuple | None]
    candidates: dict[tuple, list[_Candidate]]
    targets: list[int | None]


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: int
    key: tuple
    names: frozenset[str]
    summary: str
    sentence: str
    sites: frozenset[str] = frozenset()


def _check_offsets(doc: Document, events: list[Event]) -> None:
    """Every sentence and date expression must lie inside the text, or the event is untraceable."""
    n = len(doc.text)
    for i, ev in enumerate(events, start=1):
        for what, a, b in (("sentence", ev.sentence_start, ev.sentence_end),
                           ("date expression", ev.timex_start, ev.timex_end)):
            if not (0 <= a <= b <= n):
                raise StoreError(f"{doc.origin or doc.title or doc.id}: event {i} ({ev.date_text!r}): "
                                 f"{what} offsets {a}..{b} are outside the text (length {n})")


class Writer:
    """Adds documents; caches actor and place ids (only after the transaction that made them commits)."""

    def __init__(self) -> None:
        self._actor_ids: dict[str, int] = {}
        self._place_ids: dict[tuple[str, str], int] = {}
        self._pending: tuple[dict, dict] | None = None
        self.rechecked_keys = 0  # merge keys compared again inside the lock (another writer changed them)
        ev = s.events.c
        cols = (ev.id, ev.date_start, ev.date_end, ev.precision, ev.event_type, ev.summary, ev.sentence)
        self._by_start = select(*cols).where(ev.date_start.in_(bindparam("starts", expanding=True)),
                                             ev.event_type.in_(bindparam("types", expanding=True)))
        self._by_open_start = select(*cols).where(ev.date_start.is_(None),
                                                  ev.date_end.in_(bindparam("ends", expanding=True)),
                                                  ev.event_type.in_(bindparam("types", expanding=True)))

    def reset_cache(self) -> None:
        self._actor_ids.clear()
        self._place_ids.clear()

    # -- entities -------------------------------------------------------------------
    def _actor_ids_for(self, conn: Connection, wanted: dict[str, Actor], staged: dict[str, int]) -> None:
        missing = [n for n in wanted if n not in self._actor_ids and n not in staged]
        if not missing:
            return
        for aid, name in conn.execute(select(s.actors.c.id, s.actors.c.name).where(s.actors.c.name.in_(missing))):
            staged[name] = aid
        new = [wanted[n] for n in missing if n not in staged]
        if new:
            rows = conn.execute(
                insert(s.actors).returning(s.actors.c.id, s.actors.c.name, sort_by_parameter_order=True),
                [{"name": a.name, "kind": a.kind, "country": a.country} for a in new],
            )
            for aid, name in rows:
                staged[name] = aid

    def _place_ids_for(self, conn: Connection, wanted: dict[tuple[str, str], Place],
                       staged: dict[tuple[str, str], int]) -> None:
        missing = [k for k in wanted if k not in self._place_ids and k not in staged]
        if not missing:
            return
        p = s.places.c
        for pid, name, country in conn.execute(
            select(p.id, p.name, p.country).where(tuple_(p.name, p.country).in_(missing))
        ):
            staged[(name, country)] = pid
        new = [wanted[k] for k in missing if k not in staged]
        if new:
            rows = conn.execute(
                insert(s.places).returning(p.id, p.name, p.country, sort_by_parameter_order=True),
                [{"name": pl.name, "country": pl.country or "", "lat": pl.lat, "lon": pl.lon,
                  "precision": pl.precision, "geonameid": pl.geonameid, "admin1": pl.admin1} for pl in new],
            )
            for pid, name, country in rows:
                staged[(name, country)] = pid

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
        if starts:
            rows += conn.execute(self._by_start, {"starts": starts, "types": types}).all()
        ends = sorted({k[1] for k in keys if k[0] is None})
        if ends:
            rows += conn.execute(self._by_open_start, {"ends": ends, "types": types}).all()
        rows = [r for r in rows if (r.date_start, r.date_end, r.precision, r.event_type) in keys]
        if not rows:
            return {}
        names: dict[int, set[str]] = defaultdict(set)
        sites: dict[int, set[str]] = defaultdict(set)
        ids = [r.id for r in rows]
        for eid, name in conn.execute(select(s.event_actors.c.event_id, s.actors.c.name).join(s.actors)
                                      .where(s.event_actors.c.event_id.in_(ids))):
            names[eid].add(name.strip().lower())
        for eid, name, precision in conn.execute(
                select(s.event_places.c.event_id, s.places.c.name, s.places.c.precision).join(s.places)
                .where(s.event_places.c.event_id.in_(ids))):
            names[eid].add(name.strip().lower())
            if precision != "country":
                sites[eid].add(name.strip().lower())
        out: dict[tuple, list[_Candidate]] = defaultdict(list)
        for r in rows:
            key = (r.date_start, r.date_end, r.precision, r.event_type)
            out[key].append(_Candidate(r.id, key, frozenset(names[r.id]), r.summary, r.sentence,
                                       frozenset(sites[r.id])))
        return out

    @staticmethod
    def _match(ev: Event, key: tuple, candidates: dict[tuple, list[_Candidate]],
               views: dict[int, MergeView]) -> int | None:
        new = make_view(key, ev.summary, ev.sentence, _names(ev), _sites(ev))
        # wording is only compared for candidates sharing an actor or place (cheap test first)
        pool = []
        for c in candidates.get(key, ()):
            if c.names & new.names:
                if c.id not in views:
                    views[c.id] = make_view(key, c.summary, c.sentence, c.names, c.sites)
                pool.append((c.id, views[c.id]))
        return best_match(new, pool) if pool else None

    def _targets(self, events: list[Event], keys: list[tuple | None],
                 candidates: dict[tuple, list[_Candidate]], only: set[tuple] | None = None,
                 targets: list[int | None] | None = None) -> list[int | None]:
        """The stored event each new event merges into; with `only`, recompute those keys alone."""
        views: dict[int, MergeView] = {}
        out = list(targets) if targets is not None else [None] * len(events)
        for i, (ev, key) in enumerate(zip(events, keys)):
            if only is not None and key not in only:
                continue
            out[i] = self._match(ev, key, candidates, views) if key is not None and candidates.get(key) else None
        return out

    def plan(self, conn: Connection, doc: Document, events: list[Event]) -> MergePlan | None:
        """Merge decisions on a read connection (no write lock): the slow part of an add.

        None when the document is already stored (nothing to plan)."""
        if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc.id)).first() is not None:
            return None
        events = _dedupe(events)
        keys = [merge_key(ev.date_start, ev.date_end, ev.precision, ev.event_type) for ev in events]
        candidates = self._candidates(conn, {k for k in keys if k is not None})
        return MergePlan(doc.id, keys, candidates, self._targets(events, keys, candidates))

    # -- add ------------------------------------------------------------------------
    def add(self, conn: Connection, doc: Document, events: list[Event], plan: MergePlan | None = None) -> AddResult:
        """Store `doc` and `events` on `conn` (inside the caller's write transaction).

        With a `plan` made before the lock, the candidates are fetched again (one query) and the
        decisions are reused for every merge key whose candidates did not change meanwhile;
        only the keys another writer touched are compared again, so the lock is held for the
        inserts, not for the wording comparisons."""
        if conn.execute(select(s.documents.c.id).where(s.documents.c.id == doc.id)).first() is not None:
            return AddResult("unchanged", doc.id)
        _check_offsets(doc, events)
        # parameters passed separately: building .values(...) each time costs more than the insert
        conn.execute(_INSERT_DOCUMENT, dict(
            id=doc.id, title=doc.title, url=doc.url, publisher=doc.publisher, published=doc.published,
            published_source=doc.published_source or "unknown", published_evidence=doc.published_evidence,
            published_value=doc.published_value or (doc.published.isoformat() if doc.published else None),
            origin=doc.origin, encoding=doc.encoding, external_id=doc.external_id, text=doc.text,
            language=doc.language,
            ingested_at=datetime.now(timezone.utc).replace(tzinfo=None),
        ))
        result = AddResult("added", doc.id)
        events = _dedupe(events)
        if not events:
            return result

        staged_actors: dict[str, int] = {}
        staged_places: dict[tuple[str, str], int] = {}
        self._actor_ids_for(conn, {a.name: a for ev in events for a in ev.actors}, staged_actors)
        self._place_ids_for(conn, {(p.name, p.country or ""): p for ev in events for p in ev.places}, staged_places)
        actor_id = {**self._actor_ids, **staged_actors}
        place_id = {**self._place_ids, **staged_places}

        keys = [merge_key(ev.date_start, ev.date_end, ev.precision, ev.event_type) for ev in events]
        candidates = self._candidates(conn, {k for k in keys if k is not None})
        if plan is not None and plan.doc_id == doc.id and plan.keys == keys:
            changed = {k for k in set(keys) if k is not None and candidates.get(k, []) != plan.candidates.get(k, [])}
            targets = self._targets(events, keys, candidates, only=changed, targets=plan.targets) \
                if changed else list(plan.targets)
            self.rechecked_keys += len(changed)
        else:
            targets = self._targets(events, keys, candidates)

        new_events = [ev for ev, t in zip(events, targets) if t is None]
        new_ids: list[int] = []
        if new_events:
            rows = conn.execute(insert(s.events).returning(s.events.c.id, sort_by_parameter_order=True),
                                [event_row(ev) for ev in new_events])
            new_ids = [r[0] for r in rows]
        it = iter(new_ids)
        event_ids = [t if t is not None else next(it) for t in targets]

        merged = [(eid, ev) for eid, ev, t in zip(event_ids, events, targets) if t is not None]
        existing_links = self._existing_links(conn, [eid for eid, _ in merged])
        actor_links, place_links = set(), set()
        for eid, ev in zip(event_ids, events):
            actor_links |= {(eid, actor_id[a.name]) for a in ev.actors}
            place_links |= {(eid, place_id[(p.name, p.country or "")]) for p in ev.places}
        actor_links -= existing_links[0]
        place_links -= existing_links[1]

        conn.execute(insert(s.event_mentions), [_mention_row(eid, doc.id, ev) for eid, ev in zip(event_ids, events)])
        if actor_links:
            conn.execute(insert(s.event_actors), [{"event_id": a, "actor_id": b} for a, b in sorted(actor_links)])
        if place_links:
            conn.execute(insert(s.event_places), [{"event_id": a, "place_id": b} for a, b in sorted(place_links)])
        if new_events:
            conn.execute(insert(s.event_search), [
                {"event_id": eid, "body": search_body(ev.summary, [ev.sentence], _names(ev))}
                for eid, ev in zip(new_ids, new_events)
            ])
        if merged:
            self._update_merged(conn, merged)

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

    def _existing_links(self, conn: Connection, event_ids: list[int]) -> tuple[set, set]:
        if not event_ids:
            return set(), set()
        a = {tuple(r) for r in conn.execute(select(s.event_actors.c.event_id, s.event_actors.c.actor_id)
                                            .where(s.event_actors.c.event_id.in_(event_ids)))}
        p = {tuple(r) for r in conn.execute(select(s.event_places.c.event_id, s.event_places.c.place_id)
                                            .where(s.event_places.c.event_id.in_(event_ids)))}
        return a, p

    def _update_merged(self, conn: Connection, merged: list[tuple[int, Event]]) -> None:
        """A merged event gains a source: bump n_sources, keep the higher confidence, extend its search text."""
        by_event: dict[int, list[Event]] = defaultdict(list)
        for eid, ev in merged:
            by_event[eid].append(ev)
        ids = list(by_event)
        current = {r.id: r for r in conn.execute(
            select(s.events.c.id, s.events.c.confidence, s.events.c.n_sources).where(s.events.c.id.in_(ids)))}
        bodies = dict(conn.execute(select(s.event_search.c.event_id, s.event_search.c.body)
                                   .where(s.event_search.c.event_id.in_(ids))).all())
        conn.execute(
            _UPDATE_MERGED,
            [{"eid": eid, "n": current[eid].n_sources + 1,
              "conf": max([current[eid].confidence, *(ev.confidence for ev in evs)])}
             for eid, evs in by_event.items()],
        )
        conn.execute(
            _UPDATE_SEARCH,
            [{"eid": eid, "b": extend_body(bodies.get(eid, ""),
                                           [x for ev in evs for x in (ev.summary, ev.sentence, *_names(ev))])}
             for eid, evs in by_event.items()],
        )
