"""The bundled sample corpus: short reports in the project's own words (CC0), see README.md.

`SAMPLE_DIR` holds only the article files, so ``read_paths([SAMPLE_DIR])`` reads
exactly the corpus (this README and module stay outside it).
"""
from __future__ import annotations

from pathlib import Path

from ..ingest import SUPPORTED_SUFFIXES

SAMPLE_DIR: Path = Path(__file__).resolve().parent / "articles"


def sample_paths() -> list[Path]:
    """The sample files, sorted by name (the names start with the publication date)."""
    return sorted(p for p in SAMPLE_DIR.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith("."))
