"""Tests on a real X display: Qt's xcb platform, under Xvfb, in a process of their own.

`python tests/gui_xcb/run.py` (and `make test`) starts Xvfb and runs this
folder. The rest of the suite runs offscreen (`tests/conftest.py` sets that
before Qt loads), and one process can host only one Qt platform, so the
QApplication made here asks for xcb on its command line (which wins over
QT_QPA_PLATFORM), and these tests are skipped, with the reason, when they
would share a process with the offscreen tests or have no display: Qt aborts
the whole process when the xcb platform cannot start, so that is checked
before it is tried.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence

from rolemap.document.document import RoleDocument
from rolemap.system.qtcheck import OFFSCREEN_LIBS, WINDOW_LIBS
from rolemap.ui.main_window import MainWindow

HERE = Path(__file__).resolve().parent
RUN = "python tests/gui_xcb/run.py (make test runs it)"


def _why_not_xcb(items: list[pytest.Item]) -> str | None:
    if any(HERE not in Path(item.path).parents for item in items):
        return f"tests/gui_xcb need a pytest process of their own: {RUN}"
    if not os.environ.get("DISPLAY"):
        return f"no X display (DISPLAY is not set): {RUN}"
    missing = []
    for library, package in {**OFFSCREEN_LIBS, **WINDOW_LIBS}.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    if missing:
        return f"Qt's xcb platform needs: sudo apt-get install {' '.join(missing)}"
    if shutil.which("xdotool") is None:
        return "xdotool presses the keys and moves the mouse: sudo apt-get install xdotool"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's tests, saying why, where the xcb platform cannot be had."""
    mine = [item for item in items if HERE in Path(item.path).parents]
    reason = _why_not_xcb(items) if mine else None
    if reason is not None:
        for item in mine:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """The QApplication's arguments: the xcb platform, whatever QT_QPA_PLATFORM says."""
    return ["rolemap-tests", "-platform", "xcb"]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings of this test only (geometry, docks)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def document(qapp: object, store: object) -> Iterator[RoleDocument]:
    """A RoleDocument on the example role."""
    doc = RoleDocument(store)  # type: ignore[arg-type]
    doc.switch_role(doc.roles()[0].id)
    yield doc
    doc.undo_group.setActiveStack(None)


@pytest.fixture
def window(qtbot: object, document: RoleDocument, settings: QSettings) -> Iterator[MainWindow]:
    """The main window on the example role, shown on the X display, built in full and active."""
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.platformName() == "xcb"
    win = MainWindow(document, settings=settings)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    with qtbot.waitSignal(win.started):  # type: ignore[attr-defined]
        win.show()
    qtbot.waitExposed(win)  # type: ignore[attr-defined]
    win.activateWindow()
    qtbot.waitActive(win)  # type: ignore[attr-defined]
    yield win


# Qt's key → the X keysym xdotool types (letters and digits are their own names).
KEYSYMS = {
    Qt.Key.Key_Delete: "Delete",
    Qt.Key.Key_Return: "Return",
    Qt.Key.Key_Enter: "KP_Enter",
    Qt.Key.Key_Escape: "Escape",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Backtab: "Tab",  # Shift+Tab
    Qt.Key.Key_Backspace: "BackSpace",
    Qt.Key.Key_Insert: "Insert",
    Qt.Key.Key_Menu: "Menu",
    Qt.Key.Key_Plus: "plus",
    Qt.Key.Key_Minus: "minus",
    Qt.Key.Key_Equal: "equal",
    Qt.Key.Key_Apostrophe: "apostrophe",
    Qt.Key.Key_Left: "Left",
    Qt.Key.Key_Right: "Right",
    Qt.Key.Key_Up: "Up",
    Qt.Key.Key_Down: "Down",
}
MODIFIERS = (
    (Qt.KeyboardModifier.ControlModifier, "ctrl"),
    (Qt.KeyboardModifier.AltModifier, "alt"),
    (Qt.KeyboardModifier.ShiftModifier, "shift"),
    (Qt.KeyboardModifier.MetaModifier, "super"),
)


def keysym(sequence: QKeySequence) -> str:
    """What xdotool calls the one-chord `sequence` ("ctrl+shift+z")."""
    assert sequence.count() == 1, sequence.toString()
    chord = sequence[0]
    key = chord.key()
    if key in KEYSYMS:
        name = KEYSYMS[key]
    elif Qt.Key.Key_F1.value <= key.value <= Qt.Key.Key_F35.value:
        name = f"F{key.value - Qt.Key.Key_F1.value + 1}"
    elif 0x20 < key.value < 0x7F and chr(key.value).isalnum():
        name = chr(key.value).lower()
    else:
        raise AssertionError(f"no xdotool name for {sequence.toString()}; add it to KEYSYMS")
    modifiers = [word for flag, word in MODIFIERS if chord.keyboardModifiers() & flag]
    return "+".join([*modifiers, name])


class X11:
    """A person's keyboard and mouse: real events through the X server (xdotool)."""

    def key(self, *keys: str | QKeySequence) -> None:
        """Press and release each key, in order ("ctrl+z", QKeySequence("Ctrl+Shift+Z"))."""
        names = [k if isinstance(k, str) else keysym(k) for k in keys]
        self._run("key", "--delay", "30", *names)

    def type(self, text: str) -> None:
        """Type `text` as a keyboard would, letter by letter."""
        self._run("type", "--delay", "20", "--", text)

    def move(self, point: QPoint) -> None:
        """Move the pointer to a point of the screen."""
        self._run("mousemove", "--sync", str(point.x()), str(point.y()))

    def button(self, down: bool) -> None:
        """Press or release the left button where the pointer is."""
        self._run("mousedown" if down else "mouseup", "1")

    @staticmethod
    def _run(*arguments: str) -> None:
        subprocess.run(["xdotool", *arguments], check=True, timeout=20)


@pytest.fixture
def x11() -> X11:
    """Real key presses and pointer moves on the test's X display."""
    return X11()
