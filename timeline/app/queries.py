"""What the app asks the store, in one place: figure queries, facets, adding documents.

The callbacks stay thin by calling these; the decisions about when to draw single
events and when to draw counts (and at which bucket size) live here and in
`figures`.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
from timeline.app import figures
from timeline.app.layout import InitialView
from timeline.app.state import empty_state, state_to_filter, state_to_query
from timeline.model import Document, EventFilter

#: above this many events the map shows one point per place from SQL counts
MAP_EVENT_LIMIT = figures.AGGREGATE_THRESHOLD
COUNT_CACHE = 256
#: counts are reused this long, so writes by another process (e.g. `timeline ingest`) show up soon
COUNT_TTL_S = 10.0
FACETS_TTL_S = 60.0


class AppQueries:
    """The app's read and write access to one `timeline.store.Store`."""

    def __init__(self, store: Any, *, max_upload_bytes: int) -> None:
        self.store = store
        self.max_upload_bytes = max_upload_bytes
        self._lock = threading.Lock()
        self._counts: OrderedDict[str, tuple[float, int]] = OrderedDict()
        self._all_facets: tuple[float, dict[str, list[tuple[str, int]]]] | None = None

    def invalidate(self) -> None:
        """Forget cached answers (after documents were added)."""
        with self._lock:
            self._counts.clear()
            self._all_facets = None

    # -- reading -----------------------------------------------------------------------
    def count(self, flt: EventFilter | None) -> int:
        """store.count, remembered per filter: one filter change asks it from three callbacks."""
        key = repr(flt)
        now = time.monotonic()
        with self._lock:
            hit = self._counts.get(key)
            if hit is not None and now - hit[0] < COUNT_TTL_S:
                self._counts.move_to_end(key)
                return hit[1]
        n = self.store.count(flt)
        with self._lock:
            self._counts[key] = (now, n)
            while len(self._counts) > COUNT_CACHE:
                self._counts.popitem(last=False)
        return n

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Facets of the whole store (the filter menus), kept until documents are added."""
        cached = self._all_facets
        if cached is None or time.monotonic() - cached[0] > FACETS_TTL_S:
            cached = self._all_facets = (time.monotonic(), self.store.facets(None))
        return cached[1]

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
                 selected: Any, plot_px: float | None = None) -> tuple[go.Figure, str]:
        """Single events when few enough are in view, otherwise counts per day/week/month from SQL."""
        flt = state_to_filter(state, window_days)
        if window is None and flt.date_from and flt.date_to:
            # a date filter sets the axis too, so open-ended intervals do not stretch it
            window = [flt.date_from.isoformat(), (flt.date_to + timedelta(days=1)).isoformat()]
        # a new window is a new revision, so the figure's range wins over an earlier zoom
        uirevision = state_to_query({**state, "lanes": state.get("lanes")}) or "all"
        if window:
            uirevision += "|" + "/".join(window)
        n = self.count(flt)
        if n == 0:
            filtered = flt != state_to_filter(empty_state())
            message = ("No events match the filters." if filtered else
                       "No events in this store yet: add documents on the left, or run `timeline ingest`.")
            return figures._empty_figure(message), message
        if n > figures.AGGREGATE_THRESHOLD:
            span = window_days or self.extent(flt)
            days = (span[1] - span[0]).days + 1 if span else 365
            period = figures.choose_period(days)
            counts = self.store.counts_by_period(flt, period)
            fig = figures.counts_figure(counts, period=period, x_range=window, uirevision=uirevision)
            note = f"{n:,} events in view: showing counts per {period}; zoom in to see single events."
            return fig, note
        events = self.timeline_events(flt)
        fig = figures.timeline_figure(events, lanes=state.get("lanes") or "event_type", x_range=window,
                                      selected_id=selected, uirevision=uirevision, plot_px=plot_px)
        return fig, timeline_note(n, fig.layout.meta or {})

    def timeline_events(self, flt: EventFilter) -> list[dict[str, Any]]:
        """The filtered events with what the timeline draws (`Store.timeline_rows`), with the
        names of their located places (for the headlines)."""
        rows = self.store.timeline_rows(flt)
        places: dict[Any, list[dict[str, Any]]] = {}
        for rec in self.store.located_events(flt):
            places[rec.get("id")] = rec.get("places") or []
        for row in rows:
            if not row.get("places"):
                row["places"] = places.get(row.get("id"), [])
        return rows

    def event_places(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Located places of the filtered events, one point per place with its event ids."""
        return figures.place_points(self.store.located_events(flt))

    def place_counts(self, flt: EventFilter) -> list[dict[str, Any]]:
        """Located places with the number of filtered events at each (`Store.place_counts`)."""
        return [{**row, "ids": []} for row in self.store.place_counts(flt)]

    def map(self, flt: EventFilter, n: int) -> go.Figure:
        """Event places: one point per place with event ids when few, SQL counts per place when many."""
        if n <= MAP_EVENT_LIMIT:
            return figures.map_figure(self.event_places(flt), n_events=n)
        return figures.map_figure(self.place_counts(flt), n_events=n)

    def map_view(self, state: dict[str, Any] | None) -> tuple[go.Figure, str, str]:
        """The map, its note about unlocated events, and the header's event count."""
        flt = state_to_filter(state)
        n = self.count(flt)
        fig = self.map(flt, n)
        unlocated = (fig.layout.meta or {}).get("unlocated", 0)
        note = f"{unlocated} of {n} events have no known place." if unlocated else ""
        return fig, note, f"{n:,} event{'s' if n != 1 else ''}"

    def menu_options(self, current: dict[str, Any] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Options of the actor, place and source menus (with counts), keeping any chosen value."""
        facets = self.facets()
        current = current or {}
        out = {}
        for key in ("actors", "places", "sources"):
            options = [{"label": f"{name} ({n})", "value": name} for name, n in facets.get(key, [])]
            known = {o["value"] for o in options}
            options += [{"label": v, "value": v} for v in current.get(key) or [] if v not in known]
            out[key] = options
        return out

    def initial_view(self) -> InitialView:
        """The unfiltered view, computed while the browser is still loading scripts."""
        state = empty_state()
        timeline, timeline_note = self.timeline(state, None, None, None)
        map_fig, map_note, count_text = self.map_view(state)
        return InitialView(state=state, timeline=timeline, timeline_note=timeline_note, map=map_fig,
                           map_note=map_note, count_text=count_text, options=self.menu_options())

    # -- writing -----------------------------------------------------------------------
    def _ingest(self, docs: list[Document], errors: list[str]) -> str:
        from timeline.pipeline import ingest_documents

        summary = ingest_documents(docs, self.store) if docs else None
        self.invalidate()
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


def timeline_note(n: int, meta: dict[str, Any]) -> str:
    """What the timeline shows, in words: events, those outside the range, unresolved dates."""
    parts = [f"{n:,} event{'s' if n != 1 else ''} match"]
    outside = int(meta.get("earlier") or 0) + int(meta.get("later") or 0)
    if outside:
        parts.append(f"{outside} outside the shown range (see the markers under the timeline)")
    if meta.get("overflow"):
        parts.append(f"{meta['overflow']} more in crowded lanes (click +N to zoom in)")
    if meta.get("undated"):
        parts.append(f"{meta['undated']} with an unresolved date are listed in the table only")
    return "; ".join(parts) + "."


def _summary_text(summary: Any) -> str:
    fields = [("documents_added", "document(s) added"), ("documents_unchanged", "unchanged"),
              ("events_added", "new event(s)"), ("events_merged", "merged into existing events")]
    parts = [f"{getattr(summary, k)} {label}" for k, label in fields if getattr(summary, k, None) is not None]
    text = (", ".join(parts) + ".") if parts else str(summary)
    other = getattr(summary, "other_language", None) or []
    if other:
        # as `timeline ingest` says it: stored and viewable, but the extraction reads English only
        from collections import Counter

        from timeline.language import language_name

        langs = ", ".join(f"{language_name(c)}: {n}" for c, n in Counter(c for _, c in other).most_common())
        text += (f" {len(other)} not in English ({langs}): stored, with their events flagged "
                 "\u201clanguage not supported\u201d.")
    return text
