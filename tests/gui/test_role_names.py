"""Role names: one clean line, never another role's (case aside), for new roles and renames."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from rolemap.document.document import RoleDocument


def test_renaming_to_another_roles_name_is_refused_whatever_the_case(
    document: RoleDocument, qtbot: QtBot
) -> None:
    first = document.role_map.role
    assert document.create_role("Staff engineer") is not None
    before = document.role_map.role
    for taken in (first.name, first.name.upper(), f"  {first.name.lower()}  "):
        with qtbot.waitSignal(document.edit_refused) as refused:
            assert not document.rename_role(taken)
        assert (
            refused.args[0]
            == f"There is already a role called ‘{first.name}’: choose another name."
        )
    assert document.role_map.role == before
    assert document.undo_stack.count() == 0
    assert sorted(r.name for r in document.roles()) == sorted([first.name, "Staff engineer"])


def test_a_new_role_with_a_taken_name_is_refused_and_nothing_is_created(
    document: RoleDocument, qtbot: QtBot
) -> None:
    current = document.role_map.role.id
    count = len(document.roles())
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert document.create_role("ENGINEERING MANAGER") is None
    assert "There is already a role called ‘Engineering manager’" in refused.args[0]
    assert len(document.roles()) == count
    assert document.role_map.role.id == current


@pytest.mark.parametrize("name", ["", "   ", "Bell\x07"])
def test_a_name_that_is_not_one_clean_line_is_refused(
    document: RoleDocument, qtbot: QtBot, name: str
) -> None:
    count = len(document.roles())
    with qtbot.waitSignal(document.edit_refused):
        assert document.create_role(name) is None
    with qtbot.waitSignal(document.edit_refused):
        assert not document.rename_role(name)
    assert len(document.roles()) == count


def test_a_role_may_change_the_case_of_its_own_name(document: RoleDocument) -> None:
    assert document.rename_role("ENGINEERING manager")
    assert document.role_map.role.name == "ENGINEERING manager"


def test_a_name_is_kept_as_one_line(document: RoleDocument) -> None:
    assert document.create_role("  Two\nlines ") is not None
    assert document.role_map.role.name == "Two lines"


def test_the_new_role_dialog_says_why_a_taken_name_is_refused(
    qtbot: QtBot, document: RoleDocument
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from rolemap.ui.new_role_dialog import NewRoleDialog
    from rolemap.ui.role_actions import RoleActions

    said: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewRoleDialog):
            QTimer.singleShot(20, answer)
            return
        try:
            dialog.select("blank")
            dialog.name_edit.setText("engineering MANAGER")
            dialog.accept()  # refused: the dialog stays, with the reason
            said.append(dialog.message.text() if dialog.isVisible() else "closed")
            dialog.name_edit.setText("Staff engineer")
            dialog.accept()
        finally:
            if dialog.isVisible():
                dialog.reject()  # a failed step must not leave the test blocked

    QTimer.singleShot(0, answer)
    window = QMainWindow()
    qtbot.addWidget(window)
    RoleActions(window, document).new_role()
    assert said == ["There is already a role called ‘Engineering manager’: choose another name."]
    assert document.role_map.role.name == "Staff engineer"
    assert sorted(r.name for r in document.roles()) == ["Engineering manager", "Staff engineer"]
