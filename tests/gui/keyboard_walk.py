"""The keyboard-only walk: a new role, four nodes of each kind, their links, a category, undo,
redo — every step by keys sent to whatever has the focus.

Shared by the offscreen test (tests/gui/test_keyboard_walk.py, key events through
pytest-qt) and the one on a real X display (tests/gui_xcb/test_xcb_keyboard_walk.py,
keys pressed through the X server): each brings its own `Keys`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from rolemap.domain.kinds import NodeKind
from rolemap.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
KINDS = (NodeKind.INPUT, NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME)
ADD_KEYS = {kind: getattr(Qt.Key, f"Key_{number}") for number, kind in enumerate(KINDS, 1)}


class Keys(Protocol):
    """A keyboard: keys and text go to whatever has the focus, and take effect before return."""

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None: ...

    def type(self, text: str) -> None: ...


def in_next_dialog(steps: Callable[[], None]) -> None:
    """Run `steps` (more keys) once the dialog the next key opens has the focus.

    The dialog runs its own event loop until it closes, so the steps run from a
    timer inside that loop.
    """

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, QDialog) or focus is None or not dialog.isAncestorOf(focus):
            QTimer.singleShot(20, run)
            return
        try:
            steps()
        finally:
            if dialog.isVisible():
                dialog.reject()  # a step that failed must not leave the test blocked

    QTimer.singleShot(0, run)


def node_titled(window: MainWindow, title: str) -> str:
    return next(n.id for n in window.document.role_map.nodes.values() if n.title == title)


def tab_to(keys: Keys, window: MainWindow, title: str) -> None:
    """Tab through the nodes until `title` is the one selected."""
    wanted = node_titled(window, title)
    for _ in range(len(window.document.role_map.nodes) + 1):
        if window.scene.selected_ids()[0] == [wanted]:
            return
        keys.press(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {title}")


def link(keys: Keys, window: MainWindow, source: str, target: str) -> None:
    tab_to(keys, window, source)
    in_next_dialog(lambda: (keys.type(target), keys.press(Qt.Key.Key_Return)))
    keys.press(Qt.Key.Key_K, CTRL)
    document = window.document
    assert document.role_map.find_link(node_titled(window, source), node_titled(window, target))


def walk(qtbot: QtBot, window: MainWindow, keys: Keys) -> None:
    """The walk; the assertions after each step are what a person would see."""
    document, scene = window.document, window.scene
    window.view.setFocus()

    # A new role: File → New role (Ctrl+N), its name, Enter.
    in_next_dialog(lambda: (keys.type("Staff engineer"), keys.press(Qt.Key.Key_Return)))
    keys.press(Qt.Key.Key_N, CTRL)
    assert document.role_map.role.name == "Staff engineer", document.role_map.role.name
    assert not document.role_map.nodes

    # Four nodes of each kind: Ctrl+1…4 opens the title in place, typed, Enter saves it.
    for kind in KINDS:
        for number in range(1, 5):
            keys.press(ADD_KEYS[kind], CTRL)
            qtbot.waitUntil(lambda: scene.title_editor is not None)
            keys.type(f"{kind.label} {number}")
            keys.press(Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: scene.title_editor is None)
    titles = sorted(n.title for n in document.role_map.nodes.values())
    assert titles == sorted(f"{k.label} {n}" for k in KINDS for n in range(1, 5))
    assert QApplication.focusWidget() is window.view

    # Link them: each input to an activity, each activity to an output, each output to
    # an outcome (Tab to the node, Ctrl+K, type to filter, Enter).
    for number in range(1, 5):
        link(keys, window, f"Input {number}", f"Activity {number}")
        link(keys, window, f"Activity {number}", f"Output {number}")
        link(keys, window, f"Output {number}", f"Outcome {number}")
    assert len(document.role_map.links) == 12
    qtbot.waitUntil(lambda: not document.analysis.purpose.findings())  # all reach an outcome

    # A category: to the activity, Ctrl+Tab out of the map to the Properties panel, Tab
    # to the category, Up to the one above ("Other", a new activity's, is the last).
    tab_to(keys, window, "Activity 2")
    keys.press(Qt.Key.Key_Tab, CTRL)
    assert QApplication.focusWidget() is not window.view
    for _ in range(12):
        if QApplication.focusWidget() is window.properties.editor("category"):
            break
        keys.press(Qt.Key.Key_Tab)
    combo = window.properties.editor("category")
    assert isinstance(combo, QComboBox) and QApplication.focusWidget() is combo
    activity = node_titled(window, "Activity 2")
    before = document.role_map.nodes[activity].details["category"]
    keys.press(Qt.Key.Key_Up)
    after = document.role_map.nodes[activity].details["category"]
    assert after != before and after == combo.currentData()

    # Undo and redo from the keyboard.
    keys.press(Qt.Key.Key_Z, CTRL)
    assert document.role_map.nodes[activity].details["category"] == before
    keys.press(Qt.Key.Key_Z, CTRL | SHIFT)
    assert document.role_map.nodes[activity].details["category"] == after
    qtbot.waitUntil(lambda: set(scene.nodes) == set(document.role_map.nodes))
    assert set(scene.links) == set(document.role_map.links)
