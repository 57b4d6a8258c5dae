"""Adding documents from the UI: upload and paste go through the pipeline and the views refresh."""
from __future__ import annotations

import pytest
from conftest import app_counts, wait_app_idle

from timeline.store import Store

ARTICLE = (
    "Kyiv, 4 March 2024. Russian forces launched a wave of Shahed drones at the port of Odesa on "
    "3 March 2024, the regional governor said."
)


@pytest.fixture(autouse=True)
def _needs_pipeline() -> None:
    pytest.importorskip("timeline.pipeline", reason="timeline.pipeline (ingest) has not landed")
    pytest.importorskip("timeline.events", reason="timeline.events (extraction) has not landed")


def test_upload_adds_events_and_refreshes_the_views(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    before = app_counts(page)["rows"]
    page.set_input_files("#upload input[type=file]", files=[
        {"name": "odesa.txt", "mimeType": "text/plain", "buffer": ARTICLE.encode("utf-8")}])
    page.wait_for_function("() => /added/.test(document.getElementById('add-status').innerText)")
    with Store(hand_store_url) as store:
        after = store.count()
        new = [e for e in store.events() if e["date_text"].endswith("3 March 2024")]
    assert after > before and new
    page.wait_for_function(f"() => dash_ag_grid.getApi('events-grid').getDisplayedRowCount() === {after}")
    wait_app_idle(page)
    counts = app_counts(page)
    assert new[0]["id"] in counts["timeline"]
    assert counts["header"].startswith(f"{after:,} event")


def test_paste_with_a_publication_date_anchors_relative_dates(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url)
    page.goto(base + "/")
    wait_app_idle(page)
    page.fill("#paste-text", "Air defence units shot down eleven drones over Kharkiv yesterday, officials said.")
    page.fill("#paste-date", "2024-05-10")
    page.click("#paste-submit")
    page.wait_for_function("() => /added/.test(document.getElementById('add-status').innerText)")
    with Store(hand_store_url) as store:
        new = [e for e in store.events() if "Kharkiv" in e["sentence"]]
    assert new and new[0]["date_start"] == "2024-05-09"
    assert new[0]["sources"][0]["published_source"] == "given"


def test_bad_input_gets_a_clear_message(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url, max_upload_mb=0.001)
    page.goto(base + "/")
    wait_app_idle(page)
    page.fill("#paste-text", "Something happened on 3 May 2024.")
    page.fill("#paste-date", "May 2024")
    page.click("#paste-submit")
    page.wait_for_function("() => /not a YYYY-MM-DD/.test(document.getElementById('add-status').innerText)")
    # a binary file is refused with the file's name and the reason
    page.set_input_files("#upload input[type=file]", files=[
        {"name": "blob.txt", "mimeType": "text/plain", "buffer": b"\x00\x01\x02" * 100}])
    page.wait_for_function("() => /blob.txt/.test(document.getElementById('add-status').innerText)")


def test_a_file_over_the_limit_is_named_with_its_size(live_app, hand_store_url, page) -> None:
    base = live_app(hand_store_url, max_upload_mb=0.001)  # 1,048 bytes
    page.goto(base + "/")
    wait_app_idle(page)
    assert page.inner_text("#upload-refused") == ""
    big = ("Officials said on Friday that the depot burned on 3 May 2024. " * 100).encode()
    page.set_input_files("#upload input[type=file]", files=[
        {"name": "long-report.txt", "mimeType": "text/plain", "buffer": big}])
    page.wait_for_function("() => /long-report.txt/.test(document.getElementById('upload-refused').innerText)")
    message = page.inner_text("#upload-refused")
    assert "over the limit of 0.001 MB" in message and "0.006 MB" in message, message
    # a file within the limit clears the message and goes through
    page.set_input_files("#upload input[type=file]", files=[
        {"name": "short.txt", "mimeType": "text/plain", "buffer": b"The depot burned on 3 May 2024."}])
    page.wait_for_function("() => /added/.test(document.getElementById('add-status').innerText)")
    assert page.inner_text("#upload-refused") == ""
    assert page.console_errors == [], page.console_errors


def test_an_empty_store_starts_empty_and_fills_from_a_paste(live_app, tmp_path, page) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    base = live_app(url)
    page.goto(base + "/")
    page.wait_for_selector("#timeline-graph .main-svg")
    assert page.inner_text("#event-count") == "0 events"
    assert "No events in this store yet" in page.inner_text("#timeline-graph")
    page.fill("#paste-text", ARTICLE)
    page.click("#paste-submit")
    page.wait_for_function("() => /added/.test(document.getElementById('add-status').innerText)")
    with Store(url) as store:
        n = store.count()
    assert n > 0
    page.wait_for_function(f"() => document.getElementById('event-count').innerText.startsWith('{n} event')")
    wait_app_idle(page)
    assert len(app_counts(page)["timeline"]) > 0
    assert page.console_errors == [], page.console_errors
