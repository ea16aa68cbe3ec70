"""Keys on a real X display, pressed through the X server: every shortcut, no key bound twice, Redo.

Standard keys differ by platform (X11's Redo is Ctrl+Shift+Z, offscreen's
Ctrl+Y), and Qt ignores a key bound twice ("Ambiguous shortcut overload"), so
these run on xcb where the offscreen suite cannot see the difference.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from tests.gui_xcb.conftest import X11

from rolemap.ui.actions import ACTIONS
from rolemap.ui.main_window import MainWindow
from rolemap.ui.shortcuts import shortcut_clashes

KEYED = [spec.name for spec in ACTIONS if spec.shortcuts]


def test_no_two_actions_share_a_key_on_x11(window: MainWindow) -> None:
    assert shortcut_clashes(window) == []


def test_redo_from_the_keyboard_brings_the_node_back(
    qtbot: object, window: MainWindow, x11: X11
) -> None:
    document = window.document
    count = len(document.role_map.nodes)
    window.view.setFocus()
    x11.key("ctrl+2")  # Add activity: the new node's title is open for typing
    qtbot.waitUntil(lambda: len(document.role_map.nodes) == count + 1)  # type: ignore[attr-defined]
    x11.key("ctrl+a", "K", "e", "y", "s", "Return")
    qtbot.waitUntil(lambda: _titles(window).count("Keys") == 1)  # type: ignore[attr-defined]
    x11.key("ctrl+z", "ctrl+z")
    qtbot.waitUntil(lambda: len(document.role_map.nodes) == count)  # type: ignore[attr-defined]
    x11.key("ctrl+shift+z")
    qtbot.waitUntil(lambda: len(document.role_map.nodes) == count + 1)  # type: ignore[attr-defined]
    x11.key("ctrl+shift+z")
    qtbot.waitUntil(lambda: "Keys" in _titles(window))  # type: ignore[attr-defined]
    x11.key("ctrl+z", "ctrl+z", "ctrl+y")  # the other Redo key, the same everywhere
    qtbot.waitUntil(lambda: len(document.role_map.nodes) == count + 1)  # type: ignore[attr-defined]
    assert set(window.scene.nodes) == set(document.role_map.nodes)


@pytest.mark.parametrize("name", KEYED)
def test_every_shortcut_reaches_its_action(
    qtbot: object, window: MainWindow, x11: X11, name: str
) -> None:
    action = window.action(name)
    assert action.shortcuts(), f"{name} has no key on this platform"
    action.triggered.disconnect()  # only whether the key arrives: no dialogs, no edits
    action.setEnabled(True)  # Undo/Redo wait for something to undo
    window.scene.select_only([next(iter(window.scene.nodes))])  # Return renames a node
    fired: list[bool] = []
    action.triggered.connect(lambda *_: fired.append(True))
    for sequence in action.shortcuts():
        fired.clear()
        window.view.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)  # type: ignore[attr-defined]
        x11.key(sequence)
        qtbot.waitUntil(lambda: bool(fired), timeout=3000)  # type: ignore[attr-defined]
        assert fired == [True], f"{name}: {sequence.toString()}"


def test_every_keyed_action_is_in_the_window(window: MainWindow) -> None:
    found = {a.objectName() for a in window.findChildren(QAction) if a.shortcuts()}
    assert set(KEYED) <= found
    assert window.action("rename-node").shortcutContext() == Qt.ShortcutContext.WidgetShortcut


def _titles(window: MainWindow) -> list[str]:
    return [node.title for node in window.document.role_map.nodes.values()]
