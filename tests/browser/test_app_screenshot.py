"""docs/screenshot.png: the app on the sample corpus at 1366x800 (2022 on), with one event selected."""
from __future__ import annotations

from pathlib import Path

from conftest import app_counts, wait_app_idle

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def test_screenshot_of_the_sample_corpus(live_app, sample_store_url, offline_page) -> None:
    page = offline_page
    base = live_app(sample_store_url)
    page.goto(base + "/?from=2022-01&to=2024-12")  # the war years; also shows a view restored from its URL
    wait_app_idle(page)
    assert app_counts(page)["rows"] > 0
    # select the first row so the detail panel shows a highlighted sentence
    page.click("#events-grid .ag-row .ag-cell[col-id='precision']")
    page.wait_for_selector("#detail-sentence")
    wait_app_idle(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 20_000
    assert page.console_errors == [], page.console_errors
