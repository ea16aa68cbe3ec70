"""The properties panel: the role's own fields, a link's fields and a node's purpose, as typed.

Each edit is made in the panel's widget as a person makes it, then undone and
redone; the panel must show the model's value after each step.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from tests.gui.conftest import assert_store_matches

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.ui.properties_panel import PropertiesPanel


@pytest.fixture
def panel(qtbot: QtBot, document: RoleDocument) -> Iterator[PropertiesPanel]:
    shown = PropertiesPanel(document)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown


def type_lines(qtbot: QtBot, panel: PropertiesPanel, name: str, text: str) -> None:
    area = panel.editor(name)
    assert isinstance(area, QPlainTextEdit)
    area.setFocus()
    area.selectAll()
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(area, Qt.Key.Key_Return)
        qtbot.keyClicks(area, line)
    area.clearFocus()  # leaving the field commits it


def check_undo_redo(
    document: RoleDocument, panel: PropertiesPanel, read: object, shown: object, after: object
) -> None:
    """The model and the panel say `after`; undo puts back the old value, redo `after`."""
    before_undo = read()  # type: ignore[operator]
    assert before_undo == after
    assert shown() == after  # type: ignore[operator]
    assert_store_matches(document)
    document.undo_stack.undo()
    old = read()  # type: ignore[operator]
    assert old != after
    assert shown() == old  # type: ignore[operator]
    document.undo_stack.redo()
    assert read() == after  # type: ignore[operator]
    assert shown() == after  # type: ignore[operator]
    assert_store_matches(document)


def test_purpose_is_edited_in_the_panel(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    type_lines(qtbot, panel, "purpose", "Keep the team growing.")
    assert document.undo_stack.undoText() == "Change purpose of role"
    area = panel.editor("purpose")
    assert isinstance(area, QPlainTextEdit)
    check_undo_redo(
        document, panel, lambda: document.role_map.role.purpose, area.toPlainText,
        "Keep the team growing.",
    )  # fmt: skip


@pytest.mark.parametrize("name", ["accountabilities", "domains", "decision_rights"])
def test_lists_are_edited_one_per_line(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument, name: str
) -> None:
    type_lines(qtbot, panel, name, "First\n\nSecond  ")
    area = panel.editor(name)
    assert isinstance(area, QPlainTextEdit)
    check_undo_redo(
        document,
        panel,
        lambda: getattr(document.role_map.role, name),
        lambda: tuple(area.toPlainText().splitlines()),
        ("First", "Second"),
    )


def test_review_cadence_is_chosen(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    combo = panel.editor("review_cadence")
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("quarter"))
    combo.activated.emit(combo.currentIndex())
    assert document.undo_stack.undoText() == "Change review cadence of role"
    check_undo_redo(
        document, panel, lambda: document.role_map.role.review_cadence, combo.currentData,
        "quarter",
    )  # fmt: skip


def test_purposeful_target_and_ideal_share_are_percent(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    spin = panel.editor("purposeful_target")
    assert isinstance(spin, QDoubleSpinBox)
    spin.setValue(85)
    check_undo_redo(
        document, panel, lambda: document.role_map.role.purposeful_target,
        lambda: round(spin.value() / 100, 4), 0.85,
    )  # fmt: skip
    name = document.role_map.role.categories[0].name
    share = panel.editor(f"ideal:{name}")
    assert isinstance(share, QDoubleSpinBox)
    share.setValue(30)
    assert document.undo_stack.undoText() == f"Change ideal share of ‘{name}’"
    check_undo_redo(
        document,
        panel,
        lambda: document.role_map.role.ideal_allocation.get(name, 0.0),
        lambda: round(share.value() / 100, 4),
        0.3,
    )


def test_link_confidence_is_typed_as_a_percent(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    link = next(iter(document.role_map.links.values()))
    panel.show_selection([], [link.id])
    field = panel.editor("confidence")
    assert isinstance(field, QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, "70 %")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    field.clearFocus()
    check_undo_redo(
        document, panel, lambda: document.role_map.links[link.id].confidence,
        lambda: 0.7 if field.text() == "70 %" else None if field.text() == "" else field.text(),
        0.7,
    )  # fmt: skip
    assert document.role_map.links[link.id].confidence == pytest.approx(0.7)


def test_a_node_says_what_the_purpose_check_finds(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    node_id = document.add_node(NodeKind.ACTIVITY, "Busywork")
    assert node_id is not None
    panel.show_selection([node_id], [])
    qtbot.waitUntil(lambda: "leads to no outcome" in panel.finding_text)
    target = next(n.id for n in document.role_map.nodes_of(NodeKind.OUTCOME))
    document.connect_nodes(node_id, target)
    qtbot.waitUntil(lambda: panel.finding_text == "")
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: "leads to no outcome" in panel.finding_text)


def test_a_cleared_title_is_refused_and_put_back_in_the_field(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    node_id = next(n.id for n in document.role_map if n.title == "Weekly 1:1s")
    panel.show_selection([node_id], [])
    title = panel.editor("title")
    assert isinstance(title, QLineEdit)
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    with qtbot.waitSignal(document.edit_refused) as refused:
        qtbot.keyClick(title, Qt.Key.Key_Return)
    assert refused.args == ["A node needs a title."]
    assert document.role_map.nodes[node_id].title == "Weekly 1:1s"
    assert title.hasFocus() and title.text() == "Weekly 1:1s"
    assert document.undo_stack.count() == 0


def test_a_cleared_role_name_is_refused_and_put_back(
    qtbot: QtBot, panel: PropertiesPanel, document: RoleDocument
) -> None:
    name = panel.editor("name")
    assert isinstance(name, QLineEdit)
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    with qtbot.waitSignal(document.edit_refused):
        qtbot.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == "Engineering manager"


def test_every_field_has_an_accessible_name(panel: PropertiesPanel, document: RoleDocument) -> None:
    from tests.gui.accessibility import unnamed_controls

    assert unnamed_controls(panel) == []  # the role
    for title in ("Weekly 1:1s", "Design docs", "Team retention ≥ 90 %"):
        node_id = next(n.id for n in document.role_map if n.title == title)
        panel.show_selection([node_id], [])
        assert unnamed_controls(panel) == [], title
    panel.show_selection([], [next(iter(document.role_map.links))])
    assert unnamed_controls(panel) == []
