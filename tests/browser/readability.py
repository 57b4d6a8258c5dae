"""What a reader sees on a drawn timeline, measured from the DOM: label boxes, mark boxes (from
plotly's axes), the shown x range. Shared by the app's and the export's first-view tests."""
from __future__ import annotations

import math
from typing import Any

#: runs in the page on the timeline's plotly div; returns boxes in client px
MEASURE_JS = """(gd) => {
    const fl = gd._fullLayout, xa = fl.xaxis, ya = fl.yaxis;
    const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const X = (v) => plot.left + xa.l2p(xa.d2l(v)), Y = (v) => plot.top + ya.l2p(ya.d2l(v));
    const marks = [], opens = [], closed = [];
    let labelIds = [];
    gd._fullData.forEach((t) => {
        const meta = String(t.meta || '');
        if (meta === 'labels') { labelIds = (t.customdata || []).slice(); return; }
        if (meta.startsWith('point')) {
            const r = (t.marker.size || 10) / 2;
            t.x.forEach((x, i) => { marks.push({id: t.customdata[i], x0: X(x) - r, x1: X(x) + r, y0: Y(t.y[i]) - r, y1: Y(t.y[i]) + r});
                                    closed.push(t.y[i]); });
        } else if (meta.startsWith('bar') || meta.startsWith('open')) {
            if (meta === 'open-arrow') { return; }
            const w = (t.line.width || 8) / 2;
            for (let i = 0; i + 1 < t.x.length; i += 3) {
                const a = X(t.x[i]), b = X(t.x[i + 1]);
                marks.push({id: null, x0: Math.min(a, b), x1: Math.max(a, b), y0: Y(t.y[i]) - w, y1: Y(t.y[i]) + w});
                (meta.startsWith('open') ? opens : closed).push(t.y[i]);
            }
        }
    });
    const texts = [...gd.querySelectorAll('.scatterlayer .trace text')].filter((n) => n.textContent.trim());
    const labels = texts.map((n) => { const r = n.getBoundingClientRect();
        return {text: n.textContent, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}; });
    return {plot: {x0: plot.left, x1: plot.right, y0: plot.top, y1: plot.bottom},
            range: xa.range.map((v) => xa.r2l(v)), labels: labels, labelIds: labelIds, marks: marks,
            openRows: opens, closedRows: closed};
}"""


def _overlap(a: dict[str, float], b: dict[str, float], tol: float = 0.5) -> bool:
    return (min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > tol and
            min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > tol)


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    pos = q * (len(values) - 1)
    i = math.floor(pos)
    j = min(i + 1, len(values) - 1)
    return values[i] + (values[j] - values[i]) * (pos - i)


def check_first_view(m: dict[str, Any], anchors_ms: list[float], n_dated: int) -> dict[str, float]:
    """Assert the acceptance criteria on a measurement; return the figures for the report."""
    plot = m["plot"]
    inside = [lb for lb in m["labels"] if lb["x0"] >= plot["x0"] - 1 and lb["x1"] <= plot["x1"] + 1
              and lb["y0"] >= plot["y0"] - 2 and lb["y1"] <= plot["y1"] + 2]
    assert len(inside) == len(m["labels"]), [lb["text"] for lb in m["labels"] if lb not in inside]
    labelled = len(set(m["labelIds"]))
    share = labelled / n_dated if n_dated else 1.0
    assert len(m["labels"]) == len(m["labelIds"])
    assert share >= 0.8, f"{labelled} of {n_dated} dated events carry a label"
    labels = m["labels"]
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not _overlap(a, b), f"labels {a['text']!r} and {b['text']!r} intersect"
    marks = m["marks"]
    for i, a in enumerate(marks):
        for b in marks[i + 1:]:
            assert not _overlap(a, b), f"marks overlap: {a} {b}"
        for lb in labels:
            assert not _overlap(a, lb), f"label {lb['text']!r} covers a mark {a}"
    lo, hi = m["range"]
    core = percentile(anchors_ms, 0.9) - percentile(anchors_ms, 0.1)
    core_share = core / (hi - lo)
    assert core_share >= 0.4, f"the 10th-90th percentile span takes {core_share:.0%} of the shown range"
    assert not set(m["openRows"]) & set(m["closedRows"]), "an open-ended item shares a row with closed items"
    return {"labelled_share": share, "core_share": core_share, "labels": len(labels), "marks": len(marks)}


def anchors_ms(events: list[dict[str, Any]]) -> list[float]:
    """Each dated event's day (its start, else its end) in ms, as the range rule counts it."""
    from timeline.app.figures import event_days

    out = []
    for e in events:
        s, end = event_days(e)
        a = s if s is not None else end
        if a is not None:
            out.append(a * 86_400_000)
    return out
