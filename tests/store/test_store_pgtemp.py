"""The throwaway PostgreSQL server used by these tests and the benchmark."""
from __future__ import annotations

import pytest

from timeline.store.pgtemp import PostgresUnavailable, TempPostgres


def test_missing_binaries_are_reported_with_the_fix() -> None:
    server = TempPostgres()
    server.bindir = None
    with pytest.raises(PostgresUnavailable, match="initdb not found.*apt-get install postgresql"):
        server.start()


@pytest.mark.postgres
def test_databases_are_separate(postgres_server: TempPostgres) -> None:
    a, b = postgres_server.new_database(), postgres_server.new_database()
    assert a != b and a.startswith("postgresql+psycopg://postgres@127.0.0.1:")
