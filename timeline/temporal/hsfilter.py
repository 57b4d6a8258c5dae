"""Where a rule may start, found by Hyperscan: a compiled multi-pattern matcher.

The scanner's answer is always the regex engine's (`scan.py` runs the rules there at each
position it is given). This module only narrows the positions, and it must never drop one
where a rule matches. So each rule is turned into a *superset* pattern for Hyperscan:

* look-arounds, word boundaries and anchors are dropped (they only ever reject);
* a back reference becomes the pattern of the group it refers to;
* every atom becomes an explicit byte class of the ASCII characters it matches (case
  folding taken from the regex engine itself), plus ``?``, which stands for any non-ASCII
  character: the text is scanned as ``text.encode("ascii", "replace")``, one byte per
  character, so offsets stay Python str offsets;
* the pattern is reversed and run over the reversed text, so every *end* Hyperscan reports
  is a start in the text: all of them, not only the leftmost one per match end, which
  Hyperscan's start-of-match mode would give.

Hyperscan is optional (`pip install hyperscan`, x86-64 wheels). Without it, or when a rule
cannot be turned into a Hyperscan pattern, `starts_finder` returns None and the scanner
keeps its regex gate.
"""
from __future__ import annotations

import hashlib
import os
import re
import re._constants as _C
import re._compiler as _compiler
import re._parser as _parser
import sys
import threading
from pathlib import Path

_ASCII = [chr(i) for i in range(128)]
#: What `encode("ascii", "replace")` writes for every non-ASCII character.
MASK = ord("?")
#: Besides its two cases, what each ASCII letter matches in a case-insensitive pattern
#: (Unicode folding: the Kelvin sign, the long s, dotted and dotless i; tests check this
#: table against the regex engine).
CASE_FOLDS: dict[str, str] = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_FOLDS_OUTSIDE_ASCII = frozenset("".join(CASE_FOLDS) + "".join(CASE_FOLDS).upper())


class Unsupported(ValueError):
    """A construct with no superset in Hyperscan's syntax (conditional groups)."""


def _ascii_set(node: tuple, ignore_case: bool) -> frozenset[int]:
    """The ASCII characters one atom matches, asked of the regex engine."""
    rx = _compiler.compile(_parser.SubPattern(_parser.State(), [node]), re.IGNORECASE if ignore_case else 0)
    return frozenset(ord(ch) for ch in _ASCII if rx.match(ch))


def _may_match_non_ascii(op, av, ignore_case: bool) -> bool:
    """Whether an atom can match a character outside ASCII (said yes when in doubt)."""
    if op in (_C.ANY, _C.NOT_LITERAL):
        return True
    if op is _C.LITERAL:
        return av >= 128 or (ignore_case and chr(av) in _FOLDS_OUTSIDE_ASCII)
    for iop, iav in av:  # IN
        if iop in (_C.NEGATE, _C.CATEGORY):
            return True
        if iop is _C.LITERAL and (iav >= 128 or (ignore_case and chr(iav) in _FOLDS_OUTSIDE_ASCII)):
            return True
        if iop is _C.RANGE:
            lo, hi = iav
            if hi >= 128 or (ignore_case and any(lo <= ord(c) <= hi for c in _FOLDS_OUTSIDE_ASCII)):
                return True
    return False


def _byte_class(codes: frozenset[int]) -> str:
    if not codes:
        raise Unsupported("an atom that matches nothing")
    if len(codes) == 1:
        return "\\x%02x" % next(iter(codes))
    return "[" + "".join("\\x%02x" % c for c in sorted(codes)) + "]"


class _Reverser:
    """Writes a parsed regex as a reversed Hyperscan pattern over masked bytes."""

    def __init__(self, parsed: _parser.SubPattern) -> None:
        self.groups: dict[int, tuple[list, bool]] = {}
        self._collect(list(parsed.data), bool(parsed.state.flags & re.IGNORECASE))
        self.cache: dict[tuple[str, bool], str] = {}

    def _collect(self, items: list, ci: bool) -> None:
        for op, av in items:
            if op is _C.SUBPATTERN:
                group, add, delete, body = av
                inner = (ci or bool(add & re.IGNORECASE)) and not (delete & re.IGNORECASE)
                if group is not None:
                    self.groups[group] = (list(body), inner)
                self._collect(list(body), inner)
            elif op is _C.BRANCH:
                for alt in av[1]:
                    self._collect(list(alt), ci)
            elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
                self._collect(list(av[2]), ci)
            elif op is _C.ATOMIC_GROUP:
                self._collect(list(av), ci)

    def seq(self, items: list, ci: bool) -> str:
        return "".join(self.node(op, av, ci) for op, av in reversed(items))

    def node(self, op, av, ci: bool) -> str:
        if op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY):
            key = (repr((op, av)), ci)
            if key not in self.cache:
                codes = set(_ascii_set((op, av), ci))
                if _may_match_non_ascii(op, av, ci):
                    codes.add(MASK)
                self.cache[key] = _byte_class(frozenset(codes))
            return self.cache[key]
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            return ""  # they only reject: leaving them out gives a superset
        if op is _C.SUBPATTERN:
            _, add, delete, body = av
            inner = (ci or bool(add & re.IGNORECASE)) and not (delete & re.IGNORECASE)
            return "(?:" + self.seq(list(body), inner) + ")"
        if op is _C.BRANCH:
            return "(?:" + "|".join(self.seq(list(alt), ci) for alt in av[1]) + ")"
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, body = av
            inner = self.seq(list(body), ci)
            if hi == 0:
                return ""
            bound = "{%d,}" % lo if hi == _C.MAXREPEAT else "{%d,%d}" % (lo, hi)
            return "(?:" + inner + ")" + bound
        if op is _C.ATOMIC_GROUP:
            return "(?:" + self.seq(list(av), ci) + ")"
        if op is _C.GROUPREF:
            body, inner = self.groups[av]
            return "(?:" + self.seq(body, inner) + ")"
        raise Unsupported(f"no Hyperscan superset for {op}")


