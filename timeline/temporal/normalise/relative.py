"""Handlers for dates relative to an anchor: "three days ago", "last week", weekdays,
"yesterday", "the 5th", and the reference words ("now", "recently", "soon").
"""
from __future__ import annotations

import re

from ..rules import vocab as V
from .spec import Spec
from .words import _squash, _part, _rel_word
from .numbers import _num, _unit, _duration_value
from .context import _word_before, _word_after, _sentence_start, _sentence, _is_rate, _modal_soon
from .earnings import _quarterly_report, report_quarter


_SPACE_LETTER = re.compile(r"\s+[a-z]", re.I)
_SPACE_CONJUNCTION = re.compile(r"\s+(?:and|but|when|as)\b")
_POSSESSIVE_S = re.compile(r"['’]s\s")


def _ago(c, text, s):
    sp = _ago_spec(c, text, s)
    g = c.groups
    if sp is not None and sp.kind == "fixed" and sp.type != "DURATION" and (g.get("dir") or "").lower() == "later":
        # "a few days later", "an hour later" in news: no date can be counted from them (only
        # FUTURE_REF), so news keeps what they do say, the length, and leaves "later" as the
        # signal, as TIMEX3 does; "two days later" after a date still resolves to a day
        mod = V.QUANT_MODS.get(_squash((g.get("approx") or "").lower()))
        sp.extra["news_form"] = Spec(c.start, c.spans["unit"][1], type="DURATION",
                                     value=_duration_value(_num(g["n"]), _unit(g["unit"])), mod=mod)
    return sp


def _ago_spec(c, text, s):
    g = c.groups
    n = _num(g["n"])
    unit = _unit(g["unit"])
    direction = _squash((g.get("dir") or g["dir2"]).lower())
    sign = -1 if direction in ("ago", "earlier", "before", "back", "previously") else 1
    ana = direction not in ("ago", "from now", "hence", "back")
    if direction in ("before", "after") and _SPACE_LETTER.match(text[c.end:c.end + 3]) \
            and not _SPACE_CONJUNCTION.match(text[c.end:c.end + 6]):
        # "a week after the dam broke": anchored on an event the tagger cannot date;
        # say only the length, never an invented date
        end = c.spans["unit"][1]
        mod = V.QUANT_MODS.get(_squash((g.get("approx") or "").lower()))
        return Spec(c.start, end, type="DURATION", value=_duration_value(n, unit), mod=mod)
    if n is None:
        return Spec(c.start, c.end, value="PAST_REF" if sign < 0 else "FUTURE_REF", anaphoric=ana)
    if g.get("dir2") and g["n"].lower() in ("a", "an") and _is_rate(text, c.start):
        return None  # "700 seats a week on the route": a rate
    if unit not in ("day", "week", "month", "year", "decade", "century", "quarter", "hour", "minute", "night"):
        return None
    if unit in ("hour", "minute"):
        return Spec(c.start, c.end, type="TIME", value="PAST_REF" if sign < 0 else "FUTURE_REF")
    mod = V.QUANT_MODS.get(_squash((g.get("approx") or "").lower()))
    if unit == "year" and n == 1 and direction in ("ago", "earlier") and _quarterly_report(text):
        if _LONGER_PERIOD.search(_sentence(text, c.start, c.end)):
            # "nine months ... a year earlier": the year before the report's
            return Spec(c.start, c.end, kind="rel", unit="year", offset=-1, mod=mod)
        # earnings reports compare with the year-ago quarter
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=-4, mod=mod)
    return Spec(c.start, c.end, kind="rel", unit="day" if unit == "night" else unit,
                offset=int(sign * n), anaphoric=ana, mod=mod)


#: A sentence about a period longer than a quarter ("the first nine months", "the full year"):
#: its "a year earlier" compares years, not quarters.
_LONGER_PERIOD = re.compile(r"\b(?:nine|six|12|twelve)\s+months\b|\b(?:first|second)\s+half\b"
                            r"|\b(?:full|fiscal|calendar)\s+year\b|\byear[\s-]to[\s-]date\b|\bthe\s+year\s+end",
                            re.IGNORECASE)


def _vague_ago(c, text, s):
    d = c.groups["dir"].lower()
    back = d.startswith(("ago", "earlier", "before"))
    return Spec(c.start, c.end, value="PAST_REF" if back else "FUTURE_REF", anaphoric=not d.startswith("ago"))


def _unit_before_after(c, text, s):
    g = c.groups
    unit = g["unit"].lower()
    sign = -1 if g["dir"].lower() in ("before", "earlier", "prior") else 1
    tod = V.DAY_PARTS.get(unit)
    return Spec(c.start, c.end, type="TIME" if tod else "DATE", kind="rel",
                unit="day" if tod else unit, offset=sign, anaphoric=True, tod=tod)


