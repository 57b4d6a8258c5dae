"""A lane that would need more rows than it may have shows "+N"; a click on it zooms in there
(README, "The app"): the app re-queries the window the badge names, the export sets its date
filter to it. Clicking on until no badge is left shows every event of the crowded lane."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from conftest import open_store_export, wait_app_idle
from timeline.model import Document, Event
from timeline.store import Store

CLUSTER = [date(2023, 6, 10) + timedelta(days=i) for i in range(10)]   # ten busy days
PER_DAY = 10
SPREAD = 40                                                           # quiet events over five months
GD = "document.querySelector('#timeline-graph .js-plotly-plot')"


@pytest.fixture
def crowded_store_url(tmp_path: Path) -> str:
    """100 Battles on ten days (ten a day) and 40 Protests spread from April to August 2023."""
    url = f"sqlite:///{tmp_path / 'crowded.db'}"
    items = [(day, "Battles") for day in CLUSTER for _ in range(PER_DAY)]
    items += [(date(2023, 4, 1) + timedelta(days=i * 4), "Protests") for i in range(SPREAD)]
    sentences = [f"Report {i} tells of clash number {i * 7919 % 10007} near town {i}." for i in range(len(items))]
    doc = Document(text=" ".join(sentences), title="crowded", publisher="Test Wire", published=date(2023, 9, 1))
    events, pos = [], 0
    for i, ((day, etype), sentence) in enumerate(zip(items, sentences)):
        events.append(Event(day, day, "day", "that day", day.isoformat(), sentence[:-1], sentence, pos,
                            pos + len(sentence), pos, pos + 6, event_type=etype, doc_id=doc.id))
        pos += len(sentence) + 1
    with Store(url) as store:
        store.add(doc, events)
        assert store.count() == len(items)
    return url


def _badges(page: Any, gd: str) -> list[dict[str, Any]]:
    """The '+N' annotations of the timeline: text, the window their name opens, the lane's y."""
    return page.evaluate(f"""() => ({gd}.layout.annotations || [])
        .filter((a) => /^\\+\\d+$/.test(a.text) && (a.name || '').startsWith('window:'))
        .map((a) => ({{n: Number(a.text.slice(1)), window: a.name.slice(7).split('/'), y: a.y}}))""")


def _days(window: list[str]) -> int:
    return (date.fromisoformat(window[1][:10]) - date.fromisoformat(window[0][:10])).days


def test_app_badge_click_zooms_into_the_crowded_lane(live_app, crowded_store_url, page) -> None:
    page.goto(live_app(crowded_store_url) + "/")
    wait_app_idle(page)
    meta = page.evaluate(f"() => {GD}.layout.meta")
    assert meta["mode"] == "events" and meta["overflow"] > 0
    badges = _badges(page, GD)
    assert len(badges) == 1 and badges[0]["n"] == meta["overflow"]      # only the Battles lane is crowded
    previous = meta["shown"]
    for _ in range(8):
        badge = _badges(page, GD)[0]
        page.click("#timeline-graph .annotation-text-g >> text=/^\\+\\d+$/")
        page.wait_for_function(f"() => ({GD}.layout.meta.window || [])[0] === '{badge['window'][0]}'")
        wait_app_idle(page)
        meta = page.evaluate(f"() => {GD}.layout.meta")
        # the window the badge named: half the span it was clicked in, around the crowded days
        assert meta["window"] == badge["window"]
        assert _days(badge["window"]) <= _days(previous) // 2 + 2
        assert date.fromisoformat(badge["window"][0]) <= CLUSTER[len(CLUSTER) // 2] < date.fromisoformat(badge["window"][1])
        previous = meta["shown"]
        if not _badges(page, GD):
            break
    assert _badges(page, GD) == [] and meta["overflow"] == 0
    in_window = [d for d in CLUSTER if date.fromisoformat(meta["window"][0]) <= d < date.fromisoformat(meta["window"][1])]
    assert meta["drawn"] >= PER_DAY * len(in_window) > 0                 # every Battle of those days is drawn
    assert page.console_errors == [], page.console_errors


def test_export_badge_click_sets_the_date_filter_to_its_window(crowded_store_url, page, tmp_path) -> None:
    open_store_export(page, crowded_store_url, tmp_path / "crowded.html")
    gd = "document.getElementById('timeline')"
    badges = _badges(page, gd)
    assert len(badges) == 1 and badges[0]["n"] > 0
    rendered = page.evaluate("() => Number(document.body.dataset.rendered)")
    page.click("#timeline .annotation-text-g >> text=/^\\+\\d+$/")
    page.wait_for_function(f"() => Number(document.body.dataset.rendered) > {rendered}")
    lo, hi = badges[0]["window"]
    assert page.input_value("#f-from") == lo
    assert page.input_value("#f-to") == (date.fromisoformat(hi) - timedelta(days=1)).isoformat()
    after = _badges(page, gd)
    assert not after or after[0]["n"] < badges[0]["n"]                     # fewer left out, or none
