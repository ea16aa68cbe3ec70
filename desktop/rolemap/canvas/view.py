"""MapView: zoom (wheel, Ctrl±), pan (middle button or Space+drag), fit, the keys, context menus.

The keyboard reaches every node: the arrow keys and Tab walk the nodes (see
`canvas/keyboard_walk.py`, which keeps where the keyboard is), Ctrl+Tab
leaves the map, and the Menu key and Shift+F10 open the selected node's menu
at the node.

Far out on a large map the view switches the scene to overview mode and
paints the cached overview picture over the lanes instead of the items.
"""

from __future__ import annotations

from collections.abc import Callable

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

from rolemap.canvas import accessibility
from rolemap.canvas.context_menus import ContextMenus
from rolemap.canvas.keyboard_walk import ALT, ARROWS, CTRL, SHIFT, KeyboardWalk
from rolemap.canvas.node_item import NodeItem
from rolemap.canvas.scene import MapScene

MIN_SCALE = 0.05
MAX_SCALE = 4.0
OVERVIEW_SCALE = 0.2  # below this zoom a large map is drawn as one cached picture
OVERVIEW_ITEMS = 400  # ... when it has more nodes + links than this


class MapView(QGraphicsView):
    """The scrolling, zooming window onto a MapScene.

    Signals:
        zoom_changed(float): the new scale (1.0 = 100 %).
    """

    zoom_changed = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        # A viewport made here, not Qt's own: Python has never seen Qt's, and PySide
        # finds the type of an unseen QWidget by creating every QWidget subclass it
        # has (46 enums, ~8 ms of the start). A repaint costs 0-3 % more with it
        # (PySide looks for a Python override of each virtual call): `make bench`,
        # canvas, "our viewport / Qt's".
        self.setViewport(QWidget())
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
        # Set by the window: Link to… (a dialog) and Delete (which asks about tracked time).
        self.link_from: Callable[[str], object] | None = None
        self.delete_selection: Callable[[], None] | None = None
        self._space_down = False
        self._pointer: QPointF | None = None  # where the pointer is over the viewport
        self.viewport().setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.walk = KeyboardWalk(self)  # the node the keyboard is at, moved by arrows and Tab
        # Before the first paint, although QAccessible's enums cost ~2.4 ms here: a screen
        # reader's bridge asks for the view's interface as soon as it shows, and Qt keeps
        # the first one made for good.
        accessibility.install()

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

    # -- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat() and self._editing_text():
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and modifiers & CTRL:
            # Ctrl+Tab leaves the map (Tab alone goes from node to node).
            forward = key == Qt.Key.Key_Tab and not modifiers & SHIFT
            QGraphicsView.focusNextPrevChild(self, forward)
            event.accept()
            return
        arrow = key in ARROWS and not self._editing_text() and not modifiers & CTRL
        if arrow and self.walk.arrow(event):
            return
        super().keyPressEvent(event)

    def go_to_node(self, node_id: str, extend: bool = False) -> None:
        """Select a node (or add it to the selection), show it, and make it the keyboard's."""
        self.walk.go_to_node(node_id, extend=extend)

    def current_node(self) -> str | None:
        """The node the keyboard is at: the one it last moved to, else the one selected."""
        return self.walk.current_node()

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab go from node to node. Caught here, before QGraphicsView hands
        # Tab to the scene, which would move the focus among focusable items instead (the
        # title editor once was one, and the scene remembers it).
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, modifiers = event.key(), event.modifiers()
            tab = key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            if tab and not modifiers & (CTRL | ALT) and not self._editing_text():
                forward = key == Qt.Key.Key_Tab and not modifiers & SHIFT
                if self.walk.cycle_nodes(forward):
                    event.accept()
                    return True
        return super().event(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space_down:
            self._space_down = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def _editing_text(self) -> bool:
        return self.map_scene.focusItem() is not None

    # -- pan, and where the pointer is -----------------------------------------------------

    def pointer_scene_pos(self) -> QPointF | None:
        """Where the pointer is on the map, in scene units; None when it is not over the map."""
        if self._pointer is None or not self.viewport().rect().contains(self._pointer.toPoint()):
            return None
        return self.mapToScene(self._pointer.toPoint())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._pointer = None
        return super().viewportEvent(event)

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
        self._pointer = event.position()
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
        """The menu of what is under the pointer; from the keyboard, of what is selected.

        The Menu key and Shift+F10 send a keyboard event whose position is the
        view's middle or corner: the menu then belongs to the selected node (or
        link) and opens at it, scrolled into sight.
        """
        if not self.map_scene.document.has_role:
            return
        menus = ContextMenus(self, QMenu)
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            menu, at = menus.for_keyboard()
        else:
            menu, at = menus.at(self.mapToScene(event.pos())), event.globalPos()
        menu.exec(at)

    def centre_on_node(self, node_id: str) -> None:
        """Scroll so that a node is in the middle."""
        item: NodeItem | None = self.map_scene.nodes.get(node_id)
        if item is not None:
            self.centerOn(item.sceneBoundingRect().center())
