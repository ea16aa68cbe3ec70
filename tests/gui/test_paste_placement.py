"""Pasted and duplicated nodes land in free space in their lanes (or at the pointer), selected."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from rolemap.canvas.scene import MapScene
from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind
from rolemap.ui.map_tools import MapTools


@dataclass
class Canvas:
    document: RoleDocument
    scene: MapScene
    view: MapView
    tools: MapTools

    def ids(self, *titles: str) -> list[str]:
        nodes = self.document.role_map.nodes.values()
        return [next(n.id for n in nodes if n.title == title) for title in titles]


@pytest.fixture
def canvas(qtbot: QtBot, document: RoleDocument) -> Iterator[Canvas]:
    scene = MapScene(document)
    view = MapView(scene)
    view.resize(1200, 900)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    yield Canvas(document, scene, view, MapTools(view))


def assert_no_overlap(document: RoleDocument) -> None:
    nodes = list(document.role_map.nodes.values())
    for a, b in itertools.combinations(nodes, 2):
        assert not geometry.overlap((a.x, a.y), (b.x, b.y)), (a.title, b.title)


def assert_in_lanes(document: RoleDocument, ids: list[str]) -> None:
    for node_id in ids:
        node = document.role_map.nodes[node_id]
        assert geometry.lane_of_x(node.x) == node.kind.lane
        assert node.y >= geometry.LANE_TOP


def test_pasted_nodes_land_in_free_space_and_are_selected(canvas: Canvas) -> None:
    canvas.scene.select_only(canvas.ids("Weekly 1:1s", "Growth plans", "Code reviews"))
    assert canvas.tools.copy()
    for _ in range(3):  # again and again: each lot finds its own room
        pasted = canvas.tools.paste()
        assert len(pasted) == 3
        assert set(canvas.scene.selected_ids()[0]) == set(pasted)
        assert_no_overlap(canvas.document)
        assert_in_lanes(canvas.document, pasted)


def test_duplicates_land_in_free_space_and_are_selected(canvas: Canvas) -> None:
    canvas.scene.select_only(canvas.ids("Design docs", "Onboarding guide"))
    for _ in range(2):
        copies = canvas.tools.duplicate()
        assert len(copies) == 2
        assert set(canvas.scene.selected_ids()[0]) == set(copies)
        assert_no_overlap(canvas.document)
        assert_in_lanes(canvas.document, copies)
        canvas.scene.select_only(canvas.ids("Design docs", "Onboarding guide"))


def test_pasting_into_a_role_with_nodes_in_those_places_avoids_them(canvas: Canvas) -> None:
    document = canvas.document
    copied = canvas.ids("Weekly 1:1s", "Growth plans")
    places = [(document.role_map.nodes[i].kind, document.role_map.nodes[i].y) for i in copied]
    canvas.scene.select_only(copied)
    assert canvas.tools.copy()
    assert document.create_role("Second role")
    for kind, y in places:  # someone already sits exactly where the copies were
        assert document.add_node(kind, "Already here", y=y)
    pasted = canvas.tools.paste()
    assert len(pasted) == 2
    assert set(canvas.scene.selected_ids()[0]) == set(pasted)
    assert_no_overlap(document)
    assert len(document.role_map.links) == 1


def test_a_paste_with_the_pointer_over_the_map_lands_where_it_points(
    qtbot: QtBot, canvas: Canvas
) -> None:
    document = canvas.document
    canvas.scene.select_only(canvas.ids("Code reviews"))
    assert canvas.tools.copy()
    lowest = max(n.y for n in document.role_map.nodes.values())
    point = QPointF(geometry.home_x(NodeKind.ACTIVITY) + 40, lowest + 150)  # below the others
    canvas.view.centerOn(point)
    QApplication.processEvents()
    where = canvas.view.mapFromScene(point)
    qtbot.mouseMove(canvas.view.viewport(), where)
    [pasted] = canvas.tools.paste()
    node = document.role_map.nodes[pasted]
    assert abs(node.y + geometry.NODE_HEIGHT / 2 - point.y()) < geometry.NODE_HEIGHT
    assert geometry.lane_of_x(node.x) == NodeKind.ACTIVITY.lane
    assert_no_overlap(document)


def test_the_pointer_outside_the_map_is_not_a_place(qtbot: QtBot, canvas: Canvas) -> None:
    document = canvas.document
    canvas.scene.select_only(canvas.ids("Code reviews"))
    assert canvas.tools.copy()
    viewport = canvas.view.viewport()
    qtbot.mouseMove(viewport, QPoint(10, 10))
    QApplication.sendEvent(viewport, _leave_event())
    original = document.role_map.nodes[canvas.ids("Code reviews")[0]]
    taken = [n.y for n in document.role_map.nodes_of(original.kind)]
    [pasted] = canvas.tools.paste()
    nearest = geometry.free_slot(original.kind, taken, near_y=original.y)
    assert (document.role_map.nodes[pasted].x, document.role_map.nodes[pasted].y) == nearest
    assert_no_overlap(document)


def _leave_event() -> object:
    from PySide6.QtCore import QEvent

    return QEvent(QEvent.Type.Leave)
