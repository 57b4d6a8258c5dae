"""TempEval-3 scorer on hand-made gold/prediction pairs (arithmetic checked by hand)."""
from __future__ import annotations

import json

import pytest

from timeline.evaluation import EvalFileError, evaluate, load_gold, match, prf, score_document

TEXT = "The convoy left on Monday and returned three weeks later, in early March 2021."


def tx(start: int, end: int, value: str, type_: str = "DATE", mod: str | None = None) -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end], "type": type_, "value": value, "mod": mod}


def test_prf_arithmetic() -> None:
    m = prf(3, 4, 6)
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(0.5)
    assert m["f1"] == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_prf_zero_denominators_give_zero() -> None:
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(0, 3, 0)["f1"] == 0.0


def test_perfect_prediction() -> None:
    gold = [tx(19, 25, "2021-02-15"), tx(39, 56, "2021-03-08")]
    doc = {"doc_id": "d", "text": TEXT, "timexes": gold}
    m = evaluate([doc], {"d": [dict(g) for g in gold]})
    assert m["strict"]["f1"] == 1.0 and m["relaxed"]["f1"] == 1.0
    assert m["value_accuracy"] == 1.0 and m["value_f1"] == 1.0 and m["type_accuracy"] == 1.0
    assert m["errors"] == []


def test_relaxed_but_not_strict_and_wrong_value() -> None:
    # gold "early March 2021" (61..77), prediction only "March 2021" (67..77) with a different value
    gold = [tx(19, 25, "2021-02-15"), tx(61, 77, "2021-03", mod="START")]
    pred = [tx(19, 25, "2021-02-15"), tx(67, 77, "2021-03-01")]
    m = evaluate([{"doc_id": "d", "text": TEXT, "timexes": gold}], {"d": pred})
    assert m["strict"]["tp"] == 1 and m["relaxed"]["tp"] == 2
    assert m["strict"]["f1"] == pytest.approx(0.5)
    assert m["relaxed"]["f1"] == 1.0
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert m["value_f1"] == pytest.approx(0.5)
    assert m["mod_accuracy"] == pytest.approx(0.5)
    [err] = m["errors"]
    assert err["kind"] == "wrong_value" and err["doc_id"] == "d"
    assert err["gold"]["value"] == "2021-03" and err["pred"]["value"] == "2021-03-01"
    assert "[[early March 2021]]" in err["context"]


def test_imperfect_matches_are_listed_by_most_serious_kind() -> None:
    gold = [tx(19, 25, "2021-02-15"), tx(39, 56, "P3W", "DURATION"), tx(61, 77, "2021-03", mod="START")]
    pred = [tx(16, 25, "2021-02-15"), tx(39, 56, "P3W", "DATE"), tx(67, 77, "2021-04")]
    m = evaluate([{"doc_id": "d", "text": TEXT, "timexes": gold}], {"d": pred})
    assert [e["kind"] for e in m["errors"]] == ["wrong_span", "wrong_type", "wrong_value"]
    assert "[[on Monday]]" in m["errors"][0]["context"]  # the snippet covers both spans


def test_misses_and_false_alarms() -> None:
    gold = [tx(19, 25, "2021-02-15"), tx(39, 56, "P3W", "DURATION")]
    pred = [tx(4, 10, "XXXX"), tx(19, 25, "2021-02-15")]
    m = evaluate([{"doc_id": "d", "text": TEXT, "timexes": gold}], {"d": pred})
    assert (m["gold"], m["pred"], m["relaxed"]["tp"]) == (2, 2, 1)
    assert m["relaxed"]["precision"] == 0.5 and m["relaxed"]["recall"] == 0.5
    kinds = sorted(e["kind"] for e in m["errors"])
    assert kinds == ["false_alarm", "miss"]
    miss = next(e for e in m["errors"] if e["kind"] == "miss")
    assert miss["gold"]["text"] == "three weeks later" and miss["pred"] is None


def test_matching_is_one_to_one() -> None:
    # one long gold span overlapped by two predictions: only one may match
    gold = [{"start": 10, "end": 30, "value": "a"}]
    pred = [{"start": 10, "end": 15, "value": "a"}, {"start": 20, "end": 30, "value": "a"}]
    assert match(gold, pred) == [(0, 1)]  # the larger overlap wins
    r = score_document(gold, pred)
    assert r.counts.relaxed == 1 and r.counts.pred == 2
    assert sorted(e["kind"] for e in r.errors) == ["false_alarm", "wrong_span"]


def test_identical_span_preferred_over_larger_overlap() -> None:
    gold = [{"start": 0, "end": 10, "value": "x"}, {"start": 0, "end": 4, "value": "y"}]
    pred = [{"start": 0, "end": 4, "value": "y"}]
    # pred overlaps both golds; it must pair with the identical span
    assert match(gold, pred) == [(1, 0)]


def test_greedy_tie_break_is_deterministic() -> None:
    gold = [{"start": 0, "end": 10, "value": "a"}, {"start": 5, "end": 15, "value": "b"}]
    pred = [{"start": 5, "end": 10, "value": "b"}]
    # equal overlap (5) with both golds: the earlier gold wins, every time
    assert match(gold, pred) == [(0, 0)]
    assert match(list(gold), list(pred)) == [(0, 0)]


