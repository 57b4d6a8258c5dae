"""Scanner: the rule table as regexes, yielding candidate spans.

The definition is one alternation of all rules (`master`), tried left to right. The fast path
asks `hsfilter` (Hyperscan) where each rule may start and runs, at those offsets only, the
alternation of the rules that may; without Hyperscan a regex gate over start words finds the
offsets. Python code runs per candidate offset (rare), never per character.
"""
from __future__ import annotations

import itertools
import os
import re
import re._constants as _C
import re._compiler as _compiler
import re._parser as _parser
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator

from . import hsfilter
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


CASE_FOLDS = hsfilter.CASE_FOLDS  # what a case-insensitive ASCII letter matches outside ASCII


def _case_variants(ch: str) -> list[str]:
    """Every character a case-insensitive `ch` matches (ASCII letters; others match themselves)."""
    if ch.isascii() and ch.isalpha():
        low = ch.lower()
        return sorted({low, low.upper(), *CASE_FOLDS.get(low, "")})
    return [ch]


def trie_regex(words, *, split_case: bool = False) -> str:
    """A regex alternation shaped as a character trie: failing positions cost a few tests.

    With `split_case`, for a case-insensitive pattern, the first level lists each case of a
    letter as its own case-sensitive literal: the regex engine skips a literal branch that
    does not fit with one comparison, but enters every case-insensitive one. The trie then
    matches exactly the same texts (the variants are all that the letter matches)."""
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
    if not split_case or "" in trie or len({k.lower() for k in trie}) < len(trie):
        return build(trie)
    alts = [f"(?-i:{re.escape(v)})" + build(trie[ch]) for ch in sorted(trie) for v in _case_variants(ch)]
    return "(?:" + "|".join(alts) + ")"


def _gate() -> str:
    """The look-ahead that a rule match needs at its first character (see rules/patterns.py)."""
    strong = trie_regex(sorted((START_WORDS - WEAK_START_WORDS) | FOLLOW_WORDS), split_case=True) + r"(?![a-z])"
    weak = trie_regex(sorted(WEAK_START_WORDS), split_case=True) + r"[\s-]+"  # "a-day" as "a day"
    # every DIGIT_START branch begins with a digit: one test spares a dozen failing branches
    digit = r"(?=\d)(?:" + _expand(DIGIT_START, "gate") + ")"
    first = rf"(?:{digit}|['’]\d|{strong})"
    return rf"(?={first}|{weak}(?:{first}|{weak}(?:{first}|{weak}{first})))"


_WORD_PART = r"\w'’-"  # what a match may not begin right after (inside a word)
_BEFORE = rf"(?<![{_WORD_PART}])"
_SEPARATOR = rf"[^{_WORD_PART}]"
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
_ATOMS: dict[str, frozenset[str]] = {}


def _atom_chars(node: tuple) -> frozenset[str]:
    """The ASCII characters one parsed atom (a literal, a class, any) can match, read
    case-insensitively: a superset inside `(?-i:...)`, exact elsewhere (the regex engine
    itself decides, so Unicode case folding is its own)."""
    key = repr(node)
    if key not in _ATOMS:
        rx = _compiler.compile(_parser.SubPattern(_parser.State(), [node]), re.IGNORECASE)
        _ATOMS[key] = frozenset(ch for ch in _ASCII if rx.match(ch))
    return _ATOMS[key]


class _TooDeep(Exception):
    pass


def _starts(items: list, k: int, depth: int = 0) -> set[tuple[frozenset[str], ...]]:
    """What a parsed sequence can begin with: tuples of up to `k` ASCII character sets, one
    per character; a shorter tuple means the match may end there. Look-arounds are skipped
    and case ignored, which only widens the sets. Raises _TooDeep when it cannot tell."""
    if depth > 80:
        raise _TooDeep
    if k == 0 or not items:
        return {()}
    (op, av), rest = items[0], items[1:]
    if op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY):
        head = _atom_chars((op, av))
        return {(head,) + t for t in _starts(rest, k - 1, depth + 1)}
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return _starts(rest, k, depth + 1)
    if op is _C.SUBPATTERN:
        return _starts(list(av[-1]) + rest, k, depth + 1)
    if op is _C.ATOMIC_GROUP:
        return _starts(list(av) + rest, k, depth + 1)
    if op is _C.BRANCH:
        out: set = set()
        for alt in av[1]:
            out |= _starts(list(alt) + rest, k, depth + 1)
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, hi, body = av
        out = _starts(rest, k, depth + 1) if lo == 0 else set()
        if hi != 0:
            again = (op, (max(lo - 1, 0), hi if hi == _C.MAXREPEAT else hi - 1, body))
            out |= _starts(list(body) + [again] + rest, k, depth + 1)
        return out
    raise _TooDeep  # back references, conditionals: no claim


