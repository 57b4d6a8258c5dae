"""Scanner: one big compiled regex built from the rule table, yielding candidate spans.

Speed comes from doing all the matching in the regex engine: Python code runs only per
candidate (rare), never per token.
"""
from __future__ import annotations

import re
import re._constants as _C
import re._compiler as _compiler
import re._parser as _parser
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


def _gate() -> str:
    """The look-ahead that a rule match needs at its first character (see rules/patterns.py)."""
    strong = trie_regex(sorted((START_WORDS - WEAK_START_WORDS) | FOLLOW_WORDS)) + r"(?![a-z])"
    weak = trie_regex(sorted(WEAK_START_WORDS)) + r"\s+"
    # every DIGIT_START branch begins with a digit: one test spares a dozen failing branches
    digit = r"(?=\d)(?:" + _expand(DIGIT_START, "gate") + ")"
    first = rf"(?:{digit}|['’]\d|{strong})"
    return rf"(?={first}|{weak}(?:{first}|{weak}(?:{first}|{weak}{first})))"


_BEFORE = r"(?<![\w'’-])"
_AFTER = r"(?![\w])"


def _rule_parts() -> list[tuple[str, str]]:
    return [(rule, f"(?P<{rule}>{_expand(template, rule)})") for rule, template in RULES]


@lru_cache(maxsize=2)
def master(prefilter: bool = True) -> tuple[re.Pattern, dict[str, list[str]]]:
    """The compiled alternation of all rules and, per rule, its group names."""
    names: dict[str, list[str]] = {}
    gate = _gate() if prefilter else ""
    pattern = _BEFORE + gate + "(?:" + "|".join(body for _, body in _rule_parts()) + ")" + _AFTER
    rx = re.compile(pattern, re.IGNORECASE)
    for full in rx.groupindex:
        if "__" in full:
            rule, g = full.split("__", 1)
            names.setdefault(rule, []).append(g)
    return rx, names


_ASCII = [chr(i) for i in range(128)]
_ALL = None  # "any character may come first"


def _atom_chars(node: tuple) -> frozenset[str]:
    """The ASCII characters one parsed atom (a literal, a class, any) can match, read
    case-insensitively: a superset inside `(?-i:...)`, exact elsewhere (the regex engine
    itself decides, so Unicode case folding is its own)."""
    state = _parser.State()
    rx = _compiler.compile(_parser.SubPattern(state, [node]), re.IGNORECASE)
    return frozenset(ch for ch in _ASCII if rx.match(ch))


def _first(items) -> tuple[frozenset[str] | None, bool]:
    """(ASCII characters a parsed sequence can start with, or None for any; whether it can
    match the empty string). Look-arounds are skipped, which only widens the set."""
    out: set[str] = set()
    for op, av in items:
        if op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY):
            out |= _atom_chars((op, av))
            return frozenset(out), False
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue
        if op is _C.SUBPATTERN:
            chars, empty = _first(av[-1])
        elif op is _C.ATOMIC_GROUP:
            chars, empty = _first(av)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            chars, empty = _first(av[2])
            empty = empty or av[0] == 0
        elif op is _C.BRANCH:
            chars, empty = frozenset(), False
            for alt in av[1]:
                c, e = _first(alt)
                if c is _ALL:
                    return _ALL, True
                chars, empty = chars | c, empty or e
        else:  # back references, conditionals: no claim
            return _ALL, True
        if chars is _ALL:
            return _ALL, True
        out |= chars
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


class _Dispatch:
    """Per first character, the alternation of only the rules that can start with it.

    At a position that passes the gate, the master pattern tries every rule in order; the
    rules that cannot match the character there would fail anyway, so leaving them out keeps
    the first match identical and saves most of the regex work. The sub-patterns are compiled
    on first use (compiling them all costs about 0.4 s; a short text needs a few)."""

    def __init__(self) -> None:
        self.parts = _rule_parts()
        self.firsts = []
        self.names: dict[str, list[str]] = {}
        for rule, body in self.parts:
            parsed = _parser.parse(body, re.IGNORECASE)
            chars, empty = _first(parsed.data)
            self.firsts.append(_ALL if empty else chars)
            for full in sorted(parsed.state.groupdict, key=parsed.state.groupdict.get):
                if "__" in full:
                    self.names.setdefault(rule, []).append(full.split("__", 1)[1])
        self.gate = re.compile(_BEFORE + _gate(), re.IGNORECASE)
        self.table: dict[str, re.Pattern] = {}
        self._by_rules: dict[tuple[int, ...], re.Pattern] = {}

    def pattern(self, ch: str) -> re.Pattern:
        """The sub-pattern for a first character (all rules for a non-ASCII one)."""
        if ch in _ASCII_SET:
            keep = tuple(i for i, f in enumerate(self.firsts) if f is _ALL or ch in f)
        else:
            keep = tuple(range(len(self.parts)))
        rx = self._by_rules.get(keep)
        if rx is None:
            alt = "|".join(self.parts[i][1] for i in keep) if keep else "(?!)"
            rx = self._by_rules[keep] = re.compile("(?:" + alt + ")" + _AFTER, re.IGNORECASE)
        self.table[ch] = rx
        return rx


_ASCII_SET = frozenset(_ASCII)


@lru_cache(maxsize=1)
def dispatch() -> _Dispatch:
    """The gate finder and the per-character rule tables (built once)."""
    return _Dispatch()


def _candidate(m: re.Match, names: dict[str, list[str]]) -> Candidate:
    rule = m.lastgroup
    groups: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for g in names.get(rule, ()):
        v = m.group(f"{rule}__{g}")
        if v is not None:
            groups[g] = v
            spans[g] = m.span(f"{rule}__{g}")
    return Candidate(m.start(), m.end(), rule, groups, spans)


def scan(text: str, *, prefilter: bool = True) -> Iterator[Candidate]:
    """Yield non-overlapping candidates, left to right (what `master(prefilter).finditer`
    finds; with the prefilter, found through `dispatch`)."""
    if not prefilter:
        rx, names = master(False)
        for m in rx.finditer(text):
            yield _candidate(m, names)
        return
    d = dispatch()
    table, names = d.table, d.names
    pos = 0
    for g in d.gate.finditer(text):
        p = g.start()
        if p < pos:
            continue
        ch = text[p]
        m = (table.get(ch) or d.pattern(ch)).match(text, p)
        if m is not None:
            yield _candidate(m, names)
            pos = m.end()
