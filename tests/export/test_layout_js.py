"""One algorithm: the export's layout.js (run in node) places the same items in the same rows
with the same labels as timeline.view, and opens on the same range."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from timeline.app import figures
from timeline.export.compact import layout_constants
from timeline.view import range as vr
from timeline.view import stacking

LAYOUT_JS = Path(__file__).resolve().parents[2] / "timeline" / "export_template" / "layout.js"
NODE = shutil.which("node")
RUNNER = """
const L = require(process.argv[1]).make(JSON.parse(require('fs').readFileSync(0, 'utf8')).constants);
const input = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const out = {packs: input.packs.map(c => L.pack(c.items, c.lo, c.hi, c.width, c.order)),
             ranges: input.ranges.map(spans => L.defaultRange(spans))};
process.stdout.write(JSON.stringify(out));
"""

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (needed to run the export's layout.js)")


def run_js(tmp_path: Path, packs: list[dict], ranges: list[list]) -> dict:
    data = tmp_path / "input.json"
    data.write_text(json.dumps({"packs": packs, "ranges": ranges}), encoding="utf-8")
    proc = subprocess.run([NODE, "-e", RUNNER, str(LAYOUT_JS), str(data)], input=json.dumps(
        {"constants": layout_constants()}), capture_output=True, text=True, timeout=60, check=True)
    return json.loads(proc.stdout)


def random_case(rng: random.Random, n: int) -> dict:
    words = ["Drone", "strike", "on", "Kyiv", "power", "station", "NSC:", "Iran", "to", "supply", "Alabuga",
             "plant", "Zelensky’s", "é", "sanctions", "W", "ii"]
    items = []
    for i in range(n):
        kind = rng.choice(stacking.KINDS)
        start = rng.uniform(-200, 900)
        end = start + (1 if kind == "point" else rng.uniform(1, 200))
        label = " ".join(rng.choice(words) for _ in range(rng.randint(0, 9)))
        items.append({"id": i, "lane": rng.choice(["Battles", "Other", "Strategic developments"]),
                      "start": start, "end": end, "kind": kind, "label": label})
    lo = rng.uniform(-100, 400)
    return {"items": items, "lo": lo, "hi": lo + rng.uniform(3, 1200), "width": rng.uniform(200, 1400),
            "order": ["Other"]}


def hand_events() -> list[dict]:
    base = {"precision": "day", "event_type": "Strategic developments"}
    events = [{**base, "date_start": "1932-01-01", "date_end": "1933-12-31", "precision": "year",
               "summary": "Famine remembered"}]
    for i in range(30):
        day = f"2023-06-{(i % 9) + 1:02d}"
        events.append({**base, "date_start": day, "date_end": day, "summary": f"The White House said item {i}"})
    events.append({**base, "date_start": "2022-08-01", "date_end": None, "open_end": True, "precision": "month",
                   "summary": "Iran has sent drones since at least August 2022"})
    return events


def python_pack(case: dict) -> stacking.Layout:
    items = [stacking.Item(**it) for it in case["items"]]
    return stacking.pack(items, case["lo"], case["hi"], case["width"], case["order"])


def test_same_rows_labels_and_ranges_as_python(tmp_path: Path) -> None:
    rng = random.Random(11)
    cases = [random_case(rng, n) for n in (0, 1, 5, 40, 120, 300)]
    events = hand_events()
    items, order = figures.layout_items(events)
    view = figures.shown_range(events, None)
    assert view is not None
    cases.append({"items": [{"id": it.id, "lane": it.lane, "start": it.start, "end": it.end, "kind": it.kind,
                             "label": it.label} for it in items], "lo": view.lo, "hi": view.hi, "width": 760,
                  "order": order})
    span_sets = [[list(figures.event_days(e)) for e in events]]
    for _ in range(20):
        span_sets.append([[s, s + rng.randint(1, 90)] if rng.random() < 0.8 else [s, None]
                          for s in (rng.randint(-5000, 20000) for _ in range(rng.randint(1, 50)))])
    out = run_js(tmp_path, cases, span_sets)
    for case, js in zip(cases, out["packs"]):
        py = python_pack(case)
        assert sorted(js["hidden"]) == sorted(py.hidden)
        assert [(lane["name"], lane["rows"], lane["open_rows"], lane["overflow"]) for lane in js["lanes"]] == \
            [(lane.name, lane.rows, lane.open_rows, lane.overflow) for lane in py.lanes]
        js_placed = sorted((p["id"], p["lane"], p["row"], p["label"], round(p["label_x"], 6), round(p["x0"], 6))
                           for p in js["placed"])
        py_placed = sorted((p.id, p.lane, p.row, p.label, round(p.label_x, 6), round(p.x0, 6)) for p in py.placed)
        assert js_placed == py_placed
    for spans, js in zip(span_sets, out["ranges"]):
        py = vr.default_range([tuple(s) for s in spans])
        assert py is not None and js is not None
        assert js["lo"] == pytest.approx(py.lo) and js["hi"] == pytest.approx(py.hi)
        assert (js["earlier"], js["later"]) == (py.earlier, py.later)
        assert (js["earlier_years"], js["later_years"]) == (
            list(py.earlier_years) if py.earlier_years else None, list(py.later_years) if py.later_years else None)
