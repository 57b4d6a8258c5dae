"""Re-extract stored documents with the current code, keeping every correction the analyst made.

    reprocess(store, documents=None)        the CLI's `timeline reprocess`

When the extractor improves, stores built before keep their old events (re-ingesting an
unchanged document does nothing, by design). This re-runs publication-date resolution and
extraction on the stored texts, then, in one write transaction:

1. removes the machine's events of those documents (an event that other documents also
   report keeps their mentions);
2. stores the new events through the same writer as ingest, in the order the documents were
   first ingested, so the same-event merge across documents is recomputed as a fresh ingest
   would make it;
3. writes every correction, oldest first, onto the event its anchor finds now (same document,
   overlapping sentence and date expression); one whose event is gone is marked orphaned and
   listed, never dropped.

Extraction runs before the write lock is taken; the lock is held only for the replacement.
A Ctrl+C or an error rolls the whole replacement back, so the store is never half-done, and a
second run with the same code ends in the same store.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select, update

from timeline.model import Document, Event
from timeline.store import schema as s

if TYPE_CHECKING:
    from timeline.store import Store

#: Publication-date sources that came from outside the text (the command line, page metadata): kept as they are.
_KEPT_SOURCES = ("given", "metadata")


@dataclass(slots=True)
class ReprocessSummary:
    documents: int = 0
    events_before: int = 0
    events_after: int = 0
    events_added: int = 0      # read where nothing was read before
    events_changed: int = 0    # read at the same place, with another date, type, summary, actors or places
    events_removed: int = 0    # read before, not any more
    corrections_applied: int = 0
    orphaned: list[dict[str, Any]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def stored_document(row: dict[str, Any], text: str) -> Document:
    """The `Document` as ingest had it, with publication dates found in the text to be found again."""
    doc = Document(text=text, title=row["title"], url=row["url"], publisher=row["publisher"],
                   origin=row["origin"], encoding=row["encoding"], external_id=row["external_id"],
                   language=row["language"], id=row["id"])
    if row["published_source"] in _KEPT_SOURCES:
        doc = dataclasses.replace(doc, published=row["published"], published_source=row["published_source"],
                                  published_evidence=row["published_evidence"],
                                  published_value=row["published_value"])
    return doc


def _given(doc: Document) -> date | str | None:
    if doc.published_source not in _KEPT_SOURCES:
        return None
    return doc.published or doc.published_value


def _signatures(conn: Connection, doc_ids: list[str]) -> dict[tuple, tuple]:
    """(doc, sentence and date-expression offsets) -> what was read there, for the added/changed/removed counts."""
    m, e = s.event_mentions.c, s.events.c
    out: dict[tuple, tuple] = {}
    for i in range(0, len(doc_ids), 500):
        q = (select(m.doc_id, m.sentence_start, m.sentence_end, m.timex_start, m.timex_end, e.date_start,
                    e.date_end, e.precision, e.event_type, e.sub_type, m.summary)
             .join(s.events, s.events.c.id == m.event_id).where(m.doc_id.in_(doc_ids[i:i + 500])))
        for r in conn.execute(q):
            out[tuple(r[:5])] = tuple(r[5:])
    return out


def _remove_machine_events(conn: Connection, doc_ids: list[str]) -> set[int]:
    """Drop the documents' mentions and rows; events left with no mention go, the rest are recounted
    (returned: their search text still holds the removed sentences)."""
    m, e = s.event_mentions.c, s.events.c
    kept: set[int] = set()
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i:i + 500]
        touched = {eid for (eid,) in conn.execute(select(m.event_id).where(m.doc_id.in_(chunk)).distinct())}
        conn.execute(delete(s.event_mentions).where(m.doc_id.in_(chunk)))
        if touched:
            left = dict(conn.execute(select(m.event_id, func.count()).where(m.event_id.in_(touched))
                                     .group_by(m.event_id)).all())
            gone = [eid for eid in touched if eid not in left]
            for j in range(0, len(gone), 500):
                conn.execute(delete(s.events).where(e.id.in_(gone[j:j + 500])))
            for eid, n in left.items():
                conn.execute(update(s.events).where(e.id == eid).values(n_sources=n))
            kept |= set(left)
        conn.execute(delete(s.documents).where(s.documents.c.id.in_(chunk)))
    return kept


def reprocess(store: Store, documents: Iterable[str] | None = None, *,
              extract: Callable[[Document], list[Event]] | None = None,
              progress: Callable[[int, int], None] | None = None) -> ReprocessSummary:
    """Re-extract the stored documents (all, or the ids in `documents`) and re-apply the corrections."""
    from timeline.published import resolve_published
    from timeline.store import corrections
    from timeline.store.corrections import refresh_search

    if extract is None:
        from timeline.events import extract
    summary = ReprocessSummary()
    d = s.documents.c
    wanted = None if documents is None else set(documents)
    with store.engine.connect() as conn:
        rows = [r._asdict() for r in conn.execute(
            select(d.id, d.title, d.url, d.publisher, d.published, d.published_source, d.published_evidence,
                   d.published_value, d.origin, d.encoding, d.external_id, d.language, d.ingested_at)
            .order_by(d.ingested_at, d.id))]
    rows = [r for r in rows if wanted is None or r["id"] in wanted]
    # extract outside the write lock (the slow part), keeping each document's stored rows to restore
    work: list[tuple[dict[str, Any], Document, list[Event]]] = []
    for n, row in enumerate(rows, start=1):
        with store.engine.connect() as conn:
            text = conn.execute(select(d.text).where(d.id == row["id"])).scalar_one()
        doc = stored_document(row, text)
        try:
            doc = resolve_published(doc, given=_given(doc))
            events = extract(doc)
        except Exception as exc:  # one document's failure is reported; its stored events stay as they are
            summary.failed.append((row["origin"] or row["id"], f"{type(exc).__name__}: {exc}"[:300]))
            continue
        work.append((row, doc, events))
        if progress:
            progress(n, len(rows))
    ids = [row["id"] for row, _, _ in work]
    summary.documents = len(work)

    def replace(conn: Connection) -> None:
        before = _signatures(conn, ids)
        kept = _remove_machine_events(conn, ids)
        for eid in sorted(kept):
            refresh_search(conn, eid)
        for row, doc, events in work:
            store._writer.add(conn, doc, events)
            conn.execute(update(s.documents).where(d.id == doc.id).values(ingested_at=row["ingested_at"]))
        result = corrections.reapply(conn)
        after = _signatures(conn, ids)
        summary.events_before, summary.events_after = len(before), len(after)
        summary.events_added = sum(1 for k in after if k not in before)
        summary.events_removed = sum(1 for k in before if k not in after)
        summary.events_changed = sum(1 for k, v in after.items() if k in before and before[k] != v)
        summary.corrections_applied = result.applied
        summary.orphaned = result.orphaned

    if work:
        try:
            store._retrying(lambda: store._in_write(replace), "reprocess")
        except BaseException:   # Ctrl+C included: the transaction rolled back, so must the id cache
            store._writer.discard_cache()
            raise
        store._writer.commit_cache()
    return summary
