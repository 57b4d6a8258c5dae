"""The static export in real headless Chromium, opened from file:// with every other request aborted.

Uses the shared `page` fixture (tests/browser/conftest.py). The page must draw the
timeline and the map's land from inlined data only, its filters must narrow the
timeline and the table together, and hostile record text must stay text.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from timeline.export import export_html
from timeline.export.synthetic import synthetic_events

HOSTILE = [
    "</script><script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    "<svg onload=\"window.__xss=3\"></svg><!-- ",
]


def _hostile_event(i: int, text: str) -> dict[str, Any]:
    sentence = f"Posters said {text} on 2 May 2023 near the depot."
    at = sentence.index("2 May 2023")
    return {
        "id": 9000 + i, "date_start": "2023-05-02", "date_end": "2023-05-02", "precision": "day",
        "date_text": "2 May 2023", "date_value": "2023-05-02", "date_mod": None, "date_relation": None,
        "approximate": False, "open_start": False, "open_end": False,
        "summary": text, "sentence": sentence, "event_type": "Riots", "sub_type": text,
        "actors": [{"name": text, "kind": "group", "country": None}],
        "places": [{"name": text, "country": "UA", "lat": 50.45, "lon": 30.52, "precision": "city"}],
        "fatalities": None, "confidence": 0.5,
        "sources": [{"doc_id": f"h{i}", "title": text, "url": "javascript:window.__xss=4", "publisher": text,
                     "published": "2023-05-03", "published_source": "given", "start": 0, "end": len(sentence),
                     "timex_start": at, "timex_end": at + len("2 May 2023")}],
    }


def _wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:
    """Poll `expression` from Python: Playwright's wait_for_function evaluates strings with
    eval inside the page, which the export's Content-Security-Policy rightly forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout}s: {expression}")
        page.wait_for_timeout(50)


