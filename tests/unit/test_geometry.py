"""Lane geometry: nodes stay in their lanes, new nodes find free spots, nudges cover nothing."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from rolemap.domain import geometry
from rolemap.domain.entities import Node, Role
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.role_map import RoleMap


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


def _lane_of(ys: list[float], kind: NodeKind = NodeKind.OUTPUT) -> RoleMap:
    role = Role("r", "Role")
    nodes = [
        Node(f"n{i}", "r", kind, f"Node {i}", x=geometry.home_x(kind), y=y)
        for i, y in enumerate(ys)
    ]
    return RoleMap.build(role, nodes, [])


@given(
    st.lists(st.floats(64, 3000), min_size=2, max_size=12),
    st.sets(st.integers(0, 11), min_size=1, max_size=4),
    st.sampled_from([(0, 8), (0, -8), (0, 40), (0, -40), (8, 0), (-40, 0)]),
    st.integers(1, 12),
)
def test_nudges_never_cover_a_node_they_did_not_cover(
    ys: list[float], chosen: set[int], step: tuple[int, int], presses: int
) -> None:
    role_map = _lane_of(ys)
    ids = [f"n{i}" for i in sorted(chosen) if i < len(ys)]
    overlapping = {
        (a.id, b.id)
        for a in role_map
        for b in role_map
        if a.id != b.id and geometry.overlap((a.x, a.y), (b.x, b.y))
    }
    for _ in range(presses):
        moved = geometry.nudge(role_map, ids, *step)
        for node_id, (x, y) in moved.items():
            node = role_map.nodes[node_id]
            role_map.put_node(dataclasses.replace(node, x=x, y=y))
    for a in role_map:
        assert geometry.clamp_to_lane(a.kind, a.x, a.y) == (a.x, a.y)
        for b in role_map:
            if a.id != b.id and (a.id, b.id) not in overlapping:
                assert not geometry.overlap((a.x, a.y), (b.x, b.y)), (a, b)


def test_a_nudge_stops_a_gap_short_of_the_neighbour_and_moves_the_selection_as_one() -> None:
    role_map = _lane_of([100.0, 188.0, 400.0])
    assert geometry.nudge(role_map, ["n0"], 0, 40) == {
        "n0": (geometry.home_x(NodeKind.OUTPUT), 116.0)
    }
    # Two nodes move together: the lower one's neighbour stops both.
    moved = geometry.nudge(role_map, ["n0", "n1"], 0, 200)
    assert moved == {
        "n0": (geometry.home_x(NodeKind.OUTPUT), 100.0 + 140.0),
        "n1": (geometry.home_x(NodeKind.OUTPUT), 188.0 + 140.0),
    }
    assert geometry.nudge(role_map, ["n0"], 0, -100) == {
        "n0": (geometry.home_x(NodeKind.OUTPUT), geometry.LANE_TOP)
    }
    at_top = _lane_of([geometry.LANE_TOP])
    assert geometry.nudge(at_top, ["n0"], 0, -8) == {}
