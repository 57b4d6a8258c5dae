"""The pixel width of a label's text, and labels shortened to fit a width.

Widths come from a table of DejaVu Sans advance widths (data/char_widths.tsv), the
font the timeline labels ask for first, with a safety margin so that an estimate is
never narrower than the drawn text; the export's layout.js reads the same table.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "char_widths.tsv"
#: font size of the labels in px, and the font they are drawn in (first choice measured in the table)
FONT_PX = 10
FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"
#: em width of a character the table does not list (wide enough for most Latin letters)
DEFAULT_EM = 0.8
#: estimates are widened by this factor plus SLACK_PX, so a label never overruns its box
MARGIN = 1.05
SLACK_PX = 2.0
ELLIPSIS = "\u2026"


@lru_cache(maxsize=1)
def char_widths() -> dict[str, float]:
    """Character -> em width, from the table."""
    out: dict[str, float] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("em\t"):
            continue
        em, chars = line.split("\t", 1)
        for ch in chars:
            out[ch] = float(em)
    return out


@lru_cache(maxsize=65536)
def text_width(text: str, font_px: float = FONT_PX) -> float:
    """Upper estimate of the drawn width of `text` in px (0 for the empty string)."""
    if not text:
        return 0.0
    table = char_widths()
    em = 0.0
    for ch in text:   # summed left to right, as layout.js does, so both give the same float
        em += table.get(ch, DEFAULT_EM)
    return em * font_px * MARGIN + SLACK_PX


@lru_cache(maxsize=65536)
def fit_label(text: str, max_px: float, *, min_chars: int = 8, font_px: float = FONT_PX) -> str:
    """`text` if it fits in `max_px`, else its longest word-boundary prefix that does plus '…'
    (at least `min_chars` characters), else ''."""
    if text_width(text, font_px) <= max_px:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:-") + ELLIPSIS
        if len(candidate) - 1 < min_chars:
            break
        if text_width(candidate, font_px) <= max_px:
            return candidate
    return ""
