"""What the app asks the store, in one place: figure queries, facets, adding documents.

The callbacks stay thin by calling these; the decisions about when to draw single
events and when to draw counts (and at which bucket size) live here and in
`figures`.

Answers are remembered for as long as the store's data is unchanged
(`timeline.store.columns.DataVersion`: any commit, by this process or another, makes
them stale), so a filter the reader goes back to, a reload or a second visitor costs no
query. Counts over many events come from a column copy of the store
(`timeline.store.columns.EventColumns`, built in a background thread when the store
holds more than `figures.AGGREGATE_THRESHOLD` events and rebuilt after a change);
until it is ready, and for every other question, SQL answers.
"""
from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
from timeline.app import figures
from timeline.app.layout import InitialView
from timeline.app.state import empty_state, state_to_filter, state_to_query
from timeline.model import Document, EventFilter
from timeline.store.columns import DataVersion, EventColumns

#: above this many events the map shows one point per place from SQL counts
MAP_EVENT_LIMIT = figures.AGGREGATE_THRESHOLD
#: answers remembered (counts, figures, menus), least recently used dropped first
CACHE_SIZE = 256
#: where the store cannot say whether its data changed (an in-memory SQLite database), counts are
#: reused this long and figures are not kept at all
COUNT_TTL_S = 10.0
FACETS_TTL_S = 60.0


