"""`timeline ingest --workers N` on a real Dask LocalCluster (issue 10).

* the same corpus with --workers 1 and --workers 2 gives the store of the single-process
  command, field for field (ids and ingest times aside), with the same summary and `failed:` lines;
* a worker killed with SIGKILL while tasks run: the run still finishes with that store, and a
  re-run adds nothing and duplicates nothing;
* an existing cluster (--scheduler) gives the same store; an unreachable one a clear error;
* without --workers, Dask is never imported.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import storedump
from ingestrun import REPO, Reference, env, ingest_command, require_dask, run_ingest

pytestmark = pytest.mark.dask


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_give_the_store_of_one_process(dask_installed, corpus: Path, reference: Reference,
                                               tmp_path: Path, workers: int) -> None:
    db = tmp_path / f"workers{workers}.db"
    run = run_ingest([corpus], str(db), "--workers", str(workers))
    assert run.returncode == reference.run.returncode == 1, run.stderr
    assert run.summary == reference.run.summary.replace(str(reference.db), str(db))
    assert run.failed == reference.run.failed and len(run.failed) == 4  # binary, .docx, 2 broken JSONL lines
    assert storedump.dump(str(db)) == storedump.dump(str(reference.db))
    assert storedump.duplicates(str(db)) == {"repeated_mentions": 0, "repeated_origins": 0, "n_sources_off": 0}


def test_a_worker_killed_mid_run_then_a_rerun_gives_the_same_store(dask_installed, corpus: Path,
                                                                   reference: Reference, tmp_path: Path) -> None:
    import psutil

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(ingest_command([corpus], str(db), "--workers", "2"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(), cwd=REPO)
    total = len(storedump.dump(str(reference.db))["documents"])
    killed = None
    deadline = time.monotonic() + 600
    try:
        while killed is None and proc.poll() is None and time.monotonic() < deadline:
            stored = _documents(db)
            if stored >= total // 5:
                workers = [p for p in psutil.Process(proc.pid).children(recursive=True)
                           if "spawn_main" in " ".join(p.cmdline()) and p.is_running()]
                if workers:
                    os.kill(workers[0].pid, signal.SIGKILL)
                    killed = (workers[0].pid, stored)
            time.sleep(0.05)
        out, err = proc.communicate(timeout=900)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert killed is not None, f"the run ended before a worker could be killed: {err}"
    assert killed[1] < total, "the worker was killed after every document was stored"
    assert proc.returncode == 1, err  # the bad inputs only
    failed = [ln for ln in err.splitlines() if ln.startswith("failed: ")]
    assert failed == reference.run.failed
    assert storedump.dump(str(db)) == storedump.dump(str(reference.db))

    again = run_ingest([corpus], str(db), "--workers", "2")
    assert again.returncode == 1 and again.failed == reference.run.failed
    assert again.summary.startswith(f"0 documents added, {total} unchanged, 4 failed; 0 events added"), again.stdout
    assert storedump.dump(str(db)) == storedump.dump(str(reference.db))
    assert storedump.duplicates(str(db)) == {"repeated_mentions": 0, "repeated_origins": 0, "n_sources_off": 0}


def test_ctrl_c_stops_the_run_leaves_every_document_whole_and_a_rerun_completes(dask_installed, corpus: Path,
                                                                                reference: Reference,
                                                                                tmp_path: Path) -> None:
    """Ctrl+C in a terminal signals every process of the group: the writer, the nannies, the workers."""
    db = tmp_path / "interrupted.db"
    proc = subprocess.Popen(ingest_command([corpus], str(db), "--workers", "2"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(), cwd=REPO, start_new_session=True)
    total = len(storedump.dump(str(reference.db))["documents"])
    try:
        deadline = time.monotonic() + 600
        while proc.poll() is None and _documents(db) < total // 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "interrupted: the documents counted above are stored" in err
    assert "Traceback" not in err, err  # the workers ignore the signal; the writer stops the cluster
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < stored < total
    assert storedump.duplicates(str(db))["n_sources_off"] == 0
    again = run_ingest([corpus], str(db), "--workers", "2")
    assert again.summary.startswith(f"{total - stored} documents added, {stored} unchanged"), again.stdout
    assert storedump.dump(str(db)) == storedump.dump(str(reference.db))


def test_an_existing_cluster_given_by_address_gives_the_same_store(dask_installed, corpus: Path,
                                                                    reference: Reference, tmp_path: Path) -> None:
    from distributed import LocalCluster

    db = tmp_path / "scheduler.db"
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                      silence_logs=50) as cluster:
        run = run_ingest([corpus], str(db), "--scheduler", cluster.scheduler_address)
    assert run.returncode == 1 and run.failed == reference.run.failed, run.stderr
    assert storedump.dump(str(db)) == storedump.dump(str(reference.db))


def test_a_scheduler_lost_mid_run_stops_with_a_failed_line_and_a_rerun_completes(dask_installed, corpus: Path,
                                                                                 reference: Reference,
                                                                                 tmp_path: Path) -> None:
    from distributed import LocalCluster

    db = tmp_path / "lost.db"
    total = len(storedump.dump(str(reference.db))["documents"])
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                           silence_logs=50)
    try:
        proc = subprocess.Popen(ingest_command([corpus], str(db), "--scheduler", cluster.scheduler_address),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(), cwd=REPO)
        deadline = time.monotonic() + 600
        while proc.poll() is None and _documents(db) < total // 5 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        cluster.close()
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1
    assert "failed: (the run): the Dask scheduler stopped answering" in err, err
    assert "run the command again to continue" in err and "Traceback" not in err
    stored = _documents(db)
    assert 0 < stored < total
    again = run_ingest([corpus], str(db), "--workers", "2")
    assert again.summary.startswith(f"{total - stored} documents added, {stored} unchanged"), again.stdout
    assert storedump.dump(str(db)) == storedump.dump(str(reference.db))


def test_an_unreachable_scheduler_is_a_clear_error(dask_installed, tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sample = Path(REPO / "timeline" / "samples" / "articles")
    run = run_ingest([sample], str(tmp_path / "x.db"), "--scheduler", f"tcp://127.0.0.1:{port}", timeout=120)
    assert run.returncode == 1
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in run.stderr
    assert "Traceback" not in run.stderr


def test_without_workers_dask_is_never_imported(tmp_path: Path) -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom timeline.cli import main\n"
            f"r = CliRunner().invoke(main, ['ingest', '--sample', '--db', {str(tmp_path / 'x.db')!r}, '--no-progress'])\n"
            "assert r.exit_code == 0, r.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_dask_tests_skip_with_a_reason_without_dask_but_fail_in_ci(monkeypatch) -> None:  # noqa: ANN001
    import builtins

    real = builtins.__import__

    def no_dask(name, *a, **kw):  # noqa: ANN001, ANN002, ANN003, ANN202
        if name.split(".")[0] == "distributed":
            raise ImportError("No module named 'distributed'")
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="dask\\[distributed\\] is not installed"):
        require_dask()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Dask is required in CI"):
        require_dask()


@pytest.mark.postgres
def test_workers_on_postgresql_give_the_store_of_one_process(dask_installed, corpus: Path, postgres_server) -> None:  # noqa: ANN001
    one, two = postgres_server.new_database(), postgres_server.new_database()
    plain = run_ingest([corpus], one)
    run = run_ingest([corpus], two, "--workers", "2")
    assert plain.returncode == run.returncode == 1 and run.failed == plain.failed, run.stderr
    assert storedump.dump(two) == storedump.dump(one)
