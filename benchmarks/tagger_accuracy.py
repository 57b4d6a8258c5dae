"""Accuracy of the baselines (dateparser, datefinder) next to ours on the TBAQ gold, same scorer.

    python3 benchmarks/tagger_accuracy.py [--limit-docs N] [--files tbaq/timebank.jsonl,...] [--mode news]

Scored with timeline.evaluation (TempEval-3 Task A; values compared exactly). Neither
baseline was built for TIMEX3, so each gets the most favourable reading we can give it:

* dateparser: spans from ``search_dates(text, languages=["en"], RELATIVE_BASE=dct)``
  (found left to right in the text), value from the date at the precision dateparser
  itself reports for that span (``DateDataParser.get_date_data(...).period``: day ->
  YYYY-MM-DD, week -> YYYY-Www, month -> YYYY-MM, year -> YYYY).
* datefinder: spans from ``find_dates(text, index=True, base_date=dct)``; it reports no
  precision, so every value is a day (YYYY-MM-DD): its value accuracy is a lower bound.

Neither emits durations or sets, so their recall is bounded by the DATE/TIME share of
the gold. Writes benchmarks/results/tagger_accuracy.json (or --output).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.evaluation import evaluate, load_gold  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "tagger_accuracy.json"
DEFAULT_FILES = "tbaq/timebank.jsonl,tbaq/aquaint.jsonl"


def _base(dct: str | None) -> datetime:
    return datetime.fromisoformat(dct) if dct else datetime.now()


def _value(dt: datetime, period: str | None) -> str:
    if period == "year":
        return f"{dt.year:04d}"
    if period == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    if period == "week":
        y, w, _ = dt.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if period == "time":
        return dt.strftime("%Y-%m-%dT%H:%M")
    return dt.strftime("%Y-%m-%d")


def dateparser_predict(doc: dict[str, Any]) -> list[dict[str, Any]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": _base(doc.get("dct"))}
    text = doc["text"]
    found = search_dates(text, languages=["en"], settings=settings) or []
    ddp = DateDataParser(languages=["en"], settings=settings)
    out, pos = [], 0
    for sub, dt in found:
        start = text.find(sub, pos)
        if start < 0:
            continue
        pos = start + len(sub)
        period = ddp.get_date_data(sub).period
        out.append({"start": start, "end": pos, "text": sub, "type": "TIME" if period == "time" else "DATE",
                    "value": _value(dt, period), "mod": None})
    return out


def datefinder_predict(doc: dict[str, Any]) -> list[dict[str, Any]]:
    import datefinder

    out = []
    for dt, src, (start, end) in datefinder.find_dates(doc["text"], source=True, index=True,
                                                        base_date=_base(doc.get("dct"))):
        out.append({"start": start, "end": end, "text": src, "type": "DATE", "value": _value(dt, "day"), "mod": None})
    return out


def timeline_predict(doc: dict[str, Any], mode: str = "news") -> list[dict[str, Any]]:
    from timeline.temporal import tag

    return [t.to_dict() for t in tag(doc["text"], doc.get("dct"), mode=mode)]


PREDICTORS: dict[str, Callable[[dict[str, Any]], list[dict[str, Any]]]] = {
    "timeline": timeline_predict, "dateparser": dateparser_predict, "datefinder": datefinder_predict,
}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path,
                    default=Path(os.environ.get("TIMELINE_CORPORA", REPO.parent / "shared" / "corpora")))
    ap.add_argument("--files", default=DEFAULT_FILES, help="comma-separated gold files under --corpora")
    ap.add_argument("--limit-docs", type=int, default=None, help="first N documents of each file")
    ap.add_argument("--tools", default="timeline,dateparser,datefinder")
    ap.add_argument("--mode", default="news", choices=("news", "narrative", "auto"), help="our tagger's mode")
    ap.add_argument("--output", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    docs: list[dict[str, Any]] = []
    for name in args.files.split(","):
        path = args.corpora / name
        if not path.is_file():
            print(f"skipping {path}: not found", file=sys.stderr)
            continue
        file_docs = load_gold(str(path))[: args.limit_docs]
        for d in file_docs:
            d["doc_id"] = f"{name}#{d['doc_id']}"
        docs += file_docs
    if not docs:
        sys.exit(f"no gold documents found under {args.corpora} (set --corpora or TIMELINE_CORPORA)")

    result: dict[str, Any] = {"when": datetime.now().isoformat(timespec="seconds"), "files": args.files,
                              "timeline_mode": args.mode,
                              "documents": len(docs), "gold": sum(len(d["timexes"]) for d in docs), "tools": {}}
    for name in args.tools.split(","):
        predict = PREDICTORS[name]
        if name == "timeline":
            predict = lambda doc, _mode=args.mode: timeline_predict(doc, _mode)  # noqa: E731
        t0 = time.perf_counter()
        try:
            preds = {d["doc_id"]: predict(d) for d in docs}
        except Exception as exc:  # e.g. our tagger not importable yet: report, keep the baselines
            result["tools"][name] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        m = evaluate(docs, preds, keep_errors=False)
        m["seconds"] = time.perf_counter() - t0
        result["tools"][name] = m

    print(f"{result['documents']} documents, {result['gold']} gold timexes ({args.files}); values compared exactly;"
          f" timeline in {args.mode} mode")
    print(f"{'tool':<11} {'pred':>6} {'rel P':>6} {'rel R':>6} {'rel F1':>6} {'str F1':>6} {'val acc':>7} "
          f"{'val F1':>6} {'DATE R':>6}")
    for name, m in result["tools"].items():
        if "error" in m:
            print(f"{name:<11} error: {m['error']}")
            continue
        r, s = m["relaxed"], m["strict"]
        date_r = m["by_type"].get("DATE", {}).get("relaxed_recall")
        date_r = "-" if date_r is None else f"{date_r:.3f}"  # untyped gold (TIMEX2) has no DATE row
        print(f"{name:<11} {m['pred']:>6} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
              f"{s['f1']:>6.3f} {m['value_accuracy']:>7.3f} {m['value_f1']:>6.3f} {date_r:>6}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return result


if __name__ == "__main__":
    main()
