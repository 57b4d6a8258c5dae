"""When two reports describe the same happening: the ingest-time merge rule.

An event from a new document becomes a further mention of a stored event only when
all of these hold, so that two different happenings on the same day stay apart:

* the same resolved date range (start, end) and precision — unresolved dates never merge;
* the same event type;
* at least one actor or place in common;
* similar wording: Jaccard overlap of content words (summary + sentence) of at least
  `JACCARD_MIN`, or (with some overlap, `JACCARD_FLOOR`) a `difflib` ratio of the
  summaries of at least `RATIO_MIN`.

Violent and street events (`SITE_DAY_TYPES`) follow ACLED's unit instead: one event
per type, day and location. Two day-precise reports of the same type that name the
same place below country level (a city, facility, body of water) are one event
whatever their wording: different reporters describe one strike in different words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

JACCARD_MIN = 0.45
RATIO_MIN = 0.75
JACCARD_FLOOR = 0.2
#: event types merged by (type, day, location) as ACLED codes them
SITE_DAY_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians",
                            "Protests", "Riots"})

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is are was were be been being
    it its this that these those has have had will would could should may might can said says
    say told according also after before since until during into over about than then there
    their they them he she his her we our you your i not no new more most some any all which
    who whom whose what when where while per via amid against""".split()
    # dates are compared exactly by the merge key; their words would only inflate overlap
    + """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday day week month year""".split()
)


def content_words(*texts: str) -> frozenset[str]:
    """Lower-cased words minus stop words, with a plural `s` stripped, for wording overlap."""
    out: set[str] = set()
    for text in texts:
        for w in _WORD.findall((text or "").lower()):
            if w in _STOP or len(w) < 3 or w.isdigit():
                continue
            if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
                w = w[:-1]
            out.add(w)
    return frozenset(out)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True, slots=True)
class MergeView:
    """What the merge rule needs to know about an event (stored or new)."""

    key: tuple  # (date_start, date_end, precision, event_type)
    names: frozenset[str]  # lower-cased actor and place names
    words: frozenset[str]
    summary: str
    sites: frozenset[str] = frozenset()  # lower-cased place names below country level


def merge_key(date_start, date_end, precision, event_type) -> tuple | None:
    """The exact-match part of the rule; None when the date is unresolved (never merged)."""
    if date_start is None and date_end is None:
        return None
    if precision is None:
        return None
    return (date_start, date_end, precision, event_type)


def make_view(key: tuple, summary: str, sentence: str, names: Iterable[str],
              sites: Iterable[str] = ()) -> MergeView:
    return MergeView(
        key=key,
        names=frozenset(n.strip().lower() for n in names if n and n.strip()),
        words=content_words(summary, sentence),
        summary=summary or "",
        sites=frozenset(n.strip().lower() for n in sites if n and n.strip()),
    )


def same_site_day(new: MergeView, old: MergeView) -> bool:
    """ACLED's unit: same type (a violent or street one), same day, a shared place below country level."""
    return (new.key == old.key and new.key[2] == "day" and new.key[3] in SITE_DAY_TYPES
            and bool(new.sites & old.sites))


def similarity(new: MergeView, old: MergeView) -> float:
    """Wording similarity that passes the rule's threshold, in (0, 1]; 0.0 when the wording differs."""
    j = jaccard(new.words, old.words)
    if j >= JACCARD_MIN:
        return j
    if j < JACCARD_FLOOR:  # hardly a content word in common: not worth a character-level comparison
        return 0.0
    matcher = SequenceMatcher(None, new.summary.lower(), old.summary.lower(), autojunk=False)
    # cheap upper bounds first: most pairs fail them and never pay for the full comparison
    if matcher.real_quick_ratio() < RATIO_MIN or matcher.quick_ratio() < RATIO_MIN:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= RATIO_MIN else 0.0


def is_same_event(new: MergeView, old: MergeView) -> bool:
    """The whole rule for one pair (see module docstring)."""
    if same_site_day(new, old):
        return True
    return new.key == old.key and bool(new.names & old.names) and similarity(new, old) > 0.0


def best_match(new: MergeView, candidates: Iterable[tuple[int, MergeView]]) -> int | None:
    """Id of the most similar stored event that passes the rule, or None."""
    best_id, best_score = None, 0.0
    for event_id, old in candidates:
        if new.key != old.key or not (new.names & old.names):
            continue
        score = similarity(new, old)  # 0.0 unless the wording passes the threshold
        if same_site_day(new, old):   # always a match; closer wording still ranks first
            score = max(score, jaccard(new.words, old.words), 1e-6)
        if score > best_score:
            best_id, best_score = event_id, score
    return best_id
