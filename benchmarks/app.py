"""Speed of the Dash app on 100,000 events, driven in headless Chromium.

    python3 benchmarks/app.py [--events 100000] [--runs 5] [--db PATH]

1. Generates --events synthetic events (made up here: spread over 2022-2024 with busier
   periods, the seven event types, ~30 actors, ~40 located places, day/week/month/season/
   year precision, some approximate and some open-ended) into a temporary SQLite store
   through `Store.add`, 100 events per document. Generation is timed and reported too.
   `--db` keeps (or reuses) the store at PATH.
2. Serves `timeline.app.server.create_app` on 127.0.0.1 in a background thread.
3. Drives Chromium (the browser tests' launcher and flags) and measures, median of --runs:
   * first complete render: navigation start -> timeline, map (land drawn) and table
     rows all rendered and no Dash callback in flight, in a fresh browser context (cold
     cache), and again for a reload of the same page (scripts cached);
   * a filter change: typing a date range into the From box and pressing Enter -> all views
     show the new filter (timeline's uirevision, the grid's row count and header count);
   * a zoom: Plotly.relayout of the timeline's x range -> the re-queried figure for that
     window is drawn (its meta.window) and nothing is loading.
Targets (issue 11): first render <= 2 s, filter or zoom <= 250 ms. Prints a table, writes
benchmarks/results/app.json.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
RESULTS = REPO / "benchmarks" / "results" / "app.json"
TARGETS = {"first_render_s": 2.0, "first_render_cached_s": 2.0, "filter_s": 0.25, "zoom_s": 0.25}  # issue 11

ACTORS = [
    ("Russian Armed Forces", "military", "RU"), ("Armed Forces of Ukraine", "military", "UA"), ("Iran", "country", "IR"),
    ("Russia", "country", "RU"), ("Ukraine", "country", "UA"), ("IRGC", "military", "IR"),
    ("Ukrainian Air Force", "military", "UA"), ("Wagner Group", "group", "RU"), ("European Union", "organisation", None),
    ("United States", "country", "US"), ("United Kingdom", "country", "GB"), ("NATO", "organisation", None),
    ("Belarus", "country", "BY"), ("Alabuga SEZ", "organisation", "RU"), ("Civilians", "group", None),
    ("Government of Ukraine", "government", "UA"), ("Kremlin", "government", "RU"), ("IAEA", "organisation", None),
    ("United Nations", "organisation", None), ("Black Sea Fleet", "military", "RU"), ("Rosgvardia", "military", "RU"),
    ("SBU", "government", "UA"), ("HUR", "military", "UA"), ("Turkey", "country", "TR"),
    ("China", "country", "CN"), ("North Korea", "country", "KP"), ("Poland", "country", "PL"),
    ("Germany", "country", "DE"), ("France", "country", "FR"), ("Israel", "country", "IL"),
]
PLACES = [
    ("Kyiv", "UA", 50.45, 30.52), ("Kharkiv", "UA", 49.99, 36.23), ("Odesa", "UA", 46.48, 30.72),
    ("Dnipro", "UA", 48.46, 35.05), ("Zaporizhzhia", "UA", 47.84, 35.14), ("Mykolaiv", "UA", 46.98, 31.99),
    ("Kherson", "UA", 46.64, 32.61), ("Bakhmut", "UA", 48.59, 38.00), ("Avdiivka", "UA", 48.14, 37.74),
    ("Lviv", "UA", 49.84, 24.03), ("Sumy", "UA", 50.91, 34.80), ("Chernihiv", "UA", 51.49, 31.29),
    ("Kramatorsk", "UA", 48.74, 37.58), ("Izium", "UA", 49.21, 37.26), ("Kupiansk", "UA", 49.71, 37.61),
    ("Mariupol", "UA", 47.10, 37.55), ("Sevastopol", "UA", 44.62, 33.52), ("Donetsk", "UA", 48.02, 37.80),
    ("Luhansk", "UA", 48.57, 39.31), ("Vinnytsia", "UA", 49.23, 28.47), ("Moscow", "RU", 55.76, 37.62),
    ("Belgorod", "RU", 50.60, 36.59), ("Kursk", "RU", 51.73, 36.19), ("Alabuga", "RU", 55.77, 52.03),
    ("Kazan", "RU", 55.79, 49.12), ("Novorossiysk", "RU", 44.72, 37.77), ("Engels", "RU", 51.48, 46.12),
    ("Tehran", "IR", 35.69, 51.39), ("Isfahan", "IR", 32.65, 51.67), ("Bandar Abbas", "IR", 27.18, 56.27),
    ("Caspian Sea", None, 42.0, 50.5), ("Black Sea", None, 43.4, 34.0), ("Minsk", "BY", 53.90, 27.56),
    ("Brussels", "BE", 50.85, 4.35), ("Washington", "US", 38.90, -77.04), ("London", "GB", 51.51, -0.13),
    ("Ankara", "TR", 39.93, 32.86), ("Beijing", "CN", 39.90, 116.41), ("Pyongyang", "KP", 39.04, 125.76),
    ("Vienna", "AT", 48.21, 16.37),
]
TYPES = [("Explosions/Remote violence", 40), ("Battles", 25), ("Strategic developments", 20),
         ("Violence against civilians", 7), ("Protests", 3), ("Riots", 1), ("Other", 4)]
#: a made-up vocabulary, large enough that two synthetic sentences rarely share wording
#: (the store merges same-date events with similar wording, which would lose events here)
_SYLLABLES = ("ka", "lo", "mi", "ter", "van", "os", "ri", "dun", "pe", "sha", "gor", "ul", "ben", "ti", "zar")
WORDS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s", "ka")]
START, END = date(2022, 1, 1), date(2024, 12, 31)


def _random_day(rng: random.Random) -> date:
    """Busier around the invasion, autumn 2022 strikes and the 2023 summer offensive."""
    peaks = [(date(2022, 2, 24), 40), (date(2022, 10, 10), 50), (date(2023, 6, 8), 60), (date(2024, 8, 6), 40)]
    if rng.random() < 0.45:
        centre, sd = rng.choice(peaks)
        day = centre + timedelta(days=int(rng.gauss(0, sd)))
    else:
        day = START + timedelta(days=rng.randrange((END - START).days + 1))
    return min(max(day, START), END)


def _dates(rng: random.Random) -> dict[str, Any]:
    day = _random_day(rng)
    r = rng.random()
    out: dict[str, Any] = {"approximate": rng.random() < 0.04}
    if r < 0.70:
        out.update(start=day, end=day, precision="day", text=day.strftime("%-d %B %Y"), value=day.isoformat())
    elif r < 0.78:
        monday = day - timedelta(days=day.weekday())
        out.update(start=monday, end=monday + timedelta(days=6), precision="week", text="that week",
                   value=monday.strftime("%G-W%V"))
    elif r < 0.92:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        out.update(start=first, end=last, precision="month", text=day.strftime("%B %Y"), value=day.strftime("%Y-%m"))
    elif r < 0.95:
        q = (day.month - 1) // 3
        first = date(day.year, 3 * q + 1, 1)
        last = (date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)) - timedelta(days=1)
        out.update(start=first, end=last, precision="season", text="that season", value=f"{day.year}-Q{q + 1}")
    elif r < 0.98:
        out.update(start=date(day.year, 1, 1), end=date(day.year, 12, 31), precision="year", text=str(day.year),
                   value=str(day.year))
    else:
        out.update(start=day, end=None, precision="day", text=f"since {day:%-d %B %Y}", value=day.isoformat(),
                   relation="since")
    return out


def generate(store: Any, n_events: int, *, per_doc: int = 100, seed: int = 7) -> dict[str, Any]:
    """Add synthetic reports until `store` holds `n_events` more events; returns counts and seconds.

    Some generated events merge into earlier ones (same type, day and city, as ACLED counts
    events), so generation goes on until that many distinct events are stored.
    """
    from timeline.model import Actor, Document, Event, Place

    rng = random.Random(seed)
    type_names = [t for t, _ in TYPES]
    type_weights = [w for _, w in TYPES]
    started = time.perf_counter()
    added = merged = 0
    d = 0
    while added < n_events:
        sentences, specs = [], []
        for _ in range(min(per_doc, n_events - added)):
            dates = _dates(rng)
            words = " ".join(rng.sample(WORDS, 9))
            sentence = f"{words.capitalize()} {dates['text']}."
            sentences.append(sentence)
            specs.append((sentence, dates))
        text = " ".join(sentences)
        doc = Document(text=text, title=f"Synthetic report {d // per_doc}", publisher=f"Outlet {d % 23}",
                       published=END, published_source="given")
        events, pos = [], 0
        for sentence, dates in specs:
            t = pos + sentence.index(dates["text"])
            actors = [Actor(*a) for a in rng.sample(ACTORS, rng.choice((1, 1, 2, 2, 3)))]
            places = [Place(n, c, lat, lon, "city") for n, c, lat, lon in rng.sample(PLACES, rng.choice((0, 1, 1, 2)))]
            events.append(Event(
                date_start=dates["start"], date_end=dates["end"], precision=dates["precision"],
                date_text=dates["text"], date_value=dates["value"], summary=sentence[:-1],
                sentence=sentence, sentence_start=pos, sentence_end=pos + len(sentence),
                timex_start=t, timex_end=t + len(dates["text"]), approximate=dates["approximate"],
                date_relation=dates.get("relation"), event_type=rng.choices(type_names, type_weights)[0],
                actors=actors, places=places, confidence=round(rng.uniform(0.3, 0.95), 2), doc_id=doc.id,
            ))
            pos += len(sentence) + 1
        result = store.add(doc, events)
        added += result.events_added
        merged += result.events_merged
        d += per_doc
    return {"events_added": added, "events_merged": merged, "seconds": time.perf_counter() - started}


def _launcher():
    spec = importlib.util.spec_from_file_location("_browser_chromium", REPO / "tests" / "browser" / "chromium.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


IDLE = "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
RENDERED = """() => {
    const tl = document.querySelector('#timeline-graph .js-plotly-plot');
    const map = document.querySelector('#map-graph .js-plotly-plot');
    const land = [...document.querySelectorAll('#map-graph .geo path')].some(p => (p.getAttribute('d') || '').length > 1000);
    return tl && tl.layout && tl.layout.meta && map && map.data && map.data.length && land
        && document.querySelectorAll('#events-grid .ag-row .ag-cell').length > 0
        && !document.querySelector('[data-dash-is-loading="true"]');
}"""


def _serve(app: Any) -> tuple[Any, str]:
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, *a: Any, **k: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, app.server, threaded=True, request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def measure(url: str, store: Any, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from timeline.app.state import empty_state, state_to_filter, state_to_query

    conftest = _launcher()
    first, warm, filters, zooms = [], [], [], []
    filter_values = ["2023", "2022-10", "2024-01", "2023-06", "2022"]
    windows = [("2023-05-01", "2023-05-15"), ("2022-09-01", "2022-12-01"), ("2023-06-01", "2023-06-04"),
               ("2024-01-01", "2024-07-01"), ("2022-02-20", "2022-03-05")]
    with sync_playwright() as pw:
        browser = conftest.launch_chromium(pw)
        try:
            for run in range(runs):
                context = browser.new_context(viewport={"width": 1366, "height": 800})
                page = context.new_page()
                # no page.route here: routing sends every request through this Python process,
                # which would add its latency to each callback (the offline map is tested in
                # tests/browser); Chromium's flags already keep it off the network.
                t0 = time.perf_counter()
                page.goto(url)
                page.wait_for_function(RENDERED, timeout=120_000, polling=10)
                first.append(time.perf_counter() - t0)
                page.wait_for_timeout(500)
                # filter change: From box, Enter
                value = filter_values[run % len(filter_values)]
                state = {**empty_state(), "date_from": value}
                expected_rows = store.count(state_to_filter(state))
                rev = state_to_query(state)
                page.fill("#filter-from", value)
                t0 = time.perf_counter()
                page.press("#filter-from", "Enter")
                page.wait_for_function(
                    f"""() => {{ const tl = document.querySelector('#timeline-graph .js-plotly-plot');
                        let rows = -1; try {{ rows = dash_ag_grid.getApi('events-grid').getDisplayedRowCount(); }} catch (e) {{}}
                        return tl.layout.uirevision === {json.dumps(rev)} && rows === {expected_rows}
                            && document.querySelectorAll('#events-grid .ag-row .ag-cell').length > 0
                            && ({IDLE})(); }}""", timeout=60_000, polling=5)
                filters.append(time.perf_counter() - t0)
                page.wait_for_timeout(300)
                # zoom: relayout the timeline's x range, wait for the re-queried figure of that window
                lo, hi = windows[run % len(windows)]
                t0 = time.perf_counter()
                page.evaluate(f"() => Plotly.relayout(document.querySelector('#timeline-graph .js-plotly-plot'),"
                              f" {{'xaxis.range': ['{lo}', '{hi}']}})")
                page.wait_for_function(
                    f"""() => {{ const m = document.querySelector('#timeline-graph .js-plotly-plot').layout.meta;
                        return m && m.window && m.window[0] === '{lo}' && ({IDLE})(); }}""",
                    timeout=60_000, polling=5)
                zooms.append(time.perf_counter() - t0)
                # the same page loaded again: scripts come from the browser's cache
                t0 = time.perf_counter()
                page.goto(url)
                page.wait_for_function(RENDERED, timeout=120_000, polling=10)
                warm.append(time.perf_counter() - t0)
                context.close()
        finally:
            browser.close()
    return {"first_render_s": first, "first_render_cached_s": warm, "filter_s": filters, "zoom_s": zooms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="keep/reuse the generated SQLite store here")
    args = parser.parse_args()

    from timeline.app.server import create_app
    from timeline.store import Store

    tmp = tempfile.TemporaryDirectory(prefix="timeline-app-bench-")
    db = args.db or Path(tmp.name) / "bench.db"
    store = Store(f"sqlite:///{db}")
    existing = store.count()
    gen_file = db.with_name(db.name + ".generation.json")
    if existing >= args.events and gen_file.is_file():
        gen = {**json.loads(gen_file.read_text(encoding="utf-8")), "reused": str(db)}
        print(f"reusing {db} with {existing:,} events (generated earlier in {gen['seconds']:.1f} s)", file=sys.stderr)
    else:
        if existing:
            raise SystemExit(f"{db}: holds {existing:,} events but no {gen_file.name}; give a new --db path")
        print(f"generating {args.events:,} events into {db} ...", file=sys.stderr)
        gen = generate(store, args.events)
        gen_file.write_text(json.dumps(gen), encoding="utf-8")
    total = store.count()
    app = create_app(store)
    server, url = _serve(app)
    try:
        samples = measure(url, store, args.runs)
    finally:
        server.shutdown()
        store.close()
        tmp.cleanup()

    rows = []
    for key, values in samples.items():
        med = statistics.median(values)
        rows.append({"measure": key, "median_s": round(med, 4), "min_s": round(min(values), 4),
                     "max_s": round(max(values), 4), "runs": len(values), "target_s": TARGETS[key],
                     "met": med <= TARGETS[key]})
    print(f"\nDash app on {total:,} events (generated in {gen['seconds']:.1f} s, "
          f"{gen['events_merged']} merged), {args.runs} runs, headless Chromium")
    print(f"{'measure':<22}{'median s':>10}{'min s':>9}{'max s':>9}{'target s':>10}  met")
    for r in rows:
        print(f"{r['measure']:<22}{r['median_s']:>10.3f}{r['min_s']:>9.3f}{r['max_s']:>9.3f}{r['target_s']:>10.2f}"
              f"  {'yes' if r['met'] else 'NO'}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "when": datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
        "cpus": os.cpu_count(), "events": total, "generation": gen, "results": rows, "samples": samples,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
