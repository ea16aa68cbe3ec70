"""Moving the selection with the keyboard: reading order and the neighbour in each direction.

Plain Python over the role map, so the rules read (and are tested) without a
window:

- Reading order: lane by lane, left to right; in a lane, top to bottom.
- Up and Down: the nearest node above or below in the same lane.
- Right and Left: along the node's links (to what it leads to, or from what
  feeds it), the one nearest in height; a node with no links that way goes
  to the nearest node in the next lane that has any.
"""

from __future__ import annotations

from enum import Enum

from rolemap.domain.entities import Node
from rolemap.domain.kinds import LANE_ORDER
from rolemap.domain.role_map import RoleMap


class Step(Enum):
    """A direction the selection can move in."""

    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"

    @property
    def back(self) -> Step:
        """The direction that undoes this step."""
        return {
            Step.UP: Step.DOWN,
            Step.DOWN: Step.UP,
            Step.LEFT: Step.RIGHT,
            Step.RIGHT: Step.LEFT,
        }[self]


def reading_order(role_map: RoleMap) -> list[str]:
    """Every node id, lane by lane (left to right), top to bottom in a lane."""
    return [n.id for n in sorted(role_map.nodes.values(), key=_reading_key)]


def neighbour(role_map: RoleMap, node_id: str, step: Step) -> str | None:
    """The node the selection moves to from `node_id` in direction `step`, if any."""
    nodes = role_map.nodes
    here = nodes.get(node_id)
    if here is None:
        return None
    if step in (Step.UP, Step.DOWN):
        lane = [n for n in role_map.nodes_of(here.kind) if n.id != here.id]
        if step is Step.UP:
            above = [n for n in lane if _reading_key(n) < _reading_key(here)]
            return max(above, key=_reading_key).id if above else None
        below = [n for n in lane if _reading_key(n) > _reading_key(here)]
        return min(below, key=_reading_key).id if below else None
    if step is Step.RIGHT:
        linked = [nodes[link.target] for link in role_map.links.values() if link.source == here.id]
    else:
        linked = [nodes[link.source] for link in role_map.links.values() if link.target == here.id]
    linked = [n for n in linked if n.id in nodes]
    if linked:
        return _nearest(linked, here).id
    return _nearest_in_next_lane(role_map, here, 1 if step is Step.RIGHT else -1)


def cycle(role_map: RoleMap, node_id: str | None, forward: bool) -> str | None:
    """The next (or previous) node in reading order after `node_id`, wrapping round."""
    order = reading_order(role_map)
    if not order:
        return None
    if node_id not in order:
        return order[0] if forward else order[-1]
    index = order.index(node_id) + (1 if forward else -1)
    return order[index % len(order)]


def _nearest_in_next_lane(role_map: RoleMap, here: Node, way: int) -> str | None:
    lane = here.kind.lane + way
    while 0 <= lane < len(LANE_ORDER):
        candidates = role_map.nodes_of(LANE_ORDER[lane])
        if candidates:
            return _nearest(candidates, here).id
        lane += way
    return None


def _nearest(candidates: list[Node], here: Node) -> Node:
    return min(candidates, key=lambda n: (abs(n.y - here.y), n.y, n.x, n.title.casefold()))


def _reading_key(node: Node) -> tuple[int, float, float, str]:
    # Boxes in a lane are at most a few units apart sideways: height decides.
    return (node.kind.lane, round(node.y, 3), round(node.x, 3), node.id)


__all__ = ["Step", "cycle", "neighbour", "reading_order"]
