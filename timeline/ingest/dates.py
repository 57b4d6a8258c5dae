"""Strict parsing of metadata dates: a wrong date is worse than none.

ISO and RFC 2822 stamps are read here; a date written out for people ("June 13,
2023", "13 juin 2023", "13.06.2023") goes to dateparser, which is strong at exactly
that, with every part required. A numeric day/month order that cannot be told
("06/07/2023") is refused rather than guessed.
"""
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
        pass
    return _written_date(s)


_NUMERIC = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\s*$")


def _written_date(s: str) -> date:
    m = _NUMERIC.match(s)
    if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2):
        raise ValueError(f"ambiguous date {s!r}: day and month could be either way round")
    if len(s) > 80 or not any(c.isdigit() for c in s):
        raise ValueError(f"unreadable date {s!r}")
    import dateparser  # only for the rare non-ISO stamp: it costs ~0.1 s to import

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY"}
    try:
        parsed = dateparser.parse(s, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; all mean "not a date"
        parsed = None
    if parsed is None:
        raise ValueError(f"unreadable or impossible date {s!r}")
    return parsed.date()
