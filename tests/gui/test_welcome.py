"""The welcome page: opened on a first start, the four steps from the data, dismissed for good."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot
from tests.gui.accessibility import unnamed_controls

from rolemap.document.document import RoleDocument
from rolemap.domain.getting_started import StepState
from rolemap.services.templates import template_map
from rolemap.store.database import Store
from rolemap.store.getting_started import note_manual_exported
from rolemap.store.preferences import ExportPreset, save_preset
from rolemap.ui.main_window import MainWindow
from rolemap.ui.new_role_dialog import NewRoleDialog
from rolemap.ui.startup import open_for_window
from rolemap.ui.welcome_style import LinkButton

StartWindow = Callable[[], MainWindow]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The window's settings, in a file of their own: the "restarts" share it."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def start(qtbot: QtBot, tmp_path: Path, settings: QSettings) -> Iterator[StartWindow]:
    """Start Rolemap's window as app.py does, on one database; each call is a (re)start."""
    stores: list[Store] = []
    documents: list[RoleDocument] = []

    def started() -> MainWindow:
        for store in stores:  # the previous run has ended
            store.close()
        store = open_for_window(tmp_path / "data" / "rolemap.sqlite3", settings=settings)
        assert store is not None
        stores.append(store)
        document = RoleDocument(store)
        document.switch_role(document.roles()[0].id)
        documents.append(document)
        window = MainWindow(document, settings=settings)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.started):
            window.show()
        return window

    yield started
    for document in documents:
        document.undo_group.setActiveStack(None)
    for store in stores:
        store.close()


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def step_texts(window: MainWindow, number: int) -> str:
    assert window.guide.page is not None
    card = window.guide.page.step_cards[number - 1]
    return card.checks.text()


def test_a_first_start_opens_on_the_welcome_page(start: StartWindow) -> None:
    window = start()
    page = window.guide.page
    assert page is not None and window.tabs.currentWidget() is page
    assert tab_titles(window) == ["Welcome", "Map", "Plan", "Track", "Dashboard", "Review"]
    assert [card.title.text() for card in page.step_cards] == [
        "Audit a week",
        "Design your ideal state",
        "Write your operating manual",
        "Review and adjust",
    ]
    # The example's sample time is not the person's audit; its map is partly designed.
    assert "No time tracked in the last 7 days" in step_texts(window, 1)
    assert "7 of 8 activities lead to an outcome" in step_texts(window, 2)
    assert page.keep_button.isVisibleTo(page)
    assert len(page.template_keys()) == 12
    assert unnamed_controls(page) == []


def test_an_existing_database_opens_on_the_map(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, store: Store
) -> None:
    assert open_for_window(store.path, settings=settings) is not None  # no first start
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    window = MainWindow(document, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.started):
        window.show()
    assert "Welcome" not in tab_titles(window) and window.guide.page is None  # not even built
    document.undo_group.setActiveStack(None)


def test_dismissing_sticks_across_restarts_and_help_brings_it_back(
    start: StartWindow, qtbot: QtBot
) -> None:
    first = start()
    close = first.tabs.tabBar().tabButton(0, first.tabs.tabBar().ButtonPosition.RightSide)
    assert isinstance(close, QToolButton) and close.accessibleName() == "Close the welcome page"
    close.click()
    assert "Welcome" not in tab_titles(first) and first.tabs.currentWidget() is first.view
    assert "Help → Getting started" in first.statusBar().currentMessage()
    first.close()

    again = start()  # a restart on the same settings
    assert tab_titles(again)[0] == "Map" and again.tabs.currentWidget() is again.view
    again.action("getting-started").trigger()
    assert tab_titles(again)[0] == "Welcome"
    assert again.tabs.currentWidget() is again.guide.page
    again.action("getting-started").trigger()  # asked twice: still one tab
    assert tab_titles(again).count("Welcome") == 1
    assert again.guide.page is not None
    again.guide.page.close_button.click()  # the page's own way to close it
    again.close()
    assert "Welcome" not in tab_titles(start())


def test_the_page_left_open_comes_back_at_the_next_start(start: StartWindow) -> None:
    start().close()  # not dismissed: the first start's page is still wanted
    assert tab_titles(start())[0] == "Welcome"


