"""Fixtures of the parallel-ingest tests: the shared corpus and the single-process reference store.

The helpers (corpus, runners, the Dask check) are in ingestrun.py: a module of its own name, since
`conftest` names a module in every test folder.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ingestrun import Reference, make_corpus, require_dask, run_ingest


@pytest.fixture
def dask_installed() -> None:
    require_dask()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("parallel-corpus"))


@pytest.fixture(scope="session")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reference]:
    """The corpus ingested by the ordinary single-process command into SQLite."""
    db = tmp_path_factory.mktemp("reference") / "reference.db"
    run = run_ingest([corpus], str(db))
    assert run.returncode == 1, run.stderr  # the bad inputs fail, the rest goes in
    yield Reference(db, run)
