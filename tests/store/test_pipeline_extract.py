"""End to end with the project's real readers, date resolution and event extractor.

`timeline ingest` then `timeline events --format jsonl`: every stored event must
trace back to its sentence and date expression in the stored document text.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.store import Store

REPORT = """Drone deliveries continue, officials say

KYIV, 14 June 2023 - Iran delivered a new batch of attack drones to Russia on 9 June 2023, Ukrainian officials said.
The drones were assembled at the Alabuga plant in Tatarstan, according to the statement.
On 12 June 2023 a drone strike damaged a grain terminal in Odesa.
"""


def test_ingest_then_list_traces_every_event(tmp_path: Path) -> None:
    src = tmp_path / "report.txt"
    src.write_text(REPORT, encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(src), "--db", db, "--no-progress"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "1 documents added" in first.output
    again = runner.invoke(main, ["ingest", str(src), "--db", db, "--no-progress"], catch_exceptions=False)
    assert "0 documents added, 1 unchanged" in again.output

    out = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"], catch_exceptions=False).output
    records = [json.loads(line) for line in out.splitlines()]
    assert records, "the extractor found no event in a report with three dated happenings"
    with Store(db) as st:
        (doc,) = st.documents()
        text = st.document(doc["id"])["text"]
    for rec in records:
        for s in rec["sources"]:
            assert text[s["start"]:s["end"]] == rec["sentence"] or s["doc_id"] != doc["id"]
            # date_text may include its preposition ("on 9 June 2023"); the offsets cover the date itself
            assert text[s["timex_start"]:s["timex_end"]] in s["date_text"]
    assert any(r["date_start"] == "2023-06-12" for r in records)


def test_failed_file_sets_exit_code(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(REPORT, encoding="utf-8")
    (folder / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # not a text format
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "t.db"), "--no-progress"])
    assert result.exit_code == 1
    assert f"failed: {folder / 'bad.png'}:" in result.output
    assert "1 documents added" in result.output


def test_ingest_sample_corpus(tmp_path: Path) -> None:
    db = str(tmp_path / "sample.db")
    result = CliRunner().invoke(main, ["ingest", "--sample", "--db", db, "--no-progress"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with Store(db) as st:
        docs = st.documents()
        assert len(docs) >= 10 and st.count() >= len(docs)
        # every event keeps its sentence, at the offsets given, in its document's stored text
        texts = {d["id"]: st.document(d["id"])["text"] for d in docs}
        for rec in st.events():
            for s in rec["sources"]:
                assert texts[s["doc_id"]][s["start"]:s["end"]] == s["sentence"]
    again = CliRunner().invoke(main, ["ingest", "--sample", "--db", db, "--no-progress"])
    assert again.exit_code == 0 and "0 documents added" in again.output


@pytest.mark.postgres
def test_sample_corpus_gives_the_same_answers_on_both_backends(tmp_path: Path, postgres_server) -> None:  # noqa: ANN001
    """The real pipeline into SQLite and PostgreSQL: every query of the API answers alike."""
    from timeline.ingest import read_paths
    from timeline.model import EventFilter
    from timeline.pipeline import ingest_documents
    from timeline.samples import SAMPLE_DIR

    # read once: trafilatura's process-wide deduplication can change an HTML page's text on a later read
    docs = list(read_paths([SAMPLE_DIR]))
    answers = []
    for url in (f"sqlite:///{tmp_path / 'parity.db'}", postgres_server.new_database()):
        with Store(url) as st:
            summary = ingest_documents(docs, st)
            assert summary.ok, summary.failed
            records = st.events(order="date")
            answers.append({
                "records": [{k: v for k, v in r.items() if k != "id"} for r in records],
                "months": st.counts_by_period(period="month"),
                "weeks": st.counts_by_period(period="week"),
                "facets": st.facets(),
                "search": [st.count(EventFilter(search=q)) for q in ("drones", '"Alabuga"', "Iran -Russia", "x or y")],
                "filtered": st.count(EventFilter(actors=["Iran"], date_from=date(2022, 9, 1))),
            })
    sqlite, postgres = answers
    assert len(sqlite["records"]) == len(postgres["records"])
    for i, (a, b) in enumerate(zip(sqlite["records"], postgres["records"])):
        assert a == b, f"record {i}: " + "; ".join(f"{k}: {a[k]!r} != {b[k]!r}" for k in a if a[k] != b[k])
    for key in ("months", "weeks", "facets", "filtered"):
        assert sqlite[key] == postgres[key], key
    assert sqlite["search"] == postgres["search"]
