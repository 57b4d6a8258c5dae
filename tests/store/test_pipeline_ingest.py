"""The ingest pipeline on both backends: real readers, real store, per-document failure reporting.

Extraction is given explicitly here (`known_events`: the hand-written events of
handmade.py, located in whatever text the reader produced) so these tests check the
pipeline's own job, gluing and failure isolation; test_pipeline_extract.py runs the
project's real extractor end to end.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from handmade import REPORT_A, REPORT_B, events_a, events_b

from timeline.ingest import IngestError
from timeline.model import Document, Event
from timeline.pipeline import IngestSummary, ingest_documents, ingest_paths
from timeline.store import Store

TEMPLATES = [*events_a(), *events_b()]


def known_events(doc: Document) -> list[Event]:
    """The hand-written events whose sentences occur in `doc`, with offsets into this text."""
    if "EXTRACTOR-BUG" in doc.text:
        raise ZeroDivisionError("simulated extractor bug")
    out = []
    for t in TEMPLATES:
        start = doc.text.find(t.sentence)
        if start < 0:
            continue
        timex = doc.text.index(t.date_text, start)
        out.append(dataclasses.replace(t, sentence_start=start, sentence_end=start + len(t.sentence),
                                       timex_start=timex, timex_end=timex + len(t.date_text), doc_id=doc.id))
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "wire").mkdir(parents=True)
    (root / "wire" / "a.txt").write_text(REPORT_A.text + "\n", encoding="utf-8")
    (root / "b.md").write_text("# Second account\n\n" + REPORT_B.text + "\n", encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe\x00" * 20)
    (root / "buggy.txt").write_text("On 1 May 2023 the EXTRACTOR-BUG sentence appears.\n", encoding="utf-8")
    return root


def test_ingest_paths_stores_good_files_and_reports_bad_ones(store: Store, corpus: Path) -> None:
    summary = ingest_paths([corpus], store, progress=False, extract=known_events)
    assert isinstance(summary, IngestSummary)
    assert (summary.documents_added, summary.documents_unchanged) == (2, 0)
    assert (summary.events_added, summary.events_merged) == (4, 1)
    failed = dict(summary.failed)
    assert set(failed) == {str(corpus / "broken.txt"), str(corpus / "buggy.txt")}, summary.failed
    assert "ZeroDivisionError: simulated extractor bug" in failed[str(corpus / "buggy.txt")]
    assert "event extraction failed" in failed[str(corpus / "buggy.txt")]
    assert store.stats()["documents"] == 2 and store.count() == 4
    origins = {d["origin"] for d in store.documents()}
    assert origins == {str(corpus / "wire" / "a.txt"), str(corpus / "b.md")}


def test_second_run_is_unchanged(store: Store, corpus: Path) -> None:
    ingest_paths([corpus], store, progress=False, extract=known_events)
    again = ingest_paths([corpus], store, progress=False, extract=known_events)
    assert (again.documents_added, again.documents_unchanged, again.events_added) == (0, 2, 0)
    assert store.count() == 4


def test_database_error_fails_only_that_document(store: Store, corpus: Path) -> None:
    def extract(doc: Document) -> list[Event]:
        evs = known_events(doc)
        if "Second account" in doc.text:  # one event breaks the confidence constraint
            evs[0] = dataclasses.replace(evs[0], confidence=3.0)
        return evs

    summary = ingest_paths([corpus / "b.md", corpus / "wire"], store, progress=False, extract=extract)
    assert summary.documents_added == 1
    assert [o for o, _ in summary.failed] == [str(corpus / "b.md")]
    assert "could not store document" in summary.failed[0][1]
    assert store.stats()["documents"] == 1 and store.count() == 3


def test_given_publication_date_and_publisher(store: Store, corpus: Path) -> None:
    ingest_paths([corpus / "wire" / "a.txt"], store, published=date(2023, 6, 20), publisher="Field Notes",
                 progress=False, extract=known_events)
    (d,) = store.documents()
    assert (d["published"], d["published_source"], d["publisher"]) == ("2023-06-20", "given", "Field Notes")


def test_ingest_documents_accepts_reader_errors(store: Store) -> None:
    items = [REPORT_A, IngestError("upload.pdf", "unsupported file type"), REPORT_B]
    summary = ingest_documents(items, store, extract=known_events)
    assert summary.documents_added == 2 and summary.failed == [("upload.pdf", "unsupported file type")]
    assert summary.to_dict()["documents_failed"] == 1
    assert REPORT_A.publisher == "Example Wire"  # the caller's documents are not modified


def test_interrupt_keeps_what_was_stored(store: Store) -> None:
    def extract(doc: Document) -> list[Event]:
        if doc.title == REPORT_B.title:  # Ctrl+C while the second document is being processed
            raise KeyboardInterrupt
        return known_events(doc)

    summary = ingest_documents([REPORT_A, REPORT_B], store, extract=extract)
    assert summary.interrupted and not summary.ok
    assert summary.documents_added == 1
    assert [d["id"] for d in store.documents()] == [REPORT_A.id]
    again = ingest_documents([REPORT_A, REPORT_B], store, extract=known_events)
    assert (again.documents_unchanged, again.documents_added) == (1, 1)


def test_year_only_publication_date_is_kept_at_its_precision(store: Store, tmp_path: Path) -> None:
    """A text that pins only its year: stored as published_value "2023", never as a day."""
    path = tmp_path / "undated.txt"
    path.write_text(
        "Ties between Moscow and Tehran have deepened since Russia invaded Ukraine last year.\n\n"
        "Western capitals first raised the alarm in October of last year, when the strikes on Kyiv began.\n",
        encoding="utf-8")
    summary = ingest_paths([path], store, progress=False)
    assert summary.failed == [] and summary.documents_added == 1
    (doc,) = store.documents()
    assert doc["published"] is None and doc["published_value"] == "2023" and doc["published_source"] == "inferred"
    october = [e for e in store.events() if "October" in e["date_text"]]
    assert october and october[0]["date_start"] == "2022-10-01"
    assert october[0]["sources"][0]["published_value"] == "2023"
