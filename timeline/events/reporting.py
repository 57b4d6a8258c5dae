"""Reporting dates: "..., the White House said on Friday" dates the statement, not its content.

A timex right after a reporting verb ("said on Friday", "reported last month") or inside "in a
Friday statement" is a reporting date. The event it makes is the statement itself (Strategic
developments), summarised as "<speaker> <verb> <content>" when the speaker follows the content.
"""
from __future__ import annotations

import re

REPORTING_VERBS = (r"said|says|say|told|reported|reports|announced|stated|added|claimed|confirmed|released|"
                   r"published|issued|warned|wrote|tweeted|posted|noted|disclosed|revealed|acknowledged|"
                   r"declared|insisted|argued|estimated|alleged|denied|indicated")
_BEFORE_STRICT = re.compile(rf"\b(?P<verb>{REPORTING_VERBS})\s+(?:(?:on|in|at|during)\s+)?$", re.IGNORECASE)
_STATEMENT = re.compile(r"^\s*(?:statement|press conference|news conference|briefing|announcement|speech|"
                        r"interview|report|post|tweet|address|communiqu[eé])\b", re.IGNORECASE)
_IN_A = re.compile(r"\b(?:in|at|during)\s+(?:a|an|its|his|her|their)\s+$", re.IGNORECASE)
#: Speakers named by a plain noun ("..., police said"): no capital or "the" marks them.
_COMMON_SPEAKERS = (r"police|officials|authorities|witnesses|residents|sources|analysts|investigators|prosecutors|"
                    r"diplomats|experts|rescuers|medics|doctors|activists|observers|monitors|rebels|troops|soldiers")
_SPEAKER_AFTER = re.compile(rf"\s*,?\s*(?:[Tt]he\s+\w|[A-Z]|(?:{_COMMON_SPEAKERS})\b)[^,.;:!?]{{0,70}}?"
                            rf"\s(?:{REPORTING_VERBS})\b")
_SPEAKER = re.compile(rf",\s*(?P<speaker>(?:[Tt]he\s+[\w-]|[A-Z]|(?:{_COMMON_SPEAKERS})\b)[^,]{{0,80}}?)"
                      rf"\s+(?P<verb>{REPORTING_VERBS})\b[^,]*$")
#: "On October 18, the president said ...": a clause-opening date followed by its speaker and verb.
_OPENING = re.compile(r"^\s*(?:(?:on|in|at|during|earlier|later|then)\s+)*$", re.IGNORECASE)


def is_reporting_date(text: str, start: int, end: int, clause_start: int | None = None) -> bool:
    """Is the timex at text[start:end] the date of a statement rather than of a happening?

    With `clause_start`, a date that opens its clause and is followed by "<Speaker> said" counts too.
    """
    before = text[max(0, start - 30):start]
    if _BEFORE_STRICT.search(before):
        return True
    if clause_start is not None and _OPENING.match(text[clause_start:start]) and _SPEAKER_AFTER.match(text, end):
        return True
    return bool(_IN_A.search(before) and _STATEMENT.match(text, end))


def statement_summary(clause: str) -> str | None:
    """'<content>, the White House said on Friday' -> 'White House said <content>'; None if not that shape."""
    m = _SPEAKER.search(clause)
    if not m or m.start() < 15:
        return None
    speaker = re.sub(r"^the\s+", "", m.group("speaker").strip(), flags=re.IGNORECASE)
    if len(speaker.split()) > 10:
        return None
    content = clause[: m.start()].strip(" “”\"'‘’")
    first = content.split(" ", 1)[0]
    if content[:1].isupper() and not (len(first) > 1 and first[:2].isupper()):   # keep acronyms: "UN", "NATO"
        if first in ("A", "An", "The") or (first != "I" and not _looks_proper(first)):
            content = content[0].lower() + content[1:]
    return f"{speaker} {m.group('verb')} {content}"


def _looks_proper(word: str) -> bool:
    from ..gazetteer.lexicon import index

    return bool(index().get(word))