def reversed_superset(pattern: str, flags: int = re.IGNORECASE) -> str:
    """A Hyperscan pattern that matches the reverse of (the masked bytes of) every string
    `pattern` matches, whatever surrounds it."""
    parsed = _parser.parse(pattern, flags)
    r = _Reverser(parsed)
    return r.seq(list(parsed.data), bool(parsed.state.flags & re.IGNORECASE))


def cache_dir() -> Path:
    """Where compiled databases are kept between processes: ``$TIMELINE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME`` (or ``~/.cache``) + ``conflict-timeline/hyperscan``."""
    if os.environ.get("TIMELINE_CACHE_DIR"):
        return Path(os.environ["TIMELINE_CACHE_DIR"]) / "hyperscan"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "conflict-timeline" / "hyperscan"


def _compile(hyperscan, patterns: list[str]):
    exprs = [reversed_superset(p).encode("ascii") for p in patterns]
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs), flags=[0] * len(exprs))
    return db


def _load_or_compile(hyperscan, patterns: list[str]):
    """Compiling takes most of a second; a database compiled before for the same rules, the
    same translation (this file, and the Python whose regex parser it reads) and Hyperscan
    version is read back instead (a bad file, or one from another CPU, is ignored)."""
    key = hashlib.sha256("\0".join([hyperscan.__version__, sys.version, Path(__file__).read_text(encoding="utf-8"),
                                    *patterns])
                         .encode("utf-8", "surrogatepass")).hexdigest()[:32]
    path = cache_dir() / f"rules-{key}.hsdb"
    try:
        return hyperscan.loadb(path.read_bytes(), hyperscan.HS_MODE_BLOCK), "cache"
    except Exception:  # missing, truncated, other CPU or version: compile again
        pass
    db = _compile(hyperscan, patterns)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(hyperscan.dumpb(db))
        os.replace(tmp, path)  # readers see the whole file or none
    except OSError:
        pass  # a read-only home only costs the compile next time
    return db, "compiled"


class StartsFinder:
    """Where each rule may match, from one Hyperscan pass over the text."""

    def __init__(self, patterns: list[str]) -> None:
        import hyperscan

        self._hs = hyperscan
        self.db, self.source = _load_or_compile(hyperscan, patterns)  # source: "cache" or "compiled"
        self._local = threading.local()

    def _scratch(self):
        s = getattr(self._local, "scratch", None)
        if s is None:  # one per thread: a scratch region may not be shared by concurrent scans
            s = self._local.scratch = self._hs.Scratch(self.db)
        return s

    def __call__(self, text: str) -> list[tuple[int, int]]:
        """(start, rules) pairs in text order: `rules` has bit i set when pattern i may match
        from `start` (a rule whose bit is clear cannot match there)."""
        data = text[::-1].encode("ascii", "replace")
        masks: dict[int, int] = {}
        get = masks.get

        def on_match(rule: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            masks[to] = get(to, 0) | (1 << rule)
        self.db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        n = len(text)
        # offsets sorted as plain ints (unique keys), descending: ascending in the text. Hyperscan
        # reports them in end order already, so the sort is one linear pass
        return [(n - end, masks[end]) for end in sorted(masks, reverse=True)]


def starts_finder(patterns: tuple[str, ...]) -> StartsFinder | None:
    """A `StartsFinder` for these patterns, or None when Hyperscan cannot serve them."""
    try:
        import hyperscan
    except Exception:  # not installed, or no wheel for this machine
        return None
    try:
        return StartsFinder(list(patterns))
    except (Unsupported, hyperscan.error):  # a pattern or the CPU refused: the regex gate still works
        return None
