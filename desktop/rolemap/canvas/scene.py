"""MapScene: the document's current role drawn as lanes, boxes and curves.

The scene mirrors the document through an id → item map and never writes
the model: gestures become document intents, and items change only when the
document says a change was saved.

Far out on a large map the view paints the cached MapOverview picture
instead of visiting thousands of items (overview mode).

Signals:
    selection_ids_changed(list, list): selected node ids and link ids.
    purpose_changed(object): the purpose check's PurposeReport after a change.
    trace_changed(object): the Trace of the one selected node, or None.
    overview_changed(): anything the overview picture shows changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from rolemap.canvas.interactions import LinkDrag, MoveDrag
from rolemap.canvas.lane_item import LaneItem
from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.outcome_progress import outcome_progress
from rolemap.canvas.overview import MapOverview
from rolemap.canvas.style import current_style
from rolemap.canvas.title_editor import TitleEditorItem
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry
from rolemap.domain.entities import Node
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.paths import Trace, trace
from rolemap.domain.purpose import PurposeReport, check_purpose

DIMMED = 0.22  # opacity of what is not on the traced lines of sight


class MapScene(QGraphicsScene):
    """The current role's map as graphics items."""

    selection_ids_changed = Signal(list, list)
    purpose_changed = Signal(object)
    trace_changed = Signal(object)
    overview_changed = Signal()

    def __init__(self, document: RoleDocument) -> None:
        super().__init__()
        self.document = document
        self.canvas_style = current_style()
        self.setBackgroundBrush(self.canvas_style.background)
        self.nodes: dict[str, NodeItem] = {}
        self.links: dict[str, LinkItem] = {}
        self._selected_links: set[str] = set()
        self.lanes = {kind: LaneItem(kind, self.canvas_style) for kind in LANE_ORDER}
        for lane in self.lanes.values():
            self.addItem(lane)
        self._link_drag: LinkDrag | None = None
        self._move_drag: MoveDrag | None = None
        self._editor: TitleEditorItem | None = None
        self._refresh_pending = False
        self.grid = 0.0  # snap moves to this many scene units (0: off)
        self.trace: Trace | None = None
        self.purpose = PurposeReport((), (), ())
        self.overview = MapOverview(self)
        self.overview_version = 0
        self.overview_mode = False
        self._links_by_node: dict[str, set[str]] = {}
        self._dirty_links: set[str] = set()
        self._deferring = False
        self._style_pending = False
        document.records_changed.connect(self._on_document_records_changed)
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
        self._links_by_node.clear()
        self._dirty_links.clear()
        self.trace = None
        role_map = self.document.role_map
        for node in role_map.nodes.values():
            self._add_node_item(node)
        for link_id in role_map.links:
            self._add_link_item(link_id)
        self._refresh_overview()
        self._refresh_progress()
        self.trace_changed.emit(None)

    def _add_node_item(self, node: Node) -> NodeItem:
        item = NodeItem(node, self.canvas_style, self._category_colour(node))
        self.nodes[node.id] = item
        self._links_by_node.setdefault(node.id, set())
        self.addItem(item)
        return item

    def _add_link_item(self, link_id: str) -> None:
        link = self.document.role_map.links[link_id]
        item = LinkItem(link_id, self.canvas_style)
        item.set_label(link.weight, link.confidence)
        self.links[link_id] = item
        self._links_by_node.setdefault(link.source, set()).add(link_id)
        self._links_by_node.setdefault(link.target, set()).add(link_id)
        self._route(item)
        self.addItem(item)

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
        if len(self._dirty_links) > 64:
            # One full update up front: otherwise each moved curve adds its own
            # rectangle to every view's dirty region, which grows quadratically.
            self.update()
            # And a fresh index: taking a long curve out of the BSP tree one by one
            # searches every leaf it spans; a reset drops them all at once and the
            # tree is rebuilt on the next paint.
            rect = self.sceneRect()
            self.setSceneRect(rect.adjusted(0, 0, 0, 1))
            self.setSceneRect(rect)
        for link_id in self._dirty_links:
            if link_id in self.links:
                self._route(self.links[link_id])
        self._dirty_links.clear()
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
        self.purpose = check_purpose(role_map)
        findings = {
            **dict.fromkeys(self.purpose.unanchored, "unanchored"),
            **dict.fromkeys(self.purpose.unaimed, "unaimed"),
            **dict.fromkeys(self.purpose.unsupported, "unsupported"),
        }
        for node_id, item in self.nodes.items():
            item.set_finding(findings.get(node_id))
        if self.trace is not None and self.trace.node_id in role_map.nodes:
            self._apply_trace(trace(role_map, self.trace.node_id))
        elif self.trace is not None:
            self._apply_trace(None)
        self.purpose_changed.emit(self.purpose)
        self._bump_overview()

    def _bump_overview(self) -> None:
        self.overview_version += 1
        self.overview_changed.emit()
        if self.overview_mode:
            self.update()

    def _refresh_progress(self) -> None:
        progress = outcome_progress(self.document)
        for node_id, item in self.nodes.items():
            if item.kind is NodeKind.OUTCOME:
                item.set_progress(progress.get(node_id))

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
        # Links follow once, after the whole change (an auto-layout moves thousands).
        self._deferring = True
        try:
            self.nodes[node_id].update_from(node, self._category_colour(node))
        finally:
            self._deferring = False
        self._schedule_refresh()

    @Slot(str)
    def _on_document_node_removed(self, node_id: str) -> None:
        item = self.nodes.pop(node_id)
        self._links_by_node.pop(node_id, None)
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
        for ids in self._links_by_node.values():
            ids.discard(link_id)
        self._schedule_refresh()

    @Slot(str)
    def _on_document_records_changed(self, what: str) -> None:
        if what in ("checkins", "all") and self.document.has_role:
            self._refresh_progress()

    @Slot()
    def _on_selection_changed(self) -> None:
        nodes, links = self.selected_ids()
        for link_id in self._selected_links.symmetric_difference(links):
            if link_id in self.links:
                self.links[link_id].restyle()
        self._selected_links = set(links)
        self.selection_ids_changed.emit(nodes, links)
        if len(nodes) == 1 and not links:
            self._apply_trace(trace(self.document.role_map, nodes[0]))
        elif self.trace is not None:
            self._apply_trace(None)
        self._bump_overview()

    # -- trace, overview mode, palette --------------------------------------------------

    def _apply_trace(self, found: Trace | None) -> None:
        """Highlight the lines of sight of `found` and dim the rest (None: undim)."""
        previous, self.trace = self.trace, found
        if found is None and previous is None:
            return
        for node_id, node_item in self.nodes.items():
            node_item.setOpacity(1.0 if found is None or node_id in found.nodes else DIMMED)
        for link_id, link_item in self.links.items():
            on_trace = found is not None and link_id in found.links
            link_item.setOpacity(1.0 if found is None or on_trace else DIMMED)
            link_item.set_highlighted(on_trace)
        self.trace_changed.emit(found)

    def set_overview_mode(self, on: bool) -> None:
        """Far out: the view paints the cached picture instead of the items."""
        if on != self.overview_mode:
            self.overview_mode = on
            self._bump_overview()

    def apply_style(self) -> None:
        """Rebuild colours and fonts from the application palette (light or dark)."""
        self._style_pending = False
        self.canvas_style = current_style()
        self.setBackgroundBrush(self.canvas_style.background)
        for lane in self.lanes.values():
            lane.set_style(self.canvas_style)
        for node_item in self.nodes.values():
            node_item.set_style(self.canvas_style)
        for link_item in self.links.values():
            link_item.set_style(self.canvas_style)
        self._bump_overview()

    def event(self, event: QEvent) -> bool:
        palette_events = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange)
        if event.type() in palette_events and not self._style_pending:
            self._style_pending = True
            QTimer.singleShot(0, self.apply_style)
        return super().event(event)

    # -- called by items and gestures ---------------------------------------------------

    def node_item_moved(self, node_id: str) -> None:
        """A box moved (dragged, or synced to the model): its links follow."""
        link_ids = self._links_by_node.get(node_id, ())
        if self._deferring:
            self._dirty_links.update(link_ids)
            return
        links = self.document.role_map.links
        for link_id in link_ids:
            item = self.links.get(link_id)
            link = links.get(link_id)
            if item is not None and link is not None and link.target in self.nodes:
                self._route(item)
        if self.overview_mode:
            self._bump_overview()

    def sync_positions(self, node_ids: list[str]) -> None:
        """Put boxes back where the model says they are (after a refused or clamped move)."""
        for node_id in node_ids:
            node = self.document.role_map.nodes.get(node_id)
            if node is not None and node_id in self.nodes:
                self.nodes[node_id].place(node.x, node.y)

    def ensure_link_lines(self, rect: QRectF) -> None:
        """Make the drawn lines of the links in `rect` (see LinkItem)."""
        for item in self.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, LinkItem):
                item.ensure_line()

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
        if (
            title is not None
            and node_id in self.document.role_map.nodes
            and not self.document.rename_node(node_id, title)
            and title
        ):
            # Not saved (full disk, read-only file): keep the typed title open to retry.
            reopened = self.edit_title(node_id)
            if reopened is not None:
                reopened.setPlainText(title)
                reopened.start()

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
