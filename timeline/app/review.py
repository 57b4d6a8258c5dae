"""The analyst's edit form under the detail panel, its history, and who may write.

Values are checked by `timeline.review` (the same rules as `timeline edit`) and written by the
store (`Store.correct`, `merge_events`, `split_source`), which keeps each change with who made
it and when. After a write the `data-version` store is bumped, so the timeline, map, table and
counts redraw at once.

Who may write is decided on the server, in every write callback, never only by hiding the form:
on a loopback address the app is editable; bound beyond loopback it is read-only unless started
with `--allow-edits`, and then each write must carry the shared secret (`--edit-token` or
$TIMELINE_EDIT_TOKEN), typed once into the form. A forged request to a write callback of a
read-only app changes nothing and gets the refusal as its answer.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from timeline.model import EVENT_TYPES, SUB_TYPES

#: Order of the form's fields (the id of each input is "edit-" + name).
FORM_FIELDS = ("dates", "type", "actor1", "actor2", "actors", "places", "summary", "fatalities")


@dataclass(frozen=True, slots=True)
class EditPolicy:
    """Whether this server accepts corrections, and the secret a write must carry (None: none needed)."""

    editable: bool = True
    token: str | None = None
    reason: str = ""

    def refusal(self, given: str | None) -> str | None:
        """None when a write may go ahead; else the message the analyst sees."""
        if not self.editable:
            return self.reason or "This app is read-only: corrections are refused."
        if self.token is not None and not hmac.compare_digest((given or "").encode(), self.token.encode()):
            return "The edit token is missing or wrong: corrections are refused."
        return None


def type_options() -> list[dict[str, str]]:
    """Every ACLED type and sub-type as "Type/Sub-type", the way `timeline edit --type` reads them."""
    out = []
    for etype in EVENT_TYPES:
        subs = SUB_TYPES.get(etype, ())
        if not subs:
            out.append({"label": etype, "value": etype})
        out += [{"label": f"{etype} / {sub}", "value": f"{etype}/{sub}"} for sub in subs]
    return out


def current_values(event: dict[str, Any]) -> dict[str, Any]:
    """What the form shows for an event, as typed text."""
    from timeline.review import format_dates

    dates = {"date_start": event.get("date_start"), "date_end": event.get("date_end"),
             "precision": event.get("precision") or "day", "approximate": bool(event.get("approximate"))}
    has_date = dates["date_start"] or dates["date_end"]
    return {
        "dates": format_dates(dates) if has_date else "",
        "type": "/".join(x for x in (event.get("event_type"), event.get("sub_type")) if x),
        "actor1": event.get("actor1") or "",
        "actor2": event.get("actor2") or "",
        "actors": "; ".join(a["name"] for a in event.get("actors") or []),
        "places": "; ".join(_place_text(p) for p in event.get("places") or []),
        "summary": event.get("summary") or "",
        "fatalities": "" if event.get("fatalities") is None else str(event["fatalities"]),
    }


def _place_text(place: dict[str, Any]) -> str:
    """A place as the places box reads it back: its name, or name@lat,lon for a point not in the gazetteer."""
    if place.get("geonameid") is None and place.get("lat") is not None and place.get("lon") is not None:
        return f"{place['name']}@{place['lat']},{place['lon']}"
    return place["name"]


def _row(label: str, control: Any, hint: str = "") -> html.Div:
    return html.Div([html.Label(label, htmlFor=control.id), control,
                     html.Span(hint, className="muted edit-hint") if hint else None], className="edit-row")


def edit_section(event: dict[str, Any] | None, history: list[dict[str, Any]], policy: EditPolicy,
                 edited: dict[str, Any] | None = None, *, open_form: bool = False) -> list[Any]:
    """Who edited the event, its history, and the "Correct this event" form (folded unless
    `open_form`: it stays open after a save), for the detail panel."""
    if not event:
        return []
    values = current_values(event)
    out: list[Any] = []
    if edited:
        out.append(html.P(f"Edited by {edited.get('by') or 'an analyst'}: " + ", ".join(edited.get("fields", [])),
                          className="edited-badge", id="edited-badge"))
    if history:
        out += [html.H4(f"History ({len(history)})"), history_list(history)]
    if not policy.editable:
        out.append(html.P(policy.reason or "Read-only: corrections are not accepted by this server.",
                          className="muted", id="edit-readonly"))
    else:
        rows = [
            _row("Dates", dcc.Input(id="edit-dates", type="text", value=values["dates"], debounce=False),
                 "2023-06-09 · 2023-06 · 2023 · A..B · 2022-08.. · ~ approximate"),
            _row("Type", dcc.Dropdown(id="edit-type", options=type_options(), value=values["type"] or None,
                                      clearable=False, searchable=True)),
            _row("Actor 1 (acted)", dcc.Input(id="edit-actor1", type="text", value=values["actor1"])),
            _row("Actor 2 (acted on)", dcc.Input(id="edit-actor2", type="text", value=values["actor2"])),
            _row("Actors", dcc.Input(id="edit-actors", type="text", value=values["actors"]), "separated by ;"),
            _row("Places", dcc.Input(id="edit-places", type="text", value=values["places"], list="edit-place-list"),
                 "gazetteer names separated by ; or name@lat,lon for your own point"),
            html.Datalist(id="edit-place-list", children=[]),
            _row("Summary", dcc.Textarea(id="edit-summary", value=values["summary"], rows=2)),
            _row("Fatalities", dcc.Input(id="edit-fatalities", type="text", value=values["fatalities"],
                                         inputMode="numeric"), "as the text states them; empty: unknown"),
            _row("Note", dcc.Input(id="edit-note", type="text", value="", placeholder="why (optional)")),
            _row("Your name", dcc.Input(id="edit-author", type="text", persistence=True, persistence_type="local")),
        ]
        if policy.token is not None:
            rows.append(_row("Edit token", dcc.Input(id="edit-token", type="password", persistence=True,
                                                     persistence_type="session")))
        else:
            rows.append(dcc.Input(id="edit-token", type="hidden", value=""))
        rows.append(html.Div([
            html.Button("Save changes", id="edit-save", n_clicks=0, className="small-button"),
            html.Button("Not an event" if not event.get("hidden") else "Show again", id="edit-hide", n_clicks=0,
                        className="small-button", title="Hide this event from every view and export (kept)"),
            dcc.Input(id="edit-merge-with", type="text", inputMode="numeric", placeholder="other event id",
                      className="edit-merge-id"),
            html.Button("Merge into this event", id="edit-merge", n_clicks=0, className="small-button",
                        title="The other event's sources, actors and places join this one"),
        ], className="edit-buttons"))
        if len({s.get("doc_id") for s in event.get("sources") or []}) > 1:
            rows.append(html.Div(
                [html.Span("Split a source out: ", className="muted")]
                + [html.Button(f"{s.get('publisher') or s.get('title') or s.get('doc_id', '')[:8]}",
                               id={"type": "split-source", "doc": s.get("doc_id") or ""}, n_clicks=0,
                               className="small-button", title="Move this source into an event of its own")
                   for s in event.get("sources") or []], className="edit-split"))
        out.append(html.Details([html.Summary("Correct this event"), *rows], id="edit-form", className="edit-form",
                                open=open_form))
    return out


def history_list(history: list[dict[str, Any]]) -> html.Ol:
    """Each correction: when, who, field, old → new, and the note."""
    from timeline.commands.history import show_value

    items = []
    for h in history:
        change = (show_value(h["field"], h["new"]) if h["field"] in ("merge", "split")
                  else f"{show_value(h['field'], h['old'])} → {show_value(h['field'], h['new'])}")
        items.append(html.Li([html.Span(f"{h['when'].replace('T', ' ')} · {h['author'] or '?'} · ",
                                        className="muted"), html.Strong(h["field"]), f": {change}",
                              html.Span(f" ({h['note']})", className="muted") if h.get("note") else None]))
    return html.Ol(items, className="history-list", id="history-list")


def save(store: Any, event_id: int, typed: dict[str, Any], *, author: str, note: str | None,
         lookup: Any = None) -> tuple[list[str], list[str]]:
    """Write the typed fields that differ from the event; (fields changed, error messages).

    Every field is checked before any is written, so a bad value in one box changes nothing."""
    from timeline.review import ReviewError, parse

    event = store.event(event_id)
    if event is None:
        return [], [f"event {event_id} no longer exists"]
    shown = current_values(event)
    wanted, errors = {}, []
    for field in FORM_FIELDS:
        raw = typed.get(field)
        if raw is None or str(raw).strip() == str(shown[field]).strip():
            continue
        try:
            wanted[field] = parse(field, raw, lookup)
        except ReviewError as exc:
            errors.append(f"{field}: {exc}")
    if errors:
        return [], errors
    changed = [f for f, v in wanted.items()
               if store.correct(event_id, f, v, author=author, note=note, lookup=lookup) is not None]
    return changed, []


def _lookup(name: str, country: str | None) -> dict[str, Any] | None:
    from dataclasses import asdict

    from timeline.gazetteer import lookup_place

    place = lookup_place(name, country)
    return asdict(place) if place else None


def register_review_callbacks(app: Dash, queries: Any, policy: EditPolicy) -> None:
    """Save, hide, merge and split; each checks the policy on the server before it writes."""

    def refused(token: str | None) -> str | None:
        return policy.refusal(token)

    def written(version: int | None, message: str) -> tuple:
        queries.invalidate()
        return html.Span(message, className="edit-ok"), (version or 0) + 1

    @app.callback(
        Output("edit-message", "children"),
        Output("data-version", "data", allow_duplicate=True),
        Input("edit-save", "n_clicks"),
        Input("edit-hide", "n_clicks"),
        Input("edit-merge", "n_clicks"),
        Input({"type": "split-source", "doc": ALL}, "n_clicks"),
        State("selected-event", "data"),
        *[State(f"edit-{f}", "value") for f in FORM_FIELDS],
        State("edit-note", "value"),
        State("edit-author", "value"),
        State("edit-token", "value"),
        State("edit-merge-with", "value"),
        State("data-version", "data"),
        prevent_initial_call=True,
    )
    def write(_save: Any, _hide: Any, _merge: Any, _split: Any, event_id: Any, *rest: Any) -> Any:
        *typed_values, note, author, token, merge_with, version = rest
        trigger = ctx.triggered_id
        if event_id is None or trigger is None or not (ctx.triggered and ctx.triggered[0].get("value")):
            raise PreventUpdate
        message = refused(token)
        if message is not None:
            return html.Span(message, className="edit-error"), no_update
        from timeline.review import ReviewError
        from timeline.store.corrections import CorrectionError

        store, eid, who = queries.store, int(event_id), (author or "").strip()
        try:
            if trigger == "edit-save":
                changed, errors = save(store, eid, dict(zip(FORM_FIELDS, typed_values)), author=who,
                                       note=note, lookup=_lookup)
                if errors:
                    return html.Ul([html.Li(e) for e in errors], className="edit-error"), no_update
                if not changed:
                    return html.Span("Nothing changed.", className="muted"), no_update
                return written(version, "Saved: " + ", ".join(changed))
            if trigger == "edit-hide":
                event = store.event(eid) or {}
                hidden = not bool(event.get("hidden"))
                store.correct(eid, "hidden", hidden, author=who, note=note)
                return written(version, "Hidden from every view and export (kept; its history shows it)."
                               if hidden else "Shown again.")
            if trigger == "edit-merge":
                other = str(merge_with or "").strip().lstrip("#")
                if not other.isdigit():
                    return html.Span("Give the id of the event to merge into this one (a number, shown as "
                                     "\u201cEvent id\u201d in its detail).", className="edit-error"), no_update
                store.merge_events(eid, int(other), author=who, note=note)
                return written(version, f"Event {int(other)} merged into this one.")
            if isinstance(trigger, dict) and trigger.get("type") == "split-source":
                new_id = store.split_source(eid, trigger.get("doc") or "", author=who, note=note)
                return written(version, f"Source split out as event {new_id}.")
        except (ReviewError, CorrectionError) as exc:
            return html.Span(str(exc), className="edit-error"), no_update
        raise PreventUpdate

    @app.callback(
        Output("edit-place-list", "children"),
        Input("edit-places", "value"),
        prevent_initial_call=True,
    )
    def suggest_places(value: str | None) -> Any:
        """Gazetteer names for the last name being typed in the places box."""
        last = (value or "").split(";")[-1].strip()
        if len(last) < 3 or "@" in last:
            raise PreventUpdate
        head = value.rsplit(";", 1)[0] + "; " if ";" in (value or "") else ""
        names = [name for name, _ in queries.facets().get("places", []) if name.lower().startswith(last.lower())][:8]
        found = _lookup(last, None)
        if found and found["name"] not in names:
            names.insert(0, found["name"])
        return [html.Option(value=head + n) for n in names]
