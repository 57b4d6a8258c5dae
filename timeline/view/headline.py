"""A short title for every event, made from its fields: what a reader sees next to its mark.

Built from the summary when there is one ("On Friday, the White House said that Iran
was helping Russia build a factory ..." -> "White House: Iran helping Russia build
factory…"): the date expression goes (the axis shows the date), lead-ins, articles and
auxiliaries are dropped, "X said that Y" becomes "X: Y", long names are abbreviated
(rules in data/headline_rules.tsv, each with an example a test checks), and the result
is cut at a clause or word boundary near `MAX_CHARS`. Without a summary the title is
the sub-type or type with the first actor and place. Any field may be missing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

RULES = Path(__file__).resolve().parent / "data" / "headline_rules.tsv"
MAX_CHARS = 40
#: a cut at a clause boundary is preferred when it keeps at least this many characters
MIN_CLAUSE = 24
_CLAUSE_BREAK = re.compile(r",|;|\s[-–—]\s|\s(?:which|who|where|when|after|before|while|because|amid|"
                           r"including|but|following)\s")


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    replacement: str
    example_in: str
    example_out: str
    #: lower-cased strings one of which every match contains (None: none known), see `_needs`
    needs: tuple[str, ...] | None = None
    #: `needs` as one alternation, to test them in one search
    needs_re: re.Pattern[str] | None = None


def _needs(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased ASCII strings one of which every match of `pattern` contains, read from the
    parsed pattern (a run of literal characters; every branch of an alternation; the body of a
    repeat that must occur), or None when there is no such set.

    A rule whose strings are all absent from a lower-cased ASCII text cannot match it, so
    `_apply_rules` skips it: most rules never match a given summary, and testing a few
    substrings costs a tenth of running the regex. Non-ASCII texts are never skipped (under
    re.I a non-ASCII character may match an ASCII one: the Kelvin sign matches 'k')."""
    try:
        from re import _constants as c, _parser as parser  # the stdlib's own parser (3.11+)
    except ImportError:  # pragma: no cover - another Python: no skipping, same output
        return None
    repeats = tuple(getattr(c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(c, name))

    def shortest(needs: frozenset[str]) -> int:
        return min(len(n) for n in needs)

    def sequence(items: list[Any]) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []

        def consider(needs: frozenset[str] | None) -> None:
            nonlocal best
            if needs and (best is None or shortest(needs) > shortest(best)):
                best = needs

        for op, arg in [*items, (None, None)]:
            if op is c.LITERAL and arg < 128:
                run.append(chr(arg))
                continue
            if run:
                consider(frozenset(["".join(run).lower()]))
                run = []
            if op is c.SUBPATTERN and not arg[1] and not arg[2]:      # a group without flag changes
                consider(sequence(list(arg[3])))
            elif op is c.BRANCH:
                parts = [sequence(list(branch)) for branch in arg[1]]
                if all(parts):
                    consider(frozenset().union(*parts))               # type: ignore[arg-type]
            elif op in repeats and arg[0] >= 1:
                consider(sequence(list(arg[2])))
        return best

    try:
        needs = sequence(list(parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - a pattern the parser reads differently: never skip it
        return None
    return tuple(sorted(needs)) if needs else None


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for line in RULES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, pattern, replacement, example_in, example_out = line.split("\t")
        flags = 0 if kind == "short" and "(?=[A-Z])" in pattern or kind == "drop" and "[A-Z]" in pattern else re.I
        compiled = re.compile(pattern, flags)
        needs = _needs(compiled)
        needs_re = re.compile("|".join(re.escape(n) for n in needs)) if needs else None
        out.append(Rule(kind, compiled, replacement, example_in, example_out, needs, needs_re))
    return tuple(out)


def _names(items: Any) -> list[str]:
    return [str(i.get("name")) for i in items or [] if isinstance(i, dict) and i.get("name")]


_PREP_WORDS = r"(?:on|in|since|from|during|by|until|through|at|as of|early|late|earlier|later)"
_STARTS_WITH_PREP = re.compile(rf"^{_PREP_WORDS}\s", re.I)
_PREP_BEFORE = re.compile(rf"(?:,\s*)?\b(?:{_PREP_WORDS}\s+)+$", re.I)


def _without_date(text: str, date_text: str | None) -> str:
    """The text without its date expression where it reads as an adverbial: opening the
    sentence, after a preposition, or itself starting with one ('on Friday')."""
    core = (date_text or "").strip()
    if not core:
        return text
    at = text.lower().find(core.lower())
    if at < 0:
        return text
    end = at + len(core)
    if end < len(text) and (text[end].isalnum()):
        return text           # part of a longer word
    before = text[:at]
    if at == 0 or _STARTS_WITH_PREP.match(core):
        cut = at
    else:
        m = _PREP_BEFORE.search(before)
        if not m:
            return text
        cut = m.start()
    rest = text[end:]
    rest = rest[1:] if rest.startswith(",") else rest
    return (text[:cut].rstrip(" ,") + " " + rest.lstrip()).strip()


_SPACES = re.compile(r"\s+")
#: a cut title never ends on a word that needs the next one ("Ukraine prepared for winter in")
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:in|on|of|for|to|and|or|the|a|an|at|by|with|from|as|its|their|his|her))+\s*$",
                                      re.I)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.])")
