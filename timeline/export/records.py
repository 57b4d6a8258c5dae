"""Reading event records (the dicts of docs/architecture.md) the way every export needs.

Kept apart from the writers so CSV, ACLED, TimelineJS and the HTML page agree on
what a date's precision allows to be shown, how sources are labelled and where the
date expression sits in the sentence.
"""
from __future__ import annotations

from datetime import date
from typing import Any

#: precisions whose interval bounds are exact days / calendar months / years
DAY_PRECISIONS = frozenset({"day", "week"})
MONTH_PRECISIONS = frozenset({"month", "season", "quarter", "half"})
YEAR_PRECISIONS = frozenset({"year", "decade", "century"})


def parse_day(value: Any) -> date | None:
    """An ISO day from a record field, or None (missing or not a date)."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_parts(day: date, precision: str | None) -> dict[str, int]:
    """The calendar components `precision` supports: a month-precise date has no day.

    Unknown or missing precision is treated as year-precise, so nothing finer than
    what was found is ever shown.
    """
    if precision in DAY_PRECISIONS:
        return {"year": day.year, "month": day.month, "day": day.day}
    if precision in MONTH_PRECISIONS:
        return {"year": day.year, "month": day.month}
    return {"year": day.year}


def is_approximate(event: dict[str, Any]) -> bool:
    return bool(event.get("approximate")) or event.get("date_mod") == "APPROX"


def names(items: Any) -> list[str]:
    """Names of actors or places, in record order, without blanks."""
    return [str(i["name"]) for i in items or [] if isinstance(i, dict) and i.get("name")]


def source_label(source: dict[str, Any]) -> str:
    """One line naming a source: 'Publisher: Title (2023-06-13) <url>'."""
    head = ": ".join(str(x) for x in (source.get("publisher"), source.get("title")) if x)
    head = head or str(source.get("doc_id") or "source")
    if source.get("published"):
        head += f" ({source['published']})"
    if source.get("url"):
        head += f" <{source['url']}>"
    return head


def located_places(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Places of the event that have coordinates."""
    out = []
    for place in event.get("places") or []:
        try:
            lat, lon = float(place["lat"]), float(place["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            out.append({**place, "lat": lat, "lon": lon})
    return out


def timex_in_sentence(event: dict[str, Any]) -> tuple[int, int] | None:
    """Code-point offsets of the date expression inside `sentence`, or None.

    Uses the first source's document offsets (timex relative to sentence start)
    when they agree with `date_text`; otherwise looks for `date_text` itself.
    """
    sentence = event.get("sentence") or ""
    date_text = event.get("date_text") or ""
    for src in event.get("sources") or []:
        try:
            lo = int(src["timex_start"]) - int(src["start"])
            hi = int(src["timex_end"]) - int(src["start"])
        except (KeyError, TypeError, ValueError):
            continue
        # date_text may carry its preposition ("on 9 June 2023") around the timex itself
        if 0 <= lo < hi <= len(sentence) and (not date_text or sentence[lo:hi] in date_text):
            return lo, hi
    if date_text:
        at = sentence.find(date_text)
        if at >= 0:
            return at, at + len(date_text)
    return None


def reviewed_note(e: dict[str, Any]) -> str | None:
    """"reviewed: type, places (by ana)" for an event an analyst corrected, else None.

    Every export says which fields are the analyst's word rather than the extractor's."""
    edited = e.get("edited") or {}
    fields = [str(f) for f in edited.get("fields") or []]
    if not fields:
        return None
    by = str(edited.get("by") or "").strip()
    return "reviewed: " + ", ".join(fields) + (f" (by {by})" if by else "")
