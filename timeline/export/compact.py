"""Event records -> the compact column form the HTML export embeds.

The page must stay near plotly.js + 300 bytes per event, so the records are
stored as columns (one array per field), dates as day numbers (the end as days
after the start), repeated values (types, precisions, actors, places, sources) as
indexes into dictionaries, and text that repeats the sentence (the summary, the
date expression) as offsets into it or 0. Offsets are in UTF-16 code units, as JavaScript strings count them.
`expand` in export.js reverses this; tests round-trip it in the browser.
"""
from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from datetime import date
from typing import Any

from timeline.app.figures import (
    AGGREGATE_THRESHOLD,
    BADGE_MARGIN_PX,
    BOTTOM_PX,
    LANE_MARGIN_PX,
    TOP_PX,
    TYPE_COLOURS,
    UNKNOWN_TYPE_COLOUR,
    WEBGL_THRESHOLD,
)
from timeline.export.records import is_approximate, parse_day, reviewed_note, timex_in_sentence
from timeline.model import EVENT_TYPES
from timeline.view import labels, stacking
from timeline.view import range as view_range
from timeline.view.headline import headline

_EPOCH = date(1970, 1, 1)
FLAG_APPROXIMATE, FLAG_OPEN_START, FLAG_OPEN_END = 1, 2, 4


class _Dictionary:
    """Values -> small ints; index 0 is reserved for 'none' where `none` is given."""

    def __init__(self, none: Any = None, reserve_none: bool = True) -> None:
        self.values: list[Any] = [none] if reserve_none else []
        self._index: dict[Hashable, int] = {}

    def __call__(self, key: Hashable, value: Any = None) -> int:
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(key if value is None else value)
        return self._index[key]


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _utf16(text: str, i: int) -> int:
    """JavaScript index of Python code-point index `i` in `text` (the same index unless a
    character beyond U+FFFF, two UTF-16 units, comes before it)."""
    head = text[:i]
    if head.isascii() or _ASTRAL.search(head) is None:
        return i
    return len(head.encode("utf-16-le")) // 2


def _day_number(value: Any) -> int | None:
    day = parse_day(value)
    return (day - _EPOCH).days if day else None


def _summary(summary: str | None, sentence: str) -> Any:
    """0 when it is the sentence, [i, j] when it is a part of it, else the text itself."""
    if not summary or summary == sentence:
        return 0
    at = sentence.find(summary)
    if at >= 0:
        return [_utf16(sentence, at), _utf16(sentence, at + len(summary))]
    return summary


def _num(value: Any) -> float | None:
    try:
        return round(float(value), 4)
    except (TypeError, ValueError):
        return None


