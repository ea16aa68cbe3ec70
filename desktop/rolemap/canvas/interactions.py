"""Mouse gestures on the map, one small class each.

- LinkDrag: press on a node's port, drag to another node, release: one link.
- MoveDrag: Qt moves the selected boxes; on release, one move command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from rolemap.canvas.link_item import LinkPreviewItem
from rolemap.canvas.node_item import NodeItem

if TYPE_CHECKING:
    from rolemap.canvas.scene import MapScene


class LinkDrag:
    """Drawing a link from `source` to whatever node the pointer is released on."""

    def __init__(self, scene: MapScene, source: NodeItem) -> None:
        self._scene = scene
        self._source = source
        self._preview = LinkPreviewItem(scene.canvas_style)
        scene.addItem(self._preview)
        self._preview.set_ends(source.out_anchor(), source.out_anchor())

    def move(self, scene_pos: QPointF) -> None:
        """Follow the pointer."""
        self._preview.set_ends(self._source.out_anchor(), scene_pos)

    def release(self, scene_pos: QPointF) -> None:
        """Ask the document for the link; it refuses with a message if the rule says no."""
        self._scene.removeItem(self._preview)
        target = self._scene.node_item_at(scene_pos)
        if target is not None and target is not self._source:
            self._scene.document.connect_nodes(self._source.node_id, target.node_id)


class MoveDrag:
    """Remembers where the selected boxes started, to push one move on release."""

    def __init__(self, items: list[NodeItem]) -> None:
        self._start = {item.node_id: item.pos() for item in items}
        self._items = items

    def finish(self, scene: MapScene) -> None:
        """Push one move command for the boxes that moved, then snap to the model."""
        moved = {
            item.node_id: (item.pos().x(), item.pos().y())
            for item in self._items
            if item.pos() != self._start[item.node_id]
        }
        if moved:
            scene.document.move_nodes(moved)
            scene.sync_positions(list(moved))
