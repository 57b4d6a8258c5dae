"""A real PostgreSQL server for the store tests, and a `store` fixture over both backends.

The server (timeline.store.pgtemp) is initdb'd into a temporary directory and started
with pg_ctl on a free loopback port (as the `postgres` system user when we run as root,
since postgres refuses to run as root). Without the binaries the PostgreSQL half is skipped with the
reason, except in CI (CI=true), where it fails: CI must test both backends.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.store import Store
from timeline.store.pgtemp import PostgresUnavailable, TempPostgres


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[TempPostgres]:
    """A throwaway PostgreSQL server (its own cluster, stopped and removed at the end)."""
    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: TempPostgres) -> str:
    """URL of the throwaway server's default database."""
    return postgres_server.url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'timeline.db'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An opened, empty Store on each backend; the same test code runs on both."""
    st = Store(db_url)
    try:
        yield st
    finally:
        st.close()
