"""The seed article (published Tuesday 2023-06-13) must come out right with its DCT."""
from __future__ import annotations

import pytest

from timeline.temporal import analyse

DCT = "2023-06-13"


@pytest.fixture(scope="module")
def seed(seed_article):
    text = seed_article.read_text(encoding="utf-8")
    return text, analyse(text, DCT, mode="auto")


def _find(result, phrase):
    text, r = result
    hits = [t for t in r.timexes if t.text == phrase]
    assert hits, f"{phrase!r} not tagged; got {[t.text for t in r.timexes]}"
    return hits


def test_seed_is_news(seed):
    assert seed[1].mode == "news"


@pytest.mark.parametrize("phrase,value", [
    ("Friday", "2023-06-09"), ("Monday", "2023-06-12"), ("last year", "2022"), ("May", "2023-05"),
    ("April", "2023-04"), ("last month", "2023-05"), ("October of last year", "2022-10"),
    ("August 2022", "2022-08"), ("this spring", "2023-SP"), ("this week", "2023-W24"),
    ("currently", "PRESENT_REF"), ("a matter of months", "PXM"), ("early next year", "2024"),
    ("earlier in the year", "2023"),
])
def test_seed_values(seed, phrase, value):
    assert {t.value for t in _find(seed, phrase)} == {value}


def test_seed_details(seed):
    (since,) = _find(seed, "August 2022")
    assert since.relation == "since"
    (early,) = _find(seed, "early next year")
    assert early.mod == "START"
    assert _find(seed, "earlier in the year")[0].mod == "START"
    assert _find(seed, "a matter of months")[0].type == "DURATION"
    assert _find(seed, "April")[0].relation == "from"
    (week,) = _find(seed, "last week")
    # the Kakhovka dam was breached on 2023-06-06: "last week" must cover that day
    assert week.value in ("2023-W22", "2023-W23") and week.first.isoformat() <= "2023-06-06" <= week.last.isoformat()


def test_seed_copyright_footer_gives_no_date(seed):
    text, r = seed
    footer = text.index("©")
    assert not [t for t in r.timexes if t.start >= footer - 5]
    assert not [t for t in r.timexes if t.text == "2024"]


def test_seed_no_false_dates(seed):
    text, r = seed
    tagged = {t.text for t in r.timexes}
    assert not tagged & {"Sun", "may", "400", "400 UAVs"}
    for t in r.timexes:
        assert text[t.start:t.end] == t.text
