"""Items in a lane packed into sub-rows by their pixel extent at the current zoom.

vis-timeline's rule: an item takes the first row of its lane where its whole box (the
mark plus its label) clears every item already there by `ITEM_GAP` px, so neither marks
nor labels ever overlap, and items on the same day stack. Open-ended items get rows
of their own below the lane's other rows, drawn as a short capped bar with an arrow
(never run to the axis edge). When a lane has used `MAX_ROWS` rows, an item is placed
without its label if its mark alone fits, else it is counted in the lane's overflow
(the "+12" badge). Every item is either placed once or counted once.

The same rules run in the export's browser code (layout.js); keep both in step.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.view.labels import fit_label, text_width

POINT_R = 5.0         # half the width of a day's dot, px
MIN_BAR_PX = 6.0      # narrowest drawn interval
OPEN_PX = 34.0        # length of an open-ended item's capped bar
ARROW_PX = 8.0        # its arrow head
LABEL_GAP = 4.0       # between a mark and its label
ITEM_GAP = 6.0        # between two items in a row
MIN_LABEL_CHARS = 8
SHORT_LABEL_PX = 110.0  # a label that finds no row at full length is tried again cut to this width
#: label widths a lane is packed with, in turn, until every item has a label (None: whole labels)
LABEL_CAPS = (None, 170.0, 130.0, 100.0)
MAX_ROWS = 12         # closed items' rows per lane
MAX_OPEN_ROWS = 3     # open-ended items' rows per lane
ROW_PX = 17.0         # height of a row
KINDS = ("point", "bar", "open_end", "open_start")


@dataclass(frozen=True, slots=True)
class Item:
    """One mark to place: [start, end) in days; `kind` one of KINDS; `label` its title."""

    id: int
    lane: str
    start: float
    end: float
    kind: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an item is drawn: its row in the lane, its mark's pixel extent, its label."""

    id: int
    lane: str
    row: int              # 0-based within the lane; open-ended rows follow the closed ones
    open: bool
    x0: float             # mark, px from the plot's left edge
    x1: float
    label: str            # '' when drawn without one
    label_x: float        # left edge of the label, px
    label_w: float


@dataclass
class Lane:
    name: str
    rows: int = 0                 # closed rows used
    open_rows: int = 0
    overflow: list[int] = field(default_factory=list)   # ids not drawn

    @property
    def height(self) -> int:
        """Rows the lane takes on screen (at least one, so an empty lane still shows)."""
        return max(1, self.rows + self.open_rows)


@dataclass
class Layout:
    lanes: list[Lane]
    placed: list[Placed]
    hidden: list[int]             # ids outside [0, width] (before or after the range)

    def lane(self, name: str) -> Lane:
        return next(lane for lane in self.lanes if lane.name == name)


def geometry() -> dict[str, float]:
    """The constants, for the export's layout.js."""
    return {"POINT_R": POINT_R, "MIN_BAR_PX": MIN_BAR_PX, "OPEN_PX": OPEN_PX, "ARROW_PX": ARROW_PX,
            "LABEL_GAP": LABEL_GAP, "ITEM_GAP": ITEM_GAP, "MIN_LABEL_CHARS": MIN_LABEL_CHARS,
            "MAX_ROWS": MAX_ROWS, "MAX_OPEN_ROWS": MAX_OPEN_ROWS, "ROW_PX": ROW_PX}


def mark_extent(item: Item, lo: float, hi: float, width: float) -> tuple[float, float] | None:
    """The mark's [x0, x1] in px for the range [lo, hi) drawn `width` px wide; None when out of view."""
    scale = width / (hi - lo)
    a, b = (item.start - lo) * scale, (item.end - lo) * scale
    if item.kind == "point":
        x0, x1 = a - POINT_R, a + POINT_R
    elif item.kind == "bar":
        x0, x1 = a, max(b, a + MIN_BAR_PX)
    elif item.kind == "open_end":
        if a > width:
            return None
        a = max(a, 0.0)
        x0, x1 = a, a + OPEN_PX + ARROW_PX
    else:  # open_start: the bar ends at the item's end
        if b < 0:
            return None
        b = min(b, width)
        x0, x1 = b - OPEN_PX - ARROW_PX, b
    if x1 < 0 or x0 > width:
        return None
    return max(x0, -POINT_R), min(x1, width + POINT_R)


