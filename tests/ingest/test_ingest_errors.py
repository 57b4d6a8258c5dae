"""Every kind of bad input is an IngestError naming the file and the reason; the others still come through."""
from __future__ import annotations

import codecs
import os
import tracemalloc
import warnings
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import IngestError, IngestWarning, read_path, read_paths
from timeline.model import Document

TEXT = "Air defences shot down most of the drones launched at the capital overnight, officials said on Sunday."


def only(path: Path, **kw) -> Document | IngestError:
    results = list(read_path(path, **kw))
    assert len(results) == 1, results
    return results[0]


def error(path: Path, **kw) -> IngestError:
    r = only(path, **kw)
    assert isinstance(r, IngestError), r
    assert r.origin == str(path)
    assert str(path) in str(r)
    return r


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200))
    assert "binary file" in error(p).reason


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 40)
    assert "binary file" in error(p).reason


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"  \n"])
def test_empty_or_whitespace(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "blank.txt"
    p.write_bytes(content)
    assert "empty" in error(p).reason


def test_undecodable_bytes(tmp_path: Path) -> None:
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(range(0x80, 0x100)) * 8)
    assert "undecodable bytes" in error(p).reason or "ambiguous encoding" in error(p).reason


def test_bad_utf16_after_bom_names_the_problem(tmp_path: Path) -> None:
    p = tmp_path / "broken16.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert "utf-16" in error(p).reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    p = tmp_path / "wide.txt"
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    p.write_bytes(bom + ("Kyiv — " + TEXT).encode(codec))
    doc = only(p)
    assert isinstance(doc, Document)
    assert doc.text == "Kyiv — " + TEXT and doc.encoding == "utf-16"


def test_utf8_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + ("Zelensky’s " + TEXT).encode("utf-8"))
    doc = only(p)
    assert doc.text == "Zelensky’s " + TEXT and doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("sentence, codec, expected", [
    ("Le café était fermé à Genève, où les élèves sont allés après la réunion sur les drones.", "latin-1", "cp1252"),
    ("Zelensky said the drones were downed near Kupiansk. Façade, naïve, señor, déjà vu.", "latin-1", "cp1252"),
    ("The deal was worth £5 million, the minister said.", "latin-1", "cp1252"),
    ("Україна повідомила, що збила іранський безпілотник біля Куп'янська у вівторок.", "cp1251", "cp1251"),
    ("Украина сообщила, что сбила иранский беспилотник возле Купянска во вторник.", "cp1251", "cp1251"),
])
def test_legacy_encodings_are_detected_not_mangled(tmp_path: Path, sentence: str, codec: str, expected: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(sentence.encode(codec))
    doc = only(p)
    assert isinstance(doc, Document), doc
    assert doc.text == sentence and doc.encoding == expected


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    p = tmp_path / "old.html"
    body = "<p>" + ("Les drones ont frappé la centrale électrique à l'aube, a déclaré le ministère. " * 3) + "</p>"
    p.write_bytes(f'<html><head><meta charset="windows-1252"><title>Frappe</title></head><body><article>{body}'
                  "</article></body></html>".encode("cp1252"))
    doc = only(p)
    assert isinstance(doc, Document), doc
    assert "frappé la centrale électrique" in doc.text and doc.encoding == "cp1252"


@pytest.mark.parametrize("markup", [
    "<html><body><p>Unclosed <b>bold <i>italic <div>Drones struck a fuel depot near the border on Friday, "
    "the regional governor said.</p></span></td></html></html><<<>>>",
    "<<<<>>>> <p  Drones struck a depot on Friday and the fire burned for hours, officials said.",
    "<table><tr><td>Drones struck a depot on Friday, officials said.<td><tr></table></p></div>",
])
def test_malformed_html_does_not_crash(tmp_path: Path, markup: str) -> None:
    p = tmp_path / "bad.html"
    p.write_text(markup)
    r = only(p)
    if isinstance(r, Document):
        assert "Drones struck" in r.text and "<" not in r.text
    else:
        assert r.reason.startswith(("no main text", "malformed HTML"))


def test_html_without_any_text(tmp_path: Path) -> None:
    p = tmp_path / "shell.html"
    p.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body><nav>Home</nav></body></html>")
    assert "no main text" in error(p).reason


def test_file_too_large_is_refused_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse 50 MB file: no disk or memory spent creating it
        fh.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        r = only(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(r, IngestError) and r.reason == "file too large (50.0 MB > limit 20.0 MB)"
    assert peak < 1024 * 1024, f"peak {peak} bytes: the file was read"


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    p = tmp_path / "small.txt"
    p.write_text(TEXT * 20)
    assert "file too large" in error(p, max_bytes=1000).reason
    assert isinstance(only(p, max_bytes=10_000), Document)


def test_impossible_metadata_dates_are_ignored_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "bad-date.html"
    p.write_text('<html><head><meta property="article:published_time" content="2023-02-30T10:00:00Z">'
                 '<meta name="date" content="2023-03-01"></head><body><article><p>'
                 + TEXT * 3 + "</p></article></body></html>")
    with pytest.warns(IngestWarning, match=r"bad-date\.html.*2023-02-30"):
        doc = only(p)
    assert doc.published == date(2023, 3, 1)  # the next, valid metadata field
    md = tmp_path / "bad-date.md"
    md.write_text("---\ndate: 2023-13-45\n---\n" + TEXT)
    with pytest.warns(IngestWarning, match="2023-13-45"):
        doc = only(md)
    assert doc.published is None and doc.published_source == "unknown"


def test_jsonl_bad_lines_do_not_stop_good_ones(fixtures: Path) -> None:
    with pytest.warns(IngestWarning, match=r"records\.jsonl:5.*2023-02-30"):
        results = list(read_path(fixtures / "records.jsonl"))
    assert [type(r).__name__ for r in results] == ["Document", "Document", "IngestError", "IngestError", "Document"]
    bad_json, no_text = results[2], results[3]
    assert bad_json.origin == f"{fixtures / 'records.jsonl'}:3" and "invalid JSON" in bad_json.reason
    assert no_text.origin.endswith("records.jsonl:4") and '"text"' in no_text.reason
    assert results[4].published is None  # impossible date ignored, the record kept


@pytest.mark.parametrize("line, reason", [
    (b"[1, 2, 3]", "expected a JSON object"),
    (b'{"text": 5}', '"text"'),
    (b'{"text": "ok text", "title": {"a": 1}}', '"title" must be a string'),
    (b'{"text": "caf\xe9"}', "not UTF-8"),
])
def test_jsonl_record_errors(tmp_path: Path, line: bytes, reason: str) -> None:
    p = tmp_path / "one.jsonl"
    p.write_bytes(b'{"text": "A good record about a strike on Friday."}\n' + line + b"\n")
    results = list(read_path(p))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], IngestError) and reason in results[1].reason
    assert results[1].origin == f"{p}:2"


