"""LinkRoutes: which curves hang on which box, and routing them again when boxes move.

The scene owns one. A box moved on its own (a drag) re-routes its links at
once, so they follow the pointer; a change the document makes to many boxes
at a time (auto-layout) only marks their links, routed once afterwards. A
link that skips a lane (activity → outcome) runs through the gaps between
the Outputs' boxes (`domain.link_route`), so when those boxes change, every
such link is routed again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.node_item import NodeItem
from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind
from rolemap.domain.link_route import Corridor, skipped_lane
from rolemap.domain.role_map import RoleMap

CLEARANCE = geometry.NODE_GAP / 2  # a link through a lane keeps this far from its boxes


class LinkRoutes:
    """The routes of a scene's link items, kept in step with its node items."""

    def __init__(self, nodes: dict[str, NodeItem], links: dict[str, LinkItem]) -> None:
        self._nodes = nodes
        self._links = links
        self._by_node: dict[str, set[str]] = {}
        self._ends: dict[str, tuple[str, str]] = {}
        self._dirty: set[str] = set()
        self._skipping: set[str] = set()  # links that run through the Outputs
        self._corridor: Corridor | None = None
        self._deferring = False

    def clear(self) -> None:
        """Forget every link (the scene is about to be built afresh)."""
        for store in (self._by_node, self._ends):
            store.clear()
        self._dirty.clear()
        self._skipping.clear()
        self._corridor = None

    def start(self) -> None:
        """Note where the Outputs' boxes are, before links are added to a fresh scene."""
        self._corridor = self._outputs_corridor()

    def add(self, link_id: str, role_map: RoleMap) -> None:
        """Route a new link item and note which boxes it hangs on."""
        link = role_map.links[link_id]
        self._ends[link_id] = (link.source, link.target)
        self._by_node.setdefault(link.source, set()).add(link_id)
        self._by_node.setdefault(link.target, set()).add(link_id)
        if skipped_lane(self._nodes[link.source].kind, self._nodes[link.target].kind):
            self._skipping.add(link_id)  # the lane rule lets only the Outputs be skipped
        self.route(link_id)

    def remove(self, link_id: str) -> None:
        """Forget a removed link."""
        source, target = self._ends.pop(link_id, ("", ""))
        for node_id in (source, target):
            self._by_node.get(node_id, set()).discard(link_id)
        self._skipping.discard(link_id)
        self._dirty.discard(link_id)

    def forget_node(self, node_id: str) -> None:
        """Forget a removed box (its links are removed first)."""
        self._by_node.pop(node_id, None)

    def route(self, link_id: str) -> None:
        """Draw a link's curve between its boxes as they are now."""
        item = self._links.get(link_id)
        source, target = self._ends.get(link_id, ("", ""))
        if item is None or source not in self._nodes or target not in self._nodes:
            return
        corridor = self._corridor if link_id in self._skipping else None
        item.set_ends(self._nodes[source].out_anchor(), self._nodes[target].in_anchor(), corridor)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Inside, moved boxes only mark their links; `refresh` routes them once."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False

    def node_moved(self, node_id: str) -> None:
        """A box moved: its links follow (now, or at the next refresh when deferred)."""
        link_ids = self._by_node.get(node_id, ())
        if self._deferring:
            self._dirty.update(link_ids)
            return
        for link_id in link_ids:
            self.route(link_id)

    def pending(self) -> int:
        """How many links the next refresh routes (the Outputs' boxes taken into account)."""
        corridor = self._outputs_corridor()
        if corridor != self._corridor:
            self._corridor = corridor
            self._dirty |= self._skipping
        return len(self._dirty)

    def refresh(self) -> None:
        """Route every marked link."""
        self.pending()
        for link_id in self._dirty:
            self.route(link_id)
        self._dirty.clear()

    def _outputs_corridor(self) -> Corridor | None:
        boxes = (
            (item.pos().x(), item.pos().y(), geometry.NODE_WIDTH, geometry.NODE_HEIGHT)
            for item in self._nodes.values()
            if item.kind is NodeKind.OUTPUT
        )
        return Corridor.of(boxes, CLEARANCE)