def _label_box(label: str, x0: float, x1: float, width: float,
               max_px: float | None = None) -> tuple[str, float, float]:
    """(text, left, width) of the label: right of the mark, else left of it, else shortened; ('', 0, 0).
    With `max_px` the label is first cut to that width."""
    if label and max_px is not None:
        label = fit_label(label, max_px, min_chars=MIN_LABEL_CHARS)
    if not label:
        return "", 0.0, 0.0
    w = text_width(label)
    if x1 + LABEL_GAP + w <= width:
        return label, x1 + LABEL_GAP, w
    if x0 - LABEL_GAP - w >= 0:
        return label, x0 - LABEL_GAP - w, w
    room = max(width - x1 - LABEL_GAP, x0 - LABEL_GAP)
    short = fit_label(label, room, min_chars=MIN_LABEL_CHARS)
    if not short:
        return "", 0.0, 0.0
    sw = text_width(short)
    left = x1 + LABEL_GAP if width - x1 - LABEL_GAP >= x0 - LABEL_GAP else x0 - LABEL_GAP - sw
    return short, left, sw


def _first_row(row_ends: list[float], x0: float, limit: int) -> int | None:
    for r, end in enumerate(row_ends):
        if end + ITEM_GAP <= x0:
            return r
    return len(row_ends) if len(row_ends) < limit else None


def _pack_lane(name: str, boxes: list[tuple[float, float, Item]], width: float,
               cap: float | None) -> tuple[list[Placed], int, int, list[int]]:
    """First-fit packing of one lane's items with labels cut to `cap` px: (placed, rows, open rows, overflow)."""
    placed: list[Placed] = []
    overflow: list[int] = []
    entries = sorted(boxes, key=lambda b: (b[2].kind.startswith("open"), b[0], b[2].id))
    closed_ends: list[float] = []
    open_ends: list[float] = []
    for x0, x1, item in entries:
        is_open = item.kind.startswith("open")
        ends, limit = (open_ends, MAX_OPEN_ROWS) if is_open else (closed_ends, MAX_ROWS)
        if _first_row(ends, x0, limit) is None:   # not even the mark fits: no label will
            overflow.append(item.id)
            continue
        row = None
        # its label (cut to `cap`), else one cut to SHORT_LABEL_PX, else the mark alone
        for max_px in (cap, min(cap or SHORT_LABEL_PX, SHORT_LABEL_PX), 0.0):
            text, lx, lw = _label_box(item.label, x0, x1, width, max_px) if max_px != 0.0 else ("", 0.0, 0.0)
            if max_px != 0.0 and not text:
                continue
            left, right = (min(x0, lx), max(x1, lx + lw)) if text else (x0, x1)
            row = _first_row(ends, left, limit)
            if row is not None:
                break
        if row is None:
            overflow.append(item.id)
            continue
        if row == len(ends):
            ends.append(right)
        else:
            ends[row] = right
        placed.append(Placed(item.id, name, row, is_open, x0, x1, text, lx, lw))
    return placed, len(closed_ends), len(open_ends), overflow


def pack(items: Sequence[Item], lo: float, hi: float, width: float,
         lane_order: Sequence[str] | None = None) -> Layout:
    """Place `items` for the range [lo, hi) drawn `width` px wide (see the module's rules)."""
    if not hi > lo or width <= 0:
        raise ValueError(f"empty range or width: [{lo}, {hi}) at {width} px")
    names = list(lane_order) if lane_order is not None else []
    for item in items:
        if item.lane not in names:
            names.append(item.lane)
    lanes = {name: Lane(name) for name in names}
    placed: list[Placed] = []
    hidden: list[int] = []
    boxes: dict[str, list[tuple[float, float, Item]]] = {name: [] for name in names}
    for item in items:
        ext = mark_extent(item, lo, hi, width)
        if ext is None:
            hidden.append(item.id)
        else:
            boxes[item.lane].append((ext[0], ext[1], item))
    for name in names:
        best: tuple[int, int, list[Placed], int, int, list[int]] | None = None
        # the lane with whole labels; where that leaves items unlabelled or hidden, labels cut shorter
        for cap in LABEL_CAPS:
            got = _pack_lane(name, boxes[name], width, cap)
            labelled = sum(1 for p in got[0] if p.label)
            score = (labelled - 2 * len(got[3]), -len(got[3]))
            if best is None or score > best[:2]:
                best = (*score, *got)
            if labelled == len(boxes[name]):
                break
        assert best is not None
        _, _, lane_placed, lanes[name].rows, lanes[name].open_rows, lanes[name].overflow = best
        placed.extend(lane_placed)
    # open rows follow the closed rows of their lane
    placed = [p if not p.open else Placed(p.id, p.lane, lanes[p.lane].rows + p.row, True, p.x0, p.x1,
                                          p.label, p.label_x, p.label_w) for p in placed]
    return Layout([lanes[n] for n in names], placed, hidden)
