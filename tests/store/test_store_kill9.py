"""kill -9 in the middle of an ingest loses nothing stored and half-writes nothing (SQLite).

A writer process adds documents (with merges: every report repeats one of a few strikes)
and is killed with SIGKILL mid-run. The file must pass SQLite's integrity check, every
stored document must have all its mentions, and a second run must finish with exactly
the totals of a clean run that was never interrupted.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
N_DOCS = 300

WRITER = r"""
import sys
sys.path[:0] = [sys.argv[2], sys.argv[3]]
from datetime import date
from handmade import KYIV, RUSSIA, UKRAINE, doc, event_in
from timeline.store import Store
with Store(sys.argv[1]) as st:
    for k in range(int(sys.argv[4])):
        day = 1 + k % 7
        text = (f"Report {k}: Russian missiles struck a power plant in Kyiv on {day} October 2022, officials said. "
                f"Talks between Ukraine and Russia resumed on {day} November 2022, a diplomat said.")
        d = doc(text, origin=f"r{k}")
        s1, s2 = text.split(". ", 1)
        evs = [event_in(d, s1 + ".", f"{day} October 2022", date(2022, 10, day), date(2022, 10, day),
                        event_type="Explosions/Remote violence", actors=[RUSSIA], places=[KYIV],
                        summary="Russian missiles struck a power plant in Kyiv"),
               event_in(d, s2, f"{day} November 2022", date(2022, 11, day), date(2022, 11, day),
                        actors=[UKRAINE, RUSSIA], summary=f"Talks between Ukraine and Russia resumed ({k})")]
        r = st.add(d, evs)
        print(k, r.status, flush=True)
"""


def _run(db: Path, n: int = N_DOCS) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(HERE), str(REPO), str(n)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _totals(db: Path) -> tuple:
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
                conn.execute("SELECT count(*) FROM events").fetchone()[0],
                conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0],
                conn.execute("SELECT sum(n_sources) FROM events").fetchone()[0])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_kill_9_mid_ingest_then_rerun_gives_the_clean_totals(tmp_path: Path) -> None:
    clean = tmp_path / "clean.db"
    p = _run(clean)
    _, err = p.communicate(timeout=600)
    assert p.returncode == 0, err

    db = tmp_path / "killed.db"
    p = _run(db)
    seen = 0
    for line in p.stdout:  # kill it once a third of the documents are in
        seen += 1
        if seen >= N_DOCS // 3:
            os.kill(p.pid, signal.SIGKILL)
            break
    p.wait(timeout=60)
    assert p.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_doc = conn.execute("SELECT d.id, count(m.id) FROM documents d LEFT JOIN event_mentions m "
                               "ON m.doc_id = d.id GROUP BY d.id").fetchall()
        assert per_doc and all(n == 2 for _, n in per_doc)  # no half-written document
        assert conn.execute("SELECT count(*) FROM event_mentions WHERE doc_id NOT IN "
                            "(SELECT id FROM documents)").fetchone()[0] == 0
    p = _run(db)
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0, err
    assert "unchanged" in out  # the documents stored before the kill are skipped
    assert _totals(db) == _totals(clean)
