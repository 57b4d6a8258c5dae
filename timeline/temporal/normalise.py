"""Interpretation: a scanner candidate -> one or more underspecified `Spec`s.

A Spec says what the words mean ("May, year unknown", "one year before the anchor",
"P3M") without deciding the anchor; `anchor.resolve` fills in the rest. Context checks
that reject false dates (modal "may" is already excluded by case; here: names such as
"Theresa May", counts such as "1500 troops", identifiers such as "Resolution 2231")
live here too, because they need the words around the span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rules import vocab as V
from .scan import Candidate
from .settings import TagSettings


@dataclass(slots=True)
class Spec:
    start: int
    end: int
    type: str = "DATE"
    kind: str = "fixed"  # fixed | ymd | season | quarter | half | rel | weekday | decade2 | nth | time
    value: str | None = None
    y: int | None = None
    m: int | None = None
    d: int | None = None
    code: str | None = None  # season / quarter / half code
    unit: str | None = None
    offset: int = 0
    rel: int | None = None  # explicit direction: -1 last, 0 this, +1 next; None -> tense
    anaphoric: bool = False
    mod: str | None = None
    tod: str | None = None  # MO/AF/EV/NI or HH:MM
    quant: str | None = None
    freq: str | None = None
    relation: str | None = None
    range_partner: int | None = None  # index offset of the other end of a range (-1 / +1)
    extra: dict = field(default_factory=dict)


#: Regexes used per candidate, compiled once (a module-level `re.sub(pattern, ...)` pays a cache
#: lookup on every call).
_WS = re.compile(r"\s+")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")
_AND_A_HALF = re.compile(r"(\d+)\s+1/2")
_HYPHEN_OR_SPACE = re.compile(r"[- ]")
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_NON_DIGITS = re.compile(r"\D")
_POSSESSIVE_END = re.compile(r"['’]s$")
_ORDINAL_END = re.compile(r"(st|nd|rd|th)$")
_SPACE_LETTER = re.compile(r"\s+[a-z]", re.I)
_SPACE_CONJUNCTION = re.compile(r"\s+(?:and|but|when|as)\b")
_POSSESSIVE_S = re.compile(r"['’]s\s")
_OLD_AFTER = re.compile(r"\s*old\b")
_YEAR_WORD = re.compile(r"year", re.I)
def _squash(s: str) -> str:
    """Runs of whitespace as one space (`_WS.sub(" ", s)`); a single word, the usual case, has
    none, and `isalpha` says so faster than the regex."""
    return s if s.isalpha() or not s else _WS.sub(" ", s)


_WORD_BEFORE = re.compile(r"([\w.$€£'’]+)[\s,]*$")
#: `_WORD_BEFORE` on the reversed window: trailing spaces and commas, then the word.
_WORD_BEFORE_REVERSED = re.compile(r"[\s,]*([\w.$€£'’]+)")
_WORD_AFTER = re.compile(r"^\s*([\w'’]+)")
_COUNT_NOUNS = frozenset("""men people troops soldiers civilians casualties prisoners tanks aircraft planes ships guns km kilometres kilometers miles feet metres meters tons
tonnes dollars euros pounds rubles acres hectares strong troop infantry cavalry persons personnel
votes seats units vehicles rounds shells missiles drones cases deaths jobs workers refugees
employees members families homes houses buildings""".split())
_S_WORDS_OK = frozenset("""was has is as its his this us thus unless across perhaps always whereas
towards afterwards""".split())


def _num(word: str) -> float | None:
    """Number word or digits -> number; None when vague ("several")."""
    w = _squash(word.lower().strip())
    if _DECIMAL.fullmatch(w):
        return float(w.replace(",", ""))
    m = _AND_A_HALF.fullmatch(w)
    if m:
        return int(m.group(1)) + 0.5
    if w in V.NUMBER_WORDS:
        return V.NUMBER_WORDS[w]
    if w in V.VAGUE_NUMBERS:
        return None
    parts = _HYPHEN_OR_SPACE.split(w)
    if len(parts) == 2 and parts[0] in V.NUMBER_WORDS and parts[1] in V.NUMBER_WORDS:
        return V.NUMBER_WORDS[parts[0]] + V.NUMBER_WORDS[parts[1]]
    return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    return V.MONTHS.get(w) or V.MONTH_ABBREVIATIONS[w]


def _day(word: str) -> int:
    return int(_DIGITS.match(word).group())


def _year(word: str) -> int:
    return int(word)


def _unit(word: str) -> str:
    w = word.lower()
    return V.UNIT_PLURALS.get(w, w)


def _part(c: Candidate) -> str | None:
    p = c.groups.get("part")
    if not p:
        return None
    return V.PART_MODS.get(_squash(p.lower()))


def _word_before(text: str, pos: int) -> str:
    """The last word within 30 characters before `pos`, ignoring spaces and commas: what
    `_WORD_BEFORE.search(text, max(0, pos - 30), pos)` finds, but read backwards as one
    anchored match (`_WORD_BEFORE_REVERSED`), not a search tried at every position."""
    m = _WORD_BEFORE_REVERSED.match(text[max(0, pos - 30):pos][::-1])
    return m.group(1)[::-1] if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text[pos:pos + 30])
    return m.group(1) if m else ""


_SMALLER = {"Y": (12, "M", False), "M": (30, "D", False), "D": (24, "H", True), "H": (60, "M", True),
            "W": (7, "D", False)}
#: The same for clock units, where "M" is a minute, not a month.
_SMALLER_TIME = {"H": (60, "M", True), "M": (60, "S", True)}


def _duration_value(n: float | None, unit: str) -> str:
    code, is_time = V.UNITS.get(unit, ("X", False))
    if n is not None:
        n = n * V.UNIT_FACTORS.get(unit, 1)
        table = _SMALLER_TIME if is_time else _SMALLER
        if not float(n).is_integer() and code in table:
            k, small, small_time = table[code]
            whole, rest = int(n), round((n - int(n)) * k)
            head = f"{whole}{code}" if whole else ""
            if is_time or not small_time:
                return ("PT" if is_time else "P") + head + f"{rest}{small}"
            return "P" + head + f"T{rest}{small}"
    return ("PT" if is_time else "P") + _fmt_num(n) + code


def _plausible_year(text: str, start: int, end: int, *, strict: bool = True) -> bool:
    """Reject counts and identifiers that look like years ("Resolution 2231", "1500 troops")."""
    before = _word_before(text, start)
    bl = before.lower()
    if bl in V.NON_YEAR_BEFORE:
        return False
    if bl == "at" and _word_before(text, start - len(before) - 1).lower() in V.NON_YEAR_BEFORE_AT:
        return False  # "call the hotline at 1551"
    if strict and before[:1].isupper() and not _POSSESSIVE_END.search(bl) and bl not in V.BARE_MONTH_CUES \
            and bl not in V.MONTHS and bl not in V.SEASONS \
            and bl not in ("in", "by", "fiscal", "year", "ad", "circa", "the", "a", "an") \
            and not _sentence_start(text, start - 1):
        return False
    after = _word_after(text, end)
    al = after.lower()
    if al in _COUNT_NOUNS:
        return False
    if after[:1].islower() and al.endswith("s") and len(al) > 3 and al not in _S_WORDS_OK \
            and bl not in ("the", "its", "his", "her", "their", "in", "of", "since", "by", "a"):
        return False
    return True


def _sentence_start(text: str, pos: int) -> bool:
    """Whether `pos` (just before a word) begins a sentence or line."""
    j = pos
    while j >= 0 and text[j] in " \t\"“'‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _bare_month_ok(text: str, c: Candidate, month_word: str) -> bool:
    if c.groups.get("part") or c.groups.get("rel"):
        return True
    before = _word_before(text, c.start)
    bl = before.lower()
    if bl in V.BARE_MONTH_CUES:
        return True
    after = text[c.end:c.end + 2]
    if month_word.lower() in V.AMBIGUOUS_MONTHS:
        return False
    return not before[:1].isupper() or after.startswith(",")


def interpret(c: Candidate, text: str, settings: TagSettings) -> list[Spec]:
    """Candidate -> specs (empty when the context shows it is no date)."""
    fn = _HANDLERS.get(c.rule)
    if fn is None:
        return []
    out = fn(c, text, settings)
    if out is None:
        return []
    out = out if isinstance(out, list) else [out]
    verb = _VERB_PART.match(text, c.start) if c.groups.get("part") else None
    for sp in out:
        if sp.m is not None and sp.d is not None and not (1 <= sp.m <= 12 and 1 <= sp.d <= _MAX_DAY[sp.m]):
            sp.d = None  # "April 31": keep what is certain, the month
        if verb and sp.start == c.start and verb.end() < sp.end:
            # "due to end in May", "talks start in June": a verb before the date, not a part of it
            sp.start, sp.mod = verb.end(), None
    return out


#: A part word used as a verb: "end in May" (no "the"); "the end of May" keeps its part.
_VERB_PART = re.compile(r"(?:end|ends|start|starts|close|closes|begin|begins|beginning)\s+in\s+", re.IGNORECASE)


_MAX_DAY = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


# -- handlers, one per rule ---------------------------------------------------------------

def _iso(c, text, s):
    sp = Spec(c.start, c.end, kind="ymd", y=int(c.groups["y"]), m=int(c.groups["m"]), d=int(c.groups["d"]))
    if c.groups.get("hh"):
        sp.type, sp.tod = "TIME", f"{c.groups['hh']}:{c.groups['mi']}"
    return sp


def _numeric(c, text, s):
    a, b, y = c.groups["a"], c.groups["b"], c.groups["c"]
    if len(a) == 4:  # 2023/06/09
        yy, mm, dd = int(a), int(b), int(y) if len(y) <= 2 else None
        if dd is None:
            return None
        return Spec(c.start, c.end, kind="ymd", y=yy, m=mm, d=dd) if 1 <= mm <= 12 and 1 <= dd <= 31 else None
    if len(a) > 2:
        return None
    x, z = int(a), int(b)
    day_first = s.day_first or c.groups["sep"] == "."
    dd, mm = (x, z) if day_first else (z, x)
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        dd, mm = mm, dd  # 25/12/2023 can only be day-first
        if not (1 <= mm <= 12 and 1 <= dd <= 31):
            return None
    yy = int(y)
    if len(y) == 2:
        yy += 2000 if yy < 50 else 1900
    return Spec(c.start, c.end, kind="ymd", y=yy, m=mm, d=dd)


def _weekday_date(c, text, s):
    g = c.groups
    m = _month(g.get("m1") or g["m2"])
    d = _day(g.get("d1") or g["d2"])
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None, m=m, d=d)


def _range_split(c, first_end: str, second_start: str, a: Spec, b: Spec) -> list[Spec]:
    a.start, a.end = c.start, c.spans[first_end][1]
    b.start, b.end = c.spans[second_start][0], c.end
    a.relation, b.relation = "from", "to"
    a.range_partner, b.range_partner = 1, -1
    return [a, b]


def _range_month_days(c, text, s):
    """'June 5-7' and '5-7 June': two days of one month."""
    g = c.groups
    m, y = _month(g["m"]), (_year(g["y"]) if g.get("y") else None)
    d1, d2 = _day(g["d1"]), _day(g["d2"])
    if d2 <= d1:
        return None
    a = Spec(0, 0, kind="ymd", y=y, m=m, d=d1)
    b = Spec(0, 0, kind="ymd", y=y, m=m, d=d2)
    return _range_split(c, "d1", "d2", a, b)


def _range_months(c, text, s):
    g = c.groups
    y = _year(g["y"])
    a = Spec(0, 0, kind="ymd", y=y, m=_month(g["m1"]))
    b = Spec(0, 0, kind="ymd", y=y, m=_month(g["m2"]))
    return _range_split(c, "m1", "m2", a, b)


def _range_years(c, text, s):
    g = c.groups
    y1 = _year(g["y1"])
    y2s = g["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 <= y1 or y2 - y1 > 200:
        return None
    if not _plausible_year(text, c.start, c.end, strict=False):
        return None
    a = Spec(0, 0, kind="fixed", value=f"{y1:04d}", y=y1)
    b = Spec(0, 0, kind="fixed", value=f"{y2:04d}", y=y2)
    return _range_split(c, "y1", "y2", a, b)


def _week_of(c, text, s):
    g = c.groups
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                m=_month(g["m"]), d=_day(g["d"]), extra={"week": True})


def _mdy(c, text, s):
    g = c.groups
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                m=_month(g["m"]), d=_day(g["d"]), mod=_part(c))


def _dmy(c, text, s):
    g = c.groups
    d = _day(g["d"])
    if not g.get("y"):
        # "20 March" is fine; a bare count before a month ("killed 20 May") needs care:
        before = _word_before(text, c.start).lower()
        if not _ORDINAL_END.search(g["d"]) and before in _COUNT_NOUNS:
            return None
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]) if g.get("y") else None,
                m=_month(g["m"]), d=d)


def _month_year(c, text, s):
    g = c.groups
    return Spec(c.start, c.end, kind="ymd", y=_year(g["y"]), m=_month(g["m"]), mod=_part(c))


def _month_rel_year(c, text, s):
    g = c.groups
    off, ana, _ = _rel_word(g["ry"])
    d = g.get("d1") or g.get("d2")
    return Spec(c.start, c.end, kind="ymd", m=_month(g["m"]), d=_day(d) if d else None, mod=_part(c),
                anaphoric=ana, extra={"year_offset": off})


def _month_only(c, text, s):
    g = c.groups
    if not _bare_month_ok(text, c, g["m"]):
        return None
    rel = (g.get("rel") or "").lower().split()
    sp = Spec(c.start, c.end, kind="ymd", m=_month(g["m"]), mod=_part(c))
    if rel and rel[-1] in ("last", "previous"):
        sp.rel = -1
    elif rel and rel[-1] in ("next", "following"):
        sp.rel = 1
    elif rel and rel[-1] == "this":
        sp.rel = 0
    if rel and rel[-1] in ("that", "same", "following", "previous"):
        sp.anaphoric = True
    return sp


def _rel_word(word: str | None) -> tuple[int | None, bool, bool]:
    """Relative word -> (offset, anaphoric, has 'the')."""
    if not word:
        return None, False, False
    parts = word.lower().split()
    w = parts[-1]
    the = parts[0] == "the"
    if w == "the":
        return 0, False, True
    off = V.RELATIVE_OFFSETS.get(w, 0)
    ana = w in V.ANAPHORIC_WORDS or (the and w == "next")
    return off, ana, the


def _season(c, text, s):
    g = c.groups
    code = V.SEASONS[g["s"].lower()]
    off, ana, the = _rel_word(g.get("rel"))
    mod = _part(c) or {"early": "START", "late": "END", "mid": "MID"}.get((g.get("sp") or "").lower())
    if g["s"].lower() == "fall" and not (g.get("rel") or g.get("y") or g.get("part")):
        return None
    if not g.get("y") and _word_after(text, c.end).lower() == "of":
        return None  # "the fall of Saigon"
    if g["s"].lower() == "spring" and not (g.get("rel") or g.get("y") or g.get("part")):
        if _word_before(text, c.start).lower() not in ("in", "by", "until", "since", "during", "that", "this", "of") \
                and _word_after(text, c.end).lower() not in ("offensive", "offensives", "campaign", "campaigns"):
            return None
    y = _year(g["y"]) if g.get("y") else None
    # "the winter of 1941-42" is 1941-WI: a winter is named by the year it begins
    if g.get("bcy"):
        n = int(g["bcy"])
        y = -n if g["era"].upper().replace(".", "").startswith("B") else n
    sp = Spec(c.start, c.end, kind="season", code=code, y=y, mod=mod)
    if g.get("rel") and not (the and off == 0 and not ana):
        sp.rel = off if g["rel"].lower() != "the" else None
        sp.anaphoric = ana
    return sp


_WORD_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(c, text, s):
    g = c.groups
    mod = _part(c)
    if g.get("edec"):  # with an era: "the 470s BC" is BC047 (479-470 BC)
        n = int(_NON_DIGITS.sub("", g["edec"])) // 10
        bc = g["era"].upper().replace(".", "").startswith("B")
        return Spec(c.start, c.end, value=f"BC{n:03d}" if bc else f"{n:03d}", mod=mod)
    dec = g["dec"].lower()
    if g.get("w"):
        return Spec(c.start, c.end, kind="decade2", d=_WORD_DECADES[dec], mod=mod)
    digits = _NON_DIGITS.sub("", dec)
    if len(digits) == 2:
        if _word_before(text, c.start).lower() in ("his", "her", "their", "my", "your", "our", "early", "late", "mid"):
            return None  # "in his 30s": an age
        return Spec(c.start, c.end, kind="decade2", d=int(digits[0]), mod=mod)
    if len(digits) == 4:
        y = int(digits)
        if y % 100 == 0 and y != 2000:  # "the 1800s" is a century; "the 2000s" the decade
            return Spec(c.start, c.end, value=f"{y // 100:02d}", mod=mod)
        return Spec(c.start, c.end, value=f"{y // 10:03d}", mod=mod)
    return None


def _century(c, text, s):
    g = c.groups
    o = g["ord"].lower()
    n = V.ORDINALS.get(o) or int(_DIGITS.match(o).group())
    if o in ("final", "last") or not 1 <= n <= 21:
        return None
    era = (g.get("era") or "").upper().replace(".", "")
    val = f"BC{n - 1:02d}" if era.startswith("B") else f"{n - 1:02d}"
    return Spec(c.start, c.end, value=val, mod=_part(c))


def _range_era(c, text, s):
    g = c.groups
    y1, y2 = int(g["y1"]), int(g["y2"])
    bc = g["era"].upper().replace(".", "").startswith("B")
    if bc:
        if y2 >= y1:
            return None
        a = Spec(0, 0, value=f"BC{y1:04d}", y=-y1)
        b = Spec(0, 0, value=f"BC{y2:04d}", y=-y2)
    else:
        if y2 <= y1:
            return None
        a = Spec(0, 0, value=f"{y1:04d}", y=y1)
        b = Spec(0, 0, value=f"{y2:04d}", y=y2)
    return _range_split(c, "y1", "y2", a, b)


def _tod_of_date(c, text, s):
    g = c.groups
    m = _month(g.get("m") or g["m2"])
    d = _day(g.get("d") or g["d2"])
    y = _year(g["y"]) if g.get("y") else None
    if g.get("eh"):  # "the early hours of 6 June": the start of that day
        return Spec(c.start, c.end, kind="ymd", y=y, m=m, d=d, mod="START")
    return Spec(c.start, c.end, type="TIME", kind="ymd", y=y, m=m, d=d, tod=V.DAY_PARTS[g["tod"].lower()])


def _era_year(c, text, s):
    g = c.groups
    mod = "APPROX" if g.get("approx") else None
    if g.get("m") and g.get("y2"):
        n = int(g["y2"])
        bc = g["era"].upper().replace(".", "").startswith("B")
        return Spec(c.start, c.end, kind="ymd", y=-n if bc else n, m=_month(g["m"]))
    if g.get("ad"):
        if int(g["y1"]) == 0:
            return None
        return Spec(c.start, c.end, kind="fixed", value=f"{int(g['y1']):04d}", y=int(g["y1"]), mod=mod)
    n = int(g["y2"])
    if n == 0:
        return None
    era = g["era"].upper().replace(".", "")
    if era.startswith("B"):
        return Spec(c.start, c.end, kind="fixed", value=f"BC{n:04d}", y=-n, mod=mod)
    return Spec(c.start, c.end, kind="fixed", value=f"{n:04d}", y=n, mod=mod)


_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}


def _quarter(c, text, s):
    g = c.groups
    if g.get("y3"):
        y = _year(g["y3"])
        if not g.get("qo3"):
            # "the 1988 period" in an earnings report is that year's instance of the reported
            # quarter; "the 1988 quarter" is a quarter even when the report does not say which
            rq = report_quarter(text)
            if rq is not None:
                return Spec(c.start, c.end, kind="quarter", code=f"Q{rq}", y=y)
            if c.groups.get("qw", "").lower() == "quarter":
                return Spec(c.start, c.end, value=f"{y:04d}-QX", y=y)
            return Spec(c.start, c.end, value=f"{y:04d}", y=y)
        return Spec(c.start, c.end, kind="quarter", code=f"Q{_QUARTERS[g['qo3'].lower()]}", y=y)
    q = int(g["qn"]) if g.get("qn") else _QUARTERS[g["qo"].lower()]
    y = g.get("y") or g.get("y2")
    sp = Spec(c.start, c.end, kind="quarter", code=f"Q{q}", y=_year(y) if y else None)
    if g.get("rel") and g["rel"].lower() != "the":
        sp.rel = V.RELATIVE_OFFSETS.get(g["rel"].lower(), 0)
    if g.get("ry"):
        sp.rel = V.RELATIVE_OFFSETS.get(g["ry"].lower(), 0)
    if g.get("ya"):
        sp.rel = -1
    return sp


def _whole_year(c, text, s):
    g = c.groups
    if g.get("end"):
        return Spec(c.start, c.end, kind="rel", unit="year", offset=0, mod="END")
    w = g["w"].lower()
    off = -1 if w.startswith("latest") else 0
    return Spec(c.start, c.end, kind="rel", unit="year", offset=off)


def _half(c, text, s):
    g = c.groups
    h = int(g["hn"]) if g.get("hn") else (1 if g["ho"].lower() in ("first", "1st") else 2)
    y = g.get("y") or g.get("y2")
    sp = Spec(c.start, c.end, kind="half", code=f"H{h}", y=_year(y) if y else None)
    if g.get("rel") and g["rel"].lower() != "the":
        sp.rel = V.RELATIVE_OFFSETS.get(g["rel"].lower(), 0)
    return sp


def _quarter_rel(c, text, s):
    if c.groups.get("ly") or c.groups.get("ly2"):  # "last year's quarter", "the quarter a year ago"
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=-4)
    w = _squash(c.groups["qr"].lower())
    off = {"latest": 0, "most recent": 0, "current": 0, "year-ago": -4, "year-earlier": -4,
           "previous": -1, "prior": -1, "comparable": -4, "same": -4, "corresponding": -4,
           "comparable year-ago": -4, "comparable year-earlier": -4}[w]
    if c.groups.get("back"):  # "the same period a year ago", "the comparable quarter last year"
        off = -4
    return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=off)


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


_QUARTER_WORD = re.compile(
    r"\b(?:first|second|third|fourth|latest|year-ago|year-earlier)[\s-]+quarter\b|\bquarter\s+ended\b",
    re.IGNORECASE)
#: The quarter a report is about: its first ordinal quarter that no year or "last year's" qualifies.
_REPORT_QUARTER = re.compile(
    r"(?<![\d'’]\s)(?<!\d\d\d\d\s)(?<!year's\s)(?<!year’s\s)\b(first|second|third|fourth)[\s-]+quarter\b"
    r"(?!\s+(?:of\s+)?(?:\d{4}|last\s+year|a\s+year))",
    re.IGNORECASE)
_quarterly_cache: dict[int, tuple[str, bool, int | None]] = {}


def _quarter_facts(text: str) -> tuple[bool, int | None]:
    hit = _quarterly_cache.get(id(text))
    if hit is not None and hit[0] is text:
        return hit[1], hit[2]
    head = text[:200_000]
    # every match holds "quarter", whose letters have no non-ASCII case folds: a cheap test first
    flag = "quarter" in head.lower() and _QUARTER_WORD.search(text, 0, 200_000) is not None
    q = None
    if flag:
        m = _REPORT_QUARTER.search(text, 0, 200_000)
        q = _QUARTERS[m.group(1).lower()] if m else None
    _quarterly_cache.clear()
    _quarterly_cache[id(text)] = (text, flag, q)
    return flag, q


def _quarterly_report(text: str) -> bool:
    """Whether the text reads like a quarterly earnings report ("third-quarter", "quarter ended")."""
    return _quarter_facts(text)[0]


def report_quarter(text: str) -> int | None:
    """The quarter (1-4) an earnings report is about: the first "third-quarter" / "fiscal first
    quarter" it names without a year; "a year ago" and "the latest quarter" count from it."""
    return _quarter_facts(text)[1]


