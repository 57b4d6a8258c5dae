"""docs/screenshot.png: the first view a new user gets from the Quick start
(`timeline ingest --sample && timeline serve`): the sample corpus, nothing filtered, nothing clicked."""
from __future__ import annotations

from pathlib import Path

from conftest import app_counts, wait_app_idle

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def test_screenshot_of_the_first_view(live_app, sample_store_url, offline_page) -> None:
    page = offline_page
    page.goto(live_app(sample_store_url) + "/")     # no query: no filter set beforehand
    wait_app_idle(page)
    assert app_counts(page)["rows"] > 0
    assert page.input_value("#filter-from") == "" and page.input_value("#filter-to") == ""
    page.evaluate("() => window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    assert SCREENSHOT.stat().st_size > 20_000
    assert page.console_errors == [], page.console_errors
