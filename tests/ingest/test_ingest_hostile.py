"""Hostile input never stops a run: each bad file or JSONL line is an error naming it.

Lone surrogates, JSON nested a thousand deep (in a JSONL line or an HTML page's JSON-LD),
HTML nested past libxml2's 256 levels, one-line articles ending in a copyright notice and
dates at the calendar's edges: the good documents around them all go in.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.ingest import IngestError, read_paths
from timeline.ingest.boilerplate import strip_trailing_boilerplate
from timeline.ingest.html import parse_html
from timeline.model import Document
from timeline.store import Store
from timeline.untrusted import MAX_JSON_DEPTH, clean_text, json_depth, loads_bounded, printable

GOOD_A = "Russian forces shelled Kharkiv on 3 March 2022, the regional governor said.\n"
GOOD_B = "Protesters gathered in Tbilisi on 9 March 2023 against a draft law, police said.\n"
SENTENCE = "Drones struck the port of Odesa on 17 July 2023, the navy said."


def test_lone_surrogate_in_jsonl_is_replaced_not_fatal(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text('{"text": "Shelling of Kyiv \\ud800 on 3 March 2022.", "title": "T\\udfff", "id": "\\ud801"}\n'
                 + json.dumps({"text": GOOD_A}) + "\n", encoding="utf-8")
    out = list(read_paths([f]))
    assert [type(r) for r in out] == [Document, Document]
    assert out[0].text == "Shelling of Kyiv \ufffd on 3 March 2022."
    assert out[0].title == "T\ufffd" and out[0].external_id == "\ufffd"
    out[0].text.encode("utf-8")  # hashable, storable, printable


@pytest.mark.parametrize("depth", [100, 1_000, 100_000])
def test_deep_jsonl_line_is_an_error_for_that_line(tmp_path: Path, depth: int) -> None:
    f = tmp_path / "deep.jsonl"
    f.write_text(json.dumps({"text": GOOD_A}) + "\n" + "[" * depth + "]" * depth + "\n"
                 + json.dumps({"text": GOOD_B}) + "\n", encoding="utf-8")
    out = list(read_paths([f]))
    assert [type(r) for r in out] == [Document, IngestError, Document]
    assert out[1].origin == f"{f}:2" and "nested more than" in out[1].reason


def test_depth_is_measured_without_strings() -> None:
    assert json_depth('{"a": "[[[[[[", "b": [1, {"c": []}]}') == 4
    assert json_depth("[" * 200_000 + "]" * 200_000) > MAX_JSON_DEPTH  # the vectorised path
    assert loads_bounded('{"a": [1]}') == {"a": [1]}
    with pytest.raises(ValueError):
        loads_bounded("{" * 5_000)


def test_clean_text_keeps_offsets_and_printable_escapes_bytes() -> None:
    assert clean_text("a\ud800b\udc00") == "a\ufffdb\ufffd"
    assert clean_text("\U0001F600") == "\U0001F600"  # a real pair is not a lone surrogate
    assert printable("caf\udce9.txt") == "caf\\xe9.txt"


def test_deep_json_ld_and_deep_html_keep_the_article() -> None:
    body = "<div>" * 300 + f"<p>{SENTENCE} {SENTENCE}</p>" + "</div>" * 300
    page = ('<html><head><title>Port</title><script type="application/ld+json">' + "[" * 3_000
            + f"</script></head><body>{body}</body></html>")
    art = parse_html(page, "deep.html")
    assert SENTENCE in art.text


def test_one_line_article_keeps_its_body_and_loses_only_the_footer() -> None:
    body = " ".join([SENTENCE] * 40)  # ~2.6 KB on one line, as when sample reports are joined
    kept, removed = strip_trailing_boilerplate(body + " © 2024 Example News. All rights reserved.")
    assert kept == body
    assert removed.strip() == "© 2024 Example News. All rights reserved."


def _write_bad(kind: str, path: Path) -> Path:
    """One bad input of `kind`; returns the file to name."""
    if kind == "deep_jsonl":
        f = path / "b_bad.jsonl"
        f.write_text("[" * 1_000 + "\n", encoding="utf-8")
    elif kind == "binary":
        f = path / "b_bad.txt"
        f.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 50)
    elif kind == "bad_json":
        f = path / "b_bad.jsonl"
        f.write_text('{"text": "unterminated\n', encoding="utf-8")
    elif kind == "empty_html":
        f = path / "b_bad.html"
        f.write_text("<html><body><script>" + "[" * 2_000 + "</script></body></html>", encoding="utf-8")
    elif kind == "not_utf8_jsonl":
        f = path / "b_bad.jsonl"
        f.write_bytes(b'{"text": "caf\xe9 in Kyiv on 3 March 2022"}\n')
    else:
        raise AssertionError(kind)
    return f


@pytest.mark.parametrize("kind", ["deep_jsonl", "binary", "bad_json", "empty_html", "not_utf8_jsonl"])
def test_cli_one_bad_file_between_two_good_ones(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text(GOOD_A, encoding="utf-8")
    bad = _write_bad(kind, src)
    (src / "c_good.txt").write_text(GOOD_B, encoding="utf-8")
    db = tmp_path / "t.db"
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--no-progress"])
    assert r.exit_code == 1, r.output
    failed = [ln for ln in r.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1 and str(bad) in failed[0], r.stderr
    assert "Traceback" not in r.output
    with Store(db) as st:
        assert st.stats()["documents"] == 2


@pytest.mark.parametrize("kind", ["lone_surrogate", "edge_dates", "deep_html", "one_line_copyright"])
def test_cli_repaired_inputs_between_two_good_ones_are_stored(tmp_path: Path, kind: str) -> None:
    """The inputs that stopped runs before and now have a defined reading: stored, with the good ones."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text(GOOD_A, encoding="utf-8")
    if kind == "lone_surrogate":
        (src / "b.jsonl").write_text('{"text": "Kyiv was shelled \\ud800 on 3 March 2022."}\n', encoding="utf-8")
    elif kind == "edge_dates":
        (src / "b.txt").write_text("Russian troops shelled Kyiv before 1 AD, officials said on 3 March 2022. "
                                   "Rockets hit Kharkiv after 9999-12-31, the mayor said.\n", encoding="utf-8")
    elif kind == "deep_html":
        (src / "b.html").write_text("<html><body>" + "<div>" * 300 + f"<p>{SENTENCE}</p>" + "</div>" * 300
                                    + "</body></html>", encoding="utf-8")
    else:
        (src / "b.txt").write_text(" ".join([SENTENCE] * 40) + " © 2024 Example News. All rights reserved.",
                                   encoding="utf-8")
    (src / "c_good.txt").write_text(GOOD_B, encoding="utf-8")
    db = tmp_path / "t.db"
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--no-progress"])
    assert r.exit_code == 0, r.output
    with Store(db) as st:
        assert st.stats()["documents"] == 3


@pytest.mark.parametrize("text", ["Russian troops shelled Kyiv before 1 AD, officials said.",
                                  "Rockets hit Kharkiv after 9999-12-31, the mayor said."])
def test_calendar_edge_leaves_that_event_unresolved(text: str) -> None:
    from datetime import date

    from timeline.events import extract

    events = extract(Document(text=text, published=date(2022, 3, 3)))
    assert events, "the event is kept"
    edge = events[0]
    assert edge.date_start is None and edge.date_end is None  # unresolved: nothing invented
    assert edge.date_value in ("0001", "9999-12-31")