def test_missing_path_and_errors_do_not_stop_the_rest(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    results = list(read_paths([tmp_path / "nope.txt", empty, good]))
    assert [type(r).__name__ for r in results] == ["IngestError", "IngestError", "Document"]
    assert "no such file" in results[0].reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path: Path, codec: str) -> None:
    p = tmp_path / "wide-nobom.txt"
    p.write_bytes(TEXT.encode(codec))
    doc = only(p)
    assert isinstance(doc, Document) and doc.text == TEXT and doc.encoding == codec


def test_jsonl_over_long_record_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    p = tmp_path / "long.jsonl"
    long_text = "word " * 2000
    p.write_text('{"text": "%s"}\n{"text": "%s"}\n' % (long_text, TEXT))
    results = list(read_path(p, max_bytes=1000))
    assert isinstance(results[0], IngestError) and results[0].origin == f"{p}:1"
    assert "record too large" in results[0].reason
    assert isinstance(results[1], Document) and results[1].text == TEXT and results[1].origin == f"{p}:2"


def test_a_single_path_string_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "one.txt"
    p.write_text(TEXT)
    assert [d.text for d in read_paths(str(p))] == [TEXT]


def test_ambiguous_legacy_bytes_are_refused_with_the_candidates(tmp_path: Path) -> None:
    p = tmp_path / "koi.txt"
    p.write_bytes("Україна повідомила, що збила іранський безпілотник.".encode("koi8-u"))
    r = only(p)
    # Either decoded right, or refused naming the candidates: never silently wrong.
    if isinstance(r, Document):
        assert r.text == "Україна повідомила, що збила іранський безпілотник."
    else:
        assert "ambiguous encoding" in r.reason and "koi8" in r.reason and str(p) in str(r)
