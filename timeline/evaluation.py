"""TempEval-3 Task A scoring for temporal expressions.

Pure functions over plain dicts, so the same scorer serves `timeline eval`,
the benchmarks and external JSONL predictions. A timex dict needs `start`,
`end`, `value`, and optionally `type`, `text`, `mod`.

Definitions (as in TempEval-3 Task A and /work/shared/corpora/README.md):

* strict match: gold and predicted span are identical;
* relaxed match: spans overlap; pairs are made one-to-one, greedily, preferring
  identical spans, then larger overlap, then document order (deterministic);
* type and value accuracy are measured over relaxed matches (type only where
  the gold type is annotated, i.e. not "");
* value F1 = relaxed F1 x value accuracy.

Error lists name each miss, false alarm and imperfect match (wrong value, else
wrong type, else wrong span) with its document, gold and predicted timex and
a context snippet.

Values are compared as exact strings, as TempEval-3's official scorer does:
no lenient equivalences (e.g. ``1998-W05`` vs ``1998-W5``) are applied, so
the headline numbers are comparable to published ones.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: Characters of context shown either side of an error.
CONTEXT_CHARS = 40
#: Key used in per-type breakdowns for gold timexes without a type (TIMEX2 corpora).
UNTYPED = "(untyped)"


class _Tally:
    """Integer fields that add up across documents."""

    def add(self, other: _Tally) -> None:
        for name in self.__dataclass_fields__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Counts(_Tally):
    """Additive tallies from which every metric is derived."""

    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    typed: int = 0          # relaxed matches whose gold type is annotated
    type_ok: int = 0
    value_ok: int = 0
    mod_ok: int = 0


@dataclass
class TypeCounts(_Tally):
    """Per-type tallies: recall side by gold type, precision side by predicted type."""

    gold: int = 0
    gold_strict: int = 0
    gold_relaxed: int = 0
    gold_value_ok: int = 0
    pred: int = 0
    pred_relaxed: int = 0


@dataclass
class DocResult:
    """Matching outcome for one document."""

    doc_id: str
    counts: Counts
    pairs: list[tuple[int, int]]            # (gold index, pred index), relaxed one-to-one
    by_type: dict[str, TypeCounts] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _same_span(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a["start"] == b["start"] and a["end"] == b["end"]


def match(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching of overlapping spans.

    Greedy over all overlapping pairs, best first: identical spans, then the
    larger overlap, then the earlier gold and predicted index. Returns
    (gold index, pred index) pairs sorted by gold index.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = _overlap(g, p)
            if ov > 0 or (ov == 0 and _same_span(g, p)):
                candidates.append((not _same_span(g, p), -ov, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def _type_key(t: str | None) -> str:
    return t if t else UNTYPED


def _snippet(text: str | None, start: int, end: int) -> str | None:
    """The expression with CONTEXT_CHARS either side, marked with [[...]], on one line."""
    if not text:
        return None
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    s = f"{text[lo:start]}[[{text[start:end]}]]{text[end:hi]}"
    return " ".join(s.split())


def _brief(t: Mapping[str, Any]) -> dict[str, Any]:
    return {k: t.get(k) for k in ("start", "end", "text", "type", "value", "mod")}


def score_document(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    *,
    doc_id: str = "",
    text: str | None = None,
) -> DocResult:
    """Score one document's predicted timexes against its gold timexes."""
    pairs = match(gold, pred)
    c = Counts(gold=len(gold), pred=len(pred), relaxed=len(pairs))
    by_type: dict[str, TypeCounts] = {}
    errors: list[dict[str, Any]] = []
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}

    for g in gold:
        by_type.setdefault(_type_key(g.get("type")), TypeCounts()).gold += 1
    for pi, p in enumerate(pred):
        tc = by_type.setdefault(_type_key(p.get("type")), TypeCounts())
        tc.pred += 1
        tc.pred_relaxed += pi in matched_p

    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        tc = by_type[_type_key(g.get("type"))]
        tc.gold_relaxed += 1
        strict = _same_span(g, p)
        c.strict += strict
        tc.gold_strict += strict
        if g.get("type"):
            c.typed += 1
            c.type_ok += g.get("type") == p.get("type")
        value_ok = g.get("value") == p.get("value")
        c.value_ok += value_ok
        tc.gold_value_ok += value_ok
        c.mod_ok += (g.get("mod") or None) == (p.get("mod") or None)
        # one error per imperfect pair, the most serious kind first
        kind = ("wrong_value" if not value_ok
                else "wrong_type" if g.get("type") and g.get("type") != p.get("type")
                else "wrong_span" if not strict else None)
        if kind:
            lo, hi = min(g["start"], p["start"]), max(g["end"], p["end"])
            errors.append({"kind": kind, "doc_id": doc_id, "context": _snippet(text, lo, hi),
                           "gold": _brief(g), "pred": _brief(p)})

    for gi, g in enumerate(gold):
        if gi not in matched_g:
            errors.append({"kind": "miss", "doc_id": doc_id,
                           "context": _snippet(text, g["start"], g["end"]),
                           "gold": _brief(g), "pred": None})
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            errors.append({"kind": "false_alarm", "doc_id": doc_id,
                           "context": _snippet(text, p["start"], p["end"]),
                           "gold": None, "pred": _brief(p)})
    errors.sort(key=lambda e: (e["gold"] or e["pred"])["start"])
    return DocResult(doc_id=doc_id, counts=c, pairs=pairs, by_type=by_type, errors=errors)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1; 0.0 where a denominator is zero."""
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def metrics_from_counts(c: Counts) -> dict[str, Any]:
    """Headline metrics from additive counts."""
    strict, relaxed = prf(c.strict, c.pred, c.gold), prf(c.relaxed, c.pred, c.gold)
    value_acc = _ratio(c.value_ok, c.relaxed)
    return {
        "gold": c.gold, "pred": c.pred,
        "strict": {"tp": c.strict, **strict},
        "relaxed": {"tp": c.relaxed, **relaxed},
        "type_accuracy": _ratio(c.type_ok, c.typed) if c.typed else None,
        "value_accuracy": value_acc,
        "value_f1": relaxed["f1"] * value_acc,
        "mod_accuracy": _ratio(c.mod_ok, c.relaxed),
    }


def _type_metrics(tc: TypeCounts) -> dict[str, Any]:
    """Per-type rates; None where undefined (e.g. precision of a type never predicted)."""
    def rate(num: int, den: int) -> float | None:
        return num / den if den else None

    return {
        "gold": tc.gold, "pred": tc.pred,
        "strict_recall": rate(tc.gold_strict, tc.gold),
        "relaxed_recall": rate(tc.gold_relaxed, tc.gold),
        "relaxed_precision": rate(tc.pred_relaxed, tc.pred),
        "value_accuracy": rate(tc.gold_value_ok, tc.gold_relaxed),
    }


def evaluate(
    gold_docs: Iterable[Mapping[str, Any]],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    keep_errors: bool = True,
) -> dict[str, Any]:
    """Score predictions (doc_id -> timex dicts) against gold documents.

    Gold documents carry `doc_id`, `timexes` and (for error context) `text`.
    A gold document missing from `predictions` counts as predicting nothing.
    Returns the headline metrics plus `documents`, `by_type` and, if
    `keep_errors`, `errors`.
    """
    total = Counts()
    types: dict[str, TypeCounts] = {}
    errors: list[dict[str, Any]] = []
    n_docs = 0
    for doc in gold_docs:
        n_docs += 1
        doc_id = str(doc.get("doc_id", n_docs - 1))
        res = score_document(doc.get("timexes") or [], predictions.get(doc_id) or [],
                             doc_id=doc_id, text=doc.get("text"))
        total.add(res.counts)
        for key, tc in res.by_type.items():
            types.setdefault(key, TypeCounts()).add(tc)
        if keep_errors:
            errors.extend(res.errors)
    out = {"documents": n_docs, **metrics_from_counts(total),
           "by_type": {k: _type_metrics(v) for k, v in sorted(types.items())}}
    if keep_errors:
        out["errors"] = errors
    return out


class EvalFileError(ValueError):
    """A gold or prediction JSONL file that cannot be read; the message names the file and line."""


def _jsonl_records(path: str, required: str, kind: type) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; the object must have `required` of `kind`
    and a list of timex objects with int start/end under 'timexes'. EvalFileError names file and line."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise EvalFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalFileError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get(required), kind):
                raise EvalFileError(f"{path}:{lineno}: expected an object with a {kind.__name__} {required!r}")
            timexes = obj.get("timexes")
            if not isinstance(timexes, list) or not all(
                isinstance(t, dict) and isinstance(t.get("start"), int) and isinstance(t.get("end"), int)
                for t in timexes
            ):
                raise EvalFileError(f"{path}:{lineno}: 'timexes' must be a list of objects with int start/end")
            yield lineno, obj


def load_gold(path: str) -> list[dict[str, Any]]:
    """Read a gold JSONL file (one document per line) and check each line's shape."""
    docs = []
    for lineno, doc in _jsonl_records(path, "text", str):
        doc.setdefault("doc_id", f"{path}:{lineno}")
        docs.append(doc)
    return docs


