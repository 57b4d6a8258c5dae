"""The scanner's speed-ups must find exactly what the single master pattern finds.

`scan` looks for start positions (Hyperscan's, or the regex gate's), then tries only the rules that can start with the three
characters there (`scan.dispatch`); rule word lists are character tries (`patterns._alt`). These tests
hold both to the plain `master(False).finditer` (the rules alone), which is the definition of the
scan; the gate must be implied by the rules (a rule that starts with a new word adds it to
`patterns.START_WORDS`).
"""
from __future__ import annotations

import re
import re._parser as sre_parse
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.temporal.rules import patterns as P
from timeline.temporal.scan import _expand, _starts, dispatch, master, scan

SAMPLES = Path(__file__).resolve().parents[2] / "timeline" / "samples" / "articles"


def _reference(text: str) -> list[tuple]:
    """The rules alone, with no prefilter: what either start finder must reproduce."""
    rx, names = master(False)
    out = []
    for m in rx.finditer(text):
        rule = m.lastgroup
        groups = {g: m.group(f"{rule}__{g}") for g in names.get(rule, ()) if m.group(f"{rule}__{g}") is not None}
        out.append((m.start(), m.end(), rule, groups))
    return out


def _fast(text: str) -> list[tuple]:
    """The scan, through both start finders (Hyperscan's, when installed, and the regex gate)."""
    found = [(c.start, c.end, c.rule, c.groups) for c in scan(text)]
    gated = [(c.start, c.end, c.rule, c.groups) for c in scan(text, use_hyperscan=False)]
    assert found == gated
    return found


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.glob("*") if p.is_file()), ids=lambda p: p.name)
def test_dispatch_finds_what_the_master_pattern_finds_in_the_samples(path):
    text = path.read_text(encoding="utf-8")
    assert _fast(text) == _reference(text)


_WORDS = ["May", "may", "5", "2023", "1990s", "’90s", "the", "last", "next", "week", "Friday", "K", "\u212a",
          "\u017f", "\u0130", "of", "early", "a.m.", "BC", "days", "ago", "-", ",", "(", "\n", "in", "spring",
          "quarter", "fiscal", "year-ago", "1/2", "12", "/", "Q3", "noon", "once", "every", "İn", "ſpring",
          "other", "each", "Mondays", "Monday", "nights", "summer", "2", "times", "a", "day", "hours", "Christmas",
          "Day", "since", "at", "least", "mid-", "late", "the", "turn", "century", "18th", "AD", "c.", "about",
          "a-", "midmorning", "Fridays", "few", "several", "o'clock", "3rd", "later", "ago", "between", "and",
          "New", "Year's", "Eve", "FY", "H1", "BCE", "circa", "Sept.", "MAY", "march", "now", "recently"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14),
       st.lists(st.sampled_from([" ", "", "  ", "-", ", ", "\n"]), min_size=14, max_size=14))
def test_dispatch_matches_master_on_generated_text(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps))
    assert _fast(text) == _reference(text)


def test_digit_gate_guard_is_implied():
    """The gate puts `(?=\\d)` before DIGIT_START, exact only while every branch starts with a digit."""
    parsed = sre_parse.parse(_expand(P.DIGIT_START, "gate"), re.IGNORECASE).data
    assert len(parsed) == 1 and parsed[0][0] == sre_parse.BRANCH
    for alt in parsed[0][1][1]:
        starts = _starts(list(alt), 1)
        assert starts == {(frozenset("0123456789"),)}, alt


def _rule_starts(rule):
    d = dispatch()
    return [st for (r, _), st in zip(d.parts, d.starts) if r == rule][0]


def test_rule_starts_read_case_insensitively_and_three_deep():
    month = _rule_starts("month")
    assert any("M" in t[0] and "a" in t[1] for t in month)  # (?-i:May): a case-blind superset
    assert any("m" in t[0] and "A" in t[1] for t in month)
    week_of = _rule_starts("week_of")
    assert all(t[:3] == (frozenset("tT"), frozenset("hH"), frozenset("eE")) for t in week_of)


def test_rules_left_out_cannot_start_there():
    d = dispatch()
    kept = d.pattern("the").pattern
    assert "(?P<week_of>" in kept and "(?P<iso_date>" not in kept and "(?P<day_word>" in kept
    assert "(?P<week_of>" not in d.pattern("thi").pattern
    assert "(?P<week_of>" in d.pattern("th\u212a").pattern  # a non-ASCII third character: no claim
    # the non-ASCII letters that fold to ASCII ones ("\u212a" Kelvin sign for k) get every rule
    assert d.pattern("\u212a").pattern.count("(?P<") == master(True)[0].pattern.count("(?P<")
    assert d.pattern("k").pattern.count("(?P<") < master(True)[0].pattern.count("(?P<")


def test_word_tries_keep_the_flat_alternation_order():
    words = ["a", "a few", "an", "about", "abc", "ab"]
    trie = re.compile(P._alt(words) + "$", re.IGNORECASE)
    flat = re.compile("(?:" + "|".join(sorted(words, key=len, reverse=True)).replace(" ", r"\s+") + ")$",
                      re.IGNORECASE)
    for text in ["a", "a  few", "AN", "about", "abc", "ab", "abd", "a fe"]:
        assert bool(trie.match(text)) == bool(flat.match(text)), text
    assert re.match(P._alt(["ab", "abc"]), "abcd").group() == "abc"
    assert P._alt(["x", "X"]) == "(?:x|X)" or P._alt(["x", "X"]) == "(?:X|x)"  # case clash: flat form


def test_case_folds_are_all_the_engine_folds():
    """split_case tries list each letter's variants; the list must be what re.I itself matches."""
    from timeline.temporal.scan import _case_variants

    every_char = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for ch in "abcdefghijklmnopqrstuvwxyz'’-.0":
        found = sorted({m.group() for m in re.finditer(re.escape(ch), every_char, re.IGNORECASE)})
        assert found == _case_variants(ch), ch


def test_split_case_trie_matches_like_the_plain_one():
    from timeline.temporal.scan import trie_regex

    words = ["the", "this", "in", "it", "kin", "since", "a.d", "year-ago"]
    plain = re.compile(trie_regex(words) + "$", re.IGNORECASE)
    split = re.compile(trie_regex(words, split_case=True) + "$", re.IGNORECASE)
    assert split.pattern != plain.pattern
    for text in ["THE", "This", "\u0130n", "\u0131t", "\u212ain", "\u017fince", "A.D", "Year-Ago", "thi", "x"]:
        assert bool(split.match(text)) == bool(plain.match(text)), text


@pytest.mark.parametrize("text", ["2023", "May 2023 ended", "x", "", "(2023)", "\n\nlast year", "—in 1999—", "a-2023"])
def test_gate_positions_at_the_text_edges(text):
    assert _fast(text) == _reference(text)
