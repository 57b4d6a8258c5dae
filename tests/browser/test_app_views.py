"""The app in headless Chromium: linked views, filters, URL state, selection, offline map."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import app_counts, wait_app_idle

from timeline.store import Store


def located_ids(store: Store, **flt) -> list[int]:
    return sorted(e["id"] for e in store.events() if any(p.get("lat") is not None for p in e["places"]))


def dated_ids(events: list[dict]) -> list[int]:
    return sorted(e["id"] for e in events if e["date_start"] or e["date_end"])


def test_timeline_map_and_table_show_the_same_events(live_app, sample_store_url, page) -> None:
    base = live_app(sample_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    with Store(sample_store_url) as store:
        events = store.events()
        located = located_ids(store)
    counts = app_counts(page)
    assert counts["rows"] == len(events)
    assert counts["header"].startswith(f"{len(events):,} event")
    # every dated event is drawn, or counted outside the range (edge markers) or in a "+N" badge
    meta = counts["timelineMeta"]
    assert set(counts["timeline"]) <= set(dated_ids(events))
    assert len(counts["timeline"]) + meta["earlier"] + meta["later"] + meta["overflow"] == len(dated_ids(events))
    assert counts["map"] == located
    assert not page.console_errors, page.console_errors


def test_a_filter_narrows_timeline_map_and_table(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    before = app_counts(page)
    page.fill("#filter-search", "drones")
    page.press("#filter-search", "Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'drones'")
    page.wait_for_function(f"() => dash_ag_grid.getApi('events-grid').getDisplayedRowCount() < {before['rows']}")
    wait_app_idle(page)
    after = app_counts(page)
    with Store(hand_store_url) as store:
        from timeline.model import EventFilter

        expected = store.events(EventFilter(search="drones"))
    assert 0 < len(expected) < before["rows"]
    assert after["rows"] == len(expected)
    assert after["timeline"] == dated_ids(expected)
    assert set(after["map"]) <= {e["id"] for e in expected} and len(after["map"]) < len(before["map"])


def test_filter_state_round_trips_through_the_url(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/?type=Strategic+developments&from=2023&lanes=actor")
    wait_app_idle(page)
    assert page.input_value("#filter-from") == "2023"
    assert page.is_checked("#filter-lanes input[value=actor]")
    counts = app_counts(page)
    with Store(hand_store_url) as store:
        from datetime import date

        from timeline.model import EventFilter

        expected = store.events(EventFilter(event_types=["Strategic developments"], date_from=date(2023, 1, 1)))
    assert counts["rows"] == len(expected) and counts["timeline"] == dated_ids(expected)
    # lanes are actors now
    lanes = page.evaluate("() => document.querySelector('#timeline-graph .js-plotly-plot').layout.yaxis.ticktext")
    assert "Russia" in lanes and "Strategic developments" not in lanes
    # change a control: the URL follows, and a reload restores the same view
    page.fill("#filter-to", "2023-03")
    page.press("#filter-to", "Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('to') === '2023-03'")
    query = parse_qs(urlsplit(page.url).query)
    assert query["type"] == ["Strategic developments"] and query["from"] == ["2023"]
    page.reload()
    wait_app_idle(page)
    assert page.input_value("#filter-to") == "2023-03"
    assert app_counts(page)["rows"] == len([e for e in expected if e["date_start"] <= "2023-03-31"])


def test_clicking_an_event_opens_its_detail_and_selects_its_row(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    with Store(hand_store_url) as store:
        target = next(e for e in store.events() if e["date_text"] == "17 October 2022")
    # where plotly drew the single-day point of that event
    box = page.evaluate(
        """(id) => { for (const g of document.querySelectorAll('#timeline-graph .scatterlayer .trace')) {
                       const trace = g.__data__ && g.__data__[0] && g.__data__[0].trace;
                       const i = trace && trace.index > 0 ? (trace.customdata || []).indexOf(id) : -1;
                       if (i < 0) continue;
                       const r = g.querySelectorAll('path.point')[i].getBoundingClientRect();
                       return {x: r.x + r.width / 2, y: r.y + r.height / 2}; } }""",
        target["id"])
    assert box, "event not drawn as a point"
    page.mouse.click(box["x"], box["y"])
    page.wait_for_selector("#detail-sentence mark.hl-date")
    assert page.inner_text("#detail-sentence mark.hl-date") == "17 October 2022"
    assert page.inner_text("#detail-sentence") == target["sentence"]
    page.wait_for_function("() => { const r = document.getElementById('detail-sentence').getBoundingClientRect();"
                           " return r.top >= 0 && r.bottom <= innerHeight; }")  # scrolled into view
    page.wait_for_selector("#events-grid .ag-row-selected")
    selected = page.evaluate("() => dash_ag_grid.getApi('events-grid').getSelectedRows().map(r => r.id)")
    assert selected == [target["id"]]
    # open the document with the sentence highlighted
    page.click("#detail-panel button:has-text('Open text')")
    page.wait_for_selector("#doc-sentence")
    assert page.inner_text("#doc-sentence") == target["sentence"]
    assert page.inner_text("#doc-sentence mark.hl-date") == "17 October 2022"
    page.wait_for_function("() => document.activeElement.id === 'doc-close'")
    page.keyboard.press("Escape")
    page.wait_for_selector("#doc-modal", state="hidden")


def test_selecting_a_row_highlights_the_event_on_the_timeline(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    with Store(hand_store_url) as store:
        target = next(e for e in store.events() if e["date_text"] == "19 January 2023")
    page.click(f"#events-grid .ag-cell[col-id='summary']:has-text('{target['summary'][:30]}')")
    page.wait_for_function(
        "() => (document.querySelector('#timeline-graph .js-plotly-plot').data[0].x || []).length > 0")
    band = page.evaluate("() => document.querySelector('#timeline-graph .js-plotly-plot').data[0].x")
    assert band == ["2023-01-19", "2023-01-19"]
    assert page.inner_text("#detail-sentence mark.hl-date") == "19 January 2023"


def test_map_draws_land_with_the_network_cut(live_app, hand_store_url, offline_page) -> None:
    base = live_app(hand_store_url)
    offline_page.goto(base + "/")
    wait_app_idle(offline_page)
    offline_page.wait_for_function(
        "() => [...document.querySelectorAll('#map-graph .geo .layer.land path, #map-graph .geo path.land')]"
        ".some(p => (p.getAttribute('d') || '').length > 1000)")
    n_points = offline_page.eval_on_selector_all("#map-graph .scattergeo path.point", "els => els.length")
    assert n_points >= 4
    assert not [u for u in offline_page.blocked_urls if "topojson" in u or "plot.ly" in u], offline_page.blocked_urls


def test_zoom_reveals_single_events_after_aggregation(live_app, tmp_path, page) -> None:
    """Over the threshold the timeline shows counts; zooming into a week re-queries and shows events."""
    from datetime import date, timedelta

    from timeline.app import figures
    from timeline.model import Document, Event

    url = f"sqlite:///{tmp_path / 'dense.db'}"
    n = figures.AGGREGATE_THRESHOLD + 300
    with Store(url) as store:
        text = " ".join(f"Item {i} happened." for i in range(n))
        doc = Document(text=text, title="dense", publisher="Bench")
        events, pos = [], 0
        for i in range(n):
            sentence = f"Item {i} happened."
            day = date(2022, 1, 1) + timedelta(days=i % 700)
            events.append(Event(day, day, "day", "happened", day.isoformat(), f"item {i} number {i * 7919 % 10007}",
                                sentence, pos, pos + len(sentence), pos, pos + 4, event_type="Battles",
                                doc_id=doc.id))
            pos += len(sentence) + 1
        store.add(doc, events)
        total = store.count()
    assert total > figures.AGGREGATE_THRESHOLD
    base = live_app(url)
    page.goto(base + "/")
    wait_app_idle(page)
    meta = app_counts(page)["timelineMeta"]
    assert meta["mode"] == "counts" and meta["events"] == total
    # a click on one count bar zooms into its period and shows that period's events
    box = page.locator("#timeline-graph .cartesianlayer .barlayer path").nth(3).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    page.wait_for_function("() => document.querySelector('#timeline-graph .js-plotly-plot').layout.meta.mode"
                           " === 'events'")
    wait_app_idle(page)
    meta = app_counts(page)["timelineMeta"]
    assert meta["window"] and 0 < meta["events"] < 100
    page.evaluate("() => Plotly.relayout(document.querySelector('#timeline-graph .js-plotly-plot'),"
                  " {'xaxis.range': ['2022-03-01', '2022-03-08']})")
    page.wait_for_function("() => (document.querySelector('#timeline-graph .js-plotly-plot').layout.meta.window"
                           " || [])[0] === '2022-03-01'")
    wait_app_idle(page)
    meta = app_counts(page)["timelineMeta"]
    assert meta["mode"] == "events" and 0 < meta["events"] < 100


def test_controls_are_reachable_by_keyboard_in_reading_order(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    order = []
    for _ in range(20):
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.id"))
    wanted = ["filter-search", "filter-from", "filter-to", "filter-types", "filter-actors", "filter-places",
              "filter-sources", "clear-filters", "paste-text", "paste-date", "paste-submit"]
    positions = [order.index(w) for w in wanted]
    assert positions == sorted(positions), order
    # the search box filters from the keyboard alone
    # (wait for the views the Tab walk may have set off: a re-render while typing moves the caret, see the note)
    wait_app_idle(page)
    page.focus("#filter-search")
    page.keyboard.type("Kyiv", delay=30)
    assert page.input_value("#filter-search") == "Kyiv"
    page.keyboard.press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'Kyiv'")


def test_type_menu_and_table_sorting_go_through_the_store(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    # pick a type from the menu: URL, table and timeline follow
    page.click("#filter-types")
    page.get_by_role("option", name="Battles").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => new URLSearchParams(location.search).getAll('type').join() === 'Battles'")
    page.wait_for_function("() => dash_ag_grid.getApi('events-grid').getDisplayedRowCount() === 1")
    wait_app_idle(page)
    with Store(hand_store_url) as store:
        from timeline.model import EventFilter

        battles = store.events(EventFilter(event_types=["Battles"]))
    assert app_counts(page)["timeline"] == [e["id"] for e in battles]
    # clear, then sort the table by date, newest first (asks the store for order=-date)
    page.click("#clear-filters")
    page.wait_for_function("() => location.search === ''")
    page.wait_for_function("() => dash_ag_grid.getApi('events-grid').getDisplayedRowCount() === 7")
    page.click("#events-grid .ag-header-cell[col-id='date']")
    page.click("#events-grid .ag-header-cell[col-id='date']")
    with Store(hand_store_url) as store:
        newest = store.events(order="-date", limit=1)[0]
    page.wait_for_function(
        "(id) => { const api = dash_ag_grid.getApi('events-grid'); const n = api.getDisplayedRowAtIndex(0);"
        " return n && n.data && n.data.id === id; }", arg=newest["id"])


def test_the_url_the_browser_writes_is_the_one_the_server_reads(live_app, hand_store_url, page) -> None:
    """The filter sync runs in JavaScript; its query string must match `state_to_query`
    byte for byte (quote_plus escapes), and a reload must restore the same controls."""
    from timeline.app.state import empty_state, state_from_query, state_to_query

    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    search = "Iran's (drones) *50%* ~ café & more"  # matches nothing: the table stays empty
    page.fill("#filter-search", search)
    page.press("#filter-search", "Enter")
    page.fill("#filter-from", "2022-10")
    page.press("#filter-from", "Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('from') === '2022-10'")
    expected = state_to_query({**empty_state(), "search": search, "date_from": "2022-10"})
    assert page.evaluate("() => location.search") == expected
    assert state_from_query(urlsplit(page.url).query)["search"] == search
    page.reload()
    page.wait_for_function("() => (document.querySelector('#filter-from') || {}).value === '2022-10'")
    assert page.input_value("#filter-search") == search
    assert not page.console_errors, page.console_errors
