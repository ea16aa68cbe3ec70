"""Writing a composition to PDF, SVG or PNG: one page, real text, never half-written.

Each writer paints into a temporary file beside the target and renames it
over the target only once painting has finished, so a failure leaves no
partial file and an existing file untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from rolemap.render.composition import Composition
from rolemap.render.painter import paint_composition
from rolemap.system.atomic_write import WriteError, write_through_temporary

FORMATS = ("pdf", "svg", "png")
DEFAULT_DPI = 300
PDF_DPI = 1200


class RenderError(Exception):
    """The diagram could not be written; the message says why, in plain words."""


def page_layout(composition: Composition) -> QPageLayout:
    """The Qt page layout of the composition's sheet (no device margins: ours are drawn)."""
    page = composition.page
    size = QPageSize(
        {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter,
         "a3": QPageSize.PageSizeId.A3}[page.size]
    )  # fmt: skip
    orientation = (
        QPageLayout.Orientation.Landscape if page.landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def render_image(composition: Composition, dpi: float = DEFAULT_DPI) -> QImage:
    """The page as an image at `dpi` (white paper)."""
    width, height = composition.page.pixel_size(dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    paint_composition(painter, composition, QRectF(0, 0, width, height))
    painter.end()
    return image


def write_pdf(composition: Composition, path: Path) -> None:
    """One PDF page with selectable text."""

    def paint(temporary: str) -> None:
        writer = QPdfWriter(temporary)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout(composition))
        writer.setTitle(_title(composition))
        writer.setCreator("Rolemap")
        _paint_on(writer, composition)

    _atomically(path, paint)


def write_svg(composition: Composition, path: Path) -> None:
    """An SVG of the page in points (text stays text)."""

    def paint(temporary: str) -> None:
        page = composition.page
        generator = QSvgGenerator()
        generator.setFileName(temporary)
        generator.setResolution(72)
        generator.setSize(QSize(round(page.width), round(page.height)))
        generator.setViewBox(QRectF(0, 0, page.width, page.height))
        generator.setTitle(_title(composition))
        generator.setDescription("A one-page role map made with Rolemap")
        _paint_on(generator, composition)

    _atomically(path, paint)


def write_png(composition: Composition, path: Path, dpi: float = DEFAULT_DPI) -> None:
    """A PNG of the page at `dpi`."""

    def paint(temporary: str) -> None:
        if not render_image(composition, dpi).save(temporary, "PNG"):  # type: ignore[call-overload]
            raise RenderError(f"Cannot write {path}: the image could not be encoded.")

    _atomically(path, paint)


def write(composition: Composition, path: Path, fmt: str, dpi: float = DEFAULT_DPI) -> None:
    """Write in `fmt` ("pdf", "svg" or "png")."""
    if fmt == "pdf":
        write_pdf(composition, path)
    elif fmt == "svg":
        write_svg(composition, path)
    elif fmt == "png":
        write_png(composition, path, dpi)
    else:
        raise RenderError(f"Unknown format ‘{fmt}’; choose one of {', '.join(FORMATS)}.")


def _title(composition: Composition) -> str:
    name = next((t.text for t in composition.texts), "Role")
    return f"{name} — role map"


def _paint_on(device: QPdfWriter | QSvgGenerator, composition: Composition) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise RenderError("Cannot start painting the page.")
    try:
        if isinstance(device, QPdfWriter):
            rect = QRectF(0, 0, device.width(), device.height())
        else:
            rect = QRectF(0, 0, composition.page.width, composition.page.height)
        paint_composition(painter, composition, rect)
    finally:
        painter.end()


def _atomically(path: Path, paint: Callable[[str], None]) -> None:
    """Run `paint(temporary)` then rename the temporary over `path`."""
    try:
        write_through_temporary(path, paint)
    except WriteError as error:
        raise RenderError(str(error)) from None
