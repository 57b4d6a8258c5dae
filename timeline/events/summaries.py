"""One-clause summaries that read on their own: a named subject, never a bare pronoun.

"It did in October of last year ..." says nothing out of context. In order:
1. "That is the latest from <X>, which released ..." -> "<X> released ...";
2. a clause opening with a pronoun is replaced by its sentence when the sentence opens otherwise
   (done by the caller, which knows both);
3. a leading "It"/"They"/"He"/"She" left is replaced by the name it stands for: the antecedent the
   caller found (the last actor named before the sentence), else the event's actor1.
"""
from __future__ import annotations

import re

PRONOUN = re.compile(r"^(?P<p>It|They|He|She|We|I|This|That|These|Those|Its|Their|His|Her)(?P<rest>['’]s\b|\b)")
_LATEST = re.compile(r"^(?:That|This|It)\s+(?:is|was)\s+the\s+(?:latest|first|second|third|last|newest)\s+"
                     r"(?:\w+\s+)?(?:from|by|of)\s+(?P<subj>[^,]{3,80}),\s+(?:which|who)\s+(?P<rest>.+)$")
_REPLACEABLE = frozenset({"It", "They", "He", "She"})


def starts_with_pronoun(summary: str) -> bool:
    return bool(PRONOUN.match(summary))


def readable_summary(summary: str, actor1: str | None, antecedent: str | None = None) -> str:
    """The summary with a named subject where the text allows one."""
    m = _LATEST.match(summary)
    if m:
        return f"{m.group('subj').strip()} {m.group('rest')}"
    p = PRONOUN.match(summary)
    if not p or p.group("p") not in _REPLACEABLE or p.group("rest"):
        return summary
    name = antecedent or actor1
    if not name:
        return summary
    return name + summary[p.end():]
