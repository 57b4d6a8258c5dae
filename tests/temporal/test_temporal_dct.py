"""What the tagger may resolve when the publication date is missing or known only to the year.

Analysts need every date right or visibly unknown: a news text without a DCT must never be
anchored to a year it happens to mention, and a year-only DCT pins years, not months or days.
"""
from __future__ import annotations

from datetime import date

import pytest

from timeline.temporal import analyse, parse_dct, tag
from timeline.temporal.engine import read_dct

# a short news report in the project's own words: one absolute date, many deictic ones
REPORT = ("Officials said on Friday that the plant, which began assembling drones in August 2022, "
          "had doubled its output since last year. A second hall opened in May and a third is "
          "due early next year. Shipments rose last month, and more are expected this spring. "
          "Yesterday the ministry declined to comment.")

# a history-style text of our own: many explicit years over the whole text, few deictic words
CHRONICLE = ("The dispute over the river began in 1853, when both kingdoms claimed the delta. A "
             "truce followed in 1856, but fighting resumed in 1859 after a border raid. The next "
             "year the northern army crossed the river, and in March 1861 it laid siege to the port. "
             "The siege ended in 1862. Two years later a treaty was signed, and in 1866 the "
             "last garrison left. By 1870 trade had recovered, and in the following year a bridge "
             "was built.")


def _by_text(timexes):
    return {t.text: t for t in timexes}


def test_news_without_dct_is_not_read_as_narrative():
    r = analyse(REPORT, None)
    assert r.mode == "news"
    v = _by_text(r.timexes)
    for phrase in ("Friday", "last year", "May", "early next year", "last month", "this spring", "Yesterday"):
        t = v[phrase]
        assert t.anchor == "none" and t.first is None and t.last is None, (phrase, t)
        assert "X" in t.value, (phrase, t.value)
    assert v["May"].value == "XXXX-05"
    # an absolute date still resolves
    assert (v["August 2022"].value, v["August 2022"].anchor) == ("2022-08", "absolute")


def test_news_without_dct_never_borrows_a_mentioned_year():
    # "last year" after an explicit 2022 must not become 2021 in a news text with no DCT
    v = _by_text(tag("The deal was signed in 2022. Sales fell last year.", None))
    assert v["last year"].value == "XXXX" and v["last year"].anchor == "none"


def test_anaphoric_words_still_follow_a_mentioned_date_without_dct():
    v = _by_text(tag("The talks opened on 3 March 2023 and ended the next day.", None, mode="news"))
    assert v["the next day"].value == "2023-03-04"


def test_history_without_dct_stays_narrative():
    r = analyse(CHRONICLE, None)
    assert r.mode == "narrative"
    v = _by_text(r.timexes)
    assert v["The next year"].value == "1860"
    assert v["March 1861"].value == "1861-03"
    assert v["Two years later"].value == "1864"
    assert v["the following year"].value == "1871"
    assert v["The next year"].anchor == "narrative"


def test_seed_without_dct_invents_no_date(seed_article):
    text = seed_article.read_text(encoding="utf-8")
    r = analyse(text, None)
    assert r.mode == "news"
    for t in r.timexes:
        assert not t.value.startswith(("2021", "2023", "2024")), t
        if t.first is not None:
            assert t.anchor == "absolute", t
    last_year = [t for t in r.timexes if t.text == "last year"]
    assert last_year and all(t.value == "XXXX" and t.anchor == "none" for t in last_year)


# -- a year-only DCT -----------------------------------------------------------------------

def test_year_only_dct_is_accepted():
    assert read_dct("2023") == (date(2023, 1, 1), "year")
    assert read_dct("2023-06-13") == (date(2023, 6, 13), "day")
    assert read_dct(date(2023, 6, 13)) == (date(2023, 6, 13), "day")
    assert parse_dct("2023") == date(2023, 1, 1)
    with pytest.raises(ValueError, match="YYYY"):
        tag("last year", "20233")


@pytest.mark.parametrize("sentence,phrase,value,mod", [
    ("Output doubled last year.", "last year", "2022", None),
    ("The line opened in October of last year.", "October of last year", "2022-10", None),
    ("Exports grew this year.", "this year", "2023", None),
    ("A new plant opens next year.", "next year", "2024", None),
    ("Deliveries start early next year.", "early next year", "2024", "START"),
])
def test_year_only_dct_resolves_what_the_year_pins(sentence, phrase, value, mod):
    (t,) = [t for t in tag(sentence, "2023") if t.text == phrase]
    assert (t.value, t.mod, t.anchor) == (value, mod, "dct")
    assert t.first is not None and t.first.year == int(value[:4])


@pytest.mark.parametrize("sentence,phrase", [
    ("The convoy left on Friday.", "Friday"),
    ("Prices rose last month.", "last month"),
    ("The minister spoke yesterday.", "yesterday"),
    ("The factory opened in May.", "May"),
    ("Production began this spring.", "this spring"),
    ("Two ships docked last week.", "last week"),
    ("The strike ended on 4 June.", "4 June"),
])
def test_year_only_dct_leaves_month_and_day_unknown(sentence, phrase):
    (t,) = [t for t in tag(sentence, "2023") if t.text == phrase]
    assert t.anchor == "none" and t.first is None, t
    assert "X" in t.value


def test_year_only_dct_still_lets_a_full_date_anchor_anaphora():
    v = _by_text(tag("The talks opened on 3 March 2023 and ended two days later.", "2023"))
    assert v["3 March 2023"].value == "2023-03-03"
    assert v["two days later"].value == "2023-03-05"


@pytest.mark.parametrize("mode", ["news", "narrative", "auto"])
def test_year_only_dct_never_invents_month_or_day_in_any_mode(mode):
    text = "Prices rose last month and again yesterday; on Friday they fell, as they had last year."
    v = _by_text(tag(text, "2023", mode=mode))
    for phrase in ("last month", "yesterday", "Friday"):
        assert v[phrase].anchor == "none" and v[phrase].first is None, (mode, v[phrase])
    assert v["last year"].value == "2022"


def test_news_with_a_history_background_stays_news_without_dct():
    # nine explicit years and few deictic words, but days counted from publication
    # ("on Friday", "yesterday"): a report with a historical background, not a history
    text = ("The ministry said on Friday that the plant would double its output. Founded in 1951, "
            "it was rebuilt in 1967, privatised in 1994 and sold again in 2004. A fire in 2008 "
            "closed it; it reopened in 2011, was expanded in 2015 and 2019, and was sanctioned in "
            "2022. Workers said yesterday that the director expects more orders next year.")
    r = analyse(text, None)
    assert r.mode == "news"
    v = _by_text(r.timexes)
    assert v["next year"].value == "XXXX" and v["next year"].anchor == "none"
