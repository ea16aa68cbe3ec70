"""LinkItem: a curve from one node's port to another node's left edge, with an arrowhead.

The curve's course comes from `domain.link_route`, the same function the
printed page uses: a plain S, or, for a link that skips a lane, a path
through the gap between that lane's boxes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from rolemap.canvas.style import CanvasStyle
from rolemap.domain.link_route import Corridor, route

if TYPE_CHECKING:
    from rolemap.canvas.change_marks import ChangeTagItem

_EMPTY = QPainterPath()
_NO_RECT = QRectF()
_ORIGIN = QPointF()
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_HEAD_UPPER = QPointF(-8 * math.cos(0.45), -8 * math.sin(0.45))
_HEAD_LOWER = QPointF(-8 * math.cos(0.45), 8 * math.sin(0.45))
MIN_BEND = 48.0  # a short link still leaves and arrives with a visible curve


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


_CHANGE_PENS: dict[str, QPen] = {}


def _change_pen(state: str) -> QPen:
    """The pen of a link marked added or changed (compare mode), made once per state."""
    pen = _CHANGE_PENS.get(state)
    if pen is None:
        from rolemap.canvas.change_marks import MARKS  # compare mode only: not at start

        pen = QPen(QColor(MARKS[state].colour), 2.2)
        pen.setCosmetic(True)
        _CHANGE_PENS[state] = pen
    return pen


def curve(start: QPointF, end: QPointF, corridor: Corridor | None = None) -> QPainterPath:
    """A left-to-right curve between two anchors, through `corridor`'s gaps if it skips a lane."""
    path = QPainterPath(start)
    for _, (x1, y1), (x2, y2), (x3, y3) in route(
        (start.x(), start.y()), (end.x(), end.y()), corridor, min_bend=MIN_BEND
    ):
        path.cubicTo(x1, y1, x2, y2, x3, y3)
    return path


class LinkItem(QGraphicsItem):
    """A link drawn between two node anchors; the scene moves its ends.

    The item itself paints nothing (ItemHasNoContents): it is what is selected
    and hit-tested. Its line is a child QGraphicsPathItem, which Qt paints in
    C++: at 100 % a view shows a few hundred links, and a Python paint() per
    link per frame cost more than the 8 ms a pan may take. The line is made
    only when the link first comes into view (`MapView` asks for it), because
    10,000 child items made up front tripled the time to open a large map.
    The hit-testing shape is likewise stroked only when first asked for.
    """

    def __init__(self, link_id: str, style: CanvasStyle) -> None:
        super().__init__()
        self.link_id = link_id
        self._style = style
        self._path = _EMPTY
        self._shape: QPainterPath | None = None
        self._bounds = _NO_RECT
        self._ends = (_ORIGIN, _ORIGIN)
        self._weight_text = ""
        self._highlighted = False
        self._line: QGraphicsPathItem | None = None
        self._text: QGraphicsSimpleTextItem | None = None
        self._tag: ChangeTagItem | None = None  # compare mode: "added" or "changed"
        self.setFlags(_SELECTABLE | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.setZValue(1)

    def ensure_line(self) -> None:
        """Make the drawn line (and label) if they do not exist yet."""
        if self._line is not None:
            return
        self._line = QGraphicsPathItem(self._drawn(), self)
        self._line.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        if self._weight_text:
            self._text = QGraphicsSimpleTextItem(self._weight_text, self)
            self._text.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._place_text()
        self._restyle()

    def set_style(self, style: CanvasStyle) -> None:
        """Paint with another palette's colours."""
        self._style = style
        self._restyle()

    def set_highlighted(self, highlighted: bool) -> None:
        """Draw in the selection colour (the link is on a traced line of sight)."""
        if highlighted != self._highlighted:
            self._highlighted = highlighted
            self._restyle()

    def set_change(self, state: str | None) -> None:
        """Mark the link as added or changed since a review (None: the normal look): a
        thicker line in the state's colour, and its glyph in the middle."""
        if state is None:
            if self._tag is not None:
                if self._tag.scene() is not None:
                    self._tag.scene().removeItem(self._tag)
                self._tag.setParentItem(None)  # type: ignore[arg-type]  # None: no parent
                self._tag = None
                self._restyle()
            return
        if self._tag is None:
            from rolemap.canvas.change_marks import ChangeTagItem

            self._tag = ChangeTagItem(state, self)
            self._place_text()
        self._tag.set_state(state)
        self._restyle()

    @property
    def change(self) -> str | None:
        """The compare mode's mark on this link ("added", "changed"), or None."""
        return self._tag.state if self._tag is not None else None

    def restyle(self) -> None:
        """Show the selection state; the scene calls this when the selection changes
        (an itemChange override would cost a Python call per item per change)."""
        self._restyle()

    def _restyle(self) -> None:
        if self._line is None:
            return
        state = 2 if self.isSelected() else int(self._highlighted)
        if self._tag is not None and state < 2:
            self._line.setPen(_change_pen(self._tag.state))
        else:
            self._line.setPen(_pen(self._style, state))
        if self._text is not None:
            self._text.setFont(self._style.small_font)
            self._text.setBrush(QColor(self._style.node_subtext))

    def set_ends(self, start: QPointF, end: QPointF, corridor: Corridor | None = None) -> None:
        """Redraw the curve between two scene points (through `corridor`, if it skips a lane)."""
        if self.scene() is not None:
            self.prepareGeometryChange()
        self._ends = (start, end)
        self._path = curve(start, end, corridor)
        self._shape = None
        self._bounds = self._path.controlPointRect().adjusted(-8, -8, 8, 8)
        if self._line is not None:
            self._line.setPath(self._drawn())
        if self._line is not None or self._tag is not None:
            self._place_text()

    def _drawn(self) -> QPainterPath:
        drawn = QPainterPath(self._path)
        # The curve always arrives horizontally (see `curve`), so the head points right.
        end = self._ends[1]
        drawn.moveTo(end + _HEAD_UPPER)
        drawn.lineTo(end)
        drawn.lineTo(end + _HEAD_LOWER)
        return drawn

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
        if self._line is None:
            return
        if self._weight_text and self._text is None:
            self._text = QGraphicsSimpleTextItem(self)
            self._text.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._restyle()
        if self._text is not None:
            self._text.setText(self._weight_text)
            self._text.setVisible(bool(self._weight_text))
            self._place_text()

    def _place_text(self) -> None:
        if self._path.isEmpty():
            return
        middle = self._path.pointAtPercent(0.5)
        if self._text is not None:
            self._text.setPos(middle + QPointF(4, -4 - self._text.boundingRect().height()))
        if self._tag is not None:
            self._tag.setPos(middle)

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
        """Nothing: the child path item draws the line (see the class docstring)."""


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
