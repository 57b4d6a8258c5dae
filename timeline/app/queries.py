"""What the app asks the store, in one place: figure queries, facets, adding documents.

The callbacks stay thin by calling these; the decisions about when to draw single
events and when to draw counts (and at which bucket size) live here and in
`figures`.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import Any

import plotly.graph_objects as go
from sqlalchemy import select

from timeline.app import figures
from timeline.app.state import state_to_filter, state_to_query
from timeline.model import Document, EventFilter

log = logging.getLogger(__name__)

#: above this many events the map shows one point per place from SQL counts
MAP_EVENT_LIMIT = figures.AGGREGATE_THRESHOLD


class AppQueries:
    """The app's read and write access to one `timeline.store.Store`."""

    def __init__(self, store: Any, *, max_upload_bytes: int) -> None:
        self.store = store
        self.max_upload_bytes = max_upload_bytes
        self._coords: dict[str, tuple[float, float]] | None = None

    # -- reading -----------------------------------------------------------------------
    def facets(self, flt: EventFilter | None = None) -> dict[str, list[tuple[str, int]]]:
        return self.store.facets(flt)

    def extent(self, flt: EventFilter) -> tuple[date, date] | None:
        """First and last dated day in the filtered set (two indexed one-row queries)."""
        dated = replace(flt, date_from=flt.date_from or date(1, 1, 1), date_to=flt.date_to or date(9999, 12, 31))
        first = self.store.events(dated, limit=1, order="date")
        last = self.store.events(dated, limit=1, order="-date")
        if not first or not last:
            return None
        ext = figures.data_extent(first + last)
        return ext

    def timeline(self, state: dict[str, Any], window: list[str] | None, window_days: tuple[date, date] | None,
                 selected: Any) -> tuple[go.Figure, str]:
        """Single events when few enough are in view, otherwise counts per day/week/month from SQL."""
        flt = state_to_filter(state, window_days)
        uirevision = state_to_query({**state, "lanes": state.get("lanes")}) or "all"
        n = self.store.count(flt)
        if n > figures.AGGREGATE_THRESHOLD:
            span = window_days or self.extent(flt)
            days = (span[1] - span[0]).days + 1 if span else 365
            period = figures.choose_period(days)
            counts = self.store.counts_by_period(flt, period)
            fig = figures.counts_figure(counts, period=period, x_range=window, uirevision=uirevision)
            note = f"{n:,} events in view: showing counts per {period}; zoom in to see single events."
            return fig, note
        events = self.store.events(flt, order="date")
        fig = figures.timeline_figure(events, lanes=state.get("lanes") or "event_type", x_range=window,
                                      selected_id=selected, uirevision=uirevision)
        undated = (fig.layout.meta or {}).get("undated", 0)
        note = f"{n:,} events in view" + (f"; {undated} with an unresolved date are listed in the table only"
                                          if undated else "")
        return fig, note

    def place_coords(self) -> dict[str, tuple[float, float]]:
        """Place name -> (lat, lon) for every located place (a small table, cached until data changes)."""
        if self._coords is None:
            from timeline.store import schema

            p = schema.places.c
            with self.store.engine.connect() as conn:
                rows = conn.execute(select(p.name, p.lat, p.lon).where(p.lat.is_not(None), p.lon.is_not(None)))
                self._coords = {}
                for name, lat, lon in rows:
                    self._coords.setdefault(name, (float(lat), float(lon)))
        return self._coords

    def map(self, flt: EventFilter, n: int) -> go.Figure:
        """Event places: from the events themselves when few, from per-place SQL counts when many."""
        if n <= MAP_EVENT_LIMIT:
            return figures.map_figure(figures.place_points(self.store.events(flt)), n_events=n)
        coords = self.place_coords()
        points = []
        for name, count in self.store.facets(flt).get("places", []):
            if name in coords:
                lat, lon = coords[name]
                points.append({"name": name, "lat": lat, "lon": lon, "ids": [], "count": count})
        return figures.map_figure(points, n_events=n)

    # -- writing -----------------------------------------------------------------------
    def _ingest(self, docs: list[Document], errors: list[str]) -> str:
        from timeline.pipeline import ingest_documents

        summary = ingest_documents(docs, self.store) if docs else None
        self._coords = None
        parts = []
        if summary is not None:
            parts.append(_summary_text(summary))
            errors = errors + [f"{origin}: {reason}" for origin, reason in getattr(summary, "failed", []) or []]
        if errors:
            parts.append("Not added: " + "; ".join(errors))
        return " ".join(parts) or "Nothing added."

    def add_uploads(self, uploads: list[tuple[str, bytes]]) -> str:
        """Read uploaded files (any supported format) and ingest them; errors name the file."""
        from timeline.ingest import IngestError, iter_bytes

        docs: list[Document] = []
        errors: list[str] = []
        for name, data in uploads:
            if len(data) > self.max_upload_bytes:
                errors.append(f"{name}: file too large ({len(data) / 2**20:.1f} MB > "
                              f"{self.max_upload_bytes / 2**20:.1f} MB)")
                continue
            for result in iter_bytes(data, name, max_bytes=self.max_upload_bytes):
                if isinstance(result, IngestError):
                    errors.append(str(result))
                else:
                    docs.append(result)
        return self._ingest(docs, errors)

    def add_text(self, text: str, *, title: str | None, published: date | None) -> str:
        from timeline.ingest import IngestError, read_text

        try:
            doc = read_text(text, title=title, published=published)
        except IngestError as exc:
            return f"Not added: {exc}"
        return self._ingest([doc], [])


def _summary_text(summary: Any) -> str:
    fields = [("documents_added", "document(s) added"), ("documents_unchanged", "unchanged"),
              ("events_added", "new event(s)"), ("events_merged", "merged into existing events")]
    parts = [f"{getattr(summary, k)} {label}" for k, label in fields if getattr(summary, k, None) is not None]
    return (", ".join(parts) + ".") if parts else str(summary)
