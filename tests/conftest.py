"""Fixtures shared by every test area.

Area-specific fixtures live beside their tests: tests/store/conftest.py gives a store on each
backend, tests/browser/conftest.py drives headless Chromium. The real PostgreSQL server is here,
one per session, for every area that needs one (store, parallel ingest).

The server (timeline.store.pgtemp) is initdb'd into a temporary directory and started
with pg_ctl on a free loopback port (as the `postgres` system user when we run as root,
since postgres refuses to run as root). Without the binaries the PostgreSQL tests are skipped with the
reason, except in CI (CI=true), where they fail: CI must test both backends.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from timeline.store.pgtemp import TempPostgres

REPO = Path(__file__).resolve().parents[1]
#: ../shared/corpora beside the repo root (or $TIMELINE_CORPORA): real annotated text, not shipped.
CORPORA = Path(os.environ.get("TIMELINE_CORPORA", REPO.parent / "shared" / "corpora"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Map tests need the offline world shapes (third-party data, fetched, never committed)."""
    from timeline import mapdata

    reason = mapdata.ensure()
    if reason:
        print(f"\nwarning: {reason}; map tests will fail")


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared evaluation corpora; tests that need them skip, with the reason, when absent."""
    if not (CORPORA / "README.md").is_file():
        pytest.skip(f"shared corpora not found at {CORPORA} (set TIMELINE_CORPORA); evaluation checks skipped")
    return CORPORA


@pytest.fixture(scope="session")
def seed_article(corpora: Path) -> Path:
    path = corpora / "seed" / "iran-russia-drone-factory.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found at {path}")
    return path


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[TempPostgres]:
    """A throwaway PostgreSQL server (its own cluster, stopped and removed at the end)."""
    from timeline.store.pgtemp import PostgresUnavailable, TempPostgres

    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()
