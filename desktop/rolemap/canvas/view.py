"""MapView: zoom (wheel, Ctrl±), pan (middle button or Space+drag), fit, nudge, context menus.

Far out on a large map the view switches the scene to overview mode and
paints the cached overview picture over the lanes instead of the items.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QStyleOptionGraphicsItem, QWidget

from rolemap.canvas.link_item import LinkItem
from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.scene import MapScene
from rolemap.domain.kinds import LANE_ORDER, NodeKind

MIN_SCALE = 0.05
MAX_SCALE = 4.0
OVERVIEW_SCALE = 0.2  # below this zoom a large map is drawn as one cached picture
OVERVIEW_ITEMS = 400  # ... when it has more nodes + links than this
NUDGE = 8.0
NUDGE_FAR = 40.0
ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class MapView(QGraphicsView):
    """The scrolling, zooming window onto a MapScene.

    Signals:
        zoom_changed(float): the new scale (1.0 = 100 %).
    """

    zoom_changed = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        # Qt's own viewport, not one made in Python: the first paint then resolves
        # its type through PySide's QWidget subclasses (~10 ms of enums, once), but
        # a Python-made one is a wrapper that every event goes through, and pan
        # steps were slower with it in two A/B runs of `make bench`.
        self.map_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self._panning: QPointF | None = None
        # Set by the window: starts the timer on an activity (keeps the canvas free of track/).
        self.start_timer: Callable[[str], None] | None = None
        self._space_down = False

    # -- zoom ------------------------------------------------------------------------

    def scale_factor(self) -> float:
        """The current zoom (1.0 = 100 %)."""
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Zoom in (> 1) or out (< 1), within limits."""
        target = min(MAX_SCALE, max(MIN_SCALE, self.scale_factor() * factor))
        factor = target / self.scale_factor()
        if abs(factor - 1) > 1e-6:
            self.scale(factor, factor)
            self.update_mode()
            self.zoom_changed.emit(self.scale_factor())

    def update_mode(self) -> None:
        """Switch the scene to overview mode when far out on a large map, and back."""
        scene = self.map_scene
        many = len(scene.nodes) + len(scene.links) > OVERVIEW_ITEMS
        scene.set_overview_mode(many and self.scale_factor() < OVERVIEW_SCALE)

    def zoom_in(self) -> None:
        """One step closer."""
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        """One step back."""
        self.zoom_by(0.8)

    def reset_zoom(self) -> None:
        """100 %."""
        self.zoom_by(1.0 / self.scale_factor())

    def fit_all(self) -> None:
        """Show the whole map (never larger than 100 %)."""
        target = QRectF()
        for lane in self.map_scene.lanes.shown():
            target = target.united(lane.sceneBoundingRect())
        self.fitInView(target.adjusted(-20, -20, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > 1.0:
            self.reset_zoom()
            self.centerOn(target.center())
        self.update_mode()
        self.zoom_changed.emit(self.scale_factor())

    def zoom_to_selection(self) -> None:
        """Show the selected nodes as large as fits (never larger than 100 %)."""
        target = QRectF()
        for item in self.map_scene.selectedItems():
            target = target.united(item.sceneBoundingRect())
        if target.isEmpty():
            return
        self.fitInView(target.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.scale_factor() > 1.0:
            self.reset_zoom()
        self.centerOn(target.center())
        self.update_mode()
        self.zoom_changed.emit(self.scale_factor())

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        if not self.map_scene.overview_mode:
            return
        picture = self.map_scene.overview.picture(self.viewport().size(), self.viewportTransform())
        painter.save()
        painter.resetTransform()
        painter.drawImage(0, 0, picture)
        painter.restore()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.map_scene.overview_mode:
            # Links get their drawn line when they first come into view (LinkItem).
            self.map_scene.ensure_link_lines(self.mapToScene(event.rect()).boundingRect())
            super().paintEvent(event)
            return
        # Far out: background, lanes and the cached picture; the thousands of
        # items are not visited at all (each costs a call into Python).
        painter = QPainter(self.viewport())
        painter.setTransform(self.viewportTransform())
        exposed = self.mapToScene(event.rect()).boundingRect()
        self.drawBackground(painter, exposed)
        option = QStyleOptionGraphicsItem()
        for lane in self.map_scene.lanes.shown():
            painter.save()
            painter.translate(lane.pos())
            lane.paint(painter, option, None)
            painter.restore()
        self.drawForeground(painter, exposed)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.map_scene.apply_style()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(1.15**steps)
        event.accept()

    # -- pan ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._editing_text():
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() in ARROWS and not self._editing_text() and self.nudge(event):
            return
        super().keyPressEvent(event)

    def nudge(self, event: QKeyEvent) -> bool:
        """Nudge the selected nodes by 8 (Shift: 40) units; a run of presses is one undo step.

        A nudge never leaves a box on top of another: the selection stops short
        of a neighbour (see `geometry.nudge`).
        """
        nodes, _ = self.map_scene.selected_ids()
        if not nodes:
            return False
        dx, dy = ARROWS[Qt.Key(event.key())]
        step = NUDGE_FAR if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
        self.map_scene.document.nudge_nodes(nodes, dx * step, dy * step)
        event.accept()
        return True

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_down:
            self._space_down = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def _editing_text(self) -> bool:
        return self.map_scene.focusItem() is not None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
            self._space_down and event.button() == Qt.MouseButton.LeftButton
        ):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            delta = event.position() - self._panning
            self._panning = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning is not None:
            self._panning = None
            if self._space_down:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        # The map is the end of the line for mouse releases (ends a click or a rubber band).
        event.accept()

    # -- context menu ---------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        scene_pos = self.mapToScene(event.pos())
        scene = self.map_scene
        document = scene.document
        menu = QMenu(self)
        item = scene.node_item_at(scene_pos)
        link = next((i for i in scene.items(scene_pos) if isinstance(i, LinkItem)), None)
        if item is not None:
            if not item.isSelected():
                scene.select_only([item.node_id])
            menu.addAction("Rename", lambda: scene.edit_title(item.node_id))
            start_timer = self.start_timer
            if start_timer and document.role_map.nodes[item.node_id].kind is NodeKind.ACTIVITY:
                menu.addAction("Start timer", lambda: start_timer(item.node_id))
            nodes, _ = scene.selected_ids()
            menu.addAction("Delete", lambda: document.remove_nodes(nodes))
        elif link is not None:
            menu.addAction("Delete link", lambda: document.remove_links([link.link_id]))
        else:
            lane_kind = scene.kind_at(scene_pos)
            for kind in LANE_ORDER:
                text = f"Add {kind.value} here" if kind is lane_kind else f"Add {kind.value}"
                action = menu.addAction(text, partial(scene.add_node_at, scene_pos, kind))
                if kind is lane_kind:
                    menu.setDefaultAction(action)
        menu.exec(event.globalPos())

    def centre_on_node(self, node_id: str) -> None:
        """Scroll so that a node is in the middle."""
        item: NodeItem | None = self.map_scene.nodes.get(node_id)
        if item is not None:
            self.centerOn(item.sceneBoundingRect().center())
