"""Mouse gestures on the map: one small class each, held one at a time by the scene.

- LinkDrag: press on a node's port, drag to another node, release: one link.
- MoveDrag: Qt moves the selected boxes; on release, one move command.

The scene keeps the gesture in progress in a single slot. Any gesture can be
cancelled before its release (Escape, the window or the map losing focus):
nothing is saved, and whatever it moved goes back to where the model has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from rolemap.canvas.link_item import LinkPreviewItem
from rolemap.canvas.node_item import NodeItem

if TYPE_CHECKING:
    from rolemap.canvas.scene import MapScene


class Gesture:
    """A gesture in progress, from a mouse press to its release or cancel.

    `owns_mouse`: the scene hands the gesture every move and the release
    instead of Qt's own item handling (else Qt's handling runs first).
    """

    owns_mouse = False

    def move(self, scene_pos: QPointF) -> None:
        """The pointer moved (only called when the gesture owns the mouse)."""

    def release(self, scene_pos: QPointF) -> None:
        """The button was released: finish, asking the document for the edit."""

    def cancel(self) -> None:
        """Abandon the gesture: no edit, and the picture as it was."""


class LinkDrag(Gesture):
    """Drawing a link from `source` to whatever node the pointer is released on."""

    owns_mouse = True

    def __init__(self, scene: MapScene, source: NodeItem) -> None:
        self._scene = scene
        self._source = source
        self._preview = LinkPreviewItem(scene.canvas_style)
        scene.addItem(self._preview)
        self._preview.set_ends(source.out_anchor(), source.out_anchor())

    def move(self, scene_pos: QPointF) -> None:
        self._preview.set_ends(self._source.out_anchor(), scene_pos)

    def release(self, scene_pos: QPointF) -> None:
        """Ask the document for the link; it refuses with a message if the rule says no."""
        self.cancel()
        target = self._scene.node_item_at(scene_pos)
        if target is not None and target is not self._source:
            self._scene.document.connect_nodes(self._source.node_id, target.node_id)

    def cancel(self) -> None:
        if self._preview.scene() is not None:
            self._scene.removeItem(self._preview)


class MoveDrag(Gesture):
    """Remembers where the selected boxes started, to push one move on release."""

    def __init__(self, scene: MapScene, items: list[NodeItem]) -> None:
        self._scene = scene
        self._start = {item.node_id: item.pos() for item in items}
        self._items = items

    def release(self, scene_pos: QPointF) -> None:
        """Push one move command for the boxes that moved, then snap to the model."""
        moved = {
            item.node_id: (item.pos().x(), item.pos().y())
            for item in self._items
            if item.pos() != self._start[item.node_id]
        }
        if moved:
            self._scene.document.move_nodes(moved)
            self._scene.sync_positions(list(moved))

    def cancel(self) -> None:
        """Stop Qt's move (it holds the mouse) and put the boxes back."""
        grabber = self._scene.mouseGrabberItem()
        if grabber is not None:
            grabber.ungrabMouse()
        self._scene.sync_positions(list(self._start))
