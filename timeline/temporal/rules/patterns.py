"""Scanner rules as data: named regex templates, tried in this order at each text position.

`<<NAME>>` inserts a fragment from FRAGMENTS (built from `vocab`); named groups inside a rule
are private to it (the scanner prefixes them with the rule name). A rule may mark its timex
with a `core` group when it needs context outside the span (a governing preposition).
Order matters only between rules that can start at the same position: more specific first.
The whole pattern is case-insensitive except inside `(?-i:...)` (month and weekday names must
be capitalised, so the modal "may" and the verb "march" never match).
"""
from __future__ import annotations

from .vocab import (
    MONTHS, MONTH_ABBREVIATIONS, NUMBER_WORDS, ORDINALS, PART_MODS, QUANT_MODS,
    REFERENCE_WORDS, SET_WORDS, UNIT_PLURALS, UNITS, VAGUE_NUMBERS, WEEKDAYS, HOLIDAYS,
    WEEKDAY_HOLIDAYS, DAY_PARTS, SEASONS, EASTER_HOLIDAYS,
)


def _alt(words) -> str:
    """Alternation of words, longest first, spaces matching any whitespace.

    Shaped as a character trie (a failing word costs a test per branch point, not one per
    word). It matches exactly what the flat longest-first alternation matches, in the same
    order: the words that fit the text form a chain of prefixes, and the trie, greedy at
    every node, tries the longest of them first too. That needs siblings that never match
    the same character, so words whose branches differ only by case keep the flat form."""
    items = sorted(set(words), key=len, reverse=True)
    trie = _trie(items)
    if trie is not None:
        return "(?:" + trie + ")"
    return "(?:" + "|".join(r"\s+".join(_esc(p) for p in w.split(" ")) for w in items) + ")"


def _tokens(word: str) -> list[str]:
    out: list[str] = []
    for i, part in enumerate(word.split(" ")):
        if i:
            out.append(r"\s+")
        out.extend(_esc(c) for c in part)
    return out


def _trie(words) -> str | None:
    root: dict = {}
    for w in words:
        node = root
        for tok in _tokens(w):
            node = node.setdefault(tok, {})
        node[""] = {}

    def build(node: dict) -> str | None:
        keys = sorted(k for k in node if k)
        if len({k.lower() for k in keys}) < len(keys):
            return None  # "x" and "X" both branch here: not exclusive without case
        alts = []
        for k in keys:
            sub = build(node[k])
            if sub is None:
                return None
            alts.append(k + sub)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return build(root) if "" not in root else None


def _esc(word: str) -> str:
    return "".join("\\" + c if c in ".^$*+?{}[]\\|()'" else c for c in word)


_ABBR = "|".join(sorted((a.capitalize() for a in MONTH_ABBREVIATIONS), key=len, reverse=True))
_NUM_WORDS = _alt([w for w in NUMBER_WORDS if " " in w or len(w) > 2] + list(VAGUE_NUMBERS))
_TENS = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = "(?:one|two|three|four|five|six|seven|eight|nine)"

