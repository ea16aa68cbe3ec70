"""LinkItem: a curve from one node's port to another node's left edge, with an arrowhead."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from rolemap.canvas.style import CanvasStyle


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A left-to-right cubic curve between two anchors."""
    path = QPainterPath(start)
    bend = max(48.0, abs(end.x() - start.x()) * 0.5)
    path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
    return path


class LinkItem(QGraphicsItem):
    """A link drawn between two node anchors; the scene moves its ends."""

    def __init__(self, link_id: str, style: CanvasStyle) -> None:
        super().__init__()
        self.link_id = link_id
        self._style = style
        self._path = QPainterPath()
        self._shape = QPainterPath()
        self._weight_text = ""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(1)

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Redraw the curve between two scene points."""
        self.prepareGeometryChange()
        self._path = curve(start, end)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._shape = stroker.createStroke(self._path)

    def set_label(self, weight: float | None, confidence: float | None) -> None:
        """Show weight and confidence when set."""
        parts = []
        if weight is not None:
            parts.append(f"×{weight:g}")
        if confidence is not None:
            parts.append(f"{confidence:.0%}")
        self._weight_text = " ".join(parts)
        self.update()

    def path(self) -> QPainterPath:
        """The drawn curve, in scene coordinates."""
        return self._path

    def boundingRect(self) -> QRectF:
        return self._shape.boundingRect().adjusted(-8, -8, 8, 8)

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        colour = self._style.selection if selected else self._style.link
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.4)
        painter.setPen(QPen(colour, 2.4 if selected else 1.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if lod < 0.2:
            start, end = self._path.pointAtPercent(0), self._path.pointAtPercent(1)
            painter.drawLine(start, end)
            return
        painter.drawPath(self._path)
        end = self._path.pointAtPercent(1.0)
        before = self._path.pointAtPercent(0.97)
        angle = math.atan2(end.y() - before.y(), end.x() - before.x())
        size = 8.0
        head = QPolygonF(
            [
                end,
                end - QPointF(math.cos(angle - 0.45) * size, math.sin(angle - 0.45) * size),
                end - QPointF(math.cos(angle + 0.45) * size, math.sin(angle + 0.45) * size),
            ]
        )
        painter.setBrush(colour)
        painter.drawPolygon(head)
        if self._weight_text and lod > 0.5:
            middle = self._path.pointAtPercent(0.5)
            painter.setFont(self._style.small_font)
            painter.setPen(QColor(self._style.node_subtext))
            painter.drawText(middle + QPointF(4, -4), self._weight_text)


class LinkPreviewItem(QGraphicsItem):
    """The dashed curve that follows the pointer while a link is drawn."""

    def __init__(self, style: CanvasStyle) -> None:
        super().__init__()
        self._style = style
        self._path = QPainterPath()
        self.setZValue(5)

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Follow the pointer."""
        self.prepareGeometryChange()
        self._path = curve(start, end)

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-4, -4, 4, 4)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._style.selection, 1.8, Qt.PenStyle.DashLine))
        painter.drawPath(self._path)
