"""Adversarial input shapes: ingest KB/s and tag MB/s, against ordinary text of the same size.

Shapes (each built to exactly SIZE bytes of UTF-8, as one document):

  ordinary      the bundled sample articles, repeated (lines, sentences, punctuation)
  one_line      the same text joined on one line
  no_punct      the same text on one line with every punctuation mark removed
  holidays      "Easter" and "Independence Day" over and over, no country or church named
  dates         thousands of dates ("on 3 March 2022, 14/05/2023 and 2021-11-30 ...")
  places        thousands of place names from the gazetteer, in sentences about shelling
  numbers       dense numbers (counts, decimals, four-digit numbers that look like years)

Ingest is the real pipeline on a fresh SQLite file (read the file -> furniture -> publication
date, inferred since none is given -> language -> extract -> store); tag is `timeline.temporal.analyse(text, dct)`. Both are timed after a
warm-up on 10 KB of the same shape (the gazetteer index and the tagger's rule groups are built once
per process, ~6 s, not per document). Each measurement runs
in its own subprocess with a time limit, so a shape that is still slow shows as "> LIMIT s"
instead of hanging the run. Rates are per wall-clock second and, for ingest, also per CPU second of
the measuring process (`rate_cpu` in the JSON; on a shared machine the CPU figure moves less).
Targets (issue 13): ingest >= 100 KB/s at 1 MB, tag >= 1 MB/s.

    python3 benchmarks/adversarial.py                          # 100 KB and 1 MB
    python3 benchmarks/adversarial.py --sizes 100000,1000000,10000000 --limit 600
    python3 benchmarks/adversarial.py --what ingest --out benchmarks/results/adversarial_ingest.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "benchmarks" / "results" / "adversarial.json"
SHAPES = ("ordinary", "one_line", "no_punct", "holidays", "dates", "places", "numbers")
DCT = date(2023, 6, 13)


def _ordinary_seed() -> str:
    from timeline.ingest import IngestError, read_paths
    from timeline.samples import SAMPLE_DIR

    docs = [d for d in read_paths([SAMPLE_DIR]) if not isinstance(d, IngestError)]
    return "\n\n".join(d.text for d in docs) + "\n\n"


def _places_seed() -> str:
    names = []
    path = REPO / "timeline" / "gazetteer" / "data" / "places.tsv"
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        name = line.split("\t", 1)[0].strip()
        if name and not name.startswith("#"):
            names.append(name)
    parts = []
    for i in range(0, len(names), 6):
        group = names[i:i + 6]
        parts.append(f"Shelling hit {', '.join(group)} on {3 + i % 25} March 2022, officials said. ")
    return "".join(parts)


def build(shape: str, size: int) -> str:
    """A text of `shape`, exactly `size` bytes of UTF-8 (cut at a character boundary)."""
    if shape in ("ordinary", "one_line", "no_punct"):
        seed = _ordinary_seed()
        if shape == "one_line":
            seed = " ".join(seed.split()) + " "
        elif shape == "no_punct":
            seed = " ".join(re.sub(r"[^\w\s]", " ", seed).split()) + " "
    elif shape == "holidays":
        seed = "Crowds marked Easter in the square. The Independence Day parade was cancelled. Easter services went on. "
    elif shape == "dates":
        seed = ("Strikes were reported on 3 March 2022, 14/05/2023 and 2021-11-30, then on Monday, "
                "last week, in June 2019 and between 1 and 4 April 2020. ")
    elif shape == "places":
        seed = _places_seed()
    elif shape == "numbers":
        seed = ("1500 troops 2231 4.5 2022 99 31 12 1999 3,400 0.75 2024 10 17 20000 1812 7 2001 "
                "365 24 1000000 12.5 2018 64 1941 ")
    else:
        raise SystemExit(f"unknown shape {shape!r}")
    data = (seed * (size // len(seed.encode("utf-8")) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore")


def measure(shape: str, size: int, what: str) -> dict:
    """One measurement in this process (the parent runs it in a subprocess)."""
    text = build(shape, size)
    nbytes = len(text.encode("utf-8"))
    if what == "tag":
        from timeline.temporal import analyse

        analyse(build(shape, 10_000), DCT)  # warm-up: rule groups compile on first use
        t0, c0 = time.perf_counter(), time.process_time()
        n = len(analyse(text, DCT).timexes)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        return {"seconds": seconds, "cpu_seconds": cpu, "bytes": nbytes, "timexes": n,
                "rate": nbytes / seconds / 1e6, "rate_cpu": nbytes / cpu / 1e6, "unit": "MB/s"}
    from timeline.pipeline import ingest_paths
    from timeline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        # warm-up on 10 KB of the same shape in another store: the gazetteer's index and the
        # tagger's rule groups are built once per process, not per document
        warm = Path(tmp) / "warm.txt"
        warm.write_text(build(shape, 10_000), encoding="utf-8")
        with Store(Path(tmp) / "warm.db") as store:
            ingest_paths([warm], store, progress=False)
        src = Path(tmp) / f"{shape}.txt"
        src.write_text(text, encoding="utf-8")
        with Store(Path(tmp) / "t.db") as store:
            t0, c0 = time.perf_counter(), time.process_time()
            summary = ingest_paths([src], store, progress=False)  # no date given: inference runs too
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            events = store.count()
    return {"seconds": seconds, "cpu_seconds": cpu, "bytes": nbytes, "events": events, "failed": summary.failed,
            "rate": nbytes / seconds / 1e3, "rate_cpu": nbytes / cpu / 1e3, "unit": "KB/s"}


def run_one(shape: str, size: int, what: str, limit: float) -> dict:
    cmd = [sys.executable, __file__, "--one", f"{shape},{size},{what}"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, env=env, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": limit}
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:] or ["exit %d" % out.returncode]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(r: dict, key: str = "rate") -> str:
    if "timeout" in r:
        return f"> {r['timeout']:.0f} s"
    if "error" in r:
        return "error"
    if "skipped" in r or key not in r:
        return "–"
    return f"{r[key]:,.0f}" if r["unit"] == "KB/s" else f"{r[key]:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--limit", type=float, default=300.0, help="seconds allowed per measurement")
    ap.add_argument("--what", default="ingest,tag", help="ingest, tag or both (comma-separated)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        shape, size, what = args.one.split(",")
        print(json.dumps(measure(shape, int(size), what)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    results: dict[str, dict[str, dict[str, dict]]] = {}
    for size in sizes:
        for shape in shapes:
            for what in ("ingest", "tag"):
                if what not in args.what.split(","):
                    results.setdefault(str(size), {}).setdefault(shape, {})[what] = {"skipped": True}
                    continue
                r = run_one(shape, size, what, args.limit)
                results.setdefault(str(size), {}).setdefault(shape, {})[what] = r
                print(f"  {size:>9,} {shape:<9} {what:<6} {_fmt(r)} {r.get('unit', '')}", file=sys.stderr, flush=True)
    lines = ["| shape | size | ingest KB/s | ingest KB/CPU-s | ratio to ordinary | tag MB/s | ratio to ordinary | events |",
             "|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        base = results[str(size)].get("ordinary", {})
        for shape in shapes:
            r = results[str(size)][shape]
            ratios = []
            for what in ("ingest", "tag"):
                b, x = base.get(what, {}), r[what]
                ratios.append(f"{x['rate'] / b['rate']:.2f}" if "rate" in b and "rate" in x else "–")
            lines.append(f"| {shape} | {size / 1e6:g} MB | {_fmt(r['ingest'])} | {_fmt(r['ingest'], 'rate_cpu')} | "
                         f"{ratios[0]} | {_fmt(r['tag'])} | {ratios[1]} | {r['ingest'].get('events', '–')} |")
    table = "\n".join(lines)
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "python": platform.python_version(), "limit_seconds": args.limit, "results": results, "table": table,
    }, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
