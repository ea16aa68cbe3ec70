"""NodeItem: one box on the map, painted by hand (fast to build, cheap to draw).

The item knows its node id and the values it shows; it never writes the
model. Dragging moves it freely inside its lane; the scene turns the drop
into one move command. A title longer than two lines is cut short with "…";
the whole title is on hover (and read out by a screen reader).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from rolemap.canvas.outcome_progress import Standing, card_line, card_tip
from rolemap.canvas.style import CanvasStyle
from rolemap.canvas.title_lines import title_lines
from rolemap.domain import geometry
from rolemap.domain.describe import subtitle
from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import Finding

PORT_RADIUS = 7.0

# The purpose check's findings as badges: glyph and colour.
BADGES: dict[Finding, tuple[str, str]] = {
    Finding.UNANCHORED: ("!", "#d64545"),
    Finding.UNAIMED: ("?", "#c98a12"),
    Finding.UNSUPPORTED: ("∅", "#8e5bb5"),
}
TITLE_TOP = 6.0
SUBTITLE_FROM_BOTTOM = 21.0  # the detail line's top, up from the box's bottom edge
MAX_TITLE_LINES = 2
_NO_TEXT = QStaticText()
_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
)
_POSITION_CHANGE = QGraphicsItem.GraphicsItemChange.ItemPositionChange
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged


class NodeItem(QGraphicsItem):
    """A node's box: title, a line of detail, the kind's shape and colour, a link port."""

    def __init__(self, node: Node, style: CanvasStyle, category_colour: str) -> None:
        super().__init__()
        self.node_id = node.id
        self.kind = node.kind
        self._node = node
        self._style = style
        self._title = node.title
        self._notes = node.notes
        self._subtitle = ""
        self._standing = Standing()
        # Laid out at the first close-up paint: one QStaticText per line.
        self._title_texts: list[QStaticText] | None = None
        self._title_lines: list[str] = []
        self._subtitle_text = _NO_TEXT
        self._category = QColor(category_colour)
        self._finding: Finding | None = None
        self._progress: float | None = None
        self._hover = False
        self._syncing = False
        self._change: str | None = None  # compare mode: "added", "changed" (change_marks.py)
        self._change_note = ""
        self._editable = True
        self.setPos(node.x, node.y)  # before geometry changes are sent: no itemChange calls
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.update_from(node, category_colour)

    # -- data -----------------------------------------------------------------

    def update_from(self, node: Node, category_colour: str) -> None:
        """Show a node's current values."""
        self._node = node
        self._title = node.title
        self._notes = node.notes
        self._category = QColor(category_colour)
        self._show_texts()
        self.place(node.x, node.y)

    def set_standing(self, where: Standing) -> None:
        """Show where an outcome stands: latest value against target, and the progress bar."""
        if where != self._standing:
            self._standing = where
            self._progress = where.progress
            self._show_texts()

    def _show_texts(self) -> None:
        node = self._node
        is_outcome = node.kind is NodeKind.OUTCOME
        self._subtitle = card_line(node, self._standing) if is_outcome else subtitle(node)
        self._title_texts = None
        self._update_tooltip()
        self.update()

    def place(self, x: float, y: float) -> None:
        """Put the box where the model says (no grid snapping: the model is the truth)."""
        if self.pos() != QPointF(x, y):
            self._syncing = True
            try:
                self.setPos(x, y)
            finally:
                self._syncing = False

    def set_style(self, style: CanvasStyle) -> None:
        """Paint with another palette's colours and fonts."""
        self._style = style
        self._title_texts = None
        self.update()

    def _text_inset(self) -> float:
        return 16.0 if self.kind is NodeKind.OUTCOME else 14.0

    def _layout_text(self) -> list[QStaticText]:
        # Laid out once per change, not on every paint: QStaticText caches the glyphs.
        # One static text per line, wrapped here: Qt's own wrapping of a static text
        # could take a third line, which overprinted the detail line below.
        width = geometry.NODE_WIDTH - self._text_inset() - 12
        metrics = QFontMetricsF(self._style.title_font)
        room = geometry.NODE_HEIGHT - SUBTITLE_FROM_BOTTOM - TITLE_TOP
        most = max(1, min(MAX_TITLE_LINES, int(room // metrics.lineSpacing())))
        self._title_lines = title_lines(self._title, metrics, width, most)
        self._title_texts = []
        for line in self._title_lines:
            text = QStaticText(line)
            text.setTextFormat(Qt.TextFormat.PlainText)
            self._title_texts.append(text)
        small = QFontMetricsF(self._style.small_font)
        sub = small.elidedText(self._subtitle, Qt.TextElideMode.ElideRight, width)
        self._subtitle_text = QStaticText(sub)
        self._subtitle_text.setTextFormat(Qt.TextFormat.PlainText)
        return self._title_texts

    def shown_title_lines(self) -> list[str]:
        """The title as the box shows it: at most two lines, the last cut short with "…"."""
        if self._title_texts is None:
            self._layout_text()
        return list(self._title_lines)

    def title_bottom(self) -> float:
        """Where the shown title ends, in item coordinates (above the detail line)."""
        lines = self.shown_title_lines()
        return TITLE_TOP + len(lines) * QFontMetricsF(self._style.title_font).lineSpacing()

    def _update_tooltip(self) -> None:
        parts = [self._title, self._notes]
        if self.kind is NodeKind.OUTCOME:
            parts.append(card_tip(self._node, self._standing))
        if self._finding is not None:
            parts.append(self._finding.explanation)
        parts.append(self._change_note)
        self.setToolTip("\n".join(p for p in parts if p))

    def set_change(self, state: str | None, note: str = "") -> None:
        """Mark the box as added or changed since a review (None: the normal look).

        `note` joins the tooltip ("Changed since the review of 3–30 Nov: title").
        """
        if state == self._change and note == self._change_note:
            return
        if (state is None) != (self._change is None):
            self.prepareGeometryChange()  # the ring and the tag reach outside the box
        self._change = state
        self._change_note = note
        self._update_tooltip()
        self.update()

    @property
    def change(self) -> str | None:
        """The compare mode's mark on this box ("added", "changed"), or None."""
        return self._change

    def set_editable(self, editable: bool) -> None:
        """Whether the box can be dragged and shows its link port (not on a read-only file)."""
        self._editable = editable
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, editable)
        self.update()

    def set_finding(self, finding: Finding | None) -> None:
        """Show the purpose check's finding on this node (None: no badge)."""
        if finding != self._finding:
            self._finding = finding
            self._update_tooltip()
            self.update()

    @property
    def finding(self) -> Finding | None:
        """The purpose check's finding shown, if any."""
        return self._finding

    @property
    def progress(self) -> float | None:
        """The progress shown (outcomes with a check-in and a target), else None."""
        return self._progress

    @property
    def standing(self) -> Standing:
        """Where an outcome stands (latest value, progress); empty for other kinds."""
        return self._standing

    @property
    def title(self) -> str:
        """The whole title (the box may show it cut short)."""
        return self._title

    @property
    def subtitle(self) -> str:
        """The detail line under the title (category, hands-on, now → target)."""
        return self._subtitle

    @property
    def node(self) -> Node:
        """The node as last shown."""
        return self._node

    # -- geometry ----------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        pad = PORT_RADIUS + 2
        if self._change is not None:  # the ring round the box, the tag on its corner
            from rolemap.canvas.change_marks import TAG_RADIUS  # compare mode only: not at start

            reach = TAG_RADIUS + 2
            return QRectF(
                -reach, -reach, geometry.NODE_WIDTH + pad + reach, geometry.NODE_HEIGHT + reach + 4
            )
        return QRectF(-2, -2, geometry.NODE_WIDTH + pad + 2, geometry.NODE_HEIGHT + 4)

    def box(self) -> QRectF:
        """The box in item coordinates."""
        return QRectF(0, 0, geometry.NODE_WIDTH, geometry.NODE_HEIGHT)

    def port_centre(self) -> QPointF:
        """The link port on the right edge, in item coordinates."""
        return QPointF(geometry.NODE_WIDTH, geometry.NODE_HEIGHT / 2)

    def on_port(self, item_pos: QPointF) -> bool:
        """Whether a point (item coordinates) is on the link port."""
        if self.kind is NodeKind.OUTCOME or not self._editable:
            return False
        delta = item_pos - self.port_centre()
        return delta.x() ** 2 + delta.y() ** 2 <= (PORT_RADIUS + 3) ** 2

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        # Winding, not odd-even: where the port overlaps the box must stay solid.
        path.setFillRule(Qt.FillRule.WindingFill)
        path.addRoundedRect(self.box(), 8, 8)
        if self.kind is not NodeKind.OUTCOME:
            centre = self.port_centre()
            path.addEllipse(centre, PORT_RADIUS + 3, PORT_RADIUS + 3)
        return path

    def in_anchor(self) -> QPointF:
        """Where incoming links arrive, in scene coordinates."""
        return self.mapToScene(QPointF(0, geometry.NODE_HEIGHT / 2))

    def out_anchor(self) -> QPointF:
        """Where outgoing links leave, in scene coordinates."""
        return self.mapToScene(self.port_centre())

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == _POSITION_CHANGE and isinstance(value, QPointF):
            x, y = value.x(), value.y()
            grid = getattr(self.scene(), "grid", 0)
            if grid and not self._syncing:
                x, y = round(x / grid) * grid, round(y / grid) * grid
            x, y = geometry.clamp_to_lane(self.kind, x, y)
            return QPointF(x, y)
        if change == _POSITION_CHANGED:
            scene = self.scene()
            if scene is not None and hasattr(scene, "node_item_moved"):
                scene.node_item_moved(self.node_id)
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: object) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:
        self._hover = False
        self.update()

    # -- painting -------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        style = self._style
        box = self.box()
        accent = style.accent(self.kind)
        selected = self.isSelected()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.4)

        border = QPen(style.selection if selected else accent.darker(110), 2.4 if selected else 1.2)
        painter.setPen(border)
        painter.setBrush(style.tint(self.kind))
        radius = {NodeKind.OUTCOME: 22.0, NodeKind.INPUT: 3.0}.get(self.kind, 8.0)
        painter.drawRoundedRect(box, radius, radius)
        if self._change is not None:  # a soft halo with a firm line: unlike any border
            from rolemap.canvas.change_marks import MARKS

            colour = QColor(MARKS[self._change].colour)
            ring = box.adjusted(-4, -4, 4, 4)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            colour.setAlpha(70)
            painter.setPen(QPen(colour, 6))
            painter.drawRoundedRect(ring, radius + 4, radius + 4)
            colour.setAlpha(255)
            painter.setPen(QPen(colour, 2))
            painter.drawRoundedRect(ring, radius + 4, radius + 4)

        if self.kind is NodeKind.ACTIVITY:
            band = QPainterPath()
            band.addRoundedRect(QRectF(0.6, 0.6, 10, box.height() - 1.2), 7, 7)
            band_clip = QPainterPath()
            band_clip.addRect(QRectF(0, 0, 7, box.height()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._category)
            painter.drawPath(band.intersected(band_clip))
        elif self.kind is NodeKind.OUTPUT:
            fold = QPainterPath()
            size = 12.0
            fold.moveTo(box.right() - size, 0.6)
            fold.lineTo(box.right() - 0.6, size)
            fold.lineTo(box.right() - size, size)
            fold.closeSubpath()
            painter.setPen(QPen(accent.darker(110), 1.0))
            painter.setBrush(accent.lighter(150))
            painter.drawPath(fold)

        if self._progress is not None:
            self._paint_progress(painter, box, accent)
        if self._change is not None:  # the glyph says it too: colour is never the only cue
            from rolemap.canvas.change_marks import paint_tag

            paint_tag(painter, QPointF(0, 0), self._change)
        if lod < 0.35:
            return  # far out: boxes only, no text
        inset = self._text_inset()
        painter.setPen(style.node_text)
        painter.setFont(style.title_font)
        lines = self._title_texts if self._title_texts is not None else self._layout_text()
        pitch = QFontMetricsF(style.title_font).lineSpacing()
        for number, line in enumerate(lines):
            painter.drawStaticText(QPointF(inset, TITLE_TOP + number * pitch), line)
        if self._subtitle:
            painter.setFont(style.small_font)
            painter.setPen(style.node_subtext)
            painter.drawStaticText(
                QPointF(inset, box.height() - SUBTITLE_FROM_BOTTOM), self._subtitle_text
            )

        if self._finding is not None:
            text, badge = BADGES[self._finding]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(badge))
            painter.drawEllipse(QPointF(box.right() - 14, 12), 7, 7)
            painter.setPen(QColor("white"))
            painter.setFont(style.small_font)
            painter.drawText(
                QRectF(box.right() - 21, 5, 14, 14), int(Qt.AlignmentFlag.AlignCenter), text
            )

        if self.kind is not NodeKind.OUTCOME and self._editable and (self._hover or selected):
            painter.setPen(QPen(accent, 1.5))
            painter.setBrush(style.node_fill)
            painter.drawEllipse(self.port_centre(), PORT_RADIUS, PORT_RADIUS)
            painter.drawLine(
                self.port_centre() + QPointF(-3.5, 0), self.port_centre() + QPointF(3.5, 0)
            )
            painter.drawLine(
                self.port_centre() + QPointF(0, -3.5), self.port_centre() + QPointF(0, 3.5)
            )

    def _paint_progress(self, painter: QPainter, box: QRectF, accent: QColor) -> None:
        share = min(1.0, max(0.0, self._progress or 0.0))
        track = QRectF(22, box.height() - 5, box.width() - 44, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._style.lane_shade)
        painter.drawRect(track)
        painter.setBrush(accent)
        painter.drawRect(QRectF(track.left(), track.top(), track.width() * share, track.height()))
