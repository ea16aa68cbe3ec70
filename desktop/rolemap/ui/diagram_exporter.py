"""The window's File → Export diagram… and File → Print… actions.

The dialog and the renderer are imported when first used: together they cost
about 50 ms of imports (QtPrintSupport, QtSvg, the page composer) that the
window's start-up should not pay.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from rolemap.document.document import RoleDocument


class DiagramExporter:
    """The window's helper for File → Export diagram… and File → Print…."""

    def __init__(
        self,
        document: RoleDocument,
        parent: QWidget,
        saved: Callable[[Path], None] | None = None,
    ) -> None:
        self.document = document
        self.parent = parent
        self._saved = saved  # told where an exported file went (the status bar says it)

    def export_diagram(self) -> None:
        """Open the export dialog on the current role."""
        if not self.document.has_role:
            return
        from rolemap.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.document, self.parent)
        written: list[str] = []
        dialog.exported.connect(written.append)
        dialog.exec()
        dialog.deleteLater()
        if written and self._saved is not None:
            self._saved(Path(written[-1]).expanduser())

    def print_diagram(self) -> None:
        """Print the current role's page with the system's print dialog."""
        if not self.document.has_role:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from rolemap.render.writers import page_layout
        from rolemap.store.preferences import load_preset
        from rolemap.ui.export_dialog import composition_for, print_composition

        preset = load_preset(self.document.store, self.document.role_map.role.id)
        composition = composition_for(self.document, preset)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(composition))
        printer.setFullPage(True)
        printer.setDocName(f"{self.document.role_map.role.name} — role map")
        if QPrintDialog(printer, self.parent).exec() != QDialog.DialogCode.Accepted:
            return
        print_composition(printer, composition)
