"""Hostile text in documents runs nothing, wherever the app shows it."""
from __future__ import annotations

from datetime import date

from conftest import app_counts, wait_app_idle

from timeline.model import Actor, Document, Event, Place
from timeline.store import Store

SCRIPT = "<script>window.__xss = 'script'</script>"
IMG = "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">"
SVG = "<svg onload=\"window.__xss = 'svg'\"></svg>"


def hostile_store(url: str) -> int:
    sentence = f"On 2 May 2023 {SCRIPT} the depot {IMG} was hit {SVG}."
    text = f"Header {IMG}. {sentence} Footer {SCRIPT}."
    s = text.index(sentence)
    t = s + sentence.index("2 May 2023")
    doc = Document(text=text, title=f"Title {SCRIPT}", publisher=f"Pub {IMG}", url="javascript:alert('link')",
                   published=date(2023, 5, 3), published_source="given")
    event = Event(date(2023, 5, 2), date(2023, 5, 2), "day", "2 May 2023", "2023-05-02",
                  f"depot hit {IMG} {SCRIPT}", sentence, s, s + len(sentence), t, t + 10,
                  event_type="Explosions/Remote violence",
                  actors=[Actor(f"Actor {SVG}", "group")],
                  places=[Place(f"Place {IMG}", "UA", 48.0, 37.8, "city")], doc_id=doc.id)
    with Store(url) as store:
        store.add(doc, [event])
        return store.events()[0]["id"]


def assert_nothing_ran(page) -> None:
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == []


def test_hostile_text_is_shown_as_text_and_runs_nothing(live_app, tmp_path, page) -> None:
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    event_id = hostile_store(url)
    page.add_init_script("window.__xss = undefined;")
    base = live_app(url)
    page.goto(base + "/")
    wait_app_idle(page)
    assert app_counts(page)["timeline"] == [event_id]
    # hover label on the timeline point and on the map
    box = page.locator("#timeline-graph .cartesianlayer .scatterlayer path.point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#timeline-graph .hoverlayer .hovertext")
    hover = page.text_content("#timeline-graph .hoverlayer .hovertext")
    assert "<img src=x" in hover  # shown as characters
    box = page.locator("#map-graph .scattergeo path.point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#map-graph .hoverlayer .hovertext")
    assert "<img src=x" in page.text_content("#map-graph .hoverlayer .hovertext")
    # detail panel (filters, table, detail) and the document viewer
    page.click("#events-grid .ag-cell[col-id='summary']")
    page.wait_for_selector("#detail-sentence mark.hl-date")
    assert SCRIPT in page.inner_text("#detail-sentence")
    assert page.locator("#detail-panel a").count() == 0  # the javascript: URL is not a link
    page.click("#detail-panel button:has-text('Open text')")
    page.wait_for_selector("#doc-sentence")
    assert IMG in page.inner_text("#doc-body")
    page.click("#doc-close")
    page.wait_for_selector("#doc-modal", state="hidden")
    # dropdown options hold the hostile actor/place/publisher names
    page.click("#filter-actors")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    assert_nothing_ran(page)
    assert page.locator("#detail-panel img, #doc-body img, #doc-body script, #detail-panel script").count() == 0