class AppQueries:
    """The app's read and write access to one `timeline.store.Store`."""

    def __init__(self, store: Any, *, max_upload_bytes: int) -> None:
        self.store = store
        self.max_upload_bytes = max_upload_bytes
        self._lock = threading.Lock()
        self._version_probe = DataVersion(store)
        #: key -> (data version or None, time stored, answer)
        self._cache: OrderedDict[Hashable, tuple[Hashable | None, float, Any]] = OrderedDict()
        self._columns: tuple[Hashable, EventColumns] | None = None
        self._building = False

    def invalidate(self) -> None:
        """Forget cached answers (after documents were added or events edited)."""
        with self._lock:
            self._cache.clear()
            self._columns = None

    # -- remembering -------------------------------------------------------------------
    def data_version(self) -> Hashable | None:
        """The store's data version (None: unknown, see `DataVersion`)."""
        return self._version_probe.current()

    def _remembered(self, key: Hashable, compute: Callable[[], Any], *, ttl: float | None = COUNT_TTL_S) -> Any:
        """`compute()`, or the answer stored for `key` while the data is unchanged. Where the
        version is unknown the answer is kept `ttl` seconds (None: not kept)."""
        version = self.data_version()   # read before computing: a write meanwhile makes it stale
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and (hit[0] == version if version is not None
                                    else ttl is not None and now - hit[1] < ttl):
                self._cache.move_to_end(key)
                return hit[2]
        value = compute()
        if version is not None or ttl is not None:
            with self._lock:
                self._cache[key] = (version, now, value)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return value

    def columns(self, *, build: bool = True) -> EventColumns | None:
        """The column copy of the store if it is up to date; otherwise None, and (with `build`)
        a new copy is read in the background while SQL answers."""
        version = self.data_version()
        if version is None:
            return None
        current = self._columns
        if current is not None and current[0] == version:
            return current[1]
        if build:
            with self._lock:
                start, self._building = not self._building, True
            if start:
                threading.Thread(target=self._build_columns, name="timeline-columns", daemon=True).start()
        return None

    def _build_columns(self) -> None:
        try:
            version = self.data_version()   # before reading: a write meanwhile makes the copy stale
            with self.store.engine.connect() as conn:
                columns = EventColumns.load(conn)
            with self._lock:
                self._columns = (version, columns)
        except Exception:  # noqa: BLE001 - only a speed-up: SQL keeps answering (e.g. the store was closed)
            pass
        finally:
            with self._lock:
                self._building = False

    def _from_columns(self, flt: EventFilter | None, answer: Callable[[EventColumns, Any], Any],
                      build: bool) -> tuple[bool, Any]:
        """(True, answer) from the column copy, or (False, None) when there is no current copy."""
        columns = self.columns(build=build)
        if columns is None:
            return False, None
        with self.store.engine.connect() as conn:
            return True, answer(columns, columns.mask(conn, flt))

    # -- reading -----------------------------------------------------------------------
    def count(self, flt: EventFilter | None) -> int:
        """store.count, remembered per filter: one filter change asks it from three callbacks."""
        def compute() -> int:
            done, n = self._from_columns(flt, lambda c, keep: c.count(keep), build=False)
            return n if done else self.store.count(flt)
        return self._remembered(("count", repr(flt)), compute)

    def counts_by_period(self, flt: EventFilter, period: str) -> list[tuple[str, str, int]]:
        """store.counts_by_period, from the column copy when there is one."""
        done, counts = self._from_columns(flt, lambda c, keep: c.counts_by_period(keep, period), build=True)
        return counts if done else self.store.counts_by_period(flt, period)

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Facets of the whole store (the filter menus), kept while the data is unchanged."""
        return self._remembered(("facets",), lambda: self.store.facets(None), ttl=FACETS_TTL_S)

    def extent(self, flt: EventFilter) -> tuple[date, date] | None:
        """First and last dated day in the filtered set (from the column copy, else two indexed
        one-row queries)."""
        done, ext = self._from_columns(flt, lambda c, keep: c.extent(keep), build=True)
        if done:
            return ext
        dated = replace(flt, date_from=flt.date_from or date(1, 1, 1), date_to=flt.date_to or date(9999, 12, 31))
        first = self.store.events(dated, limit=1, order="date")
        last = self.store.events(dated, limit=1, order="-date")
        if not first or not last:
            return None
        ext = figures.data_extent(first + last)
        return ext

    def timeline(self, state: dict[str, Any], window: list[str] | None, window_days: tuple[date, date] | None,
                 selected: Any, plot_px: float | None = None) -> tuple[go.Figure, str]:
        """Single events when few enough are in view, otherwise counts per day/week/month.
        Remembered per view while the data is unchanged (figures are not changed after)."""
        key = ("timeline", json.dumps(state, sort_keys=True, default=str), tuple(window or ()),
               tuple(window_days or ()), selected, plot_px)
        return self._remembered(key, lambda: self._timeline(state, window, window_days, selected, plot_px), ttl=None)

    def _timeline(self, state: dict[str, Any], window: list[str] | None, window_days: tuple[date, date] | None,
                  selected: Any, plot_px: float | None = None) -> tuple[go.Figure, str]:
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
            counts = self.counts_by_period(flt, period)
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
        done, rows = self._from_columns(flt, lambda c, keep: c.place_counts(keep), build=True)
        return [{**row, "ids": []} for row in (rows if done else self.store.place_counts(flt))]

    def map(self, flt: EventFilter, n: int) -> go.Figure:
        """Event places: one point per place with event ids when few, SQL counts per place when many."""
        if n <= MAP_EVENT_LIMIT:
            return figures.map_figure(self.event_places(flt), n_events=n)
        return figures.map_figure(self.place_counts(flt), n_events=n)

    def map_view(self, state: dict[str, Any] | None) -> tuple[go.Figure, str, str]:
        """The map, its note about unlocated events, and the header's event count (remembered
        per filter while the data is unchanged)."""
        key = ("map", json.dumps(state, sort_keys=True, default=str))
        return self._remembered(key, lambda: self._map_view(state), ttl=None)

    def _map_view(self, state: dict[str, Any] | None) -> tuple[go.Figure, str, str]:
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
        """The unfiltered view, computed while the browser is still loading scripts (remembered
        while the data is unchanged: every page load asks for it)."""
        return self._remembered(("initial",), self._initial_view, ttl=None)

    def _initial_view(self) -> InitialView:
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