def _open(page: Any, path: Path) -> list[str]:
    """Open `path` from disk with every non-file request aborted; returns the aborted URLs."""
    requested: list[str] = []

    def _route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            requested.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", _route)
    page.on("request", lambda req: None if req.url.startswith(("file:", "data:", "blob:", "about:"))
            else requested.append(req.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    return requested


@pytest.fixture
def events() -> list[dict[str, Any]]:
    return synthetic_events(80, seed=3) + [_hostile_event(i, t) for i, t in enumerate(HOSTILE)]


@pytest.fixture
def opened(page: Any, events: list[dict[str, Any]], tmp_path: Path) -> tuple[Any, list[str]]:
    path = tmp_path / "export.html"
    path.write_text(export_html(events, title="Browser check"), encoding="utf-8")
    return page, _open(page, path)


def _table_types(page: Any) -> set[str]:
    return set(page.eval_on_selector_all("#table tbody tr td:nth-child(2)", "tds => tds.map(t => t.textContent)"))


def _timeline_names(page: Any) -> set[str]:
    return set(page.evaluate(
        "document.getElementById('timeline').data.filter(t => t.customdata && t.meta !== 'labels')"
        ".map(t => t.name)"))


def test_opens_offline_and_requests_nothing(opened):
    page, requested = opened
    assert requested == []
    assert page.console_errors == []
    assert page.evaluate("location.protocol") == "file:"


def test_timeline_draws_like_the_app(opened):
    page, _ = opened
    assert page.evaluate("document.getElementById('timeline').dataset.mode") == "events"
    assert page.locator("#timeline .scatterlayer .point").count() > 10
    lanes = page.evaluate("document.getElementById('timeline')._fullLayout.yaxis.ticktext")
    assert "Riots" in lanes and "Strategic developments" in lanes
    traces = page.evaluate("document.getElementById('timeline').data.map(t => [t.mode, t.name, "
                           "(t.line || {}).dash, (t.marker || {}).symbol, t.meta || ''])")
    dashes = {dash for mode, _, dash, _, _ in traces if mode == "lines"}
    assert dashes == {"solid", "dot"}                # intervals; approximate dotted
    assert any(meta.startswith("open") for *_, meta in traces)                    # capped open-ended bars
    assert any(name and name.endswith("(open-ended)") for _, name, _, _, _ in traces)   # their arrow heads
    assert any(symbol == "circle" for _, _, _, symbol, _ in traces)               # single days
    assert page.locator("#timeline .scatterlayer .textpoint").count() > 10         # headlines
    colours = page.evaluate("Object.fromEntries(document.getElementById('timeline').data"
                            ".filter(t => t.customdata && t.meta !== 'labels').map(t => [t.name, t.marker.color]))")
    from timeline.app.figures import TYPE_COLOURS
    assert all(TYPE_COLOURS[name] == colour for name, colour in colours.items())


def test_clicking_a_timeline_mark_or_a_place_shows_details(opened):
    page, _ = opened
    box = page.locator("#timeline .scatterlayer .trace:not(:first-child) .point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wait_until(page, "document.getElementById('details').dataset.id > 0")
    assert page.locator("#details .sentence mark").count() == 1
    ring = page.evaluate("document.getElementById('timeline').data[0]")
    assert ring["name"] == "selected" and len(ring["x"]) == 1              # the ring marks the choice
    page.locator("#map").scroll_into_view_if_needed()
    box = page.locator("#map .scattergeo .point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    _wait_until(page, "document.getElementById('details').dataset.id === ''")
    assert "event(s) here" in page.inner_text("#details")
    page.locator("#details button.link").first.click()
    assert page.locator("#details .sentence").count() == 1


def test_table_sorts_by_column(opened):
    page, _ = opened
    def first_dates():
        return page.evaluate("Array.from(document.querySelectorAll('#table tbody tr')).slice(0, 3)"
                             ".map(r => timelineExport.events().find(e => e.id === Number(r.dataset.id)).s)")
    ascending = first_dates()
    page.click("#table th[data-key=date]")
    assert page.get_attribute("#table th[data-key=date]", "aria-sort") == "descending"
    descending = first_dates()
    assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)
    assert descending[0] > ascending[0]
    page.click("#table th[data-key=type]")
    types = page.eval_on_selector_all("#table tbody td:nth-child(2)", "tds => tds.map(t => t.textContent)")
    assert types == sorted(types)


def test_map_draws_land_and_places_from_the_inlined_topojson(opened):
    page, _ = opened
    land = page.eval_on_selector_all("#map .layer.land path", "ps => ps.map(p => (p.getAttribute('d') || '').length)")
    assert land and max(land) > 1000
    assert page.eval_on_selector_all("#map .layer.countries path", "ps => ps.length") >= 1
    assert page.locator("#map .scattergeo .point").count() > 5


def test_decoded_records_match_the_exported_ones(opened, events):
    page, _ = opened
    got = page.evaluate("timelineExport.events().map(e => [e.id, e.summary, e.sentence, e.date_text, "
                        "e.actorNames, ...[e.s, e.e].map(d => d === null ? null : "
                        "new Date(d * 864e5).toISOString().slice(0, 10))])")
    want = [[e["id"], e["summary"], e["sentence"], e["date_text"], [a["name"] for a in e["actors"]],
             e["date_start"], e["date_end"]] for e in events]
    assert got == want


def test_type_filter_narrows_table_and_timeline_together(opened):
    page, _ = opened
    assert len(_table_types(page)) > 2
    before = page.evaluate("timelineExport.shown().length")
    rendered = page.evaluate("document.body.dataset.rendered")
    for box in page.locator("#f-types input").all():
        if box.get_attribute("value") != "Battles":
            box.uncheck()
    _wait_until(page, f"document.body.dataset.rendered > {int(rendered) + 4}")
    assert _table_types(page) == {"Battles"}
    assert _timeline_names(page) == {"Battles"}
    shown = page.evaluate("timelineExport.shown().length")
    assert 0 < shown < before
    assert page.inner_text("#counts").startswith(f"Showing {shown} of")
    page.click("#f-reset")
    _wait_until(page, f"timelineExport.shown().length === {before}")
    assert len(_table_types(page)) > 2


def test_text_and_date_filters(opened, events):
    page, _ = opened
    page.fill("#f-text", "kharkiv")
    _wait_until(page, "timelineExport.shown().length < 50")
    shown = page.evaluate("timelineExport.shown().map(e => e.id)")
    assert shown and all("kharkiv" in (events[i - 1]["sentence"] + str(events[i - 1]["places"])).lower()
                         for i in shown)
    page.fill("#f-text", "")
    page.fill("#f-from", "2023-01-01")
    page.fill("#f-to", "2023-03-31")
    page.dispatch_event("#f-to", "change")
    in_range = ("timelineExport.shown().every(e => (e.e === null || e.e >= 19358) && "
                "(e.s === null || e.s <= 19447) && !(e.s === null && e.e === null))")
    _wait_until(page, in_range)
    rendered = int(page.evaluate("document.body.dataset.rendered"))
    page.locator("#f-types input[value=Battles]").uncheck()       # redraws the timeline: dates must stay
    _wait_until(page, f"document.body.dataset.rendered > {rendered}")
    page.wait_for_timeout(300)
    assert page.input_value("#f-from") == "2023-01-01"
    assert page.evaluate(in_range)
    assert page.evaluate("timelineExport.shown().every(e => e.type !== 'Battles')")


def test_zooming_the_timeline_filters_table_and_map(opened):
    page, _ = opened
    total = page.evaluate("timelineExport.events().length")
    rendered = int(page.evaluate("document.body.dataset.rendered"))
    page.evaluate("Plotly.relayout('timeline', {'xaxis.range': ['2023-01-01', '2023-03-31 12:00']})")
    _wait_until(page, f"document.body.dataset.rendered > {rendered}")
    assert page.input_value("#f-from") == "2023-01-01" and page.input_value("#f-to") == "2023-03-31"
    assert page.evaluate("timelineExport.shown().every(e => !(e.s === null && e.e === null) && "
                         "(e.e === null || e.e >= 19358) && (e.s === null || e.s <= 19447))")
    assert 0 < page.evaluate("timelineExport.shown().length") < total
    zoomed = page.evaluate("document.getElementById('timeline')._fullLayout.xaxis.range.map("
                           "v => new Date(v).toISOString().slice(0, 10))")
    assert zoomed[0] == "2023-01-01"                 # the zoom is kept (and the window re-packed)
    page.evaluate("Plotly.relayout('timeline', {'xaxis.autorange': true})")
    _wait_until(page, f"timelineExport.shown().length === {total}")
    assert page.input_value("#f-from") == ""


def test_actor_filter(opened, events):
    page, _ = opened
    page.select_option("#f-actor", "Kremlin")
    _wait_until(page, "timelineExport.shown().length < 83")
    shown = page.evaluate("timelineExport.shown().map(e => e.id)")
    want = [e["id"] for e in events if "Kremlin" in [a["name"] for a in e["actors"]]]
    assert shown == want and want


def test_an_empty_export_still_opens_cleanly(page, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(export_html([], title="Nothing yet"), encoding="utf-8")
    assert _open(page, path) == []
    assert page.evaluate("document.getElementById('timeline').dataset.mode") == "empty"
    assert "No dated events" in page.inner_text("#timeline")
    assert page.locator("#map .layer.land path").count() >= 1      # the world still draws
    assert page.console_errors == []


def test_details_show_the_sentence_with_the_date_marked(opened):
    page, _ = opened
    page.click("#table tbody tr:first-child")
    mark = page.inner_text("#details mark")
    row_id = page.get_attribute("#table tbody tr:first-child", "data-id")
    ev = page.evaluate(f"timelineExport.events().find(e => e.id === {row_id})")
    assert mark == ev["date_text"]
    assert page.inner_text("#details .sentence") == ev["sentence"]


def test_hostile_text_is_shown_as_text_and_runs_nothing(opened):
    page, _ = opened
    page.fill("#f-text", "posters said")
    _wait_until(page, "timelineExport.shown().length === 3")
    cells = page.eval_on_selector_all("#table tbody td:nth-child(3)", "tds => tds.map(t => t.textContent)")
    assert sorted(cells) == sorted(HOSTILE)
    for row in page.locator("#table tbody tr").all():
        row.click()
        assert page.text_content("#details h3") in HOSTILE
        assert page.locator("#details a").count() == 0          # javascript: URL is not made a link
    page.mouse.move(400, 400)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.locator("img, svg[onload]").count() == 0
    assert page.console_errors == []


def test_many_events_are_drawn_as_counts(page, tmp_path):
    path = tmp_path / "big.html"
    path.write_text(export_html(synthetic_events(2500, seed=5)), encoding="utf-8")
    assert _open(page, path) == []
    assert page.evaluate("document.getElementById('timeline').dataset.mode") == "counts"
    assert page.locator("#table tbody tr").count() == 50
    page.click("#p-next")
    assert page.inner_text("#p-info") == "page 2 of 50"
