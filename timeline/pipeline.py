"""Files -> documents -> events -> store, one document at a time.

    ingest_paths(paths, store, published=..., publisher=...)   the CLI's `timeline ingest`
    ingest_documents(docs, store, ...)                         the app's upload box

Each document is read, given its publication date (`resolve_published`), has its
events extracted and is stored in its own transaction. Whatever goes wrong with one
document (unreadable file, extraction bug, database constraint) is recorded with the
file name and the reason, and the rest still go in. Documents stream through, so
memory stays flat however large the corpus.
"""
from __future__ import annotations

import dataclasses
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.model import Document, Event
from timeline.untrusted import clean_text

if TYPE_CHECKING:
    from timeline.store import Store

Extractor = Callable[[Document], list[Event]]
_JSONL_LINE = re.compile(r"^(.*):(\d+)$")


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did; `failed` holds (origin, reason) per document that did not go in."""

    documents_added: int = 0
    documents_unchanged: int = 0
    events_added: int = 0
    events_merged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: (origin, language code) of each stored document not in English: its events are flagged
    other_language: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False  # Ctrl+C: the documents stored before it stay, the one in progress rolled back

    @property
    def documents_failed(self) -> int:
        return len(self.failed)

    @property
    def documents_seen(self) -> int:
        return self.documents_added + self.documents_unchanged + self.documents_failed

    @property
    def ok(self) -> bool:
        return not self.failed and not self.interrupted

    def to_dict(self) -> dict:
        return {
            "documents_added": self.documents_added, "documents_unchanged": self.documents_unchanged,
            "documents_failed": self.documents_failed, "events_added": self.events_added,
            "events_merged": self.events_merged, "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "failed": [{"origin": o, "reason": r} for o, r in self.failed],
            "other_language": [{"origin": o, "language": c} for o, c in self.other_language],
        }


def _default_extractor() -> Extractor:
    try:
        from timeline.events import extract
    except ImportError as exc:  # the events package is another part of the project
        raise RuntimeError(f"event extraction is not available (timeline.events.extract): {exc}") from exc
    return extract


def _name(doc: Document) -> str:
    return doc.origin or doc.title or f"document {doc.id}"


@dataclass(slots=True)
class Prepared:
    """One document given its date, language and events, ready to store; or why it could not be.

    The part of an ingest that needs no database, so it can run in another process
    (timeline.parallel) while this one stores the results in order."""

    name: str
    doc: Document | None = None
    events: list[Event] | None = None
    failure: str | None = None


def prepare_one(doc: Document, *, extract: Extractor, published: date | None = None,
                publisher: str | None = None) -> Prepared:
    """Resolve the publication date, detect the language, extract the events; never raises."""
    from timeline.language import detect_language
    from timeline.published import resolve_published
    from timeline.store import StoreError

    stage = "publication date"
    try:
        if publisher:
            doc = dataclasses.replace(doc, publisher=publisher)
        doc = resolve_published(doc, given=published)
        stage = "language detection"
        if doc.language is None:
            doc = dataclasses.replace(doc, language=detect_language(doc.text))
        stage = "event extraction"
        events = extract(doc)
    except StoreError as exc:  # already names the document
        return Prepared(_name(doc), failure=str(exc).removeprefix(f"{_name(doc)}: "))
    except RecursionError:
        return Prepared(_name(doc), failure=f"{stage} failed: nested too deeply (RecursionError)")
    except Exception as exc:  # one bad document must not stop the run: report it with its reason
        return Prepared(_name(doc), failure=f"{stage} failed: {type(exc).__name__}: {clean_text(str(exc))[:300]}")
    return Prepared(_name(doc), doc, events)


def store_prepared(prepared: Prepared, store: Store, summary: IngestSummary) -> None:
    """Store one prepared document in its own transaction; record the outcome in `summary`."""
    from timeline.language import is_supported
    from timeline.store import StoreError

    name, doc = prepared.name, prepared.doc
    if prepared.failure is not None or doc is None:
        summary.failed.append((name, prepared.failure or "not prepared"))
        return
    try:
        result = store.add(doc, prepared.events or [])
    except StoreError as exc:  # already names the document
        summary.failed.append((name, str(exc).removeprefix(f"{name}: ")))
        return
    except RecursionError:
        summary.failed.append((name, "store failed: nested too deeply (RecursionError)"))
        return
    except Exception as exc:  # one bad document must not stop the run: report it with its reason
        summary.failed.append((name, f"store failed: {type(exc).__name__}: {clean_text(str(exc))[:300]}"))
        return
    if result.status == "unchanged":
        summary.documents_unchanged += 1
    else:
        summary.documents_added += 1
        summary.events_added += result.events_added
        summary.events_merged += result.events_merged
        if not is_supported(doc.language):
            summary.other_language.append((name, doc.language))


def ingest_one(doc: Document, store: Store, summary: IngestSummary, *, extract: Extractor,
               published: date | None = None, publisher: str | None = None) -> None:
    """Resolve the date, extract, store one document; record the outcome in `summary`."""
    store_prepared(prepare_one(doc, extract=extract, published=published, publisher=publisher), store, summary)


def ingest_documents(docs: Iterable[object], store: Store, *, published: date | None = None,
                     publisher: str | None = None, progress: bool = False,
                     extract: Extractor | None = None, total: int | None = None) -> IngestSummary:
    """Store `docs` (Documents, or IngestErrors from a reader, which are recorded as failures)."""
    from timeline.ingest import IngestError

    extract = extract or _default_extractor()
    summary = IngestSummary()
    started = time.perf_counter()
    with _Progress(progress, total) as bar:
        try:
            for item in _guarded(docs, summary):
                if isinstance(item, IngestError):
                    summary.failed.append((item.origin, item.reason))
                    bar.seen(item.origin, summary)
                    continue
                if not isinstance(item, Document):
                    summary.failed.append((repr(item)[:80], f"not a Document but {type(item).__name__}"))
                    continue
                ingest_one(item, store, summary, extract=extract, published=published, publisher=publisher)
                bar.seen(_name(item), summary)
        except KeyboardInterrupt:
            summary.interrupted = True
    summary.seconds = time.perf_counter() - started
    return summary


def _guarded(docs: Iterable[object], summary: IngestSummary) -> Iterator[object]:
    """`docs`, ending (with a failure naming the last item read) if the source itself raises.

    The readers turn every per-file and per-line problem into an IngestError, so this is
    the last line of defence for a caller's own iterable, never the normal path."""
    it = iter(docs)
    last = "the start"
    while True:
        try:
            item = next(it)
        except StopIteration:
            return
        except Exception as exc:
            summary.failed.append((f"(input after {last})", f"reading stopped: {type(exc).__name__}: "
                                                           f"{clean_text(str(exc))[:300]}"))
            return
        last = getattr(item, "origin", None) or last
        yield item


