"""The auto-layout: lanes kept, no overlaps, fewer crossings, the user's order kept."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.generate import big_role_map

from rolemap.domain import geometry
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.layout import auto_layout, count_crossings, current_order, order_lanes
from rolemap.domain.role_map import RoleMap

ROLE = Role(id="r", name="R")
A, OUT, C = NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME


def make(nodes: list[tuple[str, NodeKind, float]], links: list[tuple[str, str]]) -> RoleMap:
    return RoleMap.build(
        ROLE,
        [Node(i, "r", kind, i, x=geometry.home_x(kind), y=y) for i, kind, y in nodes],
        [Link(f"{s}-{t}", "r", s, t) for s, t in links],
    )


def assert_valid(role_map: RoleMap, positions: dict[str, tuple[float, float]]) -> None:
    assert set(positions) == set(role_map.nodes)
    for node_id, (x, y) in positions.items():
        kind = role_map.nodes[node_id].kind
        assert x == geometry.home_x(kind)
        assert geometry.lane_of_x(x) == kind.lane
        assert y >= geometry.LANE_TOP
    pitch = geometry.NODE_HEIGHT + geometry.NODE_GAP
    for kind in NodeKind:
        ys = sorted(y for i, (_, y) in positions.items() if role_map.nodes[i].kind is kind)
        assert all(b - a >= pitch - 1e-9 for a, b in itertools.pairwise(ys))


def test_a_twisted_map_is_untangled() -> None:
    # a1 → o2, a2 → o1: one crossing; the layout swaps one lane to remove it.
    role_map = make(
        [("a1", A, 64), ("a2", A, 152), ("o1", OUT, 64), ("o2", OUT, 152)],
        [("a1", "o2"), ("a2", "o1")],
    )
    edges = [(k.source, k.target) for k in role_map.links.values()]
    assert count_crossings(current_order(role_map), edges) == 1
    assert count_crossings(order_lanes(role_map), edges) == 0
    assert_valid(role_map, auto_layout(role_map))


def test_an_untangled_map_keeps_the_users_order() -> None:
    role_map = make(
        [("a1", A, 64), ("a2", A, 300), ("a3", A, 500), ("o1", OUT, 64), ("o2", OUT, 400)],
        [("a1", "o1"), ("a3", "o2")],
    )
    assert order_lanes(role_map)[1] == ["a1", "a2", "a3"]
    positions = auto_layout(role_map)
    assert positions["a1"][1] < positions["a2"][1] < positions["a3"][1]


def test_lanes_are_centred_against_the_tallest() -> None:
    role_map = make([("a1", A, 64), ("a2", A, 152), ("a3", A, 240), ("c1", C, 64)], [])
    positions = auto_layout(role_map)
    assert positions["c1"][1] == positions["a2"][1]


def test_crossing_count_on_a_known_graph() -> None:
    order = [[], ["a", "b", "c"], ["x", "y", "z"], []]
    edges = [("a", "z"), ("b", "y"), ("c", "x")]  # every pair crosses
    assert count_crossings(order, edges) == 3
    assert count_crossings(order, [("a", "x"), ("b", "y"), ("c", "z")]) == 0


def test_a_generated_map_crosses_less_than_its_reference_order() -> None:
    role_map = big_role_map(300, 600, seed=3)
    edges = [(k.source, k.target) for k in role_map.links.values()]
    shuffled = current_order(role_map)
    rng = random.Random(1)
    for lane in shuffled:
        rng.shuffle(lane)
    reference = count_crossings(shuffled, edges)
    # Start from a shuffled order, as a messy hand-drawn map would be.
    pitch = geometry.NODE_HEIGHT + geometry.NODE_GAP
    for lane in shuffled:
        for index, node_id in enumerate(lane):
            node = role_map.nodes[node_id]
            role_map.nodes[node_id] = Node(
                node.id, node.role_id, node.kind, node.title, x=node.x, y=64 + index * pitch
            )
    laid_out = count_crossings(order_lanes(role_map), edges)
    assert laid_out <= reference // 2
    assert_valid(role_map, auto_layout(role_map))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=2, max_value=60), st.integers(min_value=0, max_value=10_000))
def test_layout_never_adds_crossings_or_overlaps(size: int, seed: int) -> None:
    role_map = big_role_map(size, size * 2, seed=seed)
    edges = [(k.source, k.target) for k in role_map.links.values()]
    before = count_crossings(current_order(role_map), edges)
    assert count_crossings(order_lanes(role_map), edges) <= before
    assert_valid(role_map, auto_layout(role_map))
