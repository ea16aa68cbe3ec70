"""Where lanes and nodes sit on the map, in scene units (1 unit = 1 px at 100 %).

Shared by the canvas, the auto-layout and the one-page renderer, so all three
agree on what "in its lane" means. A node's (x, y) is its top-left corner.
Nudging (the arrow keys) is placed here too, so that it keeps to the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap

LANE_WIDTH = 320.0
NODE_WIDTH = 224.0
NODE_HEIGHT = 64.0
NODE_GAP = 24.0
LANE_TOP = 64.0  # below the lane header
LANE_MARGIN = (LANE_WIDTH - NODE_WIDTH) / 2
NUDGE_GAP = 8.0  # a nudged node stops this far short of a neighbour


def lane_left(kind: NodeKind) -> float:
    """The left edge of `kind`'s lane."""
    return kind.lane * LANE_WIDTH


def lane_of_x(x: float) -> int:
    """The lane index under a scene x coordinate (clamped to 0–3)."""
    return max(0, min(3, int(x // LANE_WIDTH)))


def clamp_to_lane(kind: NodeKind, x: float, y: float) -> tuple[float, float]:
    """A node position moved, if needed, so the node stays inside its lane and below the header."""
    left = lane_left(kind) + 8.0
    right = lane_left(kind) + LANE_WIDTH - NODE_WIDTH - 8.0
    return min(max(x, left), right), max(y, LANE_TOP)


def home_x(kind: NodeKind) -> float:
    """The centred x of a node in `kind`'s lane."""
    return lane_left(kind) + LANE_MARGIN


def free_slot(
    kind: NodeKind, taken_ys: list[float], near_y: float | None = None
) -> tuple[float, float]:
    """A spot in `kind`'s lane that overlaps no node at `taken_ys` (their top edges).

    With `near_y`, the free spot closest to it; otherwise the first one below the others.
    """
    pitch = NODE_HEIGHT + NODE_GAP
    occupied = sorted(taken_ys)

    def free(y: float) -> bool:
        return all(abs(y - other) >= pitch - 0.5 for other in occupied)

    if near_y is None:
        y = LANE_TOP if not occupied else max(occupied) + pitch
        return home_x(kind), y
    start = max(LANE_TOP, near_y)
    for step in range(0, 10_000):
        for candidate in (start + step * pitch / 4, start - step * pitch / 4):
            if candidate >= LANE_TOP and free(candidate):
                return home_x(kind), candidate
    return home_x(kind), max(occupied, default=LANE_TOP) + pitch


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two node boxes with top-left corners `a` and `b` overlap (touching is fine)."""
    return abs(a[0] - b[0]) < NODE_WIDTH and abs(a[1] - b[1]) < NODE_HEIGHT


def nudge(
    role_map: RoleMap, node_ids: Iterable[str], dx: float, dy: float
) -> dict[str, tuple[float, float]]:
    """Where the nodes `node_ids` go when nudged together by (dx, dy); only those that move.

    The nodes move as one block, never out of their lanes, and stop at what
    is in the way: a lane's edge or top, or another node, short of which they
    stay NUDGE_GAP apart, so a nudge never leaves a box on top of another.
    (Leaping over a neighbour instead would send a box to the far end of a
    packed lane; reordering is what dragging and auto-layout are for.)
    Boxes that already overlapped before the nudge are left as they are.
    """
    moving = [role_map.nodes[i] for i in dict.fromkeys(node_ids) if i in role_map.nodes]
    ids = {n.id for n in moving}
    step_x, step_y = dx, dy
    for m in moving:
        left = lane_left(m.kind) + 8.0
        right = lane_left(m.kind) + LANE_WIDTH - NODE_WIDTH - 8.0
        step_x = _towards(step_x, left - m.x, right - m.x)
        step_y = _towards(step_y, LANE_TOP - m.y, float("inf"))
        for s in role_map.nodes.values():
            if s.id in ids or s.kind is not m.kind or overlap((m.x, m.y), (s.x, s.y)):
                continue
            if abs(s.x - m.x) < NODE_WIDTH and step_y > 0 and s.y > m.y:
                step_y = _towards(step_y, -float("inf"), s.y - NODE_HEIGHT - NUDGE_GAP - m.y)
            elif abs(s.x - m.x) < NODE_WIDTH and step_y < 0 and s.y < m.y:
                step_y = _towards(step_y, s.y + NODE_HEIGHT + NUDGE_GAP - m.y, float("inf"))
    if (step_x, step_y) == (0, 0):
        return {}
    return {m.id: (m.x + step_x, m.y + step_y) for m in moving}


def _towards(step: float, low: float, high: float) -> float:
    """`step` kept within low–high, but never turned round: a blocked step is 0."""
    if step > 0:
        return max(0.0, min(step, high))
    if step < 0:
        return min(0.0, max(step, low))
    return 0.0
