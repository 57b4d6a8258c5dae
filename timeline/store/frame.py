"""`load_events`: stored events as a pandas DataFrame (pandas imported only here, lazily)."""
from __future__ import annotations

import dataclasses
import os
from datetime import date
from typing import TYPE_CHECKING, Any

from timeline.model import EventFilter

if TYPE_CHECKING:
    import pandas

    from timeline.store.store import Store

_FIELDS = {f.name for f in dataclasses.fields(EventFilter)}
_ALIASES = {"types": "event_types", "type": "event_types", "actor": "actors", "place": "places",
            "source": "sources", "start": "date_from", "end": "date_to"}


def make_filter(**filters: Any) -> EventFilter:
    """EventFilter from keyword arguments; ISO strings are accepted for dates, a str for a list."""
    values: dict[str, Any] = {}
    for key, value in filters.items():
        name = _ALIASES.get(key, key)
        if name not in _FIELDS:
            raise TypeError(f"unknown event filter {key!r}; use one of {', '.join(sorted(_FIELDS))}")
        if value is None:
            continue
        if name in ("date_from", "date_to") and isinstance(value, str):
            value = date.fromisoformat(value)
        if name in ("actors", "places", "event_types", "sources") and isinstance(value, str):
            value = [value]
        values[name] = list(value) if isinstance(value, (list, tuple, set)) else value
    return EventFilter(**values)


def load_events(db: Store | str | os.PathLike[str] | None = None, *, limit: int | None = None,
                order: str = "date", **filters: Any) -> pandas.DataFrame:
    """Events matching `filters` (EventFilter fields) as a DataFrame, one row per event.

    `date_start`/`date_end` become pandas datetimes (NaT when open or unresolved);
    `actors`, `places` and `sources` keep the record's lists of dicts, and
    `actor_names`/`place_names` join the names with "; " for quick filtering.
    """
    import pandas as pd

    from timeline.store.store import Store

    store = db if isinstance(db, Store) else Store(db)
    try:
        records = store.events(make_filter(**filters), limit=limit, order=order)
    finally:
        if store is not db:
            store.close()
    columns = ["id", "date_start", "date_end", "precision", "date_text", "date_value", "date_mod",
               "date_relation", "approximate", "open_start", "open_end", "summary", "sentence", "event_type",
               "sub_type", "actors", "places", "fatalities", "confidence", "n_sources", "sources"]
    df = pd.DataFrame.from_records(records, columns=columns)
    for col in ("date_start", "date_end"):
        df[col] = pd.to_datetime(df[col], format="ISO8601", errors="coerce")
    df["actor_names"] = [("; ".join(a["name"] for a in v)) for v in df["actors"]]
    df["place_names"] = [("; ".join(p["name"] for p in v)) for v in df["places"]]
    return df
