"""MapScene: the map made editable: selection, gestures, title editing, adding in place.

It draws what MapMirror draws and writes nothing itself: gestures become
document intents (`connect_nodes`, `move_nodes`, …), and the items change only
when the document says a change was saved. One gesture is in progress at a
time; Escape, or the map losing focus, cancels it without an edit.

Signals:
    selection_ids_changed(list, list): selected node ids and link ids.
    overview_changed(): anything the overview picture shows changed (MapMirror).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTransform
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from rolemap.canvas.interactions import Gesture, LinkDrag, MoveDrag
from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.map_mirror import DIMMED, MapMirror
from rolemap.canvas.node_item import NodeItem
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry
from rolemap.domain.kinds import LANE_ORDER, NodeKind

if TYPE_CHECKING:
    from rolemap.canvas.title_editor import TitleEditing, TitleEditorItem

__all__ = ["DIMMED", "READ_ONLY_REFUSAL", "MapScene"]

READ_ONLY_REFUSAL = "The map cannot be changed: this database is read-only."


class MapScene(MapMirror):
    """The current role's map as graphics items, editable with the mouse and keys."""

    selection_ids_changed = Signal(list, list)

    def __init__(self, document: RoleDocument) -> None:
        self._gesture: Gesture | None = None  # before the first build, which ends any
        self._selected_links: set[str] = set()
        super().__init__(document)
        self.grid = 0.0  # snap moves to this many scene units (0: off)
        self._titles: TitleEditing | None = None  # made at the first edit: ~1 ms of the start
        self.selectionChanged.connect(self._on_selection_changed)

    def rebuild(self) -> None:
        self.cancel_gesture()  # another role: what a drag held is gone
        super().rebuild()

    @Slot(str)
    def _on_document_node_removed(self, node_id: str) -> None:
        self.cancel_gesture()  # an undo mid-drag may take the box it holds
        super()._on_document_node_removed(node_id)

    # -- selection ----------------------------------------------------------------------

    @Slot()
    def _on_selection_changed(self) -> None:
        nodes, links = self.selected_ids()
        for link_id in self._selected_links.symmetric_difference(links):
            if link_id in self.links:
                self.links[link_id].restyle()
        self._selected_links = set(links)
        self.selection_ids_changed.emit(nodes, links)
        self.document.analysis.follow(nodes[0] if len(nodes) == 1 and not links else None)
        self._bump_overview()

    def node_item_at(self, scene_pos: QPointF) -> NodeItem | None:
        """The box under a scene point, if any."""
        for item in self.items(scene_pos, deviceTransform=QTransform()):
            if isinstance(item, NodeItem):
                return item
        return None

    def selected_ids(self) -> tuple[list[str], list[str]]:
        """Ids of the selected nodes and links."""
        nodes, links = [], []
        for item in self.selectedItems():
            if isinstance(item, NodeItem):
                nodes.append(item.node_id)
            elif isinstance(item, LinkItem):
                links.append(item.link_id)
        return nodes, links

    def select_only(self, node_ids: list[str]) -> None:
        """Select exactly these nodes (one selection_ids_changed, however many)."""
        self.blockSignals(True)
        try:
            self.clearSelection()
            for node_id in node_ids:
                if node_id in self.nodes:
                    self.nodes[node_id].setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def select_all(self) -> None:
        """Select every node."""
        self.select_only(list(self.nodes))

    def kind_at(self, scene_pos: QPointF) -> NodeKind:
        """The kind whose lane is under a scene point."""
        return LANE_ORDER[geometry.lane_of_x(scene_pos.x())]

    def add_node_at(self, scene_pos: QPointF, kind: NodeKind | None = None) -> str | None:
        """Add a node in the lane under `scene_pos` (or of `kind`), near that height."""
        kind = kind or self.kind_at(scene_pos)
        node_id = self.document.add_node(
            kind, x=None, y=max(geometry.LANE_TOP, scene_pos.y() - geometry.NODE_HEIGHT / 2)
        )
        if node_id is not None:
            self.select_only([node_id])
        return node_id

    def edit_title(self, node_id: str) -> TitleEditorItem | None:
        """Open the in-place title editor on a node (refused on a read-only database)."""
        if not self.editable:
            self.document.refuse(READ_ONLY_REFUSAL)
            return None
        if self._titles is None:
            from rolemap.canvas.title_editor import TitleEditing

            self._titles = TitleEditing(self, self.document, self.nodes)
        return self._titles.open(node_id, self.canvas_style)

    @property
    def title_editor(self) -> TitleEditorItem | None:
        """The in-place title editor open now, if any."""
        return None if self._titles is None else self._titles.editor

    @property
    def _editor(self) -> TitleEditorItem | None:
        # Old name, still read by tests/gui/test_data_safety.py: use `title_editor`.
        return self.title_editor

    # -- gestures: mouse, Escape, focus ---------------------------------------------------

    def cancel_gesture(self) -> bool:
        """Abandon the drag in progress, if any: nothing is saved. True if there was one."""
        gesture, self._gesture = self._gesture, None
        if gesture is None:
            return False
        gesture.cancel()
        return True

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.cancel_gesture()  # a second button during a drag ends it
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.node_item_at(event.scenePos())
            if item is not None and item.on_port(item.mapFromScene(event.scenePos())):
                self._gesture = LinkDrag(self, item)
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            moving = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
            self._gesture = MoveDrag(self, moving) if moving else None

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._gesture is not None and self._gesture.owns_mouse:
            self._gesture.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is not None and gesture.owns_mouse:
            gesture.release(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if gesture is not None:
            gesture.release(event.scenePos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.cancel_gesture():
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowDeactivate:
            self.cancel_gesture()  # another window came forward mid-drag
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Alt+Tab, a dialog or a click elsewhere mid-drag: the release may
        # never come here, and a drop nobody saw must not become an edit.
        self.cancel_gesture()
        super().focusOutEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        item = self.node_item_at(event.scenePos())
        if not self.editable:
            self.document.refuse(READ_ONLY_REFUSAL)  # neither a new box nor a title editor
        elif item is not None:
            self.edit_title(item.node_id)
        elif not any(isinstance(i, LinkItem) for i in self.items(event.scenePos())):
            node_id = self.add_node_at(event.scenePos())
            if node_id is not None:
                self.edit_title(node_id)
        event.accept()
