"""Several writers on one PostgreSQL store (issue 10): `timeline ingest` commands run at the same
time on overlapping corpora must leave a store that one command could have made.

The merge rule depends on the order documents arrive in (a merged event keeps its first report's
wording; two events of one document never merge with each other, yet both may merge into an
event stored before; a place keeps the coordinates of the report that named it first), so two
concurrent commands cannot promise the store of one run over the corpus *in input order*. What
they must give is the store of one run in the order their writes were committed: each document
sees every document committed before it, nothing is stored twice and no merge is missed because
two transactions could not see each other's new events. The test replays the documents in
commit order (`documents.ingested_at`, set inside each write transaction) through one ordinary
command and compares everything but ids.

The two commands take every third file and the next (i % 3 in {0, 1} and {1, 2}), in the same
order, so they work side by side through the same stretch of the corpus: reports of one happening
(adjacent in it) are stored by both writers at nearly the same time, and one third of the files
by both.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import storedump
from ingestrun import REPO, env, ingest_command, make_corpus, run_ingest
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.postgres


def _commit_order(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(text("SELECT origin FROM documents ORDER BY ingested_at, id"))]
    finally:
        engine.dispose()


def _inputs_in_order(origins: list[str], out: Path) -> list[Path]:
    """A path per stored document, in that order: the file, or (for a JSONL record `path:N`) its line
    written alone to a file of its own (its origin differs; everything the dump compares does not)."""
    paths = []
    for i, origin in enumerate(origins):
        if Path(origin).is_file():
            paths.append(Path(origin))
            continue
        file, line = origin.rsplit(":", 1)
        record = Path(file).read_bytes().split(b"\n")[int(line) - 1]
        single = out / f"{i:05d}.jsonl"
        single.write_bytes(record + b"\n")
        paths.append(single)
    return paths


@pytest.mark.xfail(reason="timeline/store does not serialise writers on PostgreSQL yet: concurrent adds miss merges, "
                          "lose n_sources updates and fail on uq_places_name_country; the fix (an advisory "
                          "transaction lock at the start of each write transaction, as BEGIN IMMEDIATE does on "
                          "SQLite) belongs to the store's branch: remove this mark with it", strict=False)
def test_concurrent_ingests_give_the_store_of_one_run_in_commit_order(postgres_server, tmp_path: Path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path / "corpus", generated=300, seed=11)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and "zz-bad" not in p.parts)
    a = [f for i, f in enumerate(files) if i % 3 in (0, 1)]
    b = [f for i, f in enumerate(files) if i % 3 in (1, 2)]
    concurrent, replay, one_run = (postgres_server.new_database() for _ in range(3))

    procs = [subprocess.Popen(ingest_command(part, concurrent), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env(), cwd=REPO) for part in (a, b)]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err

    (tmp_path / "replay").mkdir()
    order = _inputs_in_order(_commit_order(concurrent), tmp_path / "replay")
    assert run_ingest(order, replay).returncode == 0
    assert run_ingest(files, one_run).returncode == 0

    assert storedump.duplicates(concurrent) == {"repeated_mentions": 0, "repeated_origins": 0, "n_sources_off": 0}
    assert storedump.dump(concurrent)["documents"] == storedump.dump(one_run)["documents"]
    got, expected = storedump.dump(concurrent, origins=False), storedump.dump(replay, origins=False)
    assert got["documents"] == expected["documents"]
    missing = [e for e in expected["events"] if e not in got["events"]]
    extra = [e for e in got["events"] if e not in expected["events"]]
    assert not missing and not extra, (f"{len(extra)} events differ from one run in commit order "
                                       f"(e.g. {extra[:1]!r:.600}) — a merge missed or made under concurrency")
    assert got == expected
