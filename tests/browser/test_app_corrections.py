"""Correcting events in the app, in real Chromium: the views follow at once, a reload keeps it,
the history shows old -> new, hidden events leave views and exports, merge then split restores
the sources, and a read-only server refuses a forged write."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import app_counts, wait_app_idle

from timeline.app.review import EditPolicy
from timeline.store import Store

REVIEW_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "review.png"
#: where the app drew an event: its timeline x values and its map points
DRAWN_JS = """(id) => {
    const gd = (sel) => document.querySelector(sel + ' .js-plotly-plot');
    const out = {x: [], map: []};
    // plotly may hold dates as numbers (seconds or ms since 1970) or ISO strings
    const day = (v) => typeof v === 'number' || /^[0-9.]+$/.test(String(v))
        ? new Date(Number(v) * (Number(v) > 1e11 ? 1 : 1000)).toISOString().slice(0, 10) : String(v).slice(0, 10);
    for (const t of gd('#timeline-graph').data.slice(1)) {
        (t.customdata || []).forEach((c, i) => {
            if ((Array.isArray(c) ? c : [c]).includes(id) && t.x) out.x.push(day(t.x[i])); });
    }
    for (const t of gd('#map-graph').data) {
        (t.customdata || []).forEach((c, i) => {
            if ((Array.isArray(c) ? c.flat() : [c]).includes(id)) out.map.push([t.lat[i], t.lon[i]]); });
    }
    out.x = [...new Set(out.x)].sort();
    return out;
}"""


def _grid_rows(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("""() => { const rows = [];
        dash_ag_grid.getApi('events-grid').forEachNode(n => n.data && rows.push(n.data)); return rows; }""")


def _open(live_app: Any, store_url: str, page: Any, **app_kwargs: Any) -> tuple[str, dict[str, Any]]:
    """Start the app on the store and load its first view; returns the base URL and the Kyiv strike."""
    base = live_app(store_url, **app_kwargs)
    page.goto(base + "/")
    wait_app_idle(page)
    with Store(store_url) as store:
        return base, next(e for e in store.events() if e["date_text"] == "17 October 2022")


def _select_by_search(page: Any, words: str) -> None:
    """Filter the table down to the event and click its row, as an analyst would."""
    page.fill("#filter-search", words)
    page.press("#filter-search", "Enter")
    page.wait_for_function("() => dash_ag_grid.getApi('events-grid').getDisplayedRowCount() === 1")
    wait_app_idle(page)
    page.click("#events-grid .ag-row .ag-cell[col-id='summary']")
    page.wait_for_selector("#detail-sentence")


def _open_form(page: Any) -> None:
    if not page.evaluate("() => document.getElementById('edit-form').open"):
        page.click("#edit-form summary")


def _wait_message(page: Any, text: str) -> str:
    page.wait_for_function("(t) => (document.getElementById('edit-message') || {}).innerText.includes(t)", arg=text)
    page.wait_for_timeout(300)   # the views redraw on the new data version
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')")
    return page.inner_text("#edit-message")


def test_edit_date_type_and_place_views_follow_and_a_reload_keeps_it(live_app, hand_store_url, page) -> None:
    base, target = _open(live_app, hand_store_url, page)
    _select_by_search(page, "Loitering")
    assert page.evaluate(DRAWN_JS, target["id"])["x"] == ["2022-10-17"]

    _open_form(page)
    page.fill("#edit-dates", "2022-10-19")
    page.click("#edit-type")
    page.keyboard.type("civilians / Attack")
    page.keyboard.press("Enter")
    page.fill("#edit-places", "Lviv")
    page.fill("#edit-author", "ana")
    page.fill("#edit-note", "the strike was two days later, in the west")
    page.click("#edit-save")
    message = _wait_message(page, "Saved")
    assert "dates" in message and "type" in message and "places" in message

    def check() -> None:
        drawn = page.evaluate(DRAWN_JS, target["id"])
        assert drawn["x"] == ["2022-10-19"], drawn                      # the timeline moved it
        assert drawn["map"] and all(abs(lat - 49.84) < 0.2 and abs(lon - 24.03) < 0.2
                                    for lat, lon in drawn["map"]), drawn  # the map too
        row = next(r for r in _grid_rows(page) if r["id"] == target["id"])
        assert row["date"] == "2022-10-19" and row["event_type"] == "Violence against civilians"
        assert row["places"] == "Lviv"

    check()
    assert "Edited by ana" in page.inner_text("#detail-panel")
    # the history: old -> new, with who and the note
    history = page.inner_text("#history-list")
    assert "2022-10-17 → 2022-10-19" in history and "Kyiv → Lviv" in history
    assert "ana" in history and "the strike was two days later" in history
    with Store(hand_store_url) as store:
        assert [h["field"] for h in store.history(target["id"])] == ["dates", "type", "places"]
    # the README's picture of the form: the detail panel just after this save
    page.locator("#detail-section").screenshot(path=str(REVIEW_SCREENSHOT))

    page.reload()
    wait_app_idle(page)
    assert page.input_value("#filter-search") == "Loitering"            # the filter is in the URL
    check()
    assert not page.console_errors, page.console_errors


def test_bad_values_get_messages_and_change_nothing(live_app, hand_store_url, page) -> None:
    _, target = _open(live_app, hand_store_url, page)
    _select_by_search(page, "Loitering")
    _open_form(page)
    page.fill("#edit-dates", "2022-10-19..2022-10-01")
    page.fill("#edit-fatalities", "many")
    # by keyboard: from the last box, Tab reaches "Save changes" and Enter presses it
    page.focus("#edit-author")
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "edit-save":
            break
    assert page.evaluate("() => document.activeElement.id") == "edit-save"
    page.keyboard.press("Enter")
    message = _wait_message(page, "dates")
    assert "before" in message and "fatalities" in message
    with Store(hand_store_url) as store:
        assert store.event(target["id"])["date_start"] == "2022-10-17" and store.history(target["id"]) == []


def test_a_hidden_event_leaves_the_views_and_the_export(live_app, hand_store_url, page, tmp_path) -> None:
    _, target = _open(live_app, hand_store_url, page)
    before = app_counts(page)
    _select_by_search(page, "Loitering")
    _open_form(page)
    page.click("#edit-hide")
    _wait_message(page, "Hidden")
    assert page.is_visible("#hidden-flag")
    page.click("#clear-filters")
    page.wait_for_function(f"() => dash_ag_grid.getApi('events-grid').getDisplayedRowCount() === {before['rows'] - 1}")
    wait_app_idle(page)
    after = app_counts(page)
    assert target["id"] not in after["timeline"] and target["id"] not in after["map"]
    assert target["id"] not in {r["id"] for r in _grid_rows(page)}
    assert after["header"].startswith(f"{before['rows'] - 1:,} event")

    # the static export of the same store leaves it out too
    from click.testing import CliRunner

    from timeline.cli import main

    out = tmp_path / "export.html"
    result = CliRunner().invoke(main, ["export", "--db", hand_store_url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    ids = page.evaluate("() => Array.from(document.querySelectorAll('#table tbody tr')).length")
    assert ids == before["rows"] - 1
    assert "Loitering munitions" not in page.inner_text("#table")


def test_merge_then_split_restores_the_original_sources(live_app, hand_store_url, page) -> None:
    _, keep = _open(live_app, hand_store_url, page)
    with Store(hand_store_url) as store:
        events = store.events()
    other = next(e for e in events if e["date_text"] == "9 June 2023")
    sources = lambda e: sorted(s["doc_id"] for s in e["sources"])  # noqa: E731
    _select_by_search(page, "Loitering")
    _open_form(page)
    page.fill("#edit-merge-with", str(other["id"]))
    page.fill("#edit-author", "bo")
    page.click("#edit-merge")
    _wait_message(page, "merged")
    with Store(hand_store_url) as store:
        merged = store.event(keep["id"])
        assert store.event(other["id"]) is None
    assert sources(merged) == sorted(sources(keep) + sources(other))
    assert page.inner_text("#detail-panel").count("Open text") == 2       # both sources listed

    # split the merged-in source back out: a button per source
    _open_form(page)
    page.click(f"#edit-form .edit-split button:has-text('{other['sources'][0]['publisher']}')")
    _wait_message(page, "split out")
    with Store(hand_store_url) as store:
        now = store.events()
        restored = store.event(keep["id"])
    split = next(e for e in now if e["id"] not in {x["id"] for x in events})
    assert sources(restored) == sources(keep) and sources(split) == sources(other)
    assert split["date_start"] == other["date_start"] and split["summary"] == other["summary"]
    assert len(now) == len(events)


def _forged_save(page: Any, base: str, event_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """POST the save callback as a script would, bypassing the page: built from /_dash-dependencies."""
    deps = page.evaluate("(u) => fetch(u).then(r => r.json())", base + "/_dash-dependencies")
    cb = next(d for d in deps if "edit-message.children" in d["output"]
              and any(i["id"] == "edit-save" for i in d["inputs"]))

    def item(spec: dict[str, Any]) -> Any:
        if spec["id"].startswith("{"):
            return []                                                  # the ALL pattern: no split buttons
        value = {"edit-save": 1, "selected-event": event_id, "data-version": 0}.get(spec["id"])
        value = values.get(spec["id"], value)
        return {"id": spec["id"], "property": spec["property"], "value": value}

    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
               for o in cb["output"].strip(".").split("...")]
    body = {"output": cb["output"], "outputs": outputs, "inputs": [item(i) for i in cb["inputs"]],
            "state": [item(s) for s in cb["state"]], "changedPropIds": ["edit-save.n_clicks"]}
    return page.evaluate("""([u, b]) => fetch(u, {method: 'POST', headers: {'Content-Type': 'application/json'},
                            body: JSON.stringify(b)}).then(async r => ({status: r.status, text: await r.text()}))""",
                         [base + "/_dash-update-component", body])


def test_a_read_only_server_refuses_a_forged_edit(live_app, hand_store_url, page) -> None:
    policy = EditPolicy(editable=False, reason="Read-only: this server is bound to 0.0.0.0 without --allow-edits.")
    base, target = _open(live_app, hand_store_url, page, edit_policy=policy)
    _select_by_search(page, "Loitering")
    assert page.is_visible("#edit-readonly") and page.query_selector("#edit-save") is None

    answer = _forged_save(page, base, target["id"], {"edit-fatalities": "40", "edit-dates": "2001-01-01"})
    assert answer["status"] == 200 and "Read-only" in answer["text"], answer
    assert "data-version" not in json.loads(answer["text"])["response"]   # nothing to redraw: nothing written
    with Store(hand_store_url) as store:
        now = store.event(target["id"])
        assert now["fatalities"] is None and now["date_start"] == "2022-10-17" and store.history(target["id"]) == []


def test_a_token_guarded_server_needs_the_token(live_app, hand_store_url, page) -> None:
    base, target = _open(live_app, hand_store_url, page, edit_policy=EditPolicy(editable=True, token="s3cret"))
    answer = _forged_save(page, base, target["id"], {"edit-fatalities": "40", "edit-token": "guess"})
    assert "token is missing or wrong" in answer["text"], answer
    _select_by_search(page, "Loitering")
    _open_form(page)
    page.fill("#edit-fatalities", "2")
    page.fill("#edit-token", "s3cret")
    page.click("#edit-save")
    _wait_message(page, "Saved")
    with Store(hand_store_url) as store:
        assert store.event(target["id"])["fatalities"] == 2


def test_edited_text_is_shown_as_text_in_the_app_and_the_export(live_app, hand_store_url, page, tmp_path) -> None:
    hostile = '<img src=x onerror="window.__xss=1">Strike</b><script>window.__xss=2</script>'
    _, target = _open(live_app, hand_store_url, page)
    _select_by_search(page, "Loitering")
    _open_form(page)
    page.fill("#edit-summary", hostile)
    page.fill("#edit-actor1", "<b onmouseover=window.__xss=3>Militia</b>")
    page.fill("#edit-author", "<i>ana</i>")
    page.click("#edit-save")
    _wait_message(page, "Saved")
    assert hostile in page.inner_text("#detail-panel")                 # shown as characters
    assert page.evaluate("() => window.__xss") is None
    assert page.query_selector("#detail-panel img, #detail-panel script") is None

    from click.testing import CliRunner

    from timeline.cli import main

    out = tmp_path / "export.html"
    assert CliRunner().invoke(main, ["export", "--db", hand_store_url, "--out", str(out)]).exit_code == 0
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate("() => window.__xss") is None
    assert hostile in page.inner_text("#table")
