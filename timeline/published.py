"""The publication date (DCT) of a document: given -> metadata -> dateline -> inferred -> unknown.

`find_published(doc, given=...)` returns a `PublishedInfo(date, source, evidence,
precision)`; `resolve_published(doc, given=...)` returns a copy of the document
with `published`, `published_source` and `published_evidence` set from it.

Precision and the DCT. Only a day-precise date is written to
`Document.published`, because the events step anchors every relative
expression ("on Friday", "last week") to it. When the year alone can be
justified (e.g. the seed article: "since Russia invaded Ukraine last year" ->
last year = 2022 -> published in 2023, see `infer_year`), `resolve_published` leaves `published` None, sets the source to
"inferred" and puts the year and its reasons in `published_evidence`.
A caller that can anchor with a coarse DCT should use `find_published` and
resolve ONLY expressions at or above that precision: with a year-only DCT,
"last year"/"next year"/"in October of last year" resolve (to a year or a month),
"on Friday", "last week", "yesterday", "last month" stay unresolved.

Copyright years ("© 2024", "Copyright 2024", "All rights reserved") are never
evidence: those lines are skipped in every step.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from .model import Document, PublishedSource

Precision = Literal["day", "month", "year"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
#: "June 13, 2023" | "13 June 2023" | "2023-06-13" | "June 12" (no year).
_DATE_TEXT = (
    rf"{_WEEKDAY}(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + rf")\.?,?(?:\s+(?P<year2>(?:19|20)\d{{2}}))?"
    rf"|(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}}))"
)
_PUBLISHED_LINE = re.compile(
    rf"^[^\w\n]*(?P<label>published|first published|posted|updated|last updated|date)\b\s*(?:on|at)?\s*:?\s*{_DATE_TEXT}",
    re.I | re.M,
)
#: "KYIV, June 12 (Reuters) -", "WASHINGTON, Oct. 17, 2022 (AP) —"
_WIRE_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Z'.\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.\- ]{{1,30}})?),\s*{_DATE_TEXT}\s*"
    rf"(?:\([A-Za-z. ]{{1,30}}\)\s*)?[-–—]",
    re.M | re.I,
)
#: A line that is only a date, perhaps with a byline: "By Jane Doe | June 13, 2023 4:05 pm"
_DATE_ONLY_LINE = re.compile(
    rf"^[ \t]*(?:by\s+[^|\n]{{1,60}}[|·•–—-]\s*)?{_DATE_TEXT}(?:\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{{0,4}})?[ \t]*$",
    re.I | re.M,
)
_COPYRIGHT = re.compile(r"©|&copy;|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b", re.I)

#: How much of the text year inference reads (characters): a news report's pins are in its
#: first pages, and a 10 MB file must not cost its tagging twice (inference tags without a DCT).
INFERENCE_WINDOW = 100_000
#: How far into the text a dateline may be (characters).
DATELINE_WINDOW = 1500
#: A line holding only a date counts as the dateline only among the first lines (headline, standfirst, byline).
DATE_LINE_MAX_LINE = 5


@dataclass(frozen=True, slots=True)
class PublishedInfo:
    """A publication date with its provenance; `date` is the first day of the period at `precision`."""

    date: date | None
    source: PublishedSource
    evidence: str | None
    precision: Precision | None


def find_published(doc: Document, *, given: date | datetime | str | None = None) -> PublishedInfo:
    """The DCT by the first step that yields one: given, metadata, dateline, inferred; else unknown.

    `given` may be a date, a datetime (its own calendar date) or an ISO string.
    """
    given = _as_date(given)
    if given is not None:
        return PublishedInfo(given, "given", f"given: {given.isoformat()}", "day")
    if doc.published is not None and doc.published_source in ("given", "metadata"):
        return PublishedInfo(doc.published, doc.published_source, doc.published_evidence, "day")
    found = find_dateline(doc.text)
    if found is not None and found[0][0] is not None:
        (y, m, d), evidence = found
        return PublishedInfo(date(y, m, d), "dateline", evidence, "day")
    year = infer_year(doc.text[:INFERENCE_WINDOW])  # bounded: the cost per document stays constant
    if found is not None:
        (_, m, d), evidence = found
        if year.date is not None and year.precision in ("year", "month"):
            try:
                return PublishedInfo(date(year.date.year, m, d), "inferred",
                                     f"{evidence} + year {year.date.year} inferred: {year.evidence}", "day")
            except ValueError:
                pass
        return PublishedInfo(None, "unknown", f"{evidence} gives no year; {year.evidence or 'no year cue'}", None)
    return year


def _as_date(value: date | datetime | str | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        from .ingest.dates import parse_iso_date

        return parse_iso_date(value)  # ValueError for an impossible date: the caller's mistake, said loudly
    return value


def resolve_published(doc: Document, *, given: date | datetime | str | None = None) -> Document:
    """A copy of `doc` with its publication date fields set.

    Only a day fills `published` (the DCT); a year or month goes to
    `published_value` alone, which the events step uses to resolve what that
    precision pins ("last year") and nothing finer ("on Friday").
    """
    info = find_published(doc, given=given)
    if info.precision == "day":
        return dataclasses.replace(doc, published=info.date, published_source=info.source,
                                   published_evidence=info.evidence, published_value=info.date.isoformat())
    evidence, value = info.evidence, None
    if info.date is not None:
        value = info.date.isoformat()[:7] if info.precision == "month" else str(info.date.year)
        evidence = f"{info.precision} {value} only (anchors year-relative dates, never days): {info.evidence}"
    return dataclasses.replace(doc, published=None, published_source=info.source, published_evidence=evidence,
                               published_value=value)


# --- dateline ---------------------------------------------------------------------------------------------

def _parts(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    g = m.groupdict()
    if g.get("iso_y"):
        y, mo, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    else:
        month = g.get("month") or g.get("month2")
        mo = _MONTHS[month.lower().rstrip(".")]
        d = int(g.get("day") or g.get("day2"))
        year = g.get("year") or g.get("year2")
        y = int(year) if year else None
    try:
        date(y or 2000, mo, d)  # 2000 is a leap year: Feb 29 stays possible without a year
    except ValueError:
        return None
    return y, mo, d


def find_dateline(text: str) -> tuple[tuple[int | None, int, int], str] | None:
    """(year or None, month, day) and the line it came from, from the top of the text.

    "Published ..." beats "Updated ..." (the DCT is the first publication);
    then wire datelines, then a line holding only a date (and a byline).
    """
    head = text[:DATELINE_WINDOW]
    top = _end_of_line_n(head, DATE_LINE_MAX_LINE)
    candidates: list[tuple[int, int, tuple[int | None, int, int], str]] = []
    for rank, pattern in ((0, _PUBLISHED_LINE), (2, _WIRE_DATELINE), (3, _DATE_ONLY_LINE)):
        for m in pattern.finditer(head):
            line = _line_at(head, m.start())
            if _COPYRIGHT.search(line) or (pattern is _DATE_ONLY_LINE and m.start() > top):
                continue  # a bare date line further down is a chronology heading, not a dateline
            parts = _parts(m)
            if parts is None:
                continue
            r = rank
            if pattern is _PUBLISHED_LINE and "updated" in m.group("label").lower():
                r = 1
            candidates.append((r, m.start(), parts, m.group(0).strip()))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, _, parts, line = candidates[0]
    return parts, f"dateline: {line[:160]!r}"


def _end_of_line_n(text: str, n: int) -> int:
    """Offset of the end of the n-th non-empty line (or of the text)."""
    count = 0
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        count += 1
        if count == n:
            return m.end()
    return len(text)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]


# --- inference ----------------------------------------------------------------------------------------------

_EXPLICIT = re.compile(
    rf"\b(?:{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?{_YEAR}"
    rf"|(?P<iso>(?:19|20)\d{{2}})-(?P<iso_m>0[1-9]|1[0-2])-\d{{2}}"
    rf"|(?P<prep>in|since|during|of|from|until|by|through|throughout|early|late|mid-?|before|after|spring|summer"
    rf"|autumn|fall|winter|end of|start of|beginning of)\s+(?P<bare>(?:19|20)\d{{2}}))\b(?![-–/]\d)",
    re.I,
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_RELATIVE = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\.?\s+of\s+|(?:early|late|earlier|later|mid-?)\s+)?"
    r"(?P<which>last|this|next)\s+(?P<unit>year|month)\b|\b(?P<unit2>year|month)\s+ago\b",
    re.I,
)
_FUTURE = re.compile(r"\b(?:will|would|could|plans?|planned|expects?|expected|aims?|scheduled|due to|next)\b", re.I)
_DEADLINE_PREP = ("by", "until", "through", "before")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z\"'‘“(])|\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    year: int
    month: int | None
    text: str
    past: bool


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class _TextIndex:
    """Per-document facts looked up by position, each computed once.

    A one-line (or unpunctuated) document is one line and one sentence of a megabyte: asking
    "which line, is it a copyright line, is its sentence about the future" again for every
    date in it made inference quadratic. Lines and sentences are found by bisection and their
    answers cached, so the work is linear in the text plus a log per mention.
    """

    def __init__(self, text: str, sentences: list[tuple[int, int]]) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.sentences = sentences
        self.sentence_starts = [a for a, _ in sentences]
        self._copyright: dict[int, bool] = {}
        self._future: dict[int, bool] = {}
        self.scanned = 0  # characters read by line and sentence searches (what tests count)

    def copyright_at(self, pos: int) -> bool:
        """Whether the line holding `pos` is a copyright line (never evidence)."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        if i not in self._copyright:
            end = self.line_starts[i + 1] if i + 1 < len(self.line_starts) else len(self.text)
            self.scanned += end - self.line_starts[i]
            self._copyright[i] = bool(_COPYRIGHT.search(self.text, self.line_starts[i], end))
        return self._copyright[i]

    def sentence_index(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return i
        return None

    def future_at(self, pos: int) -> bool:
        """Whether the sentence holding `pos` speaks of the future (will, plans, next ...)."""
        i = self.sentence_index(pos)
        if i is None:
            return False
        if i not in self._future:
            a, b = self.sentences[i]
            self.scanned += b - a
            self._future[i] = bool(_FUTURE.search(self.text, a, b))
        return self._future[i]


def _explicit_mentions(text: str, sentences: list[tuple[int, int]],
                       index: _TextIndex | None = None) -> list[_Mention]:
    index = index or _TextIndex(text, sentences)
    out: dict[int, _Mention] = {}
    for m in _EXPLICIT.finditer(text):
        if index.copyright_at(m.start()):
            continue
        g = m.groupdict()
        if g["iso"]:
            year, month = int(g["iso"]), int(g["iso_m"])
        elif g["bare"]:
            year, month = int(g["bare"]), None
        else:
            year, month = int(g["year"]), _MONTHS[g["month"].lower().rstrip(".")]
        deadline = (g.get("prep") or "").lower() in _DEADLINE_PREP
        past = not deadline and not index.future_at(m.start())
        out[m.start()] = _Mention(m.start(), year, month, m.group(0), past)
    for t in _tagger_mentions(text):
        if t.start not in out and not index.copyright_at(t.start):
            out[t.start] = dataclasses.replace(t, past=not index.future_at(t.start))
    return sorted(out.values(), key=lambda x: x.start)


def _tagger_mentions(text: str) -> list[_Mention]:
    """Absolute dates the project's tagger finds (when it is installed); its failures never stop inference."""
    try:
        from .temporal import tag  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        timexes = tag(text, dct=None)
    except Exception:
        return []
    out = []
    for t in timexes:
        m = re.match(r"^((?:19|20)\d{2})(?:-(0[1-9]|1[0-2]))?", t.value or "")
        if m and t.type == "DATE" and t.anchor == "absolute":  # without a DCT, "narrative" values are guesses
            out.append(_Mention(t.start, int(m.group(1)), int(m.group(2)) if m.group(2) else None, t.text, True))
    return out


#: How far apart a relative phrase and the date (or known event) that pins it may be, in characters:
#: apposition allows a comma, a bracket or "in"/"i.e.", and the event gap a few words.
_PIN_REACH = 80


def _pins(text: str, rel: re.Match[str], sent_span: tuple[int, int], mentions: list[_Mention],
          unit: str, starts: list[int] | None = None,
          events: list[tuple[int, int, int, str, str]] | None = None) -> list[tuple[int, int | None, str]]:
    """(year, month, reason) for each trusted anchor of one relative phrase.

    Only mentions and known events within `_PIN_REACH` characters of the phrase are looked at
    (found by bisection in `starts`, the mentions' offsets): the gaps the rule accepts are a few
    characters long, and reading the whole sentence for each phrase is quadratic on a long one."""
    out: list[tuple[int, int | None, str]] = []
    lo_pos, hi_pos = max(sent_span[0], rel.start() - _PIN_REACH), min(sent_span[1], rel.end() + _PIN_REACH)
    if starts is None:
        starts = [mm.start for mm in mentions]
    near = mentions[bisect.bisect_left(starts, lo_pos - _PIN_REACH):bisect.bisect_left(starts, hi_pos)]
    for mm in near:
        if not sent_span[0] <= mm.start < sent_span[1] or (unit == "month" and mm.month is None):
            continue
        mm_end = mm.start + len(mm.text)
        if mm.start >= rel.end() or mm_end <= rel.start():
            gap = text[rel.end():mm.start] if mm.start >= rel.end() else text[mm_end:rel.start()]
            if _APPOSITION_GAP.match(gap):
                out.append((mm.year, mm.month, f'"{rel.group(0)}" in apposition with "{mm.text}"'))
    if unit == "year":
        if events is None:
            events = _known_events(text, [sent_span])
        ends = [e[1] for e in events]
        for a, b, year, note, matched in events[bisect.bisect_left(ends, lo_pos):]:
            if a > hi_pos:
                break
            if not (sent_span[0] <= a and b <= sent_span[1]):
                continue
            gap = text[b:rel.start()] if rel.start() >= b else text[rel.end():a] if rel.end() <= a else None
            if gap is not None and _EVENT_GAP.match(gap):
                out.append((year, None, f'"{matched} ... {rel.group(0)}": {note}'))
    return out


def _known_events(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, str, str]]:
    """(start, end, year, note, text) of each `KNOWN_EVENTS` match inside one of `spans`, by end."""
    out = []
    for a, b in spans:
        for pattern, year, note in KNOWN_EVENTS:
            out.extend((ev.start(), ev.end(), year, note, ev.group(0)) for ev in pattern.finditer(text, a, b))
    return sorted(out, key=lambda e: (e[1], e[0]))


