"""The readers behind `timeline.ingest`: paths, directories, formats, limits."""
from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model import Document
from ..untrusted import MAX_JSON_DEPTH, clean_text, loads_bounded, printable
from .boilerplate import strip_trailing_boilerplate
from .dates import parse_iso_date
from .decoding import decode_bytes
from .errors import IngestError, IngestWarning
from .html import parse_html
from .markdown import front_matter, markdown_to_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: suffix -> format
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".jsonl": "jsonl",
}
_MB = 1024 * 1024
_FRONT_MATTER_DATES = ("published", "date", "publishdate", "pubdate", "published_at", "created")

Result = Document | IngestError


def read_paths(paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """Read every path in turn; one bad file or line never stops the others."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        try:
            yield from read_path(path, max_bytes=max_bytes)
        except Exception as exc:  # a reader bug (or an OS error walking a tree) stops this path only
            yield IngestError(printable(str(path)), _unexpected(exc))


def _unexpected(exc: BaseException) -> str:
    """The reason for a failure no check foresaw: its type and message, never a traceback."""
    if isinstance(exc, RecursionError):
        return "could not read: nested too deeply (RecursionError)"
    return f"could not read: {type(exc).__name__}: {clean_text(str(exc))[:300]}"


def read_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """A file, or a directory walked recursively in sorted order (hidden entries skipped).

    Inside a directory an unsupported suffix is an IngestError "unsupported file
    type"; a file named explicitly is read as plain text whatever its suffix
    (the user asked for it), still subject to the binary/encoding checks.
    """
    for unit in path_units(path):
        if isinstance(unit, IngestError):
            yield unit
        else:
            yield from read_unit(unit, max_bytes=max_bytes)


@dataclass(frozen=True, slots=True)
class FileUnit:
    """One file to read whole. `path` is opened (absolute, so another process can open it);
    `name` is the path as the user gave it, which every origin and error shows."""

    path: str
    name: str
    fmt: str

    @property
    def records(self) -> int:
        return 1


@dataclass(frozen=True, slots=True)
class LinesUnit:
    """Lines `first_line`.. of a JSONL file, the bytes from `start` (a line start) up to `stop`."""

    path: str
    name: str
    start: int
    stop: int
    first_line: int
    lines: int

    @property
    def records(self) -> int:
        return self.lines


Unit = FileUnit | LinesUnit


def path_units(path: str | os.PathLike[str], *, lines_per_unit: int | None = None) -> Iterator[Unit | IngestError]:
    """What `read_path(path)` reads, as units of work in reading order, without reading them.

    Errors that need no reading (unsupported suffix, missing path) come as IngestErrors in
    their place. With `lines_per_unit`, a JSONL file of more lines than that is cut into
    `LinesUnit`s at line starts, so that several processes can read one large feed;
    `read_unit` of the units in order gives exactly what reading the whole file gives.
    Directories are walked lazily (one directory's listing at a time)."""
    p = Path(path)
    name = printable(str(p))
    if p.is_dir():
        for file in _walk(p):
            fmt = SUPPORTED_SUFFIXES.get(file.suffix.lower())
            if fmt is None:
                yield IngestError(printable(str(file)), f"unsupported file type {printable(file.suffix) or '(no suffix)'!r}; "
                                                         f"supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
            else:
                yield from _file_units(file, printable(str(file)), fmt, lines_per_unit)
    elif p.is_file():
        yield from _file_units(p, name, SUPPORTED_SUFFIXES.get(p.suffix.lower(), "text"), lines_per_unit)
    elif p.exists():
        yield IngestError(name, "not a regular file or directory")
    else:
        yield IngestError(name, "no such file or directory")


def read_unit(unit: Unit, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """The documents and errors of one unit from `path_units`; never raises."""
    if isinstance(unit, LinesUnit):
        yield from _read_lines_safely(unit, max_bytes)
    else:
        yield from _read_file_safely(Path(unit.path), unit.fmt, max_bytes, name=unit.name)


def _file_units(file: Path, name: str, fmt: str, lines_per_unit: int | None) -> Iterator[Unit]:
    whole = FileUnit(str(file.absolute()), name, fmt)
    if fmt != "jsonl" or not lines_per_unit:
        yield whole
        return
    try:
        yield from _jsonl_units(whole, lines_per_unit)
    except OSError:  # unreadable: reading it whole reports why
        yield whole


def _jsonl_units(whole: FileUnit, lines_per_unit: int) -> Iterator[Unit]:
    """`whole` cut every `lines_per_unit` lines (found by counting newlines, nothing parsed).

    A file that reading whole treats specially stays whole: a UTF-16/32 byte-order mark
    (one error for the file), only whitespace ("empty file"), or a single unit's worth.
    Units are held back until some non-blank byte is seen, so a whitespace-only file is
    never cut."""
    with open(whole.path, "rb") as fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            yield whole
            return
        pos = 3 if head[:3] == b"\xef\xbb\xbf" else 0
        fh.seek(pos)
        held: list[LinesUnit] = []
        yielded = 0
        start, first, lines, content, last = pos, 1, 0, False, b"\n"
        while block := fh.read(_MB):
            content = content or bool(block.strip())
            last = block[-1:]
            at = 0
            while True:
                need = lines_per_unit - lines
                found = block.count(b"\n", at)
                if found < need:
                    lines += found
                    break
                for _ in range(need):
                    at = block.index(b"\n", at) + 1
                cut = pos + at
                held.append(LinesUnit(whole.path, whole.name, start, cut, first, lines_per_unit))
                start, first, lines = cut, first + lines_per_unit, 0
            if content and held and (yielded or len(held) > 1):
                yielded += len(held)
                yield from held
                held.clear()
            pos += len(block)
    if pos > start:  # the rest: `lines` whole lines and perhaps a last one without a newline
        held.append(LinesUnit(whole.path, whole.name, start, pos, first, lines + (last != b"\n")))
    if not content or (not yielded and len(held) <= 1):
        yield whole
    else:
        yield from held


def _read_file_safely(path: Path, fmt: str, max_bytes: int, *, name: str | None = None) -> Iterator[Result]:
    """`_read_file`, with any unforeseen exception turned into an error for that file (or JSONL line)."""
    where = printable(str(path)) if name is None else name
    yield from _safely(_read_file(path, fmt, max_bytes, name=where), where, where if fmt == "jsonl" else None)


def _read_lines_safely(unit: LinesUnit, max_bytes: int) -> Iterator[Result]:
    """The records of one `LinesUnit`, as `_read_file_safely` gives those of a whole JSONL file."""
    def lines() -> Iterator[Result]:
        try:
            with open(unit.path, "rb") as fh:
                fh.seek(unit.start)
                yield from _jsonl_lines(fh, unit.name, max_bytes, unit.first_line - 1, unit.stop)
        except OSError as exc:
            yield IngestError(unit.name, f"cannot read: {exc.strerror or exc}")

    before = unit.name if unit.first_line == 1 else f"{unit.name}:{unit.first_line - 1}"
    yield from _safely(lines(), unit.name, before)


def _safely(results: Iterator[Result], where: str, jsonl_last: str | None) -> Iterator[Result]:
    """`results` until one raises: then an IngestError for `where` (for JSONL: after the last line read)."""
    last = jsonl_last
    try:
        for result in results:
            if isinstance(result, IngestError) or result.origin:
                last = result.origin
            yield result
    except Exception as exc:
        if jsonl_last is not None and last != where:
            where = f"{where} (after {last})"
        yield IngestError(where, _unexpected(exc))


def _walk(root: Path) -> Iterator[Path]:
    """Every non-hidden file under `root`, sorted by path (files and folders interleaved by name).

    Walked depth first with each directory's names sorted, which is the order of sorting all
    the paths' parts, while holding one directory's listing per level, not the whole tree.
    Like os.walk: symbolic links to directories are not followed, unreadable directories skipped."""
    try:
        with os.scandir(root) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir:
            yield Path(entry.path)
        elif not entry.is_symlink():
            yield from _walk(Path(entry.path))


def _read_file(path: Path, fmt: str, max_bytes: int, *, name: str | None = None) -> Iterator[Result]:
    origin = printable(str(path)) if name is None else name
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, max_bytes, name=origin)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield IngestError(origin, f"file too large ({size / _MB:.1f} MB > limit {max_bytes / _MB:.1f} MB)")
            return
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        yield IngestError(origin, f"cannot read: {exc.strerror or exc}")
        return
    try:
        yield _parse(data, origin, fmt, max_bytes=max_bytes)
    except IngestError as err:
        yield err
    except Exception as exc:
        yield IngestError(origin, _unexpected(exc))


def _parse(data: bytes, origin: str, fmt: str, *, max_bytes: int, title: str | None = None, url: str | None = None,
           publisher: str | None = None, published: date | None = None) -> Document:
    if len(data) > max_bytes:
        raise IngestError(origin, f"file too large ({len(data) / _MB:.1f} MB > limit {max_bytes / _MB:.1f} MB)")
    if not data.strip():
        raise IngestError(origin, "empty file")
    text, encoding = decode_bytes(data, origin, html=fmt == "html")
    doc = _document(text, origin, fmt, title=title, url=url, publisher=publisher, published=published)
    doc.encoding = encoding
    return doc


def _document(text: str, origin: str, fmt: str, *, title: str | None, url: str | None, publisher: str | None,
              published: date | None) -> Document:
    text = _normalise_newlines(clean_text(text))
    title, url, publisher = (clean_text(v) if isinstance(v, str) else v for v in (title, url, publisher))
    if not text.strip():
        raise IngestError(origin, "empty (only whitespace)")
    meta_date: date | None = None
    evidence: str | None = None
    if fmt == "html":
        art = parse_html(text, origin)
        text = art.text
        title, url, publisher = title or art.title, url or art.url, publisher or art.publisher
        meta_date, evidence = art.published, art.published_evidence
    elif fmt == "markdown":
        fields, body = front_matter(text)
        title, url = title or fields.get("title"), url or fields.get("url")
        publisher = publisher or fields.get("publisher") or fields.get("source")
        meta_date, evidence = _front_matter_date(fields, origin)
        text = markdown_to_text(strip_trailing_boilerplate(body)[0])
    else:
        text = strip_trailing_boilerplate(text)[0]
    text = text.strip()
    if not text:
        raise IngestError(origin, "empty (no text left after removing markup and site furniture)")
    doc = Document(text=text, title=title or _title_line(text), url=url, publisher=publisher, origin=origin)
    if published is not None:
        doc.published, doc.published_source, doc.published_evidence = published, "given", "given by the caller"
    elif meta_date is not None:
        doc.published, doc.published_source, doc.published_evidence = meta_date, "metadata", evidence
    return doc


def _front_matter_date(fields: dict[str, str], origin: str) -> tuple[date | None, str | None]:
    for key in _FRONT_MATTER_DATES:
        if key in fields:
            try:
                d = parse_iso_date(fields[key])
            except ValueError as exc:
                warnings.warn(IngestWarning(f"{origin}: ignored front-matter {key}: {exc}"), stacklevel=2)
                continue
            if d is not None:
                return d, f"front matter {key}: {fields[key]}"
    return None, None


def _read_jsonl(path: Path, max_bytes: int, *, name: str | None = None) -> Iterator[Result]:
    """One record per line, streamed: a bad line is an error for that line only."""
    name = printable(str(path)) if name is None else name
    with path.open("rb") as fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            yield IngestError(name, "JSONL must be UTF-8 (found a UTF-16/32 byte-order mark)")
            return
        fh.seek(3 if head[:3] == b"\xef\xbb\xbf" else 0)
        seen = yield from _jsonl_lines(fh, name, max_bytes)
        if not seen:
            yield IngestError(name, "empty file")


def _jsonl_lines(fh, name: str, max_bytes: int, lineno: int = 0, stop: int | None = None):  # noqa: ANN001, ANN202
    """The records from `fh`'s position (after line `lineno`) to the end, or to the line starting at `stop`.

    Returns (as a generator's return value) whether any line was not blank."""
    seen = False
    while (stop is None or fh.tell() < stop) and (raw := fh.readline(max_bytes + 1)):  # bounded line
        lineno += 1
        origin = f"{name}:{lineno}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _skip_line(fh)
            seen = True
            yield IngestError(origin, f"record too large ({size / _MB:.1f} MB > limit {max_bytes / _MB:.1f} MB)")
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            yield _jsonl_record(raw, origin)
        except IngestError as err:
            yield err
        except Exception as exc:  # one line's surprise must not stop the lines after it
            yield IngestError(origin, _unexpected(exc))
    return seen


def _skip_line(fh) -> int:
    """Read past the rest of an over-long line in 1 MB pieces; returns the bytes skipped."""
    skipped = 0
    while chunk := fh.readline(_MB):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(raw: bytes, origin: str) -> Document:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(origin, f"undecodable bytes: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        rec = loads_bounded(line, MAX_JSON_DEPTH)
    except json.JSONDecodeError as exc:
        raise IngestError(origin, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:  # nested too deeply: refused before the parser recurses
        raise IngestError(origin, f"invalid JSON: {exc}") from None
    if not isinstance(rec, dict):
        raise IngestError(origin, f"expected a JSON object, got {type(rec).__name__}")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(origin, 'missing or empty "text"')
    for key in ("title", "url", "publisher", "published", "id"):
        if rec.get(key) is not None and not isinstance(rec[key], (str, int)):
            raise IngestError(origin, f'"{key}" must be a string')
    meta_date = None
    if rec.get("published") is not None:
        try:
            meta_date = parse_iso_date(str(rec["published"]))
        except ValueError as exc:
            warnings.warn(IngestWarning(f"{origin}: ignored \"published\": {exc}"), stacklevel=2)
    doc = _document(text, origin, "text", title=rec.get("title"), url=rec.get("url"),
                    publisher=rec.get("publisher"), published=None)
    if meta_date is not None:
        doc.published, doc.published_source = meta_date, "metadata"
        doc.published_evidence = f'JSONL "published": {rec["published"]}'
    doc.encoding = "utf-8"
    doc.external_id = None if rec.get("id") is None else clean_text(str(rec["id"]))
    return doc


def read_text(text: str, *, title: str | None = None, url: str | None = None, publisher: str | None = None,
              published: date | datetime | None = None, origin: str = "<pasted>", fmt: str = "text") -> Document:
    """A pasted text (or Markdown/HTML with `fmt`); `published` is the caller's date (source "given")."""
    if not isinstance(text, str) or not text.strip():
        raise IngestError(origin, "empty text")
    doc = _document(text, origin, fmt, title=title, url=url, publisher=publisher, published=_as_date(published))
    doc.encoding = None
    return doc


def iter_bytes(data: bytes, filename: str, *, title: str | None = None, url: str | None = None,
               publisher: str | None = None, published: date | datetime | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Result]:
    """An uploaded file's bytes, any supported format (JSONL may hold several documents)."""
    fmt = SUPPORTED_SUFFIXES.get(Path(filename).suffix.lower(), "text")
    if fmt != "jsonl":
        try:
            yield _parse(data, filename, fmt, max_bytes=max_bytes, title=title, url=url, publisher=publisher,
                         published=_as_date(published))
        except IngestError as err:
            yield err
        except Exception as exc:
            yield IngestError(filename, _unexpected(exc))
        return
    if len(data) > max_bytes:
        yield IngestError(filename, f"file too large ({len(data) / _MB:.1f} MB > limit {max_bytes / _MB:.1f} MB)")
        return
    lines = [(n, raw) for n, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").splitlines(), 1) if raw.strip()]
    if not lines:
        yield IngestError(filename, "empty file")
    for n, raw in lines:
        try:
            yield _jsonl_record(raw, f"{filename}:{n}")
        except IngestError as err:
            yield err
        except Exception as exc:
            yield IngestError(f"{filename}:{n}", _unexpected(exc))


def read_bytes(data: bytes, filename: str, *, title: str | None = None, url: str | None = None,
               publisher: str | None = None, published: date | datetime | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One uploaded document; raises IngestError (use `iter_bytes` for multi-record JSONL)."""
    results = list(iter_bytes(data, filename, title=title, url=url, publisher=publisher, published=published,
                              max_bytes=max_bytes))
    if len(results) != 1:
        raise IngestError(filename, f"holds {len(results)} records; use iter_bytes() for JSONL uploads")
    if isinstance(results[0], IngestError):
        raise results[0]
    return results[0]


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")


def _title_line(text: str) -> str | None:
    """The first line when it reads like a headline (short, no closing full stop)."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if first and len(first) <= 200 and len(first.split()) <= 25 and not first.endswith((".", ":")):
        return first
    return None
