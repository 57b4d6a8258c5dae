"""Gazetteer footprint: cold load, index build, ingest of one document (time and peak RSS), scan speed.

Each figure comes from fresh interpreters, so nothing is warm but the on-disk cache:

- load: `timeline.gazetteer.lexicon.index()` plus one `scan()` in a new process, with the place index
  already cached (what every `timeline ingest` after the first pays);
- build: the place index built into an empty cache directory (what the first use pays, once), and
  that child process's peak RSS;
- ingest: a cold `timeline ingest` of one sample document into a new SQLite file, wall time and the
  process's peak RSS (VmHWM);
- scan: `scan()` over the sample corpus repeated, chars/s on one core.

`--peer DIR` runs the load, ingest and scan figures on another checkout too (e.g. the main branch),
in the same run, so the ratio means something on a shared machine.

    python3 benchmarks/gazetteer.py [--runs 3] [--build] [--peer /path/to/other/checkout]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "gazetteer.json"
SAMPLE = "timeline/samples/articles/2023-06-10-alabuga-factory.html"

_LOAD = """
import time
t = time.perf_counter()
from timeline.gazetteer.lexicon import index
from timeline.gazetteer import scan
index(); scan("Shelling hit Kupiansk, Kharkiv region, on Monday.")
print(time.perf_counter() - t)
"""

_INGEST = """
import sys, time
t = time.perf_counter()
from timeline.cli import main
sys.argv = ["timeline", "ingest", "--db", sys.argv[1], sys.argv[2], "--published", "2023-06-10"]
try:
    main()
except SystemExit:
    pass
wall = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(wall, hwm / 1024)
"""

_SCAN = """
import sys, time
from pathlib import Path
from timeline.gazetteer import scan
from timeline.ingest import read_paths
from timeline.model import Document
root = Path("timeline/samples/articles")
texts = [d.text for d in read_paths(sorted(root.iterdir())) if isinstance(d, Document)]
scan(texts[0])
best = 0.0
for _ in range(3):
    t = time.process_time(); n = 0
    for _ in range(20):
        for text in texts:
            scan(text); n += len(text)
    best = max(best, n / (time.process_time() - t))
print(best)
"""


def _run(code: str, root: Path, *args: str, env: dict | None = None) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=root, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(root), **(env or {})}, check=True)
    return [float(x) for x in out.stdout.split()[-2:]] if " " in out.stdout.strip() else [float(out.stdout.split()[-1])]


def measure(root: Path, runs: int) -> dict:
    loads = [_run(_LOAD, root)[0] for _ in range(runs)]
    ingests = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            ingests.append(_run(_INGEST, root, f"sqlite:///{tmp}/t.db", str(root / SAMPLE)))
    return {
        "load_s_median": statistics.median(loads), "load_s_all": loads,
        "ingest_one_doc_s_median": statistics.median(i[0] for i in ingests),
        "ingest_one_doc_peak_rss_mb_max": max(i[1] for i in ingests),
        "scan_chars_per_cpu_s": _run(_SCAN, root)[0],
    }


def build_once() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import time, resource; t = time.perf_counter(); from timeline.gazetteer import placeindex; "
                "placeindex.load(); print(time.perf_counter() - t, "
                "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
        wall, child_rss = _run(code, REPO, env={"TIMELINE_CACHE_DIR": tmp})
        size = sum(p.stat().st_size for p in Path(tmp).rglob("*.pickle"))
    return {"build_s": wall, "build_child_peak_rss_mb": child_rss, "index_file_mb": size / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--build", action="store_true", help="also time a build into an empty cache")
    ap.add_argument("--peer", type=Path, help="another checkout to measure in the same run")
    args = ap.parse_args()
    result = {"when": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(), "python": platform.python_version(),
              "this": measure(REPO, args.runs)}
    if args.peer:
        result["peer"] = {"path": str(args.peer), **measure(args.peer, args.runs)}
    if args.build:
        result["build"] = build_once()
    rows = [("this", result["this"])] + ([("peer", result["peer"])] if args.peer else [])
    print("| checkout | gazetteer cold load | cold ingest of one document | its peak RSS | scan chars/CPU s |")
    print("|---|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['load_s_median']:.2f} s | {r['ingest_one_doc_s_median']:.2f} s | "
              f"{r['ingest_one_doc_peak_rss_mb_max']:.0f} MB | {r['scan_chars_per_cpu_s']:,.0f} |")
    if args.build:
        b = result["build"]
        print(f"\nplace index build (first use, once): {b['build_s']:.1f} s, child peak RSS "
              f"{b['build_child_peak_rss_mb']:.0f} MB, cache file {b['index_file_mb']:.1f} MB")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
