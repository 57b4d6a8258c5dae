"""Context checks: the words around a span (the word before or after, the sentence) and
the checks that read them to reject false dates: counts such as "1500 troops", identifiers such
as "Resolution 2231", names such as "Theresa May", rates such as "four flights a week".
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from ..scan import Candidate


_DIGIT = re.compile(r"\d")
_POSSESSIVE_END = re.compile(r"['’]s$")
_WORD_BEFORE = re.compile(r"([\w.$€£'’]+)[\s,]*$")
#: `_WORD_BEFORE` on the reversed window: trailing spaces and commas, then the word.
_WORD_BEFORE_REVERSED = re.compile(r"[\s,]*([\w.$€£'’]+)")
_WORD_AFTER = re.compile(r"^\s*([\w'’]+)")
_COUNT_NOUNS = frozenset("""men people troops soldiers civilians casualties prisoners tanks aircraft planes ships guns km kilometres kilometers miles feet metres meters tons
tonnes dollars euros pounds rubles acres hectares strong troop infantry cavalry persons personnel
votes seats units vehicles rounds shells missiles drones cases deaths jobs workers refugees
employees members families homes houses buildings""".split())
_S_WORDS_OK = frozenset("""was has is as its his this us thus unless across perhaps always whereas
towards afterwards""".split())


def _word_before(text: str, pos: int) -> str:
    """The last word within 30 characters before `pos`, ignoring spaces and commas: what
    `_WORD_BEFORE.search(text, max(0, pos - 30), pos)` finds, but read backwards as one
    anchored match (`_WORD_BEFORE_REVERSED`), not a search tried at every position."""
    m = _WORD_BEFORE_REVERSED.match(text[max(0, pos - 30):pos][::-1])
    return m.group(1)[::-1] if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text[pos:pos + 30])
    return m.group(1) if m else ""


def _plausible_year(text: str, start: int, end: int, *, strict: bool = True) -> bool:
    """Reject counts and identifiers that look like years ("Resolution 2231", "1500 troops")."""
    before = _word_before(text, start)
    bl = before.lower()
    if bl in V.NON_YEAR_BEFORE:
        return False
    if bl == "at" and _word_before(text, start - len(before) - 1).lower() in V.NON_YEAR_BEFORE_AT:
        return False  # "call the hotline at 1551"
    if strict and before[:1].isupper() and not _POSSESSIVE_END.search(bl) and bl not in V.BARE_MONTH_CUES \
            and bl not in V.MONTHS and bl not in V.SEASONS \
            and bl not in ("in", "by", "fiscal", "year", "ad", "circa", "the", "a", "an") \
            and not _sentence_start(text, start - 1):
        return False
    after = _word_after(text, end)
    al = after.lower()
    if al in _COUNT_NOUNS:
        return False
    if after[:1].islower() and al.endswith("s") and len(al) > 3 and al not in _S_WORDS_OK \
            and bl not in ("the", "its", "his", "her", "their", "in", "of", "since", "by", "a"):
        return False
    return True


def _sentence_start(text: str, pos: int) -> bool:
    """Whether `pos` (just before a word) begins a sentence or line."""
    j = pos
    while j >= 0 and text[j] in " \t\"“'‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _bare_month_ok(text: str, c: Candidate, month_word: str) -> bool:
    if c.groups.get("part") or c.groups.get("rel"):
        return True
    before = _word_before(text, c.start)
    bl = before.lower()
    if bl in V.BARE_MONTH_CUES:
        return True
    after = text[c.end:c.end + 2]
    if month_word.lower() in V.AMBIGUOUS_MONTHS:
        return False
    return not before[:1].isupper() or after.startswith(",")


_SENTENCE_BREAK = re.compile(r"[.!?][\"”'’]?\s|\n")
#: `_SENTENCE_BREAK` spelt backwards: its first match in a reversed window is the break that ends
#: last in the window (a break that starts inside another ends where that one ends, so the last
#: end of a left-to-right scan is the largest end of any break).
_SENTENCE_BREAK_REVERSED = re.compile(r"\s[\"”'’]?[.!?]|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span (bounded to 300 characters each side): from the end of the last
    `_SENTENCE_BREAK` in the 300 characters before `start`, found with one search of the reversed
    window rather than a scan through every break in it."""
    lo = max(0, start - 300)
    m = _SENTENCE_BREAK_REVERSED.search(text[lo:start][::-1])
    if m:
        lo = start - m.start()
    m = _SENTENCE_BREAK.search(text, end, end + 300)
    return text[lo:m.start() if m else end + 300]


def _is_rate(text: str, start: int) -> bool:
    """Whether "a week" at `start` follows an amount ("$1.76 a year", "four flights a week")."""
    if _sentence_start(text, start - 1):
        return False  # "... 2023. A week after, ...": a new sentence, not an amount
    before = _word_before(text, start)
    bl = before.lower()
    return bool(_DIGIT.search(before)) or (bl.endswith("s") and bl not in ("was", "is", "has", "as", "its", "this", "his"))


def _modal_soon(text: str, start: int, end: int) -> bool:
    """Whether "soon" looks ahead from the present ("may soon seek", "it soon will"), which news
    annotation marks as FUTURE_REF; "as soon as", "soon after" and past narration are not."""
    before, after = _word_before(text, start).lower(), _word_after(text, end).lower()
    if before == "as" or after in ("after", "afterwards", "thereafter", "as"):
        return False
    return before in V.FUTURE_MODALS or after in ("will", "to")
