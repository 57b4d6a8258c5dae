"""What an analyst may correct on an event, and how each typed-in value is checked.

The app's edit form and `timeline edit` both send text here; what comes back is a plain,
JSON-able value that the store writes onto the event and keeps in its `corrections` history
(`timeline/store/corrections.py`). Every refusal is a `ReviewError` whose message says what
was wrong and what is accepted, so the form can show it next to the box.

Values, by field:

* ``dates``: ``{"date_start", "date_end", "precision", "approximate"}`` (ISO days or None). Typed
  as ``2023-06-09``, ``2023-06`` or ``2023`` (the whole day, month or year), ``A..B`` for a span,
  ``2022-08..`` for an open end ("since August 2022"), ``..2023-05`` for an open start, and a
  leading ``~`` for approximate.
* ``type``: ``{"event_type", "sub_type"}``, ACLED's names (``Battles/Armed clash``).
* ``actor1`` / ``actor2``: a name or None; ``actors``: a list of names.
* ``places``: a list of ``{"name", "country", "lat", "lon", "precision", ...}``.
* ``summary``: text; ``fatalities``: a whole number or None; ``hidden``: true or false.
"""
from __future__ import annotations

import calendar
import math
import re
from datetime import date
from typing import Any

from timeline.model import EVENT_TYPES, SUB_TYPES

#: The fields an analyst can correct, in the order the form shows them.
FIELDS: tuple[str, ...] = ("dates", "type", "actor1", "actor2", "actors", "places", "summary", "fatalities",
                           "hidden")
#: Longest summary or name kept (the store's columns allow more; a pasted article is a mistake).
MAX_TEXT = 2000
MAX_NAME = 200
_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_FORMS = "use YYYY, YYYY-MM or YYYY-MM-DD; A..B for a span, A.. or ..B for an open end, ~ for approximate"
PLACE_PRECISIONS = ("facility", "village", "town", "city", "district", "region", "water", "country")


class ReviewError(ValueError):
    """A correction that cannot be applied; the message is meant for the analyst."""


def _bounds(text: str) -> tuple[date, date, str]:
    """First day, last day and precision of one ISO date at day, month or year precision."""
    m = _PART.match(text.strip())
    if not m:
        raise ReviewError(f"{text.strip()!r} is not a date ({_FORMS})")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if year < 1:
        raise ReviewError(f"{text.strip()!r}: the year must be 1 or later")
    try:
        if day is not None:
            d = date(year, int(month), int(day))
            return d, d, "day"
        if month is not None:
            mo = int(month)
            return date(year, mo, 1), date(year, mo, calendar.monthrange(year, mo)[1]), "month"
    except ValueError as exc:
        raise ReviewError(f"{text.strip()!r} is not a date ({exc})") from None
    return date(year, 1, 1), date(year, 12, 31), "year"


def parse_dates(text: str) -> dict[str, Any]:
    """``"2023-06-09"``, ``"~2023-06"``, ``"2023-06-09..2023-06-12"``, ``"2022-08.."`` -> the dates value."""
    raw = (text or "").strip()
    if not raw:
        raise ReviewError(f"no date given ({_FORMS})")
    approximate = raw.startswith("~")
    raw = raw.lstrip("~").strip()
    if ".." in raw:
        left, right = (p.strip() for p in raw.split("..", 1))
        if not left and not right:
            raise ReviewError(f"a span needs at least one end ({_FORMS})")
        lo = _bounds(left) if left else None
        hi = _bounds(right) if right else None
        start = lo[0] if lo else None
        end = hi[1] if hi else None
        if start is not None and end is not None and end < start:
            raise ReviewError(f"the end {right} is before the start {left}")
        # a span is as precise as its coarser end: "2023-06..2023-07-04" is known to the month
        order = ("day", "month", "year")
        precision = max((b[2] for b in (lo, hi) if b), key=order.index)
    else:
        start, end, precision = _bounds(raw)
    return {"date_start": start.isoformat() if start else None, "date_end": end.isoformat() if end else None,
            "precision": precision, "approximate": approximate}


