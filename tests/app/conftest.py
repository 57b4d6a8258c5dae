"""Stores for the app's query tests: SQLite, and a real throwaway PostgreSQL server.

The PostgreSQL half uses the store's own `timeline.store.pgtemp.TempPostgres`; without
the server binaries it is skipped with the reason, except under CI=true, where it fails.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BROWSER_CONFTEST = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"


def hand_documents() -> list[tuple[Any, list[Any]]]:
    """The hand-written documents of tests/browser/conftest.py (one source of test events)."""
    spec = importlib.util.spec_from_file_location("_browser_fixtures", BROWSER_CONFTEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.hand_documents()


@pytest.fixture(scope="session")
def app_postgres() -> Iterator[Any]:
    from timeline.store.pgtemp import PostgresUnavailable, TempPostgres

    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def filled_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A Store holding the hand-written documents, once per backend."""
    from timeline.store import Store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
    else:
        url = request.getfixturevalue("app_postgres").new_database()
    store = Store(url)
    for doc, events in hand_documents():
        store.add(doc, events)
    try:
        yield store
    finally:
        store.close()