def load_predictions(path: str) -> dict[str, list[dict[str, Any]]]:
    """Read predictions in the `timeline tag --jsonl` output shape: lines {"id": str, "timexes": [...]}."""
    preds: dict[str, list[dict[str, Any]]] = {}
    for lineno, obj in _jsonl_records(path, "id", str):
        if obj["id"] in preds:
            raise EvalFileError(f"{path}:{lineno}: duplicate id {obj['id']!r}")
        preds[obj["id"]] = obj["timexes"]
    return preds


def _shape(value: str | None) -> str:
    """A value's form with digits as 9, so 2023-06-09 and 1998-01-08 group together."""
    return "".join("9" if ch.isdigit() else ch for ch in (value or "")) or '""'


def error_summary(errors: Iterable[Mapping[str, Any]], top: int = 10) -> dict[str, list[tuple[str, int]]]:
    """The most frequent error patterns, to decide what to fix first.

    `wrong_value`: gold value shape -> predicted value shape; `miss` and
    `false_alarm`: the lower-cased expression text; `wrong_span`: gold text ->
    predicted text; `wrong_type`: gold type -> predicted type.
    """
    from collections import Counter

    groups: dict[str, Counter] = {}
    for e in errors:
        g, p = e.get("gold") or {}, e.get("pred") or {}
        kind = e["kind"]
        if kind == "wrong_value":
            key = f"{_shape(g.get('value'))} -> {_shape(p.get('value'))}"
        elif kind == "wrong_type":
            key = f"{g.get('type')} -> {p.get('type')}"
        elif kind == "wrong_span":
            key = f"{(g.get('text') or '').lower()!r} -> {(p.get('text') or '').lower()!r}"
        else:
            key = repr(((g or p).get("text") or "").lower())
        groups.setdefault(kind, Counter())[key] += 1
    return {kind: c.most_common(top) for kind, c in sorted(groups.items())}
