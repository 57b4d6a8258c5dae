"""`timeline events` and `timeline ingest` through click, against a real database on both backends."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from handmade import REPORT_A, REPORT_B, events_a, events_b

from timeline.cli import main
from timeline.store import Store

JSONL_KEYS = {"id", "date_start", "date_end", "precision", "date_text", "summary", "sentence", "event_type",
              "actors", "places", "sources"}


@pytest.fixture
def filled_url(db_url: str) -> str:
    with Store(db_url) as st:
        st.add(REPORT_A, events_a())
        st.add(REPORT_B, events_b())
    return db_url


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_jsonl_gives_full_records(filled_url: str) -> None:
    result = run("events", "--db", filled_url, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 4
    for rec in records:
        assert JSONL_KEYS <= rec.keys()
        for src in rec["sources"]:
            assert {"doc_id", "title", "url", "published", "start", "end"} <= src.keys()
    merged = next(r for r in records if len(r["sources"]) == 2)
    assert merged["date_start"] == "2023-06-09" and merged["actors"][0]["name"] == "Iran"


def test_filters_combine(filled_url: str) -> None:
    out = run("events", "--db", filled_url, "--format", "json", "--from", "2023-06-01", "--to", "2023-06-10",
              "--actor", "Russia", "--type", "Strategic developments").output
    assert sorted(r["summary"] for r in json.loads(out)) == [
        "Iran shipped a new batch of attack drones to Russia", "Ukraine's army reported fighting near Bakhmut"]
    out = run("events", "--db", filled_url, "--format", "json", "--search", "grain", "--place", "Odesa").output
    assert [r["sub_type"] for r in json.loads(out)] == ["Air/drone strike"]
    out = run("events", "--db", filled_url, "--format", "json", "--source", "Other Daily", "--limit", "1",
              "--order", "-date").output
    assert len(json.loads(out)) == 1


def test_csv_and_table(filled_url: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", filled_url, "--format", "csv").output)))
    assert len(rows) == 4
    since = next(r for r in rows if r["date_text"] == "Since August 2022")
    assert (since["date_end"], since["open_end"]) == ("", "True")
    table = run("events", "--db", filled_url, "--limit", "2").output
    assert "2 of 4 matching events" in table and "2022-08-01 →" in table


def test_db_from_environment(filled_url: str) -> None:
    result = run("events", "--format", "jsonl", env={"TIMELINE_DB": filled_url})
    assert result.exit_code == 0 and len(result.output.splitlines()) == 4


def test_bad_input_is_a_clear_error(tmp_path: Path, filled_url: str) -> None:
    missing = run("events", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no database at" in missing.output
    assert not (tmp_path / "none.db").exists()  # a read command does not create an empty database
    bad_date = run("events", "--db", filled_url, "--from", "June 2023")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    bad_order = run("events", "--db", filled_url, "--order", "colour")
    assert bad_order.exit_code == 2 and "unknown order" in bad_order.output


def test_ingest_usage_errors(tmp_path: Path) -> None:
    assert run("ingest", "--db", str(tmp_path / "t.db")).exit_code == 2  # neither PATH nor --sample
    result = run("ingest", str(tmp_path), "--db", str(tmp_path / "no" / "such" / "dir" / "t.db"))
    assert result.exit_code == 1 and "does not exist" in result.output
    result = run("ingest", str(tmp_path), "--published", "13/06/2023")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
