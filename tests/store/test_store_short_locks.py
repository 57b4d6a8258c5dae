"""Short write transactions on SQLite: a long merge does not hold the write lock.

One process adds a document whose merge comparison is slow (held open on purpose until the
test releases it); meanwhile a second process, whose busy timeout is one second and which
never retries, opens the same file and ingests documents, one of them merging into the very
event the first is comparing against. Under the old code (comparison inside BEGIN IMMEDIATE,
migration check in a write transaction) the second process could not even open the store.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from handmade import KYIV, RUSSIA, UKRAINE, doc, event_in

from timeline.store import Store, StoreError

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

BASE = "Russian missiles struck an energy facility in Kyiv on 10 October 2022, the mayor said."
SLOW = "Missiles hit an energy facility in Kyiv on 10 October 2022, city officials said, after an air alert."
SECOND = "Russian missiles struck an energy facility in Kyiv on 10 October 2022, the governor said in a post."


def _doc_and_event(text: str, day: date = date(2022, 10, 10)):
    d = doc(text, origin=text[:20])
    sentence = text
    date_text = "10 October 2022" if "10 October" in text else text.split(" on ", 1)[1].split(",")[0]
    ev = event_in(d, sentence, date_text, day, day, event_type="Explosions/Remote violence",
                  actors=[RUSSIA, UKRAINE], places=[KYIV])
    return d, ev


WRITER_A = r"""
import sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[3], sys.argv[4]]
import timeline.store.writer as w
from test_store_short_locks import _doc_and_event, SLOW
from timeline.store import Store
real = w.best_match
marker, release = Path(sys.argv[2] + ".merging"), Path(sys.argv[2] + ".release")
def slow_best_match(new, candidates):
    candidates = list(candidates)
    if not marker.exists():
        marker.write_text("x")
        deadline = time.monotonic() + 120
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    return real(new, candidates)
w.best_match = slow_best_match
with Store(sys.argv[1]) as st:
    d, ev = _doc_and_event(SLOW)
    r = st.add(d, [ev])
    print(r.status, r.events_added, r.events_merged)
"""

WRITER_B = r"""
import json, sys
sys.path[:0] = [sys.argv[2], sys.argv[3]]
from test_store_short_locks import _doc_and_event, SECOND
from timeline.store import Store
from timeline.model import Actor, Document
from timeline.pipeline import ingest_documents
from handmade import event_in
def extract(d):
    if d.text == SECOND:
        return [_doc_and_event(SECOND)[1]]
    day = int(d.text.split(" on ")[1].split(" ")[0])
    import datetime
    dt = datetime.date(2023, 3, day)
    return [event_in(d, d.text, d.text.split(" on ")[1].rstrip("."), dt, dt, actors=[Actor("Ukraine", "country", "UA")])]
docs = [Document(text=f"Ukraine reported talks on {k} March 2023.", origin=f"b{k}") for k in range(1, 9)]
docs.append(Document(text=SECOND, origin="second"))
with Store(sys.argv[1], busy_timeout=1.0, lock_retries=0) as st:
    s = ingest_documents(docs, st, extract=extract)
print(json.dumps({"added": s.documents_added, "failed": s.failed, "merged": s.events_merged}))
"""


def test_a_long_merge_does_not_block_a_second_ingest(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with Store(db) as st:
        d, ev = _doc_and_event(BASE)
        st.add(d, [ev])
    a = subprocess.Popen([sys.executable, "-c", WRITER_A, str(db), str(tmp_path / "a"), str(HERE), str(REPO)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        marker = tmp_path / "a.merging"
        for _ in range(1200):  # process A is comparing wording (and would hold the lock in the old code)
            if marker.exists() or a.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), a.communicate()[1]
        b = subprocess.run([sys.executable, "-c", WRITER_B, str(db), str(HERE), str(REPO)],
                           capture_output=True, text=True, timeout=300)
        assert b.returncode == 0, b.stderr
        out = json.loads(b.stdout.strip().splitlines()[-1])
        assert out == {"added": 9, "failed": [], "merged": 1}, out
        assert a.poll() is None, "A was still merging while B finished"
    finally:
        (tmp_path / "a.release").write_text("go")
        stdout, stderr = a.communicate(timeout=300)
    assert a.returncode == 0, stderr
    assert stdout.split() == ["added", "0", "1"], stdout  # re-checked inside the lock: still a merge
    with Store(db) as st:
        assert st.stats()["documents"] == 11
        merged = [e for e in st.events() if str(e["date_start"])[:10] == "2022-10-10"]
        assert len(merged) == 1 and merged[0]["n_sources"] == 3


def test_opening_an_up_to_date_store_takes_no_write_lock(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with Store(db, busy_timeout=0.2, lock_retries=0) as st:  # used to fail: "database is locked"
            assert st.count() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_database_is_waited_for_visibly_then_the_document_goes_in(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    said: list[str] = []
    release = threading.Timer(1.0, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        with Store(db, busy_timeout=0.2, lock_retries=50, on_busy=said.append) as st:
            d, ev = _doc_and_event(BASE)
            assert st.add(d, [ev]).status == "added"
    finally:
        release.join()
        holder.close()
    assert said and "locked by another writer" in said[0] and BASE[:20] in said[0]


def test_a_lock_held_past_every_retry_fails_that_document_by_name(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store(db, busy_timeout=0.1, lock_retries=1, on_busy=lambda _m: None) as st:
            d, ev = _doc_and_event(BASE)
            with pytest.raises(StoreError, match="database is locked") as err:
                st.add(d, [ev])
            assert BASE[:20] in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
