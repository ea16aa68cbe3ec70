"""The map compared with a review: added, changed and removed (ghosted), as a person sees them.

A review of 3–30 Nov 2026 is finished through the services (as `rolemap
review finish` would); then the map changes, and the Review tab's "Compare on
the map" shows it on the canvas. The picture is grabbed and read too: the
ring round an added box is green where the box is, and gone after Stop
comparing. Set ROLEMAP_SCREENSHOTS to a folder to keep the picture there
(the README's docs/compare.png is made so).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

from rolemap.canvas.ghost_items import GhostLinkItem, GhostNodeItem
from rolemap.document.document import RoleDocument
from rolemap.domain import geometry
from rolemap.domain.kinds import NodeKind
from rolemap.domain.review import Review
from rolemap.services import review_session as session
from rolemap.services.review_session import Clock
from rolemap.ui.main_window import MainWindow

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = dt.date(2026, 12, 28)


def clock() -> Clock:
    return Clock(int(dt.datetime(2026, 12, 28, 12, tzinfo=BERLIN).timestamp()), BERLIN)


def finished_review(document: RoleDocument, first: dt.date, last: dt.date) -> Review:
    review, _ = session.start_review(document.store, document.role_map, clock(), first, last)
    return session.finish_review(document.store, document.role_map, review, clock())


def node_id(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes.values() if n.title == title)


@pytest.fixture
def window(qtbot: Any, document: RoleDocument) -> Iterator[MainWindow]:
    win = MainWindow(document)
    win.resize(1400, 900)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.started):
        win.show()
    win.review.editor.clock = clock
    yield win
    document.undo_group.setActiveStack(None)


def compare_from_the_review_tab(qtbot: Any, window: MainWindow, review: Review) -> None:
    """What a person does: Review → History → the review → Compare → Compare on the map."""
    window.tabs.setCurrentWidget(window.review_page)
    history = window.review.history
    window.review.pages.setCurrentWidget(history)
    history.select(review.id)
    history.compare_selected()
    assert history.compare.on_map.isEnabled()  # the window takes the request
    with qtbot.waitSignal(window.compare_mode.started):
        qtbot.mouseClick(history.compare.on_map, Qt.MouseButton.LeftButton)


def ring_pixel(window: MainWindow, item: QGraphicsItem) -> QColor:
    """The colour of the picture just left of a box's left edge, where an added ring is."""
    view = window.view
    point = view.mapFromScene(item.scenePos() + QPointF(-4, geometry.NODE_HEIGHT / 2 + 10))
    image = view.viewport().grab().toImage()
    return image.pixelColor(point.x(), point.y())


def greenish(colour: QColor) -> bool:
    return colour.green() > colour.red() + 40 and colour.green() > colour.blue() + 20


def test_compare_shows_added_changed_and_removed_and_stop_restores_the_map(
    qtbot: Any, window: MainWindow, document: RoleDocument, tmp_path: Path
) -> None:
    review = finished_review(document, dt.date(2026, 11, 3), dt.date(2026, 11, 30))
    roadmap = document.role_map.nodes[node_id(document, "Quarterly roadmap")]
    roadmap_links = {
        k.id for k in document.role_map.links.values() if roadmap.id in (k.source, k.target)
    }
    assert roadmap_links
    added = document.add_node(NodeKind.OUTPUT, "Hiring rubric")
    assert added is not None
    renamed = node_id(document, "Weekly 1:1s")
    assert document.rename_node(renamed, "Weekly 1:1s (and skip-levels)")
    document.remove_nodes([roadmap.id])
    link = document.connect_nodes(node_id(document, "Mentoring sessions"), added)
    assert link is not None
    untouched = node_id(document, "Code reviews")

    compare_from_the_review_tab(qtbot, window, review)
    mode, scene, view = window.compare_mode, window.scene, window.view
    assert window.tabs.currentWidget() is view
    assert mode.active
    # Added and changed: marked on the live items.
    assert scene.nodes[added].change == "added"
    assert scene.nodes[renamed].change == "changed"
    assert "title ‘Weekly 1:1s’ → ‘Weekly 1:1s (and skip-levels)’" in scene.nodes[renamed].toolTip()
    assert scene.nodes[untouched].change is None
    assert scene.links[link].change == "added"
    assert all(
        item.change is None for key, item in scene.links.items() if key != link
    )  # nothing else changed
    # Removed: a ghost where it stood, and its links as ghost curves; none is a model item.
    ghost = mode.ghost_nodes[roadmap.id]
    assert isinstance(ghost, GhostNodeItem) and ghost.scene() is scene
    assert (ghost.pos().x(), ghost.pos().y()) == (roadmap.x, roadmap.y)
    assert ghost.title == "Quarterly roadmap" and "Removed since the review" in ghost.toolTip()
    assert set(mode.ghost_links) == roadmap_links
    assert all(isinstance(g, GhostLinkItem) for g in mode.ghost_links.values())
    assert roadmap.id not in scene.nodes and not roadmap_links & set(scene.links)
    for item in [ghost, *mode.ghost_links.values()]:
        assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        assert not item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
        assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    everything = QPainterPath()
    everything.addRect(scene.sceneRect())
    scene.setSelectionArea(everything)  # a rubber band round the whole map
    selected = scene.selectedItems()
    assert selected and not any(isinstance(i, GhostNodeItem | GhostLinkItem) for i in selected)
    scene.clearSelection()
    # The banner says what is compared and how much changed.
    banner = mode.banner
    assert banner.isVisible()
    assert banner.summary == (
        "Comparing with the review of 3–30 Nov 2026 · nodes: 1 added, 1 removed, 1 changed"
        f" · links: 1 added, {len(roadmap_links)} removed"
    )
    assert view.viewportMargins().top() == banner.height() > 0  # above the map, not over it

    # The picture: the added box has its green ring.
    view.reset_zoom()
    view.centre_on_node(added)
    qtbot.wait(10)
    assert greenish(ring_pixel(window, scene.nodes[added]))
    shots = [tmp_path]
    if os.environ.get("ROLEMAP_SCREENSHOTS"):
        shots.append(Path(os.environ["ROLEMAP_SCREENSHOTS"]))
    view.fit_all()
    for folder in shots:
        assert view.grab().save(str(folder / "compare.png"))

    # Stop comparing: the normal look, no ghost left, the banner's room given back.
    qtbot.mouseClick(banner.stop_button, Qt.MouseButton.LeftButton)
    assert not mode.active
    assert all(item.change is None for item in scene.nodes.values())
    assert all(item.change is None for item in scene.links.values())
    assert not any(isinstance(i, GhostNodeItem | GhostLinkItem) for i in scene.items())
    assert not banner.isVisible() and view.viewportMargins().top() == 0
    view.reset_zoom()
    view.centre_on_node(added)
    qtbot.wait(10)
    assert not greenish(ring_pixel(window, scene.nodes[added]))


