"""Tokens with offsets and a longest-match lookup of capitalised n-grams in a name index.

One dictionary lookup per candidate n-gram (at most MAX_NGRAM per capitalised token) instead of one
regex per name, so matching thousands of gazetteer names costs about the same as tokenising.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import accumulate
from operator import itemgetter
from typing import Callable, Generic, Iterator, NamedTuple, TypeVar

T = TypeVar("T")

MAX_NGRAM = 6
#: Dotted acronyms (U.S., U.N.), words with inner hyphens/apostrophes, or numbers.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+")
_SPLIT = re.compile(f"({_TOKEN.pattern})")
_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "al", "el", "on", "in"})


class Token(NamedTuple):
    """A word with its document offsets (a NamedTuple: documents have tens of thousands of them)."""

    start: int
    end: int
    text: str          # as written, possessive 's removed
    key: str           # normalised lookup form
    capitalised: bool  # starts with an upper-case letter


#: tuple.__new__ skips NamedTuple's Python-level __new__: documents have tens of thousands of words
_new_token = partial(tuple.__new__, Token)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Lookup key of a name: tokens lower-cased, possessives and a leading 'the' dropped."""
    keys = [t.key for t in tokenise(name)]
    if keys and keys[0] == "the" and len(keys) > 1:
        keys = keys[1:]
    return " ".join(keys)


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of text[start:end] with their offsets in `text`, a possessive 's cut off.

    Documents have tens of thousands of words, so the work is done a column at a time by C-level
    calls (one regex split, offsets by running sums of the parts' lengths, `map` for lower-casing
    and capitals) instead of Python code per word; `tokens_reference` below is the word-at-a-time
    definition the tests compare it with."""
    chunk = text if start == 0 and end is None else text[start:end]
    parts = _SPLIT.split(chunk)          # gap, word, gap, word, ..., gap
    words = parts[1::2]
    if not words:
        return []
    bounds = list(accumulate(map(len, parts), initial=start))
    starts, ends = bounds[1:-1:2], bounds[2::2]
    if "'s" in chunk or "’s" in chunk:
        for i, word in enumerate(words):
            if word[-2:] in ("'s", "’s") and len(word) > 2:
                words[i] = word[:-2]
                ends[i] -= 2
    keys = list(map(str.lower, words))
    if "’" in chunk:
        keys = [k.replace("’", "'") for k in keys]
    capitals = map(str.isupper, map(itemgetter(0), words))
    return list(map(_new_token, zip(starts, ends, words, keys, capitals)))


def tokens_reference(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """`tokenise` one match at a time (the definition; slower)."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        s, e = m.span()
        if word[-2:] in ("'s", "’s") and len(word) > 2:
            word = word[:-2]
            e -= 2
        out.append(Token(s, e, word, word.lower().replace("’", "'"), word[0].isupper()))
    return out


class NameIndex(Generic[T]):
    """Maps normalised names to entries; `scan` yields non-overlapping longest matches."""

    def __init__(self) -> None:
        self._entries: dict[str, list[T]] = {}
        self._max = 1
        self._first: dict[str, int] = {}   # first token of a name -> most tokens of a name starting with it
        #: A second, larger source of entries (the GeoNames place index): `longest(token key)` and `get(key)`.
        self.extra = None

    def add(self, name: str, entry: T) -> None:
        key = normalise(name)
        if not key:
            return
        self._entries.setdefault(key, []).append(entry)
        size = min(MAX_NGRAM, key.count(" ") + 1)
        self._max = max(self._max, size)
        first = key.split(" ", 1)[0]
        self._first[first] = max(self._first.get(first, 0), size)

    def get(self, name: str) -> list[T]:
        """Entries of the curated tables only (not of `extra`)."""
        return self._entries.get(normalise(name), [])

    def get_all(self, name: str) -> list[T]:
        """Entries of the curated tables and of `extra`."""
        key = normalise(name)
        own = self._entries.get(key, [])
        more = self.extra.get(key) if self.extra is not None and key else []
        return [*own, *more] if more else own

    def __contains__(self, name: str) -> bool:
        return normalise(name) in self._entries

    def scan(self, text: str, tokens: list[Token],
             accept: Callable[[int, int, list[T]], bool] | None = None) -> Iterator[tuple[int, int, list[T]]]:
        """Yield (first token index, end token index, entries) for longest matches starting at a capital.

        Tokens of one name must be separated by plain spaces (no punctuation, no line break).
        `accept` may veto a match, in which case shorter n-grams are tried.
        """
        n = len(tokens)
        extra = self.extra
        keys = [tok.key for tok in tokens]
        after = 0          # tokens before this are inside the last match
        # a name starts at a capitalised token: only those are looked at (most words are not)
        for i in [k for k, tok in enumerate(tokens) if tok.capitalised]:
            if i < after:
                continue
            tok = tokens[i]
            longest = self._first.get(tok.key, 0)
            if extra is not None:
                longest = max(longest, min(MAX_NGRAM, extra.longest(tok.key)))
            if not longest:
                continue
            limit = min(longest, n - i)
            # extent of contiguous run from i
            run = 1
            while run < limit and _joined(text, tokens[i + run - 1], tokens[i + run]):
                run += 1
            for size in range(run, 0, -1):
                last = tokens[i + size - 1]
                if size > 1 and last.key in _CONNECTORS:
                    continue
                key = " ".join(keys[i:i + size])
                entries = self._entries.get(key)
                if extra is not None:
                    more = extra.get(key)
                    if more:
                        entries = [*entries, *more] if entries else more
                if entries and (accept is None or accept(i, i + size, entries)):
                    yield i, i + size, entries
                    after = i + size
                    break


def _joined(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    if gap in ("'s", "’s"):
        return False
    return gap == " " or gap == "-" or (gap.isspace() and "\n" not in gap and len(gap) <= 2)