#: Well-documented events of this project's domain, usable as a year anchor when the
#: text dates them relatively ("since Russia invaded Ukraine last year").
KNOWN_EVENTS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (re.compile(r"\b(?:russia|russian\s+(?:forces|troops)|moscow|putin)\b[^.;]{0,30}?\b(?:invaded|invasion\s+of)\s+ukraine\b"
                r"|\bfull[- ]scale\s+invasion\b", re.I),
     2022, "Russia's full-scale invasion of Ukraine began on 24 February 2022"),
    (re.compile(r"\bannex(?:ed|ation\s+of)\s+(?:the\s+)?crimea\b", re.I), 2014, "Russia annexed Crimea in March 2014"),
)
#: What may stand between a relative phrase and the explicit date it is in apposition with.
_APPOSITION_GAP = re.compile(r"^[\s,(\[–—-]*(?:in|of|i\.e\.,?|that\s+is,?)?[\s,(\[–—-]*$", re.I)
#: What may stand between a known event and its relative date ("invaded Ukraine last year").
_EVENT_GAP = re.compile(r"^[\s,]*(?:(?:began|started)\s+)?(?:(?:in|during|since)\s+)?(?:(?:early|late|mid-?)\s+|(?:[A-Z][a-z]+\s+of\s+))?$")