def test_editing_while_comparing_updates_the_marks_and_undo_takes_them_back(
    qtbot: Any, window: MainWindow, document: RoleDocument
) -> None:
    review = finished_review(document, dt.date(2026, 11, 3), dt.date(2026, 11, 30))
    mode = window.compare_mode
    assert mode.start(review.id)
    scene = window.scene
    assert all(item.change is None for item in scene.nodes.values())
    assert mode.banner.summary.endswith("No change on the map since then.")
    hiring = node_id(document, "Hiring loops")
    with qtbot.waitSignal(mode.updated):
        assert document.rename_node(hiring, "Hiring loops and debriefs")
    assert scene.nodes[hiring].change == "changed"
    assert "nodes: 1 changed" in mode.banner.summary
    with qtbot.waitSignal(mode.updated):
        document.remove_nodes([hiring])
    assert set(mode.ghost_nodes) == {hiring}
    with qtbot.waitSignal(mode.updated):
        document.undo_stack.undo()  # the box is back, still renamed
    assert not mode.ghost_nodes and scene.nodes[hiring].change == "changed"
    with qtbot.waitSignal(mode.updated):
        document.undo_stack.undo()
    assert scene.nodes[hiring].change is None
    with qtbot.waitSignal(mode.updated):  # a move on the canvas only is not a change
        document.move_nodes({hiring: (scene.nodes[hiring].x(), scene.nodes[hiring].y() + 400)})
    assert scene.nodes[hiring].change is None
    mode.stop()


def test_escape_stops_comparing_but_first_ends_a_title_being_typed(
    qtbot: Any, window: MainWindow, document: RoleDocument
) -> None:
    review = finished_review(document, dt.date(2026, 11, 3), dt.date(2026, 11, 30))
    mode, view, scene = window.compare_mode, window.view, window.scene
    assert mode.start(review.id)
    view.setFocus()
    editor = scene.edit_title(node_id(document, "Code reviews"))
    assert editor is not None
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert scene.title_editor is None and mode.active  # Escape closed the title editor only
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not mode.active


def test_a_review_that_cannot_be_compared_is_refused_with_a_reason(
    qtbot: Any, window: MainWindow, document: RoleDocument
) -> None:
    refused: list[str] = []
    document.edit_refused.connect(refused.append)
    in_progress, _ = session.start_review(
        document.store, document.role_map, clock(), dt.date(2026, 12, 1), dt.date(2026, 12, 20)
    )
    assert not window.compare_mode.start(in_progress.id)
    assert "in progress" in refused[-1]
    assert not window.compare_mode.start("no-such-review")
    assert "not one of this role's" in refused[-1]
    assert not window.compare_mode.banner.isVisible()


def test_switching_role_stops_comparing(
    qtbot: Any, window: MainWindow, document: RoleDocument
) -> None:
    review = finished_review(document, dt.date(2026, 11, 3), dt.date(2026, 11, 30))
    assert document.add_node(NodeKind.INPUT, "Budget") is not None
    assert window.compare_mode.start(review.id)
    assert window.compare_mode.ghost_nodes == {} and window.compare_mode.active
    with qtbot.waitSignal(window.compare_mode.stopped):
        document.create_role("Second role")
    assert not any(item.change for item in window.scene.nodes.values())
