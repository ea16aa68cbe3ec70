"""File → Restore from backup…: the backups beside the database, with what each holds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rolemap.store.backup_folder import BackupInfo
from rolemap.ui.startup_dialogs import describe_time

COLUMNS = ("Taken", "Size", "Roles", "Nodes", "Time entries", "File")


class RestoreDialog(QDialog):
    """Lists backups, newest first; `chosen()` is the backup to restore after accept."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore-dialog")
        self.setWindowTitle("Restore from backup")
        self.resize(720, 420)
        self._backups = backups
        intro = QLabel(
            "Choose a backup to put back. Your current data is backed up first, so a "
            "restore can itself be undone by restoring that copy."
            if backups
            else "There are no backups yet."
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), len(COLUMNS))
        self.table.setObjectName("backup-table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, info in enumerate(backups):
            cells = (
                describe_time(info),
                f"{info.size / 1024:.0f} KiB",
                _count(info.roles),
                _count(info.nodes),
                _count(info.time_entries),
                info.path.name,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 1 <= column <= 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not info.readable:
                    item.setToolTip("This backup cannot be read.")
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restore-button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        first = next((i for i, b in enumerate(backups) if b.readable), None)
        if first is not None:
            self.table.selectRow(first)
        self._on_table_item_selection_changed()

    def chosen(self) -> Path | None:
        """The selected backup's path, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self._backups[rows[0].row()].readable:
            return None
        return self._backups[rows[0].row()].path

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)
