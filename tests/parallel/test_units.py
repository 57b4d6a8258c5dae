"""Units of work (`timeline.ingest.path_units` / `read_unit`) read exactly what `read_paths` reads.

The parallel ingest hands units to Dask workers; the store can only come out the same if the
units, read one after another, give the same records and errors in the same order as reading
the paths whole: JSONL feeds cut at any line count, byte-order marks, blank, broken, huge and
last lines without a newline, whitespace-only files, directories in sorted order.
"""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import IngestError, read_paths
from timeline.ingest.readers import FileUnit, LinesUnit, path_units, read_unit

_LINES = st.sampled_from([
    b'{"text": "Troops shelled Kharkiv on 3 March 2022.", "published": "2022-03-04"}',
    b'{"text": "Protesters marched in Khartoum on 5 May 2023."}',
    b'{"title": "no text"}', b"not json", b"", b"   ", b"[1, 2]", b'{"text": "\xff\xfe bad utf8"}',
    b'{"text": "A long line ' + b"word " * 40 + b'on 1 June 2021."}',
])


def _records(results) -> list:  # noqa: ANN001
    out = []
    for r in results:
        if isinstance(r, IngestError):
            out.append(("error", r.origin, r.reason))
        else:
            out.append(("doc", r.origin, r.id, r.title, r.published, r.external_id, r.text))
    return out


def _by_units(paths: list[Path], per_unit: int | None, max_bytes: int | None = None) -> list:
    kw = {} if max_bytes is None else {"max_bytes": max_bytes}
    out = []
    for p in paths:
        for unit in path_units(p, lines_per_unit=per_unit):
            out.extend(_records([unit]) if isinstance(unit, IngestError) else _records(read_unit(unit, **kw)))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINES, max_size=25), bom=st.booleans(), final_newline=st.booleans(),
       per_unit=st.integers(1, 6))
def test_a_feed_cut_into_line_units_reads_as_the_whole_file(tmp_path: Path, lines: list[bytes], bom: bool,
                                                            final_newline: bool, per_unit: int) -> None:
    path = tmp_path / "feed.jsonl"
    data = (b"\xef\xbb\xbf" if bom else b"") + b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    path.write_bytes(data)
    assert _by_units([path], per_unit) == _records(read_paths([path]))


def test_units_cut_a_feed_at_line_starts_and_number_lines_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(f'{{"text": "Report {i}: troops shelled Kharkiv on 3 March 2022."}}\n'
                            for i in range(1, 11)), encoding="utf-8")
    units = list(path_units(path, lines_per_unit=4))
    assert [(u.first_line, u.lines) for u in units] == [(1, 4), (5, 4), (9, 2)]
    assert all(isinstance(u, LinesUnit) for u in units)
    data = path.read_bytes()
    assert all(u.start == 0 or data[u.start - 1:u.start] == b"\n" for u in units)
    assert [d.origin for u in units for d in read_unit(u)] == [f"{path}:{i}" for i in range(1, 11)]


def test_special_feeds_stay_whole(tmp_path: Path) -> None:
    """A UTF-16 byte-order mark, only whitespace, or no more lines than one unit: one FileUnit."""
    cases = {"utf16.jsonl": "\ufeff{\"text\": \"x\"}\n".encode("utf-16-le"), "blank.jsonl": b"\n \n\t\n" * 20,
             "short.jsonl": b'{"text": "Troops shelled Kharkiv on 3 March 2022."}\n' * 3}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        units = list(path_units(tmp_path / name, lines_per_unit=5))
        assert len(units) == 1 and isinstance(units[0], FileUnit), name
        assert _by_units([tmp_path / name], 5) == _records(read_paths([tmp_path / name])), name


def test_a_line_over_the_size_limit_is_one_error_in_either_reading(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    small = b'{"text": "Troops shelled Kharkiv on 3 March 2022."}\n'
    path.write_bytes(small * 3 + b'{"text": "' + b"x" * 5000 + b'"}\n' + small * 3)
    assert _by_units([path], 2, max_bytes=1000) == _records(read_paths([path], max_bytes=1000))
    assert sum(1 for r in _by_units([path], 2, max_bytes=1000) if r[0] == "error") == 1


def test_directories_are_walked_in_the_order_of_their_sorted_paths(tmp_path: Path) -> None:
    """The walk holds one listing at a time, yet gives the order of sorting every path's parts."""
    for rel in ["b.txt", "a/z.txt", "a.txt", "a b/c.md", "ab/x.html", ".hidden/x.txt", "a/.x.txt", "c/d/e.txt",
                "c/d.txt", "notes.docx", "A.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"Troops shelled Kharkiv on 3 March 2022 ({rel}).", encoding="utf-8")
    expected = sorted((Path(d, f) for d, ds, fs in os.walk(tmp_path) if not Path(d).name.startswith(".")
                       for f in fs if not f.startswith(".")), key=lambda p: p.relative_to(tmp_path).parts)
    expected = [p for p in expected if not any(part.startswith(".") for part in p.relative_to(tmp_path).parts)]
    names = [u.origin if isinstance(u, IngestError) else u.name for u in path_units(tmp_path)]
    assert names == [str(p) for p in expected]
    assert _by_units([tmp_path], 3) == _records(read_paths([tmp_path]))


def test_units_open_absolute_paths_but_name_records_as_given(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A worker may run elsewhere: it opens the absolute path; origins keep the path the user typed."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("Troops shelled Kharkiv on 3 March 2022.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (unit,) = path_units("in")
    assert Path(unit.path).is_absolute() and unit.name == os.path.join("in", "r.txt")
    monkeypatch.chdir("/")
    (doc,) = read_unit(unit)
    assert doc.origin == os.path.join("in", "r.txt")
