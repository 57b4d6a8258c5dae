"""`timeline eval-events`: the scorer and the command, on a tiny file written for the test."""
from click.testing import CliRunner

from timeline.cli import main
from timeline.commands.eval_events import CASE_LABELS, scores, sub_label

ROWS = [
    ("1", "Rebels and soldiers clashed near the dam, leaving ten dead.", "ARMED_CLASH"),
    ("2", "Warplanes bombed a market in the town.", "AIR_STRIKE"),
    ("3", "Thousands marched peacefully through the capital.", "PEACE_PROTEST"),
    ("4", "A strong earthquake shook the coast.", "NATURAL_DISASTER"),
    ("5", "The weather was mild all week.", "ARREST"),
]


def _write(tmp_path):
    path = tmp_path / "snippets.tsv"
    path.write_text("id\tEventSnippet\tSubType\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in ROWS), encoding="utf-8")
    return path


def test_every_case_label_maps_to_an_acled_sub_type_or_other():
    acled = [v for v in CASE_LABELS.values() if v is not None]
    assert len(acled) == 25 and len(set(acled)) == 25
    assert sum(v is None for v in CASE_LABELS.values()) == 5


def test_scores_by_hand():
    gold = [("Battles", "Armed clash"), ("Battles", "Armed clash"), ("Protests", "Peaceful protest")]
    pred = [("Battles", "Armed clash"), ("Other", None), ("Battles", "Armed clash")]
    m = scores(gold, pred)
    # Armed clash: P 1/2, R 1/2, F1 0.5 (support 2); Peaceful protest: F1 0 (support 1)
    assert abs(m["weighted_f1"] - (0.5 * 2 + 0.0) / 3) < 1e-9
    assert abs(m["macro_f1"] - 0.25) < 1e-9
    assert abs(m["micro_f1"] - 0.4) < 1e-9              # P 1/2 (two predictions in the label set), R 1/3
    assert abs(m["type_accuracy"] - 1 / 3) < 1e-9
    assert sub_label("Other", None) == sub_label("Battles", None) == "(none)"


def test_the_command_prints_both_halves_and_confusions(tmp_path):
    out = CliRunner().invoke(main, ["eval-events", str(_write(tmp_path)), "--errors"])
    assert out.exit_code == 0, out.output
    for word in ("weighted", "first", "second", "worst confusions", "Arrests -> (none)"):
        assert word in out.output
    assert "1.000" in out.output.splitlines()[2]        # the first half (rows 1-3) is all right


def test_a_malformed_file_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("id\tEventSnippet\tSubType\n1\tSome text\tNOT_A_LABEL\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["eval-events", str(path)])
    assert out.exit_code != 0 and "bad.tsv:2" in out.output
