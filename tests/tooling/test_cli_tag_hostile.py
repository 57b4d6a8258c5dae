"""`timeline tag --jsonl`: a line that cannot be read or tagged is that line's error; the rest are done."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import timeline.temporal
from timeline.cli import main


def test_a_tagger_failure_gives_an_error_object_for_that_line(monkeypatch: pytest.MonkeyPatch) -> None:
    real = timeline.temporal.analyse

    def analyse(text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if "BOOM" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(timeline.temporal, "analyse", analyse)
    lines = [{"id": "a", "text": "Signed in 2021.", "dct": None}, {"id": "b", "text": "BOOM", "dct": None},
             {"id": "c", "text": "Shelled on 3 March 2022.", "dct": "2022-03-05"}]
    r = CliRunner().invoke(main, ["tag", "--jsonl", "-"], input="".join(json.dumps(x) + "\n" for x in lines))
    assert r.exit_code == 1
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[1]["timexes"] == [] and "RecursionError" in out[1]["error"]
    assert "<stdin>:2 (id 'b'): tagger failed: RecursionError" in r.stderr


def test_undecodable_and_surrogate_lines_are_per_line(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"id": "a", "text": "Signed in 2021.", "dct": null}\n'
                  b'{"id": "b", "text": "caf\xe9", "dct": null}\n'
                  b'{"id": "c\\ud800", "text": "Shelled \\udfff on 3 March 2022.", "dct": "2022-03-05"}\n')
    r = CliRunner().invoke(main, ["tag", "--jsonl", str(f)])
    assert r.exit_code == 1
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "c\ufffd"]
    assert [t["value"] for t in out[1]["timexes"]] == ["2022-03-03"]
    assert f"{f}:2: not UTF-8 text" in r.stderr