FRAGMENTS: dict[str, str] = {
    "MON": (r"(?-i:(?:" + "|".join(m.capitalize() for m in MONTHS) + r"|"
            + "|".join(m.upper() for m in MONTHS) + r")\b|(?:" + _ABBR + r")\.|(?:" + _ABBR
            + r")\b(?=\s+\d))"),
    "WD": "(?-i:(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + "))",
    "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
    "YEAR": r"(?<![\d,.$£€#/])(?:1[0-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d\d-)",
    "NUM": (r"(?:\d+\s+1/2|\d+(?:[.,]\d+)?|" + _TENS + r"(?:[- ]" + _ONES + r")?|" + _NUM_WORDS
            + r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"),
    "UNIT": _alt(list(UNITS) + list(UNIT_PLURALS)) + r"\b",
    "UNITS_PL": _alt([p for p in UNIT_PLURALS if p not in ("seconds", "nights", "seasons", "quarters", "weekends")]) + r"\b",
    "ORD": (r"(?:\d{1,2}(?:st|nd|rd|th)|" + _alt(ORDINALS) + ")"),
    "PART": (r"(?:(?:the\s+)?(?:very\s+)?(?P<part>" + _alt(PART_MODS)
             + r")(?:\s+part)?(?:\s+(?:of|in))?(?:\s+|-))"),
    "APPROX": _alt(QUANT_MODS),
    "ERA": r"(?-i:B\.C\.E\.|B\.C\.|BCE|BC|A\.D\.|AD|CE)(?![A-Za-z])",
    "DAYPART": _alt(DAY_PARTS),
    "REL": (r"(?:(?:the\s+)?(?:last|past|previous|preceding|prior|next|following|coming|upcoming"
            r"|subsequent|ensuing|same|current|present|very\s+same)|this\s+past|this\s+coming|this|that|the)"),
    "REF": _alt(REFERENCE_WORDS),
    "SETWORD": _alt(SET_WORDS),
    "HOLIDAY": _alt(list(HOLIDAYS) + list(WEEKDAY_HOLIDAYS) + list(EASTER_HOLIDAYS)) + r"(?![\w'])",
    "AMPM": r"(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)",
}

