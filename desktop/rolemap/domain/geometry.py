"""Where lanes and nodes sit on the map, in scene units (1 unit = 1 px at 100 %).

Shared by the canvas, the auto-layout and the one-page renderer, so all three
agree on what "in its lane" means. A node's (x, y) is its top-left corner.
"""

from __future__ import annotations

from rolemap.domain.kinds import NodeKind

LANE_WIDTH = 320.0
NODE_WIDTH = 224.0
NODE_HEIGHT = 64.0
NODE_GAP = 24.0
LANE_TOP = 64.0  # below the lane header
LANE_MARGIN = (LANE_WIDTH - NODE_WIDTH) / 2


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