def test_touching_spans_do_not_overlap() -> None:
    assert match([{"start": 0, "end": 5, "value": ""}], [{"start": 5, "end": 9, "value": ""}]) == []


def test_empty_documents() -> None:
    m = evaluate([{"doc_id": "e", "text": "", "timexes": []}], {"e": []})
    assert m["documents"] == 1 and m["gold"] == 0 and m["pred"] == 0
    assert m["relaxed"]["f1"] == 0.0 and m["value_accuracy"] == 0.0 and m["type_accuracy"] is None
    # a document missing from the predictions counts as predicting nothing
    m = evaluate([{"doc_id": "x", "text": TEXT, "timexes": [tx(19, 25, "2021-02-15")]}], {})
    assert m["relaxed"]["recall"] == 0.0 and m["errors"][0]["kind"] == "miss"


def test_untyped_gold_is_ignored_for_type_accuracy() -> None:
    gold = [tx(19, 25, "2021-02-15", ""), tx(61, 77, "2021-03", "DATE")]
    pred = [tx(19, 25, "2021-02-15", "TIME"), tx(61, 77, "2021-03", "DURATION")]
    m = evaluate([{"doc_id": "d", "text": TEXT, "timexes": gold}], {"d": pred})
    assert m["type_accuracy"] == 0.0  # only the typed gold counts, and it is wrong
    assert m["value_accuracy"] == 1.0
    assert set(m["by_type"]) == {"(untyped)", "DATE", "TIME", "DURATION"}


def test_per_type_breakdown_and_totals_across_documents() -> None:
    d1 = {"doc_id": "1", "text": TEXT, "timexes": [tx(19, 25, "2021-02-15"), tx(39, 56, "P3W", "DURATION")]}
    d2 = {"doc_id": "2", "text": TEXT, "timexes": [tx(61, 77, "2021-03")]}
    preds = {"1": [tx(19, 25, "2021-02-15")], "2": [tx(61, 77, "2021-04"), tx(4, 10, "P1D", "DURATION")]}
    m = evaluate([d1, d2], preds)
    assert (m["documents"], m["gold"], m["pred"]) == (2, 3, 3)
    assert m["relaxed"]["tp"] == 2 and m["value_accuracy"] == pytest.approx(0.5)
    date, dur = m["by_type"]["DATE"], m["by_type"]["DURATION"]
    assert (date["gold"], date["pred"], date["relaxed_recall"], date["value_accuracy"]) == (2, 2, 1.0, 0.5)
    assert (dur["gold"], dur["pred"], dur["relaxed_recall"], dur["relaxed_precision"]) == (1, 1, 0.0, 0.0)
    assert {e["doc_id"] for e in m["errors"]} == {"1", "2"}


def test_values_compared_exactly() -> None:
    gold = [tx(19, 25, "2021-W07")]
    pred = [tx(19, 25, "2021-W7")]
    m = evaluate([{"doc_id": "d", "text": TEXT, "timexes": gold}], {"d": pred})
    assert m["value_accuracy"] == 0.0


def test_load_gold_errors_name_file_and_line(tmp_path) -> None:
    good = {"doc_id": "a", "dct": "2021-01-01", "text": "x", "timexes": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(good) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"gold\.jsonl:3: invalid JSON"):
        load_gold(str(path))
    path.write_text(json.dumps({"text": "x", "timexes": [{"start": "0"}]}) + "\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"gold\.jsonl:1: 'timexes'"):
        load_gold(str(path))
    with pytest.raises(EvalFileError, match=r"missing\.jsonl: cannot read"):
        load_gold(str(tmp_path / "missing.jsonl"))
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert load_gold(str(path))[0]["doc_id"] == "a"


def test_per_type_rates_undefined_without_denominator() -> None:
    gold = [tx(19, 25, "2021-02-15", "")]
    pred = [tx(19, 25, "2021-02-15", "DATE")]
    m = evaluate([{"doc_id": "d", "text": TEXT, "timexes": gold}], {"d": pred})
    untyped, date_ = m["by_type"]["(untyped)"], m["by_type"]["DATE"]
    assert untyped["relaxed_recall"] == 1.0 and untyped["relaxed_precision"] is None
    assert date_["relaxed_recall"] is None and date_["relaxed_precision"] == 1.0


def test_error_summary_groups_patterns() -> None:
    from timeline.evaluation import error_summary

    gold = [tx(19, 25, "2021-02-15"), tx(39, 56, "P3W", "DURATION"), tx(61, 77, "2021-03")]
    pred = [tx(19, 25, "2021-02"), tx(61, 77, "2022-04"), tx(4, 10, "XXXX")]
    doc = {"doc_id": "d", "text": TEXT, "timexes": gold}
    s = error_summary(evaluate([doc, dict(doc, doc_id="e")], {"d": pred, "e": pred})["errors"])
    assert s["wrong_value"] == [("9999-99-99 -> 9999-99", 2), ("9999-99 -> 9999-99", 2)]
    assert s["miss"] == [("'three weeks later'", 2)]
    assert s["false_alarm"] == [("'convoy'", 2)]
