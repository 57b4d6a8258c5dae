"""The two pictures a new user sees first, to look at after any change to the app or the export.

    python scripts/screenshots.py [--out docs/] [--seed ../shared/corpora/seed]

1. `app-first-view.png`: `timeline ingest --sample` then `timeline serve`, nothing clicked (1366x800).
2. `seed-export.png`: the seed article ingested with `--published 2023-06-13`, exported to one HTML
   file and opened from disk with every network request aborted.

Both run the real commands through the CLI into a throwaway database, and real headless Chromium.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from chromium import VIEWPORT, launch_chromium  # noqa: E402


def _timeline(*args: str) -> None:
    subprocess.run([sys.executable, "-c", "from timeline.cli import main; main()", *args], check=True, cwd=REPO)


def _serve(db: str) -> tuple[str, object]:
    from werkzeug.serving import make_server

    from timeline.app.server import create_app

    server = make_server("127.0.0.1", 0, create_app(db).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    return base, server


def _wait_idle(page) -> None:  # noqa: ANN001
    page.wait_for_selector("#timeline-graph .main-svg", timeout=30_000)
    page.wait_for_selector("#map-graph .main-svg", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=30_000)
    page.wait_for_timeout(800)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--seed", type=Path, default=REPO.parent / "shared" / "corpora" / "seed")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = launch_chromium(pw)
        sample_db = str(Path(tmp) / "sample.db")
        _timeline("ingest", "--sample", "--db", sample_db, "--no-progress")
        base, server = _serve(sample_db)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(base + "/")
        _wait_idle(page)
        page.screenshot(path=str(args.out / "app-first-view.png"))
        server.shutdown()
        print(args.out / "app-first-view.png")

        if args.seed.is_dir():
            seed_db, html = str(Path(tmp) / "seed.db"), Path(tmp) / "seed.html"
            _timeline("ingest", str(args.seed), "--published", "2023-06-13", "--db", seed_db, "--no-progress")
            _timeline("export", "--db", seed_db, "--out", str(html))
            page = browser.new_page(viewport=VIEWPORT)
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                       else route.abort())
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-ready=true]")
            page.wait_for_timeout(800)
            page.screenshot(path=str(args.out / "seed-export.png"))
            print(args.out / "seed-export.png")
        else:
            print(f"no seed article at {args.seed}: export screenshot skipped", file=sys.stderr)
        browser.close()


if __name__ == "__main__":
    main()
