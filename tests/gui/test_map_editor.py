"""The map as an editor: layout, selection, nudging, grid, clipboard, purpose, trace, find.

Each interaction goes through the real viewport (mouse on `view.viewport()`,
keys on the view), and each edit is checked after do, undo and redo against
the scene, the model and the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from tests.gui.conftest import assert_scene_matches, assert_store_matches

from rolemap.canvas.scene import DIMMED, MapScene
from rolemap.canvas.style import KIND_ACCENT
from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind
from rolemap.domain.layout import count_crossings, current_order
from rolemap.domain.purpose import Finding
from rolemap.ui.map_tools import MapTools
from rolemap.ui.purpose_panel import PurposePanel

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier  # Alt+arrows nudge; plain arrows move the selection


@dataclass
class Editor:
    document: RoleDocument
    scene: MapScene
    view: MapView
    tools: MapTools
    panel: PurposePanel

    def node(self, title: str) -> str:
        return next(n.id for n in self.document.role_map if n.title == title)

    def point(self, scene_point: QPointF) -> QPoint:
        return self.view.mapFromScene(scene_point)

    def centre(self, node_id: str) -> QPoint:
        return self.point(self.scene.nodes[node_id].sceneBoundingRect().center() - QPointF(8, 0))

    def check(self) -> None:
        QApplication.processEvents()  # the scene routes curves once after a change
        assert_scene_matches(self.scene, self.document)
        assert_store_matches(self.document)

    def round_trip(self, qtbot: object, after: object, before: object, read: object) -> None:
        """Undo then redo the last step, checking `read()` and the stores each time."""
        assert read() == after  # type: ignore[operator]
        self.check()
        self.document.undo_stack.undo()
        qtbot.waitUntil(lambda: read() == before)  # type: ignore[attr-defined, operator]
        self.check()
        self.document.undo_stack.redo()
        qtbot.waitUntil(lambda: read() == after)  # type: ignore[attr-defined, operator]
        self.check()


@pytest.fixture
def editor(qtbot: object, document: RoleDocument) -> Iterator[Editor]:
    scene = MapScene(document)
    view = MapView(scene)
    view.resize(1200, 900)
    tools = MapTools(view)
    panel = PurposePanel(view)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    view.show()
    qtbot.waitExposed(view)  # type: ignore[attr-defined]
    view.reset_zoom()
    view.centerOn(640, 450)
    yield Editor(document, scene, view, tools, panel)


def click(qtbot: object, editor: Editor, at: QPoint, modifier: object = NONE) -> None:
    qtbot.mouseClick(editor.view.viewport(), LEFT, modifier, at)  # type: ignore[attr-defined]


def drag(qtbot: object, editor: Editor, a: QPoint, b: QPoint) -> None:
    viewport = editor.view.viewport()
    qtbot.mousePress(viewport, LEFT, NONE, a)  # type: ignore[attr-defined]
    for step in range(1, 6):
        qtbot.mouseMove(viewport, a + (b - a) * step / 5)  # type: ignore[attr-defined]
    qtbot.mouseRelease(viewport, LEFT, NONE, b)  # type: ignore[attr-defined]


def positions(editor: Editor) -> dict[str, tuple[float, float]]:
    return {n.id: (n.x, n.y) for n in editor.document.role_map}


# -- layout ------------------------------------------------


def test_auto_layout_is_one_step_that_keeps_lanes(qtbot: object, editor: Editor) -> None:
    document = editor.document
    a = editor.node("Weekly 1:1s")
    document.move_nodes({a: (geometry.home_x(NodeKind.ACTIVITY), 2000)})  # a mess to tidy
    before = positions(editor)
    edges = [(k.source, k.target) for k in document.role_map.links.values()]
    crossings_before = count_crossings(current_order(document.role_map), edges)
    editor.tools.auto_layout()
    assert document.undo_stack.undoText() == "Auto-layout"
    after = positions(editor)
    assert after != before
    assert count_crossings(current_order(document.role_map), edges) <= crossings_before
    for node in document.role_map:
        assert node.x == geometry.home_x(node.kind)
    editor.round_trip(qtbot, after, before, lambda: positions(editor))


def test_a_new_node_lands_in_a_free_spot(editor: Editor) -> None:
    taken = [n.y for n in editor.document.role_map.nodes_of(NodeKind.OUTPUT)]
    node_id = editor.document.add_node(NodeKind.OUTPUT, "New", y=taken[0] + 5)
    assert node_id is not None
    y = editor.document.role_map.nodes[node_id].y
    pitch = geometry.NODE_HEIGHT + geometry.NODE_GAP
    assert all(abs(y - other) >= pitch - 0.5 for other in taken)


# -- selection, nudging, grid ------------------------------------------------


def test_ctrl_click_and_rubber_band_select_several(qtbot: object, editor: Editor) -> None:
    one, two = editor.node("Weekly 1:1s"), editor.node("Mentoring sessions")
    click(qtbot, editor, editor.centre(one))
    click(qtbot, editor, editor.centre(two), CTRL)
    assert sorted(editor.scene.selected_ids()[0]) == sorted([one, two])
    editor.scene.clearSelection()
    first = editor.scene.nodes[one].sceneBoundingRect()
    second = editor.scene.nodes[two].sceneBoundingRect()
    start = editor.point(first.topLeft() - QPointF(30, 10))
    end = editor.point(QPointF(first.left() + 40, second.bottom() + 10))
    drag(qtbot, editor, start, end)
    assert {one, two} <= set(editor.scene.selected_ids()[0])


def test_a_run_of_alt_arrow_keys_is_one_named_undo_step(qtbot: object, editor: Editor) -> None:
    node_id = editor.node("Quarterly roadmap")  # the last output: room below
    click(qtbot, editor, editor.centre(node_id))
    x, y = editor.document.role_map.nodes[node_id].x, editor.document.role_map.nodes[node_id].y
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, ALT | SHIFT)  # type: ignore[attr-defined]
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, ALT)  # type: ignore[attr-defined]
    qtbot.keyClick(editor.view, Qt.Key.Key_Left, ALT)  # type: ignore[attr-defined]
    assert editor.document.undo_stack.count() == 1
    assert editor.document.undo_stack.undoText() == "Nudge ‘Quarterly roadmap’"

    def read() -> tuple[float, float]:
        node = editor.document.role_map.nodes[node_id]
        return node.x, node.y

    editor.round_trip(qtbot, (x - 8, y + 48), (x, y), read)


def test_nudging_several_nodes_names_them_and_clicking_elsewhere_starts_a_new_step(
    qtbot: object, editor: Editor
) -> None:
    one, two = editor.node("Quarterly roadmap"), editor.node("Email & status updates")
    editor.scene.select_only([one, two])
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, ALT)  # type: ignore[attr-defined]
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, ALT)  # type: ignore[attr-defined]
    assert editor.document.undo_stack.undoText() == "Nudge 2 nodes"
    editor.scene.select_only([one])
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, ALT)  # type: ignore[attr-defined]
    assert editor.document.undo_stack.count() == 2
    assert editor.document.undo_stack.undoText() == "Nudge ‘Quarterly roadmap’"


def test_alt_arrow_keys_never_push_a_node_onto_its_neighbour(qtbot: object, editor: Editor) -> None:
    upper, lower = editor.node("Growth plans"), editor.node("Onboarding guide")
    click(qtbot, editor, editor.centre(upper))
    nodes = editor.document.role_map.nodes
    for _ in range(5):
        qtbot.keyClick(editor.view, Qt.Key.Key_Down, ALT | SHIFT)  # type: ignore[attr-defined]
        above = editor.scene.nodes[upper]
        below = editor.scene.nodes[lower]
        assert not above.mapRectToScene(above.box()).intersects(below.mapRectToScene(below.box()))
        assert nodes[lower].y - nodes[upper].y >= geometry.NODE_HEIGHT
    assert nodes[lower].y - nodes[upper].y - geometry.NODE_HEIGHT == geometry.NUDGE_GAP
    editor.check()


def test_dragging_with_the_grid_on_snaps(qtbot: object, editor: Editor) -> None:
    editor.tools.toggle_grid()
    node_id = editor.node("Design docs")
    start = editor.centre(node_id)
    drag(qtbot, editor, start, start + QPoint(0, 37))
    node = editor.document.role_map.nodes[node_id]
    assert node.y % 16 == 0
    editor.check()
    editor.tools.toggle_grid()
    assert editor.scene.grid == 0


# -- links refused ------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("Growth plans", "Weekly 1:1s", "cannot link"),
        ("Weekly 1:1s", "Growth plans", "already links"),
    ],
)
def test_bad_links_drawn_on_the_map_are_refused(
    qtbot: object, editor: Editor, source: str, target: str, message: str
) -> None:
    a, b = editor.scene.nodes[editor.node(source)], editor.scene.nodes[editor.node(target)]
    links = dict(editor.document.role_map.links)
    with qtbot.waitSignal(editor.document.edit_refused) as refused:  # type: ignore[attr-defined]
        drag(qtbot, editor, editor.point(a.out_anchor()), editor.centre(b.node_id))
    assert message in refused.args[0]
    assert editor.document.role_map.links == links
    editor.check()


def test_escape_cancels_a_link_drag(qtbot: object, editor: Editor) -> None:
    source = editor.scene.nodes[editor.node("Hiring loops")]
    target = editor.scene.nodes[editor.node("Team retention ≥ 90 %")]
    viewport = editor.view.viewport()
    start, end = editor.point(source.out_anchor()), editor.centre(target.node_id)
    qtbot.mousePress(viewport, LEFT, NONE, start)  # type: ignore[attr-defined]
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + (end - start) * step / 5)  # type: ignore[attr-defined]
    previews = [i for i in editor.scene.items() if type(i).__name__ == "LinkPreviewItem"]
    assert len(previews) == 1  # the dashed curve follows the pointer
    qtbot.keyClick(editor.view, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not [i for i in editor.scene.items() if type(i).__name__ == "LinkPreviewItem"]
    qtbot.mouseRelease(viewport, LEFT, NONE, end)  # type: ignore[attr-defined]
    assert editor.document.role_map.find_link(source.node_id, target.node_id) is None
    assert editor.document.undo_stack.count() == 0
    editor.check()


def _activate(qtbot: object, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)  # type: ignore[attr-defined]


def test_losing_focus_cancels_a_link_drag(qtbot: object, editor: Editor) -> None:
    source = editor.scene.nodes[editor.node("Hiring loops")]
    target = editor.scene.nodes[editor.node("Team retention ≥ 90 %")]
    _activate(qtbot, editor.view)
    viewport = editor.view.viewport()
    start, end = editor.point(source.out_anchor()), editor.centre(target.node_id)
    qtbot.mousePress(viewport, LEFT, NONE, start)  # type: ignore[attr-defined]
    qtbot.mouseMove(viewport, end)  # type: ignore[attr-defined]
    other = QLineEdit()  # another window comes forward (Alt+Tab, a notification)
    qtbot.addWidget(other)  # type: ignore[attr-defined]
    other.show()
    _activate(qtbot, other)
    qtbot.mouseRelease(viewport, LEFT, NONE, end)  # type: ignore[attr-defined]
    assert editor.document.role_map.find_link(source.node_id, target.node_id) is None
    assert editor.document.undo_stack.count() == 0
    editor.check()


def test_losing_focus_mid_move_puts_the_boxes_back(qtbot: object, editor: Editor) -> None:
    node_id = editor.node("Design docs")
    item = editor.scene.nodes[node_id]
    before = editor.document.role_map.nodes[node_id]
    _activate(qtbot, editor.view)
    viewport = editor.view.viewport()
    start = editor.centre(node_id)
    qtbot.mousePress(viewport, LEFT, NONE, start)  # type: ignore[attr-defined]
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + QPoint(0, 30 * step))  # type: ignore[attr-defined]
    assert item.pos().y() > before.y  # Qt moved the box with the pointer
    other = QLineEdit()
    qtbot.addWidget(other)  # type: ignore[attr-defined]
    other.show()
    _activate(qtbot, other)
    assert (item.pos().x(), item.pos().y()) == (before.x, before.y)  # snapped back at once
    qtbot.mouseMove(viewport, start + QPoint(0, 200))  # type: ignore[attr-defined]
    qtbot.mouseRelease(viewport, LEFT, NONE, start + QPoint(0, 200))  # type: ignore[attr-defined]
    assert editor.document.role_map.nodes[node_id] == before
    assert editor.document.undo_stack.count() == 0
    editor.check()


def test_escape_mid_move_puts_the_boxes_back(qtbot: object, editor: Editor) -> None:
    node_id = editor.node("Design docs")
    before = editor.document.role_map.nodes[node_id]
    viewport = editor.view.viewport()
    start = editor.centre(node_id)
    qtbot.mousePress(viewport, LEFT, NONE, start)  # type: ignore[attr-defined]
    qtbot.mouseMove(viewport, start + QPoint(0, 90))  # type: ignore[attr-defined]
    qtbot.keyClick(editor.view, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    qtbot.mouseRelease(viewport, LEFT, NONE, start + QPoint(0, 90))  # type: ignore[attr-defined]
    assert editor.document.role_map.nodes[node_id] == before
    assert editor.document.undo_stack.count() == 0
    editor.check()


def test_an_undo_mid_drag_that_takes_the_box_ends_the_drag(qtbot: object, editor: Editor) -> None:
    node_id = editor.document.add_node(NodeKind.OUTPUT, "Fleeting", y=1500)
    assert node_id is not None
    editor.view.centerOn(editor.scene.nodes[node_id])
    viewport = editor.view.viewport()
    start = editor.centre(node_id)
    qtbot.mousePress(viewport, LEFT, NONE, start)  # type: ignore[attr-defined]
    qtbot.mouseMove(viewport, start + QPoint(0, 40))  # type: ignore[attr-defined]
    editor.document.undo_stack.undo()  # Ctrl+Z while the button is down: the node goes
    qtbot.mouseMove(viewport, start + QPoint(0, 80))  # type: ignore[attr-defined]
    qtbot.mouseRelease(viewport, LEFT, NONE, start + QPoint(0, 80))  # type: ignore[attr-defined]
    assert node_id not in editor.document.role_map.nodes
    assert editor.document.undo_stack.count() == 1  # the add, undone; no move
    editor.check()


# -- links that skip a lane ------------------------------------------------


def _inside_any(points: list[QPointF], boxes: list[QRectF]) -> list[QPointF]:
    return [p for p in points if any(b.contains(p) for b in boxes)]


def test_a_link_that_skips_the_outputs_runs_between_their_boxes(
    qtbot: object, editor: Editor
) -> None:
    document = editor.document
    # An activity and an outcome level with an output: the plain curve would cross it.
    output = document.role_map.nodes[editor.node("Hiring decisions")]
    activity = document.add_node(NodeKind.ACTIVITY, "Sourcing", y=output.y)
    outcome = document.add_node(NodeKind.OUTCOME, "Offers accepted", y=output.y)
    assert activity is not None and outcome is not None
    document.move_nodes({activity: (geometry.home_x(NodeKind.ACTIVITY), output.y)})
    document.move_nodes({outcome: (geometry.home_x(NodeKind.OUTCOME), output.y)})
    link_id = document.connect_nodes(activity, outcome)
    assert link_id is not None
    editor.check()
    boxes = [
        item.mapRectToScene(item.box())
        for item in editor.scene.nodes.values()
        if item.kind is NodeKind.OUTPUT
    ]
    path = editor.scene.links[link_id].path()
    points = [path.pointAtPercent(i / 400) for i in range(401)]
    assert not _inside_any(points, boxes)
    # Moving the output out of the way lets the curve run straight again.
    document.move_nodes({output.id: (output.x, output.y + 2000)})
    editor.check()
    path = editor.scene.links[link_id].path()
    assert path.pointAtPercent(0.5).y() == pytest.approx(output.y + geometry.NODE_HEIGHT / 2)


def test_a_link_dropped_on_its_own_node_adds_nothing(qtbot: object, editor: Editor) -> None:
    a = editor.scene.nodes[editor.node("Weekly 1:1s")]
    links = dict(editor.document.role_map.links)
    drag(qtbot, editor, editor.point(a.out_anchor()), editor.centre(a.node_id))
    assert editor.document.role_map.links == links
    assert editor.document.connect_nodes(a.node_id, a.node_id) is None


# -- clipboard ------------------------------------------------


def test_copy_paste_brings_links_along_in_one_step(qtbot: object, editor: Editor) -> None:
    one, two = editor.node("Weekly 1:1s"), editor.node("Growth plans")
    editor.scene.select_only([one, two])
    assert editor.tools.copy()
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasFormat("application/x-rolemap+json") and data.hasText()
    counts = (len(editor.document.role_map.nodes), len(editor.document.role_map.links))
    new_ids = editor.tools.paste()
    assert len(new_ids) == 2 and not {one, two} & set(new_ids)
    assert editor.document.undo_stack.undoText() == "Paste 2 nodes"
    assert set(editor.scene.selected_ids()[0]) == set(new_ids)
    after = (counts[0] + 2, counts[1] + 1)

    def read() -> tuple[int, int]:
        return len(editor.document.role_map.nodes), len(editor.document.role_map.links)

    editor.round_trip(qtbot, after, counts, read)


def test_paste_into_another_role(qtbot: object, editor: Editor) -> None:
    editor.scene.select_only([editor.node("Weekly 1:1s"), editor.node("Growth plans")])
    editor.tools.cut()
    assert "Weekly 1:1s" not in {n.title for n in editor.document.role_map}
    editor.document.create_role("Second role")
    new_ids = editor.tools.paste()
    assert {editor.document.role_map.nodes[i].title for i in new_ids} == {
        "Weekly 1:1s",
        "Growth plans",
    }
    assert len(editor.document.role_map.links) == 1
    editor.check()


def test_duplicate_is_one_step(qtbot: object, editor: Editor) -> None:
    editor.scene.select_only([editor.node("Code reviews")])
    before = len(editor.document.role_map.nodes)
    [copy] = editor.tools.duplicate()
    assert editor.document.role_map.nodes[copy].title == "Code reviews"
    editor.round_trip(qtbot, before + 1, before, lambda: len(editor.document.role_map.nodes))


def test_pasting_plain_text_is_refused_with_a_message(qtbot: object, editor: Editor) -> None:
    QGuiApplication.clipboard().setText("just some words")
    nodes = dict(editor.document.role_map.nodes)
    with qtbot.waitSignal(editor.document.edit_refused) as refused:  # type: ignore[attr-defined]
        assert editor.tools.paste() == []
    assert refused.args[0].startswith("Nothing pasted")
    assert editor.document.role_map.nodes == nodes


# -- purpose check and trace ------------------------------------------------


def test_purpose_badges_and_panel_follow_the_map(qtbot: object, editor: Editor) -> None:
    node_id = editor.document.add_node(NodeKind.ACTIVITY, "Busywork")
    assert node_id is not None
    wait = qtbot.waitUntil  # type: ignore[attr-defined]
    wait(lambda: editor.scene.nodes[node_id].finding is Finding.UNANCHORED)
    assert "leads to no outcome" in editor.scene.nodes[node_id].toolTip()
    rows = [editor.panel.findings.item(i) for i in range(editor.panel.findings.count())]
    row = next(r for r in rows if r.data(Qt.ItemDataRole.UserRole) == node_id)
    editor.panel.findings.itemClicked.emit(row)
    assert editor.scene.selected_ids()[0] == [node_id]
    # Linking it to an output that reaches an outcome clears the finding.
    editor.document.connect_nodes(node_id, editor.node("Growth plans"))
    wait(lambda: editor.scene.nodes[node_id].finding is None)
    editor.document.undo_stack.undo()
    wait(lambda: editor.scene.nodes[node_id].finding is Finding.UNANCHORED)


def test_selecting_a_node_traces_its_lines_of_sight(qtbot: object, editor: Editor) -> None:
    node_id = editor.node("Growth plans")
    click(qtbot, editor, editor.centre(node_id))
    trace = editor.document.analysis.trace
    assert trace is not None and trace.node_id == node_id
    sentences = [editor.panel.paths.item(i).text() for i in range(editor.panel.paths.count())]
    assert "Weekly 1:1s → Growth plans → Team retention ≥ 90 %" in sentences
    assert editor.scene.nodes[editor.node("Weekly 1:1s")].opacity() == 1.0
    assert editor.scene.nodes[editor.node("Code reviews")].opacity() == DIMMED
    click(qtbot, editor, editor.point(QPointF(-30, 10)))  # empty space: trace off
    assert editor.document.analysis.trace is None
    assert editor.scene.nodes[editor.node("Code reviews")].opacity() == 1.0


# -- find, navigation ------------------------------------------------


def test_find_bar_cycles_through_matches(qtbot: object, editor: Editor) -> None:
    editor.tools.find()
    assert editor.tools.find_bar.isVisible()
    qtbot.keyClicks(editor.tools.find_bar.field, "review")  # type: ignore[attr-defined]
    matches = editor.tools.find_bar.matches
    assert len(matches) >= 1
    assert editor.scene.selected_ids()[0] == [matches[0]]
    qtbot.keyClick(editor.tools.find_bar.field, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert editor.scene.selected_ids()[0] == [matches[1 % len(matches)]]
    qtbot.keyClick(editor.tools.find_bar.field, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not editor.tools.find_bar.isVisible()


def test_zoom_to_selection_and_minimap_click(qtbot: object, editor: Editor) -> None:
    node_id = editor.node("Delivery predictability")
    editor.scene.select_only([node_id])
    editor.view.zoom_out()
    editor.view.zoom_out()
    editor.tools.zoom_to_selection()
    visible = editor.view.mapToScene(editor.view.viewport().rect()).boundingRect()
    assert visible.contains(editor.scene.nodes[node_id].sceneBoundingRect())
    editor.tools.toggle_minimap()
    minimap = editor.tools.minimap
    assert minimap.isVisible()
    goal = QPointF(1100, 150)
    before = editor.view.mapToScene(editor.view.viewport().rect().center())
    target = minimap.transform().map(goal)
    qtbot.mouseClick(minimap, LEFT, NONE, target.toPoint())  # type: ignore[attr-defined]
    after = editor.view.mapToScene(editor.view.viewport().rect().center())
    assert (after - goal).manhattanLength() < (before - goal).manhattanLength()


# -- look ------------------------------------------------


def test_outcome_shows_progress_from_its_latest_checkin(qtbot: object, editor: Editor) -> None:
    document = editor.document
    outcome = editor.node("Team retention ≥ 90 %")
    document.set_node_field(outcome, "baseline", 80)
    document.set_node_field(outcome, "target", 90)
    records = RecordEditor(document)
    records.add_checkin(outcome, 82, date="2099-01-01")
    records.add_checkin(outcome, 85, date="2099-02-01")
    assert editor.scene.nodes[outcome].progress == pytest.approx(0.5)
    document.undo_stack.undo()
    assert editor.scene.nodes[outcome].progress == pytest.approx(0.2)


def test_the_scene_follows_a_dark_palette(qtbot: object, editor: Editor) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    assert not editor.scene.canvas_style.dark
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: editor.scene.canvas_style.dark)  # type: ignore[attr-defined]
        assert editor.scene.backgroundBrush().color().lightness() < 80
        assert editor.view.grab().toImage().pixelColor(5, 5).lightness() < 80
    finally:
        app.setPalette(light)
    qtbot.waitUntil(lambda: not editor.scene.canvas_style.dark)  # type: ignore[attr-defined]


def test_far_out_a_large_map_is_one_cached_picture(qtbot: object, document: RoleDocument) -> None:
    from tests.support.generate import big_role_map, write_role

    role_map = big_role_map(600, 1200, seed=2)
    write_role(document.store, role_map)
    document.switch_role(role_map.role.id)
    scene = MapScene(document)
    view = MapView(scene)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)  # type: ignore[attr-defined]
    view.fit_all()
    assert scene.overview_mode
    image = view.grab().toImage()
    # The boxes are painted in their kinds' colours, over the lanes' shade.
    for kind in (NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME):
        assert _count_near(image, QColor(KIND_ACCENT[kind])) > 200, kind
    view.reset_zoom()
    assert not scene.overview_mode


def _count_near(image: QImage, colour: QColor, slack: int = 12) -> int:
    """How many pixels are within `slack` of `colour` (every 2nd pixel each way)."""
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= slack
                and abs(pixel.green() - colour.green()) <= slack
                and abs(pixel.blue() - colour.blue()) <= slack
            ):
                found += 1
    return found


def test_window_actions_reach_the_map_tools(qtbot: object, window: object) -> None:
    from PySide6.QtGui import QAction

    for name in (
        "auto-layout",
        "copy",
        "cut",
        "paste",
        "duplicate",
        "find",
        "zoom-selection",
        "toggle-grid",
        "toggle-minimap",
        "show-purpose",
    ):
        assert window.findChild(QAction, name) is not None, name  # type: ignore[attr-defined]
    document = window.document  # type: ignore[attr-defined]
    document.move_nodes({document.role_map.nodes_of(NodeKind.OUTPUT)[0].id: (700, 3000)})
    window.view.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL | SHIFT)  # type: ignore[attr-defined]
    assert document.undo_stack.undoText() == "Auto-layout"
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL)  # type: ignore[attr-defined]
    assert window.map_tools.find_bar.isVisible()  # type: ignore[attr-defined]
    assert window.findChild(QWidget, "purpose-panel") is not None  # type: ignore[attr-defined]
