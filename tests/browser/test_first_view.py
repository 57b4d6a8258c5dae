"""Acceptance of issue 11: the first view reads at first sight, in the app and in the export.

On two stores (the seed article, the bundled sample corpus), at the default view with nothing
clicked: >= 80% of dated events carry a visible label inside the plot; no two labels' boxes
intersect, no two marks overlap and no label covers a mark; the 10th-90th percentile span of
the events' dates takes >= 40% of the shown x range; open-ended items have rows of their own.
All measured from the DOM (text boxes) and plotly's axes (readability.py).
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import open_store_export, wait_app_idle
from readability import MEASURE_JS, anchors_ms, check_first_view
from timeline.store import Store

SEED = Path(os.environ.get("TIMELINE_CORPORA", Path(__file__).resolve().parents[3] / "shared" / "corpora")) / "seed"


def _seed_dir() -> Path | None:
    return SEED if SEED.is_dir() and any(SEED.iterdir()) else None


@pytest.fixture(scope="session")
def seed_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    seed = _seed_dir()
    if seed is None:
        pytest.skip(f"the seed article is not at {SEED} (../shared/corpora/seed/ or $TIMELINE_CORPORA/seed)")
    from timeline.pipeline import ingest_paths
    from timeline.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    with Store(url) as store:
        ingest_paths([seed], store, published=date(2023, 6, 13), progress=False)
        assert store.count() > 0
    return url


@pytest.fixture(params=["seed", "sample"])
def store_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_store_url")


def _events(url: str) -> list[dict[str, Any]]:
    from timeline.store import Store

    with Store(url) as store:
        return store.timeline_rows(None)


def test_app_first_view_reads_at_first_sight(live_app, store_url, offline_page) -> None:
    page = offline_page
    page.goto(live_app(store_url) + "/")
    wait_app_idle(page)
    m = page.evaluate(MEASURE_JS, page.query_selector("#timeline-graph .js-plotly-plot"))
    events = _events(store_url)
    anchors = anchors_ms(events)
    print("app", store_url.rsplit("/", 1)[-1], check_first_view(m, anchors, len(anchors)))
    assert page.console_errors == [], page.console_errors


def test_export_first_view_reads_at_first_sight(store_url, page, tmp_path) -> None:
    records = open_store_export(page, store_url, tmp_path / "export.html")
    m = page.evaluate(MEASURE_JS, page.query_selector("#timeline"))
    anchors = anchors_ms(records)
    print("export", store_url.rsplit("/", 1)[-1], check_first_view(m, anchors, len(anchors)))


def test_edge_marker_bad_dates_and_clear_filters(live_app, sample_store_url, page) -> None:
    """The rest of the first view: the '◀ N earlier' marker widens the range to every event; a From
    that is not a date says so next to the box; Clear filters also empties the detail panel."""
    with Store(sample_store_url) as store:
        first_year = min(int(r["date_start"][:4]) for r in store.events(None) if r["date_start"])
    page.goto(live_app(sample_store_url) + "/")
    wait_app_idle(page)
    gd = "document.querySelector('#timeline-graph .js-plotly-plot')"
    before = page.evaluate(f"{gd}._fullLayout.xaxis.range.map(v => new Date(v).getUTCFullYear())")
    assert before[0] >= 2021 > first_year   # the sample's background years lie outside the first view
    page.click("#timeline-graph .annotation-text-g >> text=/earlier event/")
    page.wait_for_function(f"() => {gd}.layout.meta.window && {gd}._fullLayout.xaxis.range"
                           f".map(v => new Date(v).getUTCFullYear())[0] <= {first_year}")
    wait_app_idle(page)
    assert page.evaluate(f"{gd}.layout.meta.earlier") == 0

    page.fill("#filter-from", "notadate")
    page.press("#filter-from", "Enter")
    page.wait_for_function("() => /notadate.*not a date/.test(document.getElementById('date-error').innerText)")
    assert page.is_visible("#date-error")

    page.click("#events-grid .ag-row .ag-cell[col-id='precision']")
    page.wait_for_selector("#detail-sentence")
    page.click("#clear-filters")
    page.wait_for_function("() => !document.getElementById('detail-sentence')"
                           " && document.getElementById('date-error').innerText === ''")
    assert "Click an event" in page.inner_text("#detail-panel")
    assert page.console_errors == [], page.console_errors
