"""The Map menu's commands from the window: adding a node keeps the view still when it can."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from rolemap.domain.kinds import NodeKind
from rolemap.ui.main_window import MainWindow


def scroll(window: MainWindow) -> tuple[int, int]:
    view = window.view
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def test_adding_a_node_in_sight_keeps_the_view_still(window: MainWindow) -> None:
    view, scene = window.view, window.scene
    view.reset_zoom()  # 100 %: the map is larger than the view, so it could scroll
    window.action("add-output").trigger()
    scene.setFocusItem(None)  # the title as it is
    spot = scene.nodes[scene.selected_ids()[0][0]].sceneBoundingRect()
    window.document.undo_stack.undo()  # the next output goes where this one went
    room = view.mapToScene(view.viewport().rect()).boundingRect().size() - spot.size()
    view.centerOn(
        spot.center() + QPointF(room.width() / 4, room.height() / 4)
    )  # in sight, off centre
    QApplication.processEvents()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(spot)
    before = scroll(window)
    window.action("add-output").trigger()
    assert scene.nodes[scene.selected_ids()[0][0]].sceneBoundingRect() == spot
    assert scroll(window) == before


def test_a_node_added_out_of_sight_is_scrolled_into_view(window: MainWindow) -> None:
    view = window.view
    view.reset_zoom()
    view.centerOn(window.scene.lanes[NodeKind.OUTCOME].sceneBoundingRect().topRight())
    QApplication.processEvents()
    window.action("add-activity").trigger()  # the activity lane is off to the left
    node_id = window.scene.selected_ids()[0][0]
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.nodes[node_id].sceneBoundingRect())
    assert window.scene.focusItem() is not None  # its title is open for typing