#: (rule name, regex template), in priority order.
RULES: list[tuple[str, str]] = [
    ("iso_date", r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                 r"(?:(?:T|,?\s+)(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\d/.-]\d)"),
    ("numeric_date", r"(?<![\d/.,-])(?P<a>\d{1,4})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})(?![\d/.]\d|\d)"),
    ("weekday_date", r"(?P<wd><<WD>>),?\s+(?:(?:the\s+)?(?P<d2><<DAY>>)\s+(?:of\s+)?(?P<m2><<MON>>)|(?P<m1><<MON>>)\s+(?P<d1><<DAY>>))"
                     r"(?:,?\s+(?P<y><<YEAR>>))?"),
    ("range_month_days", r"(?P<m><<MON>>)\s+(?P<d1><<DAY>>)(?P<dash>\s*[-–—]\s*|\s+(?:to|and|through)\s+)(?P<d2><<DAY>>)(?!\s*(?:<<MON>>))(?:,?\s+(?P<y><<YEAR>>))?"),
    ("range_days_month", r"(?P<d1><<DAY>>)(?:\s*[-–—]\s*|\s+(?:to|and|until|through)\s+)(?P<d2><<DAY>>)\s+(?:of\s+)?(?P<m><<MON>>)(?:,?\s+(?P<y><<YEAR>>))?"),
    ("range_months", r"(?P<m1><<MON>>)\s*[-–—]\s*(?P<m2><<MON>>),?\s+(?P<y><<YEAR>>)"),
    ("range_era", r"(?P<y1>\d{1,4})(?P<dash>\s*[-–—]\s*|\s+(?:to|and|until)\s+)(?P<y2>\d{1,4})\s*(?P<era><<ERA>>)"),
    ("range_years", r"(?P<y1><<YEAR>>)\s*[-–—]\s*(?P<y2><<YEAR>>|\d\d(?!\d))(?!\s*(?:<<ERA>>))"),
    ("spelled_year", r"(?:(?P<m><<MON>>)\s+)?(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen|seventeen)[\s-]+(?P<t>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|hundred)|(?P<tt>two\s+thousand)(?:\s+and)?(?:[\s-]+(?P<u>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)\b"),
    ("month_rel_year", r"(?:<<PART>>)?(?:(?P<d1><<DAY>>)\s+(?:of\s+)?)?(?P<m><<MON>>)\s+(?:(?P<d2><<DAY>>),?\s+)?(?:of\s+)?(?P<ry>last|next|this|that|the\s+following|the\s+previous|the\s+same)\s+year\b"),
    ("tod_of_date", r"(?:early\s+(?:in\s+)?|late\s+(?:in\s+)?)?(?:the\s+)?(?:early\s+|late\s+)?(?:(?P<tod><<DAYPART>>)|(?P<eh>early|small|wee)\s+hours)(?:\s+hours)?\s+of\s+(?:(?P<d><<DAY>>)(?:[-–/]\d{1,2})?\s+(?:of\s+)?(?P<m><<MON>>)|(?P<m2><<MON>>)\s+(?P<d2><<DAY>>)(?:[-–/]\d{1,2}(?!\d))?)(?:,?\s+(?P<y><<YEAR>>))?"),
    ("week_of", r"the\s+week\s+of\s+(?P<m><<MON>>)\s+(?P<d><<DAY>>)(?:,?\s+(?P<y><<YEAR>>))?"),
    ("mdy", r"(?:<<PART>>)?(?P<m><<MON>>)\s+(?P<d><<DAY>>)(?:,?\s+(?P<y><<YEAR>>))?(?!\d|:\d)"),
    ("dmy", r"(?:the\s+)?(?P<d><<DAY>>)(?:\s+of)?\s+(?P<m><<MON>>)(?:,?\s+(?P<y><<YEAR>>))?"),
    ("month_year", r"(?:<<PART>>)?(?P<m><<MON>>)(?:\s+of|,)?\s+(?P<y><<YEAR>>)"),
    ("month", r"(?:<<PART>>)?(?:(?P<rel>last|next|this|that|the\s+following|the\s+previous|the\s+same|the)\s+)?(?P<m><<MON>>)(?!\s*\d)"),
    ("season", r"(?:<<PART>>)?(?:(?P<rel><<REL>>)\s+)?(?:(?P<sp>early|late|mid)[\s-]+)?(?P<s>spring|summer|autumn|fall|winter)(?:(?:\s+of|,)?\s+(?:(?P<bcy>\d{1,4})\s*(?P<era><<ERA>>)|(?P<y><<YEAR>>)(?:[-–/](?P<y2>\d{4}|\d\d)(?!\d))?))?\b"),
    ("decade", r"(?:<<PART>>)?(?:the\s+)?(?:(?P<edec>\d{1,3}0s)\s*(?P<era><<ERA>>)"  # "the 470s BC"
               r"|(?P<dec>(?:1[0-9]|20)\d0s|['’]\d0s|\d0s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)"),
    ("century", r"(?:<<PART>>)?(?:the\s+)?(?P<ord><<ORD>>)[\s-]+centur(?:y|ies)(?:\s+(?P<era><<ERA>>))?"),
    ("era_year", r"(?:(?P<approx>circa|c\.|about|around)\s+)?(?:(?P<m><<MON>>)\s+)?(?:(?P<ad>(?-i:AD|A\.D\.))\s+(?P<y1>\d{1,4})\b|(?P<y2>\d{1,4})\s*(?P<era><<ERA>>))"),
    ("quarter", r"(?:(?P<ry>this|last|next)\s+year['’]s\s+|(?:the\s+)?(?:(?P<ya>year-ago|year-earlier|comparable)\s+)?)(?:(?:fiscal|calendar)[\s-]+)?(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?:fiscal\s+)?quarter"
                r"(?:(?:\s+of(?:\s+fiscal)?|,)?\s+(?P<y><<YEAR>>)|\s+of\s+(?P<rel>this|last|next|the)\s+year)?"
                r"|(?-i:Q(?P<qn>[1-4]))(?:\s+(?P<y2><<YEAR>>))"
                r"|(?:the\s+)?(?P<y3><<YEAR>>)\s+(?:(?P<qo3>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+)?(?:fiscal\s+)?(?P<qw>quarter|period)"),
    ("half", r"(?:the\s+)?(?P<ho>first|second|1st|2nd|latter|last)\s+half\s+of\s+(?:(?P<y><<YEAR>>)|(?P<rel>this|last|next|the)\s+year)"
             r"|(?-i:H(?P<hn>[12]))\s+(?P<y2><<YEAR>>)"),
    ("year_adj", r"(?P<ya>year-earlier|year-ago)(?!\s+(?:quarter|period)\b)"),
    ("quarter_rel", r"(?:the\s+)?(?P<qr>latest|most\s+recent|year-ago|year-earlier|previous|prior|comparable|same|corresponding|comparable\s+year-ago|comparable\s+year-earlier)\s+(?:quarter|period)"
                    r"(?:\s+(?P<back>last\s+year|a\s+year\s+(?:ago|earlier)|of\s+last\s+year))?"
                    r"|(?P<ly>last\s+year['’]s)\s+(?:quarter|period)"
                    r"|the\s+(?:quarter|period)\s+(?P<ly2>a\s+year\s+(?:ago|earlier)|last\s+year)"),
    ("ago", r"(?:(?P<approx><<APPROX>>)\s+)?(?:just\s+|only\s+)?(?P<n><<NUM>>)[\s-]+(?P<unit><<UNIT>>)\s+(?:(?P<dir>ago|earlier|later|from\s+now|hence|previously)\b|(?P<dir2>back|on|before|after)(?=\s*[,.;:)!?\"”]|\s+(?:and|when|as|but|in|at|on|that|the|he|she|it|they|to|with)\b|$))"),
    ("vague_ago", r"(?P<unit><<UNITS_PL>>)\s+(?P<dir>ago|earlier|later|before\s+that|after\s+that|afterwards)\b"),
    ("unit_before_after", r"(?P<det>the|a)\s+(?P<unit>day|week|month|year|night|morning)\s+(?P<dir>before|after|earlier|later|prior)(?=\s*[,.;:)]|\s+(?:and|when|as|but|he|she|it|they)\b)"),
    ("turn", r"the\s+turn\s+of\s+the\s+(?:(?P<ord><<ORD>>)\s+)?century"),
    ("whole_year", r"(?:the\s+)?(?P<w>full|fiscal|calendar|whole|entire|current\s+fiscal|latest\s+fiscal)\s+year(?!\s+(?:ended|ending|to)\b)(?!-)|(?:the\s+)?(?P<end>year[-\s]end|year['’]s\s+end)\b"),
    ("rel_unit", r"(?:<<PART>>)?(?P<rel><<REL>>)\s+(?P<unit>year|month|week|weekend|decade|century|quarter|day|night|morning|evening|afternoon|time)(?![\s-]*(?:old|long|-))(?!\s+\d)\b"),
    ("part_of_day", r"(?P<part>early|mid|late)[\s-]?(?P<tod>morning|afternoon|evening)\b(?!\s+(?:of|on)\b)"),
    ("day_word", r"(?:(?P<part>early|late|earlier|later)\s+)?(?:the\s+day\s+(?P<da>before|after)\s+)?(?P<dw>today|tonight|yesterday|tomorrow|overnight(?=\s*[,.;]|\s+(?:on|in|at|and|as|the|when|with|from|to|into)\b))(?:\s+(?P<tod><<DAYPART>>))?"),
    ("time", r"(?:(?P<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
             r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap><<AMPM>>)(?:\s+(?P<tz>(?-i:[A-Z]{1,2}[SD]?T|GMT|UTC|[A-Z][a-z]+\s+time)|local\s+time))?"
             r"(?:,?\s+(?:on\s+)?(?:(?P<wd><<WD>>|today|yesterday|tomorrow|tonight)|(?P<m><<MON>>)\s+(?P<d><<DAY>>)(?:,?\s+(?P<y><<YEAR>>))?|(?P<hol><<HOLIDAY>>)))?"
             r"|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)\s*(?P<tz24>(?-i:GMT|UTC|[A-Z]{1,2}[SD]T|[A-Z][a-z]+\s+time)|hrs|hours|local\s+time)"
             r"|(?P<hm>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s*(?P<tzm>(?-i:GMT|UTC|Z|[A-Z]{1,2}[SD]T)|hours\b|hrs\b)"
             r"|(?P<h2>[01]?\d)(?:\s+o['’]clock)?\s+in\s+the\s+(?P<tod2>morning|afternoon|evening|night)"
             r"|(?:(?P<approx2>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<fixed>noon|midnight|midday)(?:,?\s+(?:on\s+)?(?P<wd2><<WD>>|today|yesterday|tomorrow))?"),
    ("weekday", r"(?:(?:the\s+)?(?P<part>early|small|wee)\s+hours\s+of\s+)?(?:(?P<rel>last|next|this|coming|this\s+coming|this\s+past|past|previous|that|early|late|earlier|later)\s+(?:on\s+)?)?(?P<wd><<WD>>)(?P<pl>s)?(?:\s+(?P<tod><<DAYPART>>))?"),
    ("holiday", r"(?P<hol><<HOLIDAY>>)(?:,?\s+(?P<y><<YEAR>>))?"),
    ("frequency", r"(?P<freq>once|twice|thrice|(?:<<NUM>>)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit><<UNIT>>)"),
    ("set", r"(?P<every>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n><<NUM>>)\s+)?(?:(?P<unit><<UNIT>>)|(?P<wd><<WD>>)|(?P<m><<MON>>)|(?P<s>spring|summer|autumn|fall|winter))"
            r"|(?P<word><<SETWORD>>)\b"),
    ("duration", r"(?:(?P<approx><<APPROX>>)\s+)?(?:(?P<det>the|a|an|its|their)\s+)?(?!year-(?:earlier|ago|end)\b)(?:(?P<rel>past|last|next|first|coming|previous|final|following|entire|whole|full|remaining|same|latest|initial|better\s+part\s+of(?:\s+the)?)\s+)?"
                 r"(?P<n><<NUM>>)[\s-]+(?:(?:more|additional|long|full|straight|consecutive|trading|business|calendar|working|fiscal)\s+)?(?P<unit><<UNIT>>)(?!-(?:earlier|ago|end)\b)(?:[\s-]+(?P<adj>long|old))?(?P<half>\s+and\s+a\s+half\b)?"),
    ("nth", r"(?P<prep>on|by|until|since|from|till|before|after)\s+(?P<core>the\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th))\b(?=\s*(?:[,.;:)]|$|and\b|when\b|at\b|in\b|after\b|before\b|but\b|to\b|as\b|of\s+(?:this|last|next|the)\s+month))"),
    ("fiscal_year", r"(?P<fy>fiscal(?:\s+year)?|FY)\s*(?P<y><<YEAR>>|'?\d\d(?!\d))"),
    ("year", r"(?:<<PART>>)?(?:(?P<approx>circa|c\.|about|around|approximately)\s+)?(?:the\s+year\s+)?(?:(?P<pp>pre|post)-)?(?P<y><<YEAR>>)(?:['’]s)?(?![\d-])"),
    ("plural_unit", r"(?P<prep>for|in|within|over|after|during|than|took|lasted|last|of|some|about|recent|coming|past|next)\s+(?P<core>(?P<unit><<UNITS_PL>>))(?!\s+(?:ago|later|earlier|before|after)\b)"
                    r"|(?P<core2>(?P<unit2><<UNITS_PL>>))(?=\s+(?:after|before)\s+(?!that\b|then\b))"),  # "days after the vote"
    ("night_generic", r"(?P<prep>at|by)\s+(?P<core>night)\b|(?P<core2>night)(?=[\s-]+(?:raids?|attacks?|operations?|fighting|assaults?)\b)"),
    ("daypart", r"(?P<prep>in|by|during|until|till|through|since)\s+(?P<core>(?:the\s+)?(?P<dp>morning|afternoon|evening))\b"
                r"(?!\s+(?:of|hours|prayers?|rush|news|papers?|sessions?|shifts?|shows?|editions?|star|light|sun|service|services|meeting|meetings|briefing)\b)"),
    ("ref", r"(?P<ref><<REF>>)\b"),
]

