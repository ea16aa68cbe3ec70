"""WindowCommands: About, Keyboard, the recent databases, opening another database, Shift+F10.

The handlers behind "window_commands.…" in the actions table, and what fills
File → Open recent when it opens.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from rolemap import __version__
from rolemap.document.document import RoleDocument
from rolemap.store.locations import data_folder
from rolemap.ui.status_messages import STATUS_TIMEOUT_MS
from rolemap.ui.window_settings import WindowSettings


class WindowCommands:
    """The window-level commands of `window` on `document`."""

    def __init__(
        self, window: QMainWindow, document: RoleDocument, settings: WindowSettings
    ) -> None:
        self._window = window
        self._document = document
        self._settings = settings

    def about(self) -> None:
        """Version and where the data is."""
        from PySide6.QtWidgets import QMessageBox  # here: its enums cost start-up time

        QMessageBox.about(self._window, "About Rolemap", self.about_text())

    def keyboard_help(self) -> None:
        """Help → Keyboard: every key of the map and the menus."""
        from rolemap.ui.keys_help import KeysDialog

        dialog = KeysDialog(self._window)
        dialog.exec()
        dialog.deleteLater()

    def about_text(self) -> str:
        """The About box: version, data folder, database and backups."""
        database = self._document.store.path
        return (
            f"<b>Rolemap {__version__}</b>"
            "<p>Map a role as activities → outputs → outcomes, track where the time "
            "goes, and print it on one page.</p>"
            f"<p>Data folder: {data_folder()}<br>Database: {database}<br>"
            f"Backups: {database.parent / 'backups'}</p>"
        )

    def fill_recent_menu(self, menu: QMenu) -> None:
        """List the other databases opened before, most recent first."""
        menu.clear()
        current = self._document.store.path.resolve()
        others = [p for p in self._settings.recent_databases() if p != current]
        for path in others:
            menu.addAction(str(path), partial(self.open_database, path))
        if not others:
            menu.addAction("No other databases yet").setEnabled(False)

    def open_database(self, path: Path) -> bool:
        """Open another database in its own window (each file has one window and one store)."""
        from PySide6.QtCore import QProcess

        program = sys.executable
        arguments = ["--db", str(path)]
        if not getattr(sys, "frozen", False):
            arguments = ["-m", "rolemap", *arguments]
        if QProcess.startDetached(program, arguments)[0]:
            return True
        self._window.statusBar().showMessage(f"Could not open {path}.", STATUS_TIMEOUT_MS)
        return False

    def open_context_menu(self) -> None:
        """Shift+F10: open the focused widget's context menu, as the Menu key does.

        The widget gets the event Qt sends for the Menu key (reason Keyboard, at
        its text cursor or its middle), so it answers both keys the same way.
        """
        widget = QApplication.focusWidget()
        if widget is None:
            return
        cursor = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
        if isinstance(cursor, QRectF) and not cursor.isNull():
            point = cursor.toRect().center()
        else:
            point = widget.rect().center()
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, point, widget.mapToGlobal(point)
        )
        QApplication.sendEvent(widget, event)
