"""`reprocess`: re-extraction with changed code keeps every correction (re-applied or reported orphaned),
and two runs end in the same store, on SQLite and PostgreSQL."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.events import extract as real_extract
from timeline.ingest import IngestError, read_paths
from timeline.pipeline import ingest_documents
from timeline.reprocess import reprocess
from timeline.samples import SAMPLE_DIR
from timeline.store import Store

#: four sample articles: enough for merges across documents, small enough to run twice per backend
SAMPLES = ["2022-10-17-kyiv-drone-attack.html", "2022-11-06-iran-admits-drones.txt",
           "2023-06-10-alabuga-factory.html", "2023-06-13-counteroffensive.txt"]


def _docs() -> list:
    docs = [d for d in read_paths([SAMPLE_DIR / name for name in SAMPLES])
            if not isinstance(d, IngestError)]
    assert len(docs) == len(SAMPLES)
    return docs


def changed_extract(doc):
    """A changed extractor (as after a rule change): every day-precise event of a Protest or Other type
    becomes 'Strategic developments', and summaries gain a word; dates and sentences stay."""
    out = []
    for ev in real_extract(doc):
        if ev.event_type in ("Other", "Protests"):
            ev = dataclasses.replace(ev, event_type="Strategic developments", sub_type="Other")
        out.append(dataclasses.replace(ev, summary=ev.summary + " (v2)"))
    return out


def snapshot(store: Store) -> list[tuple]:
    """The store's content without ids: each event by its mentions, with every field a correction touches."""
    rows = []
    for ev in store.events():
        mentions = tuple(sorted((s["doc_id"], s["start"], s["end"], s["timex_start"], s["timex_end"])
                                for s in ev["sources"]))
        rows.append((mentions, ev["date_start"], ev["date_end"], ev["precision"], ev["event_type"], ev["sub_type"],
                     ev["summary"], ev["fatalities"], ev["actor1"], ev["actor2"],
                     tuple(sorted(a["name"] for a in ev["actors"])), tuple(sorted(p["name"] for p in ev["places"])),
                     ev["n_sources"], tuple(h["field"] for h in store.history(ev["id"]))))
    return sorted(rows, key=repr)


def _first(store: Store, **match) -> dict:
    for ev in store.events():
        if all(ev.get(k) == v for k, v in match.items()):
            return ev
    raise AssertionError(f"no event with {match}")


def test_reprocess_keeps_every_correction_through_a_changed_extractor(db_url: str) -> None:
    with Store(db_url) as store:
        ingest_documents(_docs(), store)
        evs = store.events()
        assert len(evs) >= 12
        by_id = {e["id"]: e for e in evs}
        ids = sorted(by_id)
        a, b, c, d, e, f, g, h = ids[:8]
        store.correct(a, "dates", "2022-10-16", author="ana", note="the night before")
        store.correct(b, "type", "Battles/Armed clash", author="ana")
        store.correct(c, "actor1", "Military Forces of Russia", author="bo")
        store.correct(c, "actor2", "Civilians (Ukraine)", author="bo")
        store.correct(d, "actors", "Iran; Russia", author="bo")
        store.correct(e, "places", "Kherson; Farm 7@46.6,32.6",
                      lookup=lambda n, c: {"name": "Kherson", "country": "UA", "lat": 46.6, "lon": 32.6,
                                           "precision": "city", "geonameid": 706448, "admin1": "Kherson"}
                      if n == "Kherson" else None, author="cy")
        store.correct(f, "summary", "Analyst's own wording of what happened", author="cy")
        store.correct(f, "fatalities", "3", author="cy")
        store.correct(g, "hidden", True, author="cy")
        store.correct(h, "dates", "~2022..2023", author="cy")
        store.merge_events(ids[8], ids[9], author="di")
        merged_docs = {s["doc_id"] for s in store.event(ids[8])["sources"]}
        corrected = snapshot(store)

        first = reprocess(store, extract=changed_extract)
        assert first.corrections_applied == 11 and first.orphaned == []
        assert first.events_changed > 0          # the changed extractor did change something
        after_first = snapshot(store)
        second = reprocess(store, extract=changed_extract)
        assert second.orphaned == [] and snapshot(store) == after_first   # idempotent

        # each corrected field holds the analyst's value, not the new extractor's
        ev = _first(store, summary="Analyst's own wording of what happened")
        assert ev["fatalities"] == 3
        assert any(x["date_start"] == "2022-10-16" for x in store.events())
        assert any(x["actor1"] == "Military Forces of Russia" and x["actor2"] == "Civilians (Ukraine)"
                   for x in store.events())
        assert any({p["name"] for p in x["places"]} == {"Kherson", "Farm 7"} for x in store.events())
        assert any(x["date_start"] == "2022-01-01" and x["date_end"] == "2023-12-31" for x in store.events())
        assert any({s["doc_id"] for s in x["sources"]} >= merged_docs and len(x["sources"]) >= 2
                   for x in store.events())
        # and the uncorrected events took the new extractor's summaries
        assert any(x["summary"].endswith("(v2)") for x in store.events())
        assert len(after_first) == len(corrected)

        # back to the real extractor: the corrections still hold, nothing is lost
        back = reprocess(store)
        assert back.corrections_applied == 11 and back.orphaned == []


