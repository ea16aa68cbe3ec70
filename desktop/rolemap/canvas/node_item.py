"""NodeItem: one box on the map, painted by hand (fast to build, cheap to draw).

The item knows its node id and the values it shows; it never writes the
model. Dragging moves it freely inside its lane; the scene turns the drop
into one move command.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from rolemap.canvas.style import CanvasStyle
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
        self._style = style
        self._title = node.title
        self._notes = node.notes
        self._subtitle = ""
        self._title_text: QStaticText | None = None  # laid out at the first close-up paint
        self._subtitle_text = _NO_TEXT
        self._category = QColor(category_colour)
        self._finding: Finding | None = None
        self._progress: float | None = None
        self._hover = False
        self._syncing = False
        self.setPos(node.x, node.y)  # before geometry changes are sent: no itemChange calls
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self.update_from(node, category_colour)

    # -- data -----------------------------------------------------------------

    def update_from(self, node: Node, category_colour: str) -> None:
        """Show a node's current values."""
        self._title = node.title
        self._notes = node.notes
        self._subtitle = subtitle(node)
        self._category = QColor(category_colour)
        self._title_text = None
        self._update_tooltip()
        self.place(node.x, node.y)
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
        self._title_text = None
        self.update()

    def _layout_text(self) -> QStaticText:
        # Laid out once per change, not on every paint: QStaticText caches the glyphs.
        inset = 16.0 if self.kind is NodeKind.OUTCOME else 14.0
        width = geometry.NODE_WIDTH - inset - 12
        metrics = QFontMetricsF(self._style.title_font)
        title = self._title
        if metrics.horizontalAdvance(title) > width * 2 - 8:
            title = metrics.elidedText(title, Qt.TextElideMode.ElideRight, width * 2 - 8)
        self._title_text = QStaticText(title)
        self._title_text.setTextFormat(Qt.TextFormat.PlainText)
        self._title_text.setTextWidth(width)
        small = QFontMetricsF(self._style.small_font)
        sub = small.elidedText(self._subtitle, Qt.TextElideMode.ElideRight, width)
        self._subtitle_text = QStaticText(sub)
        self._subtitle_text.setTextFormat(Qt.TextFormat.PlainText)
        return self._title_text

    def _update_tooltip(self) -> None:
        parts = [self._title, self._notes]
        if self._finding is not None:
            parts.append(self._finding.explanation)
        self.setToolTip("\n".join(p for p in parts if p))

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

    def set_progress(self, progress: float | None) -> None:
        """Show an outcome's progress towards its target (0–1), or none."""
        if progress != self._progress:
            self._progress = progress
            self.update()

    @property
    def progress(self) -> float | None:
        """The progress shown (outcomes with a check-in), else None."""
        return self._progress

    @property
    def title(self) -> str:
        """The title shown."""
        return self._title

    # -- geometry ----------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        pad = PORT_RADIUS + 2
        return QRectF(-2, -2, geometry.NODE_WIDTH + pad + 2, geometry.NODE_HEIGHT + 4)

    def box(self) -> QRectF:
        """The box in item coordinates."""
        return QRectF(0, 0, geometry.NODE_WIDTH, geometry.NODE_HEIGHT)

    def port_centre(self) -> QPointF:
        """The link port on the right edge, in item coordinates."""
        return QPointF(geometry.NODE_WIDTH, geometry.NODE_HEIGHT / 2)

    def on_port(self, item_pos: QPointF) -> bool:
        """Whether a point (item coordinates) is on the link port."""
        if self.kind is NodeKind.OUTCOME:
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
        if lod < 0.35:
            return  # far out: boxes only, no text
        inset = 16.0 if self.kind is NodeKind.OUTCOME else 14.0
        painter.setPen(style.node_text)
        painter.setFont(style.title_font)
        title = self._title_text or self._layout_text()
        painter.drawStaticText(QPointF(inset, TITLE_TOP), title)
        if self._subtitle:
            painter.setFont(style.small_font)
            painter.setPen(style.node_subtext)
            painter.drawStaticText(QPointF(inset, box.height() - 21), self._subtitle_text)

        if self._finding is not None:
            text, colour = BADGES[self._finding]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QPointF(box.right() - 14, 12), 7, 7)
            painter.setPen(QColor("white"))
            painter.setFont(style.small_font)
            painter.drawText(
                QRectF(box.right() - 21, 5, 14, 14), int(Qt.AlignmentFlag.AlignCenter), text
            )

        if self.kind is not NodeKind.OUTCOME and (self._hover or selected):
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
