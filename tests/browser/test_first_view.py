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

from conftest import wait_app_idle
from readability import MEASURE_JS, anchors_ms, check_first_view

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
    from timeline.export.page import export_html
    from timeline.store import Store

    with Store(store_url) as store:
        records = store.events(None)
    path = tmp_path / "export.html"
    path.write_text(export_html(records), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    m = page.evaluate(MEASURE_JS, page.query_selector("#timeline"))
    anchors = anchors_ms(records)
    print("export", store_url.rsplit("/", 1)[-1], check_first_view(m, anchors, len(anchors)))
