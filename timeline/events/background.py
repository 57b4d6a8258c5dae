"""Dates and sentences that belong to something other than the happening being told.

A date inside a noun phrase about another matter does not date the main clause's event:
- "the famine of 1932", "the events of 2014": a noun that is not a span of time, then "of" + date
  (unless a preposition ties the clause to it: "during the drought of 1921" dates the clause);
- "the 2014 annexation", "Russia's February 2022 invasion" after the main verb: the date qualifies a noun;
- "a law passed in May", "the deal signed in 2015": a past participle right after a noun.
The main event then takes its own date, or the context date (see context_dates.py).

An undated sentence is background, not a happening, when it generalises or looks ahead: perfect or
habitual tense ("have been killed", "routinely shells"), modals and futures ("could strike", "plans to"),
conditionals, questions, durations ("the siege lasted three months") and standing positions in the present
("Iran denies supplying drones"). Those make no event.
"""
from __future__ import annotations

import re

from ..temporal.model import Timex

#: Nouns that name a stretch of time: "the summer of 1932", "the end of 2022", "the night of Feb. 23" are dates.
TIME_HEADS = frozenset("""
summer spring autumn fall winter end start beginning middle half quarter first last week weekend weeks month
months year years night nights morning mornings evening evenings afternoon day days turn course rest remainder
eve dawn dusk hours hour period part early late mid close decade century season
""".split())
_OF_NOUN = re.compile(r"(?P<prep>\b(?:during|in|amid|throughout|since|after|before|until|following|through|at|by|"
                      r"from)\s+)?\b(?:the|a|an|its|his|her|their|this|that)\s+(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z-]+)"
                      r"\s+of\s+$")
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|its|his|her|their|this|that|a|an)|[A-Z][\w-]*['’]s)\s+$")
_NOUN_AFTER = re.compile(r"\s*(?!(?:and|or|to|of|in|on|at|by|for|from|with|when|after|before|was|were|is|are|had|"
                         r"has|have|as|that|which|who|until|since|through)\b)(?P<noun>[a-z][a-z-]{2,})\b")
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:a|an|the|this|that|its|their)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?:passed|adopted|signed|approved|enacted|"
    r"introduced|built|founded|established|held|elected|imposed|brokered|reached|created|drawn up|published|"
    r"ratified|agreed|concluded|declared)\s+(?:on|in|at|during|last|earlier|back in)?\s*$")
#: A date before these nouns is when something was said: a reporting date, handled by reporting.py.
REPORT_NOUNS = frozenset("""
statement statements press conference briefing briefings announcement speech interview report reports post tweet
address communique remarks comments decision ruling vote meeting summit talks call
""".split())
_MAIN_VERB = re.compile(r"\b(?:\w+ed|came|began|struck|hit|took|fell|said|says|was|were|is|are|has|have|had|will|"
                        r"would|could|killed|fought|met|made|sent|shot|saw|led|won|lost|left|held|went|ran|"
                        r"stood|rose|drew|fled)\b")


def is_background_date(text: str, t: Timex, sentence_start: int) -> bool:
    """Does the timex at t.start date a noun phrase about another matter rather than the sentence's happening?"""
    before = text[max(sentence_start, t.start - 60):t.start]
    m = _OF_NOUN.search(before)
    if m and m.group("noun") not in TIME_HEADS and not m.group("prep"):
        return True     # "during the drought of 1921" still dates the clause: it happened then
    if _PARTICIPLE_BEFORE.search(before):
        return True
    if _DETERMINER_BEFORE.search(before):
        after = _NOUN_AFTER.match(text, t.end)
        if (after and after.group("noun") not in TIME_HEADS and after.group("noun") not in REPORT_NOUNS
                and after.group("noun")[-2:] not in ("ly",)):
            # the subject of the sentence ("The May 5 attack killed ...") keeps its date; later ones do not
            return bool(_MAIN_VERB.search(text, sentence_start, t.start))
    return False


_BACKGROUND = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+ly\s+|long\s+|often\s+|also\s+|now\s+|already\s+|since\s+|just\s+)?"
    r"(?:been|become|\w+ed|\w+en|spent|built|fought|struck|hit|shot|seen|made|sent|led|won|lost|held|begun|sought|"
    r"grown|risen|fallen|killed|said|told|brought|bought|sold|kept|left|met|paid|put|run|set|thought|understood)\b|"
    r"\b(?:for (?:years|decades|months)|since the (?:start|beginning|outbreak)|ongoing|routinely|regularly|"
    r"frequently|usually|often|typically|historically|every (?:day|week|night)|continues? to|"
    r"could|would|might|will|shall|should|plans? to|threaten(?:s|ed)? to|vow(?:s|ed)? to|is expected|"
    r"are expected|if|whether|unless|lasted|lasts|denies|deny|insists|argues|believes|maintains|rejects)\b")     # matched on lower-cased text
_MAY = re.compile(r"\bmay\b")                 # the modal, never the month "May"


def is_background_sentence(sentence: str) -> bool:
    """A generalisation, a forecast, a condition or a question: not a happening of its own."""
    s = sentence.strip()
    return s.endswith("?") or bool(_BACKGROUND.search(s.lower())) or bool(_MAY.search(s))
