"""Ingest throughput and memory: articles/s and events/s into SQLite and PostgreSQL.

The bundled sample corpus (timeline.samples.SAMPLE_DIR, or --corpus DIR) is read once
and scaled up to N documents by making variants: variant k of an article has every
year in its text and publication date shifted by a different number of years and a
reference line appended, so each variant has its own content hash, its events land on
other dates (new events) or on dates seen before (merges), as in a real growing
archive. The variants stream through the real pipeline (resolve_published ->
timeline.events.extract -> Store.add), never all in memory at once.

Each (backend, size) runs in a fresh subprocess so that its peak RSS
(resource.getrusage) is the run's own; equal peaks across sizes show that memory
stays flat as the corpus grows. Rates are given per wall-clock second and per CPU
second of the process (the machine is shared; CPU time is the one-core figure).
Extraction time is measured apart so the store's own cost is visible.

    python3 benchmarks/ingest.py                       # sizes 1000,3000,10000 on both backends
    python3 benchmarks/ingest.py --sizes 500 --backends sqlite
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RESULTS = REPO / "benchmarks" / "results" / "ingest.json"
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
#: year shifts of the variants: 40 distinct shifts, so 40 x the corpus's distinct event dates at most
SHIFTS = [s for s in range(-20, 21) if s != 0]


def base_documents(corpus: Path) -> list:
    from timeline.ingest import IngestError, read_paths

    docs = [d for d in read_paths([corpus]) if not isinstance(d, IngestError)]
    if not docs:
        raise SystemExit(f"no readable documents in {corpus}")
    return docs


def _shift_date(d: date | None, years: int) -> date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def variants(docs: list, n: int) -> Iterator:
    """`n` distinct documents made from `docs` (see module docstring)."""
    for i in range(n):
        doc = docs[i % len(docs)]
        round_ = i // len(docs)
        shift = 0 if round_ == 0 else SHIFTS[(round_ - 1) % len(SHIFTS)]
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), doc.text) if shift else doc.text
        if round_:
            text += f"\n\nArchive reference {round_}."
        yield dataclasses.replace(doc, text=text, id="", published=_shift_date(doc.published, shift),
                                  origin=f"{doc.origin}#variant{round_}")


def worker(backend: str, size: int, url: str, corpus: Path) -> dict:
    """One run in this (fresh) process: ingest `size` variants into `url`, measure."""
    from timeline.events import extract
    from timeline.pipeline import ingest_documents
    from timeline.store import Store

    docs = base_documents(corpus)
    extract(docs[0])  # load the tagger's tables before timing
    extract_cpu = 0.0
    extract_wall = 0.0

    def timed_extract(doc):
        nonlocal extract_cpu, extract_wall
        c, w = time.process_time(), time.perf_counter()
        try:
            return extract(doc)
        finally:
            extract_cpu += time.process_time() - c
            extract_wall += time.perf_counter() - w

    store = Store(url)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu0, wall0 = time.process_time(), time.perf_counter()
    summary = ingest_documents(variants(docs, size), store, extract=timed_extract, progress=False)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    stats = store.stats()
    store.close()
    n_docs = summary.documents_added
    n_events = summary.events_added + summary.events_merged
    return {
        "backend": backend, "documents": size, "base_documents": len(docs),
        "documents_added": n_docs, "documents_failed": summary.documents_failed,
        "first_failures": summary.failed[:3],
        "events_extracted": n_events, "events_stored": stats["events"], "events_merged": summary.events_merged,
        "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
        "articles_per_s_wall": round(n_docs / wall, 1), "articles_per_s_cpu": round(n_docs / cpu, 1),
        "events_per_s_wall": round(n_events / wall, 1), "events_per_s_cpu": round(n_events / cpu, 1),
        "extract_cpu_s": round(extract_cpu, 2),
        "store_articles_per_s_cpu": round(n_docs / max(cpu - extract_cpu, 1e-9), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_ingest_mb": round(rss_before / 1024, 1),
    }


def run_worker(backend: str, size: int, url: str, corpus: Path) -> dict:
    cmd = [sys.executable, __file__, "--worker", backend, str(size), url, "--corpus", str(corpus)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{backend} x {size} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="ingest: sample corpus scaled up (rates per wall s / per CPU s of the process)")
    cols = [("backend", "backend"), ("docs", "documents"), ("events", "events_extracted"),
            ("stored", "events_stored"), ("wall s", "wall_s"), ("art/s wall", "articles_per_s_wall"),
            ("art/s CPU", "articles_per_s_cpu"), ("ev/s CPU", "events_per_s_cpu"),
            ("store-only art/s CPU", "store_articles_per_s_cpu"), ("peak RSS MB", "peak_rss_mb")]
    for name, _ in cols:
        table.add_column(name, justify="right")
    for r in rows:
        table.add_row(*(str(r[k]) for _, k in cols))
    Console(width=160).print(table)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,3000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--corpus", type=Path, default=None, help="folder to scale up (default: the sample corpus)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--worker", nargs=3, metavar=("BACKEND", "SIZE", "URL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.corpus is None:
        from timeline.samples import SAMPLE_DIR

        args.corpus = Path(SAMPLE_DIR)
    if args.worker:
        backend, size, url = args.worker
        print(json.dumps(worker(backend, int(size), url, args.corpus)))
        return

    from timeline.store.pgtemp import PostgresUnavailable, TempPostgres

    sizes = [int(s) for s in args.sizes.split(",")]
    backends = args.backends.split(",")
    rows, notes = [], []
    pg = None
    if "postgresql" in backends:
        try:
            pg = TempPostgres().start()
        except PostgresUnavailable as exc:
            notes.append(f"postgresql skipped: {exc}")
            backends.remove("postgresql")
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
            for backend in backends:
                for size in sizes:
                    url = f"sqlite:///{tmp}/{backend}-{size}.db" if backend == "sqlite" else pg.new_database()
                    row = run_worker(backend, size, url, args.corpus)
                    print(f"{backend:10s} {size:6d} docs: {row['articles_per_s_cpu']} art/s CPU, "
                          f"{row['articles_per_s_wall']} art/s wall, peak {row['peak_rss_mb']} MB", file=sys.stderr)
                    rows.append(row)
    finally:
        if pg is not None:
            pg.stop()
    print_table(rows)
    for note in notes:
        print(note)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "benchmark": "ingest", "corpus": str(args.corpus.relative_to(REPO) if args.corpus.is_relative_to(REPO)
                                               else args.corpus),
        "python": platform.python_version(), "machine": platform.machine(), "notes": notes, "runs": rows,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
