"""Literal prefixes of a regex, so a cue row can be skipped with a cheap substring test.

A row whose pattern can only match text starting with one of a few literal strings ("retak",
"recaptur", "took back", ...) cannot match a clause that contains none of them; `str.__contains__`
is far cheaper than running the regex. When the prefixes cannot be worked out safely (a pattern
starting with a character class, an optional group, ...) the answer is None: always run the regex.
"""
from __future__ import annotations

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
    while alt.startswith("\\b"):
        alt = alt[2:]
    if alt.startswith("(?:"):
        end = _group_end(alt, 0)
        if end is None or (end + 1 < len(alt) and alt[end + 1] in "?*{"):
            return None
        inner = literal_prefixes(alt[3:end])
        return set(inner) if inner else None
    prefix = []
    i = 0
    while i < len(alt) and alt[i] not in _META:
        prefix.append(alt[i])
        i += 1
    if i < len(alt) and alt[i] in "?*{" and prefix:
        prefix.pop()          # the last literal is optional
    return {"".join(prefix)} if prefix else None


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
