"""An empty role says on the canvas how to begin; the hint goes with the first node."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rolemap.domain.kinds import NodeKind
from rolemap.ui.main_window import MainWindow


def test_an_empty_role_shows_how_to_begin_until_the_first_node(
    qtbot: QtBot, window: MainWindow
) -> None:
    scene, view = window.scene, window.view
    hint = scene.empty_hint
    assert not hint.isVisible()  # the example role has nodes
    assert window.document.create_role("Staff engineer")
    qtbot.waitUntil(hint.isVisible)
    assert "Ctrl+2" in hint.text() and "Ctrl+K" in hint.text()
    QApplication.processEvents()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.intersects(hint.sceneBoundingRect())  # in sight, not scrolled away
    window.action("add-activity").trigger()
    scene.setFocusItem(None)
    qtbot.waitUntil(lambda: not hint.isVisible())
    window.document.undo_stack.undo()
    qtbot.waitUntil(hint.isVisible)
    assert window.document.add_node(NodeKind.OUTCOME)
    qtbot.waitUntil(lambda: not hint.isVisible())
