"""Strict parsing of metadata dates: a wrong date is worse than none."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s]\S*)?\s*$")


def parse_iso_date(raw: str | None) -> date | None:
    """The calendar date of an ISO date/datetime (or RFC 2822) string, in its own offset.

    Returns None for an empty value; raises ValueError, with the reason, for a
    value that looks like a date but is impossible ("2023-02-30") or unreadable.
    """
    if raw is None or not str(raw).strip():
        return None
    s = str(raw).strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            day = date(y, mo, d)
        except ValueError as exc:
            raise ValueError(f"impossible date {s!r} ({exc})") from None
        if "T" in s or " " in s.strip():
            try:  # validate the time part too, but keep the writer's local date
                datetime.fromisoformat(s.replace("/", "-").replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"unreadable timestamp {s!r}") from None
        return day
    if re.fullmatch(r"\d{4}", s):
        raise ValueError(f"year-only date {s!r} is not a publication date")
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"unreadable date {s!r}") from None
