"""Resolution: an underspecified Spec + anchor (DCT or narrative time) + tense -> TIMEX3 value.

News mode anchors deictic expressions ("last year", "on Friday") to the DCT; narrative mode
anchors them to the reference time, the last date the text mentioned. Anaphoric expressions
("the following day", "that year") use the reference time in both modes. When a choice
between a past and a future occurrence remains (bare "May", "on Friday"), the tense cue of
the clause decides (`tense`), then `TagSettings.prefer_past`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .normalise import Spec, report_quarter
from .rules import vocab as V
from .scan import trie_regex
from .values import add_months, fmt_day, fmt_week, fmt_year

_TOKENS = re.compile(r"[A-Za-z][A-Za-z']*")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
#: A month inside each season, for the reference time a season mention leaves behind.
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def _season_ref(y: int, code: str) -> tuple[int, int, None]:
    """The reference time a season leaves behind: its middle month (a winter's January falls in
    the year after the one that names it)."""
    return (y + 1 if code == "WI" else y, _SEASON_MONTH[code], None)
#: "as soon as Tuesday", "as early as next week", "as soon as trading opens Monday"
_LOOKING_AHEAD = re.compile(r"\bas\s+soon\s+as\b|\bas\s+early\s+as\s+(?:the\s+)?$", re.IGNORECASE)


_UNTIL = re.compile(r"\b(?:until|till)\s+$", re.IGNORECASE)
#: Up to the end of the last `_SENTENCE_END` (greedy, so one match gives the last one).
_LAST_SENTENCE_END = re.compile(r"(?s:.*)(?:[.!?;]\s|\n)")
#: `_SENTENCE_END` spelt backwards: its first match in the reversed window ends where
#: `_LAST_SENTENCE_END`'s match ends (the largest end of any sentence end), found without
#: backtracking through the whole window.
_SENTENCE_END_REVERSED = re.compile(r"\s[.!?;]|\n")


def _until_before(s: str) -> bool:
    """`_UNTIL.search(s)`: a match needs `s` to end in whitespace after "until" or "till"; when the
    last letters are ASCII (IGNORECASE is then plain case folding) and say otherwise, the search
    (tried at every position of `s`) is skipped."""
    r = s.rstrip()
    if len(r) == len(s):
        return False
    tail = r[-5:]
    if tail.isascii():
        low = tail.lower()
        if not low.endswith(("until", "till")):
            return False
    return _UNTIL.search(s) is not None


def _looking_ahead(s: str) -> bool:
    """`_LOOKING_AHEAD.search(s)`. Every match holds "soon" or "early"; in ASCII text (where
    IGNORECASE is plain case folding) their absence, a cheap test, rules the search out."""
    if s.isascii():
        low = s.lower()
        if "soon" not in low and "early" not in low:
            return False
    return _LOOKING_AHEAD.search(s) is not None


def tense(text: str, start: int, end: int) -> int:
    """-1 past, +1 future, 0 unknown: the nearest cue word before the timex in its clause,
    else the first one after it."""
    lo = max(0, start - 90)
    before = text[lo:start]
    m = _SENTENCE_END_REVERSED.search(before[::-1])
    if m:
        before = before[len(before) - m.start():]
    if _looking_ahead(before):
        return 1
    words = _TOKENS.findall(before)
    for i in range(len(words) - 1, -1, -1):
        c = _cue(words[i])
        if not c:
            continue
        if c < 0 and i > 0 and words[i - 1].lower() in ("be", "being"):
            continue  # "will be held": the participle is not the tense
        if c > 0 and "had" in (w.lower() for w in words[max(0, i - 3):i]):
            return -1  # "had been due to expire Friday": a plan seen from the past
        if after_determiner(words, i):
            continue  # "a still unspecified date", "the plan": an adjective or a noun, not the tense
        return c
    after = text[end:end + 60]
    m = _SENTENCE_END.search(after)
    if m:
        after = after[:m.start()]
    for w in _TOKENS.findall(after):
        c = _cue(w)
        if c:
            return c
    if _until_before(before):
        return 1  # "has until 9 a.m. Tuesday to sign": with no tense cue, a limit lies ahead
    return 0


#: Every word whose presence `tense` needs to answer +1: a future cue, "soon"/"early" (looking
#: ahead) and "until"/"till" (a limit ahead), as one trie-shaped alternation over lower-case text.
_AHEAD_WORDS = re.compile(trie_regex(sorted({*V.FUTURE_CUES, "soon", "early", "until", "till"})))


def may_look_ahead(text: str, start: int, end: int) -> bool:
    """False only when `tense(text, start, end)` cannot be +1: both of its windows are ASCII (case
    folding is then `lower`, and `_TOKENS` reads ASCII letters only) and hold none of `_AHEAD_WORDS`,
    even as part of a word. One search instead of the tense's several, where only "future or not"
    matters (a bare year moving the story's reference)."""
    window = text[max(0, start - 90):start] + "\n" + text[end:end + 60]
    return not window.isascii() or _AHEAD_WORDS.search(window.lower()) is not None


_DETERMINERS = frozenset("""a an the this that these those its their his her our your my some any
no still very more most newly recently already""".split())


#: Cue words that keep their sense after a determiner ("the next", "the previous").
_ADJECTIVE_CUES = frozenset("next coming upcoming forthcoming last previous earlier deadline".split())


def after_determiner(words: list[str], i: int) -> bool:
    """Whether a cue word follows a determiner ("the plan", "a revised offer"), so it is a noun
    or an adjective and says nothing about the tense."""
    return i > 0 and words[i - 1].lower() in _DETERMINERS and words[i].lower() not in _ADJECTIVE_CUES


@lru_cache(maxsize=8192)
def _cue(word: str) -> int:
    """+1 / -1 for a future / past cue word, 0 otherwise; capitalised words ("United") are
    names, not -ed verbs. Cached: a pure function of a word, asked for several words per timex."""
    w = word.lower()
    if w in V.FUTURE_CUES:
        return 1
    if w in V.PAST_CUES:
        return -1
    if len(w) > 4 and w.endswith("ed") and word[0].islower() \
            and w not in ("need", "indeed", "speed", "proceed", "exceed", "succeed"):
        return -1
    return 0


@dataclass(slots=True)
class Reference:
    """The narrative reference time: the last mentioned date, each part possibly unknown."""

    y: int | None = None
    m: int | None = None
    d: int | None = None

    def as_date(self) -> date | None:
        if self.y is None or self.y < 1:
            return None
        return date(self.y, self.m or 1, self.d or 1)

    def update(self, y: int | None, m: int | None = None, d: int | None = None) -> None:
        if y is None:
            return
        if m is None:
            if y != self.y:
                self.y, self.m, self.d = y, None, None
            return
        if d is None:
            if (y, m) != (self.y, self.m):
                self.y, self.m, self.d = y, m, None
            return
        self.y, self.m, self.d = y, m, d


@dataclass(slots=True)
class Resolved:
    value: str
    anchor: str
    ymd: tuple[int | None, int | None, int | None] | None = None  # for the reference update


class Resolver:
    """Resolves specs in text order, tracking the reference time."""

    def __init__(self, dct: date | None, mode: str, prefer_past: bool, first_year: int | None,
                 dct_precision: str = "day"):
        self.dct = dct
        self.mode = mode
        self.prefer_past = prefer_past
        # a year-only DCT ("published in 2023") pins years, never months, weeks or days
        self.dct_rank = 3 if dct_precision == "day" else 1
        self.ref = Reference()
        if mode == "news" and dct:
            if self.dct_rank == 3:
                self.ref.update(dct.year, dct.month, dct.day)
            else:
                self.ref.update(dct.year)
        self.first_year = first_year

    # anchors ------------------------------------------------------------------------------
    def _anchor(self, spec: Spec) -> tuple[date | None, str, int]:
        """(anchor date, anchor name, precision rank: 3 day, 2 month, 1 year, 0 none)."""
        if self.mode == "news" and not spec.anaphoric:
            if self.dct:
                return self.dct, "dct", self.dct_rank
            return None, "none", 0  # news without a DCT: deictic words have no anchor
        r = self.ref
        if r.y is not None and r.y >= 1:
            rank = 3 if r.d else 2 if r.m else 1
            if rank < 3 and self.mode == "news" and self.dct and self.dct_rank == 3 and spec.type == "TIME" \
                    and spec.kind == "rel" and spec.unit == "day" and not spec.offset:
                return self.dct, "dct", 3  # a clock time after "last month": no day was named, the report's
            return r.as_date(), ("narrative" if self.mode == "narrative" or spec.anaphoric else "dct"), rank
        if r.y is not None:  # BC reference
            return None, "narrative", 1
        if self.mode == "narrative" and self.first_year:
            if self.first_year < 1:
                return None, "narrative", 1  # a BC story: only year arithmetic applies
            return date(self.first_year, 1, 1), "narrative", 1
        if self.dct:
            return self.dct, "dct", self.dct_rank
        return None, "none", 0

    def _ref_year(self, spec: Spec) -> int | None:
        if self.mode == "news" and not spec.anaphoric:
            return self.dct.year if self.dct else None
        if self.ref.y is not None:
            return self.ref.y
        if self.mode == "narrative" and self.first_year:
            return self.first_year
        return self.dct.year if self.dct else None

    def _direction(self, spec: Spec, text: str, t: int | None = None) -> int:
        """spec.rel, else the tense (`t` when the caller already has it), past by default in news."""
        if spec.rel is not None:
            return spec.rel
        if t is None:
            t = tense(text, spec.start, spec.end)
        if t == 0 and self.prefer_past and self.mode == "news":
            return -1
        return t

    # resolution -----------------------------------------------------------------------------
    def resolve(self, spec: Spec, text: str) -> Resolved:
        k = spec.kind
        if k == "fixed":
            if spec.y is not None and spec.type == "DATE":
                return Resolved(spec.value, "absolute", (spec.y, None, None))
            return Resolved(spec.value, "absolute")
        fn = getattr(self, "_r_" + k)
        try:
            return fn(spec, text)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: leave it unresolved
            return self._unresolved(spec)

    def resolve_from(self, ymd: tuple[int, int, int], spec: Spec, text: str) -> Resolved:
        """`resolve` with (year, month, day) as the reference time, for this expression only."""
        saved = (self.ref.y, self.ref.m, self.ref.d)
        self.ref.y, self.ref.m, self.ref.d = ymd
        try:
            return self.resolve(spec, text)
        finally:
            self.ref.y, self.ref.m, self.ref.d = saved

    def _r_ymd(self, spec: Spec, text: str) -> Resolved:
        m, d = spec.m, spec.d
        if spec.y is not None:
            y, anchor = spec.y, "absolute"
        elif "year_offset" in spec.extra:
            a, anchor, _ = self._anchor(spec)
            if a is None:
                return self._unresolved(spec)
            y = a.year + spec.extra["year_offset"]
        else:
            if self.mode == "narrative" or spec.anaphoric:
                y = self._ref_year(spec)
                anchor = "narrative" if self.mode == "narrative" else "dct"
                if y is not None and spec.rel:
                    y += spec.rel
            else:
                if not self.dct or self.dct_rank < 3:
                    return self._unresolved(spec)
                y, anchor = self._year_for(spec, text, m, d or 1), "dct"
            if y is None:
                return self._unresolved(spec)
        if "nth_weekday" in spec.extra:
            wd, n = spec.extra["nth_weekday"]
            d = _nth_weekday(y, m, wd, n)
        if "easter" in spec.extra:
            if y < 1583:  # before the Gregorian reform the two reckonings need another calendar
                return Resolved(f"{fmt_year(y)}", anchor, (y, None, None))
            reckoning, shift = spec.extra["easter"]
            day = _easter(y, reckoning) + timedelta(days=shift)
            m, d = day.month, day.day
        if y < 1:
            return Resolved(fmt_year(y) + (f"-{m:02d}" if m else ""), anchor, (y, m, d))
        if d is None:
            return Resolved(f"{y:04d}-{m:02d}", anchor, (y, m, None))
        try:
            day = date(y, m, d)
        except ValueError:
            return Resolved(f"{y:04d}-{m:02d}", anchor, (y, m, None))
        if spec.extra.get("week"):
            return Resolved(fmt_week(day), anchor, (y, m, d))
        return Resolved(fmt_day(day) + self._tod(spec), anchor, (y, m, d))

    def _year_for(self, spec: Spec, text: str, m: int, d: int) -> int:
        a = self.dct
        here, there = (m, d), (a.month, a.day)
        if spec.rel == -1:
            return a.year if here < there and m != a.month else a.year - 1
        if spec.rel == 1:
            return a.year if here > there and m != a.month else a.year + 1
        if spec.rel == 0:
            return a.year
        near = _nearest_year(a, m, d, spec.d is None)
        if near[0] <= 60:
            return near[1]  # the nearest reading, whatever the tense: not asked for
        t = tense(text, spec.start, spec.end) if spec.rel is None else 0  # asked once, used twice
        direction = self._direction(spec, text, t)
        if spec.rel is None and spec.d is not None and t == 0:
            past = a.year if here <= there else a.year - 1
            dist_past = abs((date(past, m, min(d, 28)) - a).days)
            return near[1] if near[0] < 0.5 * dist_past else past
        if direction < 0:
            return a.year if here <= there else a.year - 1
        if direction > 0:
            return a.year if here >= there else a.year + 1
        return near[1]

    def _unresolved(self, spec: Spec) -> Resolved:
        if spec.kind == "ymd":
            v = f"XXXX-{spec.m:02d}" + (f"-{spec.d:02d}" if spec.d else "")
        elif spec.kind == "weekday":
            v = f"XXXX-WXX-{spec.d}"
        elif spec.kind == "season":
            v = f"XXXX-{spec.code}"
        elif spec.kind in ("quarter", "half"):
            v = f"XXXX-{spec.code}"
        else:
            v = "XXXX"
        return Resolved(v + self._tod(spec), "none")

    def _tod(self, spec: Spec) -> str:
        if not spec.tod:
            return ""
        return "T" + spec.tod

    def _r_weekday(self, spec: Spec, text: str) -> Resolved:
        a, name, rank = self._anchor(spec)
        if a is None or rank < 3:
            return Resolved(f"XXXX-WXX-{spec.d}{self._tod(spec)}", "none")
        wd = spec.d
        cur = a.isoweekday()
        if spec.rel == 0:
            day = a + timedelta(days=wd - cur)
        elif spec.rel == -1:
            back = (cur - wd) % 7 or 7
            day = a - timedelta(days=back)
        elif spec.rel == 1:
            fwd = (wd - cur) % 7 or 7
            day = a + timedelta(days=fwd)
        elif spec.extra.get("possessive"):  # "Wednesday's ruling": news refers back to it
            day = a - timedelta(days=(cur - wd) % 7)
        else:
            t = tense(text, spec.start, spec.end)
            if t == 0 and self.mode == "narrative":
                t = 1
            if t > 0:
                day = a + timedelta(days=(wd - cur) % 7)
            else:
                day = a - timedelta(days=(cur - wd) % 7)
        return Resolved(fmt_day(day) + self._tod(spec), name, (day.year, day.month, day.day))

    def _r_nth(self, spec: Spec, text: str) -> Resolved:
        a, name, rank = self._anchor(spec)
        if a is None or rank < 2:
            return Resolved(f"XXXX-XX-{spec.d:02d}", "none")
        y, m = a.year, a.month
        t = tense(text, spec.start, spec.end)
        if rank == 3:
            if t < 0 and spec.d > a.day:
                y, m = add_months(y, m, -1)
            elif t > 0 and spec.d < a.day:
                y, m = add_months(y, m, 1)
        try:
            day = date(y, m, spec.d)
        except ValueError:
            return Resolved(f"{y:04d}-{m:02d}", name)
        return Resolved(fmt_day(day), name, (y, m, spec.d))

    def _r_season(self, spec: Spec, text: str) -> Resolved:
        code = spec.code
        if spec.y is not None:
            return Resolved(f"{fmt_year(spec.y)}-{code}", "absolute", _season_ref(spec.y, code))
        if self.mode == "news" and not spec.anaphoric and self.dct_rank < 3:
            return self._unresolved(spec)  # "this spring" needs the month of publication
        if self.mode == "narrative" or spec.anaphoric or not self.dct:
            y = self._ref_year(spec)
            if y is None:
                return self._unresolved(spec)
            y += spec.rel or 0 if spec.anaphoric else 0
            if code == "WI" and self.ref.y is not None and y == self.ref.y and (self.ref.m or 12) <= 2:
                y -= 1  # in January or February, "the winter" is the one under way, begun last year
            return Resolved(f"{fmt_year(y)}-{code}", "narrative" if self.mode == "narrative" else "dct",
                            _season_ref(y, code))
        a = self.dct
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        starts = [date(y, start_month, 1) for y in (a.year - 2, a.year - 1, a.year, a.year + 1)]
        cur_start = max(date(y, sm, 1) for y in (a.year - 1, a.year) for sm in (3, 6, 9, 12)
                        if date(y, sm, 1) <= a)
        if spec.rel == 0:
            y = a.year - 1 if code == "WI" and a.month <= 2 else a.year
        elif spec.rel == -1:
            y = max(s for s in starts if s < cur_start).year
        elif spec.rel == 1:
            y = min(s for s in starts if s > a).year
        elif any(s <= a < add_days(s, 91) for s in starts) or any(a < s <= add_days(a, 75) for s in starts):
            # the season under way, or one starting within ten weeks ("ahead of the winter" in
            # October): the nearest reading wins
            y = next(s for s in starts if s <= a < add_days(s, 91) or a < s <= add_days(a, 75)).year
        else:
            direction = self._direction(spec, text)
            if direction < 0:
                y = max(s for s in starts if s <= a).year
            elif direction > 0:
                y = min(s for s in starts if s >= cur_start).year
            else:
                y = a.year - 1 if code == "WI" and a.month <= 2 else a.year
        return Resolved(f"{y:04d}-{code}", "dct", _season_ref(y, code))  # a winter: the year it begins

    def _r_quarter(self, spec: Spec, text: str) -> Resolved:
        return self._r_yearpart(spec, text)

    def _r_half(self, spec: Spec, text: str) -> Resolved:
        return self._r_yearpart(spec, text)

    def _r_yearpart(self, spec: Spec, text: str) -> Resolved:
        if spec.y is not None:
            return Resolved(f"{fmt_year(spec.y)}-{spec.code}", "absolute", (spec.y, None, None))
        if self.mode == "news" and not spec.anaphoric and self.dct_rank < 3 and spec.rel is None:
            return self._unresolved(spec)  # "the third quarter": this year's or last year's?
        y = self._ref_year(spec)
        if y is None:
            return self._unresolved(spec)
        if self.mode == "news" and not spec.anaphoric and spec.rel is None and self.dct_rank == 3:
            y = self._part_year(spec, text)
        y += spec.rel or 0
        return Resolved(f"{fmt_year(y)}-{spec.code}", "dct" if self.mode == "news" else "narrative", (y, None, None))

    def _part_year(self, spec: Spec, text: str) -> int:
        """A bare "the fourth quarter" in news: this year's once it has begun; one not begun by
        the DCT is last year's (a January report on the fourth quarter) unless a future cue says
        it is still to come. Results come out after a quarter ends, so "will report third-quarter
        results" in October stays this year's."""
        a = self.dct
        n = int(spec.code[1:])
        months = 3 if spec.code[0] == "Q" else 6
        if date(a.year, months * (n - 1) + 1, 1) <= a or (may_look_ahead(text, spec.start, spec.end)
                                                          and tense(text, spec.start, spec.end) > 0):
            return a.year
        return a.year - 1

    def _r_decade2(self, spec: Spec, text: str) -> Resolved:
        y = self._ref_year(spec) or (self.dct.year if self.dct else None)
        if y is None or y < 1:
            return Resolved(f"XX{spec.d}", "none")
        cand = (y // 100) * 100 + spec.d * 10
        if cand > y:
            cand -= 100
        if cand < 0:
            return Resolved(f"XX{spec.d}", "none")
        return Resolved(f"{cand // 10:03d}", "dct" if self.mode == "news" else "narrative")

    def _r_rel(self, spec: Spec, text: str) -> Resolved:
        a, name, rank = self._anchor(spec)
        u, n = spec.unit, spec.offset
        if a is None:
            base = self.ref.y if self.ref.y is not None else self.first_year
            if base is not None and base < 1 and u == "year" and self.mode == "narrative":  # BC narrative
                y = base + n
                return Resolved(fmt_year(y), "narrative", (y, None, None))
            return Resolved(_UNKNOWN_UNIT.get(u, "XXXX") + (self._tod(spec) if u == "day" else ""), "none")
        if self.dct_rank < 3 and rank < _RANK_NEEDED.get(u, 1) and (self.mode == "news" or name == "dct"):
            # a year-only DCT (and no finer date since): "last month", "yesterday" stay unknown
            return Resolved(_UNKNOWN_UNIT.get(u, "XXXX") + (self._tod(spec) if u == "day" else ""), "none")
        if u == "day":
            if spec.extra.get("today") and self.mode == "narrative":
                return Resolved("PRESENT_REF", "narrative")
            if rank < 3:
                if spec.anaphoric and rank == 2 and n == 0:
                    # "that same day" after "last October": a day of that month, which one unknown
                    return Resolved(f"{a.year:04d}-{a.month:02d}-XX" + self._tod(spec), name)
                if self.mode == "news" and self.dct and self.dct_rank == 3:
                    a, name = self.dct, "dct"
                else:
                    return Resolved("XXXX-XX-XX" + self._tod(spec), "none")
            day = a + timedelta(days=n)
            return Resolved(fmt_day(day) + self._tod(spec), name, (day.year, day.month, day.day))
        if u == "week":
            return Resolved(fmt_week(a + timedelta(weeks=n)), name)
        if u == "weekend":
            base = a + timedelta(weeks=n)
            if n == 0 and a.isoweekday() <= 3 and self._direction(spec, text) < 0:
                base = a - timedelta(weeks=1)
            return Resolved(fmt_week(base) + "-WE", name)
        if u == "month":
            y, m = add_months(a.year, a.month, n)
            return Resolved(f"{y:04d}-{m:02d}", name, (y, m, None))
        if u == "quarter":
            q = (a.month - 1) // 3 + n
            y = a.year + q // 4
            return Resolved(f"{y:04d}-Q{q % 4 + 1}", name, (y, None, None))
        if u == "latest_quarter":
            rq = report_quarter(text) if self.mode == "news" else None
            if rq is not None:  # the quarter the report is about, in its latest year that began by the DCT
                y = a.year if date(a.year, 3 * rq - 2, 1) <= a else a.year - 1
                q = rq - 1 + n
            else:  # a report comes out some weeks after its quarter ends
                b = a - timedelta(days=45) if self.mode == "news" else a
                y, q = b.year, (b.month - 1) // 3 + n
            y = y + q // 4
            return Resolved(f"{y:04d}-Q{q % 4 + 1}", name, (y, None, None))
        if u == "year":
            y = a.year + n
            return Resolved(fmt_year(y), name, (y, None, None))
        if u == "decade":
            return Resolved(f"{a.year // 10 + n:03d}", name)
        if u == "century":
            return Resolved(f"{a.year // 100 + n:02d}", name)
        if u == "turn":
            t = ((a.year + 50) // 100) * 100
            return Resolved(f"{t:04d}", name)
        return Resolved("XXXX", "none")


#: Unresolved relative values per unit (TIMEX3 placeholders), and the anchor precision each
#: unit needs (3 day, 2 month, 1 year).
_UNKNOWN_UNIT = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "quarter": "XXXX-QX", "latest_quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX",
                 "century": "XX", "turn": "XXXX"}
_RANK_NEEDED = {"day": 3, "week": 3, "weekend": 3, "month": 2, "quarter": 2, "latest_quarter": 2}


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


@lru_cache(maxsize=4096)
def _nearest_year(a: date, m: int, d: int, month_only: bool) -> tuple[int, int]:
    """(distance in days, year) of the reading of month `m` (day `d`) nearest to `a`, among the
    year before, that of and the year after `a`; with `month_only`, months apart times 30.
    Cached: a text of dense dates asks for the same few days again and again."""
    if month_only:  # month precision: compare months, not days
        return min((abs((y * 12 + m) - (a.year * 12 + a.month)) * 30, y) for y in (a.year - 1, a.year, a.year + 1))
    return min((abs((date(y, m, min(d, 28)) - a).days), y) for y in (a.year - 1, a.year, a.year + 1))


@lru_cache(maxsize=4096)
def _easter(y: int, reckoning: str) -> date:
    """Easter Sunday of year `y` in the Gregorian calendar, Western or Orthodox reckoning (cached:
    a pure function of the year, asked once per Easter holiday)."""
    from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

    return easter(y, EASTER_ORTHODOX if reckoning == "orthodox" else EASTER_WESTERN)


def _nth_weekday(y: int, m: int, wd: int, n: int) -> int:
    if n > 0:
        first = date(y, m, 1)
        return 1 + (wd - first.isoweekday()) % 7 + 7 * (n - 1)
    last = date(y, m + 1, 1) - timedelta(days=1) if m < 12 else date(y, 12, 31)
    return last.day - (last.isoweekday() - wd) % 7
