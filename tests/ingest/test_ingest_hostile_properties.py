"""Property tests: whatever the bytes, text, nesting or date, nothing escapes and nothing is lost.

Random bytes and random Unicode (lone surrogates included) go through `read_paths`,
`ingest_paths` and `timeline tag --jsonl`; JSON and HTML nested to random depths through
the readers; dates at the calendar's edges through `analyse` and `extract`. Every input
comes back either stored (a Document) or reported by name (an IngestError, a `failed:`
entry, an error line), and no exception escapes.
"""
from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.cli import main
from timeline.events import extract
from timeline.ingest import IngestError, iter_bytes, read_paths
from timeline.model import Document
from timeline.pipeline import ingest_paths
from timeline.store import Store
from timeline.temporal import analyse

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".bin"]
#: any code point, lone surrogates (category Cs) included
ANY_CHAR = st.characters(blacklist_categories=())
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_named(results: list, names: set[str]) -> None:
    """Each result is a Document or an IngestError whose origin names one of the files."""
    for r in results:
        assert isinstance(r, (Document, IngestError)), type(r)
        origin = r.origin
        assert any(origin == n or origin.startswith(n + ":") or n in origin for n in names), origin
        if isinstance(r, Document):
            r.text.encode("utf-8")  # storable and printable
            assert r.text.strip()


@FEW
@given(blobs=st.lists(st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=2000)), min_size=1, max_size=4))
def test_random_bytes_are_read_or_named(blobs: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        names = set()
        for i, (suffix, data) in enumerate(blobs):
            f = Path(tmp) / f"f{i}{suffix}"
            f.write_bytes(data)
            names.add(str(f))
        results = list(read_paths([tmp]))
        _check_named(results, names)
        for n in names:  # every file is accounted for: read, or named with its reason
            assert any(r.origin == n or r.origin.startswith(n + ":") for r in results), n


@FEW
@given(texts=st.lists(st.text(ANY_CHAR, max_size=300), min_size=1, max_size=5))
def test_random_unicode_in_jsonl_is_read_or_named(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "r.jsonl"
        lines = [json.dumps({"text": t, "title": t[:20], "id": t[:5]}) for t in texts]  # ensure_ascii: \\udXXX stays
        f.write_text("\n".join(lines) + "\n", encoding="utf-8")
        results = list(read_paths([f]))
        _check_named(results, {str(f)})
        for r in results:  # one result per non-blank line, named by its line
            if isinstance(r, Document):
                assert ":" in r.origin


@FEW
@given(text=st.text(ANY_CHAR, min_size=1, max_size=400), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_unicode_uploads_are_read_or_named(text: str, suffix: str) -> None:
    data = text.encode("utf-8", "surrogatepass")  # invalid UTF-8 where a surrogate was: the decoder's problem
    for r in iter_bytes(data, f"upload{suffix}"):
        _check_named([r], {f"upload{suffix}"})


@FEW
@given(depth=st.integers(min_value=1, max_value=20_000), kind=st.sampled_from(["list", "dict", "mixed"]))
def test_nested_json_lines_never_raise(depth: int, kind: str) -> None:
    opener = {"list": "[", "dict": '{"a":', "mixed": '[{"a":'}[kind]
    closer = {"list": "]", "dict": "}", "mixed": "}]"}[kind]
    line = opener * depth + "1" + closer * depth
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "n.jsonl"
        f.write_text(line + "\n" + json.dumps({"text": "Kyiv was shelled on 3 March 2022."}) + "\n", encoding="utf-8")
        results = list(read_paths([f]))
    assert isinstance(results[0], IngestError) and results[0].origin.endswith(":1")
    assert isinstance(results[1], Document)


@FEW
@given(depth=st.integers(min_value=1, max_value=3_000), ld_depth=st.integers(min_value=0, max_value=5_000))
def test_nested_html_never_raises(depth: int, ld_depth: int) -> None:
    page = ('<html><head><script type="application/ld+json">' + "[" * ld_depth + "</script></head><body>"
            + "<div>" * depth + "<p>Rockets hit Kharkiv on 3 March 2022, the governor said.</p>" + "</div>" * depth
            + "</body></html>")
    results = list(iter_bytes(page.encode("utf-8"), "page.html"))
    assert len(results) == 1
    assert isinstance(results[0], Document) and "Kharkiv" in results[0].text


EDGE_PHRASES = ["before 1 AD", "after 9999-12-31", "on 31 December 9999", "on 1 January 1", "in 9999",
                "tomorrow", "yesterday", "next year", "last century", "in the next millennium", "by 10000",
                "since 500 BC", "from 1 AD to 9999 AD", "on Easter 9999", "next week", "in the year 0"]
EDGE_DCTS = [None, date(1, 1, 1), date(1, 1, 2), date(9999, 12, 31), date(9999, 12, 30), date(2022, 3, 3)]


@settings(max_examples=60, deadline=None)
@given(phrases=st.lists(st.sampled_from(EDGE_PHRASES), min_size=1, max_size=4), dct=st.sampled_from(EDGE_DCTS))
def test_calendar_edges_never_raise_in_tag_or_extract(phrases: list[str], dct: date | None) -> None:
    text = " ".join(f"Russian troops shelled Kyiv {p}, officials said." for p in phrases)
    analyse(text, dct)
    for ev in extract(Document(text=text, published=dct)):
        if ev.date_start is not None and ev.date_end is not None:
            assert ev.date_start <= ev.date_end


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    with Store(tmp_path_factory.mktemp("prop") / "t.db") as st:
        yield st


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(blobs=st.lists(st.one_of(st.binary(max_size=1500).map(lambda b: (".txt", b)),
                                st.text(ANY_CHAR, max_size=600).map(
                                    lambda t: (".jsonl", (json.dumps({"text": t}) + "\n").encode())),
                                st.text(ANY_CHAR, max_size=600).map(
                                    lambda t: (".txt", t.encode("utf-8", "surrogatepass")))),
                      min_size=1, max_size=3))
def test_ingest_paths_stores_or_names_every_input(shared_store: Store, blobs: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, (suffix, data) in enumerate(blobs):
            f = Path(tmp) / f"f{i}{suffix}"
            f.write_bytes(data)
            files.append(str(f))
        summary = ingest_paths(files, shared_store, progress=False)
        assert summary.documents_seen == len(blobs)  # one per file here (each JSONL holds one line)
        for origin, reason in summary.failed:
            assert any(origin.startswith(f) for f in files) and reason


@FEW
@given(texts=st.lists(st.text(ANY_CHAR, max_size=200), min_size=1, max_size=4))
def test_tag_jsonl_answers_every_line(texts: list[str]) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": t, "dct": "2022-03-03"}) for i, t in enumerate(texts)]
    lines.insert(1, "[" * 5_000)  # one line nested too deep to parse
    r = CliRunner().invoke(main, ["tag", "--jsonl", "-"], input="\n".join(lines) + "\n")
    assert r.exit_code == 1  # the deep line
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == [f"d{i}" for i in range(len(texts))]
    assert "<stdin>:2: invalid JSON: JSON nested more than" in r.stderr
