"""Layered auto-layout: every node stays in its lane, lanes are ordered to cross less.

The lanes are the layers (inputs → activities → outputs → outcomes). Within a
lane, nodes are ordered by barycentre sweeps (down the lanes, then back up),
seeded with the user's current top-to-bottom order so that a sweep only moves
what it has a reason to move; the best ordering seen (fewest crossings) wins,
the starting one included, so a layout never crosses more than the map did.
Nodes are then spaced evenly and each lane is centred against the tallest.

Crossings are counted between links that join the same pair of lanes (a link
that skips the outputs lane is counted against other skipping links only).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from rolemap.domain import geometry
from rolemap.domain.kinds import LANE_ORDER
from rolemap.domain.role_map import RoleMap

Order = list[list[str]]  # node ids per lane, top to bottom
MAX_ROUNDS = 6


def current_order(role_map: RoleMap) -> Order:
    """The nodes of each lane in their current top-to-bottom order."""
    return [[n.id for n in role_map.nodes_of(kind)] for kind in LANE_ORDER]


def _edges(role_map: RoleMap) -> list[tuple[str, str]]:
    return [(link.source, link.target) for link in role_map.links.values()]


def count_crossings(order: Sequence[Sequence[str]], edges: Sequence[tuple[str, str]]) -> int:
    """How many pairs of links cross when the lanes are drawn in `order`.

    Only links joining the same pair of lanes are compared (inversion count
    with a Fenwick tree: O(E log V)).
    """
    lane_of: dict[str, int] = {}
    rank: dict[str, int] = {}
    for lane, ids in enumerate(order):
        for index, node_id in enumerate(ids):
            lane_of[node_id] = lane
            rank[node_id] = index
    groups: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for source, target in edges:
        if source in lane_of and target in lane_of:
            groups[(lane_of[source], lane_of[target])].append((rank[source], rank[target]))
    total = 0
    for (_, target_lane), pairs in groups.items():
        pairs.sort()
        size = len(order[target_lane]) + 1
        tree = [0] * (size + 1)
        for seen, (_, target_rank) in enumerate(pairs):
            # Links seen so far (smaller source rank) with a larger target rank cross this one.
            index, not_greater = target_rank + 1, 0
            while index > 0:
                not_greater += tree[index]
                index -= index & -index
            total += seen - not_greater
            index = target_rank + 1
            while index <= size:
                tree[index] += 1
                index += index & -index
    return total


def _centred(ids: Sequence[str]) -> dict[str, float]:
    middle = (len(ids) - 1) / 2
    return {node_id: index - middle for index, node_id in enumerate(ids)}


def _sweep(order: Order, neighbours: Mapping[str, list[str]], lanes: Sequence[int]) -> Order:
    """Reorder `lanes` (in that sequence) by the mean position of each node's neighbours."""
    result = [list(ids) for ids in order]
    coordinate: dict[str, float] = {}
    for ids in result:
        coordinate.update(_centred(ids))
    for lane in lanes:
        ids = result[lane]
        keys: dict[str, tuple[float, float]] = {}
        for node_id in ids:
            placed = [coordinate[n] for n in neighbours.get(node_id, ()) if n in coordinate]
            own = coordinate[node_id]
            # No neighbours on that side: stay where it is.
            keys[node_id] = (sum(placed) / len(placed) if placed else own, own)
        ids.sort(key=keys.__getitem__)
        coordinate.update(_centred(ids))
    return result


def order_lanes(role_map: RoleMap, rounds: int = MAX_ROUNDS) -> Order:
    """Node ids per lane, ordered to reduce crossings, starting from the current order."""
    edges = _edges(role_map)
    predecessors: dict[str, list[str]] = defaultdict(list)
    successors: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        predecessors[target].append(source)
        successors[source].append(target)
    order = current_order(role_map)
    best, best_crossings = order, count_crossings(order, edges)
    lanes = range(len(order))
    for _ in range(rounds):
        if best_crossings == 0:
            break
        order = _sweep(order, predecessors, list(lanes)[1:])
        order = _sweep(order, successors, list(reversed(lanes))[1:])
        crossings = count_crossings(order, edges)
        if crossings < best_crossings:
            best, best_crossings = order, crossings
        else:
            break
    return best


def place(order: Sequence[Sequence[str]]) -> dict[str, tuple[float, float]]:
    """Evenly spaced positions for lanes in `order`, each lane centred on the tallest."""
    pitch = geometry.NODE_HEIGHT + geometry.NODE_GAP
    tallest = max((len(ids) for ids in order), default=0)
    positions: dict[str, tuple[float, float]] = {}
    for kind, ids in zip(LANE_ORDER, order, strict=True):
        top = geometry.LANE_TOP + (tallest - len(ids)) * pitch / 2
        x = geometry.home_x(kind)
        for index, node_id in enumerate(ids):
            positions[node_id] = (x, top + index * pitch)
    return positions


def auto_layout(role_map: RoleMap) -> dict[str, tuple[float, float]]:
    """The laid-out position (top-left x, y) of every node: node id → (x, y)."""
    return place(order_lanes(role_map))
