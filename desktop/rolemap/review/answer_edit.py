"""AnswerEdit: the free-text answer to one question, saved as it is typed.

The text is handed on (`answer_edited`) after a pause in typing
(SAVE_DELAY_MS), when the box loses the focus, and whenever the tab asks
(`flush`: on hiding, on quitting, before finishing or switching role), so
that nothing typed waits in a timer when the window closes. An answer that
could not be saved stays pending (`keep_pending`) and goes again at the next
pause or flush. Ctrl+Z inside the box is the box's own undo.

Keys: Tab and Shift+Tab leave the box (they do not type a tab); Ctrl+Enter
goes to the next question's answer, Ctrl+Shift+Enter to the previous one.

Signals:
    answer_edited(int, str): the question's number and the text to keep.
    next_requested(int), previous_requested(int): Ctrl+Enter, Ctrl+Shift+Enter (the number).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

SAVE_DELAY_MS = 500  # a pause in typing; each save is one small write (issue 13)
LINES = 6


class AnswerEdit(QPlainTextEdit):
    """The answer to question `number`; see the module docstring."""

    answer_edited = Signal(int, str)
    next_requested = Signal(int)
    previous_requested = Signal(int)

    def __init__(self, number: int, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.setObjectName(f"review-answer-{number}")
        self.setAccessibleName(f"Answer to question {number}: {question}")
        self.setAccessibleDescription(
            "Saved as you type. Ctrl+Enter goes to the next question's answer."
        )
        self.setPlaceholderText("Your answer: saved as you type. Ctrl+Enter: next question.")
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.pending = False  # typed and not yet handed on (or handed on and not saved)
        self._loading = False
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SAVE_DELAY_MS)
        self._pause.timeout.connect(self.flush)
        self.textChanged.connect(self._on_text_changed)

    def set_answer(self, text: str) -> None:
        """Show `text` as the kept answer (nothing pending)."""
        self._pause.stop()
        self.pending = False
        if text == self.toPlainText():
            return
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False

    @Slot()
    def flush(self) -> None:
        """Hand on the text now if it was typed since it was last handed on."""
        self._pause.stop()
        if self.pending:
            self.pending = False
            self.answer_edited.emit(self.number, self.toPlainText())

    def keep_pending(self) -> None:
        """The last text handed on was not saved: hand it on again at the next chance."""
        self.pending = True

    @Slot()
    def _on_text_changed(self) -> None:
        if self._loading:
            return
        self.pending = True
        self._pause.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit(self.number)
            else:
                self.next_requested.emit(self.number)
            event.accept()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        lines = self.fontMetrics().lineSpacing() * LINES
        return QSize(320, lines + 2 * self.frameWidth() + 12)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())
