"""The pipeline: scan -> interpret -> choose mode -> resolve in text order -> Timex records."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from .anchor import Resolver, may_look_ahead, tense
from .model import MODES, Timex, new_timex
from .normalise import Spec, interpret
from .rules import vocab as V
from .scan import scan
from .settings import TagResult, TagSettings
from .values import interval

#: Words that may stand between a relation word and the timex ("since at least 1990").
_RELATION_MODIFIERS = ("at least", "as early as", "as late as", "around", "about", "roughly", "the week of")
_RELATION = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in V.RELATIONS), key=len, reverse=True))
    + r")\s+(?:" + "".join(m.replace(" ", r"\s+") + r"\s+|" for m in _RELATION_MODIFIERS)[:-1] + r")?$",
    re.IGNORECASE,
)
#: The word a `_RELATION` match ends with (the last word of a relation or of a modifier).
_RELATION_LAST_WORDS = frozenset(w.split()[-1] for w in (*V.RELATIONS, *_RELATION_MODIFIERS))
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
_RANGE_LINK = re.compile(r"^\s*(?:-|–|—|and|to|until|till|through|or)\s*$", re.IGNORECASE)


_WS = re.compile(r"\s+")
_YEAR_ONLY = re.compile(r"\s*(\d{4})\s*")


def read_dct(dct: date | str | None) -> tuple[date | None, str]:
    """(DCT, its precision "day" | "year"). A year-only string ("2023": published that year,
    day unknown) gives 1 January and "year", so that only what the year pins gets resolved."""
    if isinstance(dct, str):
        m = _YEAR_ONLY.fullmatch(dct)
        if m:
            if int(m.group(1)) < 1:
                raise ValueError(f"dct {dct!r} is not a year (0001-9999)")
            return date(int(m.group(1)), 1, 1), "year"
    return parse_dct(dct), "day"


def parse_dct(dct: date | str | None) -> date | None:
    """DCT as a date; a string must be ISO (YYYY-MM-DD, a time part is ignored, or a bare
    year YYYY, read as 1 January; `read_dct` also says it was only a year)."""
    if dct is None or dct == "":
        return None
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    if isinstance(dct, str):
        m = _YEAR_ONLY.fullmatch(dct)
        if m and int(m.group(1)) >= 1:
            return date(int(m.group(1)), 1, 1)
        try:
            return date.fromisoformat(dct.strip()[:10])
        except ValueError:
            raise ValueError(f"dct {dct!r} is not an ISO date (YYYY-MM-DD) or year (YYYY)") from None
    raise TypeError(f"dct must be a date, an ISO string or None, not {type(dct).__name__}")


def _has_copyright(s: str) -> bool:
    """`_COPYRIGHT.search(s)`; for ASCII text (IGNORECASE then is plain case folding) done with
    `str.lower` and substring tests, several times faster than the regex on a long line."""
    if s.isascii():
        low = s.lower()
        return "(c)" in low or "copyright" in low or "all rights reserved" in low
    return _COPYRIGHT.search(s) is not None


class _CopyrightLines:
    """Whether a candidate at `start` is on a copyright line ("(c) 2024 ..."): its whole line
    matches `_COPYRIGHT` or, for a line of 400 characters or more, the 40 characters before it.
    One object per text, so that a short line is searched once, not once per candidate on it."""

    __slots__ = ("text", "ls", "le", "hit")

    def __init__(self, text: str):
        self.text = text
        self.ls = self.le = -1
        self.hit = False

    def __call__(self, start: int) -> bool:
        text = self.text
        if not self.ls <= start <= self.le:  # [ls, le) holds no newline, so start's line is the same
            self.ls = text.rfind("\n", 0, start) + 1
            le = text.find("\n", start)
            self.le = le if le >= 0 else len(text)
            self.hit = self.le - self.ls < 400 and _has_copyright(text[self.ls:self.le])
        if self.le - self.ls < 400:
            return self.hit
        return _has_copyright(text[max(self.ls, start - 40):start])


def _explicit_years(specs: list[Spec]) -> list[Spec]:
    return [s for s in specs if s.y is not None and s.kind in ("fixed", "ymd", "season", "quarter", "half")
            and s.type == "DATE" and not s.extra.get("decade")]  # a decade names no year of the story


def reads_as_narrative(specs: list[Spec], text_len: int) -> bool:
    """Without a DCT: a history-style text, with many explicit years (at least three distinct)
    spread over the text and few deictic words ("last year", "on Friday"). Anything else is
    read as news whose publication date is unknown, so its relative dates stay unresolved
    rather than being anchored to a year the text happens to mention."""
    dated = _explicit_years(specs)
    if len(dated) < 6 or len({s.y for s in dated}) < 3:
        return False
    deictic = sum(1 for s in specs if s.kind in ("weekday", "rel") and not s.anaphoric)
    if deictic * 3 > len(dated):
        return False
    # "on Friday", "yesterday": days counted from publication, a mark of news even in a
    # report with a long historical background
    if _days_from_dct(specs) * 8 > len(dated):
        return False
    return dated[-1].start - dated[0].start >= 0.4 * text_len


def _days_from_dct(specs: list[Spec]) -> int:
    return sum(1 for s in specs if s.kind == "weekday" or (s.kind == "rel" and s.unit == "day" and not s.anaphoric))


def choose_mode(specs: list[Spec], dct: date | None, settings: TagSettings, text_len: int = 0) -> str:
    """Without a DCT, narrative only for a text that reads as one (`reads_as_narrative`).
    With one: narrative when most explicit years lie far from it (with many years or no
    day counted from the DCT), or a chronicle: many years and few deictic words."""
    if dct is None:
        return "narrative" if reads_as_narrative(specs, text_len) else "news"
    years = [s.y for s in _explicit_years(specs)]
    if len(years) < 3:
        return "news"
    near = sum(1 for y in years if abs(y - dct.year) <= settings.news_window_years)
    # "on Friday", "yesterday", "tonight": days counted from the DCT, the mark of a news report
    days_from_dct = _days_from_dct(specs)
    if near / len(years) < settings.narrative_threshold and (len(years) >= 8 or days_from_dct == 0):
        return "narrative"
    # many explicit years and few deictic words ("on Friday", "last week"): a chronicle
    deictic = sum(1 for s in specs if s.kind in ("weekday", "rel") and not s.anaphoric)
    if len(years) >= 8 and deictic * 4 < len(years):
        return "narrative"
    return "news"


def _relation_match(text: str, start: int) -> re.Match[str] | None:
    """`_RELATION` in the 30 characters before `start`. A match ends with one of
    `_RELATION_LAST_WORDS` and then whitespace, so when the last word there is ASCII (case
    folding then is just `lower`) and does not end in a letter, or is letters and not one of
    them, the (slow) search is skipped."""
    lo = max(0, start - 30)
    words = text[lo:start].rsplit(None, 1)
    if words:
        w = words[-1]
        if w.isascii() and (not w[-1].isalpha() or w.isalpha() and w.lower() not in _RELATION_LAST_WORDS):
            return None  # ends in no letter ("1990,", "U.S."), or is a word that ends no match
    return _RELATION.search(text, lo, start)


def _relation(text: str, spec: Spec, prev: Spec | None, prev_rel: str | None) -> str | None:
    m = _relation_match(text, spec.start)
    if spec.relation:  # the ends of a range ("June 5-7"): from/to, or between/between
        if spec.range_partner == -1 and prev_rel == "between":
            return "between"
        if spec.range_partner == 1 and m and m.group(1).lower() == "between":
            return "between"
        return spec.relation
    if m:
        word = _WS.sub(" ", m.group(1).lower())
        rel = V.RELATIONS[word]
        if rel == "to" and prev_rel != "from":
            return None  # "dates back to the 1980s": only the end of a from-range counts
        return rel
    if prev is not None and prev_rel in ("between", "from") and _RANGE_LINK.match(text[prev.end:spec.start]):
        return "between" if prev_rel == "between" else "to"
    return None


def _propagate_range_years(specs: list[Spec], text: str) -> None:
    """'between March and May 2023', 'June 5 to June 7, 2023': the first end takes the year."""
    for a, b in zip(specs, specs[1:]):
        if a.kind == "ymd" and a.y is None and b.kind == "ymd" and b.y is not None \
                and b.start - a.end <= 12 and _RANGE_LINK.match(text[a.end:b.start]):
            a.y = b.y


def _moves_reference(spec: Spec, ymd, relation: str | None, text: str) -> bool:
    """Whether a date becomes the new reference time of the story.

    The end of a span ("lasted until February 1945"), its background start ("part of the
    empire since 513 BC") and a bare year in a plan ("a campaign planned for 1976") are
    mentioned without moving the narrative there."""
    if relation in ("until", "to", "since"):
        return False
    if ymd[1] is None and may_look_ahead(text, spec.start, spec.end) and tense(text, spec.start, spec.end) > 0:
        return False
    return True


_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')]*\s+(?=[A-Z\"“‘(])|\n")


def _local_anchor(text: str, spec: Spec, local: tuple[int, tuple] | None, ref) -> tuple | None:
    """The day named earlier in the same sentence, for a count of days from it ("since Oct. 10,
    when ... two days earlier"), when it is not the reference time already (a date after
    "since" or "until" does not move the reference, yet is what the count starts from)."""
    if local is None or not spec.anaphoric or spec.kind != "rel" or not spec.offset or spec.unit not in ("day", "week"):
        return None
    end, ymd = local
    if (ref.y, ref.m, ref.d) == ymd or _SENTENCE_BREAK.search(text, end, spec.start + 1):  # +1: the look-ahead
        return None
    return ymd


def _with_value(t: Timex, value: str, anchor: str) -> Timex:
    """`t` with another value (and the interval that value stands for)."""
    first, last, precision = interval(value)
    return new_timex(t.start, t.end, t.text, t.type, value, t.mod, first, last, precision, t.relation,
                     anchor, t.quant, t.freq)


def _order_range_ends(out: list[Timex], specs: list[Spec], resolver: Resolver, text: str) -> None:
    """A range whose first end came out after its second ("between Dec. 29 and Jan. 2" in
    October) runs over a new year: the first end belongs to the year before the second's."""
    for i in range(len(out) - 1):
        a, b, sa = out[i], out[i + 1], specs[i]
        if (a.relation, b.relation) not in (("from", "to"), ("between", "between")) or sa.kind != "ymd" \
                or sa.y is not None or sa.m is None or a.first is None or b.first is None or a.first <= b.first:
            continue
        y = b.first.year - 1 if (sa.m, sa.d or 1) > (b.first.month, b.first.day) else b.first.year
        out[i] = _with_value(a, resolver.resolve(replace(sa, y=y), text).value, a.anchor)


_ON_THE_DAY = re.compile(r"\s*,?\s*(?:on\s+)?")


def _attach_times_to_days(out: list[Timex], specs: list[Spec], text: str) -> None:
    """A clock time followed by its day ("at 00:00 Kyiv time on April 20", "0600 hours on
    Monday") is on that day, not on the story's day before it."""
    for i in range(len(out) - 1):
        a, b, sa = out[i], out[i + 1], specs[i]
        if sa.type != "TIME" or sa.kind != "rel" or sa.unit != "day" or sa.offset or not sa.tod \
                or not sa.anaphoric or b.type != "DATE" or b.precision != "day" or "T" in b.value \
                or not _ON_THE_DAY.fullmatch(text, a.end, b.start):
            continue
        out[i] = _with_value(a, f"{b.value}T{sa.tod}", b.anchor)


def analyse(text: str, dct: date | str | None = None, *, mode: str = "auto",
            settings: TagSettings | None = None) -> TagResult:
    """Tag `text`; see the package docstring."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    settings = settings or TagSettings()
    dct_date, dct_precision = read_dct(dct)
    specs: list[Spec] = []
    last_end = -1
    # an ASCII text without a copyright mark anywhere has no line or window with one: checked once (lower-case
    # and substring tests), not per candidate; a non-ASCII text would need the IGNORECASE regex over all of
    # it, dearer than the per-line checks, so it keeps them
    on_copyright_line = None if settings.tag_copyright or (text.isascii() and not _has_copyright(text)) \
        else _CopyrightLines(text)
    for c in scan(text):
        if on_copyright_line is not None and on_copyright_line(c.start):
            continue
        for s in interpret(c, text, settings):
            if s.start >= last_end and s.end > s.start:
                specs.append(s)
                last_end = s.end
    used = choose_mode(specs, dct_date, settings, len(text)) if mode == "auto" else mode
    if used == "news":
        specs = [s.extra.get("news_form", s) for s in specs if not s.extra.get("narrative_only")]
    _propagate_range_years(specs, text)
    first_year = next((s.y for s in specs if s.y is not None), None)
    resolver = Resolver(dct_date, used, settings.prefer_past, first_year, dct_precision)
    out: list[Timex] = []
    prev: Spec | None = None
    prev_rel: str | None = None
    local: tuple[int, tuple[int, int, int]] | None = None  # the last day named: (its end, ymd)
    for s in specs:
        local_ref = _local_anchor(text, s, local, resolver.ref)
        if local_ref is not None:
            r = resolver.resolve_from(local_ref, s, text)
        else:
            r = resolver.resolve(s, text)
        rel = _relation(text, s, prev, prev_rel)
        if r.ymd and s.type in ("DATE", "TIME") and local_ref is None \
                and not (r.ymd[1] is None and r.ymd[0] == resolver.ref.y) \
                and _moves_reference(s, r.ymd, rel, text):  # (the year already named: no update, tense not asked)
            resolver.ref.update(*r.ymd)
        if r.ymd and r.ymd[2] is not None and s.type in ("DATE", "TIME"):
            local = (s.end, r.ymd)
        first = last = precision = None
        if s.type in ("DATE", "TIME"):
            first, last, precision = interval(r.value)
        out.append(new_timex(
            s.start, s.end, text[s.start:s.end], s.type, r.value, s.mod, first, last, precision, rel,
            r.anchor if s.kind != "fixed" else "absolute", s.quant, s.freq,
        ))
        prev, prev_rel = s, rel
    _order_range_ends(out, specs, resolver, text)
    _attach_times_to_days(out, specs, text)
    return TagResult(out, used)


def tag(text: str, dct: date | str | None = None, *, mode: str = "auto",
        settings: TagSettings | None = None) -> list[Timex]:
    """The timexes of `text`, sorted by start and non-overlapping."""
    return analyse(text, dct, mode=mode, settings=settings).timexes
