"""How the map marks what changed since a review: a colour, and a glyph that says it too.

Added items are outlined in green with a "+", changed ones in amber with a
"~", removed ones are drawn as faded, dashed ghosts with a "−" (see
`ghost_items.py`). The glyph is there so that colour is never the only cue
(the Review tab's list uses the same signs). `paint_tag` draws the glyph in
its disc; `ChangeTagItem` is the same disc as an item of its own, for the
middle of a link or a ghost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

ADDED = "added"
CHANGED = "changed"
REMOVED = "removed"
TAG_RADIUS = 9.5


@dataclass(frozen=True)
class ChangeMark:
    """One state's look and words."""

    glyph: str
    colour: str
    words: str  # "Added since the review", for a tooltip or a screen reader


MARKS: dict[str, ChangeMark] = {
    # A livelier green than the outputs' own (#2e8b57), which an added output wears too.
    ADDED: ChangeMark("+", "#12a150", "Added since the review"),
    CHANGED: ChangeMark("~", "#c27c0e", "Changed since the review"),
    REMOVED: ChangeMark("−", "#7a7f87", "Removed since the review"),
}

_TAG_FONT: QFont | None = None


def tag_font() -> QFont:
    """The glyphs' font: bold, a little larger than the detail line (made once)."""
    global _TAG_FONT
    if _TAG_FONT is None:
        _TAG_FONT = QFont()
        _TAG_FONT.setPointSizeF(11)
        _TAG_FONT.setWeight(QFont.Weight.Black)
    return _TAG_FONT


def paint_tag(painter: QPainter, centre: QPointF, state: str) -> None:
    """A disc in the state's colour with its glyph in white, centred on `centre`."""
    mark = MARKS[state]
    painter.setPen(QColor("white"))
    painter.setBrush(QColor(mark.colour))
    painter.drawEllipse(centre, TAG_RADIUS, TAG_RADIUS)
    painter.setFont(tag_font())
    box = QRectF(
        centre.x() - TAG_RADIUS, centre.y() - TAG_RADIUS - 1, 2 * TAG_RADIUS, 2 * TAG_RADIUS
    )
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), mark.glyph)


class ChangeTagItem(QGraphicsItem):
    """The state's disc and glyph as an item (a child of a link or a ghost link)."""

    def __init__(self, state: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(3)

    def set_state(self, state: str) -> None:
        """Show another state's glyph."""
        if state != self.state:
            self.state = state
            self.update()

    def boundingRect(self) -> QRectF:
        reach = TAG_RADIUS + 1
        return QRectF(-reach, -reach, 2 * reach, 2 * reach)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_tag(painter, QPointF(0, 0), self.state)
