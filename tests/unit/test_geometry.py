"""Lane geometry: nodes stay in their lanes, new nodes find free spots."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rolemap.domain import geometry
from rolemap.domain.kinds import LANE_ORDER, NodeKind


@given(st.sampled_from(LANE_ORDER), st.floats(-1e5, 1e5), st.floats(-1e5, 1e5))
def test_clamped_node_is_inside_its_lane(kind: NodeKind, x: float, y: float) -> None:
    cx, cy = geometry.clamp_to_lane(kind, x, y)
    assert geometry.lane_left(kind) <= cx
    assert cx + geometry.NODE_WIDTH <= geometry.lane_left(kind) + geometry.LANE_WIDTH
    assert cy >= geometry.LANE_TOP


@given(st.lists(st.floats(64, 5000), max_size=30), st.one_of(st.none(), st.floats(0, 6000)))
def test_free_slot_overlaps_no_node(taken: list[float], near: float | None) -> None:
    _, y = geometry.free_slot(NodeKind.OUTPUT, taken, near_y=near)
    assert all(abs(y - other) >= geometry.NODE_HEIGHT for other in taken)
