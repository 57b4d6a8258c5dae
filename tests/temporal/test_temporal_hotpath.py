"""The per-timex shortcuts (engine, normalise, anchor, model) give exactly what the plain
regex searches and constructors they replace give, including on non-ASCII case folds
("ſ" matches "s", "ı" and "İ" match "i", "K" (Kelvin) matches "k" under IGNORECASE)."""
from __future__ import annotations

import random
from datetime import date

import pytest

from timeline.temporal import anchor as A
from timeline.temporal import engine as E
from timeline.temporal.normalise import context as NC
from timeline.temporal.normalise import earnings as NE
from timeline.temporal.normalise import words as NW
from timeline.temporal.model import Timex, new_timex

_PIECES = ["since ", "Since", "SINCE", "ſince", "until", "up to", "up  until", "as of", "prior\tto",
           "from", "(from", "2from", "between", "to", "by", "as early as", "at least", "the week of",
           "around", "roughly", "about", "copyright", "Copyright", "COPYRIGHT", "(c)", "(C)", "©",
           "all rights reserved", "All Rights Reſerved", "copyrıght", "soon", "as soon as", "eArly",
           "ſoon", "said", "will", "had", "was", "the", "1990", "May", "men", "troops", "U.S.",
           "$5", "’s", "'s", "et al.", ". ", "; ", "! ", "?\n", "\n", " ", "  ", ",", ", ", "\t",
           "\u00a0", "\u2028", "é", "K", "İ", "ı", "-", "_", "x"]


def _texts(n: int, seed: int = 7, pieces: int = 30) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, pieces))) for _ in range(n)]


def _on_copyright_line(text: str, start: int) -> bool:
    """The plain definition `_CopyrightLines` must agree with."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", start)
    line = text[ls:le if le >= 0 else len(text)]
    return bool(E._COPYRIGHT.search(line)) if len(line) < 400 else bool(E._COPYRIGHT.search(text, max(ls, start - 40), start))


def test_copyright_lines_match_the_plain_check():
    texts = _texts(300) + _texts(40, seed=3, pieces=400)  # long lines take the 40-character window
    for text in texts:
        lines = E._CopyrightLines(text)
        starts = sorted(random.Random(len(text)).sample(range(len(text) + 1), min(len(text) + 1, 25)))
        for start in starts:
            assert lines(start) == _on_copyright_line(text, start), (text, start)
        for start in reversed(starts):  # out of order too
            assert lines(start) == _on_copyright_line(text, start), (text, start)


def test_has_copyright_matches_regex():
    for s in _texts(2000):
        assert E._has_copyright(s) == bool(E._COPYRIGHT.search(s)), s


def test_relation_prefilter_matches_regex():
    for text in _texts(3000, seed=11):
        for start in range(0, len(text) + 1, 3):
            got = E._relation_match(text, start)
            want = E._RELATION.search(text, max(0, start - 30), start)
            assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1))), (text, start)


def test_word_before_matches_search():
    for text in _texts(2000, seed=5):
        for pos in range(0, len(text) + 1, 2):
            m = NC._WORD_BEFORE.search(text, max(0, pos - 30), pos)
            assert NC._word_before(text, pos) == (m.group(1) if m else ""), (text, pos)


def test_tense_helpers_match_regexes():
    for s in _texts(3000, seed=13, pieces=12):
        assert A._looking_ahead(s) == bool(A._LOOKING_AHEAD.search(s)), s
        cut = None
        for m in A._SENTENCE_END.finditer(s):
            cut = m.end()
        m = A._LAST_SENTENCE_END.match(s)
        assert (m.end() if m else None) == cut, s


def test_new_timex_is_a_timex():
    assert tuple(Timex.__dataclass_fields__) == (
        "start", "end", "text", "type", "value", "mod", "first", "last", "precision", "relation",
        "anchor", "quant", "freq", "extra")
    args = (3, 7, "1990", "DATE", "1990", None, date(1990, 1, 1), date(1990, 12, 31), "year", "since",
            "absolute", None, None)
    t = new_timex(*args)
    ref = Timex(*args)
    assert t == ref and hash(t) == hash(ref) and t.to_dict() == ref.to_dict() and t.extra == {}
    assert t.extra is not new_timex(*args).extra
    with pytest.raises(AttributeError):
        t.value = "1991"


def test_squash_matches_regex():
    for s in _texts(2000, seed=17, pieces=4) + ["", "a", "two  three", "x\ty", "\u00a0", "ſ"]:
        assert NW._squash(s) == NW._WS.sub(" ", s), s


def test_quarter_facts_prefilter_keeps_matches():
    NE._quarterly_cache.clear()
    for text in ["Third-QUARTER profit rose.", "the quarter ended June 30", "a quarter of the vote",
                 "no such word here", "Fourth quarter, ſecond thoughts ’s"]:
        NE._quarterly_cache.clear()
        flag, q = NE._quarter_facts(text)
        assert flag == (NE._QUARTER_WORD.search(text) is not None), text
    NE._quarterly_cache.clear()
