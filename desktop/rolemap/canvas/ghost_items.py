"""Ghosts: what a review's map had and the map now lacks, drawn faded and dashed where it was.

A ghost is an overlay of the compare mode, never a model node or link: it
is not in the scene's id → item maps, cannot be selected, moved or clicked
(the mouse goes through it to whatever is below), and sits under the live
boxes and curves, so a node added where a removed one stood stays on top.
It carries the "−" glyph, so that its dashes and faded colour are not the
only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rolemap.canvas.change_marks import MARKS, REMOVED, TAG_RADIUS, ChangeTagItem, paint_tag
from rolemap.canvas.link_item import curve
from rolemap.canvas.style import current_style
from rolemap.domain import geometry
from rolemap.domain.entities import Node

GHOST_OPACITY = 0.6
GHOST_Z = 0.5  # under links (1) and boxes (2)


def _ghost_pen(width: float) -> QPen:
    pen = QPen(QColor(MARKS[REMOVED].colour), width, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen


class GhostNodeItem(QGraphicsItem):
    """A removed node: a dashed, faded box with its title, where the review's map had it."""

    def __init__(self, node: Node, note: str = "") -> None:
        super().__init__()
        self.node_id = node.id
        self.node = node
        self.setPos(node.x, node.y)
        self.setZValue(GHOST_Z)
        self.setOpacity(GHOST_OPACITY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(note or f"{MARKS[REMOVED].words}: {node.kind.value} ‘{node.title}’")

    @property
    def title(self) -> str:
        """The title the node had."""
        return self.node.title

    def boundingRect(self) -> QRectF:
        reach = TAG_RADIUS + 2
        return QRectF(
            -reach, -reach, geometry.NODE_WIDTH + reach + 2, geometry.NODE_HEIGHT + reach + 2
        )

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        scene = self.scene()
        style = getattr(scene, "canvas_style", None) or current_style()
        box = QRectF(0, 0, geometry.NODE_WIDTH, geometry.NODE_HEIGHT)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(_ghost_pen(1.6))
        painter.setBrush(style.lane_shade)
        painter.drawRoundedRect(box, 8, 8)
        paint_tag(painter, QPointF(0, 0), REMOVED)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < 0.35:
            return
        painter.setPen(style.node_subtext)
        painter.setFont(style.title_font)
        metrics = QFontMetricsF(style.title_font)
        text = metrics.elidedText(self.node.title, Qt.TextElideMode.ElideRight, box.width() - 28)
        painter.drawText(box.adjusted(14, 6, -14, -6), int(Qt.AlignmentFlag.AlignLeft), text)
        painter.setFont(style.small_font)
        painter.drawText(
            box.adjusted(14, 0, -14, -6),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
            f"removed {self.node.kind.value}",
        )


class GhostLinkItem(QGraphicsPathItem):
    """A removed link: a dashed, faded curve between where its two ends are (or were)."""

    def __init__(self, link_id: str, start: QPointF, end: QPointF, note: str = "") -> None:
        super().__init__(curve(start, end))
        self.link_id = link_id
        self.setPen(_ghost_pen(1.4))
        self.setZValue(GHOST_Z - 0.1)
        self.setOpacity(GHOST_OPACITY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setToolTip(note or MARKS[REMOVED].words)
        self.tag = ChangeTagItem(REMOVED, self)
        self.tag.setPos(self.path().pointAtPercent(0.5))

    def ends(self) -> tuple[QPointF, QPointF]:
        """Where the ghost starts and ends, in scene coordinates."""
        path = self.path()
        return path.pointAtPercent(0), path.pointAtPercent(1)


def remove_all(scene: QGraphicsScene, items: list[QGraphicsItem]) -> None:
    """Take ghosts off the scene (their children go with them)."""
    for item in items:
        if item.scene() is scene:
            scene.removeItem(item)