def _rule_starts(body: str) -> set[tuple[frozenset[str], ...]] | None:
    """The first three characters a rule can match (see `_starts`); None: any."""
    try:
        return _starts(list(_parser.parse(body, re.IGNORECASE).data), 3)
    except _TooDeep:
        return None


def _may_start(starts: set | None, chars: str) -> bool:
    """Whether a rule with these `_starts` may match text beginning with `chars`."""
    if starts is None:
        return True
    for t in starts:
        for c, allowed in zip(chars, t):
            if c not in _ASCII_SET:
                return True
            if c not in allowed:
                break
        else:
            return True
    return False


class _Dispatch:
    """Per first three characters, the alternation of only the rules that can start with them.

    At a position that passes the gate, the master pattern tries every rule in order; the
    rules that cannot match the characters there would fail anyway, so leaving them out keeps
    the first match identical and saves most of the regex work. The sub-patterns are compiled
    on first use (there are about ninety; a short text needs a few)."""

    def __init__(self) -> None:
        self.parts = _rule_parts()
        self.table: dict[str, re.Pattern] = {}
        self._by_rules: dict[tuple[int, ...], re.Pattern] = {}
        self._by_mask: dict[int, re.Pattern] = {}
        self.finder = None
        if os.environ.get("TIMELINE_SCANNER", "auto") != "re":
            self.finder = hsfilter.starts_finder(tuple(body for _, body in self.parts))

    def rules_pattern(self, rules: int) -> re.Pattern:
        """The alternation of the rules whose bits are set in `rules`, in rule order: at a
        position where only they may match, it finds what the whole alternation finds."""
        rx = self._by_mask.get(rules)
        if rx is None:
            if len(self._by_mask) >= 4096:  # odd texts could make many sets: bound the memory
                self._by_mask.clear()
            alt = "|".join(body for i, (_, body) in enumerate(self.parts) if rules >> i & 1)
            rx = self._by_mask[rules] = re.compile("(?:" + alt + ")" + _AFTER, re.IGNORECASE)
        return rx

    # the regex gate's parts, built only where it is used (no Hyperscan, or asked for)
    @cached_property
    def starts(self) -> list:
        return [_rule_starts(body) for _, body in self.parts]

    @cached_property
    def gate(self) -> re.Pattern:
        return re.compile(_BEFORE + _gate(), re.IGNORECASE)

    @cached_property
    def after_separator(self) -> re.Pattern:
        """The gate's positions past the text start, found one character early: a pattern
        that opens with a character class lets the engine skip along in C to the next separator."""
        return re.compile(_SEPARATOR + _gate(), re.IGNORECASE)

    @property
    def backend(self) -> str:
        """"hyperscan" (the rule starts come from `hsfilter`) or "re" (the regex gate)."""
        return "re" if self.finder is None else "hyperscan"

    def pattern(self, head: str) -> re.Pattern:
        """The sub-pattern for the first (up to three) characters at a position; from the
        first non-ASCII one on, characters make no claim."""
        if head[0] in _ASCII_SET:
            keep = tuple(i for i, st in enumerate(self.starts) if _may_start(st, head))
        else:
            keep = tuple(range(len(self.parts)))
        rx = self._by_rules.get(keep)
        if rx is None:
            alt = "|".join(self.parts[i][1] for i in keep) if keep else "(?!)"
            rx = self._by_rules[keep] = re.compile("(?:" + alt + ")" + _AFTER, re.IGNORECASE)
        self.table[head] = rx
        return rx


_ASCII_SET = frozenset(_ASCII)


