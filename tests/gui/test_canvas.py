"""The map driven as a person drives it: mouse and keyboard on the real viewport."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from tests.gui.conftest import answer_next_dialog, assert_scene_matches, assert_store_matches

from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind

LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def by_title(window: object, title: str) -> str:
    document = window.document  # type: ignore[attr-defined]
    return next(n.id for n in document.role_map.nodes.values() if n.title == title)


def view_point(window: object, scene_point: QPointF) -> QPoint:
    return window.view.mapFromScene(scene_point)  # type: ignore[attr-defined, no-any-return]


def drag(qtbot: object, window: object, start: QPointF, end: QPointF) -> None:
    viewport = window.view.viewport()  # type: ignore[attr-defined]
    a, b = view_point(window, start), view_point(window, end)
    qtbot.mousePress(viewport, LEFT, NO_MODIFIER, a)  # type: ignore[attr-defined]
    for step in range(1, 6):
        qtbot.mouseMove(viewport, a + (b - a) * step / 5)  # type: ignore[attr-defined]
    qtbot.mouseRelease(viewport, LEFT, NO_MODIFIER, b)  # type: ignore[attr-defined]


def undo_keys(qtbot: object, window: object) -> None:
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]


def redo_keys(qtbot: object, window: object) -> None:
    qtbot.keyClick(  # type: ignore[attr-defined]
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def check_all(window: object) -> None:
    QApplication.processEvents()  # the scene routes curves once after a change's signals
    assert_scene_matches(window.scene, window.document)  # type: ignore[attr-defined]
    assert_store_matches(window.document)  # type: ignore[attr-defined]


def test_window_shows_the_example_in_lanes(window: object) -> None:
    scene = window.scene  # type: ignore[attr-defined]
    assert len(scene.nodes) == 18 and len(scene.links) == 17
    assert not scene.lanes[NodeKind.INPUT].isVisible()
    for kind in (NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME):
        assert scene.lanes[kind].isVisible()
    for item in scene.nodes.values():
        assert geometry.lane_of_x(item.pos().x()) == item.kind.lane
    assert window.windowTitle() == "Engineering manager — Rolemap"  # type: ignore[attr-defined]
    check_all(window)


def test_drag_from_port_to_node_links_them_and_keys_undo_and_redo(
    qtbot: object, window: object
) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    source = scene.nodes[by_title(window, "Hiring loops")]
    target = scene.nodes[by_title(window, "Team retention ≥ 90 %")]
    count = len(document.role_map.links)
    drag(qtbot, window, source.out_anchor(), target.sceneBoundingRect().center())
    assert len(document.role_map.links) == count + 1
    assert document.role_map.find_link(source.node_id, target.node_id) is not None
    undo_action = window.action("undo")  # type: ignore[attr-defined]
    assert undo_action.text() == "&Undo Link ‘Hiring loops’ → ‘Team retention ≥ 90 %’"
    check_all(window)
    undo_keys(qtbot, window)
    assert document.role_map.find_link(source.node_id, target.node_id) is None
    check_all(window)
    redo_keys(qtbot, window)
    assert document.role_map.find_link(source.node_id, target.node_id) is not None
    check_all(window)


def test_backward_drag_is_refused_in_the_status_bar(qtbot: object, window: object) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    source = scene.nodes[by_title(window, "Growth plans")]
    target = scene.nodes[by_title(window, "Weekly 1:1s")]
    links = dict(document.role_map.links)
    drag(qtbot, window, source.out_anchor(), target.sceneBoundingRect().center())
    assert document.role_map.links == links
    assert "cannot link to an activity" in window.statusBar().currentMessage()  # type: ignore[attr-defined]
    assert document.undo_stack.count() == 0
    check_all(window)


def test_dragging_a_node_is_one_move_kept_in_its_lane(qtbot: object, window: object) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    item = scene.nodes[by_title(window, "Design docs")]
    start = item.sceneBoundingRect().center()
    before = document.role_map.nodes[item.node_id]
    drag(qtbot, window, start, start + QPointF(600, 120))  # far right: clamped to the lane
    after = document.role_map.nodes[item.node_id]
    assert after.y > before.y
    assert geometry.lane_of_x(after.x) == geometry.lane_of_x(after.x + geometry.NODE_WIDTH)
    assert after.x + geometry.NODE_WIDTH <= 3 * geometry.LANE_WIDTH
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move ‘Design docs’"
    # Links follow the box.
    for link in document.role_map.links_of(item.node_id):
        path = scene.links[link.id].path()
        ends = (path.pointAtPercent(0), path.pointAtPercent(1))
        assert item.in_anchor() in ends or item.out_anchor() in ends
    check_all(window)
    undo_keys(qtbot, window)
    assert document.role_map.nodes[item.node_id] == before
    check_all(window)


def test_double_click_on_empty_lane_adds_a_node_and_edits_its_title(
    qtbot: object, window: object
) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    point = QPointF(2 * geometry.LANE_WIDTH + 150, 1200)
    window.view.centerOn(point)  # type: ignore[attr-defined]
    viewport = window.view.viewport()  # type: ignore[attr-defined]
    qtbot.mouseDClick(viewport, LEFT, NO_MODIFIER, view_point(window, point))  # type: ignore[attr-defined]
    added = [n for n in document.role_map.nodes.values() if n.title == "New output"]
    assert len(added) == 1 and added[0].kind is NodeKind.OUTPUT
    editor = scene.focusItem()
    assert editor is not None and editor.toPlainText() == "New output"
    qtbot.keyClicks(window.view, "Team wiki")  # type: ignore[attr-defined]
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert document.role_map.nodes[added[0].id].title == "Team wiki"
    check_all(window)
    undo_keys(qtbot, window)
    assert document.role_map.nodes[added[0].id].title == "New output"
    undo_keys(qtbot, window)
    assert added[0].id not in document.role_map.nodes
    check_all(window)


def test_escape_cancels_title_editing(qtbot: object, window: object) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    node_id = by_title(window, "Code reviews")
    qtbot.mouseDClick(  # type: ignore[attr-defined]
        window.view.viewport(),
        LEFT,
        NO_MODIFIER,
        view_point(window, scene.nodes[node_id].sceneBoundingRect().center()),
    )
    qtbot.keyClicks(window.view, "Something else")  # type: ignore[attr-defined]
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert document.role_map.nodes[node_id].title == "Code reviews"
    assert document.undo_stack.count() == 0


def test_delete_key_removes_the_selection_in_one_step(qtbot: object, window: object) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    ids = [by_title(window, "Design docs"), by_title(window, "Merged changes")]
    scene.select_only(ids)
    window.view.setFocus()  # type: ignore[attr-defined]
    answer_next_dialog(qtbot, "delete")  # they carry example deliveries: asked first
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    assert not set(ids) & set(document.role_map.nodes)
    assert document.undo_stack.undoText() == "Delete 2 nodes"
    check_all(window)
    window.activateWindow()  # type: ignore[attr-defined]  # back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # type: ignore[attr-defined]
    undo_keys(qtbot, window)
    assert set(ids) <= set(document.role_map.nodes)
    check_all(window)


def test_toolbar_adds_each_kind_in_its_lane(qtbot: object, window: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    for kind in NodeKind:
        window.action(f"add-{kind.value}").trigger()  # type: ignore[attr-defined]
        QApplication.processEvents()
        window.scene.setFocusItem(None)  # type: ignore[attr-defined]
    kinds = sorted(
        n.kind.value for n in document.role_map.nodes.values() if n.title.startswith("New ")
    )
    assert kinds == ["activity", "input", "outcome", "output"]
    qtbot.waitUntil(lambda: window.scene.lanes[NodeKind.INPUT].isVisible())  # type: ignore[attr-defined]
    check_all(window)


def test_zoom_with_wheel_keys_and_fit(qtbot: object, window: object) -> None:
    view = window.view  # type: ignore[attr-defined]
    view.reset_zoom()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    window.action("zoom-in").trigger()  # type: ignore[attr-defined]
    assert view.scale_factor() > 1.2
    window.action("fit").trigger()  # type: ignore[attr-defined]
    fitted = view.scale_factor()
    assert fitted <= 1.0
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in window.scene.nodes.values():  # type: ignore[attr-defined]
        assert visible.contains(item.sceneBoundingRect())
    assert window.action("fit").shortcut().toString() == "Ctrl+0"  # type: ignore[attr-defined]


def test_properties_panel_edits_the_selected_node(qtbot: object, window: object) -> None:
    scene, document = window.scene, window.document  # type: ignore[attr-defined]
    node_id = by_title(window, "Hiring plan met")
    scene.select_only([node_id])
    panel = window.properties  # type: ignore[attr-defined]
    assert panel.subject == ("node", node_id)
    target = panel.editor("target")
    assert isinstance(target, QLineEdit) and target.text() == "4"
    target.setFocus()
    target.selectAll()
    qtbot.keyClicks(target, "6")  # type: ignore[attr-defined]
    qtbot.keyClick(target, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert document.role_map.nodes[node_id].details["target"] == 6.0
    assert document.undo_stack.undoText() == "Change target of ‘Hiring plan met’"
    target.selectAll()
    qtbot.keyClicks(target, "six")  # type: ignore[attr-defined]
    qtbot.keyClick(target, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert document.role_map.nodes[node_id].details["target"] == 6.0
    assert target.text() == "six"  # what was typed stays, to correct
    assert "Target" in window.statusBar().currentMessage()  # type: ignore[attr-defined]
    check_all(window)


def test_role_switcher_changes_the_map(qtbot: object, window: object) -> None:
    document = window.document  # type: ignore[attr-defined]
    first = document.role_map.role.id
    document.create_role("Staff engineer")
    box = window.role_box  # type: ignore[attr-defined]
    assert [box.itemText(i) for i in range(box.count())] == [
        "Engineering manager",
        "Staff engineer",
    ]
    assert window.scene.nodes == {}  # type: ignore[attr-defined]
    box.setCurrentIndex(box.findData(first))
    box.activated.emit(box.currentIndex())
    assert document.role_map.role.id == first
    assert len(window.scene.nodes) == 18  # type: ignore[attr-defined]
    assert window.windowTitle() == "Engineering manager — Rolemap"  # type: ignore[attr-defined]
