"""The window's data-safety actions: File → Restore from backup…, Help → Open data folder.

A restore first backs up the current data, then copies the chosen backup into
the open database in one transaction (see store.restore), and the document
reloads from the file: the undo history is dropped, since it described the
data that was replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from rolemap.document.document import RoleDocument
from rolemap.store.backup_folder import list_backups
from rolemap.store.errors import StoreError
from rolemap.store.restore import restore_backup
from rolemap.ui.restore_dialog import RestoreDialog

STATUS_TIMEOUT_MS = 12000


class DataSafetyActions:
    """Handlers for the actions table ("safety.restore_from_backup", …)."""

    def __init__(self, window: QMainWindow, document: RoleDocument) -> None:
        self._window = window
        self._document = document

    @property
    def data_folder(self) -> Path:
        """The folder holding the database and its `backups/`."""
        return self._document.store.path.resolve().parent

    def restore_from_backup(self) -> None:
        """Let the person pick a backup, then restore it."""
        dialog = RestoreDialog(list_backups(self._document.store.path), self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen = dialog.chosen()
        if chosen is not None:
            self.restore(chosen)

    def restore(self, backup: Path) -> bool:
        """Restore `backup` (after backing up the current data) and reload the document."""
        try:
            safety = restore_backup(self._document.store, backup)
        except StoreError as error:
            QMessageBox.warning(self._window, "Restore failed", str(error))
            return False
        self._document.reload()
        self._window.statusBar().showMessage(
            f"Restored {backup.name}. Your data from before is in {safety.name}.",
            STATUS_TIMEOUT_MS,
        )
        return True

    def open_data_folder(self) -> None:
        """Show the data folder (database and backups) in the file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))
