"""The timeline store: documents, events and their sources in SQLite or PostgreSQL.

`Store` is the read/write API (see docs/architecture.md); `load_events` gives the
same records as a pandas DataFrame for notebooks and exports.
"""
from __future__ import annotations

from timeline.store.frame import load_events
from timeline.store.store import Store, resolve_url
from timeline.store.writer import AddResult, StoreError

__all__ = ["Store", "AddResult", "StoreError", "load_events", "resolve_url"]
