"""StatusMessages: what the status bar says about edits, and for how long.

Every message has a timeout, so that none outlives its news. A refused or
unsaved edit's message also goes as soon as a later edit succeeds: left
there, it reads as the verdict on the edit just made. A refusal and a
success in one gesture (in the same turn of the event loop) keep the refusal.

A saved file is announced with where it went and an "Open folder" button
(`show_saved`): a notice of its own, since a plain status message cannot hold
a button. It goes after a while, or as soon as another message comes.

A database that cannot be written (`Store.read_only`) is said once and for
good, in a strip above the tabs (`show_read_only`); a change tried anyway is
refused in the status bar with the store's words, without the "Not saved"
box that a full disk gets: the strip has said it already, and a box at each
try would only be in the way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from rolemap.document.document import RoleDocument

if TYPE_CHECKING:  # made on first use: not on the first paint's import path
    from PySide6.QtWidgets import QLabel

    from rolemap.ui.saved_notice import SavedNotice

READ_ONLY_NOTE = (
    "This database is read-only: its file or folder cannot be written. Changes cannot be saved."
)
STATUS_TIMEOUT_MS = 8000
FAILED_TIMEOUT_MS = 16000
SAVED_TIMEOUT_MS = 20000


class StatusMessages(QObject):
    """The window's status-bar messages about `document`'s edits."""

    def __init__(self, window: QMainWindow, document: RoleDocument) -> None:
        super().__init__(window)
        self._window = window
        self._document = document
        self._bar = window.statusBar()
        self.read_only_note: QLabel | None = None  # the read-only strip's text, once shown
        self._problem: str | None = None  # the refusal or failure on show
        self._armed = False  # a later edit may clear it
        self.notice: SavedNotice | None = None  # the "saved to … [Open folder]" on show
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.clear_notice)
        self._bar.messageChanged.connect(self._on_bar_message_changed)
        document.edit_refused.connect(self._on_document_edit_refused)
        document.edit_failed.connect(self._on_document_edit_failed)
        for signal in (
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_changed,
            document.link_removed,
            document.role_changed,
            document.role_switched,
            document.records_changed,
        ):
            signal.connect(self._on_document_changed)

    def show(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        """Show `text` for `timeout_ms`."""
        self._problem = None
        self._bar.showMessage(text, timeout_ms)

    def show_saved(self, path: Path, what: str = "the diagram") -> None:
        """Say where a file was saved, with a button that opens its folder."""
        from rolemap.ui.saved_notice import SavedNotice

        self.clear_notice()
        self._bar.clearMessage()
        self.notice = SavedNotice(f"Saved {what} to {path}", Path(path), self._bar)
        self._bar.addWidget(self.notice, 1)
        self.notice.show()
        self._notice_timer.start(SAVED_TIMEOUT_MS)

    def show_read_only(self) -> None:
        """Say for good, above the tabs, that this database cannot be written (once)."""
        if self.read_only_note is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel, QToolBar

        strip = QToolBar("Read-only", self._window)
        strip.setObjectName("read-only-banner")
        strip.setMovable(False)
        strip.setFloatable(False)
        strip.toggleViewAction().setVisible(False)  # not something to hide by mistake
        strip.setStyleSheet("#read-only-banner { background: #fff3cd; border: none; }")
        note = QLabel(READ_ONLY_NOTE, strip)
        note.setObjectName("read-only-note")
        note.setStyleSheet("color: #5c4400; padding: 4px 8px;")
        note.setAccessibleName(READ_ONLY_NOTE)
        note.setToolTip(str(getattr(self._document.store, "path", "")))
        strip.addWidget(note)
        self._window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self._window.addToolBar(Qt.ToolBarArea.TopToolBarArea, strip)
        self.read_only_note = note

    @Slot()
    def clear_notice(self) -> None:
        """Take the saved-file notice away (its time is up, or other news came)."""
        notice, self.notice = self.notice, None
        if notice is not None:
            self._bar.removeWidget(notice)
            notice.deleteLater()

    @Slot(str)
    def _on_bar_message_changed(self, text: str) -> None:
        if text:  # another message covers it: it would come back stale when that one goes
            self.clear_notice()

    def _show_problem(self, text: str, timeout_ms: int) -> None:
        self._bar.showMessage(text, timeout_ms)
        self._problem = text
        self._armed = False
        QTimer.singleShot(0, self._arm)

    @Slot()
    def _arm(self) -> None:
        self._armed = True

    @Slot(str)
    def _on_document_edit_refused(self, message: str) -> None:
        self._show_problem(message, STATUS_TIMEOUT_MS)

    @Slot(str)
    def _on_document_edit_failed(self, message: str) -> None:
        self._show_problem(message, FAILED_TIMEOUT_MS)
        if self.read_only_note is not None:
            return  # the strip above the tabs says why already (see the module docstring)
        from PySide6.QtWidgets import QMessageBox  # here: its enums cost start-up time

        QMessageBox.warning(self._window, "Not saved", message)

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        if self._problem is not None and self._armed:
            if self._bar.currentMessage() == self._problem:
                self._bar.clearMessage()
            self._problem = None
