"""Files, HTML, Markdown, JSONL and directories -> `Document`s; bad input -> `IngestError`.

    read_paths(paths)  -> Iterator[Document | IngestError]   (directories recursively, sorted)
    read_path(path)    -> Iterator[Document | IngestError]
    read_text(text, title=..., published=...)   -> Document  (the app's paste box)
    read_bytes(data, filename, ...)             -> Document  (uploads; raises IngestError)
    iter_bytes(data, filename, ...)             -> Iterator[Document | IngestError]  (JSONL uploads)

Documents come back with metadata only (HTML <meta>, Markdown front matter,
JSONL "published", or the caller's `published`, source "given");
`timeline.published.resolve_published` adds the dateline / inference steps.
Site furniture trailing plain-text and Markdown copies (copyright, terms, sign
in) is cut from the stored text, see `timeline.ingest.boilerplate`.
"""
from __future__ import annotations

from .errors import IngestError, IngestWarning
from .readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    iter_bytes,
    read_bytes,
    read_path,
    read_paths,
    read_text,
)

__all__ = [
    "DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "IngestError", "IngestWarning",
    "iter_bytes", "read_bytes", "read_path", "read_paths", "read_text",
]
