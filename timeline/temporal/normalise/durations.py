"""Handlers for durations: "three weeks", "a 16-hour flight", "for days" (plural units).
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .spec import Spec
from .words import _squash
from .numbers import _num, _unit, _duration_value
from .context import _word_before, _word_after, _is_rate


_OLD_AFTER = re.compile(r"\s*old\b")
_STRETCH_WORDS = frozenset({"following", "ensuing", "succeeding", "intervening", "subsequent"})
_AUXILIARIES = frozenset("""to could would will can may might must should shall did does do not n't
won't can't cannot didn't doesn't wouldn't couldn't""".split())


def _duration(c, text, s):
    g = c.groups
    unit = _unit(g["unit"])
    nw = _squash(g["n"].lower())
    if nw in _STRETCH_WORDS and not g.get("det"):
        return None  # "Following weeks of talks, ...": a preposition, not "the following weeks"
    n = _num(nw)
    after = text[c.end:c.end + 1]
    if unit == "second" and nw in ("a", "an", "one") and after.isspace() \
            and _word_after(text, c.end)[:1].isalpha() and _word_after(text, c.end).lower() not in ("ago", "later", "earlier"):
        return None
    if nw in ("a", "an", "one") and unit == "second":
        return None
    if unit == "season" or unit == "weekend" and n is None:
        return None
    if n is not None and n >= 1000 and unit not in ("second", "minute", "hour", "day"):
        return None
    if unit == "quarter" and (_word_after(text, c.end).lower() == "of" or "-" in text[c.start:c.end]):
        return None  # "three-quarters of its food": a fraction
    if nw in ("a", "an") and not g.get("approx") and not g.get("rel"):
        if _is_rate(text, c.start):
            return None  # "$1.76 a year", "four flights a week": a rate

    if (g.get("adj") or "").lower() == "old" or _OLD_AFTER.match(text[c.end:c.end + 5]):
        return None
    start = c.start
    if (g.get("rel") or "").lower() == "last" and not g.get("det") and not g.get("approx") \
            and _word_before(text, c.start).lower() in _AUXILIARIES:
        start = c.spans["n"][0]  # "cuts could last several weeks": the verb, not "the last weeks"
    if g.get("half") and n is not None:
        n += 0.5  # "a minute and a half", "two years and a half"
    approx = _squash((g.get("approx") or "").lower())
    if g.get("det") and (text[c.spans["n"][1]:c.spans["unit"][0]] == "-"
                         or (n is not None and n != 1 and not g["unit"].lower().endswith("s"))):
        start = c.spans["n"][0]  # "a 16-hour flight", "a five year plan": the adjective only
        approx = ""
    elif approx in ("over", "under") and g.get("det"):
        start = c.spans["det"][0]  # "over the past three years": a preposition
        approx = ""
    if nw == "one" and unit == "day" and not approx and not g.get("det") and not g.get("rel") \
            and _word_before(text, c.start).lower() in V.FUTURE_MODALS:
        return Spec(start, c.end, value="FUTURE_REF")  # "may one day lead": some day, not 24 hours
    if nw == "recent" and unit == "year" and not g.get("det"):
        return Spec(start, c.end, value="PAST_REF")  # "in recent years": the indefinite past
    return Spec(start, c.end, type="DURATION", value=_duration_value(n, unit), mod=V.QUANT_MODS.get(approx))


def _plural_unit(c, text, s):
    if "core2" in c.spans:  # "days after the vote", "months before the invasion": a vague length
        start, end = c.spans["core2"]
        if _word_before(text, start).lower() in ("the", "these", "those", "of", "matter"):
            return None  # "in the days before the attack": a stretch of dates TIMEX3 dates vaguely
        return Spec(start, end, type="DURATION", value=_duration_value(None, _unit(c.groups["unit2"])))
    start, end = c.spans["core"]
    unit = _unit(c.groups["unit"])
    prep = c.groups["prep"].lower()
    if prep in ("recent", "past", "coming", "next"):
        start = c.start
    if prep in ("recent", "past") and unit == "year" and _word_before(text, c.start).lower() not in ("the", "these"):
        # "in recent years", "over past years": an indefinite stretch of the past, not a measured length
        return Spec(start, end, value="PAST_REF")
    return Spec(start, end, type="DURATION", value=_duration_value(None, unit))
