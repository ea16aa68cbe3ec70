"""A whole map built with the keyboard only (the walk: tests/gui/keyboard_walk.py), key events
sent by pytest-qt to whatever has the focus, as a keyboard's are.

(tests/gui_xcb/test_xcb_keyboard_walk.py walks the same way through a real X server.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from tests.gui.keyboard_walk import NONE, walk

from rolemap.ui.main_window import MainWindow


class QtKeys:
    """Key events from pytest-qt to the focused widget."""

    def __init__(self, qtbot: QtBot, window: QWidget) -> None:
        self.qtbot = qtbot
        self.window = window

    def focused(self) -> QWidget:
        if QApplication.focusWidget() is None and QApplication.activeModalWidget() is None:
            # A window manager gives the window back its focus when a dialog closes;
            # the offscreen platform has none, so the test does what it would.
            self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
        self.qtbot.keyClick(self.focused(), key, modifiers)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)


def test_a_whole_map_with_the_keyboard_only(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()
    walk(qtbot, window, QtKeys(qtbot, window))
