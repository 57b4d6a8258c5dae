"""The app's filter state: one plain dict, mirrored in the URL query string.

Keeping the state as a JSON-ready dict lets it live in a dcc.Store and in the
URL (so a view can be shared and reloaded) and be turned into the store's
`EventFilter` in one place.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

from timeline.model import EventFilter

#: state key -> URL parameter; list-valued keys repeat the parameter
LIST_KEYS = {"actors": "actor", "places": "place", "event_types": "type", "sources": "source"}
SCALAR_KEYS = {"date_from": "from", "date_to": "to", "search": "q", "lanes": "lanes"}
LANES = ("event_type", "actor")
_PARTIAL_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def empty_state() -> dict[str, Any]:
    state: dict[str, Any] = {k: [] for k in LIST_KEYS}
    state.update({"date_from": "", "date_to": "", "search": "", "lanes": "event_type"})
    return state


def parse_partial_date(text: str | None, *, end: bool = False) -> date | None:
    """'2023', '2023-06' or '2023-06-09' -> the first (or, with end=True, last) day it covers.

    Returns None for empty or malformed input, so a half-typed date never filters.
    """
    if not text:
        return None
    m = _PARTIAL_DATE.match(text)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)
    except ValueError:
        return None


def state_from_controls(values: dict[str, Any]) -> dict[str, Any]:
    """The state for the filter controls' current values (missing or empty ones mean no filter)."""
    state = empty_state()
    for key, value in values.items():
        if key in state and value:
            state[key] = list(value) if key in LIST_KEYS else value
    if state["lanes"] not in LANES:
        state["lanes"] = "event_type"
    return state


def state_from_query(search: str | None) -> dict[str, Any]:
    """Parse a `?from=..&type=..` query string; unknown parameters are ignored."""
    state = empty_state()
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    for key, param in LIST_KEYS.items():
        state[key] = [v for v in params.get(param, []) if v.strip()]
    for key, param in SCALAR_KEYS.items():
        values = params.get(param)
        if values:
            state[key] = values[-1]
    if state["lanes"] not in LANES:
        state["lanes"] = "event_type"
    return state


def state_to_query(state: dict[str, Any]) -> str:
    """The query string for a state ('' when nothing is set), stable in key order."""
    pairs: list[tuple[str, str]] = []
    for key, param in SCALAR_KEYS.items():
        value = state.get(key)
        if value and not (key == "lanes" and value == "event_type"):
            pairs.append((param, str(value)))
    for key, param in LIST_KEYS.items():
        pairs.extend((param, str(v)) for v in state.get(key) or [])
    return ("?" + urlencode(pairs)) if pairs else ""


def state_to_filter(state: dict[str, Any] | None, window: tuple[date, date] | None = None) -> EventFilter:
    """The store filter for a state, narrowed to a visible time `window` when given."""
    state = state or empty_state()
    date_from = parse_partial_date(state.get("date_from"))
    date_to = parse_partial_date(state.get("date_to"), end=True)
    if window is not None:
        lo, hi = window
        date_from = max(date_from, lo) if date_from else lo
        date_to = min(date_to, hi) if date_to else hi
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        actors=list(state.get("actors") or []),
        places=list(state.get("places") or []),
        event_types=list(state.get("event_types") or []),
        sources=list(state.get("sources") or []),
        search=(state.get("search") or "").strip() or None,
    )