def ingest_paths(paths: Iterable[str | os.PathLike[str]], store: Store, *, published: date | None = None,
                 publisher: str | None = None, progress: bool = True,
                 extract: Extractor | None = None) -> IngestSummary:
    """Read files and directories (recursively) and store every document in them."""
    from timeline.ingest import read_paths

    paths = list(paths)
    return ingest_documents(read_paths(paths), store, published=published, publisher=publisher,
                            progress=progress, extract=extract, total=count_files(paths) if progress else None)


def count_files(paths: Iterable[str | os.PathLike[str]]) -> int:
    """Visible files under `paths`: the progress bar's total (one step per file)."""
    n = 0
    for p in map(Path, paths):
        if p.is_dir():
            n += sum(1 for f in _visible_files(p))
        else:
            n += 1
    return n


def _visible_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for f in filenames:
            if not f.startswith("."):
                yield Path(dirpath, f)


class _Progress:
    """A rich progress bar on stderr advancing per file (JSONL lines of one file count once)."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled = enabled
        self.total = total
        self._last_file: str | None = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("{task.fields[status]}"), console=Console(stderr=True), transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("ingest", total=self.total, status="")
        return self

    def seen(self, origin: str, summary: IngestSummary) -> None:
        if not self.enabled:
            return
        m = _JSONL_LINE.match(origin or "")
        file = m.group(1) if m and Path(m.group(1)).is_file() else origin
        advance = 1 if file != self._last_file else 0
        self._last_file = file
        status = (f"{summary.documents_added} new, {summary.documents_unchanged} unchanged, "
                  f"{summary.documents_failed} failed, {summary.events_added} events")
        self._progress.update(self._task, advance=advance, status=status)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._progress.stop()