def infer_year(text: str, *, today: date | None = None) -> PublishedInfo:
    """Infer the publication year (or month) from the text itself, or say why not.

    Only two kinds of pin are trusted, because looser ones fail on real news
    (measured on TimeBank/AQUAINT: "down from 1996 ... last year" is a contrast,
    not the same year; the loose same-sentence rule was wrong 6 times out of 6):
    - apposition: a relative phrase right beside an explicit date ("last year, in
      2022", "earlier this year (March 2023)", "last month, in May 2023");
    - a known event of the domain dated relatively ("since Russia invaded Ukraine
      last year" -> last year = 2022), see `KNOWN_EVENTS`.
    Each pin votes for a publication year (or month); pins that would put
    publication before a date the text reports as past are dropped. Without a
    consistent pin the answer is "unknown" and the evidence gives that lower bound.
    """
    today = today or date.today()
    sentences = _sentences(text)
    index = _TextIndex(text, sentences)
    mentions = _explicit_mentions(text, sentences, index)
    starts = [mm.start for mm in mentions]
    events: list[tuple[int, int, int, str, str]] | None = None  # known events, found on first need
    past = [mm for mm in mentions if mm.past and mm.year <= today.year]
    lower = max(((mm.year, mm.month or 1) for mm in past), default=None)
    votes: dict[tuple[int, int | None], list[str]] = {}
    for rel in _RELATIVE.finditer(text):
        if index.copyright_at(rel.start()):
            continue
        which = (rel.group("which") or "").lower()
        unit = (rel.group("unit") or rel.group("unit2")).lower()
        shift = {"last": -1, "this": 0, "next": 1}.get(which, -1)
        i = index.sentence_index(rel.start())
        if i is None:
            continue
        sent_span = sentences[i]
        if unit == "year" and events is None:
            events = _known_events(text, sentences)
        for year, month, reason in _pins(text, rel, sent_span, mentions, unit, starts, events):
            if unit == "year":
                key: tuple[int, int | None] = (year - shift, None)
            else:
                y, mo = divmod(year * 12 + (month - 1) - shift, 12)
                key = (y, mo + 1)
            if lower is not None and (key[0], key[1] or 12) < lower:
                continue  # would put publication before a date the text reports as past
            if key[0] > today.year:
                continue
            shown = text[sent_span[0]:min(sent_span[1], sent_span[0] + 600)].strip()[:240]
            votes.setdefault(key, []).append(f'{reason} in: {shown!r}')
    lower_note = f"latest date reported as past: {lower[0]}-{lower[1]:02d}" if lower else "no explicit past date"
    if not votes:
        return PublishedInfo(None, "unknown", f"no relative date pinned to a known year ({lower_note})", None)
    years = {k[0] for k in votes}
    if len(years) > 1:
        detail = "; ".join(f"{k[0]}: {len(v)}" for k, v in sorted(votes.items(), key=lambda kv: kv[0][0]))
        return PublishedInfo(None, "unknown", f"conflicting year cues ({detail}); {lower_note}", None)
    year = years.pop()
    months = {k[1] for k in votes if k[1] is not None}
    reasons = [r for v in votes.values() for r in v]
    if len(months) == 1:
        mo = months.pop()
        return PublishedInfo(date(year, mo, 1), "inferred", f"{year}-{mo:02d} from " + "; ".join(reasons[:3]), "month")
    return PublishedInfo(date(year, 1, 1), "inferred", f"{year} from " + "; ".join(reasons[:3]) + f" ({lower_note})",
                         "year")
