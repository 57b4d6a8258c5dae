"""Accuracy guards on the shared annotated corpora (skipped when they are absent).

A relaxed TempEval-3 match (overlapping spans, one-to-one) computed here so these guards do
not depend on timeline.evaluation; the thresholds sit at the project targets where the
tagger meets them and just under the measured level elsewhere, so regressions fail.
"""
from __future__ import annotations

import json

import pytest

from timeline.temporal import analyse

pytestmark = pytest.mark.corpora


def _score(docs, mode):
    tp = fp = fn = values = 0
    for d in docs:
        pred = analyse(d["text"], d["dct"], mode=mode).timexes
        gold = d["timexes"]
        used: set[int] = set()
        for t in pred:
            hit = next((i for i, g in enumerate(gold)
                        if i not in used and t.start < g["end"] and g["start"] < t.end), None)
            if hit is None:
                fp += 1
                continue
            used.add(hit)
            tp += 1
            values += gold[hit]["value"] == t.value
        fn += len(gold) - len(used)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return 2 * p * r / (p + r), values / tp


def _load(path):
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_wikiwars_dev(corpora):
    docs = _load(corpora / "wikiwars" / "wikiwars-dev.jsonl")
    f1, acc = _score(docs, "auto")
    assert f1 >= 0.93 and acc >= 0.88, (f1, acc)


def test_tbaq_news(corpora):
    docs = _load(corpora / "tbaq" / "timebank.jsonl") + _load(corpora / "tbaq" / "aquaint.jsonl")
    f1, acc = _score(docs, "news")
    assert f1 >= 0.92 and acc >= 0.84, (f1, acc)


def test_auto_mode_tells_news_from_history(corpora):
    news = _load(corpora / "tbaq" / "timebank.jsonl") + _load(corpora / "tbaq" / "aquaint.jsonl")
    modes = [analyse(d["text"], d["dct"]).mode for d in news]
    assert modes.count("news") / len(modes) >= 0.98
    history = _load(corpora / "wikiwars" / "wikiwars-dev.jsonl")
    assert {analyse(d["text"], d["dct"]).mode for d in history} == {"narrative"}


def test_prefilter_agrees_with_full_scan_on_real_text(corpora):
    """The start-word gate is an optimisation only: same candidates as the ungated regex."""
    from timeline.temporal.scan import scan

    docs = (_load(corpora / "tbaq" / "timebank.jsonl") + _load(corpora / "tbaq" / "aquaint.jsonl")
            + _load(corpora / "wikiwars" / "wikiwars-dev.jsonl"))
    text = "\n\n".join(d["text"] for d in docs)
    fast = [(c.start, c.end, c.rule) for c in scan(text)]
    slow = [(c.start, c.end, c.rule) for c in scan(text, prefilter=False)]
    gated = [(c.start, c.end, c.rule) for c in scan(text, use_hyperscan=False)]  # the fallback
    assert fast == slow
    assert gated == slow


def test_every_value_on_real_text_is_valid_timex3(corpora):
    from timeline.temporal.grammar import is_valid_value

    docs = _load(corpora / "tbaq" / "aquaint.jsonl") + _load(corpora / "wikiwars" / "wikiwars-dev.jsonl")
    bad = [(t.text, t.type, t.value) for d in docs for t in analyse(d["text"], d["dct"]).timexes
           if not is_valid_value(t.value, t.type)]
    assert bad == []
