"""Cut the site furniture that trails plain-text copies of web articles.

Decision: the boilerplate is REMOVED from the stored text (events' offsets
refer to the stored text, and a footer "© 2024" must never reach the tagger or
the publication-date inference). The rule is conservative: only a trailing
block of lines is cut, walking up from the end, and the block must hold at
least one line that is unmistakably furniture (copyright, terms of use, sign
in, cookies, subscribe). A line over 300 characters is walked sentence by sentence,
so an article joined on one line loses only its closing furniture sentences. Short title-like lines inside that block (a masthead
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


#: A line longer than this is a paragraph (or a whole article on one line), never one piece of
#: furniture: it is walked sentence by sentence, so a closing "All rights reserved." goes alone.
_LONG_LINE = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, and of each sentence of a long line, in order."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if len(line) <= _LONG_LINE:
            out.append((pos, end))
        else:
            start = pos
            for m in _SENTENCE_END.finditer(text, pos, end):
                out.append((start, m.end()))
                start = m.end()
            if start < end:
                out.append((start, end))
        pos = end
    return out


def strip_trailing_boilerplate(text: str) -> tuple[str, str]:
    """Return (kept text, removed block); the kept text is a prefix of `text`.

    The walk goes over lines, and over the sentences of a long line (an article joined on one
    line keeps its body and loses only the furniture sentences at its end)."""
    segments = _segments(text)
    cut = len(text)
    furniture_seen = False
    i = len(segments) - 1
    while i >= 0:
        start, end = segments[i]
        s = text[start:end].strip()
        if not s:
            i -= 1
            continue
        if is_furniture(s):
            furniture_seen = True
        elif not _title_like(s):
            break
        cut = start
        i -= 1
    if not furniture_seen:
        return text, ""
    # Keep the blank lines above the block out of the text too.
    kept = text[:cut].rstrip()
    return kept, text[len(kept):]
