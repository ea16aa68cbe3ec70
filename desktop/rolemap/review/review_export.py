"""ReviewExporter: a review saved as PDF (one or two pages) or Markdown, where the person says.

The file is written by the code `rolemap review export` runs: the pages of
`render/review_pages.py` through a temporary file and a rename, or the
Markdown of `services/review_report.py` through `system/atomic_write.py`.
A failure is said in a message box and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rolemap.domain.review_sheet import ReviewSheet

FILTERS = {"pdf": "PDF document (*.pdf)", "md": "Markdown (*.md)"}


def file_name(sheet: ReviewSheet, fmt: str = "pdf") -> str:
    """A file name for the review: "engineering-manager-review-2026-11-01.pdf"."""
    slug = "".join(c if c.isalnum() else "-" for c in sheet.role_name.casefold())
    slug = "-".join(filter(None, slug.split("-"))) or "role"
    return f"{slug}-review-{sheet.review.first_day.isoformat()}.{fmt}"


def locale_paper() -> str:
    """ "letter" where the locale measures in US units, else "a4"."""
    system = QLocale().measurementSystem()
    return "letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


class ReviewExporter:
    """Ask where, then write the review; remembers the folder for the next time."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.folder = Path.home()
        self.notes: tuple[str, ...] = ()  # what the last PDF wants said (more than two pages)

    def export(self, sheet: ReviewSheet) -> Path | None:
        """Ask for a file (PDF or Markdown) and write the review there; the path, or None."""
        name, chosen = QFileDialog.getSaveFileName(
            self.parent,
            "Export review",
            str(self.folder / file_name(sheet)),
            ";;".join(FILTERS.values()),
        )
        if not name:
            return None
        path = Path(name)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in FILTERS:
            fmt = "md" if chosen == FILTERS["md"] else "pdf"
            path = path.with_suffix(f".{fmt}")
        return path if self.write(sheet, path) else None

    def write(self, sheet: ReviewSheet, path: Path) -> bool:
        """Write the review to `path` (.md: Markdown, else PDF); a failure is said in a box."""
        from rolemap.render.writers import RenderError
        from rolemap.system.atomic_write import WriteError

        self.notes = ()
        try:
            if path.suffix.lower() == ".md":
                from rolemap.services.review_report import markdown
                from rolemap.system.atomic_write import write_bytes

                write_bytes(path, markdown(sheet).encode("utf-8"))
            else:
                from rolemap.render.review_pages import compose_review, write_review_pdf

                pages = compose_review(sheet, locale_paper())
                self.notes = pages.notes
                write_review_pdf(pages, path, title=f"{sheet.role_name} — review of {sheet.span}")
        except (RenderError, WriteError) as error:
            QMessageBox.warning(self.parent, "Export review", f"{error}\nNothing was written.")
            return False
        self.folder = path.parent
        return True
