"""Handlers for sets (recurring times): "every Monday", "twice a week", "daily".
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .spec import Spec
from .words import _month
from .numbers import _num, _fmt_num, _unit, _duration_value
from .context import _word_before, _word_after


_SET_ADVERB_FOLLOWERS = frozenset("""and or in at on for to by since until but as from with
during after before throughout""".split())


def _frequency(c, text, s):
    g = c.groups
    f = g["freq"].lower()
    n = V.FREQUENCY_WORDS.get(f) or _num(f.split()[0])
    unit = _unit(g["unit"])
    return Spec(c.start, c.end, type="SET", value=_duration_value(1, unit),
                freq=f"{_fmt_num(n)}X")


_PERCENT_BEFORE = re.compile(r"(?:%|\bper\s*cent|\bpercent)\s*$", re.IGNORECASE)


def _set(c, text, s):
    g = c.groups
    if g.get("word"):
        val, freq = V.SET_WORDS[g["word"].lower()]
        if g["word"].lower() == "annual":
            return None
        if (val == "P1D" and _word_before(text, c.start).lower() == "average") \
                or (val == "P1Y" and _PERCENT_BEFORE.search(text, max(0, c.start - 12), c.start)):
            return None  # "average daily volume", "grow 8% annually": a measure or a growth rate
        nxt = _word_after(text, c.end)
        if g["word"].lower() == "quarterly" and text[c.end:c.end + 1] == " " and nxt[:1].isalpha() \
                and nxt.lower() not in _SET_ADVERB_FOLLOWERS:
            return None  # "quarterly dividend": a report period, not a recurrence
        return Spec(c.start, c.end, type="SET", value=val, freq=freq)
    quant = g["every"].upper()
    if quant == "PER" and g.get("unit") and _unit(g["unit"]) in ("second", "minute"):
        return None  # "instructions per second": a rate, not a recurring time
    if g.get("wd"):
        return Spec(c.start, c.end, type="SET", value=f"XXXX-WXX-{V.WEEKDAYS[g['wd'].lower()]}", quant=quant)
    if g.get("m"):
        return Spec(c.start, c.end, type="SET", value=f"XXXX-{_month(g['m']):02d}", quant=quant)
    if g.get("s"):
        return Spec(c.start, c.end, type="SET", value=f"XXXX-{V.SEASONS[g['s'].lower()]}", quant=quant)
    n = _num(g["n"]) if g.get("n") else 1
    if g.get("other"):
        n = 2
    unit = _unit(g["unit"])
    return Spec(c.start, c.end, type="SET", value=_duration_value(n, unit), quant=quant)
