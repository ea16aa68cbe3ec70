"""Where pasted and duplicated nodes go: free space in their own lanes, near a wanted height.

Plain Python over the domain's geometry: the clipboard's nodes keep their
kinds (so their lanes) and their order top to bottom, and each lands in the
free spot nearest where it is wanted, clear of the nodes already there and
of the copies placed before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rolemap.domain import geometry
from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap


def place_copies(role_map: RoleMap, nodes: Sequence[Node], top: float | None = None) -> list[Node]:
    """`nodes` moved into free space of their lanes in `role_map`, in the same order.

    Args:
        role_map: the map they are added to (its nodes stay where they are).
        nodes: the copies, at the positions they were copied from.
        top: where the topmost copy should go (the pointer's height); None: near
            where each was copied from, the nearest free spot, below before above.
    """
    if not nodes:
        return []
    taken: dict[NodeKind, list[float]] = {kind: [] for kind in NodeKind}
    for node in role_map.nodes.values():
        taken[node.kind].append(node.y)
    first = min(node.y for node in nodes)
    placed: dict[int, Node] = {}
    for index, node in sorted(enumerate(nodes), key=lambda pair: (pair[1].y, pair[1].x)):
        wanted = node.y if top is None else top + (node.y - first)
        x, y = geometry.free_slot(
            node.kind, taken[node.kind], near_y=max(geometry.LANE_TOP, wanted)
        )
        taken[node.kind].append(y)
        placed[index] = dataclasses.replace(node, x=x, y=y)
    return [placed[index] for index in range(len(nodes))]
