"""Deleting nodes that carry tracked records: the question's buttons say what they do."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.gui.conftest import answer_next_dialog

from rolemap.ui.main_window import MainWindow


def by_title(window: MainWindow, title: str) -> str:
    return next(n.id for n in window.document.role_map.nodes.values() if n.title == title)


def entries(window: MainWindow, node_id: str) -> int:
    return window.document.tracked_counts([node_id])[0]


def test_the_buttons_name_the_delete_and_cancel_keeps_everything(
    qtbot: QtBot, window: MainWindow
) -> None:
    node_id = by_title(window, "Weekly 1:1s")
    count = entries(window, node_id)
    assert count > 1
    window.scene.select_only([node_id])
    seen: list[str] = []
    answer_next_dialog(qtbot, "Cancel", seen)
    window.action("delete").trigger()
    assert f"Delete activity and its {count} time entries" in seen
    assert "Cancel" in seen
    assert not any(text.replace("&", "") in ("Yes", "No") for text in seen)
    assert node_id in window.document.role_map.nodes
    assert entries(window, node_id) == count
    assert window.document.undo_stack.count() == 0


def test_the_named_button_deletes_the_node_with_its_records_and_undo_brings_them_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    node_id = by_title(window, "Weekly 1:1s")
    count = entries(window, node_id)
    window.scene.select_only([node_id])
    answer_next_dialog(qtbot, f"Delete activity and its {count} time entries")
    window.action("delete").trigger()
    assert node_id not in window.document.role_map.nodes
    assert entries(window, node_id) == 0
    window.document.undo_stack.undo()
    assert node_id in window.document.role_map.nodes
    assert entries(window, node_id) == count


def test_several_nodes_and_kinds_of_records_are_counted(qtbot: QtBot, window: MainWindow) -> None:
    ids = [by_title(window, "Code reviews"), by_title(window, "Design docs")]
    entry_count, delivery_count, _ = window.document.tracked_counts(ids)
    window.scene.select_only(ids)
    seen: list[str] = []
    answer_next_dialog(qtbot, "Cancel", seen)
    window.action("delete").trigger()
    deliveries = f"{delivery_count} deliver{'y' if delivery_count == 1 else 'ies'}"
    assert f"Delete 2 nodes and their {entry_count} time entries and {deliveries}" in seen


def test_nodes_without_records_go_without_a_question(qtbot: QtBot, window: MainWindow) -> None:
    node_id = window.document.add_node(
        window.document.role_map.nodes[by_title(window, "Weekly 1:1s")].kind
    )
    assert node_id is not None
    window.scene.select_only([node_id])
    window.action("delete").trigger()  # no dialog: it would block here
    assert QApplication.activeModalWidget() is None
    assert node_id not in window.document.role_map.nodes
