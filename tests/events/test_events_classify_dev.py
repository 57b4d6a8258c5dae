"""Regression guards for event typing: the project's own descriptions, and CASE 2021 Task 2 when present."""
import csv
import os
from pathlib import Path

import pytest

from timeline.events.classify import classify

DEV = Path(__file__).parent / "data" / "event_types_dev.tsv"
HOLDOUT = Path(__file__).parent / "data" / "event_types_holdout.tsv"
CORPORA = Path(os.environ.get("TIMELINE_CORPORA", Path(__file__).resolve().parents[3] / "shared" / "corpora"))
CASE = CORPORA / "case2021" / "task2-dev.tsv"


def _dev_rows(path: Path = DEV):
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]


def test_own_descriptions_are_typed_as_a_coder_would():
    rows = _dev_rows()
    assert len(rows) >= 400
    wrong = [(t, s, x, classify(x)) for t, s, x in rows]
    wrong = [w for w in wrong if (w[3].event_type, w[3].sub_type or "") != (w[0], w[1])]
    type_wrong = [w for w in wrong if w[3].event_type != w[0]]
    # 408/414 at the last change; the guard leaves room for a rule change that trades one case for others
    assert len(wrong) <= 0.03 * len(rows), "\n".join(f"{t}/{s} -> {c.event_type}/{c.sub_type}: {x}"
                                                   for t, s, x, c in wrong)
    assert len(type_wrong) <= 0.02 * len(rows)


def test_descriptions_written_after_the_rules_are_typed_as_a_coder_would():
    """A hold-out written after the second round of rules and never tuned against (43/46 when written)."""
    rows = _dev_rows(HOLDOUT)
    assert len(rows) >= 40
    wrong = [(t, s, x, classify(x)) for t, s, x in rows]
    wrong = [w for w in wrong if (w[3].event_type, w[3].sub_type or "") != (w[0], w[1])]
    assert len(wrong) <= 0.1 * len(rows), "\n".join(f"{t}/{s} -> {c.event_type}/{c.sub_type}: {x}"
                                                  for t, s, x, c in wrong)


@pytest.mark.skipif(not CASE.is_file(), reason=f"CASE 2021 Task 2 snippets not found at {CASE} "
                                               "(../shared/corpora is not shipped; set TIMELINE_CORPORA)")
def test_case2021_task2_weighted_f1_does_not_slip():
    from timeline.commands.eval_events import evaluate, load_snippets

    rows = load_snippets(CASE)
    mid = (len(rows) + 1) // 2
    first, second = evaluate(rows[:mid]), evaluate(rows[mid:])
    # measured 0.938 / 0.898 on 2026-12-02 (the first half developed on in the first round; the second half's
    # errors were read for the second round of codebook rules, so neither half is unseen any more: the
    # project's own hold-out above is the check on unseen text)
    assert first["weighted_f1"] >= 0.91
    assert second["weighted_f1"] >= 0.87
    assert evaluate(rows)["weighted_f1"] >= 0.89