def compact_events(events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-ready payload: dictionaries plus one column per field under "ev"."""
    types = _Dictionary(reserve_none=False)
    for t in EVENT_TYPES:
        types(t)
    precisions, mods, subtypes = _Dictionary(), _Dictionary(), _Dictionary()
    actors, places, sources = _Dictionary(), _Dictionary(), _Dictionary()
    cols: dict[str, list[Any]] = {k: [] for k in
                                  ("id", "s", "e", "p", "f", "dt", "dv", "m", "sm", "sn", "h",
                                   "t", "st", "a", "pl", "src", "c", "hl")}
    fatalities: dict[str, int] = {}
    reviewed: dict[str, str] = {}   # sparse like fatalities: most events are never corrected
    for n, ev in enumerate(events):
        sentence = str(ev.get("sentence") or "")
        start, end = ev.get("date_start"), ev.get("date_end")
        flags = (FLAG_APPROXIMATE if is_approximate(ev) else 0)
        flags |= FLAG_OPEN_START if ev.get("open_start") or (not start and end) else 0
        flags |= FLAG_OPEN_END if ev.get("open_end") or (start and not end) else 0
        value = ev.get("date_value")
        span = timex_in_sentence(ev)
        mod = (ev.get("date_mod") or "", ev.get("date_relation") or "")
        cols["id"].append(ev.get("id", n))
        first, last = _day_number(start), _day_number(end)
        cols["s"].append(first)
        # the end as days after the start (mostly 0); absolute only when the start is open
        cols["e"].append(last - first if first is not None and last is not None else last)
        cols["p"].append(precisions(ev["precision"]) if ev.get("precision") else 0)
        cols["f"].append(flags)
        date_text = str(ev.get("date_text") or "")
        # the date expression is usually the highlighted part of the sentence: 0 says so
        cols["dt"].append(0 if span and date_text and sentence[span[0]:span[1]] == date_text else date_text)
        cols["dv"].append(0 if value and value == start else str(value or ""))
        cols["m"].append(mods(mod, list(mod)) if any(mod) else 0)
        cols["sm"].append(_summary(ev.get("summary"), sentence))
        cols["sn"].append(sentence)
        cols["h"].append([_utf16(sentence, span[0]), _utf16(sentence, span[1])] if span else 0)
        cols["t"].append(types(str(ev.get("event_type") or "Other")))
        cols["st"].append(subtypes(str(ev["sub_type"])) if ev.get("sub_type") else 0)
        cols["a"].append([actors(str(a["name"]), [str(a["name"]), a.get("kind") or "", a.get("country") or ""])
                          for a in ev.get("actors") or [] if a.get("name")])
        cols["pl"].append([places((str(p["name"]), _num(p.get("lat")), _num(p.get("lon"))),
                                  [str(p["name"]), p.get("country") or "", _num(p.get("lat")),
                                   _num(p.get("lon")), p.get("precision") or ""])
                           for p in ev.get("places") or [] if p.get("name")])
        cols["src"].append([sources(str(s.get("doc_id") or s.get("url") or s.get("title") or ""),
                                    [str(s.get(k) or "") for k in ("doc_id", "title", "url", "publisher",
                                                                   "published", "published_source")])
                            for s in ev.get("sources") or []])
        # the title drawn next to the mark: the same headline the app draws
        cols["hl"].append(ev.get("headline") or headline(ev))
        conf = _num(ev.get("confidence"))
        cols["c"].append(round(conf * 100) if conf is not None else -1)
        if ev.get("fatalities") is not None:
            fatalities[str(n)] = int(ev["fatalities"])
        if reviewed_note(ev):
            reviewed[str(n)] = str(reviewed_note(ev))
    return {
        "v": 1,
        "n": len(events),
        # the page draws like the app: counts above this many events, WebGL above this many marks
        "aggregate_threshold": AGGREGATE_THRESHOLD,
        "webgl_threshold": WEBGL_THRESHOLD,
        "types": types.values,
        "colours": [TYPE_COLOURS.get(t, UNKNOWN_TYPE_COLOUR) for t in types.values],
        "precisions": precisions.values,
        "mods": mods.values,
        "subtypes": subtypes.values,
        "actors": actors.values,
        "places": places.values,
        "sources": sources.values,
        "fatalities": fatalities,
        "reviewed": reviewed,
        "layout": layout_constants(),
        "ev": cols,
    }


def layout_constants() -> dict[str, Any]:
    """The constants of timeline.view that the page's layout.js needs, from the Python modules."""
    return {
        **stacking.geometry(),
        "LABEL_CAPS": list(stacking.LABEL_CAPS), "SHORT_LABEL_PX": stacking.SHORT_LABEL_PX,
        "FONT_PX": labels.FONT_PX, "FONT_FAMILY": labels.FONT_FAMILY, "DEFAULT_EM": labels.DEFAULT_EM,
        "MARGIN": labels.MARGIN, "SLACK_PX": labels.SLACK_PX, "char_widths": labels.char_widths(),
        "CORE": list(view_range.CORE), "TAIL": view_range.TAIL, "PAD": view_range.PAD,
        "MIN_SPAN": view_range.MIN_SPAN,
        "LANE_MARGIN_PX": LANE_MARGIN_PX, "BADGE_MARGIN_PX": BADGE_MARGIN_PX, "TOP_PX": TOP_PX, "BOTTOM_PX": BOTTOM_PX,
    }
