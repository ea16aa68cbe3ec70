"""The window's two-step start: a callback after the first paint, and tab pages filled later.

`MainWindow.__init__` builds what the first paint shows; `FirstPaint` calls it
back once the window has painted, and the window then builds the rest (the
Track and Dashboard tabs' contents, the menus' helpers) into `LazyPage`s that
were placed in the tabs empty.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """A tab's page whose content is built later."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_content(self, widget: QWidget) -> None:
        """Show `widget` as the page."""
        self._layout.addWidget(widget)


class FirstPaint(QObject):
    """Calls `callback` once, after `widget` first paints."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # The window's children paint in this same pass, before the timer fires.
            QTimer.singleShot(0, self._callback)
        return False