def format_dates(value: dict[str, Any]) -> str:
    """The dates value written back in the form `parse_dates` reads."""
    def one(day: str | None, last: bool) -> str:
        if day is None:
            return ""
        d = date.fromisoformat(day)
        if value.get("precision") == "year":
            return f"{d.year:04d}"
        if value.get("precision") == "month":
            return f"{d.year:04d}-{d.month:02d}"
        return d.isoformat()
    start, end = value.get("date_start"), value.get("date_end")
    head = "~" if value.get("approximate") else ""
    if start is not None and end is not None and one(start, False) == one(end, True):
        return head + one(start, False)
    return f"{head}{one(start, False)}..{one(end, True)}"


def parse_type(text: str) -> dict[str, Any]:
    """``"Battles/Armed clash"``, ``"Battles"`` or ``"Other"`` -> the type value (names as ACLED writes them)."""
    raw = re.sub(r"\s*/\s*", "/", " ".join((text or "").split()))
    by_lower = {t.lower(): t for t in EVENT_TYPES}
    # the type itself may contain a slash ("Explosions/Remote violence"): try the longest known prefix
    for etype in sorted(EVENT_TYPES, key=len, reverse=True):
        if raw.lower() == etype.lower():
            return {"event_type": etype, "sub_type": None}
        if raw.lower().startswith(etype.lower() + "/"):
            sub = raw[len(etype) + 1:].strip()
            subs = {x.lower(): x for x in SUB_TYPES[etype]}
            if sub.lower() not in subs:
                known = ", ".join(SUB_TYPES[etype]) or "none"
                raise ReviewError(f"{sub!r} is not a sub-type of {etype} (known: {known})")
            return {"event_type": etype, "sub_type": subs[sub.lower()]}
    if raw.lower() in by_lower:
        return {"event_type": by_lower[raw.lower()], "sub_type": None}
    raise ReviewError(f"{raw!r} is not an event type (known: {', '.join(EVENT_TYPES)}; "
                      "add a sub-type after a slash: Battles/Armed clash)")


def parse_name(text: str | None) -> str | None:
    """An actor's name, tidied; empty means none."""
    name = " ".join((text or "").split())
    if len(name) > MAX_NAME:
        raise ReviewError(f"a name is at most {MAX_NAME} characters (got {len(name)})")
    return name or None


def parse_names(text: str | list[str]) -> list[str]:
    """Names separated by ';' (or a list) -> distinct names in the given order."""
    items = text if isinstance(text, list) else re.split(r"[;\n]", text or "")
    out: list[str] = []
    for item in items:
        name = parse_name(item)
        if name and name not in out:
            out.append(name)
    return out


