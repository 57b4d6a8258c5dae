"""The throwaway PostgreSQL server used by these tests and the benchmark."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.store.pgtemp import PostgresUnavailable, TempPostgres

REPO = Path(__file__).resolve().parents[2]


def test_missing_binaries_are_reported_with_the_fix() -> None:
    server = TempPostgres()
    server.bindir = None
    with pytest.raises(PostgresUnavailable, match="initdb not found.*apt-get install postgresql"):
        server.start()


@pytest.mark.postgres
def test_databases_are_separate(postgres_server: TempPostgres) -> None:
    a, b = postgres_server.new_database(), postgres_server.new_database()
    assert a != b and a.startswith("postgresql+psycopg://postgres@127.0.0.1:")


def _run_pg_test(ci: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TIMELINE_PG_BINDIR": "/nonexistent/postgresql/bin", "CI": ci}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/store/test_store_pgtemp.py::test_databases_are_separate"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )


def test_without_postgresql_skips_locally_but_fails_in_ci() -> None:
    local = _run_pg_test(ci="")
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
    ci = _run_pg_test(ci="true")
    assert ci.returncode == 1 and "PostgreSQL is required in CI" in ci.stdout, ci.stdout