#: A sentence about a period longer than a quarter ("the first nine months", "the full year"):
#: its "a year earlier" compares years, not quarters.
_LONGER_PERIOD = re.compile(r"\b(?:nine|six|12|twelve)\s+months\b|\b(?:first|second)\s+half\b"
                            r"|\b(?:full|fiscal|calendar)\s+year\b|\byear[\s-]to[\s-]date\b|\bthe\s+year\s+end",
                            re.IGNORECASE)


_SENTENCE_BREAK = re.compile(r"[.!?][\"”'’]?\s|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a span (bounded to 300 characters each side)."""
    lo = max(0, start - 300)
    for m in _SENTENCE_BREAK.finditer(text, lo, start):
        lo = m.end()
    m = _SENTENCE_BREAK.search(text, end, end + 300)
    return text[lo:m.start() if m else end + 300]


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


_CLOCK_THEN_PAREN = re.compile(r"(?:\d|[ap]\.?m\.?|GMT|UTC|[ECMP][SD]T)\s*\(\s*$", re.IGNORECASE)


def _time(c, text, s):
    g = c.groups
    if g.get("fixed"):
        if _word_before(text, c.start).lower() == "high":
            return None  # "high noon": an idiom or a film title
        hhmm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["fixed"].lower()]
        day = g.get("wd2")
    elif g.get("h2"):
        h = int(g["h2"])
        if not 1 <= h <= 12:
            return None
        tod2 = g["tod2"].lower()
        if tod2 in ("afternoon", "evening") or (tod2 == "night" and h >= 6):
            h = h % 12 + 12
        elif h == 12:
            h = 0
        hhmm, day = f"{h:02d}:00", None
    elif g.get("h24"):
        hhmm, day = f"{g['h24']}:{g['m24']}", None
    elif g.get("hm"):  # military style "0600 GMT"
        hhmm, day = f"{g['hm']}:{g['mm']}", None
    else:
        h = int(g["h"])
        ap = g["ap"].lower()
        if h > 12 or h == 0:
            return None
        if ap.startswith("p") and h != 12:
            h += 12
        elif ap.startswith("a") and h == 12:
            h = 0
        hhmm, day = f"{h:02d}:{g.get('mi') or '00'}", g.get("wd")
        if g.get("m"):
            return Spec(c.start, c.end, type="TIME", kind="ymd", m=_month(g["m"]), d=_day(g["d"]), tod=hhmm)
        if g.get("hol"):  # "6 p.m. on Christmas Day": the holiday's date at that time
            sp = _holiday_spec(c, g["hol"], None, text)
            sp.type, sp.tod = "TIME", hhmm
            return sp
    if _CLOCK_THEN_PAREN.search(text, max(0, c.start - 16), c.start):
        return None  # "10:35 a.m. (0735 GMT)": the same instant restated in another zone
    sp = Spec(c.start, c.end, type="TIME", kind="rel", unit="day", offset=0, tod=hhmm, anaphoric=True,
              mod="APPROX" if g.get("approx") or g.get("approx2") else None)
    if day:
        dl = day.lower()
        if dl in V.WEEKDAYS:
            sp.kind, sp.d, sp.anaphoric = "weekday", V.WEEKDAYS[dl], False
        else:
            sp.anaphoric, sp.offset = False, V.DAY_WORDS[dl]
    return sp