def _rel_unit(c, text, s):
    g = c.groups
    unit = g["unit"].lower()
    relw = _squash(g["rel"].lower())
    part = _part(c)
    last = relw.split()[-1]
    if unit == "time":
        return None
    if g["unit"][:1].isupper() and g["rel"][:1].isupper() and not _sentence_start(text, c.start - 1):
        return None  # "ABC's This Week": a title
    if part == "APPROX" and unit == "century":  # the turn of the century
        return Spec(c.start, c.end, kind="rel", unit="turn", offset=0, mod="APPROX")
    off, ana, the = _rel_word(relw)
    if relw == "the" and unit == "quarter" and not part:
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=0)
    if relw == "this" and unit == "quarter" and not part and report_quarter(text) is not None:
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=0)  # the quarter reported on
    if relw == "the":
        if not part and unit not in ("year", "month", "week", "weekend", "quarter"):
            return None
        if not part and unit == "week" and _word_after(text, c.end).lower() in ("before", "after", "of"):
            return None
    if relw == "the" and _word_after(text, c.end).lower() in ("ended", "ending", "ends", "to"):
        return Spec(c.start, c.end, type="DURATION", value=_duration_value(1, unit))
    if relw in ("the next", "the past", "the last", "the coming") and not part \
            and unit in ("year", "month", "week", "decade", "century") \
            and _word_before(text, c.start).lower() in ("for", "throughout"):
        return Spec(c.start, c.end, type="DURATION", value=_duration_value(1, unit))
    tod = V.DAY_PARTS.get(unit)
    if tod:
        if relw in ("the",):
            return None
        return Spec(c.start, c.end, type="TIME", kind="rel", unit="day", offset=off,
                    anaphoric=ana, tod=tod, mod=part)
    if unit == "day" and last in ("this", "current", "present"):
        return Spec(c.start, c.end, kind="rel", unit="day", offset=0)
    return Spec(c.start, c.end, kind="rel", unit=unit, offset=off, anaphoric=ana, mod=part)


_INTO_WEEKDAY = re.compile(r"\s+into\s+(" + "|".join(w.capitalize() for w in V.WEEKDAYS) + r")\b")


def _day_word(c, text, s):
    g = c.groups
    dw = g["dw"].lower()
    if dw == "overnight" and not (g.get("part") or g.get("da") or g.get("tod")):
        into = _INTO_WEEKDAY.match(text, c.end)
        if into:  # "overnight into Friday": Thursday night
            wd = V.WEEKDAYS[into.group(1).lower()]  # 1 Monday .. 7 Sunday
            return Spec(c.start, c.end, type="TIME", kind="weekday", d=(wd - 2) % 7 + 1, tod="NI")
    off = V.DAY_WORDS[dw]
    if g.get("da"):
        off += -1 if g["da"].lower() == "before" else 1
    tod = V.DAY_PARTS.get((g.get("tod") or "").lower())
    if dw in ("tonight", "overnight"):
        tod = "NI"
    mod = {"early": "START", "earlier": "START", "late": "END", "later": "END"}.get((g.get("part") or "").lower())
    if dw == "today" and not g.get("part") and _POSSESSIVE_S.match(text[c.end:c.end + 3]) \
            and _word_after(text, c.end + 2).lower() in V.PRESENT_DAY_NOUNS:
        return None  # "today's youth", "in today's world": present-day in general, not the DCT
    return Spec(c.start, c.end, type="TIME" if tod else "DATE", kind="rel", unit="day",
                offset=off, tod=tod, mod=mod, extra={"today": dw == "today" and not tod})


def _weekday(c, text, s):
    g = c.groups
    wd = V.WEEKDAYS[g["wd"].lower()]
    relw = (g.get("rel") or "").lower()
    if g.get("pl") and not relw:
        return Spec(c.start, c.end, type="SET", value=f"XXXX-WXX-{wd}", quant="EVERY")
    tod = V.DAY_PARTS.get((g.get("tod") or "").lower())
    sp = Spec(c.start, c.end, type="TIME" if tod else "DATE", kind="weekday", d=wd, tod=tod)
    if relw in ("last", "past", "previous"):
        sp.rel = -1
        # "the previous Friday": the one before the story's last date, not before the DCT
        sp.anaphoric = relw == "previous" and _word_before(text, c.start).lower() == "the"
    elif relw in ("next", "coming"):
        sp.rel = 1
    elif relw == "this":
        sp.rel = 0
    elif relw == "that":
        sp.anaphoric = True
    elif relw in ("early", "earlier"):
        sp.mod = "START"
    elif relw in ("late", "later"):
        sp.mod = "END"
    elif relw.startswith("this "):  # "this past Sunday", "this coming Sunday"
        sp.rel = -1 if relw.endswith("past") else 1
    if g.get("part"):
        sp.mod = "START"  # the early (small, wee) hours of a day
    if not relw and not tod and text[c.end:c.end + 2] in ("'s", "’s"):
        sp.extra["possessive"] = True  # "Wednesday's ruling": a noun modifier, the clause tense is not its own
    return sp


def _nth(c, text, s):
    start, end = c.spans["core"]
    return Spec(start, end, kind="nth", d=int(c.groups["d"]))


def _ref(c, text, s):
    w = _squash(c.groups["ref"].lower())
    val = V.REFERENCE_WORDS[w]
    sp = Spec(c.start, c.end, value=val)
    if w == "soon":
        if not _modal_soon(text, c.start, c.end):
            return None
    elif w in V.NARRATIVE_ONLY_REFERENCES:
        sp.extra["narrative_only"] = True
    if w == "current" and not _word_after(text, c.end)[:1].isalpha():
        return None
    if w == "now" and text[c.end:c.end + 1] == "," and _sentence_start(text, c.start - 1):
        return None  # "Now, he says ...": a discourse marker opening the sentence, not the present
    return sp
