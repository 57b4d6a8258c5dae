"""`timeline tag` and `timeline eval` through the real CLI and the real tagger."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

CONTRACT_KEYS = {"start", "end", "text", "type", "value", "mod"}
#: Every key a timex carries in the --jsonl output today ("extra" only when non-empty); renaming one breaks users.
TIMEX_KEYS = CONTRACT_KEYS | {"first", "last", "precision", "relation", "anchor", "quant", "freq"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


# --- the --jsonl contract ---------------------------------------------------------------------------

def test_jsonl_contract_one_line_per_input_in_order(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", [
        {"id": "a", "text": "The ceasefire talks ended on 9 June 2023 without a deal.", "dct": "2023-06-13"},
        {"id": "b", "text": "Nothing dated here at all.", "dct": None},
        {"id": "c", "text": "Officials met yesterday to review the supply routes.", "dct": "2023-06-13"},
    ])
    r = run("tag", "--jsonl", str(src))
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert all(set(o) == {"id", "timexes", "mode"} for o in out)
    assert [o["mode"] for o in out] == ["news", "news", "news"]
    [june] = out[0]["timexes"]
    assert TIMEX_KEYS <= set(june) <= TIMEX_KEYS | {"extra"}
    assert (june["text"], june["type"], june["value"]) == ("9 June 2023", "DATE", "2023-06-09")
    text_a = "The ceasefire talks ended on 9 June 2023 without a deal."
    assert text_a[june["start"]:june["end"]] == june["text"]
    assert out[1]["timexes"] == []
    [yesterday] = out[2]["timexes"]
    assert yesterday["text"] == "yesterday" and yesterday["value"] == "2023-06-12"


def test_auto_mode_says_which_mode_it_chose(tmp_path: Path) -> None:
    history = ("The war began in 1939. In 1940 France fell, and in 1941 the invasion of the east began. "
               "The tide turned in 1942 and 1943; by 1944 the Allies had landed, and in 1945 the war ended. "
               "Two days later the ceasefire held.")
    src = jsonl(tmp_path / "in.jsonl", [{"id": "h", "text": history, "dct": None},
                                        {"id": "n", "text": "Officials met on Friday.", "dct": "2023-06-13"}])
    out = lines(run("tag", "--jsonl", str(src)).stdout)
    assert [(o["id"], o["mode"]) for o in out] == [("h", "narrative"), ("n", "news")]
    per_timex = lines(run("tag", "--mode", "narrative", input="It ended in 1945. A week later, peace.").stdout)
    assert {o["mode"] for o in per_timex} == {"narrative"}


def test_jsonl_null_dct_leaves_relative_dates_unresolved(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": "Officials met yesterday.", "dct": None}])
    r = run("tag", "--jsonl", str(src), "--dct", "2023-06-13")  # an explicit null wins over --dct
    assert r.exit_code == 0, r.output
    [out] = lines(r.stdout)
    assert all(t["value"] != "2023-06-12" for t in out["timexes"])


def test_jsonl_missing_dct_key_falls_back_to_option(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", [{"id": "x", "text": "Officials met yesterday."}])
    r = run("tag", "--jsonl", str(src), "--dct", "2023-06-13")
    assert r.exit_code == 0, r.output
    [out] = lines(r.stdout)
    assert [t["value"] for t in out["timexes"]] == ["2023-06-12"]


def test_jsonl_from_stdin() -> None:
    line = json.dumps({"id": "s", "text": "It happened in March 2022.", "dct": "2023-01-01"})
    r = run("tag", "--jsonl", "-", input=line + "\n")
    assert r.exit_code == 0, r.output
    assert [t["value"] for t in lines(r.stdout)[0]["timexes"]] == ["2022-03"]


def test_jsonl_bad_lines_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", [
        {"id": "ok1", "text": "Signed in 2021.", "dct": "2023-06-13"},
        "{this is not json",
        {"id": "baddct", "text": "Signed in 2021.", "dct": "2023-13-01"},
        {"id": "wrongdct", "text": "Signed in 2021.", "dct": "13/06/2023"},
        {"id": 7, "text": "id must be a string"},
        {"id": "notext"},
        {"id": "ok2", "text": "Signed in 2019.", "dct": None},
    ])
    r = run("tag", "--jsonl", str(src))
    assert r.exit_code == 1
    assert [o["id"] for o in lines(r.stdout)] == ["ok1", "ok2"]
    err = r.stderr
    assert f"{src}:2: invalid JSON" in err
    assert f"{src}:3" in err and "'2023-13-01'" in err and "baddct" in err
    assert f"{src}:4" in err and "expected YYYY-MM-DD" in err
    assert f"{src}:5: 'id' must be a string" in err
    assert f"{src}:6: 'text' must be a string" in err


def test_jsonl_unreadable_file(tmp_path: Path) -> None:
    r = run("tag", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert r.exit_code == 1
    assert f"{tmp_path / 'nope.jsonl'}: cannot read" in r.stderr
    assert r.stdout == ""


def test_jsonl_and_files_are_exclusive(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "x", "dct": None}])
    r = run("tag", "--jsonl", str(src), str(src))
    assert r.exit_code == 2 and "not both" in r.output


# --- files and stdin --------------------------------------------------------------------------------

def test_files_print_one_object_per_timex_with_file(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Shipments began in August 2022 and resumed on 9 June 2023.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("No dates in this one.", encoding="utf-8")
    r = run("tag", str(a), str(b), "--dct", "2023-06-13")
    assert r.exit_code == 0, r.output
    out = lines(r.stdout)
    assert [(o["file"], o["value"]) for o in out] == [(str(a), "2022-08"), (str(a), "2023-06-09")]
    assert all({"first", "last", "precision", "anchor"} <= set(o) for o in out)
    assert out[1]["first"] == "2023-06-09" and out[1]["precision"] == "day"


def test_stdin_when_no_files() -> None:
    r = run("tag", "--dct", "2023-06-13", input="The report came out last month.")
    assert r.exit_code == 0, r.output
    [o] = lines(r.stdout)
    assert o["file"] == "<stdin>" and o["value"] == "2023-05"


def test_unreadable_file_is_named_and_others_still_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("It began in 2014.", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = tmp_path / "missing.txt"
    r = run("tag", str(missing), str(binary), str(good))
    assert r.exit_code == 1
    assert f"{missing}: cannot read" in r.stderr
    assert f"{binary}: binary file" in r.stderr
    assert [o["value"] for o in lines(r.stdout)] == ["2014"]


def test_other_encodings_are_detected_like_ingest_does(tmp_path: Path) -> None:
    latin = tmp_path / "archive.txt"
    latin.write_bytes("Le caf\xe9 a ferm\xe9 en 2015, apr\xe8s la gr\xe8ve du 3 mars.".encode("cp1252"))
    wide = tmp_path / "wide.txt"
    wide.write_bytes("The talks ended in May 2016.".encode("utf-16"))
    r = run("tag", str(latin), str(wide))
    assert r.exit_code == 0, r.stderr
    found = [(Path(o["file"]).name, o["text"]) for o in lines(r.stdout)]
    assert ("archive.txt", "2015") in found and ("wide.txt", "May 2016") in found


def test_bad_dct_option_is_a_usage_error() -> None:
    r = run("tag", "--dct", "2023-02-30", input="in 2014")
    assert r.exit_code == 2
    assert "--dct" in r.output and "2023-02-30" in r.output


def test_day_first_switches_numeric_dates() -> None:
    text = "The order was signed on 9/6/2023."
    month_first = lines(run("tag", "--dct", "2023-07-01", input=text).stdout)
    day_first = lines(run("tag", "--dct", "2023-07-01", "--day-first", input=text).stdout)
    assert [o["value"] for o in month_first] == ["2023-09-06"]
    assert [o["value"] for o in day_first] == ["2023-06-09"]


def test_tag_does_not_import_dash_or_pandas(tmp_path: Path) -> None:
    code = (
        "import sys; from click.testing import CliRunner; from timeline.cli import main; "
        "r = CliRunner().invoke(main, ['tag', '--dct', '2023-06-13'], input='on Friday'); "
        "assert r.exit_code == 0, r.output; print(sorted(m for m in ('dash', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- eval on a tiny gold file written for this test -------------------------------------------------

GOLD_TEXT = "Talks resumed on 9 June 2023, three days after the dam broke. They will meet again next year."


def _gold_file(tmp_path: Path) -> Path:
    def span(s: str, type_: str, value: str) -> dict:
        i = GOLD_TEXT.index(s)
        return {"start": i, "end": i + len(s), "text": s, "type": type_, "value": value, "mod": None}

    doc = {"doc_id": "mine-1", "dct": "2023-06-13", "text": GOLD_TEXT,
           "timexes": [span("9 June 2023", "DATE", "2023-06-09"), span("three days", "DURATION", "P3D"),
                       span("next year", "DATE", "2024")]}
    empty = {"doc_id": "mine-2", "dct": "2023-06-13", "text": "Nothing to see.", "timexes": []}
    return jsonl(tmp_path / "gold.jsonl", [doc, empty])


def test_eval_json_on_own_gold(tmp_path: Path) -> None:
    r = run("eval", str(_gold_file(tmp_path)), "--json", "--mode", "news")
    assert r.exit_code == 0, r.output
    m = json.loads(r.stdout)
    total = m["total"]
    assert total["documents"] == 2 and total["gold"] == 3
    assert total["modes"] == {"news": 2}
    [per_file] = m["files"].values()
    assert per_file["doc_modes"] == {"mine-1": "news", "mine-2": "news"}
    assert total["relaxed"]["recall"] >= 2 / 3  # "9 June 2023" and "next year" at least
    for key in ("strict", "relaxed"):
        assert 0.0 <= total[key]["f1"] <= 1.0
    assert total["value_f1"] == pytest.approx(total["relaxed"]["f1"] * total["value_accuracy"])
    assert "errors" not in total


def test_eval_table_and_errors(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    r = run("eval", str(gold), str(gold), "--errors", "--limit-docs", "1")
    assert r.exit_code == 0, r.output
    assert "TempEval-3" in r.stdout and "value F1" in r.stdout
    assert "modes used" in r.stdout and "errors:" in r.stdout
    r = run("eval", str(gold), "--json", "--errors")
    errors = json.loads(r.stdout)["total"]["errors"]
    assert all(e["kind"] in ("miss", "false_alarm", "wrong_value", "wrong_type", "wrong_span") for e in errors)


def test_eval_bad_gold_names_file_and_line(tmp_path: Path) -> None:
    bad = jsonl(tmp_path / "bad.jsonl", [{"doc_id": "a", "text": "x", "timexes": []}, "[1, 2"])
    r = run("eval", str(bad))
    assert r.exit_code == 1
    assert f"{bad}:2: invalid JSON" in r.output


def test_tag_jsonl_output_scores_like_eval_itself(tmp_path: Path) -> None:
    """The --jsonl contract round-trips: external predictions give the same scores as running the tagger."""
    gold = _gold_file(tmp_path)
    requests = [{"id": d["doc_id"], "text": d["text"], "dct": d["dct"]} for d in lines(gold.read_text())]
    src = jsonl(tmp_path / "requests.jsonl", requests)
    tagged = run("tag", "--jsonl", str(src), "--mode", "news")
    assert tagged.exit_code == 0, tagged.output
    preds = tmp_path / "preds.jsonl"
    preds.write_text(tagged.stdout, encoding="utf-8")
    external = json.loads(run("eval", str(gold), "--predictions", str(preds), "--json").stdout)["total"]
    direct = json.loads(run("eval", str(gold), "--mode", "news", "--json").stdout)["total"]
    for key in ("gold", "pred", "strict", "relaxed", "type_accuracy", "value_accuracy", "value_f1", "by_type"):
        assert external[key] == direct[key], key
    assert external["modes"] == {"external": 2}


def test_eval_bad_predictions_name_file_and_line(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    preds = jsonl(tmp_path / "preds.jsonl", [{"id": "mine-1", "timexes": []}, {"id": "mine-1", "timexes": []}])
    r = run("eval", str(gold), "--predictions", str(preds))
    assert r.exit_code == 1 and f"{preds}:2: duplicate id 'mine-1'" in r.output
    jsonl(preds, [{"id": "mine-1", "timexes": [{"start": 0}]}])
    r = run("eval", str(gold), "--predictions", str(preds))
    assert r.exit_code == 1 and f"{preds}:1: 'timexes'" in r.output
    jsonl(preds, [{"id": "elsewhere", "timexes": []}])
    r = run("eval", str(gold), "--predictions", str(preds), "--json")
    assert r.exit_code == 0 and "match no gold doc_id" in r.stderr
    assert json.loads(r.stdout)["total"]["relaxed"]["recall"] == 0.0
