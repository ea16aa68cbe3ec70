"""LaneItem: a lane's background band and header ("Activities · 8")."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from rolemap.canvas.style import CanvasStyle
from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind


class LaneItem(QGraphicsItem):
    """The column of one kind; its height follows the map."""

    def __init__(self, kind: NodeKind, style: CanvasStyle) -> None:
        super().__init__()
        self.kind = kind
        self._style = style
        self._height = 600.0
        self._count = 0
        self.setZValue(0)
        self.setPos(geometry.lane_left(kind), 0)

    def set_style(self, style: CanvasStyle) -> None:
        """Paint with another palette's colours."""
        self._style = style
        self.update()

    def set_extent(self, height: float, count: int) -> None:
        """Stretch to `height` and show `count` nodes in the header."""
        if (height, count) != (self._height, self._count):
            self.prepareGeometryChange()
            self._height, self._count = height, count

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, geometry.LANE_WIDTH, self._height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        style = self._style
        band = QRectF(6, 0, geometry.LANE_WIDTH - 12, self._height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.lane_shade)
        painter.drawRoundedRect(band, 10, 10)
        header = QRectF(0, 14, geometry.LANE_WIDTH, 30)
        painter.setPen(style.accent(self.kind))
        painter.setFont(style.header_font)
        painter.drawText(header, int(Qt.AlignmentFlag.AlignCenter), self.kind.lane_title)
        painter.setPen(style.lane_text)
        painter.setFont(style.small_font)
        count = (
            f"{self._count} {self.kind.value if self._count == 1 else self.kind.lane_title.lower()}"
        )
        painter.drawText(
            QRectF(0, 40, geometry.LANE_WIDTH, 16), int(Qt.AlignmentFlag.AlignCenter), count
        )
