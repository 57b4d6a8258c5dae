"""On real news with known publication dates, the text-only steps are never wrong (unknown is allowed)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import read_text
from timeline.published import find_published


@pytest.mark.corpora
def test_dateline_and_inference_never_contradict_real_dcts(corpora: Path) -> None:
    checked = wrong = 0
    details = []
    for name in ("tbaq/timebank.jsonl", "tbaq/aquaint.jsonl"):
        for line in (corpora / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            info = find_published(read_text(rec["text"]))
            if info.date is None:
                continue
            checked += 1
            dct = date.fromisoformat(rec["dct"])
            ok = {"day": info.date == dct, "month": info.date.replace(day=1) == dct.replace(day=1),
                  "year": info.date.year == dct.year}[info.precision]
            if not ok:
                wrong += 1
                details.append((rec["doc_id"], rec["dct"], info.evidence))
    assert wrong == 0, details[:5]


@pytest.mark.corpora
def test_datelines_on_real_news_give_the_exact_dct(corpora: Path) -> None:
    """A dateline put on top of each real article is found and beats anything the body says."""
    forms = ("Published: {d:%B} {d.day}, {d:%Y}", "{d.day} {d:%B %Y}", "WASHINGTON, {d:%b}. {d.day}, {d:%Y} (AP) -",
             "Updated {d:%Y-%m-%d}", "By Staff Writer | {d:%A}, {d:%B} {d.day}, {d:%Y}")
    n = 0
    for line in (corpora / "tbaq/timebank.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        dct = date.fromisoformat(rec["dct"])
        head = forms[n % len(forms)].format(d=dct)
        sep = " " if head.endswith("-") else "\n\n"
        info = find_published(read_text("Headline\n\n" + head + sep + rec["text"].strip()))
        assert (info.date, info.source) == (dct, "dateline"), (rec["doc_id"], head, info)
        n += 1
    assert n > 100
