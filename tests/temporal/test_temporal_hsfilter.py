"""The Hyperscan start finder may only ever add positions, never lose one.

`hsfilter` turns each rule into a reversed superset pattern; `scan` then asks the regex
engine at those positions. These tests hold the result to the ungated master pattern,
the definition of the scan, on text built to stress the approximations: non-ASCII
characters (masked to one byte each), case folds, look-arounds and back references.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal import hsfilter
from timeline.temporal.scan import _rule_parts, dispatch, master, scan

hyperscan = pytest.importorskip("hyperscan", reason="Hyperscan is not installed on this machine (x86-64 wheels)")

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "timeline" / "samples" / "articles"


def _ungated(text: str) -> list[tuple]:
    rx, _ = master(False)
    return [(m.start(), m.end(), m.lastgroup) for m in rx.finditer(text)]


def _scanned(text: str) -> list[tuple]:
    return [(c.start, c.end, c.rule) for c in scan(text)]


def _finder(**kw) -> hsfilter.StartsFinder:
    return hsfilter.StartsFinder([body for _, body in _rule_parts()], **kw)


def test_hyperscan_is_the_backend_when_installed():
    expected = "re" if os.environ.get("TIMELINE_SCANNER") == "re" else "hyperscan"
    assert dispatch().backend == expected


def test_every_true_start_is_reported_with_its_rule_in_the_samples():
    finder = dispatch().finder or _finder()
    index = {rule: i for i, (rule, _) in enumerate(_rule_parts())}
    for path in sorted(SAMPLES.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        rules_at = dict(finder(text))
        missing = [(s, rule) for s, _, rule in _ungated(text) if not rules_at.get(s, 0) >> index[rule] & 1]
        assert not missing, (path.name, missing[:5])
        assert _scanned(text) == _ungated(text), path.name


_TOKENS = ["May", "may", "5", "12", "2023", "1990s", "’90s", "'90s", "the", "last", "week", "Friday", "of",
           "early", "a.m.", "p.m.", "BC", "days", "ago", "-", "–", "—", ",", ".", "/", "(", "“", "”", "\n", "in",
           "spring", "quarter", "fiscal", "year-ago", "Q3", "noon", "once", "every", "İn", "ſpring", "\u212a",
           "o’clock", "12/25/2022", "2023-06-09", "3:30", "GMT", "June", "JUNE", "Juñe", "é", "日本", "🚀",
           "\u00a0", "\u2009", "٣", "2٠23", "since", "at least", "three", "times", "a", "year", "century", "18th"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=16),
       st.lists(st.sampled_from([" ", "", "  ", "\u00a0", "\n"]), min_size=16, max_size=16))
def test_scan_equals_the_ungated_pattern_on_mixed_text(tokens, gaps):
    text = "".join(t + g for t, g in zip(tokens, gaps))
    assert _scanned(text) == _ungated(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_scan_equals_the_ungated_pattern_on_any_unicode(text):
    assert _scanned(text) == _ungated(text)


def test_offsets_survive_astral_characters_and_lone_surrogates():
    text = "🚀🚀 On 9 June 2023 \ud800 the \U0001f600 talks ended on Friday, 12/25/2022."
    assert _scanned(text) == _ungated(text)
    assert [text[s:e] for s, e, _ in _scanned(text)] == ["9 June 2023", "Friday", "12/25/2022"]


@pytest.mark.parametrize("pattern, hit, miss", [
    (r"(?<!\d)ab\b", "xab", "xac"),            # look-arounds and boundaries dropped: a superset
    (r"(?-i:May)\s+\d", "May 5", "may 5"),     # case kept where the rule keeps it
    (r"(?P<s>[/.])\d(?P=s)", "/5/", "/5x"),    # a back reference stands for its group's pattern
    (r"ab+c", "abbbc", "ac"),
])
def test_reversed_superset_patterns(pattern, hit, miss):
    db = hyperscan.Database()
    db.compile(expressions=[hsfilter.reversed_superset(pattern).encode()], ids=[0], elements=1, flags=[0])

    def matches(s: str) -> bool:
        found = []
        db.scan(s[::-1].encode("ascii", "replace"), match_event_handler=lambda *a: found.append(a))
        return bool(found)
    assert matches(hit) and not matches(miss)


def test_non_ascii_characters_match_the_mask():
    assert hsfilter._may_match_non_ascii(*hsfilter._parser.parse("k", 2).data[0], True)  # the Kelvin sign
    assert not hsfilter._may_match_non_ascii(*hsfilter._parser.parse("k", 0).data[0], False)
    assert hsfilter._may_match_non_ascii(*hsfilter._parser.parse(r"\s", 0).data[0], False)  # NBSP
    assert not hsfilter._may_match_non_ascii(*hsfilter._parser.parse("[0-9]", 0).data[0], False)


def test_fold_table_is_every_fold_of_the_engine():
    import re

    every = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    folding = {ch for ch in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
               if re.search(re.escape(ch), every, re.IGNORECASE)}
    assert folding == set(hsfilter._FOLDS_OUTSIDE_ASCII)


def test_threads_scan_with_their_own_scratch():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.md"))]
    expected = [_scanned(t) for t in texts]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                assert [_scanned(t) for t in texts] == expected
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_compiled_database_is_cached_and_a_bad_file_is_recompiled(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path))
    first = _finder()
    assert first.source == "compiled"
    files = list((tmp_path / "hyperscan").glob("rules-*.hsdb"))
    assert len(files) == 1 and not list((tmp_path / "hyperscan").glob("*.tmp"))
    second = _finder()
    assert second.source == "cache"
    text = "The plant opened on 9 June 2023 and closed last week."
    assert second(text) == first(text)
    files[0].write_bytes(b"not a database")
    third = _finder()
    assert third.source == "compiled" and third(text) == first(text)


def test_unwritable_cache_only_costs_a_compile(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(blocker))  # a file where the folder should be
    finder = _finder()
    assert finder.source == "compiled" and finder("on 9 June 2023")


def test_regex_gate_is_used_when_asked_and_tags_the_same():
    code = ("from timeline.temporal import tag, scan; import json; "
            "print(scan.backend()); print(json.dumps([t.to_dict() for t in tag(open(0).read(), '2023-06-13')]))")
    text = (SAMPLES / sorted(p.name for p in SAMPLES.glob("*.md"))[0]).read_text(encoding="utf-8")
    outs = {}
    for backend in ("re", "auto"):
        env = {**os.environ, "TIMELINE_SCANNER": backend}
        r = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, env=env,
                           cwd=REPO, check=True)
        name, payload = r.stdout.split("\n", 1)
        outs[name] = payload
    assert set(outs) == {"re", "hyperscan"}
    assert outs["re"] == outs["hyperscan"] and outs["re"].count('"value"') > 5
