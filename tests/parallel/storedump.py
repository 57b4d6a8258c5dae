"""A store's content without its ids or ingest times, for comparing stores made in different ways.

`dump` is everything: documents, events with all their columns, their mentions, actors, places and
search text. `merges` is what cannot depend on the order documents arrived in: which mentions make
up each event, with the event's date key, type, actors, places, source count and highest confidence
(a merged event keeps its first mention's wording, so that part depends on which report came first).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, select

from timeline.store import schema as s
from timeline.store.store import resolve_url


def _rows(conn, table, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:  # noqa: ANN001
    cols = [c for c in table.c if c.name not in skip]
    return [dict(r._mapping) for r in conn.execute(select(*cols))]


def _load(url: str) -> dict[str, Any]:
    engine = create_engine(resolve_url(url))
    try:
        with engine.connect() as conn:
            return {
                "documents": _rows(conn, s.documents, ("ingested_at",)),
                "events": _rows(conn, s.events),
                "mentions": _rows(conn, s.event_mentions, ("id",)),
                "actors": _rows(conn, s.actors),
                "places": _rows(conn, s.places),
                "event_actors": _rows(conn, s.event_actors),
                "event_places": _rows(conn, s.event_places),
                "search": _rows(conn, s.event_search),
            }
    finally:
        engine.dispose()


def _key(row: dict[str, Any]) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


def _per_event(data: dict[str, Any]) -> dict[int, dict[str, Any]]:
    actor = {a["id"]: (a["name"], a["kind"], a["country"]) for a in data["actors"]}
    place = {p["id"]: tuple(v for k, v in sorted(p.items()) if k != "id") for p in data["places"]}
    out: dict[int, dict[str, Any]] = {}
    for ev in data["events"]:
        out[ev["id"]] = {"event": {k: v for k, v in ev.items() if k != "id"}, "mentions": [],
                         "actors": [], "places": [], "search": None}
    for m in data["mentions"]:
        out[m["event_id"]]["mentions"].append(_key({k: v for k, v in m.items() if k != "event_id"}))
    for link in data["event_actors"]:
        out[link["event_id"]]["actors"].append(actor[link["actor_id"]])
    for link in data["event_places"]:
        out[link["event_id"]]["places"].append(place[link["place_id"]])
    for row in data["search"]:
        out[row["event_id"]]["search"] = row["body"]
    for e in out.values():
        e["mentions"].sort()
        e["actors"].sort(key=repr)
        e["places"].sort(key=repr)
    return out


def dump(url: str, *, origins: bool = True) -> dict[str, Any]:
    """Every stored fact, ids left out (events are identified by their content and mentions);
    `origins=False` leaves out where each document was read from, too."""
    data = _load(url)
    if not origins:
        for d in data["documents"]:
            d.pop("origin")
    events = sorted(((_key(e["event"]), tuple(e["mentions"]), tuple(e["actors"]), tuple(e["places"]), e["search"])
                     for e in _per_event(data).values()), key=repr)
    return {
        "documents": sorted(_key(d) for d in data["documents"]),
        "events": events,
        "actors": sorted(((a["name"], a["kind"], a["country"]) for a in data["actors"]), key=repr),
        "places": sorted(_key({k: v for k, v in p.items() if k != "id"}) for p in data["places"]),
    }


def merges(url: str) -> dict[str, Any]:
    """What must not depend on the order of arrival: documents, and each event's set of mentions
    (by document, sentence and date expression) with its date key, type, actors, places and sources."""
    data = _load(url)
    groups = []
    for e in _per_event(data).values():
        ev = e["event"]
        mentions = tuple(sorted({(dict(m)["doc_id"], dict(m)["sentence_start"], dict(m)["timex_start"])
                                 for m in e["mentions"]}))
        groups.append((mentions, repr(ev["date_start"]), repr(ev["date_end"]), ev["precision"], ev["event_type"],
                       ev["n_sources"], round(ev["confidence"], 6), tuple(e["actors"]),
                       tuple(p[:3] for p in e["places"])))
    return {"documents": sorted(d["id"] for d in data["documents"]), "events": sorted(groups, key=repr)}


def duplicates(url: str) -> dict[str, int]:
    """Counts that a duplicate would raise: mentions of one sentence of one document in two events,
    documents stored twice under one origin, events whose n_sources disagrees with their mentions."""
    data = _load(url)
    seen: dict[tuple, int] = {}
    for m in data["mentions"]:
        key = (m["doc_id"], m["sentence_start"], m["timex_start"], m["summary"])
        seen[key] = seen.get(key, 0) + 1
    origins: dict[str, int] = {}
    for d in data["documents"]:
        origins[d["origin"]] = origins.get(d["origin"], 0) + 1
    per_event: dict[int, set] = {}
    for m in data["mentions"]:
        per_event.setdefault(m["event_id"], set()).add(m["doc_id"])
    return {
        "repeated_mentions": sum(n - 1 for n in seen.values()),
        "repeated_origins": sum(n - 1 for n in origins.values()),
        "n_sources_off": sum(1 for ev in data["events"] if ev["n_sources"] != len(per_event.get(ev["id"], ()))),
    }
