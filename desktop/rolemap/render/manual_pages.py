"""The operating manual as a PDF: the one-page diagram first, then the contents and sections.

Page 1 is the diagram exactly as `rolemap export` draws it (landscape); the
text pages (`render/manual_layout.py`) are portrait, in the same palette and
typeface, painted by the same painter. Qt writes the pages; pypdf then adds
what QPdfWriter cannot: bookmarks (the outline a PDF viewer shows beside the
pages), contents entries that jump to their page, and evidence links that
open. Everything happens in memory and lands through `atomic_write`: a
failure leaves no partial file.

`diagram_svg` gives the diagram as an inline `<svg>` element for the HTML
manual.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPdfWriter, QPen
from PySide6.QtSvg import QSvgGenerator

from rolemap.domain.handbook import DIAGRAM_TITLE, Handbook, long_date
from rolemap.render import palette
from rolemap.render.composition import Composition, compose
from rolemap.render.manual_flow import Anchor, Spark
from rolemap.render.manual_layout import Layout, lay_out
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import MARGIN, PageSetup
from rolemap.render.painter import paint_composition
from rolemap.render.shapes import Text
from rolemap.render.writers import PDF_DPI, RenderError, page_layout
from rolemap.system.atomic_write import WriteError, write_bytes

PAGES = ("a4", "letter")
DIAGRAM_MARGIN = 46.0  # the diagram's own margin, widened for the manual's running head


def _framed(diagram: Composition, handbook: Handbook, total: int) -> Composition:
    """The diagram with the manual's running head and page number, in its wider margin."""
    page = diagram.page
    x, w = page.margin, page.width - 2 * page.margin
    head_y, foot_y = 20.0, page.height - 30.0
    texts = (
        Text(x, head_y, w / 2, 7.5, f"1  {DIAGRAM_TITLE}", palette.MUTED, True),
        Text(x + w / 2, head_y, w / 2, 7.5, f"Operating manual · {handbook.period_label}",
             palette.MUTED, False, "right"),
        Text(x, foot_y, w / 2, 7.0, f"Made with Rolemap · {long_date(handbook.made)}",
             palette.MUTED),
        Text(x + w / 2, foot_y, w / 2, 7.5, f"Page 1 of {total}", palette.INK, True, "right"),
    )  # fmt: skip
    return dataclasses.replace(diagram, texts=(*diagram.texts, *texts))


def diagram_page(
    handbook: Handbook, size: str, measure: TextMeasure, margin: float = MARGIN
) -> Composition:
    """Section 1: the one-page diagram, landscape, with the period's figures."""
    diagram = handbook.diagram
    return compose(
        diagram.role_map,
        PageSetup(size, landscape=True, margin=margin),
        diagram.figures,
        period=diagram.period_label,
        footer=diagram.footer,
        today=handbook.made,
        measure=measure,
    )


def write_manual_pdf(handbook: Handbook, path: Path, size: str = "a4") -> list[str]:
    """Write the manual to `path`; returns notes for the person (the map was shrunk, …).

    Raises RenderError when the file cannot be written (nothing is left behind).
    """
    if size not in PAGES:
        raise RenderError(f"‘{size}’ is not a paper size: use a4 or letter.")
    measure = TextMeasure()
    diagram = diagram_page(handbook, size, measure, DIAGRAM_MARGIN)
    layout = lay_out(handbook, size, measure)
    framed = _framed(diagram, handbook, len(layout.pages) + 1)
    data, notes = _outlined(_paint_pdf(handbook, framed, layout), layout)
    try:
        write_bytes(Path(path), data)
    except WriteError as error:
        raise RenderError(str(error)) from None
    return [*diagram.notes, *notes]


def _paint_pdf(handbook: Handbook, diagram: Composition, layout: Layout) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle(handbook.title)
    writer.setCreator("Rolemap")
    writer.setPageLayout(page_layout(diagram))
    painter = QPainter()
    if not painter.begin(writer):
        raise RenderError("Cannot start painting the manual.")
    try:
        _paint_page(painter, writer, diagram)
        portrait = page_layout(layout.pages[0].composition(layout.setup))
        for page in layout.pages:
            writer.setPageLayout(portrait)
            writer.newPage()
            _paint_page(painter, writer, page.composition(layout.setup), page.sparks)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data())


