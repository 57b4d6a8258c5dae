"""Sentence splitting with document offsets, robust to abbreviations, initials, acronyms and quotes.

Rule-based on purpose: it must be fast (hundreds of articles a second) and predictable, and every
sentence keeps its (start, end) offsets in the original text so the app can highlight it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def text(self, doc: str) -> str:
        return doc[self.start:self.end]


#: Words that end with a period without ending the sentence (compared lower-case, without the period).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen col lt sgt st jr sr rep sen gov adm capt maj cpl pvt cmdr messrs mme mlle rev hon
no nos vs v fig approx dept est ft mt gens cf al
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
#: After an acronym like "U.S." or "a.m.", only these words start a new sentence.
SENTENCE_STARTERS = frozenset("""
The A An He She It They We I You This That These Those But And Yet So In On At His Her Its Their Our There
When While After Before However Meanwhile Officials Still Then Now Some Many Most Both Earlier Later Last
""".split())

#: Words that continue a clock time: "7 a.m. Monday", "9 p.m. GMT".
_TIME_FOLLOWERS = frozenset("""
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December GMT UTC EST EDT CET CEST BST PST PDT ET PT local Kyiv Moscow Tehran
""".split())
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[\-–—]?[A-Z0-9À-Ý])")
_BLOCK = re.compile(r"\n[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
#: How far back the word before a full stop is read (longer "words" are not abbreviations or initials).
_WORD_REACH = 200
_NON_SPACE = re.compile(r"\S")
_LINE_END_OK = re.compile(r"[.!?:;\"”’)]\s*$")


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` as offset spans, whitespace-trimmed, in order."""
    spans: list[Span] = []
    for b_start, b_end in _blocks(text):
        for l_start, l_end in _lines(text, b_start, b_end):
            spans.extend(_split_block(text, l_start, l_end))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _BLOCK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


#: A line at least this long that stops without punctuation may have been wrapped, not ended.
WRAP_WIDTH = 60
#: How much longer than a wrapped line the next line may be (one long word moved down by the wrap).
WRAP_SLACK = 16
#: A line ending in one of these continues on the next line (articles, prepositions, conjunctions, "that").
_CONTINUING_WORDS = frozenset("""
a an the of to in on at by for from with into onto over under about after before between against during
and or but nor that which who whom whose than as its his her their our your my this these those
""".split())


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block at single line breaks that end a heading or a sentence; join hard-wrapped lines."""
    out, seg_start, pos = [], start, start
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            out.append((seg_start, end))
            return out
        line = text[pos:nl]
        # the next line only (not the rest of the block, re-copied at every line break: quadratic)
        first = _NON_SPACE.search(text, nl + 1, end)
        if first:
            stop = text.find("\n", first.start(), end)
            nxt = text[first.start():stop if stop >= 0 else end]
        else:
            nxt = ""
        wrapped = not _LINE_END_OK.search(line) and (nxt[:1].islower() or _is_wrapped(line, nxt))
        if not wrapped:
            out.append((seg_start, nl))
            seg_start = nl + 1
        pos = nl + 1


def _is_wrapped(line: str, nxt: str) -> bool:
    """Was `line` (no final punctuation, next line capitalised) cut by hard wrapping rather than ended as a title?

    A line ending in a function word ("that", "of the") always continues. Otherwise a long line continues only
    when the next line fits the same width: hard-wrapped text never has a next line much longer than the
    current one, while a headline is usually followed by a paragraph on one long line.
    """
    words = line.split()
    if words and words[-1].lower().strip("\"'“”‘’") in _CONTINUING_WORDS:
        return True
    width = len(line.strip())
    if width < WRAP_WIDTH or _title_case(words):
        return False
    next_line = nxt.split("\n", 1)[0].rstrip()
    return len(next_line) <= width + WRAP_SLACK


def _title_case(words: list[str]) -> bool:
    """'Kakhovka Dam Destroyed, Flooding Towns Along the Dnipro': most longer words capitalised."""
    longer = [w for w in words if len(w.strip("\"'“”‘’,:;")) > 3]
    return len(longer) >= 4 and sum(w.lstrip("\"'“‘")[:1].isupper() for w in longer) >= 0.75 * len(longer)


def _split_block(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    seg = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_false_boundary(text, seg, m):
            continue
        out.append(Span(seg, m.end()))
        seg = m.end()
    out.append(Span(seg, end))
    return [s for sp in out for s in _bounded(text, _trim(text, sp)) if s.end > s.start]


#: No sentence is longer than this many characters. Text without sentence punctuation (a transcript,
#: a list, a page with its punctuation stripped) would otherwise be one sentence the size of the
#: document, and every event in it would carry, classify and store the whole of it: quadratic work.
#: News sentences are a few hundred characters; a longer one is cut at a space.
MAX_SENTENCE = 2000


def _bounded(text: str, sp: Span) -> list[Span]:
    """`sp`, cut into pieces of at most MAX_SENTENCE characters at the last space before each limit."""
    if sp.end - sp.start <= MAX_SENTENCE:
        return [sp]
    out, pos = [], sp.start
    while sp.end - pos > MAX_SENTENCE:
        limit = pos + MAX_SENTENCE
        cut = max(text.rfind(" ", pos + MAX_SENTENCE // 2, limit), text.rfind("\n", pos + MAX_SENTENCE // 2, limit))
        cut = cut if cut > pos else limit
        out.append(_trim(text, Span(pos, cut)))
        pos = cut
    out.append(_trim(text, Span(pos, sp.end)))
    return out


def _is_false_boundary(text: str, seg_start: int, m: re.Match) -> bool:
    punct = m.group()
    if not punct.startswith(".") or punct.startswith(".."):
        return False
    # the word before the full stop: read from a bounded window, not from the sentence start (a
    # segment with many false stops, "U.S. U.S. ...", would be re-read from its start at each)
    wm = _WORD_BEFORE.search(text, max(seg_start, m.start() - _WORD_REACH), m.start())
    if not wm:
        return False
    word = wm.group(1)
    bare = word.rstrip(".").lower()
    if bare in ABBREVIATIONS:
        return True
    nxt = re.match(r"\s+[\"“‘'(]?([\w]+)", text[m.end():m.end() + 40])
    next_word = nxt.group(1) if nxt else ""
    if len(word) == 1 and word.isupper():           # an initial: "John F. Kennedy"
        return True
    if bare in ("a.m", "p.m"):                       # "at 7 a.m. Police said": a clock time often ends it
        return next_word in _TIME_FOLLOWERS
    if "." in word:                                  # U.S., D.C.
        return next_word not in SENTENCE_STARTERS
    return False


def _trim(text: str, sp: Span) -> Span:
    s, e = sp.start, sp.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)
