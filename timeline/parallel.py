"""`timeline ingest --workers N` / `--scheduler ADDRESS`: the same ingest, with the reading and
extraction on a Dask cluster and the writing here.

Why it is split this way:

* Reading, the publication date, language detection, tagging and extraction are pure functions
  of one document (`pipeline.prepare_one`) and take nearly all the time, so they run on Dask
  workers (a `LocalCluster` of N single-threaded processes, or an existing cluster), in batches
  of about `BATCH` documents so that the per-task cost of Dask stays small. Workers get units of
  input (a file, or a range of lines of a large JSONL feed: `timeline.ingest.path_units`), never
  a database connection, and send back documents and their events.
* This process alone writes, with the ordinary `Store.add`, one transaction per document, in the
  order of the input: the same order as `timeline ingest` without workers. So the merge of
  repeated reports, the store's ids and every other column come out the same whatever the number
  of workers and whichever worker finishes first; re-runs stay idempotent (a stored document is
  "unchanged"). Results are taken as they are needed, in order, while at most `PENDING_PER_WORKER`
  batches per worker thread are submitted ahead and not yet stored: a bounded reorder buffer, so
  memory stays flat however large the corpus is.
* A worker that dies mid-batch costs nothing but time: the scheduler runs its tasks again on
  another worker (the nanny restarts the dead one), and because tasks only compute, a task run
  twice stores nothing twice. A batch that still fails (a document that kills every worker it
  touches) is tried unit by unit, and a unit that fails alone is reported as a `failed:` line
  naming its file, like any other per-record error; the rest of the run goes on.

Dask is an optional extra (`pip install 'conflict-timeline[dask]'`); it is imported only here,
only when `--workers` or `--scheduler` is given.
"""
from __future__ import annotations

import logging
import os
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.ingest import IngestError
from timeline.ingest.readers import DEFAULT_MAX_BYTES, LinesUnit, Unit, path_units, read_unit
from timeline.pipeline import IngestSummary, Prepared, _Progress, count_files, prepare_one, store_prepared

if TYPE_CHECKING:
    from timeline.store import Store

#: documents per task: large enough that Dask's few milliseconds per task do not count
BATCH = 32
#: batches submitted but not yet stored, per worker thread (enough to keep every worker busy)
PENDING_PER_WORKER = 3
#: seconds to wait for a scheduler given by address before saying it cannot be reached
CONNECT_TIMEOUT = 10.0

Item = Unit | IngestError
#: per record: the reader's error or the prepared document, and the warnings it raised
Outcome = tuple[IngestError | Prepared, list[tuple[str, type, str, int]]]


class ParallelError(RuntimeError):
    """The cluster could not be used (Dask missing, scheduler unreachable, workers without timeline)."""


@dataclass(slots=True)
class BatchResult:
    outcomes: list[Outcome]
    cpu_s: float  # the worker's CPU seconds for this batch


@dataclass(slots=True)
class ParallelStats:
    """What the cluster did, for the benchmark: batches, workers' CPU, the writer's CPU in the store,
    batches retried unit by unit."""

    workers: int = 0
    batches: int = 0
    worker_cpu_s: float = 0.0
    store_cpu_s: float = 0.0  # this process's main thread inside Store.add
    split_batches: int = 0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)


# -- on the workers ----------------------------------------------------------------------------
_EXTRACT: Callable | None = None


def _extractor() -> Callable:
    global _EXTRACT
    if _EXTRACT is None:
        from timeline.pipeline import _default_extractor

        _EXTRACT = _default_extractor()
    return _EXTRACT


def warm_up() -> int:
    """Load the extractor's tables (and build the place index if this machine has none); returns the pid."""
    from timeline.model import Document

    _extractor()(Document(text="Russian forces shelled Kharkiv on 3 March 2022, officials said.",
                          published=date(2022, 3, 4)))
    return os.getpid()


