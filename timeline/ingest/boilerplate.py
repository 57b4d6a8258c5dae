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

#: Furniture whatever the line's length: copyright notices and site-wide legal prompts.
_STRONG = re.compile(
    r"""^\s*(?:©|&copy;|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))
      | \ball\ rights\ reserved\b
      | \buse\ of\ this\ (?:web\ ?)?site\ constitutes\b
      | ^\s*by\ continuing,?\ you\ agree\b
      | \bwe\ use\ cookies\b""",
    re.I | re.X,
)
#: Furniture only on a short line (a real sentence may mention a privacy policy).
_WEAK = re.compile(
    r"""\b(?:terms\ of\ (?:use|service)|privacy\ policy|cookie\ policy|accept\ (?:all\ )?cookies
             |create\ a\ free\ account)\b
      | ^\s*(?:sign\ in|log\ ?in|sign\ up|register|subscribe|newsletter|follow\ us|share\ this|advertisement)\b""",
    re.I | re.X,
)
#: A masthead-like line: few words, no sentence punctuation at the end.
_TITLE_LIKE = re.compile(r"^[^.!?:;]{1,60}$")
_SHORT_WORDS = 12


def is_furniture(line: str) -> bool:
    """True for a copyright/terms/sign-in/cookie/subscribe line (conservative on long lines)."""
    if _STRONG.search(line):
        return True
    return len(line.split()) <= _SHORT_WORDS and bool(_WEAK.search(line))


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

