"""Size and drawing time of the static HTML export, plus the speed of every export format.

    python3 benchmarks/export.py [--events 10000] [--runs 5]

Exports --events synthetic records (timeline.export.synthetic: made-up, shaped like the
store's) and reports:
  * file size against the target plotly.min.js + 300 bytes per event, and the bytes each
    event adds beyond plotly.js;
  * time to draw in headless Chromium from file:// with the network cut: from navigation
    start until timeline, map and table are drawn (the page's own performance.now() at
    ready), median of --runs fresh pages (target <= 2 s), next to the load time of a page
    holding nothing but plotly.js (the floor any such export has); and the time one type
    filter takes to redraw everything;
  * seconds to build each export format in Python.
Chromium is started with the browser tests' flags (tests/browser/conftest.py:launch_chromium).
Writes benchmarks/results/export.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "benchmarks" / "results" / "export.json"
BYTES_PER_EVENT_TARGET = 300
DRAW_TARGET_S = 2.0
TOGGLE_FILTER = """async () => {
  const n = Number(document.body.dataset.rendered);
  const box = document.querySelector('#f-types input');
  const t0 = performance.now();
  box.click();
  while (Number(document.body.dataset.rendered) === n) await new Promise(r => setTimeout(r, 2));
  return performance.now() - t0;
}"""


def _launcher():
    """The browser tests' Chromium launcher, so both start the browser the same way."""
    spec = importlib.util.spec_from_file_location("_browser_chromium", REPO / "tests" / "browser" / "chromium.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.launch_chromium


def _wait_ready(page, expression: str, timeout: float = 120.0) -> None:
    # polled from here: the export's CSP forbids the eval that wait_for_function uses
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise RuntimeError(f"page not ready after {timeout}s")
        page.wait_for_timeout(20)


def _fresh_page(pw, launch, errors: list[str], blocked: list[str]):
    """A page in a browser of its own, so no compiled plotly.js is reused between runs."""
    browser = launch(pw)
    page = browser.new_context(viewport={"width": 1366, "height": 800}).new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (blocked.append(route.request.url), route.abort())[1])
    return browser, page


def measure_draw(path: Path, runs: int, baseline: Path) -> dict[str, object]:
    """Draw and filter times of the export, and load time of a page holding only plotly.js (cold each time)."""
    from playwright.sync_api import sync_playwright

    launch = _launcher()
    draws, filters, bare, blocked, errors = [], [], [], [], []
    with sync_playwright() as pw:
        for _ in range(runs):
            browser, page = _fresh_page(pw, launch, errors, blocked)
            try:
                page.goto(path.as_uri(), timeout=120_000)
                _wait_ready(page, "document.body.dataset.ready === 'true'")
                draws.append(page.evaluate("timelineExport.readyMs") / 1000)
                filters.append(page.evaluate(TOGGLE_FILTER) / 1000)
            finally:
                browser.close()
            browser, page = _fresh_page(pw, launch, errors, blocked)
            try:
                page.goto(baseline.as_uri(), timeout=120_000)
                _wait_ready(page, "window.__plotlyLoadedMs !== undefined")
                bare.append(page.evaluate("window.__plotlyLoadedMs") / 1000)
            finally:
                browser.close()
    return {"draw_s": draws, "filter_s": filters, "plotly_only_s": bare, "blocked_requests": blocked,
            "page_errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from timeline.export import FORMATS, export
    from timeline.export.page import plotly_js
    from timeline.export.synthetic import synthetic_events

    events = synthetic_events(args.events)
    build = {}
    for fmt in FORMATS:
        t0 = time.perf_counter()
        text = export(events, fmt, title="Benchmark")
        build[fmt] = {"seconds": round(time.perf_counter() - t0, 3), "bytes": len(text.encode("utf-8"))}
        if fmt == "html":
            page = text
    plotly_bytes = len(plotly_js().encode("utf-8"))
    size = build["html"]["bytes"]
    target = plotly_bytes + BYTES_PER_EVENT_TARGET * args.events
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.html"
        path.write_text(page, encoding="utf-8")
        baseline = Path(tmp) / "plotly-only.html"
        baseline.write_text(f"<!DOCTYPE html><meta charset=utf-8><script>{plotly_js()}</script>"
                            "<script>window.__plotlyLoadedMs = performance.now();</script>", encoding="utf-8")
        browser = measure_draw(path, args.runs, baseline)
    draw_median = statistics.median(browser["draw_s"])
    filter_median = statistics.median(browser["filter_s"])

    print(f"{args.events} synthetic events; Chromium runs: {args.runs}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'measure':<40}{'value':>14}{'target':>14}{'ok':>5}")
    rows = [
        ("HTML size (bytes)", f"{size:,}", f"<= {target:,}", size <= target),
        ("  of which plotly.min.js (bytes)", f"{plotly_bytes:,}", "", None),
        ("  bytes per event beyond plotly.js", f"{(size - plotly_bytes) / args.events:.1f}",
         f"<= {BYTES_PER_EVENT_TARGET}", (size - plotly_bytes) / args.events <= BYTES_PER_EVENT_TARGET),
        ("draw in Chromium, median (s)", f"{draw_median:.2f}", f"<= {DRAW_TARGET_S}", draw_median <= DRAW_TARGET_S),
        ("  min / max (s)", f"{min(browser['draw_s']):.2f} / {max(browser['draw_s']):.2f}", "", None),
        ("  a page with only plotly.js loads in (s)", f"{statistics.median(browser['plotly_only_s']):.2f}", "", None),
        ("type filter redraw, median (s)", f"{filter_median:.3f}", "", None),
        ("requests leaving file://", str(len(browser["blocked_requests"])), "0", not browser["blocked_requests"]),
    ]
    for name, value, goal, ok in rows:
        print(f"{name:<40}{value:>14}{goal:>14}{'' if ok is None else ('yes' if ok else 'NO'):>5}")
    print(f"{'format':<12}{'build s':>9}{'bytes':>14}")
    for fmt, r in build.items():
        print(f"{fmt:<12}{r['seconds']:>9.3f}{r['bytes']:>14,}")
    if browser["page_errors"]:
        print("page errors:", browser["page_errors"][:3])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "when": datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
        "cpus": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2), "events": args.events, "runs": args.runs,
        "html_bytes": size, "plotly_js_bytes": plotly_bytes, "target_bytes": target,
        "bytes_per_event_beyond_plotly": round((size - plotly_bytes) / args.events, 1),
        "draw_seconds": [round(x, 3) for x in browser["draw_s"]], "draw_median_seconds": round(draw_median, 3),
        "draw_target_seconds": DRAW_TARGET_S,
        "plotly_only_page_seconds": [round(x, 3) for x in browser["plotly_only_s"]],
        "filter_redraw_seconds": [round(x, 3) for x in browser["filter_s"]],
        "blocked_requests": browser["blocked_requests"], "page_errors": browser["page_errors"],
        "build": build}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
