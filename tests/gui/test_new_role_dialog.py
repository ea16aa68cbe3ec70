"""File → New role…: blank, a template with its page previewed, or a file; a name of its own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from tests.gui.accessibility import unnamed_controls

from rolemap.domain.kinds import NodeKind
from rolemap.services.templates import template_map, templates
from rolemap.ui.main_window import MainWindow
from rolemap.ui.new_role_dialog import NewRoleDialog

TAKEN = "There is already a role called ‘Engineering manager’: choose another name."


def dialog_for(qtbot: QtBot, window: MainWindow, template: str | None = None) -> NewRoleDialog:
    dialog = NewRoleDialog([r.name for r in window.document.roles()], window, template)
    qtbot.addWidget(dialog)
    return dialog


def in_dialog(steps: Callable[[NewRoleDialog], None]) -> list[str]:
    """Run `steps` on the New role dialog File → New role… opens; the errors they raised."""
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewRoleDialog):
            QTimer.singleShot(20, run)
            return
        try:
            steps(dialog)
        except Exception as error:
            problems.append(repr(error))
        finally:
            if dialog.isVisible():
                dialog.reject()  # never left open to block the test

    QTimer.singleShot(0, run)
    return problems


def test_the_preview_is_the_templates_page_with_every_title(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = dialog_for(qtbot, window, "product-designer")
    dialog.show()
    qtbot.waitExposed(dialog)
    role_map = template_map("product-designer")
    composition = dialog.preview.composition
    assert composition is not None
    drawn = {
        box.node_id: " ".join(t.text for t in box.texts if t.bold) for box in composition.boxes
    }
    assert drawn == {node.id: node.title for node in role_map.nodes.values()}
    assert dialog.heading.text() == "Product designer"
    assert role_map.role.purpose in dialog.purpose.text()
    assert dialog.summary.text() == next(
        t.summary for t in templates() if t.key == "product-designer"
    )
    assert dialog.facts.text().startswith("9 activities · 5 outputs · 4 outcomes")
    # ... and painted: the sheet is not blank.
    image = dialog.preview.grab().toImage()
    sheet = dialog.preview.page_rect().toRect()
    colours = {image.pixel(x, sheet.center().y()) for x in range(sheet.left() + 2, sheet.right())}
    assert len(colours) > 5
    dialog.select("data-scientist")  # another template, another page
    assert dialog.preview.composition is not composition
    assert dialog.name_edit.text() == "Data scientist"  # the name followed: not typed over


def test_a_name_typed_over_the_prefill_is_kept_when_the_template_changes(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = dialog_for(qtbot, window, "teacher")
    dialog.name_edit.setText("Head of year 9")
    dialog.select("nurse-manager")
    assert dialog.name_edit.text() == "Head of year 9"


def test_a_taken_name_is_refused_with_the_message(qtbot: QtBot, window: MainWindow) -> None:
    count = len(window.document.roles())
    dialog = dialog_for(qtbot, window, "engineering-manager")  # the example has its title
    assert dialog.name_edit.text() == "Engineering manager"
    assert dialog.message.text() == TAKEN
    assert not dialog.create_button.isEnabled()
    dialog.name_edit.setText("ENGINEERING MANAGER ")
    assert dialog.message.text() == TAKEN
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and len(window.document.roles()) == count
    dialog.name_edit.setText("Engineering lead")
    assert dialog.message.text() == "" and dialog.create_button.isEnabled()


def test_a_template_becomes_a_copy_under_the_name_typed_and_is_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    document = window.document

    def create(dialog: NewRoleDialog) -> None:
        dialog.select("account-executive")
        dialog.name_edit.setText("Enterprise AE")
        dialog.create_button.click()

    problems = in_dialog(create)
    role_id = window.roles.new_role()
    assert problems == [] and role_id is not None
    shipped = template_map("account-executive")
    role_map = document.role_map
    assert role_map.role.id == role_id and role_map.role.name == "Enterprise AE"
    assert sorted(n.title for n in role_map.nodes.values()) == sorted(
        n.title for n in shipped.nodes.values()
    )
    assert not set(role_map.nodes) & set(shipped.nodes) and role_id != shipped.role.id
    assert role_map.role.purpose == shipped.role.purpose
    assert window.windowTitle().startswith("Enterprise AE")
    assert set(window.scene.nodes) == set(role_map.nodes)


def test_a_blank_role_is_empty(qtbot: QtBot, window: MainWindow) -> None:
    def create(dialog: NewRoleDialog) -> None:
        dialog.select("blank")
        assert dialog.name_edit.text() == ""  # no template's title left behind
        assert not dialog.create_button.isEnabled()
        dialog.name_edit.setText("Side project")
        dialog.create_button.click()

    problems = in_dialog(create)
    window.action("new-role").trigger()
    assert problems == []
    role_map = window.document.role_map
    assert role_map.role.name == "Side project"
    assert not role_map.nodes and not role_map.links
    assert all(not role_map.nodes_of(kind) for kind in NodeKind)


def test_import_hands_over_to_file_import(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[bool] = []
    monkeypatch.setattr(type(window.roles), "import_roles", lambda self: handed.append(True))
    count = len(window.document.roles())

    def choose(dialog: NewRoleDialog) -> None:
        dialog.select("import")
        assert not dialog.name_edit.isVisibleTo(dialog)
        assert dialog.create_button.text() == "Choose file…"
        dialog.create_button.click()

    problems = in_dialog(choose)
    assert window.roles.new_role() is None
    assert problems == [] and handed == [True] and len(window.document.roles()) == count


def test_cancelling_creates_nothing(qtbot: QtBot, window: MainWindow) -> None:
    count = len(window.document.roles())
    in_dialog(lambda dialog: dialog.reject())
    assert window.roles.new_role("teacher") is None
    assert len(window.document.roles()) == count


def test_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    dialog = dialog_for(qtbot, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed_controls(dialog) == []
    headings = [
        dialog.choices.item(row).text()
        for row in range(dialog.choices.count())
        if dialog.choices.item(row).data(256) is None
    ]
    assert headings == ["START", "TEMPLATES"]  # not choices: the arrow keys pass them by


def test_enter_after_a_name_creates_a_blank_role(qtbot: QtBot, window: MainWindow) -> None:
    # The dialog opened on Blank with Create disabled (no name yet); Enter must still create,
    # not press Cancel, once a name is typed.
    def steps(dialog: NewRoleDialog) -> None:
        assert dialog.key == "blank"
        qtbot.keyClicks(dialog.name_edit, "Staff engineer")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    problems = in_dialog(steps)
    window.action("new-role").trigger()
    assert problems == []
    role_map = window.document.role_map
    assert role_map.role.name == "Staff engineer" and not role_map.nodes
