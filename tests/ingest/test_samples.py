"""The bundled sample corpus reads cleanly, each report carries a findable publication date."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import IngestError, read_paths
from timeline.model import Document
from timeline.published import find_published
from timeline.samples import SAMPLE_DIR, sample_paths


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    results = list(read_paths([SAMPLE_DIR]))
    errors = [r for r in results if isinstance(r, IngestError)]
    assert not errors, errors
    return results


def test_sample_dir_holds_only_the_articles() -> None:
    paths = sample_paths()
    assert [p.name for p in paths] == sorted(p.name for p in SAMPLE_DIR.iterdir())
    suffixes = [p.suffix for p in paths]
    assert suffixes.count(".txt") >= 5 and suffixes.count(".md") == 2 and suffixes.count(".html") == 2
    assert suffixes.count(".jsonl") == 1
    readme = (SAMPLE_DIR.parent / "README.md").read_text()
    assert "CC0" in readme and "own words" in readme


def test_a_dozen_reports_of_150_to_400_words(docs: list[Document]) -> None:
    assert 12 <= len(docs) <= 16
    for doc in docs:
        n = len(doc.text.split())
        assert 140 <= n <= 420, (doc.origin, n)


def test_every_report_has_a_day_precise_publication_date(docs: list[Document]) -> None:
    sources = set()
    for doc in docs:
        info = find_published(doc)
        assert info.precision == "day" and info.source in ("metadata", "dateline"), (doc.origin, info)
        sources.add(info.source)
        name = Path(doc.origin.split(":")[0]).name
        m = re.match(r"(\d{4}-\d{2}-\d{2})-", name)
        if m:  # the file name starts with its publication date
            assert info.date == date.fromisoformat(m.group(1)), (doc.origin, info)
    assert sources == {"metadata", "dateline"}


def test_jsonl_records_carry_their_own_dates(docs: list[Document]) -> None:
    path = next(p for p in sample_paths() if p.suffix == ".jsonl")
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert 3 <= len(records) <= 4
    by_id = {d.external_id: d for d in docs if d.external_id}
    for rec in records:
        assert by_id[rec["id"]].published == date.fromisoformat(rec["published"][:10])


def test_site_furniture_is_not_in_the_stored_texts(docs: list[Document]) -> None:
    for doc in docs:
        for furniture in ("©", "All rights reserved", "Sign in", "Subscribe", "cookies", "Terms of Use", "Most read"):
            assert furniture not in doc.text, (doc.origin, furniture)


def test_relative_date_styles_are_varied(docs: list[Document]) -> None:
    corpus = "\n".join(d.text for d in docs)
    for phrase in ("on Friday", "last month", "October of last year", "early next year", "on Monday"):
        assert phrase in corpus, phrase


def test_samples_share_no_passage_with_the_seed_article(docs: list[Document], seed_article: Path) -> None:
    """Own words: no run of 8 words in common with the real article the project was seeded with."""
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 8]) for i in range(len(words) - 7)}

    seed = shingles(seed_article.read_text(encoding="utf-8"))
    for doc in docs:
        common = shingles(doc.text) & seed
        assert not common, (doc.origin, sorted(common)[:3])
