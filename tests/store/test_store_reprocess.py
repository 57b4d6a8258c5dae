"""`reprocess`: re-extraction with changed code keeps every correction (re-applied or reported orphaned),
and two runs end in the same store, on SQLite and PostgreSQL."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.events import extract as real_extract
from timeline.ingest import IngestError, read_paths
from timeline.model import EventFilter
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
        # a merge the analyst takes back: the source split out again must stay apart
        doc_of = {i: by_id[i]["sources"][0]["doc_id"] for i in ids}
        x = ids[10]
        y = next(i for i in ids[11:] if doc_of[i] != doc_of[x])
        store.merge_events(x, y, author="di")
        store.split_source(x, doc_of[y], author="di", note="two different strikes")
        corrected = snapshot(store)

        first = reprocess(store, extract=changed_extract)
        assert first.corrections_applied == 13 and first.orphaned == []
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
        apart = [e for e in store.events() if {s["doc_id"] for s in e["sources"]} & {doc_of[x], doc_of[y]}
                 and e["date_text"] in (by_id[x]["date_text"], by_id[y]["date_text"])]
        assert not any(len({s["doc_id"] for s in e["sources"]} & {doc_of[x], doc_of[y]}) == 2 for e in apart)

        # back to the real extractor: the corrections still hold, nothing is lost
        back = reprocess(store)
        assert back.corrections_applied == 13 and back.orphaned == []
        assert snapshot(store) == corrected          # the real extractor again: the store as the analyst left it


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


_FIELDS = ["dates", "type", "fatalities", "summary", "hidden", "actor1"]
_OPS = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(_FIELDS), st.integers(0, 7), st.integers(0, 3)),
    st.tuples(st.just("merge"), st.integers(0, 7), st.integers(0, 7)),
    st.tuples(st.just("split"), st.integers(0, 7), st.integers(0, 3)),
), min_size=1, max_size=14)
_VALUES = {"dates": ["2022-10-17", "2022-10", "2021..2022", "2022-08.."],
           "type": ["Battles/Armed clash", "Other", "Protests/Peaceful protest", "Riots"],
           "fatalities": ["0", "4", "12", ""], "summary": ["one", "two", "three", "four"],
           "hidden": [True, False, True, False], "actor1": ["A", "B", "", "C"]}


def _mention_sets(store: Store) -> dict[int, frozenset]:
    """Every event, hidden ones included, by the set of its mentions (stable across re-extraction)."""
    return {e["id"]: frozenset((s["doc_id"], s["start"], s["timex_start"]) for s in e["sources"])
            for e in store.events(EventFilter(include_hidden=True))}


def _check_last_edits(store: Store, last: dict[tuple[frozenset, str], object]) -> None:
    from timeline.store import corrections

    by_mentions = {v: k for k, v in _mention_sets(store).items()}
    with store.engine.connect() as conn:
        for (mentions, field), value in last.items():
            assert corrections.current(conn, by_mentions[mentions], field) == value, (field, value)


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
# always tried: a merge across the two documents, then either source split back out (events 0-4 come
# from the first document, 5-8 from the second)
@example(ops=[("merge", 0, 6), ("edit", "summary", 0, 1), ("split", 0, 1), ("edit", "dates", 0, 0)])
@example(ops=[("edit", "hidden", 6, 0), ("merge", 0, 6), ("split", 0, 0), ("edit", "fatalities", 5, 1)])
def test_random_edits_hides_merges_and_splits_then_reprocess_end_with_the_last_edit(tmp_path_factory, ops) -> None:
    """Whatever the analyst did, in any order, re-extraction (changed code, then the same code again)
    ends with each event's corrected fields equal to the last edit, and its sources as the analyst left them."""
    from timeline.review import parse
    from timeline.store.corrections import CorrectionError

    path = tmp_path_factory.mktemp("prop") / "t.db"
    with Store(f"sqlite:///{path}") as store:
        ingest_documents(_docs()[:2], store)
        last: dict[tuple[int, str], object] = {}
        for op in ops:
            ids = sorted(_mention_sets(store))
            if op[0] == "edit":
                _, field, k, v = op
                eid = ids[k % len(ids)]
                store.correct(eid, field, _VALUES[field][v], author="p")
                last[(eid, field)] = parse(field, _VALUES[field][v])
            elif op[0] == "merge":
                keep, other = ids[op[1] % len(ids)], ids[op[2] % len(ids)]
                if keep != other:
                    store.merge_events(keep, other, author="p")
                    last = {key: v for key, v in last.items() if key[0] != other}
            else:
                eid = ids[op[1] % len(ids)]
                docs = sorted({s["doc_id"] for s in store.event(eid)["sources"]})
                try:
                    store.split_source(eid, docs[op[2] % len(docs)], author="p")
                except CorrectionError:
                    assert len(docs) == 1          # the only refusal: one source, nothing to split
        groups = _mention_sets(store)
        by_groups = {(groups[eid], field): v for (eid, field), v in last.items()}
        _check_last_edits(store, by_groups)

        first = reprocess(store, extract=changed_extract)
        assert first.orphaned == []
        assert sorted(_mention_sets(store).values(), key=sorted) == sorted(groups.values(), key=sorted)
        _check_last_edits(store, by_groups)
        reprocess(store)
        assert sorted(_mention_sets(store).values(), key=sorted) == sorted(groups.values(), key=sorted)
        _check_last_edits(store, by_groups)


def test_an_interrupted_reprocess_leaves_the_store_whole(db_url: str, monkeypatch) -> None:
    """Ctrl+C during extraction or inside the write transaction: the store is as it was."""
    from timeline.store import corrections

    with Store(db_url) as store:
        ingest_documents(_docs()[:2], store)
        ev = store.events()[0]
        store.correct(ev["id"], "summary", "kept through the interruption", author="ana")
        before = snapshot(store)
        calls = []

        def interrupted_extract(doc):
            calls.append(doc.id)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return changed_extract(doc)

        with pytest.raises(KeyboardInterrupt):
            reprocess(store, extract=interrupted_extract)
        assert snapshot(store) == before

        def interrupted_reapply(conn):
            raise KeyboardInterrupt   # after the machine's events were replaced, before corrections return

        monkeypatch.setattr(corrections, "reapply", interrupted_reapply)
        with pytest.raises(KeyboardInterrupt):
            reprocess(store, extract=changed_extract)
        assert snapshot(store) == before
        monkeypatch.undo()
        assert reprocess(store, extract=changed_extract).corrections_applied == 1
