"""A `store` fixture over both backends; the PostgreSQL server is tests/conftest.py's `postgres_server`."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.store import Store
from timeline.store.pgtemp import TempPostgres


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
