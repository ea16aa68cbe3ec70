"""Printing the week: the `compose_week` page on a printer, or saved as a PDF or PNG.

The page is the one `rolemap plan print` writes (render/week_page.py), through
the diagram's writers and painter. The paper follows the printer the person
chooses (A4 or Letter); a saved file takes the locale's paper. QtPrintSupport
and the writers are imported on first use, as the diagram's exporter does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from rolemap.domain.week_report import WeekReport
from rolemap.render.composition import Composition
from rolemap.render.page import PageSetup
from rolemap.render.week_page import compose_week

FILTERS = {"pdf": "PDF document (*.pdf)", "png": "PNG image (*.png)"}


def locale_paper() -> str:
    """ "letter" where the locale measures in US units, else "a4"."""
    system = QLocale().measurementSystem()
    return "letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def week_page(report: WeekReport, paper: str | None = None) -> Composition:
    """The week's page, portrait, on `paper` ("a4" or "letter"; default: the locale's)."""
    return compose_week(report, PageSetup(paper or locale_paper(), landscape=False))


def file_name(report: WeekReport, fmt: str = "pdf") -> str:
    """A file name for the week's page: "engineering-manager-2026-W49.pdf"."""
    slug = "".join(c if c.isalnum() else "-" for c in report.role_name.casefold()).strip("-")
    return f"{'-'.join(filter(None, slug.split('-'))) or 'role'}-{report.week.name}.{fmt}"


class WeekPrinter:
    """Print the week, or save it as a PDF or PNG, asking the person where."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.folder = Path.home()

    def print_report(self, report: WeekReport) -> bool:
        """Ask for a printer and print the week's page; False if cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from rolemap.render.writers import page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(week_page(report)))
        printer.setFullPage(True)
        printer.setDocName(f"{report.role_name} — {report.week.label}")
        if QPrintDialog(printer, self.parent).exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_on(printer, report)

    def print_on(self, printer: object, report: WeekReport) -> bool:
        """Paint the week's page on `printer` (a QPrinter), on the paper it has."""
        from PySide6.QtPrintSupport import QPrinter

        from rolemap.render.painter import paint_composition

        assert isinstance(printer, QPrinter)
        chosen = printer.pageLayout().pageSize().id()
        paper = "letter" if chosen == QPageSize.PageSizeId.Letter else "a4"
        composition = week_page(report, paper)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self.parent, "Print week", "The printer could not be started.")
            return False
        try:
            full = printer.pageLayout().fullRectPixels(printer.resolution())
            paint_composition(painter, composition, QRectF(0, 0, full.width(), full.height()))
        finally:
            painter.end()
        return True

    def save_report(self, report: WeekReport) -> Path | None:
        """Ask where, then save the week's page as a PDF or PNG; the path written, or None."""
        suggested = str(self.folder / file_name(report))
        name, chosen = QFileDialog.getSaveFileName(
            self.parent, "Save the week", suggested, ";;".join(FILTERS.values())
        )
        if not name:
            return None
        path = Path(name)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in FILTERS:
            fmt = "png" if chosen == FILTERS["png"] else "pdf"
            path = path.with_suffix(f".{fmt}")
        return path if self.save_to(report, path) else None

    def save_to(self, report: WeekReport, path: Path, paper: str | None = None) -> bool:
        """Write the week's page to `path` (.pdf or .png); a failure is said in a message box."""
        from rolemap.render.writers import RenderError, write

        fmt = path.suffix.lower().lstrip(".")
        try:
            write(week_page(report, paper), path, "png" if fmt == "png" else "pdf")
        except RenderError as error:
            QMessageBox.warning(self.parent, "Save the week", f"{error}\nNothing was written.")
            return False
        self.folder = path.parent
        return True
