"""Outcome cards: the latest value against the target, the bar redrawn at once, and the warning
when the direction contradicts baseline and target."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from rolemap.canvas.scene import MapScene
from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.ui.properties_panel import PropertiesPanel
from rolemap.ui.purpose_panel import PurposePanel

RETENTION = "Team retention ≥ 90 %"  # baseline 82, target 90, up
RAMP_UP = "Ramp-up under 2 weeks"  # baseline 6, target 2, down


def by_title(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes.values() if n.title == title)


def check_in_today(document: RoleDocument) -> None:
    """Latest values the tests can name: the example's own check-ins vary with the day the
    database was made (they are drawn from a generator seeded with that date)."""
    editor = RecordEditor(document)
    today = editor.today().isoformat()
    editor.add_checkin(by_title(document, RETENTION), 84.4, today)
    editor.add_checkin(by_title(document, RAMP_UP), 4.4, today)
    document.undo_stack.clear()


@pytest.fixture
def scene(document: RoleDocument, qtbot: QtBot) -> Iterator[MapScene]:
    check_in_today(document)
    made = MapScene(document)
    yield made
    made.deleteLater()


def test_the_card_reads_latest_value_then_target(document: RoleDocument, scene: MapScene) -> None:
    item = scene.nodes[by_title(document, RETENTION)]
    assert item.subtitle == "↑ 84.4 → 90 %"
    assert "baseline 82 %" in item.toolTip()
    assert "latest 84.4 %" in item.toolTip().casefold()
    down = scene.nodes[by_title(document, RAMP_UP)]
    assert down.subtitle == "↓ 4.4 → 2 weeks"


def test_a_card_without_a_check_in_names_the_target_as_such(
    document: RoleDocument, scene: MapScene
) -> None:
    node_id = document.add_node(document.role_map.nodes[by_title(document, RETENTION)].kind)
    assert node_id is not None
    assert document.set_node_field(node_id, "target", "75")
    QApplication.processEvents()
    assert scene.nodes[node_id].subtitle == "↑ target 75"
    assert scene.nodes[node_id].progress is None


def test_a_new_check_in_moves_the_card(document: RoleDocument, scene: MapScene) -> None:
    node_id = by_title(document, RETENTION)
    RecordEditor(document).add_checkin(node_id, 88.0, "2099-01-01")
    QApplication.processEvents()
    assert scene.nodes[node_id].subtitle == "↑ 88 → 90 %"
    assert scene.nodes[node_id].progress == pytest.approx((88 - 82) / (90 - 82))


def test_editing_the_target_redraws_the_progress_bar_at_once(
    document: RoleDocument, scene: MapScene
) -> None:
    node_id = by_title(document, RETENTION)
    item = scene.nodes[node_id]
    assert item.progress == pytest.approx((84.4 - 82) / (90 - 82))
    assert document.set_node_field(node_id, "target", "100")
    assert item.progress == pytest.approx((84.4 - 82) / (100 - 82))
    assert item.subtitle == "↑ 84.4 → 100 %"
    document.undo_stack.undo()
    assert item.progress == pytest.approx((84.4 - 82) / (90 - 82))


def test_the_canvas_asks_the_document_for_the_latest_check_ins(
    document: RoleDocument, qtbot: QtBot
) -> None:
    class NoRepository:
        def __getattr__(self, name: str) -> object:
            raise AssertionError(f"the canvas read records_repo.{name}")

    check_in_today(document)
    document.records_repo = NoRepository()  # type: ignore[assignment]
    scene = MapScene(document)
    try:
        assert scene.nodes[by_title(document, RETENTION)].subtitle == "↑ 84.4 → 90 %"
    finally:
        scene.deleteLater()


def test_a_direction_that_contradicts_baseline_and_target_is_warned_of(
    document: RoleDocument, qtbot: QtBot
) -> None:
    scene = MapScene(document)
    view = MapView(scene)
    panel = PropertiesPanel(document)
    purpose = PurposePanel(view)
    for widget in (view, panel, purpose):
        qtbot.addWidget(widget)
    scene.selection_ids_changed.connect(panel.show_selection)
    node_id = by_title(document, RETENTION)
    scene.select_only([node_id])
    assert panel.warning_text == ""
    assert document.set_node_field(node_id, "target", "70")  # below the baseline 82, "up"
    expected = "‘Higher is better’, but the target 70 is below the baseline 82"
    qtbot.waitUntil(lambda: expected in panel.warning_text)
    qtbot.waitUntil(lambda: any(expected in text for text in purpose.finding_texts()))
    assert document.set_node_field(node_id, "direction", "down")  # now they agree
    qtbot.waitUntil(lambda: panel.warning_text == "")
    qtbot.waitUntil(lambda: not any("baseline" in t for t in purpose.finding_texts()))


def test_the_warning_field_says_the_reverse_for_lower_is_better(
    document: RoleDocument, qtbot: QtBot
) -> None:
    panel = PropertiesPanel(document)
    qtbot.addWidget(panel)
    node_id = by_title(document, RAMP_UP)
    panel.show_selection([node_id], [])
    target = panel.editor("target")
    assert isinstance(target, QLineEdit)
    assert document.set_node_field(node_id, "target", "8")
    assert "‘Lower is better’, but the target 8 is above the baseline 6" in panel.warning_text