#: only the start of a long summary can reach the headline; the rules need no more
HEAD_CHARS = 180


def _tidy(text: str) -> str:
    # the substitutions only where they can change something: every whitespace character but
    # the space is non-printable, so a printable text without a double space has no run to
    # collapse, and after that only a space can stand before punctuation
    if "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text)
    text = text.strip(" ,;:.-–—")
    if " ," in text or " ;" in text or " :" in text or " ." in text:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text[:1].upper() + text[1:]


def _apply_rules(text: str, *, skip: bool = True) -> str:
    """The rules in file order; with `skip`, a rule whose `needs` are absent is not run (the
    same result, see `_needs`; tests compare both)."""
    lowered: str | None = None      # the lower-cased text while unchanged ('' when not ASCII)
    for rule in rules():
        if skip and rule.needs_re is not None:
            if lowered is None:
                lowered = text.lower() if text.isascii() else ""
            if lowered and rule.needs_re.search(lowered) is None:
                continue
        if rule.kind == "speech":
            m = rule.pattern.match(text)
            if m and len(m.group("who").split()) <= 6:
                text = f"{_tidy(m.group('who'))}: {m.group('what')}"
                lowered = None
            continue
        text, n = rule.pattern.subn(rule.replacement, text)
        if n:
            lowered = None
            if rule.kind == "lead":
                text = _tidy(text)
    return _tidy(text)


def shorten(text: str, max_chars: int = MAX_CHARS) -> str:
    """`text` cut to `max_chars`: at the last clause break that keeps MIN_CLAUSE characters,
    else at a word boundary, with '…' where words were cut."""
    text = _tidy(text)
    if len(text) <= max_chars:
        return text
    head = text[: max_chars + 1]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head) if MIN_CLAUSE <= m.start() <= max_chars]
    if breaks:
        return _tidy(_TRAILING_FUNCTION_WORDS.sub("", text[: breaks[-1]]))
    cut = head.rfind(" ", 0, max_chars)
    cut = cut if cut >= MIN_CLAUSE else max_chars - 1
    return _tidy(_TRAILING_FUNCTION_WORDS.sub("", text[:cut])) + "\u2026"


@lru_cache(maxsize=16384)
def _from_summary(summary: str, date_text: str, max_chars: int) -> str:
    if len(summary) > HEAD_CHARS:
        cut = summary.rfind(" ", 0, HEAD_CHARS)
        summary = summary[: cut if cut > 0 else HEAD_CHARS]
    text = _apply_rules(_without_date(summary, date_text))
    return shorten(text, max_chars) if len(text) >= 4 else ""


def headline(event: dict[str, Any], max_chars: int = MAX_CHARS) -> str:
    """The event's title, at most `max_chars` characters (plus '…'), never empty."""
    summary = str(event.get("summary") or event.get("sentence") or "").strip()
    if summary:
        title = _from_summary(summary, str(event.get("date_text") or ""), max_chars)
        if title:
            return title
    what = str(event.get("sub_type") or event.get("event_type") or "Event")
    actors, places = _names(event.get("actors")), _names(event.get("places"))
    text = what + (f": {actors[0]}" if actors else "") + (f" in {places[0]}" if places else "")
    return shorten(text, max_chars)
