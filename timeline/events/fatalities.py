"""Fatalities stated in a clause: "killed at least 12 people", "three civilians died", "a death toll of 40".

ACLED's conventions (its codebook): the number reported for this event, the most conservative one when
vague ("dozens" 12, "hundreds" 100, "several" 10: the table gazetteer/data/vague_numbers.tsv); injuries
never count; a toll for a whole war or campaign ("... have been killed since the start of the war") is not
this event's. One named victim ("killing a journalist", "shot dead a man") is one death.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer.tables import read_table

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:(?:{_WORD})(?:[- ](?:{_WORD}))?(?:\s+(?:hundred|thousand))?))"
VAGUE_TABLE = "vague_numbers.tsv"


@lru_cache(maxsize=1)
def vague_numbers() -> dict[str, int]:
    """Vague count words -> the number ACLED records (regex alternatives as keys)."""
    return {words: int(value) for _, (words, value, _example) in read_table(VAGUE_TABLE, 3)}


def _vague() -> str:
    return "|".join(vague_numbers())


_QUAL = r"(?:at least|more than|over|some|nearly|almost|about|around|up to|as many as|a total of|roughly|an estimated)\s+"
_VICTIMS = (r"(?:people|persons|civilians|soldiers|troops|servicemen|fighters|militants|gunmen|insurgents|rebels|"
            r"children|women|men|residents|villagers|protesters|demonstrators|police(?:men| officers)?|officers|"
            r"workers|passengers|members|others|guests|worshippers|pupils|students|family members|relatives|"
            r"ukrainians|russians|iranians|israelis|palestinians|attackers|assailants|bystanders|"
            r"[a-z]+ (?:fighters|soldiers|militants|gunmen|men|civilians|officers))")
_KILL = r"(?:killed|killing|kills|kill|shot dead|shooting dead|beheaded|beheading|executed|executing|massacred|murdered|lynched|slaughtered)"
_DIED = r"(?:killed|dead|died|slain|shot dead|lost their lives|beheaded|executed|massacred|murdered|lynched)"
_ONE = (r"(?:a|an|the|one)\s+(?:[\w'-]+\s+){0,3}?(?:man|woman|boy|girl|child|civilian|soldier|journalist|driver|"
        r"policeman|police officer|officer|commander|leader|activist|farmer|worker|teacher|student|resident|"
        r"villager|passenger|fighter|militant|person|guard|official|priest|imam|trader|protester|kidnapper|"
        r"thief|suspect|shepherd|herder|doctor|nurse|pilot|teenager|teen|youth|member|mother|father|son|daughter|"
        r"elder|cleric|lawyer|judge|chief|mayor|politician|candidate)")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str]]:
    n = rf"(?P<n>{NUMBER}|{_vague()})"
    return [
        (re.compile(rf"\b{_KILL}\s+(?:{_QUAL})?{n}\b(?!\s+(?:injured|wounded|hurt))"), "n"),
        (re.compile(rf"\b(?:{_QUAL})?{n}\s+(?:of\s+(?:the\s+)?)?(?:[\w'-]+\s+){{0,2}}?{_VICTIMS}\s+(?:were|was|have been|had been|are|have|had)?\s*(?:\w+\s+)?{_DIED}"), "n"),
        (re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|rose to|stands at)\s+(?:{_QUAL})?{n}"), "n"),
        (re.compile(rf"\b(?:leaving|left)\s+(?:{_QUAL})?{n}\s+(?:[\w'-]+\s+){{0,2}}?(?:dead|people dead)"), "n"),
        (re.compile(rf"\b(?:{_QUAL})?{n}\s+(?:were|was|have been)\s+killed"), "n"),
        (re.compile(rf"(?<!of )(?<!for )\b(?:{_KILL}|beat|beating)\s+{_ONE}\b"), "one"),
        (re.compile(rf"(?<!of )(?<!for )\b{_KILL}\s+(?:[\w'-]+\s+){{0,2}}?(?:leader|commander|chief|spokesman|official|politician|cleric)\s+[a-z]"), "one"),
        (re.compile(rf"\b{_KILL}\s+one of them\b"), "one"),
    ]


#: After the number: the toll belongs to a war or campaign, not to this event.
_CAMPAIGN = re.compile(r"[^;.]{0,60}?\b(?:since (?:the (?:start|beginning|outbreak)|the war|\w+ \d{4}|\d{4}|"
                       r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
                       r"|last)|so far|to date|in total|overall|this year|over the past|in the (?:war|conflict)|"
                       r"during the (?:war|conflict)|of the war)\b")


_AND_OTHERS = re.compile(rf"[^,;.]{{0,60}}?\s+and\s+(?P<n>{NUMBER})\s+others\b")


def parse_number(text: str) -> int | None:
    """'12' / '1,200' / 'three' / 'twenty-five' / 'two hundred' / 'dozens' -> int."""
    t = text.lower().strip()
    if re.fullmatch(r"[\d,]+", t):
        return int(t.replace(",", ""))
    for words, value in vague_numbers().items():
        if re.fullmatch(words, t):
            return value
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t.replace("a dozen", "dozen")):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word:
            return None
    return total + current or None


#: Every pattern above needs one of these words (kill, die, a killing verb, "death toll", "beat"):
#: a clause without any is answered with one search instead of every pattern's.
_NEEDED = re.compile(r"kill|dead|died|slain|lost their lives|behead|execut|massacr|murder|lynch|slaughter|"
                     r"death toll|beat")


def fatalities(clause: str) -> int | None:
    """The number of people the clause says this event killed, or None."""
    return _fatalities(clause)


@lru_cache(maxsize=32)
def _fatalities(clause: str) -> int | None:
    """`fatalities`, kept for the last clauses: the dates of one sentence often share its clause."""
    lowered = clause.lower()
    if _NEEDED.search(lowered) is None:
        return None
    for rx, kind in _patterns():
        for m in rx.finditer(lowered):
            if _CAMPAIGN.match(lowered, m.end()):
                continue
            if kind == "one":      # "killed senior official X and six others": the named one and the others
                others = _AND_OTHERS.match(lowered, m.end())
                n = parse_number(others.group("n")) if others else None
                return 1 + (n or 0)
            n = parse_number(m.group("n"))
            if n is not None:
                return n
    return None
