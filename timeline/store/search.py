"""Full-text search on both backends with one query language.

Users type web-search syntax (words, "quoted phrases", `or`, `-excluded`), which
PostgreSQL understands natively through `websearch_to_tsquery`. For SQLite the same
text is translated into an FTS5 MATCH expression, quoting every term so that user
input can never be parsed as FTS5 syntax (a stray `*`, `:` or `NEAR` is just a word).
Both sides stem English words (FTS5 `porter`, PostgreSQL `english`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w+", re.UNICODE)

#: FTS5 table and tokenizer (SQLite) / text-search configuration (PostgreSQL).
FTS_TABLE = "event_fts"
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
PG_CONFIG = "english"


@dataclass(frozen=True, slots=True)
class Fts5Query:
    """What to include and exclude; either may be None (an empty search matches everything)."""

    include: str | None
    exclude: str | None


def fts5_query(text: str) -> Fts5Query:
    """Translate web-search syntax into FTS5 MATCH expressions (see module docstring)."""
    groups: list[list[str]] = [[]]  # OR of ANDs
    excluded: list[str] = []
    for token in _TOKEN.findall(text):
        if token.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        negative = token.startswith("-") and len(token) > 1
        if negative:
            token = token[1:]
        words = _WORD.findall(token)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'  # quoted: a phrase when several words ("drone-factory")
        (excluded if negative else groups[-1]).append(term)
    ands = [" AND ".join(g) for g in groups if g]
    include = " OR ".join(f"({a})" for a in ands) if ands else None
    exclude = " OR ".join(excluded) if excluded else None
    return Fts5Query(include, exclude)


def search_body(summary: str, sentences: Iterable[str], names: Iterable[str]) -> str:
    """The text an event is found by: its summary, every distinct sentence, actor and place names."""
    parts: list[str] = []
    seen: set[str] = set()
    for part in (summary, *sentences, *names):
        part = (part or "").strip()
        if part and part not in seen:
            seen.add(part)
            parts.append(part)
    return "\n".join(parts)


def extend_body(body: str, additions: Iterable[str]) -> str:
    """Append the parts of `additions` not already in `body` (used when an event gains a mention)."""
    lines = body.split("\n") if body else []
    present = set(lines)
    for part in additions:
        part = (part or "").strip()
        if part and part not in present:
            present.add(part)
            lines.append(part)
    return "\n".join(lines)
