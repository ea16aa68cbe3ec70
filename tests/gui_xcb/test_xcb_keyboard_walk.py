"""The keyboard-only walk (tests/gui/keyboard_walk.py) with keys pressed through the X server.

The same walk as tests/gui/test_keyboard_walk.py, but every key is a real X key
event (xdotool), so the platform's own shortcut keys, focus handling and
dialogs are what is walked through.
"""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.gui.keyboard_walk import NONE, walk
from tests.gui_xcb.conftest import X11

from rolemap.ui.main_window import MainWindow


class XKeys:
    """Keys through the X server; each takes effect before `press` returns.

    `QGuiApplication.sync()` makes a round trip to the X server and delivers what
    came before its answer: every key xdotool sent is handled then (no sleeping).
    """

    def __init__(self, qtbot: QtBot, x11: X11, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.x11 = x11
        self.window = window

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
        self._focus_back()
        self.x11.key(QKeySequence(QKeyCombination(modifiers, key)))
        QGuiApplication.sync()

    def type(self, text: str) -> None:
        self._focus_back()
        self.x11.type(text)
        QGuiApplication.sync()

    def _focus_back(self) -> None:
        # A window manager gives the window back the keyboard when a dialog closes; Xvfb
        # runs none, so the test does what it would.
        if QApplication.activeWindow() is None and QApplication.activeModalWidget() is None:
            self.window.activateWindow()
            self.qtbot.waitActive(self.window)


def test_a_whole_map_with_the_keyboard_only_on_x11(
    qtbot: QtBot, window: MainWindow, x11: X11
) -> None:
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    walk(qtbot, window, XKeys(qtbot, x11, window))