def _paint_page(
    painter: QPainter,
    writer: QPdfWriter,
    composition: Composition,
    sparks: Sequence[Spark] = (),
) -> None:
    """One page; the device's size is read again, since the orientation may have changed."""
    target = QRectF(0, 0, writer.width(), writer.height())
    painter.setViewport(0, 0, writer.width(), writer.height())
    painter.setWindow(0, 0, writer.width(), writer.height())
    paint_composition(painter, composition, target)
    if sparks:
        page = composition.page
        scale = min(target.width() / page.width, target.height() / page.height)
        painter.save()
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for spark in sparks:
            _paint_spark(painter, spark)
        painter.restore()


def _paint_spark(painter: QPainter, spark: Spark) -> None:
    r = spark.rect
    values = spark.values
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = r.w / max(1, len(values) - 1)
    points = [
        QPointF(r.x + (i * step if len(values) > 1 else r.w / 2), r.bottom - (v - low) / span * r.h)
        for i, v in enumerate(values)
    ]
    colour = QColor(spark.colour)
    if len(points) > 1:
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        pen = QPen(colour, 0.9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(points[-1], 1.5, 1.5)


# -- what Qt cannot write: bookmarks and links ----------------------------------------------


def _outlined(data: bytes, layout: Layout) -> tuple[bytes, list[str]]:
    """The PDF with its bookmarks, contents links and evidence links added by pypdf.

    Without pypdf the manual is still written, whole, only without them (and says so).
    """
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf.annotations import Link
        from pypdf.generic import Fit, IndirectObject
    except ImportError:
        return data, ["The PDF has no bookmarks or links: the pypdf package is not installed."]

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    height = layout.setup.height
    parents: list[IndirectObject] = []
    for anchor in layout.anchors:
        top = _top(anchor, height)
        fit = Fit.xyz(left=0, top=top) if top is not None else Fit.fit()
        parent = parents[-1] if anchor.level > 0 and parents else None
        item = writer.add_outline_item(
            title=anchor.label, page_number=anchor.page, parent=parent, fit=fit
        )
        if anchor.level == 0:
            parents.append(item)
    for index, page in enumerate(layout.pages, start=1):
        for rect, target in page.links:
            box = (rect.x, height - rect.bottom, rect.right, height - rect.y)
            if isinstance(target, int):
                link = Link(rect=box, target_page_index=target, border=[0, 0, 0])
            else:
                link = Link(rect=box, url=target, border=[0, 0, 0])
            writer.add_annotation(page_number=index, annotation=link)
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), []


def _top(anchor: Anchor, height: float) -> float | None:
    """Where a bookmark opens: a little above its heading (the diagram opens whole)."""
    return None if anchor.page == 0 else min(height, height - anchor.y + 12)


# -- the diagram for the HTML manual --------------------------------------------------------

_DROP = re.compile(r'<\?xml[^>]*\?>\s*|\s(?:xmlns(?::\w+)?|width|height)="[^"]*"')


def diagram_svg(handbook: Handbook, size: str = "a4") -> tuple[str, list[str]]:
    """The diagram as an `<svg>` element to put inside HTML, and the notes of its composition.

    Qt's SVG writer escapes text; the XML declaration, the namespace URLs
    and the fixed size are dropped (an inline SVG needs none of them, and the
    page should hold no address), so the picture scales with the page.
    """
    composition = diagram_page(handbook, size, TextMeasure())
    page = composition.page
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(72)
    generator.setSize(QSize(round(page.width), round(page.height)))
    generator.setViewBox(QRectF(0, 0, page.width, page.height))
    generator.setTitle(f"{handbook.role_name} — role map")
    painter = QPainter()
    if not painter.begin(generator):
        raise RenderError("Cannot start painting the diagram.")
    try:
        paint_composition(painter, composition, QRectF(0, 0, page.width, page.height))
    finally:
        painter.end()
    buffer.close()
    text = bytes(data.data()).decode("utf-8")
    _, _, rest = text.partition("<svg")
    opening, _, body = rest.partition(">")
    opening = _DROP.sub("", opening)
    svg = f'<svg{opening} role="img">{body}'
    return svg.strip(), list(composition.notes)
