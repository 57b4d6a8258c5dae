"""The detail panel, document view and table rows, built without a browser."""
from __future__ import annotations

from dash import html

from timeline.app import layout
from timeline.app.callbacks import clicked_event_id, window_dates
from timeline.app.detail import date_span_in_sentence, detail_panel, document_view, highlight
from timeline.app.table import date_label, sort_order, table_row

TEXT = "Intro. On 9 June 2023 <script>window.__xss=1</script> a plant opened. Outro."
S = TEXT.index("On 9")
E = TEXT.index(" Outro")
EVENT = {
    "id": 5, "date_start": "2023-06-09", "date_end": "2023-06-09", "precision": "day", "date_text": "9 June 2023",
    "date_value": "2023-06-09", "summary": "a plant opened", "sentence": TEXT[S:E], "event_type": "Other",
    "actors": [{"name": "Russia", "country": "RU"}], "places": [{"name": "Alabuga", "country": "RU"}],
    "sources": [{"doc_id": "d1", "title": "T", "publisher": "P", "published": "2023-06-10",
                 "published_source": "dateline", "url": "javascript:alert(1)", "start": S, "end": E,
                 "timex_start": TEXT.index("9 June"), "timex_end": TEXT.index("9 June") + 11}],
}


def walk(component):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for c in children:
            yield from walk(c)
    elif children is not None:
        yield from walk(children)


def test_highlight_marks_the_span_with_plain_strings_around_it() -> None:
    parts = highlight("abc def ghi", 4, 7)
    assert parts[0] == "abc " and isinstance(parts[1], html.Mark) and parts[1].children == "def"
    assert parts[2] == " ghi"
    assert highlight("abc", 2, 9) == ["abc"]  # bad offsets: nothing marked, nothing lost


def test_detail_marks_the_date_and_keeps_hostile_text_as_text() -> None:
    assert date_span_in_sentence(EVENT, EVENT["sources"][0]) == (3, 14)
    nodes = list(walk(html.Div(detail_panel(EVENT))))
    marks = [n for n in nodes if isinstance(n, html.Mark)]
    assert [m.children for m in marks] == ["9 June 2023"]
    strings = [n for n in nodes if isinstance(n, str)]
    assert any("<script>window.__xss=1</script>" in s for s in strings)  # shown as characters
    # a javascript: URL is never turned into a link
    assert not [n for n in nodes if isinstance(n, html.A)]
    assert any("from the dateline" in s for s in strings)
    assert not any(getattr(n, "dangerouslySetInnerHTML", None) for n in nodes)


def test_document_view_marks_sentence_and_date_inside_it() -> None:
    nodes = list(walk(html.Div(document_view({"text": TEXT, "title": "T"}, EVENT["sources"][0]))))
    sentence = [n for n in nodes if isinstance(n, html.Mark) and n.className == "hl-sentence"]
    date_mark = [n for n in nodes if isinstance(n, html.Mark) and n.className == "hl-date"]
    assert len(sentence) == 1 and date_mark[0].children == "9 June 2023"
    assert "".join(s for s in nodes if isinstance(s, str) and s in (TEXT[:S], TEXT[E:])) == TEXT[:S] + TEXT[E:]


def test_no_selection_shows_a_hint() -> None:
    assert "Click an event" in detail_panel(None)[0].children


def test_table_rows_and_sort_orders() -> None:
    row = table_row(EVENT)
    assert row["date"] == "2023-06-09" and row["actors"] == "Russia" and row["source"] == "P"
    assert table_row({"id": 1, "date_value": "XXXX-10"})["date"] == "unresolved (XXXX-10)"
    # a whole range fits the column: no finer than its precision, the shared year written once
    assert date_label({"date_start": "2022-01-01", "date_end": "2022-12-31", "precision": "year"}) == "2022"
    assert date_label({"date_start": "2023-03-01", "date_end": "2023-05-31", "precision": "season"}) == \
        "2023-03 \u2013 2023-05"
    assert date_label({"date_start": "2023-06-05", "date_end": "2023-06-11", "precision": "week"}) == \
        "2023-06-05 \u2013 06-11"
    assert date_label({"date_start": "2022-08-01", "date_end": None, "precision": "month", "approximate": True}) == \
        "\u2248 2022-08 \u2192 open"
    assert date_label({"date_start": "2023-06-13", "date_end": "2023-06-13", "precision": "day",
                       "date_relation": "reported"}) == "\u2248 2023-06-13 (report date)"
    assert sort_order([{"colId": "date", "sort": "desc"}]) == "-date"
    assert sort_order([{"colId": "actors", "sort": "asc"}]) == "date"
    assert sort_order(None) == "date"


def test_window_and_click_parsing() -> None:
    from datetime import date

    assert window_dates(["2023-02-01 12:00:00.5", "2023-01-01"]) == (date(2023, 1, 1), date(2023, 2, 1))
    assert window_dates(None) is None and window_dates(["garbage", "2023-01-01"]) is None
    assert clicked_event_id({"points": [{"customdata": 7}]}) == 7
    assert clicked_event_id({"points": [{"customdata": [3, 4]}]}) == 3
    assert clicked_event_id({"points": [{"x": 1}]}) is None


def test_layout_labels_every_filter_control() -> None:
    page = layout.build_layout(max_upload_mb=2, map_config={"topojsonURL": "/t/"})
    nodes = list(walk(page))
    labelled = {n.htmlFor for n in nodes if isinstance(n, html.Label)}
    for control in ("filter-search", "filter-from", "filter-to", "filter-types", "filter-actors",
                    "filter-places", "filter-sources", "paste-text", "paste-date"):
        assert control in labelled
    upload = next(n for n in nodes if getattr(n, "id", None) == "upload")
    assert upload.max_size == 2 * 1024 * 1024
    graph = next(n for n in nodes if getattr(n, "id", None) == "map-graph")
    assert graph.config["topojsonURL"] == "/t/"
