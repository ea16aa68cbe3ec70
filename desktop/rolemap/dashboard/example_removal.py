"""Asking before Edit → Remove example data: what goes (the counts), what stays, and undo."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rolemap.document.example_data import LABEL


def confirm_removal(parent: QWidget, entries: int, deliveries: int, checkins: int) -> bool:
    """True if the person chooses to remove the sample records, named by their counts."""
    box = QMessageBox(parent)
    box.setObjectName("confirm-remove-example-data")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(LABEL)
    box.setText(
        f"Remove the example role's sample records: {entries} time entries, "
        f"{deliveries} deliveries and {checkins} check-ins?"
    )
    box.setInformativeText(
        "Only the records that came with the example go; the map, and everything you "
        "recorded yourself, stay. Undo brings them back."
    )
    remove = box.addButton(LABEL, QMessageBox.ButtonRole.DestructiveRole)
    remove.setObjectName("remove")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is remove
