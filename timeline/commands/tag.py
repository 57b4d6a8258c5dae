"""`timeline tag`: find and normalise date expressions, printing JSON lines.

Two input forms:

* ``timeline tag [FILE ...]`` (stdin when no FILE or FILE is ``-``): one JSON
  object per timex, ``Timex.to_dict()`` plus ``"file"``.
* ``timeline tag --jsonl IN.jsonl`` (``-`` for stdin): each input line
  ``{"id": str, "text": str, "dct": "YYYY-MM-DD" | null}`` gives exactly one
  output line ``{"id": str, "timexes": [Timex.to_dict(), ...], "mode": str}``.
  This is a stable contract used by external evaluation: key names do not change
  ("mode", the anchoring mode used, is an extra key).

A bad input (unreadable file, bad JSON line, bad dct) is reported on stderr
naming the file (and line); the remaining inputs are still processed and the
exit status is 1. Only click, json and the tagger are imported, so the
command starts fast.
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

import click

from timeline.untrusted import clean_text, loads_bounded, printable

_MODES = ("news", "narrative", "auto")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class InputError(Exception):
    """One input that could not be processed; the message names where."""


def parse_dct(value: Any, where: str) -> date | None:
    """A YYYY-MM-DD string (or None) as a date; InputError naming `where` otherwise."""
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise InputError(f"{where}: bad dct {value!r}: expected YYYY-MM-DD or null")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{where}: bad dct {value!r}: {exc}") from exc


def _dct_option(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    try:
        return parse_dct(value, "--dct")
    except InputError as exc:
        raise click.BadParameter(str(exc).removeprefix("--dct: ")) from exc


def _open_text(path: str) -> IO[str]:
    if path == "-":
        return sys.stdin
    return open(path, encoding="utf-8")


def _read_text(path: str) -> str:
    """A file (or stdin) as text: UTF-8 straight away; other encodings (a BOM, UTF-16,
    Windows-1252 news archives) through ingest's detection, which refuses to guess between
    readings that disagree and names binary files."""
    name = "<stdin>" if path == "-" else printable(path)
    try:
        if path == "-":
            buffer = getattr(sys.stdin, "buffer", None)
            if buffer is None:  # a text-only stream (tests, embedding): already decoded
                return sys.stdin.read()
            data = buffer.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    if not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) and b"\x00" not in data[:65536]:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    from timeline.ingest.decoding import decode_bytes  # only here: it loads charset detection
    from timeline.ingest.errors import IngestError

    try:
        return decode_bytes(data, name)[0]
    except IngestError as exc:
        raise InputError(str(exc)) from exc


def parse_jsonl_request(line: str, where: str) -> tuple[str, str, date | None, bool]:
    """One --jsonl input line -> (id, text, dct, dct_given); InputError naming `where` if malformed."""
    try:
        obj = loads_bounded(line)  # deep nesting is refused before parsing, never a RecursionError
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
    except ValueError as exc:
        raise InputError(f"{where}: invalid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object with 'id', 'text' and 'dct'")
    doc_id, text = obj.get("id"), obj.get("text")
    if not isinstance(doc_id, str):
        raise InputError(f"{where}: 'id' must be a string")
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' must be a string (id {doc_id!r})")
    # a lone surrogate ("\ud800" is valid JSON) cannot be printed or encoded: U+FFFD keeps the offsets
    doc_id, text = clean_text(doc_id), clean_text(text)
    return doc_id, text, parse_dct(obj.get("dct"), f"{where} (id {doc_id!r})"), "dct" in obj


def _jsonl_lines(path: str) -> Iterator[tuple[str, str | InputError]]:
    """(where, line) for each non-blank line, or (where, InputError) for a line that is not UTF-8;
    InputError if the file cannot be read at all."""
    name = "<stdin>" if path == "-" else printable(path)
    try:
        fh = _open_text(path) if path == "-" else open(path, "rb")
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    fh = getattr(fh, "buffer", fh)  # stdin: its bytes, so one bad line is that line's error only
    try:
        for lineno, raw in enumerate(fh, 1):
            where = f"{name}:{lineno}"
            if isinstance(raw, bytes):
                try:
                    raw = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield where, InputError(f"{where}: not UTF-8 text: {exc.reason} at byte {exc.start}")
                    continue
            if raw.strip():
                yield where, raw
    finally:
        if path != "-":
            fh.close()


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


@click.command("tag")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help='Batch mode: lines {"id", "text", "dct"} in, one {"id", "timexes"} line out per input.')
@click.option("--dct", callback=_dct_option, default=None, metavar="YYYY-MM-DD",
              help="Document creation (publication) date that anchors relative dates; "
                   "in --jsonl mode, used for lines without a 'dct' key.")
@click.option("--mode", type=click.Choice(_MODES), default="auto", show_default=True,
              help="news: anchor to the DCT; narrative: to the last date mentioned; auto: decide per text.")
@click.option("--day-first", is_flag=True, help="Read 9/6/2023 as 9 June (default: month first).")
def tag(files: tuple[str, ...], jsonl_path: str | None, dct: date | None, mode: str, day_first: bool) -> None:
    """Find date expressions in FILES (or stdin) and print them as JSON lines.

    Each line is one timex (start, end, text, type, value, mod, first, last,
    precision, relation, anchor, ...) plus "file" and "mode" (the anchoring
    mode used for that text: news or narrative; with --mode auto, the one
    chosen). With --jsonl, one line {"id", "timexes", "mode"} per input line
    instead. Unreadable inputs are reported
    on stderr (file and line) and give exit status 1; the others are still done.
    """
    try:
        from timeline.temporal import TagSettings, analyse
    except ImportError as exc:
        raise click.ClickException(f"the tagger (timeline.temporal) cannot be imported: {exc}") from exc
    settings = TagSettings(day_first=day_first)
    if jsonl_path is not None and files:
        raise click.UsageError("give either FILE arguments or --jsonl, not both")

    failures = 0
    out = sys.stdout

    def report(exc: InputError) -> None:
        nonlocal failures
        failures += 1
        click.echo(f"error: {clean_text(str(exc))}", err=True)

    def warn_language(text: str, where: str) -> None:
        """The tagger reads English only: say so on stderr when a text is in another language."""
        from timeline.language import detect_language, language_name, is_supported

        code = detect_language(text)
        if not is_supported(code):
            click.echo(f"warning: {where}: the text looks {language_name(code)}; the tagger reads English only, "
                       f"so its dates may be missing or wrong", err=True)

    if jsonl_path is not None:
        try:
            for where, line in _jsonl_lines(jsonl_path):
                if isinstance(line, InputError):
                    report(line)
                    continue
                try:
                    doc_id, text, line_dct, given = parse_jsonl_request(line, where)
                except InputError as exc:
                    report(exc)
                    continue
                except Exception as exc:  # whatever the line holds, the lines after it are still done
                    report(InputError(f"{where}: unreadable request: {type(exc).__name__}: {exc}"))
                    continue
                try:
                    result = analyse(text, line_dct if given else dct, mode=mode, settings=settings)
                except Exception as exc:  # a tagger bug must not lose the other inputs
                    reason = f"tagger failed: {type(exc).__name__}: {clean_text(str(exc))[:300]}"
                    report(InputError(f"{where} (id {doc_id!r}): {reason}"))
                    # the line still gets its one output line, saying why it has no timexes
                    out.write(_dumps({"id": doc_id, "timexes": [], "mode": None, "error": reason}) + "\n")
                    continue
                warn_language(text, f"{where} (id {doc_id!r})")
                out.write(_dumps({"id": doc_id, "timexes": [t.to_dict() for t in result.timexes],
                                  "mode": result.mode}) + "\n")
        except InputError as exc:
            report(exc)
    else:
        for path in files or ("-",):
            try:
                text = _read_text(path)
            except InputError as exc:
                report(exc)
                continue
            except Exception as exc:  # e.g. a decoder surprise: this file only
                report(InputError(f"{printable(path)}: cannot read: {type(exc).__name__}: {exc}"))
                continue
            name = "<stdin>" if path == "-" else printable(path)
            text = clean_text(text)
            try:
                result = analyse(text, dct, mode=mode, settings=settings)
            except Exception as exc:  # a tagger bug must not lose the other inputs
                report(InputError(f"{name}: tagger failed: {type(exc).__name__}: {clean_text(str(exc))[:300]}"))
                continue
            warn_language(text, name)
            for t in result.timexes:
                out.write(_dumps({**t.to_dict(), "file": name, "mode": result.mode}) + "\n")
    out.flush()
    if failures:
        raise SystemExit(1)
