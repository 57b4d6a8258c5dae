"""Literal prefixes of a regex, so a cue row can be skipped with a cheap substring test.

A row whose pattern can only match text starting with one of a few literal strings ("retak",
"recaptur", "took back", ...) cannot match a clause that contains none of them; `str.__contains__`
is far cheaper than running the regex. When the prefixes cannot be worked out safely (a pattern
starting with a character class, an optional group, ...) the answer is None: always run the regex.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..temporal.scan import trie_regex  # the same trie-shaped alternation the tagger's gate uses

_META = set("()[]{}.*+?|^$\\")


def literal_prefixes(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` starts with; None if unknown."""
    out: set[str] = set()
    for alt in _split_top(pattern):
        got = _alternative_prefixes(alt)
        if got is None:
            return None
        out |= got
    return frozenset(out) if out else None


def _split_top(pattern: str) -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j


def _alternative_prefixes(alt: str) -> set[str] | None:
    while alt.startswith("\\b") or alt.startswith("(?<"):
        if alt.startswith("\\b"):
            alt = alt[2:]
            continue
        end = _group_end(alt, 0)           # a lookbehind consumes nothing: skip it
        if end is None:
            return None
        alt = alt[end + 1:]
    if alt.startswith("(?:"):
        end = _group_end(alt, 0)
        if end is None:
            return None
        inner = literal_prefixes(alt[3:end])
        if not inner:
            return None
        quant = alt[end + 1:end + 2]
        if quant in ("*", "{"):
            return None
        if quant == "?":                   # an optional leading group: its prefixes, or what follows it
            rest = _alternative_prefixes(alt[end + 2:])
            return None if rest is None else set(inner) | rest
        return set(inner)
    prefix = []
    i = 0
    while i < len(alt) and alt[i] not in _META:
        prefix.append(alt[i])
        i += 1
    if i < len(alt) and alt[i] in "?*{" and prefix:
        prefix.pop()          # the last literal is optional
    return {"".join(prefix)} if prefix else None


class PrefixGate:
    """Which rows may match a text, from one scan for all their literal prefixes.

    At each position the scan finds the longest prefix that starts there; every shorter prefix that
    is a prefix of it starts there too, so `rows(text)` is exactly the set of rows one of whose
    prefixes occurs in the text (rows without known prefixes are always in it).
    """

    def __init__(self, prefixes: list[frozenset[str] | None]) -> None:
        self.always = frozenset(i for i, p in enumerate(prefixes) if p is None)
        owners: dict[str, set[int]] = {}
        for i, ps in enumerate(prefixes):
            for p in ps or ():
                owners.setdefault(p, set()).add(i)
        known = sorted(owners, key=len, reverse=True)
        self._rows = {p: frozenset(i for q in known if p.startswith(q) for i in owners[q]) for p in known}
        # every row pattern starts at a word boundary, so the prefixes are only looked for there;
        # a trie-shaped alternation lets the regex engine test them all in one step per position
        self._scan = re.compile(r"\b(?=(" + trie_regex(known) + "))") if known else None

    def rows(self, lowered: str) -> frozenset[int]:
        if self._scan is None:
            return self.always
        found = set(self.always)
        for m in self._scan.finditer(lowered):
            found |= self._rows[m.group(1)]
        return frozenset(found)

    def matches(self, lowered: str, patterns: Sequence[re.Pattern]) -> list[tuple[int, re.Match]]:
        """(row, match) for every match of every row's pattern, rows in order, each row's matches in
        `finditer` order: exactly `[(i, m) for i in sorted(rows(lowered)) for m in patterns[i].finditer(lowered)]`.

        A row with known prefixes can only match where one of them starts, and the scan says where:
        its regex is tried at those offsets alone (`match` at an offset, skipping offsets inside its
        previous match, as `finditer` does) instead of at every offset of the text."""
        starts: dict[int, list[int]] = {}
        if self._scan is not None:
            for m in self._scan.finditer(lowered):
                pos = m.start()
                for i in self._rows[m.group(1)]:
                    at = starts.get(i)
                    if at is None:
                        starts[i] = [pos]
                    else:
                        at.append(pos)
        out: list[tuple[int, re.Match]] = []
        for i in sorted(self.always.union(starts)):
            pattern = patterns[i]
            if i in self.always:
                out.extend((i, m) for m in pattern.finditer(lowered))
                continue
            end = -1
            for pos in starts[i]:
                if pos < end:
                    continue
                m = pattern.match(lowered, pos)
                if m is not None:
                    out.append((i, m))
                    end = m.end() if m.end() > pos else pos + 1
        return out


def _group_end(s: str, start: int) -> int | None:
    depth, i = 0, start
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(s, i) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
