"""The browser fixtures themselves: Chromium starts, local pages load, external requests are cut."""
from __future__ import annotations

from pathlib import Path


def test_static_page_loads_and_external_requests_are_blocked(offline_page, static_server, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>t</title><p id='p'>local</p>"
        "<img id='ext' src='http://example.invalid/x.png'>",
        encoding="utf-8",
    )
    base = static_server(tmp_path)
    offline_page.goto(base + "/index.html")
    assert offline_page.inner_text("#p") == "local"
    offline_page.wait_for_function("document.getElementById('ext').complete")
    assert any("example.invalid" in url for url in offline_page.blocked_urls)


def test_dialogs_are_recorded_and_dismissed(page) -> None:
    page.set_content("<button onclick=\"alert('hello')\">b</button>")
    page.click("button")
    assert page.dialogs == ["hello"]
