"""Scanner: one big compiled regex built from the rule table, yielding candidate spans.

Speed comes from doing all the matching in the regex engine: Python code runs only per
candidate (rare), never per token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .rules.patterns import DIGIT_START, FOLLOW_WORDS, FRAGMENTS, RULES, START_WORDS, WEAK_START_WORDS

_GROUP = re.compile(r"\(\?P([<=])(\w+)(>|\))")
_FRAG = re.compile(r"<<(\w+)>>")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule match: `groups` holds the rule's own named groups (unprefixed), `spans` their offsets."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    spans: dict[str, tuple[int, int]]


def _expand(template: str, rule: str) -> str:
    def frag(m: re.Match) -> str:
        return FRAGMENTS[m.group(1)]
    for _ in range(3):  # fragments may use fragments
        template = _FRAG.sub(frag, template)

    def rename(m: re.Match) -> str:
        return f"(?P{m.group(1)}{rule}__{m.group(2)}{m.group(3)}"
    return _GROUP.sub(rename, template)


def trie_regex(words) -> str:
    """A regex alternation shaped as a character trie: failing positions cost a few tests."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body
    return build(trie)


@lru_cache(maxsize=2)
def master(prefilter: bool = True) -> tuple[re.Pattern, dict[str, list[str]]]:
    """The compiled alternation of all rules and, per rule, its group names."""
    parts = []
    names: dict[str, list[str]] = {}
    for rule, template in RULES:
        body = _expand(template, rule)
        parts.append(f"(?P<{rule}>{body})")
    gate = ""
    if prefilter:
        strong = trie_regex(sorted((START_WORDS - WEAK_START_WORDS) | FOLLOW_WORDS)) + r"(?![a-z])"
        weak = trie_regex(sorted(WEAK_START_WORDS)) + r"\s+"
        digit = _expand(DIGIT_START, "gate")
        first = rf"(?:{digit}|['’]\d|{strong})"
        gate = rf"(?={first}|{weak}(?:{first}|{weak}(?:{first}|{weak}{first})))"
    pattern = r"(?<![\w'’-])" + gate + "(?:" + "|".join(parts) + r")(?![\w])"
    rx = re.compile(pattern, re.IGNORECASE)
    for full in rx.groupindex:
        if "__" in full:
            rule, g = full.split("__", 1)
            names.setdefault(rule, []).append(g)
    return rx, names


def scan(text: str, *, prefilter: bool = True) -> Iterator[Candidate]:
    """Yield non-overlapping candidates, left to right."""
    rx, names = master(prefilter)
    rule_names = [r for r, _ in RULES]
    for m in rx.finditer(text):
        rule = m.lastgroup
        if rule not in names and rule not in rule_names:  # pragma: no cover - defensive
            continue
        groups: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        for g in names.get(rule, ()):
            v = m.group(f"{rule}__{g}")
            if v is not None:
                groups[g] = v
                spans[g] = m.span(f"{rule}__{g}")
        yield Candidate(m.start(), m.end(), rule, groups, spans)
