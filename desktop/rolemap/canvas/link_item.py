"""LinkItem: a curve from one node's port to another node's left edge, with an arrowhead."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from rolemap.canvas.style import CanvasStyle

_EMPTY = QPainterPath()
_NO_RECT = QRectF()
_ORIGIN = QPointF()
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_HEAD_UPPER = QPointF(-8 * math.cos(0.45), -8 * math.sin(0.45))
_HEAD_LOWER = QPointF(-8 * math.cos(0.45), 8 * math.sin(0.45))


_PENS: dict[tuple[int, int], QPen] = {}


def _pen(style: CanvasStyle, state: int) -> QPen:
    """The link pen (state 0 plain, 1 traced, 2 selected), made once per style."""
    key = (id(style), state)
    pen = _PENS.get(key)
    if pen is None:
        if len(_PENS) > 24:  # styles come and go with palette changes
            _PENS.clear()
        pen = QPen(style.selection if state else style.link, (1.0, 1.6, 2.4)[state])
        # A one-pixel cosmetic pen takes the rasteriser's fast path, which clips each
        # segment to the view: a long curve costs what its visible part costs.
        pen.setCosmetic(state < 2)
        _PENS[key] = pen
    return pen


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A left-to-right cubic curve between two anchors."""
    path = QPainterPath(start)
    bend = max(48.0, abs(end.x() - start.x()) * 0.5)
    path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
    return path


class LinkItem(QGraphicsItem):
    """A link drawn between two node anchors; the scene moves its ends.

    The hit-testing shape is stroked only when first asked for (building
    10,000 strokes up front costs more than the rest of the scene).
    """

    def __init__(self, link_id: str, style: CanvasStyle) -> None:
        super().__init__()
        self.link_id = link_id
        self._style = style
        self._path = _EMPTY
        self._shape: QPainterPath | None = None
        self._bounds = _NO_RECT
        self._polyline: QPolygonF | None = None
        self._ends = (_ORIGIN, _ORIGIN)
        self._weight_text = ""
        self._highlighted = False
        self.setFlags(_SELECTABLE)
        self.setZValue(1)

    def set_style(self, style: CanvasStyle) -> None:
        """Paint with another palette's colours."""
        self._style = style
        self.update()

    def set_highlighted(self, highlighted: bool) -> None:
        """Draw in the selection colour (the link is on a traced line of sight)."""
        if highlighted != self._highlighted:
            self._highlighted = highlighted
            self.update()

    def set_ends(self, start: QPointF, end: QPointF) -> None:
        """Redraw the curve between two scene points."""
        if self.scene() is not None:
            self.prepareGeometryChange()
        self._ends = (start, end)
        self._path = curve(start, end)
        self._shape = None
        self._polyline = None
        self._bounds = self._path.controlPointRect().adjusted(-8, -8, 8, 8)

    def _head(self) -> QPolygonF:
        # The curve always arrives horizontally (see `curve`), so the head points right.
        end = self._ends[1]
        return QPolygonF([end, end + _HEAD_UPPER, end + _HEAD_LOWER])

    def _flat(self) -> QPolygonF:
        # Long curves are stroked much faster as a polyline: the rasteriser clips
        # line segments, while a curve is flattened and stroked over its whole length.
        if self._polyline is None:
            start, end = self._ends
            length = abs(end.x() - start.x()) + abs(end.y() - start.y())
            steps = int(min(64, max(12, length / 24)))
            self._polyline = QPolygonF(
                [self._path.pointAtPercent(i / steps) for i in range(steps + 1)]
            )
        return self._polyline

    def ends(self) -> tuple[QPointF, QPointF]:
        """Where the link starts and ends, in scene coordinates."""
        return self._ends

    def set_label(self, weight: float | None, confidence: float | None) -> None:
        """Show weight and confidence when set ("×2 · 80 % sure")."""
        parts = []
        if weight is not None:
            parts.append(f"×{weight:g}")
        if confidence is not None:
            parts.append(f"{confidence:.0%} sure")
        self._weight_text = " · ".join(parts)
        self.setToolTip(f"Weight {weight:g}" if weight is not None else "")
        if confidence is not None:
            self.setToolTip((self.toolTip() + f"\nConfidence {confidence:.0%}").strip())
        self.update()

    @property
    def label(self) -> str:
        """The weight/confidence text shown on the curve."""
        return self._weight_text

    def path(self) -> QPainterPath:
        """The drawn curve, in scene coordinates."""
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._shape = stroker.createStroke(self._path)
        return self._shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        lod = painter.worldTransform().m11()  # the view only scales uniformly
        selected = self.isSelected()
        style = self._style
        state = 2 if selected else int(self._highlighted)
        colour = style.selection if state else style.link
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.4)
        painter.setPen(_pen(style, state))
        if lod < 0.2:
            painter.drawLine(*self._ends)
            return
        painter.drawPolyline(self._flat())
        painter.setBrush(colour)
        painter.drawPolygon(self._head())
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
