"""Accuracy guard on a small hand-annotated set of modern war reporting (tests/temporal/data/war_news_dev.jsonl).

Why this set exists
    One of the hidden test sets for the tagger (issue 2) is hand-annotated articles about the war in
    Ukraine. Our development corpora (TimeBank/AQUAINT 1990s news, WikiWars history in
    ../shared/corpora) do not look like that reporting: datelines such as "KYIV, Oct. 18 (Wire) -",
    "overnight into Friday", "the past 24 hours", clock times with GMT equivalents, Orthodox and
    national holidays, and plenty of numbers that are not dates (Shahed-136, Resolution 2231,
    Flight 752, Su-25, "400 drones", hotline numbers, copyright footers). This file measures how the
    tagger generalises to such text and keeps it from regressing there. It is a development set:
    when a rule is tuned on it, its numbers stop saying anything about the hidden set.

How it was made
    14 short wire-style reports (230-300 words, publication dates 2022-03-01 to 2025-07-04), written
    for this project in its own words about real events (no sentences copied or closely paraphrased
    from real articles or from ../shared). They were annotated by hand with TIMEX3 (TempEval-3 /
    TimeBank conventions) *before* the tagger was run on them: inline markup was converted to
    offsets by a small script that checked text[start:end] == text. Conventions where TimeBank
    leaves room: spans include determiners and modifiers ("the past 24 hours", "early next year",
    "about 4 a.m.", "two days earlier") but never a preposition ("late on Sunday" -> "Sunday",
    "2330 GMT on Monday" -> "2330 GMT" + "Monday"); "local time" is outside the span, and an explicit
    "GMT" time carries a Z zone; a winter spanning two years is labelled with the year it starts
    (Oct. 2022 "this winter" = 2022-WI); "every night"/"nightly" = SET XXXX-XX-XXTNI; vague
    plurals ("months", "recent weeks") are DURATIONs PXM/PXW; "overnight" is a TIME on the night
    before the day it runs into; ranges ("July 9-11") are two DATEs. The traps are deliberately
    left unannotated. After the first run a few gold mistakes (an ambiguous anchor in the text,
    inconsistent spans, a missed holiday) were fixed; scores then: strict F1 0.912, relaxed F1 0.962,
    value accuracy 0.892, value F1 0.858.

The thresholds sit about 0.03 below those scores, so a regression fails while small rule changes
do not. Raise them when the tagger improves.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from timeline.evaluation import evaluate
from timeline.temporal import tag
from timeline.temporal.grammar import is_valid_value

DATA = Path(__file__).parent / "data" / "war_news_dev.jsonl"

#: Measured on 2026-11-25 after the fixes it prompted (relaxed F1 0.982, value accuracy 0.941), minus
#: about 0.02: a guard against regressions, not a target.
MIN_RELAXED_F1 = 0.96
MIN_VALUE_ACCURACY = 0.91

TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {None, "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
        "EQUAL_OR_MORE", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

#: Strings in the texts that look numeric or temporal but are not temporal expressions.
TRAPS = ["Shahed-136", "Shahed-131", "Resolution 2231", "Flight 752", "400 drones", "2,000 troops",
         "Su-25", "MiG-31K", "F-16", "Patriot", "the Sun newspaper", "101-202-303", "30 percent",
         "20%", "18 percent", "311 votes to 112", "© 2023 Sample Wire", "© 2025 Sample Wire",
         "It may get worse", "World War Two"]


def _load() -> list[dict]:
    with DATA.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


DOCS = _load()


def test_set_shape():
    assert 12 <= len(DOCS) <= 15
    ids = [d["doc_id"] for d in DOCS]
    assert len(set(ids)) == len(ids)
    years = {d["dct"][:4] for d in DOCS}
    assert years == {"2022", "2023", "2024", "2025"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d["doc_id"])
def test_gold_well_formed(doc):
    assert set(doc) >= {"doc_id", "dct", "text", "timexes", "title", "source"}
    assert isinstance(doc["doc_id"], str) and doc["title"]
    assert doc["source"] == {"written_for": "conflict-timeline tests"}
    date.fromisoformat(doc["dct"])
    text = doc["text"]
    assert 150 <= len(text.split()) <= 400
    prev_end = -1
    for t in doc["timexes"]:
        assert set(t) == {"start", "end", "text", "type", "value", "mod"}, t
        assert 0 <= t["start"] < t["end"] <= len(text), t
        assert text[t["start"]:t["end"]] == t["text"], t
        assert t["text"] == t["text"].strip(), t
        assert t["start"] >= prev_end, f"overlapping or unsorted timexes at {t}"
        prev_end = t["end"]
        assert t["type"] in TYPES, t
        assert is_valid_value(t["value"], t["type"]), t
        assert t["mod"] in MODS, t
        # a weekday name resolved to a calendar day must name that day
        m = re.match(r"(\d{4}-\d\d-\d\d)", t["value"])
        for i, name in enumerate(WEEKDAYS):
            if m and name in t["text"].lower():
                assert date.fromisoformat(m.group(1)).weekday() == i, t
        # spans never start with a preposition (TimeML puts them outside the TIMEX3)
        assert not re.match(r"(?i)(on|in|at|since|from|by|during|until|for)\b", t["text"]), t


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d["doc_id"])
def test_traps_not_in_gold(doc):
    for trap in TRAPS:
        for m in re.finditer(re.escape(trap), doc["text"]):
            assert not any(t["start"] < m.end() and m.start() < t["end"] for t in doc["timexes"]), trap


def _predictions(mode: str = "news") -> dict[str, list[dict]]:
    return {d["doc_id"]: [t.to_dict() for t in tag(d["text"], d["dct"], mode=mode)] for d in DOCS}


@pytest.fixture(scope="module")
def scores():
    return evaluate(DOCS, _predictions("news"))


def test_relaxed_f1(scores):
    assert scores["relaxed"]["f1"] >= MIN_RELAXED_F1, {k: scores[k] for k in ("strict", "relaxed")}


def test_value_accuracy(scores):
    assert scores["value_accuracy"] >= MIN_VALUE_ACCURACY, (scores["value_accuracy"], scores["value_f1"])


@pytest.mark.parametrize("trap", TRAPS + ["1551"])  # a city hotline number
def test_tagger_ignores_traps(trap):
    hits = []
    for d in DOCS:
        pred = tag(d["text"], d["dct"], mode="news")
        for m in re.finditer(re.escape(trap), d["text"]):
            hits += [(d["doc_id"], t.text) for t in pred if t.start < m.end() and m.start() < t.end]
    assert not hits
