"""Named people: a title or role next to a capitalised name, and later short references to them.

"President Volodymyr Zelensky", "the spokesman, John Kirby", "Ukraine's president, Volodymyr Zelensky";
"Mr. Kirby" later in the same document resolves to the earlier full name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"[A-Z](?:[a-zà-ÿ]+|(?=['’][A-Z]))(?:['’]?[A-Z][a-zà-ÿ]+)*(?:-[A-Z]?[a-zà-ÿ]+)*"  # Ali, McHugh, O'Brien
_INITIAL = r"[A-Z]\."
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_INITIAL}\s+)?{_NAME_WORD}){{0,2}}"
_TITLES = (r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defen[cs]e Minister|"
           r"Minister|Secretary of State|Defen[cs]e Secretary|Secretary|Gen\.|General|Lt\. Gen\.|Maj\. Gen\.|"
           r"Col\.|Colonel|Adm\.|Admiral|Sen\.|Senator|Rep\.|Gov\.|Governor|Mayor|Ambassador|Chancellor|King|"
           r"Queen|Prince|Pope|Ayatollah|Supreme Leader|Commander|Spokesman|Spokeswoman|Chief")
_HONORIFIC = r"Mr\.|Mrs\.|Ms\.|Dr\.|Mr|Mrs|Ms|Dr"
_ROLES = (r"spokesman|spokeswoman|spokesperson|president|prime minister|minister|secretary|commander|"
          r"director|adviser|advisor|ambassador|envoy|general|governor|mayor|leader|chairman|"
          r"chairwoman|analyst|researcher|expert|correspondent|lawmaker|senator|lieutenant|colonel")

TITLED = re.compile(rf"\b(?P<title>{_TITLES})\s+(?P<name>{_NAME})")
HONORIFIC = re.compile(rf"(?<![\w.])(?P<title>{_HONORIFIC})\s+(?P<name>{_NAME_WORD})")
#: "the National Security Council spokesman, John Kirby" — a role noun, a comma, a two- or three-word name.
APPOSITIVE = re.compile(rf"\b(?P<title>{_ROLES}),?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\b")


@dataclass(slots=True)
class PersonMention:
    start: int          # offsets of the whole mention (title included)
    end: int
    name: str           # full name as resolved
    title: str | None
    name_start: int


def find_persons(text: str, is_known_non_person) -> list[PersonMention]:
    """People named in `text`. `is_known_non_person(name)` vetoes names that are places or organisations."""
    found: list[PersonMention] = []
    for rx in (TITLED, APPOSITIVE):
        for m in rx.finditer(text):
            name = _trim(m.group("name"))
            if not name or is_known_non_person(name):
                continue
            found.append(PersonMention(m.start(), m.start("name") + len(name), name, m.group("title"),
                                       m.start("name")))
    full_names = {}
    for p in sorted(found, key=lambda p: p.start):
        if " " in p.name:
            full_names.setdefault(p.name.split()[-1], p.name)
    # Repeats of a known full name without a title.
    for surname, full in list(full_names.items()):
        for m in re.finditer(rf"\b{re.escape(full)}\b", text):
            found.append(PersonMention(m.start(), m.end(), full, None, m.start()))
    for m in HONORIFIC.finditer(text):
        surname = m.group("name")
        if is_known_non_person(surname):
            continue
        found.append(PersonMention(m.start(), m.end(), full_names.get(surname, surname), m.group("title"),
                                   m.start("name")))
    return _dedupe(found)


_STOP_NAME_WORDS = {"The", "A", "An", "On", "In", "And", "But", "Said", "Says", "This", "That", "Monday", "Tuesday",
                    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def _trim(name: str) -> str:
    words = name.split()
    while words and words[-1] in _STOP_NAME_WORDS:
        words.pop()
    while words and words[0] in _STOP_NAME_WORDS:
        words.pop(0)
    return " ".join(words)


def _dedupe(found: list[PersonMention]) -> list[PersonMention]:
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    out: list[PersonMention] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out
