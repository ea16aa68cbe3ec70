"""Minimap: the whole map in a corner, with the view's rectangle; click or drag to move there."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import QWidget

from rolemap.canvas.overview import MapOverview
from rolemap.canvas.view import MapView

SIZE = QSize(180, 220)


class Minimap(QWidget):
    """A small overview laid over the bottom right corner of a MapView.

    It paints the scene's cached overview picture (not the items), so it
    costs the same for 50 nodes as for 5,000.
    """

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.setObjectName("minimap")
        self._view = view
        self.setFixedSize(SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Click or drag to move the view")
        scene = view.map_scene
        scene.overview_changed.connect(self.update)
        scene.sceneRectChanged.connect(self.update)
        view.horizontalScrollBar().valueChanged.connect(self._on_view_scrolled)
        view.verticalScrollBar().valueChanged.connect(self._on_view_scrolled)
        view.zoom_changed.connect(self._on_view_scrolled)
        view.installEventFilter(self)
        self.overview = MapOverview(scene)  # its own cache: the view's has another size
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.place)  # after the view has laid out its viewport
        return super().eventFilter(watched, event)

    def place(self) -> None:
        """Sit in the view's bottom right corner."""
        viewport = self._view.viewport().geometry()
        self.move(viewport.right() - self.width() - 12, viewport.bottom() - self.height() - 12)

    def transform(self) -> QTransform:
        """Scene → minimap pixels.

        The whole map when it fits at a useful size; a tall map (thousands of
        nodes) is shown at least half as wide as the minimap, in a window that
        follows the view by half-minimap steps, so scrolling rarely redraws it.
        """
        rect = self._view.map_scene.sceneRect()
        if rect.isEmpty():
            return QTransform()
        width, height = self.width() - 8, self.height() - 8
        scale = max(min(width / rect.width(), height / rect.height()), width / rect.width() / 2)
        dx = (self.width() - rect.width() * scale) / 2 - rect.left() * scale
        if rect.height() * scale <= height:
            dy = (self.height() - rect.height() * scale) / 2 - rect.top() * scale
        else:
            shown = self.height() / scale
            step = shown / 2
            centre = self.viewport_rect().center().y()
            top = math.floor((centre - rect.top()) / step) * step + rect.top() - step / 2
            top = min(max(top, rect.top()), rect.bottom() - shown)
            dy = -top * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def viewport_rect(self) -> QRectF:
        """The part of the scene the view shows, in scene coordinates."""
        return self._view.mapToScene(self._view.viewport().rect()).boundingRect()

    @Slot()
    def _on_view_scrolled(self) -> None:
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        style = self._view.map_scene.canvas_style
        painter.fillRect(self.rect(), style.lane_shade)
        transform = self.transform()
        picture = self.overview.picture(self.size(), transform)
        painter.drawImage(0, 0, picture)
        painter.setTransform(transform)
        shown = QColor(style.selection)
        painter.setPen(QPen(shown, 1.5 / max(transform.m11(), 1e-6)))
        shown.setAlphaF(0.12)
        painter.setBrush(shown)
        painter.drawRect(self.viewport_rect())
        painter.resetTransform()
        painter.setPen(QPen(style.lane_text, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._move_view(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_view(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def _move_view(self, point: QPointF) -> None:
        inverse, ok = self.transform().inverted()
        if ok:
            self._view.centerOn(inverse.map(point))
