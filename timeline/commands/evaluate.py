"""`timeline eval`: run the tagger over gold JSONL documents and score it (TempEval-3 Task A)."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from typing import Any

import click

from timeline.evaluation import EvalFileError, error_summary, evaluate as score, load_gold, load_predictions

_MODES = ("news", "narrative", "auto")


def predict(docs: list[dict[str, Any]], mode: str) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str], float]:
    """Tag every document with its own DCT; return predictions, the mode used per doc and seconds spent tagging."""
    try:
        from timeline.temporal import analyse
    except ImportError as exc:
        raise click.ClickException(f"the tagger (timeline.temporal.analyse) cannot be imported: {exc}") from exc

    analyse("warm-up on 9 June 2023", None, mode=mode)  # first-call costs stay out of the speed figure
    preds: dict[str, list[dict[str, Any]]] = {}
    modes: dict[str, str] = {}
    spent = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        result = analyse(doc["text"], doc.get("dct") or None, mode=mode)
        spent += time.perf_counter() - t0
        preds[str(doc["doc_id"])] = [t.to_dict() for t in result.timexes]
        modes[str(doc["doc_id"])] = result.mode
    return preds, modes, spent


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def _print_report(rows: list[tuple[str, dict[str, Any]]], total: dict[str, Any], show_errors: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, 120)
    table = Table(title="TempEval-3 Task A (values compared exactly)", box=box.SIMPLE_HEAD,
                  caption="in %; s = strict, r = relaxed (overlap, one-to-one); accuracies over relaxed "
                          "matches; value F1 = rF1 x value acc")
    for col in ("file", "docs", "gold", "pred", "sP", "sR", "sF1", "rP", "rR", "rF1",
                "type acc", "value acc", "value F1"):
        table.add_column(col, justify="left" if col == "file" else "right")
    for name, m in rows:
        table.add_row(
            name.rsplit("/", 1)[-1], str(m["documents"]), str(m["gold"]), str(m["pred"]),
            _pct(m["strict"]["precision"]), _pct(m["strict"]["recall"]), _pct(m["strict"]["f1"]),
            _pct(m["relaxed"]["precision"]), _pct(m["relaxed"]["recall"]), _pct(m["relaxed"]["f1"]),
            _pct(m["type_accuracy"]), _pct(m["value_accuracy"]), _pct(m["value_f1"]),
        )
    console.print(table)
    for name, m in rows:
        modes = ", ".join(f"{k} {v}" for k, v in sorted(m["modes"].items()))
        speed = f"{m['chars_per_second']:,.0f} chars/s" if m["chars_per_second"] else "n/a"
        console.print(f"{name}: modes used: {modes}; tagging speed {speed}")

    types = Table(title="By type (recall side by gold type, precision side by predicted type)", box=box.SIMPLE_HEAD)
    for col in ("type", "gold", "pred", "strict R", "relaxed R", "relaxed P", "value acc"):
        types.add_column(col, justify="left" if col == "type" else "right")
    for key, t in total["by_type"].items():
        types.add_row(key, str(t["gold"]), str(t["pred"]), _pct(t["strict_recall"]),
                      _pct(t["relaxed_recall"]), _pct(t["relaxed_precision"]), _pct(t["value_accuracy"]))
    console.print(types)

    if show_errors:
        from rich.markup import escape

        kinds = Counter(e["kind"] for e in total["errors"])
        console.print(f"errors: {dict(sorted(kinds.items()))}")
        for kind, patterns in total["error_summary"].items():
            console.print(f"most frequent {kind}: " + "; ".join(escape(f"{k} ({n})") for k, n in patterns))
        console.print()
        for e in total["errors"]:
            g, p = e["gold"], e["pred"]
            gs = f"{g['text']!r} {g['type'] or '-'} {g['value']}" if g else "-"
            ps = f"{p['text']!r} {p['type']} {p['value']}" if p else "-"
            console.print(f"{e['kind']:<11} {escape(e['doc_id'])}  gold: {escape(gs)}  pred: {escape(ps)}\n"
                          f"            {escape(e['context'] or '')}")


@click.command("eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--mode", type=click.Choice(_MODES), default="auto", show_default=True,
              help="Anchoring mode passed to the tagger.")
@click.option("--errors", "show_errors", is_flag=True,
              help="List misses, false alarms and wrong values, types and spans, with context.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON instead of tables.")
@click.option("--limit-docs", type=click.IntRange(min=1), default=None,
              help="Score only the first N documents of each file.")
@click.option("--predictions", "predictions_path", type=click.Path(dir_okay=False), default=None,
              help="Score these predictions (the `timeline tag --jsonl` output: {\"id\", \"timexes\"} "
                   "lines, id = gold doc_id) instead of running the tagger.")
def evaluate(gold_files: tuple[str, ...], mode: str, show_errors: bool, as_json: bool, limit_docs: int | None,
             predictions_path: str | None) -> None:
    """Score the tagger against TempEval-style gold JSONL files (one document per line).

    Scoring is TempEval-3 Task A: strict and relaxed (overlapping, one-to-one)
    span match, type and value accuracy over relaxed matches, values compared
    exactly. The table also says which anchoring mode `auto` chose per document.
    """
    try:
        external = load_predictions(predictions_path) if predictions_path else None
    except EvalFileError as exc:
        raise click.ClickException(str(exc)) from exc
    per_file: list[tuple[str, dict[str, Any]]] = []
    all_docs: list[dict[str, Any]] = []
    all_preds: dict[str, list[dict[str, Any]]] = {}
    all_modes: Counter = Counter()
    seen_ids: set[str] = set()
    chars, spent = 0, 0.0
    for path in gold_files:
        try:
            docs = load_gold(path)
        except EvalFileError as exc:
            raise click.ClickException(str(exc)) from exc
        docs = docs[:limit_docs] if limit_docs else docs
        raw_ids = [str(doc["doc_id"]) for doc in docs]
        for doc, raw in zip(docs, raw_ids):  # doc ids are only unique within a file
            doc["doc_id"] = f"{path}#{raw}" if len(gold_files) > 1 else raw
        if external is None:
            preds, doc_modes, secs = predict(docs, mode)
        else:
            preds = {doc["doc_id"]: external.get(raw, []) for doc, raw in zip(docs, raw_ids)}
            doc_modes, secs = {doc["doc_id"]: "external" for doc in docs}, 0.0
            seen_ids.update(raw_ids)
        modes = Counter(doc_modes.values())
        m = score(docs, preds, keep_errors=False)
        n_chars = sum(len(d["text"]) for d in docs)
        m.update(modes=dict(modes), doc_modes=doc_modes, seconds=secs,
                 chars_per_second=n_chars / secs if secs else 0.0)
        per_file.append((path, m))
        all_docs += docs
        all_preds.update(preds)
        all_modes.update(modes)
        chars += n_chars
        spent += secs
    if external is not None and not limit_docs and (unknown := sorted(set(external) - seen_ids)):
        click.echo(f"warning: {len(unknown)} prediction id(s) match no gold doc_id, e.g. {unknown[0]!r}", err=True)
    total = score(all_docs, all_preds, keep_errors=show_errors)
    total.update(modes=dict(all_modes), seconds=spent, chars_per_second=chars / spent if spent else 0.0)
    if show_errors:
        total["error_summary"] = error_summary(total["errors"])
    if as_json:
        out = {"mode": "external" if external is not None else mode,
               "files": {name: m for name, m in per_file}, "total": total}
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    rows = per_file + ([("all", total)] if len(per_file) > 1 else [])
    _print_report(rows, total, show_errors)
