"""Drawing a composition with QPainter: the same strokes on PDF, SVG, PNG, printer and preview.

The painter takes every decision from the composition; it only maps page
points to the device and draws. Text is drawn at the measuring font's
reference size under a scale, so widths match what the composition measured.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from rolemap.domain.kinds import NodeKind
from rolemap.render import palette
from rolemap.render.metrics import REFERENCE_PX, reference_font
from rolemap.render.shapes import Box, Composition, Curve, Swatch, Text


def paint_composition(painter: QPainter, composition: Composition, target: QRectF) -> None:
    """Draw `composition` into `target` (device coordinates), keeping the page's proportions."""
    page = composition.page
    scale = min(target.width() / page.width, target.height() / page.height)
    painter.save()
    painter.translate(target.x(), target.y())
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, page.width, page.height), QColor(palette.PAPER))
    _Painter(painter).draw(composition)
    painter.restore()


class _Painter:
    def __init__(self, painter: QPainter) -> None:
        self.p = painter
        self.fonts = {False: reference_font(False), True: reference_font(True)}
        self.metrics = {bold: QFontMetricsF(font) for bold, font in self.fonts.items()}
        self.widths: dict[tuple[str, bool], float] = {}
        self.colours: dict[str, QColor] = {}
        self.ascent = self.metrics[False].ascent()
        self.height = self.metrics[False].ascent() + self.metrics[False].descent()
        self.base = painter.transform()

    def draw(self, c: Composition) -> None:
        p = self.p
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(palette.LANE))
        for _, rect in c.lanes:
            p.drawRoundedRect(QRectF(rect.x, rect.y, rect.w, rect.h), 4, 4)
        pen = QPen(QColor(palette.FAINT), 0.5)
        p.setPen(pen)
        for x0, x1, y in c.rules:
            p.drawLine(QPointF(x0, y), QPointF(x1, y))
        self.curves(c.curves, c.link_opacity)
        for box in c.boxes:
            self.box(box)
        for swatch in c.swatches:
            self.swatch(swatch)
        for text in c.texts:
            self.text(text)

    def curves(self, curves: tuple[Curve, ...], opacity: float) -> None:
        """All links as two paths (solid, dashed) and one of arrowheads: fast on every device."""
        p = self.p
        colour = QColor(palette.LINK)
        colour.setAlphaF(opacity)
        lines = {False: QPainterPath(), True: QPainterPath()}
        heads = QPainterPath()
        width = 0.5
        for curve in curves:
            width = curve.width
            tip = QPointF(*curve.p3)
            path = lines[curve.dashed]
            path.moveTo(QPointF(*curve.p0))
            for _, c1, c2, end in curve.segments[:-1]:
                path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
            _, c1, c2, _ = curve.segments[-1]
            path.cubicTo(QPointF(*c1), QPointF(*c2), tip - QPointF(curve.arrow, 0))
            a = curve.arrow
            heads.addPolygon(
                QPolygonF(
                    [tip, QPointF(tip.x() - a * 1.3, tip.y() - a * 0.55),
                     QPointF(tip.x() - a * 1.3, tip.y() + a * 0.55), tip]
                )
            )  # fmt: skip
        p.setBrush(Qt.BrushStyle.NoBrush)
        for dashed, path in lines.items():
            if path.isEmpty():
                continue
            pen = QPen(colour, width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            if dashed:
                pen.setDashPattern([4.0, 3.0])
            p.setPen(pen)
            p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawPath(heads)

    def box(self, box: Box) -> None:
        p = self.p
        r = QRectF(box.rect.x, box.rect.y, box.rect.w, box.rect.h)
        outline = QPen(self.colour(palette.border(box.kind)), max(0.25, min(0.8, r.height() / 40)))
        p.setPen(outline)
        p.setBrush(self.colour(palette.tint(box.kind)))
        p.drawRoundedRect(r, box.radius, box.radius)
        if box.kind is NodeKind.ACTIVITY and box.category_colour:
            # The category as a bar just inside the left edge (a clipped corner costs 10×).
            bar = max(0.6, box.radius * 0.5)
            inset = box.radius * 0.45
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.colour(box.category_colour))
            p.drawRoundedRect(
                QRectF(r.x() + inset, r.y() + inset, bar, r.height() - 2 * inset), bar / 2, bar / 2
            )
        elif box.kind is NodeKind.OUTPUT:
            fold = min(r.height() * 0.28, box.radius * 1.4)
            path = QPainterPath(QPointF(r.right() - fold, r.top()))
            path.lineTo(r.right(), r.top() + fold)
            path.lineTo(r.right() - fold, r.top() + fold)
            path.closeSubpath()
            p.setPen(QPen(self.colour(palette.border(box.kind)), outline.widthF() * 0.8))
            p.setBrush(self.colour(palette.mix(palette.KIND_ACCENT[box.kind], 0.35)))
            p.drawPath(path)
        for text in box.texts:
            self.text(text)
        if box.flagged:
            self.badge(QPointF(r.right() - box.badge * 0.2, r.top() + box.badge * 0.2), box.badge)

    def badge(self, centre: QPointF, radius: float) -> None:
        p = self.p
        p.setPen(QPen(QColor(palette.PAPER), radius * 0.25))
        p.setBrush(QColor(palette.FLAG))
        p.drawEllipse(centre, radius, radius)
        mark = QPen(QColor(palette.PAPER), radius * 0.28)
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(mark)
        p.drawLine(centre + QPointF(0, -radius * 0.5), centre + QPointF(0, radius * 0.12))
        p.drawPoint(centre + QPointF(0, radius * 0.5))

    def swatch(self, swatch: Swatch) -> None:
        p = self.p
        r = QRectF(swatch.rect.x, swatch.rect.y, swatch.rect.w, swatch.rect.h)
        if swatch.kind is not None:
            kind = swatch.kind
            p.setPen(QPen(QColor(palette.border(kind)), 0.6))
            p.setBrush(QColor(palette.tint(kind)))
            radius = {NodeKind.OUTCOME: r.height() / 2, NodeKind.INPUT: 0.8}.get(kind, 2.0)
            p.drawRoundedRect(r, radius, radius)
        elif swatch.colour is not None:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(swatch.colour))
            p.drawRoundedRect(r, 1.2, 1.2)
        elif swatch.badge:
            self.badge(r.center(), r.height() / 2)
        elif swatch.dashed:
            pen = QPen(QColor(palette.LINK), 0.8)
            pen.setDashPattern([4.0, 3.0])
            p.setPen(pen)
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))

    def text(self, text: Text) -> None:
        p = self.p
        factor = text.size / REFERENCE_PX
        font = self.fonts[text.bold]
        x = text.x
        if text.align != "left":
            width = self.advance(text.text, text.bold) * factor
            x += text.w - width if text.align == "right" else (text.w - width) / 2
        # Drawing at a point skips Qt's text layout: ~3× faster than a rectangle with flags.
        baseline = text.y + (text.size * 1.22 - self.height * factor) / 2 + self.ascent * factor
        p.setTransform(QTransform(factor, 0, 0, factor, x, baseline) * self.base)
        p.setFont(font)
        p.setPen(self.colour(text.colour))
        p.drawText(QPointF(0, 0), text.text)
        p.setTransform(self.base)

    def colour(self, name: str) -> QColor:
        found = self.colours.get(name)
        if found is None:
            found = self.colours[name] = QColor(name)
        return found

    def advance(self, text: str, bold: bool) -> float:
        key = (text, bold)
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = self.metrics[bold].horizontalAdvance(text)
        return width
