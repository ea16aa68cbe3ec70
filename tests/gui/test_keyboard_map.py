"""The map without a mouse: arrows move the selection, Alt+arrows nudge, Tab goes round,
Ctrl+Tab leaves, Link to… links, and the Menu key opens the node's menu at the node."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from rolemap.canvas import navigation
from rolemap.ui.main_window import MainWindow

NONE = Qt.KeyboardModifier.NoModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def by_title(window: MainWindow, title: str) -> str:
    return next(n.id for n in window.document.role_map.nodes.values() if n.title == title)


def selected_titles(window: MainWindow) -> list[str]:
    nodes = window.document.role_map.nodes
    return [nodes[i].title for i in window.scene.selected_ids()[0]]


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: object = NONE) -> None:
    """A key as the keyboard sends it: to whatever has the focus."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifiers)  # type: ignore[arg-type]


def focus_map(qtbot: QtBot, window: MainWindow) -> None:
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)


def test_arrow_keys_move_the_selection_and_never_the_nodes(
    qtbot: QtBot, window: MainWindow
) -> None:
    document = window.document
    positions = {i: (n.x, n.y) for i, n in document.role_map.nodes.items()}
    window.scene.select_only([by_title(window, "Weekly 1:1s")])
    focus_map(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Down)
    assert selected_titles(window) == ["Mentoring sessions"]  # next in the lane
    press(qtbot, window, Qt.Key.Key_Up)
    assert selected_titles(window) == ["Weekly 1:1s"]
    press(qtbot, window, Qt.Key.Key_Right)  # along its links
    [to] = selected_titles(window)
    weekly = by_title(window, "Weekly 1:1s")
    assert document.role_map.find_link(weekly, by_title(window, to)) is not None
    press(qtbot, window, Qt.Key.Key_Left)  # and straight back
    assert selected_titles(window) == ["Weekly 1:1s"]
    assert {i: (n.x, n.y) for i, n in document.role_map.nodes.items()} == positions
    assert document.undo_stack.count() == 0


def test_shift_arrows_add_to_the_selection(qtbot: QtBot, window: MainWindow) -> None:
    window.scene.select_only([by_title(window, "Weekly 1:1s")])
    focus_map(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Down, SHIFT)
    press(qtbot, window, Qt.Key.Key_Down, SHIFT)
    assert len(selected_titles(window)) == 3
    assert "Weekly 1:1s" in selected_titles(window)


def test_right_from_a_node_without_links_goes_to_the_next_lane(
    qtbot: QtBot, window: MainWindow
) -> None:
    document = window.document
    lonely = document.add_node(document.role_map.nodes[by_title(window, "Weekly 1:1s")].kind)
    assert lonely is not None
    window.scene.setFocusItem(None)
    window.scene.select_only([lonely])
    focus_map(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Right)
    [there] = window.scene.selected_ids()[0]
    assert document.role_map.nodes[there].kind.lane == document.role_map.nodes[lonely].kind.lane + 1


def test_alt_arrows_nudge_as_one_named_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    document = window.document
    node_id = by_title(window, "Quarterly roadmap")
    window.scene.select_only([node_id])
    focus_map(qtbot, window)
    x, y = document.role_map.nodes[node_id].x, document.role_map.nodes[node_id].y
    press(qtbot, window, Qt.Key.Key_Down, ALT | SHIFT)
    press(qtbot, window, Qt.Key.Key_Down, ALT)
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    node = document.role_map.nodes[node_id]
    assert (node.x, node.y) == (x - 8, y + 48)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Nudge ‘Quarterly roadmap’"
    assert selected_titles(window) == ["Quarterly roadmap"]


def test_tab_goes_through_the_nodes_in_reading_order_and_ctrl_tab_leaves(
    qtbot: QtBot, window: MainWindow
) -> None:
    order = navigation.reading_order(window.document.role_map)
    window.scene.clearSelection()
    focus_map(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.scene.selected_ids()[0] == [order[0]]
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.scene.selected_ids()[0] == [order[2]]
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert window.scene.selected_ids()[0] == [order[1]]
    assert QApplication.focusWidget() is window.view  # Tab stayed on the map
    press(qtbot, window, Qt.Key.Key_Tab, CTRL)
    assert QApplication.focusWidget() is not window.view
    assert window.tabs.currentWidget() is window.view  # still the Map tab


def test_link_to_lists_what_the_lane_rule_allows_and_enter_links(
    qtbot: QtBot, window: MainWindow
) -> None:
    from rolemap.ui.link_dialog import LinkDialog

    document = window.document
    source = by_title(window, "Hiring loops")
    target = by_title(window, "Team retention ≥ 90 %")
    assert document.role_map.find_link(source, target) is None
    window.scene.select_only([source])
    focus_map(qtbot, window)
    texts: list[list[str]] = []

    def type_into_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LinkDialog) or QApplication.focusWidget() is not dialog.filter:
            QTimer.singleShot(20, type_into_dialog)  # until it is up, the filter focused
            return
        try:
            texts.append(dialog.shown_texts())
            qtbot.keyClicks(dialog.filter, "retention")
            texts.append(dialog.shown_texts())
            qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
        finally:
            dialog.reject()  # a no-op once Enter has linked

    QTimer.singleShot(0, type_into_dialog)
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    every, filtered = texts
    kinds = {text.rsplit("(", 1)[1].rstrip(")") for text in every}
    assert kinds <= {"output", "outcome", "input"}  # an activity: on to outputs and outcomes
    assert not any("activity" in text for text in every)
    assert filtered == ["→ Team retention ≥ 90 %  (outcome)"]
    assert document.role_map.find_link(source, target) is not None
    assert document.undo_stack.undoText() == "Link ‘Hiring loops’ → ‘Team retention ≥ 90 %’"
    assert window.scene.selected_ids()[0] == [source]  # the keyboard is where it was


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popups; xcb has its own
def test_the_menu_key_opens_the_selected_nodes_menu_at_the_node(
    qtbot: QtBot, window: MainWindow
) -> None:
    node_id = by_title(window, "Code reviews")
    window.scene.select_only([node_id])
    focus_map(qtbot, window)
    seen: list[tuple[list[str], QPoint]] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.append(([a.text() for a in popup.actions()], popup.pos()))
            popup.close()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    corner = QPoint(2, 2)  # where a keyboard's menu event points: not at the node
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, corner, window.view.mapToGlobal(corner)
    )
    QApplication.sendEvent(window.view, event)
    texts, where = seen[0]
    assert texts[:2] == ["Rename", "Link to…"]
    item = window.scene.nodes[node_id]
    view = window.view
    box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    box.moveTopLeft(view.viewport().mapToGlobal(box.topLeft()))
    assert box.contains(where), (box, where)


def test_help_keyboard_lists_the_map_keys_and_every_action_key(
    qtbot: QtBot, window: MainWindow
) -> None:
    from tests.gui.conftest import answer_next_dialog

    from rolemap.ui.keys_help import KeysDialog, keys_html

    page = keys_html()
    for words in ("Arrow keys", "Alt+arrow keys", "Tab, Shift+Tab", "Ctrl+Tab", "Shift+F10"):
        assert words in page
    assert "Link to" in page and "Ctrl+K" in page
    assert window.action("keyboard-help").shortcuts()  # F1
    seen: list[str] = []
    answer_next_dialog(qtbot, "Close", seen)
    window.action("keyboard-help").trigger()
    assert "Close" in seen  # the page opened, and was closed
    assert not any(dialog.isVisible() for dialog in window.findChildren(KeysDialog))
