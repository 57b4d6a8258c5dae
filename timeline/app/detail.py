"""The detail panel and the document viewer, built as Dash components from records.

Text from documents is never inserted as HTML: highlights are html.Mark children
holding plain strings, which React escapes, so a document containing `<script>`
shows the characters and runs nothing.
"""
from __future__ import annotations

from typing import Any

from dash import html

from timeline.app.figures import resolved_text, type_colour
from timeline.export.records import timex_in_sentence

PUBLISHED_HOW = {
    "given": "given by the user",
    "metadata": "from the page's metadata",
    "dateline": "from the dateline",
    "inferred": "inferred from the text",
    "unknown": "unknown (relative dates left unresolved)",
}


def highlight(text: str, start: int | None, end: int | None, *, class_name: str = "hl-date") -> list[Any]:
    """`text` split into plain strings around one html.Mark for text[start:end].

    Offsets outside the text, or an empty span, give the text unmarked.
    """
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return [text]
    parts: list[Any] = []
    if start:
        parts.append(text[:start])
    parts.append(html.Mark(text[start:end], className=class_name))
    if end < len(text):
        parts.append(text[end:])
    return parts


def date_span_in_sentence(event: dict[str, Any], source: dict[str, Any] | None = None) -> tuple[int, int] | None:
    """Where the date expression sits in `event['sentence']`, from `source`'s offsets (else any source's).

    One rule for the app and the static export: `timeline.export.records.timex_in_sentence`.
    """
    return timex_in_sentence({**event, "sources": [source]} if source else event)


def highlighted_sentence(event: dict[str, Any]) -> list[Any]:
    sources = event.get("sources") or []
    span = date_span_in_sentence(event, sources[0] if sources else None)
    sentence = event.get("sentence") or ""
    return highlight(sentence, *(span or (None, None)))


def _names(items: list[dict[str, Any]] | None, with_country: bool = True) -> str:
    if not items:
        return "—"
    out = []
    for item in items:
        name = item.get("name") or "?"
        country = item.get("country")
        out.append(f"{name} ({country})" if with_country and country else name)
    return ", ".join(out)


def _field(label: str, value: Any) -> list[Any]:
    return [html.Dt(label), html.Dd(value)]


def _language(code: str | None) -> list[Any]:
    """The source's language; for one the extraction cannot read, the "language not supported" flag."""
    from timeline.language import language_name, unsupported_note

    note = unsupported_note(code)
    if note is None:
        return [html.Span(f" · language: {language_name(code)}", className="muted")] if code else []
    return [html.Span(f" · {note}", className="language-flag", title=note)]


def source_item(source: dict[str, Any], index: int, event_id: Any) -> html.Li:
    """One source document: title, publisher, date and how it was obtained, link, open-text button."""
    title = source.get("title") or source.get("doc_id") or "untitled document"
    # a year-only date (published_value "2023") is shown as such, never as a day
    published = source.get("published") or source.get("published_value") or "date unknown"
    how = PUBLISHED_HOW.get(source.get("published_source") or "unknown", source.get("published_source") or "")
    url = source.get("url")
    link: Any = (
        html.A("link", href=url, target="_blank", rel="noopener noreferrer")
        if isinstance(url, str) and url.lower().startswith(("http://", "https://"))
        else html.Span("no link", className="muted")
    )
    return html.Li(
        [
            html.Strong(title),
            html.Span(f" — {source.get('publisher') or 'unknown publisher'}, published {published}"),
            html.Span(f" (publication date {how})", className="muted"),
            *_language(source.get("language")),
            " ",
            link,
            " ",
            html.Button(
                "Open text",
                id={"type": "open-doc", "doc": str(source.get("doc_id") or ""), "i": index},
                className="small-button",
                n_clicks=0,
                title="Show the document with this sentence highlighted",
            ),
        ],
        className="source-item",
    )


def detail_panel(event: dict[str, Any] | None) -> list[Any]:
    """Children of the detail panel for one event record (or a hint when none is selected)."""
    if not event:
        return [html.P("Click an event on the timeline, the map or in the table to see its details.",
                       className="muted")]
    sources = event.get("sources") or []
    etype = event.get("event_type") or "Other"
    hidden = [html.P("Marked \u201cnot an event\u201d: hidden from every view and export, kept in the store.",
                     className="hidden-flag", id="hidden-flag")] if event.get("hidden") else []
    return hidden + [
        html.H3([html.Span("■ ", style={"color": type_colour(etype)}), event.get("summary") or "(no summary)"],
                className="detail-title"),
        html.Blockquote(highlighted_sentence(event), className="detail-sentence", id="detail-sentence"),
        html.Dl(
            _field("Date as written", event.get("date_text") or "—")
            + _field("Resolved", resolved_text(event))
            + _field("TIMEX3 value", (event.get("date_value") or "—")
                     + (f" (mod {event['date_mod']})" if event.get("date_mod") else "")
                     + (f", {event['date_relation']}" if event.get("date_relation") else ""))
            + _field("Type", etype + (f" / {event['sub_type']}" if event.get("sub_type") else ""))
            + _field("Actor 1 (acted)", event.get("actor1") or "—")
            + _field("Actor 2 (acted on)", event.get("actor2") or "—")
            + _field("Actors", _names(event.get("actors")))
            + _field("Places", _names(event.get("places")))
            + _field("Fatalities", "—" if event.get("fatalities") is None else str(event["fatalities"]))
            + _field("Confidence", f"{event.get('confidence')}" if event.get("confidence") is not None else "—")
            + _field("Event id", str(event.get("id"))),
            className="detail-fields",
        ),
        html.H4(f"Sources ({len(sources)})"),
        html.Ul([source_item(s, i, event.get("id")) for i, s in enumerate(sources)], className="source-list"),
    ]


def document_view(document: dict[str, Any] | None, source: dict[str, Any] | None) -> list[Any]:
    """The document text with the event's sentence (and its date expression inside it) marked."""
    if not document:
        return [html.P("Document not found.", className="muted")]
    text = document.get("text") or ""
    header = [html.H3(document.get("title") or "Untitled document"),
              html.P(f"{document.get('publisher') or 'unknown publisher'} · "
                     f"published {document.get('published') or 'date unknown'}", className="muted")]
    s = source.get("start") if source else None
    e = source.get("end") if source else None
    if s is None or e is None or not (0 <= s < e <= len(text)):
        return header + [html.Pre(text, className="doc-text")]
    sentence = text[s:e]
    ts, te = (source or {}).get("timex_start"), (source or {}).get("timex_end")
    inner = highlight(sentence, ts - s, te - s) if ts is not None and te is not None else [sentence]
    body = [text[:s], html.Mark(inner, className="hl-sentence", id="doc-sentence"), text[e:]]
    return header + [html.Pre(body, className="doc-text")]
