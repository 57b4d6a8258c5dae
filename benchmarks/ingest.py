"""Ingest throughput and memory: articles/s and events/s into SQLite and PostgreSQL.

The bundled sample corpus (timeline.samples.SAMPLE_DIR, or --corpus DIR) is read once
and scaled up to N documents by making variants: variant k of an article has every
year in its text and publication date shifted by a different number of years and a
reference line appended, so each variant has its own content hash, its events land on
other dates (new events) or on dates seen before (merges), as in a real growing
archive. The variants stream through the real pipeline (resolve_published ->
timeline.events.extract -> Store.add), never all in memory at once.

Each (backend, size) runs in a fresh subprocess so that its peak RSS
(VmHWM) is the run's own; equal peaks across sizes show that memory
stays flat as the corpus grows. Rates are given per wall-clock second and per CPU
second of the process (the machine is shared; CPU time is the one-core figure).
Extraction time is measured apart so the store's own cost is visible.

A second part fills a store with synthetic reports (10,000 x 10 dated events by
default) and times the query API the app calls on every filter change.

With `--workers 1,2` it measures the Dask ingest instead (`timeline ingest --workers N`,
timeline/parallel.py): `--docs` distinct articles written by benchmarks/newsgen.py (realistic
variety: theatres, actors, towns, kinds of happening, repeated reports, txt/md/html/JSONL), at
each corpus size, ingested with each number of workers, each in a fresh process: articles per
second (wall clock, with and without the cluster's start), the speed-up over one worker, the
CPU seconds of the workers and of this process (which stores), the peak memory of every worker
and of the writer, and the load average before and after. Workers "0" is the single-process
command, for reference. Results: results/ingest_parallel.json.

    python3 benchmarks/ingest.py                       # sizes 1000,3000,10000 on both backends
    python3 benchmarks/ingest.py --sizes 500 --backends sqlite --query-docs 500
    python3 benchmarks/ingest.py --workers 1,2 --docs 5000,20000 --backends sqlite,postgresql
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]

RESULTS = REPO / "benchmarks" / "results" / "ingest.json"
PARALLEL_RESULTS = REPO / "benchmarks" / "results" / "ingest_parallel.json"
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
    from timeline.parallel import peak_rss_mb
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
    rss_before = peak_rss_mb()
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
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_before_ingest_mb": rss_before,
    }


def synthetic_store(url: str, n_docs: int, events_per_doc: int = 10, seed: int = 1) -> None:
    """Fill `url` with `n_docs` generated reports of `events_per_doc` dated events each (store only)."""
    import random
    from datetime import timedelta

    from timeline.model import Actor, Document, Event, Place
    from timeline.store import Store

    rnd = random.Random(seed)
    actors = [Actor(n, "country", c) for n, c in (("Iran", "IR"), ("Russia", "RU"), ("Ukraine", "UA"),
                                                   ("Belarus", "BY"), ("United States", "US"))]
    actors += [Actor(f"Unit {i}", "military") for i in range(200)]
    places = [Place(f"Town {i}", "UA", 44 + 8 * rnd.random(), 24 + 15 * rnd.random(), "city") for i in range(500)]
    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Strategic developments", "Other"]
    words = ("drone strike shelling convoy depot factory shipment missile attack village bridge power plant "
             "sanctions talks").split()
    start = date(2022, 2, 24)
    with Store(url) as store:
        for i in range(n_docs):
            days = [start + timedelta(days=rnd.randrange(900)) for _ in range(events_per_doc)]
            sentences = [f"On {d.isoformat()} a {' '.join(rnd.sample(words, 4))} near {rnd.choice(places).name} "
                         f"was reported ({i}-{k})." for k, d in enumerate(days)]
            text = " ".join(sentences)
            doc = Document(text=text, publisher=f"Outlet {i % 20}", published=start + timedelta(days=rnd.randrange(900)))
            events, pos = [], 0
            for d, s in zip(days, sentences):
                at = text.index(s, pos)
                pos = at + len(s)
                events.append(Event(d, d, "day", d.isoformat(), d.isoformat(), s[14:], s, at, pos, at + 3, at + 13,
                                    event_type=rnd.choice(types), actors=rnd.sample(actors, 2),
                                    places=[rnd.choice(places)], confidence=round(rnd.random(), 2)))
            store.add(doc, events)


def time_queries(url: str) -> dict:
    """Best of three timings (ms) of the calls the app makes on every filter change, and two exports."""
    from timeline.model import EventFilter as F
    from timeline.store import Store, load_events

    calls = {
        "count()": lambda s: s.count(),
        "events(limit=50)": lambda s: s.events(limit=50),
        "events(limit=50, offset=50000, -date)": lambda s: s.events(limit=50, offset=50000, order="-date"),
        "events(actor, limit=50)": lambda s: s.events(F(actors=["Iran"]), limit=50),
        "count(2-month window)": lambda s: s.count(F(date_from=date(2023, 1, 1), date_to=date(2023, 3, 1))),
        "count(search 'drone factory')": lambda s: s.count(F(search="drone factory")),
        "count(source)": lambda s: s.count(F(sources=["Outlet 3"])),
        "counts_by_period(month)": lambda s: s.counts_by_period(period="month"),
        "counts_by_period(week)": lambda s: s.counts_by_period(period="week"),
        "counts_by_period(day, actor)": lambda s: s.counts_by_period(F(actors=["Iran"]), period="day"),
        "facets()": lambda s: s.facets(),
        "facets(type + dates)": lambda s: s.facets(F(event_types=["Battles"], date_from=date(2023, 1, 1))),
        "event(id)": lambda s: s.event(1),
        "documents()": lambda s: s.documents(),
    }
    out: dict = {}
    with Store(url) as store:
        out["events"] = store.count()
        for name, call in calls.items():
            best = min(_timed(call, store) for _ in range(3))
            out[name] = round(best * 1000, 1)
        out["events() all, full records"] = round(_timed(lambda s: s.events(), store) * 1000, 1)
        out["load_events() all"] = round(_timed(lambda s: load_events(s), store) * 1000, 1)
    return out


def _timed(call, store) -> float:  # noqa: ANN001
    t = time.perf_counter()
    call(store)
    return time.perf_counter() - t


def _in_fresh_process(args: list[str], what: str) -> dict:
    """Run this script with `args` in a new interpreter (its own peak memory); its last stdout line is JSON."""
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{what} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_worker(backend: str, size: int, url: str, corpus: Path) -> dict:
    return _in_fresh_process(["--worker", backend, str(size), url, "--corpus", str(corpus)], f"{backend} x {size}")


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


def print_query_table(queries: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"query API, ms (best of 3) at {queries[0]['events']} events")
    table.add_column("call")
    for q in queries:
        table.add_column(q["backend"], justify="right")
    for name in queries[0]:
        if name not in ("backend", "events", "fill_s"):
            table.add_row(name, *(str(q[name]) for q in queries))
    Console(width=160).print(table)


def parallel_worker(backend: str, size: int, url: str, corpus: Path, workers: int) -> dict:
    """One run in this (fresh) process: `timeline ingest [--workers N]` of `corpus` into `url`, measured."""
    import os

    from timeline.parallel import ParallelStats, ingest_paths_parallel, peak_rss_mb
    from timeline.pipeline import ingest_paths
    from timeline.store import Store

    import timeline.pipeline as pipeline

    load_before = os.getloadavg()
    store = Store(url)
    stats = ParallelStats()
    up: list[float] = []
    cpu0, wall0 = time.process_time(), time.perf_counter()
    if workers == 0:  # the single-process command; its store time measured as the writer's is
        store_prepared = pipeline.store_prepared

        def timed_store(*a, **kw):  # noqa: ANN002, ANN003, ANN202
            c = time.thread_time()
            try:
                return store_prepared(*a, **kw)
            finally:
                stats.store_cpu_s += time.thread_time() - c

        pipeline.store_prepared = timed_store
        summary = ingest_paths([corpus], store, progress=False)
        up.append(wall0)
    else:
        summary = ingest_paths_parallel([corpus], store, workers=workers, progress=False, stats=stats,
                                        on_client=lambda _c: up.append(time.perf_counter()))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    store.close()
    startup = up[0] - wall0
    n = summary.documents_added
    worker_rss = sorted(stats.worker_peak_rss_mb.values())
    return {
        "backend": backend, "documents": size, "workers": workers,
        "documents_added": n, "documents_failed": summary.documents_failed, "first_failures": summary.failed[:3],
        "events_added": summary.events_added, "events_merged": summary.events_merged,
        "wall_s": round(wall, 2), "startup_s": round(startup, 2),
        "articles_per_s": round(n / wall, 1), "articles_per_s_after_startup": round(n / (wall - startup), 1),
        "writer_cpu_s": round(cpu, 2), "writer_cpu_ms_per_article": round(1000 * cpu / max(n, 1), 2),
        "store_cpu_ms_per_article": round(1000 * stats.store_cpu_s / max(n, 1), 2),
        "prepare_cpu_ms_per_article": round(1000 * (stats.worker_cpu_s if workers else cpu - stats.store_cpu_s)
                                            / max(n, 1), 2),
        "worker_cpu_s": round(stats.worker_cpu_s, 2),
        "worker_cpu_ms_per_article": round(1000 * stats.worker_cpu_s / max(n, 1), 2) if workers else None,
        "batches": stats.batches, "batches_split": stats.split_batches,
        "worker_peak_rss_mb": worker_rss, "writer_peak_rss_mb": peak_rss_mb(),
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
    }


def run_parallel_worker(backend: str, size: int, url: str, corpus: Path, workers: int) -> dict:
    return _in_fresh_process(["--pworker", backend, str(size), url, str(corpus), str(workers)],
                             f"{backend} x {size} x {workers} workers")


def print_parallel_table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="ingest on Dask: generated articles (rates per wall-clock second)")
    for name in ("backend", "docs", "workers", "wall s", "start s", "art/s", "art/s after start", "speed-up",
                 "read+extract CPU ms/art", "store CPU ms/art", "writer CPU ms/art", "peak MB per worker",
                 "writer peak MB", "load 1 min"):
        table.add_column(name, justify="right")
    for r in rows:
        table.add_row(r["backend"], str(r["documents"]), str(r["workers"] or "none"), str(r["wall_s"]),
                      str(r["startup_s"]), str(r["articles_per_s"]), str(r["articles_per_s_after_startup"]),
                      str(r.get("speedup_vs_1_worker", "")), str(r["prepare_cpu_ms_per_article"]),
                      str(r["store_cpu_ms_per_article"]), str(r["writer_cpu_ms_per_article"]),
                      ", ".join(map(str, r["worker_peak_rss_mb"])),
                      str(r["writer_peak_rss_mb"]), f"{r['load_before'][0]} -> {r['load_after'][0]}")
    Console(width=200).print(table)


def start_backends(names: str) -> tuple[list[str], object | None, list[str]]:
    """The backends to run (postgresql dropped, with a note, when no server can start) and the server."""
    from timeline.store.pgtemp import PostgresUnavailable, TempPostgres

    backends, notes, pg = names.split(","), [], None
    if "postgresql" in backends:
        try:
            pg = TempPostgres().start()
        except PostgresUnavailable as exc:
            notes.append(f"postgresql skipped: {exc}")
            backends.remove("postgresql")
    return backends, pg, notes


def run_parallel(args: argparse.Namespace) -> None:
    """The Dask benchmark (see module docstring)."""
    import os

    from newsgen import write_corpus

    workers = [int(w) for w in args.workers.split(",")]
    sizes = [int(d) for d in args.docs.split(",")]
    rows: list[dict] = []
    backends, pg, notes = start_backends(args.backends)
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-bench-par-") as tmp:
            for size in sizes:
                corpus = Path(tmp) / f"corpus-{size}"
                t0 = time.perf_counter()
                formats = write_corpus(corpus, size, seed=args.seed)
                print(f"generated {size} articles {formats} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
                for backend in backends:
                    for w in workers:
                        url = (f"sqlite:///{tmp}/{backend}-{size}-{w}.db" if backend == "sqlite"
                               else pg.new_database())
                        row = run_parallel_worker(backend, size, url, corpus, w)
                        row["formats"] = formats
                        print(f"{backend:10s} {size:6d} docs, {w} workers: {row['articles_per_s']} art/s "
                              f"({row['articles_per_s_after_startup']} after start), peak per worker "
                              f"{row['worker_peak_rss_mb']} MB, load {row['load_before'][0]} -> "
                              f"{row['load_after'][0]}", file=sys.stderr)
                        rows.append(row)
                        _write_parallel(args, rows, notes, partial=True)
                shutil.rmtree(corpus)
    finally:
        if pg is not None:
            pg.stop()
    for r in rows:
        base = next((b for b in rows if b["backend"] == r["backend"] and b["documents"] == r["documents"]
                     and b["workers"] == 1), None)
        if base and r["workers"]:
            r["speedup_vs_1_worker"] = round(r["articles_per_s"] / base["articles_per_s"], 2)
            r["speedup_vs_1_worker_after_startup"] = round(
                r["articles_per_s_after_startup"] / base["articles_per_s_after_startup"], 2)
    print_parallel_table(rows)
    for note in notes:
        print(note)
    print(f"wrote {_write_parallel(args, rows, notes, partial=False)}")


def _write_parallel(args: argparse.Namespace, rows: list[dict], notes: list[str], *, partial: bool) -> Path:
    """The JSON results, rewritten after every run (a long benchmark interrupted keeps what it measured)."""
    import os

    out = args.out if args.out != RESULTS else PARALLEL_RESULTS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "benchmark": "ingest_parallel", "generator": "benchmarks/newsgen.py", "seed": args.seed,
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "partial": partial, "notes": notes, "runs": rows, "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }, indent=2) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,3000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--corpus", type=Path, default=None, help="folder to scale up (default: the sample corpus)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--query-docs", type=int, default=10000,
                    help="synthetic reports (10 events each) for the query timings; 0 skips them")
    ap.add_argument("--worker", nargs=3, metavar=("BACKEND", "SIZE", "URL"), help=argparse.SUPPRESS)
    ap.add_argument("--workers", default=None, metavar="LIST",
                    help="measure the Dask ingest with these numbers of workers (e.g. 1,2; 0 = no Dask) instead")
    ap.add_argument("--docs", default="5000,20000", help="with --workers: generated corpus sizes")
    ap.add_argument("--seed", type=int, default=1, help="with --workers: the generator's seed")
    ap.add_argument("--pworker", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.pworker:
        backend, size, url, corpus, w = args.pworker
        print(json.dumps(parallel_worker(backend, int(size), url, Path(corpus), int(w))))
        return
    if args.workers:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        run_parallel(args)
        return
    if args.corpus is None:
        from timeline.samples import SAMPLE_DIR

        args.corpus = Path(SAMPLE_DIR)
    # a SIGTERM still runs the finally blocks below (stopping the PostgreSQL server)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.worker:
        backend, size, url = args.worker
        print(json.dumps(worker(backend, int(size), url, args.corpus)))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    rows, queries = [], []
    backends, pg, notes = start_backends(args.backends)
    try:
        with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
            for backend in backends:
                for size in sizes:
                    url = f"sqlite:///{tmp}/{backend}-{size}.db" if backend == "sqlite" else pg.new_database()
                    row = run_worker(backend, size, url, args.corpus)
                    print(f"{backend:10s} {size:6d} docs: {row['articles_per_s_cpu']} art/s CPU, "
                          f"{row['articles_per_s_wall']} art/s wall, peak {row['peak_rss_mb']} MB", file=sys.stderr)
                    rows.append(row)
            for backend in backends if args.query_docs else []:
                url = f"sqlite:///{tmp}/{backend}-queries.db" if backend == "sqlite" else pg.new_database()
                t0 = time.perf_counter()
                synthetic_store(url, args.query_docs)
                timings = {"backend": backend, "fill_s": round(time.perf_counter() - t0, 1), **time_queries(url)}
                print(f"{backend:10s} queries at {timings['events']} events: {timings}", file=sys.stderr)
                queries.append(timings)
    finally:
        if pg is not None:
            pg.stop()
    print_table(rows)
    if queries:
        print_query_table(queries)
    for note in notes:
        print(note)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "benchmark": "ingest", "corpus": str(args.corpus.relative_to(REPO) if args.corpus.is_relative_to(REPO)
                                               else args.corpus),
        "python": platform.python_version(), "machine": platform.machine(), "notes": notes, "runs": rows,
        "query_ms": queries,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
