"""Cut the site furniture that trails plain-text copies of web articles.

Decision: the boilerplate is REMOVED from the stored text (events' offsets
refer to the stored text, and a footer "© 2024" must never reach the tagger or
the publication-date inference). The rule is conservative: only a trailing
block of lines is cut, walking up from the end, and the block must hold at
least one line that is unmistakably furniture (copyright, terms of use, sign
in, cookies, subscribe). Short title-like lines inside that block (a masthead
such as "The New York Sun") go with it; the first ordinary sentence stops the walk.
"""
from __future__ import annotations

import re

#: Lines that are site furniture wherever they appear in a trailing block.
FURNITURE = re.compile(
    r"""^\s*(?:
        (?:©|\(c\)|copyright\b).*                                   # © 2024 X / Copyright 2024 X
      | .*\ball\ rights\ reserved\b.*
      | .*\buse\ of\ this\ (?:site|website)\ constitutes\b.*
      | .*\b(?:terms\ of\ (?:use|service)|privacy\ policy|cookie\ policy)\b.*
      | (?:sign\ in|log\ in|sign\ up|register)\b.*                 # Sign in or create a free account
      | .*\bcreate\ a\ free\ account\b.*
      | (?:subscribe|newsletter|follow\ us|share\ this|advertisement)\b.*
      | .*\b(?:we\ use\ cookies|accept\ (?:all\ )?cookies)\b.*
      | by\ continuing\b.*
    )\s*$""",
    re.I | re.X,
)
#: A masthead-like line: few words, no sentence punctuation at the end.
_TITLE_LIKE = re.compile(r"^[^.!?:;]{1,60}$")


def is_furniture(line: str) -> bool:
    return bool(FURNITURE.match(line))


def _title_like(line: str) -> bool:
    s = line.strip()
    return bool(_TITLE_LIKE.match(s)) and len(s.split()) <= 8


def strip_trailing_boilerplate(text: str) -> tuple[str, str]:
    """Return (kept text, removed block); the kept text is a prefix of `text`."""
    lines = text.splitlines(keepends=True)
    cut = len(lines)
    furniture_seen = False
    i = len(lines) - 1
    while i >= 0:
        s = lines[i].strip()
        if not s:
            i -= 1
            continue
        if is_furniture(s):
            furniture_seen = True
        elif not _title_like(s):
            break
        cut = i
        i -= 1
    if not furniture_seen:
        return text, ""
    # Keep the blank lines above the block out of the text too.
    kept = "".join(lines[:cut]).rstrip()
    return kept, text[len(kept):]

