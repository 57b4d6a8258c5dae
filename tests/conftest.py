"""Fixtures shared by every test area.

Area-specific fixtures live beside their tests: tests/store/conftest.py starts a real
PostgreSQL server, tests/browser/conftest.py drives headless Chromium.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

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