def test_a_correction_whose_event_is_gone_is_kept_and_reported(db_url: str) -> None:
    with Store(db_url) as store:
        ingest_documents(_docs()[:1], store)
        ev = store.events()[0]
        store.correct(ev["id"], "summary", "kept by the analyst", author="ana")

        def nothing_in_that_sentence(doc):
            return [x for x in real_extract(doc) if x.sentence_start != ev["sources"][0]["start"]]

        summary = reprocess(store, extract=nothing_in_that_sentence)
        assert [o["field"] for o in summary.orphaned] == ["summary"]
        assert store.orphaned_corrections()[0]["new"] == "kept by the analyst"
        # the correction comes back when its event does
        summary = reprocess(store)
        assert summary.orphaned == [] and any(x["summary"] == "kept by the analyst" for x in store.events())


_EDITS = st.lists(st.tuples(st.sampled_from(["dates", "type", "fatalities", "summary", "hidden", "actor1"]),
                            st.integers(0, 5), st.integers(0, 3)), min_size=1, max_size=12)
_VALUES = {"dates": ["2022-10-17", "2022-10", "2021..2022", "2022-08.."],
           "type": ["Battles/Armed clash", "Other", "Protests/Peaceful protest", "Riots"],
           "fatalities": ["0", "4", "12", ""], "summary": ["one", "two", "three", "four"],
           "hidden": [True, False, True, False], "actor1": ["A", "B", "", "C"]}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=_EDITS)
def test_random_edits_then_reprocess_end_with_the_last_edit(tmp_path_factory, edits) -> None:
    path = tmp_path_factory.mktemp("prop") / "t.db"
    with Store(f"sqlite:///{path}") as store:
        ingest_documents(_docs()[:1], store)
        ids = sorted(e["id"] for e in store.events())
        anchors = {}
        last: dict[tuple, object] = {}
        from timeline.review import parse
        for field, k, v in edits:
            eid = ids[k % len(ids)]
            src = store.event(eid)["sources"][0]
            anchor = (src["doc_id"], src["start"], src["timex_start"])
            anchors[anchor] = eid
            store.correct(eid, field, _VALUES[field][v], author="p")
            last[(anchor, field)] = parse(field, _VALUES[field][v])
        reprocess(store, extract=changed_extract)
        from timeline.store import corrections
        with store.engine.connect() as conn:
            for (anchor, field), value in last.items():
                doc_id, start, timex_start = anchor
                eid = next(e["id"] for e in store.events() + [store.event(i) for i in _hidden_ids(conn)]
                           if any((s["doc_id"], s["start"], s["timex_start"]) == anchor for s in e["sources"]))
                assert corrections.current(conn, eid, field) == value, (field, value)


def _hidden_ids(conn) -> list[int]:
    from sqlalchemy import select

    from timeline.store import schema as s
    return [i for (i,) in conn.execute(select(s.hidden_events.c.event_id))]
