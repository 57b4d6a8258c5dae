"""Plain vocabulary tables: names, number words, units, modifiers and normalisation codes.

Keys are lower case; the scanner builds its alternations from these tables, the normaliser
looks words up here, so adding a synonym is a one-line change in this file.
"""
from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
#: Abbreviations; the scanner accepts them with a period, or bare before a day number.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
#: Month names that are also common words or given names: a bare mention needs a cue.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"may", "march", "april", "june", "august"})
#: Words that, right before a bare month name, make it a date ("in May", "since March").
BARE_MONTH_CUES: frozenset[str] = frozenset({
    "in", "of", "since", "until", "till", "by", "from", "to", "through", "during", "before",
    "after", "early", "late", "mid", "last", "next", "this", "that", "each", "every", "and",
    "or", "between", "on", "throughout", "for", "end", "beginning", "start", "middle",
    "than", "around", "about", "as", "into", "following", "previous", "past", "until", "a", "the",
})

WEEKDAYS: dict[str, int] = {  # ISO weekday numbers
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}

#: TIMEX3 season codes and the months each spans (winter starts in December).
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}
SEASON_ORDER: tuple[str, ...] = ("WI", "SP", "SU", "FA")
SEASON_OF_MONTH: dict[int, str] = {
    12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
    6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA",
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a single": 1, "single": 1,
}
#: Vague quantities: the value gets an X ("several weeks" -> PXW).
VAGUE_NUMBERS: frozenset[str] = frozenset({
    "several", "few", "a few", "some", "many", "numerous", "a number of", "a matter of",
    "recent", "the past few", "countless", "multiple", "the next few", "the last few",
    "the coming", "coming", "the past several", "the last several",
    # "over the following days", "in the intervening years": a stretch of unstated length
    "following", "ensuing", "succeeding", "intervening", "subsequent",
})

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "final": 4, "last": 4,
}

#: Unit word -> (TIMEX3 duration code, whether it is a time-of-day unit: PT...).
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("Y", False), "century": ("Y", False), "millennium": ("Y", False),
    "weekend": ("WE", False), "season": ("X", False),
}
#: Units whose duration count is multiplied (a fortnight is two weeks).
UNIT_FACTORS: dict[str, int] = {"fortnight": 2, "decade": 10, "century": 100, "millennium": 1000}
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "nights": "night",
    "weeks": "week", "fortnights": "fortnight", "months": "month", "quarters": "quarter",
    "years": "year", "decades": "decade", "centuries": "century", "millennia": "millennium",
    "weekends": "weekend", "seasons": "season",
}

#: Part-of-period words -> TIMEX3 mod.
PART_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START", "dawn": "START",
    "early part": "START", "first part": "START", "outset": "START", "early hours": "START",
    "small hours": "START", "wee hours": "START",
    "mid": "MID", "middle": "MID", "midst": "MID", "height": "MID",
    "late": "END", "later": "END", "end": "END", "close": "END", "latter part": "END",
    "last part": "END", "final days": "END", "closing days": "END", "turn": "APPROX",
}
#: Approximation / comparison words before a date or duration -> TIMEX3 mod.
QUANT_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "APPROX", "almost": "APPROX", "some": "APPROX", "circa": "APPROX", "c.": "APPROX",
    "more than": "MORE_THAN", "upwards of": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}

#: Parts of the day -> TIMEX3 time code.
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}

#: Relative words -> offset in units from the anchor.
RELATIVE_OFFSETS: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1,
    "this": 0, "current": 0, "same": 0, "present": 0, "that": 0,
    "next": 1, "following": 1, "coming": 1, "upcoming": 1, "subsequent": 1, "ensuing": 1,
}
#: Relative words whose anchor is the narrative (last mentioned) time, not the DCT.
ANAPHORIC_WORDS: frozenset[str] = frozenset({
    "following", "previous", "preceding", "same", "that", "subsequent", "ensuing", "prior",
})

#: Deictic day words -> day offset from the DCT.
DAY_WORDS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": -1}

