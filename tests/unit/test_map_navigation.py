"""Keyboard moves on the map and the placing of copies: plain rules over the role map."""

from __future__ import annotations

import itertools

from rolemap.canvas.navigation import Step, cycle, neighbour, reading_order
from rolemap.canvas.placement import place_copies
from rolemap.domain import geometry
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap

A, P, G = NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME  # activity, product, goal
PITCH = geometry.NODE_HEIGHT + geometry.NODE_GAP


def node(node_id: str, kind: NodeKind, row: int) -> Node:
    x, _ = geometry.free_slot(kind, [])
    return Node(node_id, "r", kind, node_id, x=x, y=geometry.LANE_TOP + row * PITCH)


def sample() -> RoleMap:
    nodes = [
        node("a1", A, 0), node("a2", A, 1), node("a3", A, 2),
        node("o1", P, 0), node("o2", P, 3),
        node("g1", G, 1),
    ]  # fmt: skip
    links = [Link("l1", "r", "a1", "o2"), Link("l2", "r", "a1", "o1"), Link("l3", "r", "o2", "g1")]
    return RoleMap.build(Role("r", "Sample"), nodes, links)


def test_reading_order_is_lane_by_lane_top_to_bottom() -> None:
    assert reading_order(sample()) == ["a1", "a2", "a3", "o1", "o2", "g1"]


def test_up_and_down_stay_in_the_lane() -> None:
    role_map = sample()
    assert neighbour(role_map, "a1", Step.DOWN) == "a2"
    assert neighbour(role_map, "a2", Step.UP) == "a1"
    assert neighbour(role_map, "a1", Step.UP) is None
    assert neighbour(role_map, "a3", Step.DOWN) is None


def test_right_and_left_follow_the_links_to_the_nearest() -> None:
    role_map = sample()
    assert neighbour(role_map, "a1", Step.RIGHT) == "o1"  # of o1 and o2, the one level with it
    assert neighbour(role_map, "o2", Step.LEFT) == "a1"
    assert neighbour(role_map, "o2", Step.RIGHT) == "g1"


def test_without_links_right_and_left_go_to_the_nearest_in_the_next_lane() -> None:
    role_map = sample()
    assert neighbour(role_map, "a3", Step.RIGHT) == "o2"  # row 2: o2 (row 3) is nearer than o1
    assert neighbour(role_map, "a3", Step.LEFT) is None  # no inputs: nothing further left
    assert neighbour(role_map, "g1", Step.RIGHT) is None


def test_tab_goes_round() -> None:
    role_map = sample()
    assert cycle(role_map, None, True) == "a1"
    assert cycle(role_map, None, False) == "g1"
    assert cycle(role_map, "g1", True) == "a1"
    assert cycle(role_map, "a1", False) == "g1"


def test_copies_land_in_free_space_keeping_their_order() -> None:
    role_map = sample()
    copies = [role_map.nodes[i] for i in ("a1", "a2", "o1")]
    placed = place_copies(role_map, copies)
    assert [n.kind for n in placed] == [A, A, P]
    everything = [*role_map.nodes.values(), *placed]
    for one, other in itertools.combinations(everything, 2):
        assert not geometry.overlap((one.x, one.y), (other.x, other.y)), (one.id, other.id)
    assert placed[0].y < placed[1].y


def test_copies_go_where_they_are_wanted_when_there_is_room() -> None:
    role_map = sample()
    top = geometry.LANE_TOP + 10 * PITCH
    placed = place_copies(role_map, [role_map.nodes["a1"], role_map.nodes["a2"]], top)
    assert [n.y for n in placed] == [top, top + PITCH]