#: Every word a rule match can begin with (besides digits and an apostrophe before digits).
#: The scanner turns this list into a cheap look-ahead, so positions that cannot start a
#: timex are rejected after a few character tests. A rule that starts with a new word must
#: add it here (tests/temporal check that prefilter and rules agree on the corpora).
START_WORDS: frozenset[str] = frozenset(
    list(MONTHS) + list(MONTH_ABBREVIATIONS) + list(WEEKDAYS) + [w + "s" for w in WEEKDAYS] + list(SEASONS)
    + [w.split(" ")[0] for w in NUMBER_WORDS] + [w.split(" ")[0] for w in VAGUE_NUMBERS]
    + [w.split(" ")[0] for w in PART_MODS] + [w.split(" ")[0] for w in QUANT_MODS]
    + [w.split(" ")[0] for w in REFERENCE_WORDS] + list(SET_WORDS)
    + [w.split(" ")[0].split("'")[0] for w in list(HOLIDAYS) + list(WEEKDAY_HOLIDAYS) + list(EASTER_HOLIDAYS)]
    + list(ORDINALS)
    + """the a an very last past previous preceding prior next following coming upcoming
    subsequent ensuing same current present this that fiscal calendar fy q h ad a.d circa c
    just only shortly noon midnight midday today tonight yesterday tomorrow every each once
    twice thrice on by until since from till before after for in within over during than took
    lasted of some about recent its their twenties thirties forties fifties sixties seventies
    eighties nineties latest most year-ago year-earlier comparable corresponding pre post d""".split()
    + [p + t for p in ("early", "mid", "late") for t in ("morning", "afternoon", "evening")]  # "midmorning"
)
#: Frequent function words that start some rules but must be followed (within three words)
#: by a strong start word, a unit or a digit; keeps "the", "in", "of" from waking every rule.
WEAK_START_WORDS: frozenset[str] = frozenset("""the a an in of on to for by at from over about
some this that than its their after before until since till during within took lasted just only
no more less up so as long very most each every under fewer upwards exactly right at per""".split())
#: Words that may follow weak start words (besides START_WORDS that are not weak).
FOLLOW_WORDS: frozenset[str] = frozenset(
    list(UNITS) + list(UNIT_PLURALS) + list(DAY_PARTS)
    + ["time", "ago", "moment", "end", "far", "least", "most", "date", "yet", "present", "half", "period", "short", "later",
       "matter", "number", "couple", "dozen", "single", "hundred", "full", "whole", "entire", "near",
       "additional", "more", "extra", "straight", "consecutive", "long", "trading", "business",
       "working", "calendar", "other"]
)