def run_batch(items: list[Item], published: date | None, publisher: str | None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> BatchResult:
    """Read and prepare every record of `items`, in order (runs on a worker; touches no database)."""
    extract = _extractor()
    cpu = time.process_time()
    out: list[Outcome] = []
    for item in items:
        if isinstance(item, IngestError):
            out.append((item, []))
            continue
        for record, caught in _with_warnings(read_unit(item, max_bytes=max_bytes)):
            if not isinstance(record, IngestError):
                with warnings.catch_warnings(record=True) as more:
                    warnings.simplefilter("always")
                    record = prepare_one(record, extract=extract, published=published, publisher=publisher)
                caught += [_warning_fields(w) for w in more]
            out.append((record, caught))
    return BatchResult(out, time.process_time() - cpu)


def _with_warnings(records: Iterator) -> Iterator[tuple[Any, list]]:
    """Each record with the warnings raised while it was read (sent back and shown by the client)."""
    while True:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                record = next(records)
            except StopIteration:
                return
        yield record, [_warning_fields(w) for w in caught]


def _warning_fields(w: warnings.WarningMessage) -> tuple[str, type, str, int]:
    return str(w.message), w.category, w.filename, w.lineno


def dask_setup(worker: Any) -> None:
    """Run by Dask in each worker of our LocalCluster (its `preload`), restarted ones too.

    Ctrl+C reaches every process of the terminal's group: the command stops the run and closes the
    cluster itself, so the workers ignore the signal instead of each printing a traceback."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB; 0.0 where /proc is not available."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def _timeline_version() -> str:
    import timeline

    return getattr(timeline, "__version__", "?")


# -- on the client -----------------------------------------------------------------------------
def batches(paths: Iterable[str | os.PathLike[str]], size: int = BATCH) -> Iterator[list[Item]]:
    """The units of `paths` (as `read_paths` reads them, JSONL cut every `size` lines), grouped into
    batches of about `size` records, lazily: a directory or feed is never listed whole."""
    from timeline.untrusted import printable

    batch: list[Item] = []
    weight = 0
    for path in paths:
        try:
            for unit in path_units(path, lines_per_unit=size):
                batch.append(unit)
                weight += 1 if isinstance(unit, IngestError) else unit.records
                if weight >= size:
                    yield batch
                    batch, weight = [], 0
        except Exception as exc:  # as read_paths: walking one path failed, the others still go
            from timeline.ingest.readers import _unexpected

            batch.append(IngestError(printable(str(path)), _unexpected(exc)))
    if batch:
        yield batch


def ingest_paths_parallel(paths: Iterable[str | os.PathLike[str]], store: Store, *, workers: int | None = None,
                          scheduler: str | None = None, published: date | None = None,
                          publisher: str | None = None, progress: bool = True, batch_size: int = BATCH,
                          connect_timeout: float = CONNECT_TIMEOUT, stats: ParallelStats | None = None,
                          on_client: Callable[[Any], None] | None = None) -> IngestSummary:
    """`pipeline.ingest_paths` on Dask: a LocalCluster of `workers` processes, or the cluster at `scheduler`.

    Gives the same store and the same summary as the single-process ingest (see module docstring).
    `on_client(client)` is called once the workers are up (tests and benchmarks use it)."""
    paths = list(paths)
    stats = stats if stats is not None else ParallelStats()
    summary = IngestSummary()
    started = time.perf_counter()
    with _cluster(workers, scheduler, connect_timeout) as client:
        if scheduler:
            ensure_paths_visible(client, [Path(p) for p in paths])
        threads = sum(client.nthreads().values()) or 1
        stats.workers = len(client.nthreads())
        if on_client is not None:
            on_client(client)
        with _Progress(progress, count_files(paths) if progress else None) as bar:
            try:
                _run(client, batches(paths, batch_size), store, summary, bar, stats,
                     limit=max(2, PENDING_PER_WORKER * threads), published=published, publisher=publisher)
            except KeyboardInterrupt:
                summary.interrupted = True
            except ClusterLost as exc:
                summary.failed.append(("(the run)", f"{exc}; the documents counted are stored, run the "
                                                    f"command again to continue"))
        if not summary.interrupted and client.status == "running":
            try:
                stats.worker_peak_rss_mb = client.run(peak_rss_mb)
            except Exception:  # informational only: a worker leaving at the end must not fail the run
                pass
    summary.seconds = time.perf_counter() - started
    return summary


def _run(client: Any, work: Iterator[list[Item]], store: Store, summary: IngestSummary, bar: _Progress,
         stats: ParallelStats, *, limit: int, published: date | None, publisher: str | None) -> None:
    """Submit up to `limit` batches ahead; store each batch's records in input order as it arrives."""
    pending: dict[int, tuple[list[Item], Any]] = {}  # batch number -> (its items, future or local result)
    submitted = stored = 0
    try:
        while True:
            while len(pending) < limit:
                items = next(work, None)
                if items is None:
                    break
                if all(isinstance(i, IngestError) for i in items):  # nothing to read: no task needed
                    pending[submitted] = (items, BatchResult([(i, []) for i in items], 0.0))
                else:
                    pending[submitted] = (items, client.submit(run_batch, items, published, publisher,
                                                               pure=False, retries=1))
                submitted += 1
            if stored not in pending:
                return
            items, job = pending.pop(stored)
            result = job if isinstance(job, BatchResult) else _result(client, items, job, published, publisher,
                                                                          stats)
            stats.batches += 1
            stats.worker_cpu_s += result.cpu_s
            for outcome, caught in result.outcomes:
                for message, category, filename, lineno in caught:
                    warnings.warn_explicit(message, category, filename, lineno)
                if isinstance(outcome, IngestError):
                    summary.failed.append((outcome.origin, outcome.reason))
                    bar.seen(outcome.origin, summary)
                else:
                    cpu = time.thread_time()
                    store_prepared(outcome, store, summary)
                    stats.store_cpu_s += time.thread_time() - cpu
                    bar.seen(outcome.name, summary)
            stored += 1
    finally:
        for _, job in pending.values():
            if not isinstance(job, BatchResult):
                job.cancel()


def _result(client: Any, items: list[Item], future: Any, published: date | None, publisher: str | None,
            stats: ParallelStats) -> BatchResult:
    """The batch's result; if its task failed for good, each unit alone, and the units that fail alone
    as per-record errors naming their file."""
    try:
        return future.result()
    except Exception as exc:
        _check_connected(client, exc)
        if len(items) == 1:
            return BatchResult([(_lost(items[0], exc), [])], 0.0)
    stats.split_batches += 1
    singles = [i if isinstance(i, IngestError) else client.submit(run_batch, [i], published, publisher, pure=False)
               for i in items]
    out: list[Outcome] = []
    cpu = 0.0
    for item, single in zip(items, singles):
        if isinstance(single, IngestError):
            out.append((single, []))
            continue
        try:
            r = single.result()
        except Exception as exc:
            _check_connected(client, exc)
            out.append((_lost(item, exc), []))
            continue
        out += r.outcomes
        cpu += r.cpu_s
    return BatchResult(out, cpu)


class ClusterLost(ParallelError):
    """The scheduler stopped answering mid-run: what was stored stays, the rest is for a re-run."""


def _check_connected(client: Any, exc: BaseException) -> None:
    """A task failing because the scheduler is gone is not a per-record failure: stop the run."""
    if client.status not in ("running", "connecting"):
        raise ClusterLost(f"the Dask scheduler stopped answering ({type(exc).__name__}: {exc})") from None


def _lost(item: Item, exc: BaseException) -> IngestError:
    """The error for a unit no worker could process (its records were not read, so name the unit)."""
    from timeline.untrusted import clean_text

    if isinstance(item, IngestError):
        return item
    where = item.name
    if isinstance(item, LinesUnit):
        where = f"{item.name}:{item.first_line}-{item.first_line + item.lines - 1}"
    return IngestError(where, f"not processed: the worker failed ({type(exc).__name__}: "
                              f"{clean_text(str(exc))[:300]}); run the command again to retry")


class _cluster:
    """A Dask client on a new LocalCluster of `workers` processes (1 thread each), or on `scheduler`."""

    def __init__(self, workers: int | None, scheduler: str | None, connect_timeout: float) -> None:
        self.workers, self.scheduler, self.timeout = workers, scheduler, connect_timeout
        self.cluster = self.client = None
        self._levels: dict[str, int] = {}

    def __enter__(self) -> Any:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ParallelError(f"--workers and --scheduler need Dask ({exc}); install it with "
                                f"pip install 'conflict-timeline[dask]'") from None
        self._quiet()
        try:
            if self.scheduler:
                try:
                    self.client = Client(self.scheduler, timeout=self.timeout, set_as_default=False)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise ParallelError(f"cannot reach the Dask scheduler at {self.scheduler} "
                                        f"within {self.timeout:.0f} s: {exc}") from None
                self._check_workers()
            else:
                if self.workers is None or self.workers < 1:
                    raise ParallelError(f"--workers must be 1 or more, not {self.workers}")
                _build_place_index_once()
                # loopback only; the dashboard (bokeh, when installed) on a free port, not 8787
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                            silence_logs=logging.ERROR, preload=["timeline.parallel"])
                self.client = Client(self.cluster, set_as_default=False)
                try:
                    self.client.submit(warm_up, pure=False).result()  # one worker first: builds nothing twice
                except Exception as exc:
                    raise ParallelError(f"the Dask workers could not load the extractor: "
                                        f"{type(exc).__name__}: {exc}") from None
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self.client

    def _check_workers(self) -> None:
        """An existing cluster: it must have workers, and they must run this program."""
        if not self.client.nthreads():
            try:
                self.client.wait_for_workers(1, timeout=self.timeout)
            except Exception:
                raise ParallelError(f"the Dask scheduler at {self.scheduler} has no workers "
                                    f"(start some with: dask worker {self.scheduler})") from None
        try:
            versions = self.client.run(_timeline_version)
        except Exception as exc:
            raise ParallelError(f"the Dask workers at {self.scheduler} cannot run conflict-timeline "
                                f"({type(exc).__name__}: {exc}); install it on every worker") from None
        mine = _timeline_version()
        other = {w: v for w, v in versions.items() if v != mine}
        if other:
            raise ParallelError(f"Dask workers run another conflict-timeline version than this one ({mine}): "
                                + ", ".join(f"{w}: {v}" for w, v in sorted(other.items())))

    def _quiet(self) -> None:
        """Dask's own log lines (restarts, closing streams) would interleave with the progress bar."""
        for name in ("distributed", "distributed.client", "distributed.nanny", "distributed.scheduler",
                     "distributed.worker", "tornado", "asyncio"):
            logger = logging.getLogger(name)
            self._levels[name] = logger.level
            logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        try:
            if self.client is not None:
                self.client.close()
            if self.cluster is not None:
                self.cluster.close()
        except Exception:  # closing a cluster whose workers are gone must not hide the run's result
            pass
        finally:
            self.client = self.cluster = None
            for name, level in self._levels.items():
                logging.getLogger(name).setLevel(level)


def _build_place_index_once() -> None:
    """On this machine, build the gazetteer's place index before the workers start, so that N
    workers do not each build it (half a minute, once per machine) at the same time."""
    from timeline.gazetteer import placeindex

    if not placeindex._cache_path().exists():
        placeindex.load()


def ensure_paths_visible(client: Any, paths: list[Path]) -> None:
    """An existing cluster reads the inputs itself: every worker must see them at the same path."""
    absolute = [str(Path(p).absolute()) for p in paths]
    seen = client.run(_missing, absolute)
    missing = {w: m for w, m in seen.items() if m}
    if missing:
        worker, paths_missing = sorted(missing.items())[0]
        raise ParallelError(f"worker {worker} cannot see {paths_missing[0]}: with --scheduler the inputs must be "
                            f"on a filesystem every worker mounts at the same path")


def _missing(paths: list[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]