def _part_of_day(c, text, s):
    mod = {"early": "START", "mid": "MID", "late": "END"}[c.groups["part"].lower()]
    return Spec(c.start, c.end, type="TIME", kind="rel", unit="day", offset=0, anaphoric=True,
                tod=V.DAY_PARTS[c.groups["tod"].lower()], mod=mod)


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


def _year_adj(c, text, s):
    if _quarterly_report(text):
        return Spec(c.start, c.end, kind="rel", unit="latest_quarter", offset=-4)
    return Spec(c.start, c.end, kind="rel", unit="year", offset=-1)


def _holiday(c, text, s):
    g = c.groups
    return _holiday_spec(c, g["hol"], _year(g["y"]) if g.get("y") else None, text)


_COUNTRY_CUES = {country: re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
                 for country, words in V.NATIONAL_HOLIDAY_CUES.items()}


def _national_day(name: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The day of a holiday each country keeps on its own day ("Independence Day" in a report
    from Kyiv is 24 August): that of the country named most in the holiday's sentence, else in
    the whole text; None on a tie or when no country is named."""
    days = V.NATIONAL_HOLIDAYS.get(name)
    if not days:
        return None
    for scope in (_sentence(text, start, end), text):
        counts = sorted(((len(_COUNTRY_CUES[k].findall(scope)), k) for k in days), reverse=True)
        if counts[0][0] and (len(counts) == 1 or counts[0][0] > counts[1][0]):
            return days[counts[0][1]]
    return None


def _holiday_spec(c, words: str, y: int | None, text: str = "") -> Spec:
    name = _squash(words.lower()).replace("’", "'")
    if name in V.HOLIDAYS:
        m, d = _national_day(name, text, c.start, c.end) or V.HOLIDAYS[name]
        return Spec(c.start, c.end, kind="ymd", y=y, m=m, d=d)
    if name in V.EASTER_HOLIDAYS:
        if _word_after(text, c.end).lower() in V.EASTER_NAME_WORDS:
            return None  # "the Good Friday Agreement", "the Easter Rising": names
        reckoning, shift = V.EASTER_HOLIDAYS[name]
        # April stands in for the month until the year is known (Easter falls from March 22 to May 8)
        return Spec(c.start, c.end, kind="ymd", y=y, m=4, d=None,
                    extra={"easter": (reckoning or _easter_reckoning(text, c.start, c.end), shift),
                           "week": name.endswith("week")})
    m, wd, n = V.WEEKDAY_HOLIDAYS[name]
    return Spec(c.start, c.end, kind="ymd", y=y, m=m, d=None, extra={"nth_weekday": (wd, n)})


_ORTHODOX = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in V.EASTER_ORTHODOX_CUES) + r")(?!\w)")
_WESTERN = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in V.EASTER_WESTERN_CUES) + r")(?!\w)")


def _easter_reckoning(text: str, start: int, end: int) -> str:
    """"orthodox" or "western" for a plain "Easter": the cues of its sentence, else of the text."""
    for scope in (_sentence(text, start, end), text):
        east, west = len(_ORTHODOX.findall(scope)), len(_WESTERN.findall(scope))
        if east != west:
            return "orthodox" if east > west else "western"
    return "western"


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


def _is_rate(text: str, start: int) -> bool:
    """Whether "a week" at `start` follows an amount ("$1.76 a year", "four flights a week")."""
    if _sentence_start(text, start - 1):
        return False  # "... 2023. A week after, ...": a new sentence, not an amount
    before = _word_before(text, start)
    bl = before.lower()
    return bool(_DIGIT.search(before)) or (bl.endswith("s") and bl not in ("was", "is", "has", "as", "its", "this", "his"))


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


def _nth(c, text, s):
    start, end = c.spans["core"]
    return Spec(start, end, kind="nth", d=int(c.groups["d"]))


def _turn(c, text, s):
    o = (c.groups.get("ord") or "").lower()
    if o:
        n = V.ORDINALS.get(o) or int(_DIGITS.match(o).group())
        return Spec(c.start, c.end, value=f"{(n - 1) * 100:04d}", mod="APPROX")
    return Spec(c.start, c.end, kind="rel", unit="turn", offset=0, mod="APPROX")


def _fiscal_year(c, text, s):
    ys = _NON_DIGITS.sub("", c.groups["y"])
    y = int(ys) if len(ys) == 4 else (1900 + int(ys) if int(ys) >= 50 else 2000 + int(ys))
    return Spec(c.start, c.end, value=f"{y:04d}", y=y)


_SPELLED = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
            "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}


def _spelled_year(c, text, s):
    g = c.groups
    if g.get("tt"):
        y = 2000 + (_num(g["u"]) or 0 if g.get("u") else 0)
        if not g.get("u") and not _YEAR_WORD.search(c.groups.get("m") or text[c.start:c.end]) \
                and not g.get("m"):
            return None
    else:
        cent = {"nineteen": 1900, "eighteen": 1800, "seventeen": 1700}[g["c"].lower()]
        t = g["t"].lower()
        if t == "hundred":
            y = cent
        else:
            y = cent + int(_SPELLED.get(t) or _num(t) or 0)
    y = int(y)
    if g.get("m"):
        return Spec(c.start, c.end, kind="ymd", y=y, m=_month(g["m"]))
    return Spec(c.start, c.end, value=f"{y:04d}", y=y)


def _year_rule(c, text, s):
    g = c.groups
    ys, ye = c.spans["y"]
    if not g.get("pp") and not _plausible_year(text, ys, ye, strict=not (g.get("part") or g.get("approx"))):
        return None  # "post-1945 borders" needs no check: the prefix makes it a year
    y = _year(g["y"])
    mod = _part(c) or ("APPROX" if g.get("approx") else None)
    if g.get("pp"):  # "post-1959", "pre-1990"
        mod = "AFTER" if g["pp"].lower() == "post" else "BEFORE"
    return Spec(c.start, c.end, value=f"{y:04d}", y=y, mod=mod)


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


def _daypart(c, text, s):
    """"by evening", "in the morning": that part of the day in the story, like a bare clock time."""
    start, end = c.spans["core"]
    return Spec(start, end, type="TIME", kind="rel", unit="day", offset=0, anaphoric=True,
                tod=V.DAY_PARTS[c.groups["dp"].lower()])


def _night_generic(c, text, s):
    start, end = c.spans.get("core") or c.spans["core2"]
    # TIMEX2 habit ("travelled at night", "night raids"); news annotation leaves these out
    return Spec(start, end, type="TIME", value="XXXX-XX-XXTNI", extra={"narrative_only": True})


def _modal_soon(text: str, start: int, end: int) -> bool:
    """Whether "soon" looks ahead from the present ("may soon seek", "it soon will"), which news
    annotation marks as FUTURE_REF; "as soon as", "soon after" and past narration are not."""
    before, after = _word_before(text, start).lower(), _word_after(text, end).lower()
    if before == "as" or after in ("after", "afterwards", "thereafter", "as"):
        return False
    return before in V.FUTURE_MODALS or after in ("will", "to")


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


_HANDLERS = {
    "iso_date": _iso, "numeric_date": _numeric, "weekday_date": _weekday_date,
    "range_month_days": _range_month_days, "range_days_month": _range_month_days,
    "range_months": _range_months, "range_years": _range_years, "mdy": _mdy, "week_of": _week_of, "dmy": _dmy,
    "month_year": _month_year, "month_rel_year": _month_rel_year, "month": _month_only, "season": _season, "decade": _decade,
    "century": _century, "era_year": _era_year, "range_era": _range_era, "tod_of_date": _tod_of_date, "quarter": _quarter, "whole_year": _whole_year, "half": _half,
    "quarter_rel": _quarter_rel, "year_adj": _year_adj, "ago": _ago, "unit_before_after": _unit_before_after, "vague_ago": _vague_ago,
    "rel_unit": _rel_unit, "day_word": _day_word, "part_of_day": _part_of_day, "time": _time, "weekday": _weekday,
    "holiday": _holiday, "frequency": _frequency, "set": _set, "duration": _duration,
    "nth": _nth, "turn": _turn, "fiscal_year": _fiscal_year, "year": _year_rule, "spelled_year": _spelled_year,
    "plural_unit": _plural_unit, "night_generic": _night_generic, "daypart": _daypart, "ref": _ref,
}