#: What must follow a number for it to start a timex: four digits, an ordinal suffix, a
#: date/time separator, a unit, a month, an era, a clock word... ("2,000 troops" fails fast).
DIGIT_START: str = (
    r"\d{4}|\d+(?:st|nd|rd|th)\b|\d+\s*[/.:\-–—]\s*\d|\d0s\b|\d+\s+1/2"
    r"|\d+(?:[.,]\d+)?[\s-]+(?:(?:more|additional|long|full|straight|consecutive|trading|business"
    r"|calendar|working|fiscal)\s+)?<<UNIT>>"
    r"|\d+\s*(?:<<AMPM>>|<<ERA>>|o['’]clock|in\s+the\b|times\b|hrs\b|GMT|UTC)"
    r"|\d+\s+(?:to|and|until)\s+\d+\s*<<ERA>>"
    r"|\d{1,2}\s+(?:of\s+)?<<MON>>|\d{1,2}\s+(?:to|and|until|through)\s+\d{1,2}\s+(?:of\s+)?<<MON>>"
    r"|\d+(?:[.,]\d+)?\s+(?:<<MON>>|<<WD>>|spring|summer|autumn|fall|winter)"  # "every 2 Mondays"
    r"|\d{1,3}0s\s*<<ERA>>"  # "the 470s BC"
)