def parse_fatalities(text: str | int | None) -> int | None:
    """A whole number of dead as the text states it, or empty for unknown."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        n = int(str(text).strip())
    except ValueError:
        raise ReviewError(f"fatalities must be a whole number or empty (got {str(text).strip()!r})") from None
    if n < 0:
        raise ReviewError(f"fatalities cannot be negative (got {n})")
    return n


def parse_summary(text: str | None) -> str:
    summary = " ".join((text or "").split())
    if not summary:
        raise ReviewError("the summary cannot be empty")
    if len(summary) > MAX_TEXT:
        raise ReviewError(f"the summary is at most {MAX_TEXT} characters (got {len(summary)})")
    return summary


def custom_place(name: str, lat: float, lon: float, country: str | None = None,
                 precision: str = "town") -> dict[str, Any]:
    """A place the gazetteer does not have: the analyst's own point."""
    label = parse_name(name)
    if not label:
        raise ReviewError("a place needs a name")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise ReviewError(f"{name}: latitude and longitude must be numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ReviewError(f"{name}: {lat}, {lon} is not a point on Earth (latitude -90..90, longitude -180..180)")
    if precision not in PLACE_PRECISIONS:
        raise ReviewError(f"{precision!r} is not a place precision (known: {', '.join(PLACE_PRECISIONS)})")
    code = (country or "").strip().upper() or None
    if code is not None and not re.fullmatch(r"[A-Z]{2}", code):
        raise ReviewError(f"{name}: the country is a two-letter ISO code (got {country!r})")
    return {"name": label, "country": code, "lat": lat, "lon": lon, "precision": precision,
            "geonameid": None, "admin1": None}


_CUSTOM = re.compile(r"^(?P<name>[^@]+)@\s*(?P<lat>-?\d+(?:\.\d+)?)\s*,\s*(?P<lon>-?\d+(?:\.\d+)?)\s*$")


def parse_places(text: str | list, lookup=None) -> list[dict[str, Any]]:  # noqa: ANN001
    """Places separated by ';': a gazetteer name ("Kherson", "Kherson, UA") or a custom point ("Farm 7@46.6,32.6").

    `lookup(name, country) -> dict | None` finds a gazetteer place (the app and CLI pass the gazetteer's)."""
    if isinstance(text, list) and all(isinstance(p, dict) for p in text):
        return [custom_place(p["name"], p["lat"], p["lon"], p.get("country"), p.get("precision") or "town")
                if p.get("geonameid") is None and p.get("lat") is not None else _checked_place(p) for p in text]
    out: list[dict[str, Any]] = []
    for item in parse_names(text):
        m = _CUSTOM.match(item)
        if m:
            out.append(custom_place(m["name"], m["lat"], m["lon"]))
            continue
        name, _, country = (x.strip() for x in item.partition(","))
        found = lookup(name, country.upper() or None) if lookup else None
        if found is None:
            raise ReviewError(f"{item!r} is not in the gazetteer; give a point as name@latitude,longitude")
        out.append(_checked_place(found))
    return out


def _checked_place(p: dict[str, Any]) -> dict[str, Any]:
    if not parse_name(p.get("name")):
        raise ReviewError("a place needs a name")
    return {"name": parse_name(p["name"]), "country": p.get("country") or None, "lat": p.get("lat"),
            "lon": p.get("lon"), "precision": p.get("precision") or "town", "geonameid": p.get("geonameid"),
            "admin1": p.get("admin1")}


def parse_hidden(text: str | bool) -> bool:
    if isinstance(text, bool):
        return text
    value = str(text).strip().lower()
    if value in ("1", "true", "yes", "hide", "hidden", "not an event"):
        return True
    if value in ("0", "false", "no", "show", "shown"):
        return False
    raise ReviewError(f"hidden is yes or no (got {text!r})")


def parse(field: str, raw: Any, lookup=None) -> Any:  # noqa: ANN001
    """The checked value for `field` from what the analyst typed (or already-structured input)."""
    if field not in FIELDS:
        raise ReviewError(f"{field!r} cannot be corrected (fields: {', '.join(FIELDS)})")
    if field == "dates":
        return parse_dates(raw) if isinstance(raw, str) else _checked_dates(raw)
    if field == "type":
        return parse_type(raw) if isinstance(raw, str) else parse_type(
            "/".join(x for x in (raw.get("event_type"), raw.get("sub_type")) if x))
    if field in ("actor1", "actor2"):
        return parse_name(raw)
    if field == "actors":
        return parse_names(raw)
    if field == "places":
        return parse_places(raw, lookup)
    if field == "summary":
        return parse_summary(raw)
    if field == "fatalities":
        return parse_fatalities(raw)
    return parse_hidden(raw)


def _checked_dates(value: dict[str, Any]) -> dict[str, Any]:
    """A structured dates value (from the form's separate boxes), checked like a typed one."""
    try:
        start = date.fromisoformat(value["date_start"]) if value.get("date_start") else None
        end = date.fromisoformat(value["date_end"]) if value.get("date_end") else None
    except (TypeError, ValueError) as exc:
        raise ReviewError(f"not a date: {exc} ({_FORMS})") from None
    if start is None and end is None:
        raise ReviewError(f"no date given ({_FORMS})")
    if start is not None and end is not None and end < start:
        raise ReviewError(f"the end {end} is before the start {start}")
    precision = value.get("precision") or "day"
    if precision not in ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century"):
        raise ReviewError(f"{precision!r} is not a date precision")
    return {"date_start": start.isoformat() if start else None, "date_end": end.isoformat() if end else None,
            "precision": precision, "approximate": bool(value.get("approximate"))}