@lru_cache(maxsize=1)
def dispatch() -> _Dispatch:
    """The start finder and the per-character rule tables (built once). With Hyperscan
    installed, starts come from `hsfilter`; ``TIMELINE_SCANNER=re`` (read here, once) or a
    missing Hyperscan leaves the regex gate. Both give the same candidates (tests check)."""
    return _Dispatch()


def backend() -> str:
    """Which start finder `scan` uses in this process: "hyperscan" or "re"."""
    return dispatch().backend


_WORDISH = re.compile(rf"[{_WORD_PART}]")


_GROUP_SLOTS: dict[int, tuple[re.Pattern, dict[str, tuple[tuple[str, int], ...]]]] = {}


def _slots(rx: re.Pattern) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per rule, its (group name, group number) pairs in `rx`: reading `Match.regs` by number
    spares a name lookup and a string format per group."""
    hit = _GROUP_SLOTS.get(id(rx))  # by id: hashing a pattern hashes its whole program
    if hit is not None and hit[0] is rx:
        return hit[1]
    found: dict[str, list[tuple[str, int]]] = {}
    for full, i in sorted(rx.groupindex.items(), key=lambda kv: kv[1]):
        if "__" in full:
            rule, g = full.split("__", 1)
            found.setdefault(rule, []).append((g, i))
    slots = {rule: tuple(v) for rule, v in found.items()}
    if len(_GROUP_SLOTS) >= 8192:  # patterns dropped from the rule-set cache must not pile up here
        _GROUP_SLOTS.clear()
    _GROUP_SLOTS[id(rx)] = (rx, slots)  # holding rx keeps its id from being reused
    return slots


_SET_START, _SET_END, _SET_RULE, _SET_GROUPS, _SET_SPANS = (getattr(Candidate, f).__set__
                                                            for f in Candidate.__dataclass_fields__)
_new = object.__new__


def _candidate(m: re.Match, text: str) -> Candidate:
    """The match's rule and its own groups (unprefixed), read by group number. The record's slots
    are filled directly, as `temporal.model.new_timex` does: the frozen dataclass's `__init__`
    pays an `object.__setattr__` per field, and the scanner makes one per candidate."""
    rule = m.lastgroup
    regs = m.regs
    groups: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    for g, i in _slots(m.re).get(rule, ()):
        span = regs[i]
        if span[0] >= 0:
            groups[g] = text[span[0]:span[1]]
            spans[g] = span
    c = _new(Candidate)
    _SET_START(c, regs[0][0])
    _SET_END(c, regs[0][1])
    _SET_RULE(c, rule)
    _SET_GROUPS(c, groups)
    _SET_SPANS(c, spans)
    return c


def scan(text: str, *, prefilter: bool = True, use_hyperscan: bool = True) -> Iterator[Candidate]:
    """Yield non-overlapping candidates, left to right: what the rules alone find
    (`master(False).finditer`, run as such without the prefilter). With it, the rules run only
    at the positions `hsfilter` gives (Hyperscan installed and `use_hyperscan`), else at those
    the regex gate passes; the tests hold both to the rules alone."""
    if not prefilter:
        rx, _ = master(False)
        for m in rx.finditer(text):
            yield _candidate(m, text)
        return
    d = dispatch()
    table = d.table
    pos = 0
    if d.finder is not None and use_hyperscan:
        wordish = _WORDISH.match
        by_mask, rules_pattern = d._by_mask, d.rules_pattern
        for p, rules in d.finder(text):  # where some rule may match, ascending, and which
            if p < pos or (p and wordish(text, p - 1)):  # inside the last match, or mid-word
                continue
            m = (by_mask.get(rules) or rules_pattern(rules)).match(text, p)
            if m is not None:
                c = _candidate(m, text)
                yield c
                pos = c.end
        return
    starts = d.after_separator.finditer(text)
    first = d.gate.match(text)
    for g in starts if first is None else itertools.chain((first,), starts):
        p = g.end()  # the gate match at 0 is empty
        if p < pos:
            continue
        head = text[p:p + 3]
        m = (table.get(head) or d.pattern(head)).match(text, p)
        if m is not None:
            yield _candidate(m, text)
            pos = m.end()