#: Fixed reference expressions -> TIMEX3 value.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "at this time": "PRESENT_REF", "the present": "PRESENT_REF", "present-day": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",     "the past": "PAST_REF",     "years ago": "PAST_REF", "some time ago": "PAST_REF",
    "long ago": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    
    "the coming years": "FUTURE_REF", "the near future": "FUTURE_REF", "the coming months": "FUTURE_REF",
    "the years ahead": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
    "a later date": "FUTURE_REF", "soon": "FUTURE_REF",
    "former": "PAST_REF",
}
#: Reference words tagged only in narrative documents (TIMEX2 habit, noisy in news).
NARRATIVE_ONLY_REFERENCES: frozenset[str] = frozenset({
    "former", "earlier", "once", "so far", "to date", "as yet", "eventually", "shortly",
    "previously", "soon", "future", "recent", "formerly",
})

#: Modal and infinitive words before "soon" that make it look ahead ("may soon", "to soon").
FUTURE_MODALS: frozenset[str] = frozenset("will may might could would should shall must to ll".split())
#: Nouns after "today's" that make it mean present-day in general ("today's world").
PRESENT_DAY_NOUNS: frozenset[str] = frozenset("""world youth society generation young children kids
teenagers technology culture computers standards""".split())

#: Set adverbs -> (value, freq).
SET_WORDS: dict[str, tuple[str, str | None]] = {
    "daily": ("P1D", None), "nightly": ("P1D", None), "weekly": ("P1W", None),
    "monthly": ("P1M", None), "quarterly": ("P3M", None), "yearly": ("P1Y", None),
    "annually": ("P1Y", None), "annual": ("P1Y", None), "hourly": ("PT1H", None),
    "biweekly": ("P2W", None), "fortnightly": ("P2W", None), "biannually": ("P6M", None),
}
FREQUENCY_WORDS: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}

#: Fixed-date holidays -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25),
    "christmas eve": (12, 24), "christmas": (12, 25), "boxing day": (12, 26),
    "independence day": (7, 4), "valentine's day": (2, 14), "halloween": (10, 31),
    "victory day": (5, 9), "bastille day": (7, 14), "armistice day": (11, 11),
    "veterans day": (11, 11), "d-day": (6, 6),
}
#: Holidays whose day depends on the country: name -> {country: (month, day)}. The country a
#: text names most often (NATIONAL_HOLIDAY_CUES) picks the day; HOLIDAYS has the default.
NATIONAL_HOLIDAYS: dict[str, dict[str, tuple[int, int]]] = {
    "independence day": {"us": (7, 4), "ukraine": (8, 24), "india": (8, 15), "pakistan": (8, 14),
                         "georgia": (5, 26), "armenia": (9, 21), "azerbaijan": (10, 18), "kazakhstan": (12, 16)},
}
#: Words (case kept) that name each country of NATIONAL_HOLIDAYS.
NATIONAL_HOLIDAY_CUES: dict[str, tuple[str, ...]] = {
    "us": ("United States", "U.S.", "America", "American", "Americans", "Washington"),
    "ukraine": ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"),
    "india": ("India", "Indian", "Indians", "New Delhi"),
    "pakistan": ("Pakistan", "Pakistani", "Islamabad"),
    "georgia": ("Georgia", "Georgian", "Tbilisi"),
    "armenia": ("Armenia", "Armenian", "Yerevan"),
    "azerbaijan": ("Azerbaijan", "Azerbaijani", "Baku"),
    "kazakhstan": ("Kazakhstan", "Kazakh", "Astana"),
}
#: Holidays counted from Easter: name -> (reckoning or None for "by context", days after Easter
#: Sunday). Easter moves each year (dateutil.easter computes it); in a text about the Orthodox
#: world (EASTER_ORTHODOX_CUES) a plain "Easter" is the Orthodox one.
EASTER_HOLIDAYS: dict[str, tuple[str | None, int]] = {
    "easter": (None, 0), "easter sunday": (None, 0), "easter day": (None, 0),
    "orthodox easter": ("orthodox", 0), "good friday": (None, -2), "easter monday": (None, 1),
    "palm sunday": (None, -7), "easter week": (None, 0),
}
#: Words after an Easter holiday that make it a name, not a date ("the Good Friday Agreement").
EASTER_NAME_WORDS: frozenset[str] = frozenset({
    "agreement", "accord", "accords", "rising", "island", "islands", "egg", "eggs", "bunny", "lily", "lilies",
})
#: Words (case kept) that make a plain "Easter" the Orthodox one: in its sentence, else in the text.
EASTER_ORTHODOX_CUES: tuple[str, ...] = (
    "Orthodox", "Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Russia", "Russian", "Russians", "Moscow",
    "Kremlin", "Putin", "Serbia", "Serbian", "Greece", "Greek", "Belarus", "Georgia", "Georgian",
)
EASTER_WESTERN_CUES: tuple[str, ...] = ("Catholic", "Catholics", "Protestant", "Vatican", "Pope", "Western")
#: Holidays defined as the n-th weekday of a month: name -> (month, ISO weekday, n; -1 = last).
WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "memorial day": (5, 1, -1),
    "labor day": (9, 1, 1), "labour day": (9, 1, 1),
}

