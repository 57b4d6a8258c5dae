"""`timeline export` end to end against a real SQLite store."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def test_html_file_holds_every_stored_event(stored_db, tmp_path):
    out = tmp_path / "timeline.html"
    result = _run("--db", stored_db, "--out", str(out), "--title", "Plant <watch>")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Plant &lt;watch&gt;</title>" in page
    data = json.loads(page.split('<script type="application/json" id="timeline-data">')[1].split("</script>")[0])
    assert data["n"] == 3 and data["description"] == "all stored events"
    assert "wrote 3 events as html" in result.output


def test_filters_mirror_timeline_events(stored_db):
    result = _run("--db", stored_db, "--out", "-", "--format", "json", "--type", "Battles")
    assert result.exit_code == 0, result.output
    assert [e["event_type"] for e in json.loads(result.output)] == ["Battles"]
    result = _run("--db", stored_db, "--out", "-", "--format", "json", "--actor", "russia", "--from", "2023-06-01")
    assert [e["date_text"] for e in json.loads(result.output)] == ["9 June 2023"]


def test_filters_are_described_in_the_page(stored_db, tmp_path):
    out = tmp_path / "t.html"
    assert _run("--db", stored_db, "--out", str(out), "--place", "Tehran").exit_code == 0
    assert "filters: place: Tehran" in out.read_text(encoding="utf-8")


def test_format_follows_the_suffix(stored_db, tmp_path):
    out = tmp_path / "events.csv"
    assert _run("--db", stored_db, "--out", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 3 and {r["precision"] for r in rows} == {"day", "month"}
    out = tmp_path / "events.geojson"
    assert _run("--db", stored_db, "--out", str(out)).exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 3


def test_every_format_writes_to_stdout(stored_db):
    for fmt in ("csv", "json", "geojson", "timelinejs", "acled"):
        result = _run("--db", stored_db, "--out", "-", "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert result.output.strip(), fmt
    slides = json.loads(_run("--db", stored_db, "--out", "-", "--format", "timelinejs").output)["events"]
    assert {"year": 2023, "month": 5} in [s["start_date"] for s in slides]


def test_missing_database_is_a_clear_error(tmp_path):
    missing = tmp_path / "none.db"
    result = _run("--db", f"sqlite:///{missing}", "--out", str(tmp_path / "x.html"))
    assert result.exit_code != 0
    assert f"no database at {missing}" in result.output
    assert not Path(tmp_path / "x.html").exists()


def test_bad_dates_and_unwritable_output_are_named(stored_db, tmp_path):
    result = _run("--db", stored_db, "--out", "-", "--from", "2023-13-01")
    assert result.exit_code == 2 and "'2023-13-01' is not a date" in result.output
    result = _run("--db", stored_db, "--out", "-", "--from", "2023-06-01", "--to", "2023-01-01")
    assert result.exit_code == 2 and "is after --to" in result.output
    target = tmp_path / "no-such-dir" / "t.html"
    result = _run("--db", stored_db, "--out", str(target))
    assert result.exit_code == 1 and f"{target}: cannot write the export" in result.output
