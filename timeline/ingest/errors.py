"""The error and warning records ingest reports instead of crashing."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IngestError(Exception):
    """One file (or JSONL line) that could not be read; the others still go through.

    `origin` names the file, with ``:LINE`` for a JSONL record. It is an
    exception so `read_text`/`read_bytes` can raise it, and a plain value so
    `read_paths` can yield it next to the documents it did read.
    """

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class IngestWarning(UserWarning):
    """Something was ignored rather than trusted (e.g. an impossible metadata date).

    Emitted with `warnings.warn`, so callers can record them with
    ``warnings.catch_warnings(record=True)``; the message names the file.
    """
