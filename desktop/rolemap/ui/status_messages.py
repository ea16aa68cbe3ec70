"""StatusMessages: what the status bar says about edits, and for how long.

Every message has a timeout, so that none outlives its news. A refused or
unsaved edit's message also goes as soon as a later edit succeeds: left
there, it reads as the verdict on the edit just made. A refusal and a
success in one gesture (in the same turn of the event loop) keep the refusal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from rolemap.document.document import RoleDocument

STATUS_TIMEOUT_MS = 8000
FAILED_TIMEOUT_MS = 16000


class StatusMessages(QObject):
    """The window's status-bar messages about `document`'s edits."""

    def __init__(self, window: QMainWindow, document: RoleDocument) -> None:
        super().__init__(window)
        self._window = window
        self._bar = window.statusBar()
        self._problem: str | None = None  # the refusal or failure on show
        self._armed = False  # a later edit may clear it
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
        from PySide6.QtWidgets import QMessageBox  # here: its enums cost start-up time

        QMessageBox.warning(self._window, "Not saved", message)

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        if self._problem is not None and self._armed:
            if self._bar.currentMessage() == self._problem:
                self._bar.clearMessage()
            self._problem = None
