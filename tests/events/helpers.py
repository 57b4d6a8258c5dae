"""Hand-built Timex records for event tests (the tagger is tested in its own area)."""
from __future__ import annotations

from datetime import date

from timeline.temporal.model import Timex


def timex(text: str, phrase: str, value: str, first: date | None = None, last: date | None = None,
          precision: str | None = None, *, type: str = "DATE", relation: str | None = None,
          mod: str | None = None, nth: int = 0) -> Timex:
    """A Timex for the nth occurrence of `phrase` in `text`, with offsets that match the text."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(phrase, pos + 1)
    return Timex(pos, pos + len(phrase), phrase, type, value, mod, first, last or first, precision, relation,
                 "dct" if first else "none")