def choose_in_dialog(steps: Callable[[NewRoleDialog], None]) -> list[str]:
    """Run `steps` on the New role dialog once it is open; what went wrong, if anything."""
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewRoleDialog):
            QTimer.singleShot(20, run)
            return
        try:
            steps(dialog)
        except Exception as error:  # reported to the test, not lost in the event loop
            problems.append(repr(error))
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, run)
    return problems


def test_choosing_a_template_creates_the_role_and_step_2_reflects_its_data(
    start: StartWindow,
) -> None:
    window = start()
    page = window.guide.page
    assert page is not None
    document = window.document
    example = document.role_map.role.id
    template_ids = set(template_map("teacher").nodes)

    def name_it(dialog: NewRoleDialog) -> None:
        assert dialog.key == "teacher"  # the template clicked on the page
        assert dialog.name_edit.text() == "Teacher (secondary school)"
        dialog.name_edit.setText("Head of maths")
        dialog.accept()

    problems = choose_in_dialog(name_it)
    row = page.template_keys().index("teacher")
    page.templates.itemClicked.emit(page.templates.item(row))
    QApplication.processEvents()  # the page passes the choice on at the next turn
    assert problems == []
    role = document.role_map.role
    assert role.name == "Head of maths" and role.id != example
    assert len(document.role_map.nodes) == 20 and not template_ids & set(document.role_map.nodes)
    assert window.role_box.currentText() == "Head of maths"
    assert window.tabs.currentWidget() is window.view  # the new role's map
    window.tabs.setCurrentWidget(page)
    assert page.steps_note.text().startswith("How far ‘Head of maths’ has come")
    design = page.step_cards[1]
    assert design.step is not None and design.step.state is StepState.DONE
    assert "4 of 4 outcomes have a target" in design.checks.text()
    assert "9 of 9 activities lead to an outcome" in design.checks.text()
    assert not page.keep_button.isVisibleTo(page)  # not the example any more


def test_the_steps_follow_the_data_and_link_to_where_they_are_done(
    start: StartWindow, qtbot: QtBot
) -> None:
    window = start()
    page = window.guide.page
    assert page is not None
    role_id = window.document.role_map.role.id
    save_preset(window.document.store, role_id, ExportPreset(path="/tmp/role.pdf"))
    note_manual_exported(window.document.store, role_id, "/tmp/manual.pdf")
    window.tabs.setCurrentWidget(window.view)
    window.tabs.setCurrentWidget(page)  # read again as it comes into view
    assert page.step_cards[2].step is not None
    assert page.step_cards[2].step.state is StepState.DONE
    assert "One-page diagram exported (role.pdf)" in step_texts(window, 3)
    assert "Manual exported today (manual.pdf)" in step_texts(window, 3)

    links = page.step_cards[0].link_targets()
    assert links[:2] == ["action-focus-quick-entry", "tab-track"]
    review = page.step_cards[3]
    button = next(b for b in review.findChildren(LinkButton) if b.text() == "Open Review")
    button.click()
    assert window.tabs.currentWidget() is window.review_page

    window.tabs.setCurrentWidget(page)
    unanchored = next(n for n in window.document.role_map.nodes.values() if "Email" in n.title)
    outcome = next(n for n in window.document.role_map.nodes.values() if n.kind.value == "outcome")
    window.document.connect_nodes(unanchored.id, outcome.id)
    qtbot.waitUntil(lambda: "8 of 8 activities lead to an outcome" in step_texts(window, 2))


def test_whats_this_is_in_the_help_menu_on_shift_f1(start: StartWindow) -> None:
    from PySide6.QtWidgets import QWhatsThis

    window = start()
    action = window.action("whats-this")
    assert "Shift+F1" in [s.toString() for s in action.shortcuts()]
    help_menu = [a.objectName() for a in window.menus.menus["&Help"].actions()]
    assert help_menu[:2] == ["getting-started", "whats-this"]
    action.trigger()
    assert QWhatsThis.inWhatsThisMode()
    QWhatsThis.leaveWhatsThisMode()


def test_opening_the_page_reads_the_steps_once(
    start: StartWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap.services import getting_started

    window = start()
    window.guide.dismiss()
    reads: list[str] = []
    real = getting_started.role_steps

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append("read")
        return real(*args, **kwargs)

    monkeypatch.setattr(getting_started, "role_steps", counted)
    window.guide.show_page()  # Help → Getting started
    assert window.tabs.currentWidget() is window.guide.page
    assert reads == ["read"]
