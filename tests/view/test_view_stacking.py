"""Packing items into sub-rows (timeline.view.stacking): unit cases and properties."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.view import stacking
from timeline.view.labels import text_width
from timeline.view.stacking import Item, pack


def boxes(layout: stacking.Layout) -> list[tuple[str, int, float, float, int]]:
    """(lane, row, left, right, id) of each placed item: its mark and label together."""
    out = []
    for p in layout.placed:
        left, right = p.x0, p.x1
        if p.label:
            left, right = min(left, p.label_x), max(right, p.label_x + p.label_w)
        out.append((p.lane, p.row, left, right, p.id))
    return out


def assert_no_overlap(layout: stacking.Layout) -> None:
    rows: dict[tuple[str, int], list[tuple[float, float, int]]] = {}
    for lane, row, left, right, i in boxes(layout):
        rows.setdefault((lane, row), []).append((left, right, i))
    for key, spans in rows.items():
        spans.sort()
        for (a0, a1, i), (b0, b1, j) in zip(spans, spans[1:]):
            assert a1 + stacking.ITEM_GAP <= b0 + 1e-9, f"{key}: items {i} and {j} overlap"


def test_same_day_items_stack_in_rows() -> None:
    items = [Item(i, "Battles", 100, 101, "point", f"Strike number {i}") for i in range(5)]
    layout = pack(items, 90, 130, 800)
    assert sorted(p.row for p in layout.placed) == [0, 1, 2, 3, 4]
    assert all(p.label for p in layout.placed)
    assert_no_overlap(layout)


def test_far_apart_items_share_a_row() -> None:
    items = [Item(0, "L", 0, 1, "point", "First"), Item(1, "L", 300, 301, "point", "Second")]
    layout = pack(items, 0, 365, 800)
    assert [p.row for p in layout.placed] == [0, 0]


def test_label_width_counts_in_the_packing() -> None:
    # 10 days apart at 2 px/day = 20 px: the marks fit side by side, the labels do not
    items = [Item(0, "L", 0, 1, "point", "A rather long headline here"), Item(1, "L", 10, 11, "point", "Another one")]
    layout = pack(items, 0, 400, 800)
    assert {p.row for p in layout.placed} == {0, 1}
    assert text_width("A rather long headline here") > 20


def test_open_ended_items_get_rows_of_their_own_and_a_capped_bar() -> None:
    items = [Item(0, "L", 0, 1, "point", "Day"), Item(1, "L", 0, 1, "open_end", "Since then"),
             Item(2, "L", 200, 201, "point", "Later day")]
    layout = pack(items, -10, 400, 800)
    by_id = {p.id: p for p in layout.placed}
    lane = layout.lane("L")
    assert lane.rows == 1 and lane.open_rows == 1
    assert by_id[1].open and by_id[1].row == 1 and by_id[0].row == 0 and by_id[2].row == 0
    assert by_id[1].x1 - by_id[1].x0 == stacking.OPEN_PX + stacking.ARROW_PX   # never to the axis edge


def test_items_outside_the_range_are_hidden_not_placed() -> None:
    items = [Item(0, "L", -500, -499, "point", "Long ago"), Item(1, "L", 5, 6, "point", "Now")]
    layout = pack(items, 0, 30, 600)
    assert layout.hidden == [0] and [p.id for p in layout.placed] == [1]


def test_a_crowded_lane_overflows_into_a_badge() -> None:
    items = [Item(i, "L", 100, 101, "point", "x") for i in range(stacking.MAX_ROWS + 5)]
    layout = pack(items, 99, 102, 300)
    lane = layout.lane("L")
    assert lane.rows == stacking.MAX_ROWS and len(lane.overflow) == 5


def test_a_label_at_the_right_edge_goes_left_of_its_mark() -> None:
    layout = pack([Item(0, "L", 99, 100, "point", "Near the end")], 0, 100, 500)
    p = layout.placed[0]
    assert p.label and p.label_x + p.label_w <= p.x0


KINDS = st.sampled_from(stacking.KINDS)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Item], float, float, float]:
    n = draw(st.integers(0, 60))
    items = []
    for i in range(n):
        start = draw(st.floats(-400, 1200, allow_nan=False))
        length = draw(st.floats(1, 300))
        kind = draw(KINDS)
        label = draw(st.text(alphabet="abcdefghij KLMN…’é", max_size=45))
        items.append(Item(i, draw(st.sampled_from(["A", "B", "C"])), start, start + (1 if kind == "point" else length),
                          kind, label))
    lo = draw(st.floats(-200, 600))
    span = draw(st.floats(5, 1500))
    width = draw(st.floats(150, 1600))
    return items, lo, lo + span, width


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_no_overlaps_and_every_item_placed_exactly_once(case: tuple[list[Item], float, float, float]) -> None:
    items, lo, hi, width = case
    layout = pack(items, lo, hi, width)
    assert_no_overlap(layout)
    placed = [p.id for p in layout.placed]
    overflow = [i for lane in layout.lanes for i in lane.overflow]
    seen = placed + overflow + layout.hidden
    assert sorted(seen) == sorted(it.id for it in items)          # each item exactly once
    for lane in layout.lanes:
        assert lane.rows <= stacking.MAX_ROWS and lane.open_rows <= stacking.MAX_OPEN_ROWS
        rows = [p.row for p in layout.placed if p.lane == lane.name]
        assert all(0 <= r < lane.height for r in rows)
        # open-ended items only in the lane's open rows, the others never there
        for p in layout.placed:
            if p.lane == lane.name:
                assert (p.row >= lane.rows) == p.open
    for p in layout.placed:   # labels stay inside the plot
        if p.label:
            assert -1e-9 <= p.label_x and p.label_x + p.label_w <= width + 1e-9
