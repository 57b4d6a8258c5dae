"""Headless Chromium fixtures for the browser tests (the Dash app and the static export).

Debian's /usr/bin/chromium is driven through Playwright; Playwright's own browser
download cannot work here, so nothing calls `playwright install`. Without the
background-networking flags Chromium keeps trying to reach Google services, which
on a closed network means a flood of failing requests and slow starts.

Fixtures
--------
browser         session-wide Chromium
page            a fresh page (1366x800); `page.dialogs` lists every dialog message
                (dialogs are dismissed), `page.console_errors` every console error
offline_page    like `page`, but every request to a host other than 127.0.0.1 /
                localhost is aborted; `page.blocked_urls` lists them
block_external  helper: `block_external(page) -> list[str]` does the same to any page
serve_wsgi      factory: `serve_wsgi(wsgi_app) -> base_url` on 127.0.0.1 and a free port
static_server   factory: `static_server(directory) -> base_url` serving files read-only
live_app        factory: `live_app(store_url, **create_app_kwargs) -> base_url` runs
                `timeline.app.server.create_app` in a background thread

The browser is skipped, with the reason, when /usr/bin/chromium is missing —
except under CI=true, where a missing browser is an error.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import sys

# chromium.py (shared with benchmarks/) sits beside this file, which tests/app loads by path too
sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, launch_chromium  # noqa: E402,F401

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: schemes that never leave the machine
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives a browser: mark it so `-m "not browser"` skips them."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests need it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " — and CI=true, so this is an error, not a skip")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed ({exc}); pip install playwright")
    with sync_playwright() as pw:
        chromium = launch_chromium(pw)
        try:
            yield chromium
        finally:
            chromium.close()


def is_local_url(url: str) -> bool:
    """True for URLs that stay on this machine (loopback hosts, file:, data:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def block_external_requests(page: Any) -> list[str]:
    """Abort every request that would leave the machine; return the (live) list of blocked URLs."""
    blocked: list[str] = []

    def _route(route: Any) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", _route)
    return blocked


@pytest.fixture
def block_external() -> Callable[[Any], list[str]]:
    return block_external_requests


def _new_page(browser: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.dialogs = []
    page.console_errors = []

    def _on_dialog(dialog: Any) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", _on_dialog)
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: page.console_errors.append(str(err)))
    page.set_default_timeout(20_000)
    return context, page


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context, pg = _new_page(browser)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def offline_page(browser: Any) -> Iterator[Any]:
    context, pg = _new_page(browser)
    pg.blocked_urls = block_external_requests(pg)
    try:
        yield pg
    finally:
        context.close()


def wait_until_serving(url: str, timeout: float = 30.0) -> None:
    """Poll `url` until it answers (any HTTP status), bypassing any proxy settings."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with opener.open(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError as exc:
            last = exc
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not answer within {timeout:.0f}s: {last}")


@pytest.fixture
def serve_wsgi() -> Iterator[Callable[..., str]]:
    """Serve WSGI apps on 127.0.0.1 (free port) in background threads; stopped at teardown."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class _QuietHandler(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    servers: list[Any] = []

    def _serve(wsgi_app: Any, path: str = "/") -> str:
        server = make_server("127.0.0.1", 0, wsgi_app, threaded=True, request_handler=_QuietHandler)
        thread = threading.Thread(target=server.serve_forever, name="wsgi-test-server", daemon=True)
        thread.start()
        servers.append((server, thread))
        base = f"http://127.0.0.1:{server.server_port}"
        wait_until_serving(base + path)
        return base

    yield _serve
    for server, thread in servers:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def static_server() -> Iterator[Callable[[str | Path], str]]:
    """Serve a directory over HTTP on 127.0.0.1 (for pages that must not be opened from file:)."""
    servers: list[Any] = []

    class _Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            pass

    def _serve(directory: str | Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, name="static-test-server", daemon=True)
        thread.start()
        servers.append((server, thread))
        base = f"http://127.0.0.1:{server.server_address[1]}"
        wait_until_serving(base + "/")
        return base

    yield _serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def live_app(serve_wsgi: Callable[..., str]) -> Callable[..., str]:
    """Factory: run the Dash app for a store URL on 127.0.0.1; returns the base URL."""

    def _start(store_url: str, **create_app_kwargs: Any) -> str:
        from timeline.app.server import create_app

        app = create_app(store_url, **create_app_kwargs)
        return serve_wsgi(app.server)

    return _start


# -- stores with known content --------------------------------------------------------------
#: Hand-written documents (the project's own words) used until the bundled sample corpus lands,
#: and by the tests that need exact, known events. Each entry: (title, publisher, published, text,
#: [(sentence, date_text, start, end, precision, type, actors, places, extra)]).
HAND_DOCS: list[dict[str, Any]] = [
    {
        "title": "Drone plant expands on the Volga",
        "publisher": "Example Wire",
        "published": "2023-06-13",
        "text": (
            "A factory in Tatarstan started assembling delta-wing drones on 9 June 2023, officials said. "
            "Shipments of Iranian components arrived throughout August 2022. "
            "Since February 2023 the plant has hired hundreds of students."
        ),
        "events": [
            ("A factory in Tatarstan started assembling delta-wing drones on 9 June 2023, officials said.",
             "9 June 2023", "2023-06-09", "2023-06-09", "day", "Strategic developments",
             [("Russia", "country", "RU")], [("Alabuga", "RU", 55.77, 52.03, "facility")], {}),
            ("Shipments of Iranian components arrived throughout August 2022.",
             "August 2022", "2022-08-01", "2022-08-31", "month", "Strategic developments",
             [("Iran", "country", "IR"), ("Russia", "country", "RU")], [("Tatarstan", "RU", 55.5, 50.5, "region")], {}),
            ("Since February 2023 the plant has hired hundreds of students.",
             "Since February 2023", "2023-02-01", None, "month", "Other",
             [("Russia", "country", "RU")], [("Alabuga", "RU", 55.77, 52.03, "facility")],
             {"date_relation": "since"}),
        ],
    },
    {
        "title": "Night strikes on the capital",
        "publisher": "Sample Gazette",
        "published": "2022-10-18",
        "text": (
            "Loitering munitions hit power stations in Kyiv on 17 October 2022. "
            "Around mid-October 2022 air defence units reported dozens of interceptions."
        ),
        "events": [
            ("Loitering munitions hit power stations in Kyiv on 17 October 2022.",
             "17 October 2022", "2022-10-17", "2022-10-17", "day", "Explosions/Remote violence",
             [("Russian Armed Forces", "military", "RU")], [("Kyiv", "UA", 50.45, 30.52, "city")], {}),
            ("Around mid-October 2022 air defence units reported dozens of interceptions.",
             "mid-October 2022", "2022-10-11", "2022-10-20", "day", "Battles",
             [("Ukrainian Air Force", "military", "UA")], [("Ukraine", "UA", 49.0, 32.0, "country")],
             {"approximate": True, "date_mod": "MID"}),
        ],
    },
    {
        "title": "Sanctions round",
        "publisher": "Example Wire",
        "published": "2023-01-20",
        "text": (
            "Brussels adopted new sanctions on drone makers on 19 January 2023. "
            "The next package is expected in the spring."
        ),
        "events": [
            ("Brussels adopted new sanctions on drone makers on 19 January 2023.",
             "19 January 2023", "2023-01-19", "2023-01-19", "day", "Strategic developments",
             [("European Union", "organisation", None)], [("Brussels", "BE", 50.85, 4.35, "city")], {}),
            ("The next package is expected in the spring.",
             "the spring", None, None, None, "Other", [("European Union", "organisation", None)], [], {}),
        ],
    },
]


def hand_documents() -> list[tuple[Any, list[Any]]]:
    """HAND_DOCS as (Document, [Event]) pairs with offsets computed from the text."""
    from datetime import date as _date

    from timeline.model import Actor, Document, Event, Place

    out = []
    for spec in HAND_DOCS:
        doc = Document(text=spec["text"], title=spec["title"], publisher=spec["publisher"],
                       published=_date.fromisoformat(spec["published"]), published_source="given",
                       url=f"https://example.org/{spec['title'].lower().replace(' ', '-')}")
        events = []
        for sentence, date_text, start, end, precision, etype, actors, places, extra in spec["events"]:
            s = doc.text.index(sentence)
            t = s + sentence.index(date_text)
            events.append(Event(
                date_start=_date.fromisoformat(start) if start else None,
                date_end=_date.fromisoformat(end) if end else None,
                precision=precision, date_text=date_text,
                date_value=start[:7] if start else "XXXX-SP", summary=sentence.rstrip("."),
                sentence=sentence, sentence_start=s, sentence_end=s + len(sentence),
                timex_start=t, timex_end=t + len(date_text), event_type=etype,
                actors=[Actor(n, k, c) for n, k, c in actors],
                places=[Place(n, c, lat, lon, p) for n, c, lat, lon, p in places],
                confidence=0.8, doc_id=doc.id, **extra,
            ))
        out.append((doc, events))
    return out


@pytest.fixture
def hand_store_url(tmp_path: Path) -> str:
    """A fresh SQLite store holding HAND_DOCS, added through Store.add."""
    from timeline.store import Store

    url = f"sqlite:///{tmp_path / 'hand.db'}"
    with Store(url) as store:
        for doc, events in hand_documents():
            store.add(doc, events)
    return url


def sample_corpus_available() -> str | None:
    """None when the bundled sample corpus and the pipeline can be used, else why not."""
    try:
        from timeline.pipeline import ingest_paths  # noqa: F401
        from timeline.samples import SAMPLE_DIR
    except ImportError as exc:
        return f"sample corpus or pipeline not importable ({exc})"
    if not any(Path(SAMPLE_DIR).iterdir()):
        return f"sample corpus at {SAMPLE_DIR} is empty"
    return None


@pytest.fixture(scope="session")
def sample_store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the bundled sample corpus, ingested through `timeline.pipeline`.

    Falls back to HAND_DOCS (via Store.add) while the sample corpus has not landed, except under
    CI=true, where a missing corpus is an error.
    """
    from timeline.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}"
    missing = sample_corpus_available()
    with Store(url) as store:
        if missing is None:
            from timeline.pipeline import ingest_paths
            from timeline.samples import SAMPLE_DIR

            summary = ingest_paths([SAMPLE_DIR], store, progress=False)
            assert store.count() > 0, f"ingesting {SAMPLE_DIR} stored no events: {summary}"
        elif os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing)
        else:
            for doc, events in hand_documents():
                store.add(doc, events)
    return url


# -- reading what the app drew ------------------------------------------------------------
APP_COUNTS_JS = """() => {
    const gd = (sel) => document.querySelector(sel + ' .js-plotly-plot');
    const tl = gd('#timeline-graph'), map = gd('#map-graph');
    const ids = (data) => new Set((data || []).flatMap(t => (t.customdata || []).flat()));
    let rows = null;
    try { rows = dash_ag_grid.getApi('events-grid').getDisplayedRowCount(); } catch (e) {}
    return {
        timeline: tl && tl.data ? [...ids(tl.data.slice(1))].sort((a, b) => a - b) : null,
        timelineMeta: tl && tl.layout ? tl.layout.meta : null,
        map: map && map.data ? [...ids(map.data)].sort((a, b) => a - b) : null,
        rows: rows,
        header: (document.getElementById('event-count') || {}).innerText,
    };
}"""


def wait_app_idle(page: Any, timeout: float = 20_000) -> None:
    """Wait until Dash has no callback in flight and the graphs have drawn."""
    page.wait_for_selector("#timeline-graph .main-svg", timeout=timeout)
    page.wait_for_selector("#map-graph .main-svg", timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-dash-is-loading="true"]')
               && document.querySelectorAll('#events-grid .ag-row').length > 0""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)  # let plotly finish the redraw the last response started
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=timeout)


def app_counts(page: Any) -> dict[str, Any]:
    """Event ids drawn on the timeline and map, the table's row count and the header text."""
    return page.evaluate(APP_COUNTS_JS)


def open_store_export(page: Any, store_url: str, path: Path) -> list[dict[str, Any]]:
    """Write the HTML export of every event of the store at `store_url` to `path`, open it in
    `page` and wait until it has drawn; returns the exported records."""
    from timeline.export.page import export_html
    from timeline.store import Store

    with Store(store_url) as store:
        records = store.events(None)
    path.write_text(export_html(records), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    return records
