"""Guards for text and JSON from outside: lone surrogates and nesting depth.

Kept apart from `timeline.ingest` (which imports lxml and trafilatura) so that
`timeline tag` can use them and still start fast.

* A JSON string may hold ``"\\ud800"``: valid JSON, but a Python str that cannot be
  encoded as UTF-8, so hashing, storing or printing it fails. `clean_text` replaces
  each lone surrogate with U+FFFD, one character for one, so offsets do not move.
* ``[[[[...`` a thousand deep makes `json.loads` raise RecursionError. `json_depth`
  measures the nesting without parsing (strings removed first), in C-speed passes,
  so `loads_bounded` refuses deep input before the parser sees it.
"""
from __future__ import annotations

import json
import re
from typing import Any

#: JSONL records and JSON-LD blocks are shallow; this is generous.
MAX_JSON_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def clean_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def printable(name: str) -> str:
    """A file name safe to print and store: undecodable bytes (os.fsdecode's surrogates) as \\xNN."""
    if not _SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return clean_text(name)


def json_depth(payload: str, limit: int = MAX_JSON_DEPTH) -> int:
    """Deepest bracket nesting of `payload` (strings ignored); stops counting past `limit`."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", payload))
    if len(brackets) > 65536:  # a long run of brackets: one vectorised pass instead of a Python loop
        import numpy as np

        steps = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
        depth = np.cumsum(np.where((steps == 91) | (steps == 123), 1, -1), dtype=np.int64)
        return int(depth.max(initial=0))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        else:
            depth -= 1
    return deepest


def loads_bounded(payload: str, limit: int = MAX_JSON_DEPTH) -> Any:
    """`json.loads`, refusing nesting deeper than `limit` with ValueError (never RecursionError)."""
    if json_depth(payload, limit) > limit:
        raise ValueError(f"JSON nested more than {limit} levels deep")
    try:
        return json.loads(payload)
    except RecursionError:  # a guard for a parser that recurses sooner than we count
        raise ValueError(f"JSON nested too deeply to parse") from None
