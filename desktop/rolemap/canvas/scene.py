"""MapScene: the document's current role drawn as lanes, boxes and curves.

The scene mirrors the document through an id → item map and never writes
the model: gestures become document intents, and items change only when the
document says a change was saved.

Signals:
    selection_ids_changed(list, list): selected node ids and link ids.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from rolemap.canvas.interactions import LinkDrag, MoveDrag
from rolemap.canvas.lane_item import LaneItem
from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.style import current_style
from rolemap.canvas.title_editor import TitleEditorItem
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry
from rolemap.domain.entities import Node
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.purpose import check_purpose


class MapScene(QGraphicsScene):
    """The current role's map as graphics items."""

    selection_ids_changed = Signal(list, list)

    def __init__(self, document: RoleDocument) -> None:
        super().__init__()
        self.document = document
        self.canvas_style = current_style()
        self.setBackgroundBrush(self.canvas_style.background)
        self.nodes: dict[str, NodeItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.lanes = {kind: LaneItem(kind, self.canvas_style) for kind in LANE_ORDER}
        for lane in self.lanes.values():
            self.addItem(lane)
        self._link_drag: LinkDrag | None = None
        self._move_drag: MoveDrag | None = None
        self._editor: TitleEditorItem | None = None
        self._refresh_pending = False
        document.role_switched.connect(self._on_document_role_switched)
        document.role_changed.connect(self._on_document_role_changed)
        document.node_added.connect(self._on_document_node_added)
        document.node_changed.connect(self._on_document_node_changed)
        document.node_removed.connect(self._on_document_node_removed)
        document.link_added.connect(self._on_document_link_added)
        document.link_changed.connect(self._on_document_link_changed)
        document.link_removed.connect(self._on_document_link_removed)
        self.selectionChanged.connect(self._on_selection_changed)
        if document.has_role:
            self.rebuild()

    # -- building -----------------------------------------------------------------

    def rebuild(self) -> None:
        """Drop every item and draw the current role afresh."""
        for item in [*self.nodes.values(), *self.links.values()]:
            self.removeItem(item)
        self.nodes.clear()
        self.links.clear()
        role_map = self.document.role_map
        for node in role_map.nodes.values():
            self._add_node_item(node)
        for link_id in role_map.links:
            self._add_link_item(link_id)
        self._refresh_overview()

    def _add_node_item(self, node: Node) -> NodeItem:
        item = NodeItem(node, self.canvas_style, self._category_colour(node))
        self.nodes[node.id] = item
        self.addItem(item)
        return item

    def _add_link_item(self, link_id: str) -> None:
        link = self.document.role_map.links[link_id]
        item = LinkItem(link_id, self.canvas_style)
        item.set_label(link.weight, link.confidence)
        self.links[link_id] = item
        self.addItem(item)
        self._route(item)

    def _route(self, item: LinkItem) -> None:
        link = self.document.role_map.links[item.link_id]
        item.set_ends(self.nodes[link.source].out_anchor(), self.nodes[link.target].in_anchor())

    def _category_colour(self, node: Node) -> str:
        if node.kind is not NodeKind.ACTIVITY:
            return "#8c8c8c"
        return self.document.role_map.role.category_colour(node.details.get("category", ""))

    # -- keeping lanes, flags and the scene rect current -----------------------------

    def _schedule_refresh(self) -> None:
        # Several signals arrive per edit (a delete removes links then a node):
        # one refresh after them is enough.
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_overview)

    def _refresh_overview(self) -> None:
        self._refresh_pending = False
        if not self.document.has_role:
            return
        role_map = self.document.role_map
        bottom = max((n.y + geometry.NODE_HEIGHT for n in role_map.nodes.values()), default=400)
        height = bottom + 120
        counts = {kind: 0 for kind in LANE_ORDER}
        for node in role_map.nodes.values():
            counts[node.kind] += 1
        show_inputs = counts[NodeKind.INPUT] > 0
        for kind, lane in self.lanes.items():
            lane.set_extent(height, counts[kind])
            lane.setVisible(kind is not NodeKind.INPUT or show_inputs)
        left = 0.0 if show_inputs else geometry.LANE_WIDTH
        self.setSceneRect(QRectF(left - 40, -20, 4 * geometry.LANE_WIDTH - left + 80, height + 60))
        flagged = check_purpose(role_map).flagged
        for node_id, item in self.nodes.items():
            item.set_flagged(node_id in flagged)

    # -- document signals -------------------------------------------------------------

    @Slot(str)
    def _on_document_role_switched(self, role_id: str) -> None:
        self.rebuild()

    @Slot(str)
    def _on_document_role_changed(self, role_id: str) -> None:
        for node_id, item in self.nodes.items():
            node = self.document.role_map.nodes[node_id]
            item.update_from(node, self._category_colour(node))

    @Slot(str)
    def _on_document_node_added(self, node_id: str) -> None:
        self._add_node_item(self.document.role_map.nodes[node_id])
        self._schedule_refresh()

    @Slot(str)
    def _on_document_node_changed(self, node_id: str) -> None:
        node = self.document.role_map.nodes[node_id]
        self.nodes[node_id].update_from(node, self._category_colour(node))
        self._schedule_refresh()

    @Slot(str)
    def _on_document_node_removed(self, node_id: str) -> None:
        item = self.nodes.pop(node_id)
        self.removeItem(item)
        self._schedule_refresh()

    @Slot(str)
    def _on_document_link_added(self, link_id: str) -> None:
        self._add_link_item(link_id)
        self._schedule_refresh()

    @Slot(str)
    def _on_document_link_changed(self, link_id: str) -> None:
        link = self.document.role_map.links[link_id]
        self.links[link_id].set_label(link.weight, link.confidence)
        self._route(self.links[link_id])

    @Slot(str)
    def _on_document_link_removed(self, link_id: str) -> None:
        self.removeItem(self.links.pop(link_id))
        self._schedule_refresh()

    @Slot()
    def _on_selection_changed(self) -> None:
        nodes, links = self.selected_ids()
        self.selection_ids_changed.emit(nodes, links)

    # -- called by items and gestures ---------------------------------------------------

    def node_item_moved(self, node_id: str) -> None:
        """A box moved (dragged, or synced to the model): its links follow."""
        for link in self.document.role_map.links_of(node_id):
            item = self.links.get(link.id)
            if item is not None and link.source in self.nodes and link.target in self.nodes:
                self._route(item)

    def sync_positions(self, node_ids: list[str]) -> None:
        """Put boxes back where the model says they are (after a refused or clamped move)."""
        for node_id in node_ids:
            node = self.document.role_map.nodes.get(node_id)
            if node is not None and node_id in self.nodes:
                self.nodes[node_id].setPos(node.x, node.y)

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
        """Select exactly these nodes."""
        self.clearSelection()
        for node_id in node_ids:
            if node_id in self.nodes:
                self.nodes[node_id].setSelected(True)

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
        """Open the in-place title editor on a node."""
        item = self.nodes.get(node_id)
        if item is None:
            return None
        if self._editor is not None:
            self._editor.clearFocus()
        self._editor = TitleEditorItem(item, self.canvas_style, self._on_title_edited)
        self.addItem(self._editor)
        self._editor.start()
        return self._editor

    def _on_title_edited(self, node_id: str, title: str | None) -> None:
        editor, self._editor = self._editor, None
        if editor is not None:
            # Hidden now so no further keys reach it; removed once its own event returns.
            editor.hide()
            editor.clearFocus()
            QTimer.singleShot(0, lambda: self.removeItem(editor) if editor.scene() else None)
        if title is not None and node_id in self.document.role_map.nodes:
            self.document.rename_node(node_id, title)

    # -- mouse ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            item = self.node_item_at(event.scenePos())
            if item is not None and item.on_port(item.mapFromScene(event.scenePos())):
                self._link_drag = LinkDrag(self, item)
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            moving = [i for i in self.selectedItems() if isinstance(i, NodeItem)]
            self._move_drag = MoveDrag(moving) if moving else None

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_drag is not None:
            self._link_drag.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._link_drag is not None:
            link_drag, self._link_drag = self._link_drag, None
            link_drag.release(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self._move_drag is not None:
            move_drag, self._move_drag = self._move_drag, None
            move_drag.finish(self)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        item = self.node_item_at(event.scenePos())
        if item is not None:
            self.edit_title(item.node_id)
        elif not any(isinstance(i, LinkItem) for i in self.items(event.scenePos())):
            node_id = self.add_node_at(event.scenePos())
            if node_id is not None:
                self.edit_title(node_id)
        event.accept()
