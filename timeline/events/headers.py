"""Publication stamps and datelines: dates that say when the text was written, not what happened.

"Published: July 12, 2022", "Posted January 5, 2023", a line that is only a date, and the dateline
"KYIV, June 13, 2023 (Agency) —" never make events; the rest of a dateline sentence still does.
"""
from __future__ import annotations

import re

from ..temporal.model import Timex
from .sentences import Span

_STAMP_WORDS = re.compile(r"^(?:(?:first |last )?(?:published|posted|updated|modified|created|date|dated|"
                          r"released|issued|filed)(?: on| at)?|by [\w .'-]{1,40}|pub(?:lished)?\.?)\s*[:|-]?\s*$",
                          re.IGNORECASE)
_DATELINE_BEFORE = re.compile(r"^[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?,\s*$")
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,60}\))?\s*[—–-]+\s*")
_TIME_OR_ZONE = re.compile(r"^[\s,]*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,4})?[\s,.]*$")


def is_stamp(text: str, sentence: Span, t: Timex) -> bool:
    """Is `t` the whole content of a 'Published: <date>'-like line (or a bare date line)?"""
    before = text[sentence.start:t.start].strip()
    after = text[t.end:sentence.end]
    return bool((not before or _STAMP_WORDS.match(before)) and _TIME_OR_ZONE.match(after))


def dateline_end(text: str, sentence: Span, t: Timex) -> int | None:
    """If `t` is the date of a dateline ("KYIV, June 13, 2023 (Wire) —"), where the story proper starts."""
    if not _DATELINE_BEFORE.match(text[sentence.start:t.start]):
        return None
    m = _DATELINE_AFTER.match(text, t.end, sentence.end)
    return m.end() if m else None
