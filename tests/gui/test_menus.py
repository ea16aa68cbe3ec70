"""The menus and toolbar from the actions table: every handler resolves, every key is bound once."""

from __future__ import annotations

from functools import cached_property

import pytest
from PySide6.QtGui import QAction, QKeySequence

from rolemap.document.document import RoleDocument
from rolemap.ui.actions import ACTIONS, Key
from rolemap.ui.main_window import DEFERRED, MainWindow
from rolemap.ui.menus import HandlerError, resolve_handler
from rolemap.ui.shortcuts import key_sequences, shortcut_clashes


def test_every_action_has_a_handler_that_resolves_to_a_callable(window: MainWindow) -> None:
    for spec in ACTIONS:
        action = window.action(spec.name)  # found by its object name
        assert action.text() == spec.text or spec.handler == ""  # Undo/Redo name their step
        if spec.handler:
            assert callable(resolve_handler(window, spec.handler)), spec.name
    window.menus.check_handlers()


def test_handlers_are_checked_when_the_menus_are_built_not_when_clicked(
    qtbot: object, document: RoleDocument
) -> None:
    window = MainWindow(document)  # built, not shown: the helpers do not exist yet
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    with pytest.raises(HandlerError, match="add_inptu"):
        resolve_handler(window, "map_commands.add_inptu")
    with pytest.raises(HandlerError, match="rolse"):
        resolve_handler(window, "rolse.new_role")
    with pytest.raises(HandlerError, match="not callable"):
        resolve_handler(window, "map_commands.document")
    # A helper built after the first paint is bound lazily: checking it builds nothing.
    assert isinstance(MainWindow.__dict__["roles"], cached_property)
    assert callable(resolve_handler(window, "roles.new_role"))
    assert not any(part in window.__dict__ for part in DEFERRED)


def test_a_wrong_method_on_a_later_helper_fails_as_soon_as_the_helper_exists(
    qtbot: object, document: RoleDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap.ui import menus

    window = MainWindow(document)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    broken = (*window.menus._specs, menus.ActionSpec("oops", "Oops", "roles.new_rol", "&File"))
    monkeypatch.setattr(window.menus, "_specs", broken)
    with pytest.raises(HandlerError, match="new_rol"):
        window.finish_start()


def test_no_two_actions_share_a_key(window: MainWindow) -> None:
    assert shortcut_clashes(window) == []


def test_the_clash_check_sees_a_key_bound_twice(window: MainWindow) -> None:
    same = QAction("Again", window)
    same.setObjectName("again")
    same.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Shift+Z")])
    window.addAction(same)  # what Redo had on X11: its own key twice
    other = QAction("Other", window)
    other.setObjectName("other")
    other.setShortcut(QKeySequence("Ctrl+D"))  # Duplicate's key
    window.addAction(other)
    clashes = shortcut_clashes(window)
    assert any(c.startswith("Ctrl+Shift+Z: ") and "again, again" in c for c in clashes), clashes
    assert "Ctrl+D: duplicate, other" in clashes


def test_key_sequences_bind_a_key_once_whatever_the_platform_calls_it() -> None:
    redo = key_sequences((Key.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
    texts = [s.toString() for s in redo]
    assert sorted(texts) == ["Ctrl+Shift+Z", "Ctrl+Y"]  # on X11 the standard Redo is one of them
    assert key_sequences(("Ctrl+Q", "Ctrl+Q")) == [QKeySequence("Ctrl+Q")]


def test_redo_answers_to_ctrl_shift_z_and_ctrl_y(window: MainWindow) -> None:
    texts = {s.toString() for s in window.action("redo").shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= texts


def test_menus_keep_their_order_and_groups(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Map", "&View", "&Track", "&Help"]
    edit = [a.objectName() or "|" for a in window.menus.menus["&Edit"].actions()]
    assert edit[:4] == ["undo", "redo", "|", "delete"]
    file_menu = window.menus.menus["&File"].actions()
    assert file_menu[-1].objectName() == "quit" and file_menu[-2].isSeparator()
    assert file_menu[-3] is window.menus.recent_menu.menuAction()
