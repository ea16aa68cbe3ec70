"""The map with a real mouse and keyboard on an X display: a link drag and Escape, the menu keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from tests.gui_xcb.conftest import X11

from rolemap.ui.main_window import MainWindow


def by_title(window: MainWindow, title: str) -> str:
    return next(n.id for n in window.document.role_map.nodes.values() if n.title == title)


def on_screen(window: MainWindow, scene_point: QPointF) -> QPoint:
    view = window.view
    return view.viewport().mapToGlobal(view.mapFromScene(scene_point))


def test_a_link_dragged_with_the_mouse_is_made(qtbot: object, window: MainWindow, x11: X11) -> None:
    document, scene = window.document, window.scene
    source = scene.nodes[by_title(window, "Hiring loops")]
    target = scene.nodes[by_title(window, "Team retention ≥ 90 %")]
    start, end = (
        on_screen(window, source.out_anchor()),
        on_screen(window, target.sceneBoundingRect().center()),
    )
    x11.move(start)
    x11.button(down=True)
    for step in range(1, 6):
        x11.move(start + (end - start) * step / 5)
    x11.button(down=False)
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: document.role_map.find_link(source.node_id, target.node_id) is not None
    )


def test_escape_cancels_a_link_drag(qtbot: object, window: MainWindow, x11: X11) -> None:
    document, scene = window.document, window.scene
    source = scene.nodes[by_title(window, "Hiring loops")]
    target = scene.nodes[by_title(window, "Team retention ≥ 90 %")]
    links = dict(document.role_map.links)
    items = len(scene.items())
    start, end = (
        on_screen(window, source.out_anchor()),
        on_screen(window, target.sceneBoundingRect().center()),
    )
    window.view.setFocus()
    x11.move(start)
    x11.button(down=True)
    for step in range(1, 4):
        x11.move(start + (end - start) * step / 5)
    qtbot.waitUntil(lambda: len(scene.items()) == items + 1)  # type: ignore[attr-defined]  # the preview
    x11.key("Escape")
    x11.move(end)
    x11.button(down=False)  # released on a node it could link to
    # X delivers in order: once the release is in, so is the Escape before it.
    qtbot.waitUntil(lambda: QApplication.mouseButtons() == Qt.MouseButton.NoButton)  # type: ignore[attr-defined]
    assert document.role_map.links == links, "Escape did not cancel the link drag"
    assert len(scene.items()) == items  # no preview line left behind
    assert document.undo_stack.count() == 0


@pytest.mark.parametrize("key", ["Menu", "shift+F10"])
def test_the_menu_key_opens_the_selected_nodes_menu_at_the_node(
    qtbot: object, window: MainWindow, x11: X11, key: str
) -> None:
    scene = window.scene
    node_id = by_title(window, "Code reviews")
    item = scene.nodes[node_id]
    scene.select_only([node_id])
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)  # type: ignore[attr-defined]
    seen: list[tuple[list[str], QRect]] = []

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen.append(([a.text() for a in popup.actions()], popup.geometry()))
            popup.close()
        elif not seen:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    x11.key(key)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)  # type: ignore[attr-defined]
    texts, where = seen[0]
    assert "Rename" in texts, texts  # the node's menu, not the lane's "Add … here"
    box = QRect(
        on_screen(window, item.sceneBoundingRect().topLeft()),
        on_screen(window, item.sceneBoundingRect().bottomRight()),
    )
    assert box.adjusted(-40, -40, 40, 40).contains(where.topLeft()), (box, where)
    assert scene.selected_ids()[0] == [node_id]
