"""MapMirror: the document's current role drawn as lanes, boxes and curves, kept in step.

The mirror follows the document through an id → item map and never writes
the model: items change only when the document says a change was saved. The
purpose check's badges and the trace's dimming come from the document's
analysis; the mirror only shows them. MapScene builds the editing on top.

Far out on a large map the view paints the cached MapOverview picture
instead of visiting thousands of items (overview mode). An empty role shows
a hint across the lanes: how to add the first nodes, and how to link them.

Signals:
    overview_changed(): anything the overview picture shows changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem

from rolemap.canvas.lanes import Lanes
from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.link_routes import LinkRoutes
from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.outcome_progress import standing
from rolemap.canvas.overview import MapOverview
from rolemap.canvas.style import current_style
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry
from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.paths import Trace
from rolemap.domain.purpose import PurposeReport
from rolemap.domain.tracking import CheckIn, RecordKind

DIMMED = 0.22  # opacity of what is not on the traced lines of sight
EMPTY_HINT = (
    "This role is empty.\n\n"
    "Add an activity with Ctrl+2, an output with Ctrl+3,\n"
    "an outcome with Ctrl+4 (an input: Ctrl+1),\n"
    "or double-click a lane and type a title.\n\n"
    "Then link them: drag from a node's ⊕ to another node,\n"
    "or select one and press Ctrl+K (Link to…)."
)


class MapMirror(QGraphicsScene):
    """The current role's map as graphics items."""

    overview_changed = Signal()

    def __init__(self, document: RoleDocument) -> None:
        super().__init__()
        self.document = document
        # A database nobody here may write (Store.read_only): boxes stay put, no link ports.
        self.editable = not getattr(document.store, "read_only", False)
        self.canvas_style = current_style()
        self.setBackgroundBrush(self.canvas_style.background)
        self.nodes: dict[str, NodeItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.lanes = Lanes(self, self.canvas_style)
        self._empty_hint: QGraphicsSimpleTextItem | None = None  # made when first shown
        self.routes = LinkRoutes(self.nodes, self.links)
        self._refresh_pending = False
        self._latest: dict[str, CheckIn] = {}  # each outcome's latest check-in
        self._traced: Trace | None = None
        self.overview = MapOverview(self)
        self.overview_version = 0
        self.overview_mode = False
        self._style_pending = False
        analysis = document.analysis
        analysis.purpose_changed.connect(self._on_analysis_purpose_changed)
        analysis.trace_changed.connect(self._on_analysis_trace_changed)
        document.records_changed.connect(self._on_document_records_changed)
        document.role_switched.connect(self._on_document_role_switched)
        document.role_changed.connect(self._on_document_role_changed)
        document.node_added.connect(self._on_document_node_added)
        document.node_changed.connect(self._on_document_node_changed)
        document.node_removed.connect(self._on_document_node_removed)
        document.link_added.connect(self._on_document_link_added)
        document.link_changed.connect(self._on_document_link_changed)
        document.link_removed.connect(self._on_document_link_removed)
        if document.has_role:
            self.rebuild()

    # -- building -----------------------------------------------------------------

    def rebuild(self) -> None:
        """Drop every item and draw the current role afresh."""
        for item in [*self.nodes.values(), *self.links.values()]:
            self.removeItem(item)
        self.nodes.clear()
        self.links.clear()
        self.routes.clear()
        self._traced = None
        role_map = self.document.role_map
        for node in role_map.nodes.values():
            self._add_node_item(node)
        self.routes.start()
        for link_id in role_map.links:
            self._add_link_item(link_id)
        self._refresh()
        self._refresh_progress()
        self._on_analysis_purpose_changed(self.document.analysis.purpose)
        self._on_analysis_trace_changed(self.document.analysis.trace)

    def _add_node_item(self, node: Node) -> NodeItem:
        item = NodeItem(node, self.canvas_style, self._category_colour(node))
        if not self.editable:
            item.set_editable(False)
        self.nodes[node.id] = item
        if node.kind is NodeKind.OUTCOME and node.id in self._latest:
            self._show_standing(item)  # an outcome back from an undo, with its check-ins
        self.addItem(item)
        return item

    def _add_link_item(self, link_id: str) -> None:
        link = self.document.role_map.links[link_id]
        item = LinkItem(link_id, self.canvas_style)
        item.set_label(link.weight, link.confidence)
        self.links[link_id] = item
        self.routes.add(link_id, self.document.role_map)
        self.addItem(item)

    def _category_colour(self, node: Node) -> str:
        if node.kind is not NodeKind.ACTIVITY:
            return "#8c8c8c"
        return self.document.role_map.role.category_colour(node.details.get("category", ""))

    # -- keeping lanes, curves and the scene rect current -------------------------------

    def _schedule_refresh(self) -> None:
        # Several signals arrive per edit (a delete removes links then a node):
        # one refresh after them is enough.
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._refresh)

    def _refresh(self) -> None:
        self._refresh_pending = False
        if not self.document.has_role:
            return
        if self.routes.pending() > 64:
            # One full update up front: otherwise each moved curve adds its own
            # rectangle to every view's dirty region, which grows quadratically.
            self.update()
            # And a fresh index: taking a long curve out of the BSP tree one by one
            # searches every leaf it spans; a reset drops them all at once and the
            # tree is rebuilt on the next paint.
            rect = self.sceneRect()
            self.setSceneRect(rect.adjusted(0, 0, 0, 1))
            self.setSceneRect(rect)
        self.routes.refresh()
        self.setSceneRect(self.lanes.fit(self.document.role_map))
        if self._empty_hint is not None or not self.document.role_map.nodes:
            self.empty_hint.setVisible(not self.document.role_map.nodes)
        self._bump_overview()

    @property
    def empty_hint(self) -> QGraphicsSimpleTextItem:
        """How to begin, shown on an empty map. Made when first wanted: the first text item
        and its font cost 10 ms of a start that nearly always shows a map with nodes."""
        if self._empty_hint is None:
            self._empty_hint = QGraphicsSimpleTextItem(EMPTY_HINT)
            self._empty_hint.setZValue(1)
            self._empty_hint.setVisible(False)
            self.addItem(self._empty_hint)
            self._style_hint(self._empty_hint)
        return self._empty_hint

    def _style_hint(self, hint: QGraphicsSimpleTextItem) -> None:
        hint.setFont(self.canvas_style.title_font)
        hint.setBrush(QBrush(self.canvas_style.lane_text))
        box = hint.boundingRect()
        middle = geometry.lane_left(NodeKind.OUTPUT) + geometry.LANE_WIDTH / 2
        hint.setPos(middle - box.width() / 2, geometry.LANE_TOP + 48)

    def _bump_overview(self) -> None:
        self.overview_version += 1
        self.overview_changed.emit()
        if self.overview_mode:
            self.update()

    def _refresh_progress(self) -> None:
        """Read the latest check-ins again (through the document) and show where outcomes stand."""
        self._latest = self.document.latest_checkins()
        for item in self.nodes.values():
            if item.kind is NodeKind.OUTCOME:
                self._show_standing(item)

    def _show_standing(self, item: NodeItem) -> None:
        item.set_standing(standing(item.node, self._latest.get(item.node_id)))

    # -- the document and its analysis ------------------------------------------------------

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
        item = self.nodes[node_id]
        with self.routes.deferred():
            item.update_from(node, self._category_colour(node))
        if node.kind is NodeKind.OUTCOME:
            self._show_standing(item)  # a new target or baseline moves the bar at once
        self._schedule_refresh()

    @Slot(str)
    def _on_document_node_removed(self, node_id: str) -> None:
        item = self.nodes.pop(node_id)
        self.routes.forget_node(node_id)
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
        self.routes.route(link_id)

    @Slot(str)
    def _on_document_link_removed(self, link_id: str) -> None:
        self.removeItem(self.links.pop(link_id))
        self.routes.remove(link_id)
        self._schedule_refresh()

    @Slot(str)
    def _on_document_records_changed(self, kind: str) -> None:
        if kind == RecordKind.CHECKINS and self.document.has_role:
            self._refresh_progress()

    @Slot(object)
    def _on_analysis_purpose_changed(self, report: PurposeReport) -> None:
        findings = report.findings()
        for node_id, item in self.nodes.items():
            item.set_finding(findings.get(node_id))
        self._bump_overview()

    @Slot(object)
    def _on_analysis_trace_changed(self, found: Trace | None) -> None:
        """Highlight the lines of sight of `found` and dim the rest (None: undim)."""
        previous, self._traced = self._traced, found
        if found is None and previous is None:
            return
        for node_id, node_item in self.nodes.items():
            node_item.setOpacity(1.0 if found is None or node_id in found.nodes else DIMMED)
        for link_id, link_item in self.links.items():
            on_trace = found is not None and link_id in found.links
            link_item.setOpacity(1.0 if found is None or on_trace else DIMMED)
            link_item.set_highlighted(on_trace)
        self._bump_overview()

    # -- overview mode, palette ------------------------------------------------------------

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
        self.lanes.set_style(self.canvas_style)
        if self._empty_hint is not None:
            self._style_hint(self._empty_hint)
        for node_item in self.nodes.values():
            node_item.set_style(self.canvas_style)
        for link_item in self.links.values():
            link_item.set_style(self.canvas_style)
        self._bump_overview()

    def event(self, event: QEvent) -> bool:
        palette_events = (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange)
        if event.type() in palette_events and not self._style_pending:
            self._style_pending = True
            QTimer.singleShot(0, self, self.apply_style)
        return super().event(event)

    # -- called by items and gestures ------------------------------------------

    def node_item_moved(self, node_id: str) -> None:
        """A box moved (dragged, or synced to the model): its links follow."""
        self.routes.node_moved(node_id)
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