#: Words before a number that make it an identifier or a count, not a year.
NON_YEAR_BEFORE: frozenset[str] = frozenset({
    "resolution", "flight", "no", "no.", "number", "route", "highway", "article", "section",
    "room", "model", "type", "version", "chapter", "page", "pages", "pp", "p", "form", "bill",
    "order", "decree", "law", "rule", "code", "unit", "regiment", "division", "battalion",
    "brigade", "squadron", "corps", "hill", "height", "point", "km", "mile", "miles", "us$",
    "$", "€", "£", "total", "totaling", "totalling",
    "boeing", "airbus", "tu", "il", "su", "mig", "f", "t", "bus", "tank", "gate", "platform",
    "street", "avenue", "building", "tower", "block", "lot", "case", "file", "item", "station",
    "hotline", "helpline", "dial", "phone", "tel", "ext", "extension",
})
#: Words that, before "at" + a number, make it a phone line or an address, not a year
#: ("call the hotline at 1551").
NON_YEAR_BEFORE_AT: frozenset[str] = frozenset({
    "hotline", "helpline", "line", "number", "call", "phone", "dial", "reached", "contacted", "text",
})
#: Prepositions that, before a bare number, allow a year reading despite NON_YEAR_BEFORE.
YEAR_PREPOSITIONS: frozenset[str] = frozenset({"of", "to", "by", "at"})

#: Prepositions that govern a timex and what they say about the event's time.
RELATIONS: dict[str, str] = {
    "since": "since", "until": "until", "till": "until", "up until": "until", "up to": "until",
    "before": "before", "prior to": "before", "after": "after", "following": "after",
    "from": "from", "to": "to", "through": "to", "thru": "to", "by": "by", "between": "between",
    "as of": "since", "starting": "from", "beginning": "from", "ahead of": "before",
}

#: Words that, near a timex, say the clause talks about the future or the past.
FUTURE_CUES: frozenset[str] = frozenset({
    "will", "'ll", "shall", "won't", "wont", "going", "plan", "plans", "planning", "planned",
    "effective", "payable", "postponed", "resume", "resumes", "deadline", "starting",
    "scheduled", "expected", "expect", "expects", "due", "upcoming", "would", "intends", "soon",
    "intend", "aims", "hopes", "next", "coming", "forthcoming",
    "promised", "pledged", "tomorrow",
})
PAST_CUES: frozenset[str] = frozenset({
    "said", "says", "was", "were", "had", "did", "ago", "last", "earlier", "previous",
    "told", "announced", "reported", "released", "killed", "struck", "launched", "since",
    "yesterday", "been", "came", "took", "met", "made", "began", "started", "ended", "fell",
    "rose", "left", "went", "held", "found", "saw", "became", "gave", "won", "lost", "hit",
    "brought", "bought", "sold", "sought", "thought", "taught", "caught", "fought", "paid", "led",
    "ran", "sent", "spent", "built", "kept", "felt", "meant", "heard", "stood", "understood",
    "wrote", "spoke", "broke", "chose", "drove", "rode", "shot", "stole", "swore", "threw",
    "knew", "grew", "drew", "flew", "withdrew", "overthrew", "forbade", "froze", "arose",
    "sank", "sprang", "struck", "hung", "fled", "bled", "fed", "sped", "slid", "split", "quit",
    "did", "got", "had", "told", "sat", "lay", "laid", "won", "beat", "bid", "dealt", "lent",
    "lit", "wound", "swept", "slept", "wept", "crept", "dug", "stuck", "stung", "swung", "woke",
})
