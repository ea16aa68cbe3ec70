"""The Review tab through its widgets: walk a review, quit, come back; nudges, damage, export.

The clock is fixed in Berlin. The example role was created on 25 Nov 2026 and
is reviewed monthly, so its first review is due on 25 Dec 2026: the 28th is
after it, the 20th before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QWidget,
)
from tests.gui.accessibility import unnamed_controls
from tests.gui.conftest import answer_next_dialog
from tests.gui.test_window_layout import controls, overlaps

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.domain.review import ActionStatus, Review
from rolemap.review.answer_edit import AnswerEdit
from rolemap.review.evidence_table import EvidenceTable
from rolemap.review.review_editor import ReviewEditor
from rolemap.review.review_nudge import DUE_TITLE, TITLE, TRAY_KEY, ReviewNudge
from rolemap.review.review_tab import ReviewTab
from rolemap.services import review_session as session
from rolemap.services.review_session import Clock
from rolemap.services.transfer import seed_example
from rolemap.store.database import Store, open_store
from rolemap.store.review_repository import ReviewRepository
from rolemap.ui.main_window import MainWindow

BERLIN = ZoneInfo("Europe/Berlin")
DUE_DAY = dt.date(2026, 12, 25)
AFTER_DUE = dt.date(2026, 12, 28)
BEFORE_DUE = dt.date(2026, 12, 20)


def clock_on(day: dt.date) -> Callable[[], Clock]:
    moment = int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN).timestamp())
    return lambda: Clock(moment, BERLIN)


def stored(store: Store, review_id: str) -> Review:
    review = ReviewRepository(store).get(review_id)
    assert review is not None
    return review


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument, settings: QSettings) -> Iterator[ReviewTab]:
    widget = ReviewTab(document, clock_on(AFTER_DUE), settings)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitSignal(widget.refreshed):
        widget.show()
    yield widget


def start(qtbot: Any, tab: ReviewTab) -> Review:
    qtbot.mouseClick(tab.current.start.start_button, Qt.MouseButton.LeftButton)
    review = tab.current.review
    assert review is not None and tab.current.stack.currentWidget() is tab.current.work
    return review


def finished_review(document: RoleDocument, first: dt.date, last: dt.date, day: dt.date) -> Review:
    """A finished review made through the service, as `rolemap review` would."""
    clock = clock_on(day)()
    review, _ = session.start_review(document.store, document.role_map, clock, first, last)
    return session.finish_review(document.store, document.role_map, review, clock)


def answer_box(qtbot: Any, button: str, seen: list[str]) -> None:
    """Press `button` in the next message box; `seen` gets its text and informative text."""

    def read() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.extend([box.text(), box.informativeText()])

    QTimer.singleShot(0, read)
    answer_next_dialog(qtbot, button)


def open_window(qtbot: Any, store: Store, day: dt.date) -> MainWindow:
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    window = MainWindow(document)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.started):
        window.show()
    window.review.editor.clock = clock_on(day)
    window.review.nudge.refresh()
    window.tabs.setCurrentWidget(window.review_page)
    return window


# -- a person walks a review -----------------------------------------------------------------


def test_a_review_walked_in_the_tab_is_in_the_history_after_quitting(
    qtbot: Any, db_path: Path
) -> None:
    store = open_store(db_path, create=True, seed=seed_example)
    window = open_window(qtbot, store, AFTER_DUE)
    assert window.tabs.tabText(window.tabs.indexOf(window.review_page)) == DUE_TITLE
    tab = window.review
    review = start(qtbot, tab)
    answers = tab.current.sheet_view.answers
    qtbot.keyClicks(answers[0], "Design docs pay back the hours; email does not.")
    # Ctrl+Enter hands the answer on and goes to the next question's answer.
    with qtbot.waitSignal(answers[0].next_requested):
        qtbot.keyClick(answers[0], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored(store, review.id).answers[0] == "Design docs pay back the hours; email does not."
    qtbot.keyClicks(answers[1], "Retention holds.")
    actions = tab.current.sheet_view.actions_panel
    qtbot.keyClicks(actions.new_text, "Link email to an outcome, or cut it")
    qtbot.keyClick(actions.new_text, Qt.Key.Key_Return)
    assert [row.line.text for row in actions.rows] == ["Link email to an outcome, or cut it"]
    assert actions.new_text.text() == ""

    seen: list[str] = []
    answer_box(qtbot, "Finish review", seen)
    qtbot.mouseClick(tab.current.finish_button, Qt.MouseButton.LeftButton)
    assert "cannot be undone" in seen[1]
    assert "Questions 3, 4 have no answer yet" in seen[1]
    assert "1 open action carries into the next review" in seen[1]
    assert tab.current.stack.currentWidget() is tab.current.start
    assert tab.current.start.due.text() == "Next review due 28 Jan 2027 (monthly reviews)."
    assert window.tabs.tabText(window.tabs.indexOf(window.review_page)) == TITLE
    assert "it is in the history" in window.statusBar().currentMessage()
    window.close()
    window.document.undo_group.setActiveStack(None)
    store.close()

    again = open_window(qtbot, open_store(db_path), AFTER_DUE)
    history = again.review.history
    again.review.pages.setCurrentWidget(history)
    assert history.table.rowCount() == 1
    cells = [history.table.item(0, c).text() for c in range(4)]  # type: ignore[union-attr]
    assert cells[1:3] == ["28 Dec 2026", "2 of 4"]
    history.select(review.id)
    history.open_selected()
    kept = [edit.toPlainText() for edit in history.sheet_view.answers]
    assert kept == ["Design docs pay back the hours; email does not.", "Retention holds.", "", ""]
    rows = history.sheet_view.actions_panel.rows
    assert [row.line.text for row in rows] == ["Link email to an outcome, or cut it"]
    assert rows[0].tick is None  # read-only in a finished review
    assert history.sheet_view.panels[0].evidence.activities.table.rowCount() > 0
    again.close()
    again.document.undo_group.setActiveStack(None)
    again.document.store.close()


def test_typing_then_closing_the_window_at_once_keeps_the_text(qtbot: Any, db_path: Path) -> None:
    store = open_store(db_path, create=True, seed=seed_example)
    window = open_window(qtbot, store, AFTER_DUE)
    review = start(qtbot, window.review)
    edit = window.review.current.sheet_view.answers[2]
    qtbot.keyClicks(edit, "Less email")
    assert edit.pending  # still in its pause: not handed on yet
    assert stored(store, review.id).answers[2] == ""
    window.close()
    assert stored(store, review.id).answers[2] == "Less email"
    window.document.undo_group.setActiveStack(None)
    store.close()


def test_an_answer_is_saved_after_a_pause_in_typing(qtbot: Any, tab: ReviewTab) -> None:
    review = start(qtbot, tab)
    edit = tab.current.sheet_view.answers[3]
    qtbot.keyClicks(edit, "The role")
    qtbot.keyClicks(edit, " grew")
    with qtbot.waitSignal(edit.answer_edited, timeout=2000) as saved:
        pass
    assert saved.args == [4, "The role grew"]  # once, with all of it
    assert stored(tab.document.store, review.id).answers[3] == "The role grew"
    assert not edit.pending


def test_an_answer_that_cannot_be_saved_stays_and_goes_again(
    qtbot: Any, tab: ReviewTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap.store.errors import WriteFailedError

    review = start(qtbot, tab)
    edit = tab.current.sheet_view.answers[0]

    def full(*_args: object) -> Review:
        raise WriteFailedError("The disk is full.")

    monkeypatch.setattr(session, "set_answer", full)
    qtbot.keyClicks(edit, "Kept on screen")
    edit.flush()
    assert edit.pending and edit.toPlainText() == "Kept on screen"
    assert "not saved yet: The disk is full." in tab.current.message.text()
    monkeypatch.undo()
    edit.flush()
    assert stored(tab.document.store, review.id).answers[0] == "Kept on screen"
    assert tab.current.message.isHidden()


def test_ctrl_enter_walks_the_answers_then_reaches_the_new_action(
    qtbot: Any, tab: ReviewTab
) -> None:
    start(qtbot, tab)
    tab.window().activateWindow()
    answers = tab.current.sheet_view.answers
    qtbot.waitUntil(lambda: QApplication.focusWidget() is answers[0])  # Start puts it there
    for number in (1, 2, 3):
        qtbot.keyClick(answers[number - 1], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is answers[number]
    qtbot.keyClick(answers[3], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tab.current.sheet_view.actions_panel.new_text
    qtbot.keyClick(
        answers[2],
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier,
    )
    assert QApplication.focusWidget() is answers[1]
    assert all(edit.tabChangesFocus() for edit in answers)  # Tab leaves a box, never types


# -- the period, the actions, discarding --------------------------------------------------------


def test_a_refused_period_says_the_services_words_and_keeps_the_old_one(
    qtbot: Any, tab: ReviewTab
) -> None:
    review = start(qtbot, tab)
    tab.current.period.set_period(dt.date(2026, 12, 10), dt.date(2026, 12, 1))
    qtbot.mouseClick(tab.current.period_button, Qt.MouseButton.LeftButton)
    assert "ends (2026-12-01) before it starts (2026-12-10)" in tab.current.message.text()
    assert tab.current.period.period() == (review.first_day, review.last_day)
    tab.current.period.set_period(dt.date(2026, 12, 1), dt.date(2026, 12, 27))
    qtbot.mouseClick(tab.current.period_button, Qt.MouseButton.LeftButton)
    assert tab.current.message.isHidden()
    assert tab.current.title.text() == "Review of 1–27 Dec 2026 · in progress"
    assert stored(tab.document.store, review.id).chosen


def test_actions_are_ticked_dropped_reopened_and_carried_into_the_next_review(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    earlier = finished_review(document, dt.date(2026, 11, 1), dt.date(2026, 11, 20), AFTER_DUE)
    session.add_action(document.store, document.role_map, earlier, "Carried over")
    # An action added to a finished review stays open: it carries into the next one.
    tab.refresh()
    assert "1 open action from earlier reviews" in tab.current.start.carried.text()
    start(qtbot, tab)
    panel = tab.current.sheet_view.actions_panel
    panel.new_text.setText("Fresh one")
    outputs = document.role_map.nodes_of(NodeKind.OUTPUT)
    panel.node.setCurrentIndex(panel.node.findData(outputs[0].id))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    texts = {row.line.text: row for row in panel.rows}
    assert texts["Carried over"].line.carried and not texts["Fresh one"].line.carried
    assert texts["Fresh one"].line.node == outputs[0].title
    texts["Carried over"].tick.click()  # type: ignore[union-attr]
    statuses = {row.line.text: row.line.status for row in panel.rows}
    assert statuses == {"Carried over": ActionStatus.DONE, "Fresh one": ActionStatus.OPEN}
    drop = next(row for row in panel.rows if row.line.text == "Fresh one").button
    assert drop is not None and drop.text() == "Drop"
    drop.click()
    dropped = next(row for row in panel.rows if row.line.text == "Fresh one")
    assert dropped.line.status is ActionStatus.DROPPED and "(dropped)" in dropped.tick.text()  # type: ignore[union-attr]
    assert dropped.tick.font().strikeOut()  # type: ignore[union-attr]
    dropped.button.click()  # type: ignore[union-attr]  # Reopen
    assert {row.line.status for row in panel.rows} == {ActionStatus.DONE, ActionStatus.OPEN}


def test_discarding_asks_then_forgets_the_review(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    review = start(qtbot, tab)
    answer_next_dialog(qtbot, "Cancel")
    qtbot.mouseClick(tab.current.discard_button, Qt.MouseButton.LeftButton)
    assert stored(document.store, review.id) is not None
    answer_next_dialog(qtbot, "Discard")
    qtbot.mouseClick(tab.current.discard_button, Qt.MouseButton.LeftButton)
    assert ReviewRepository(document.store).get(review.id) is None
    assert tab.current.stack.currentWidget() is tab.current.start


def test_finishing_can_be_cancelled(qtbot: Any, tab: ReviewTab, document: RoleDocument) -> None:
    review = start(qtbot, tab)
    answer_next_dialog(qtbot, "Cancel")
    qtbot.mouseClick(tab.current.finish_button, Qt.MouseButton.LeftButton)
    assert not stored(document.store, review.id).is_finished


def test_the_evidence_follows_the_map_while_the_answers_stay(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    finished_review(document, dt.date(2026, 11, 1), dt.date(2026, 11, 20), AFTER_DUE)
    start(qtbot, tab)
    edit = tab.current.sheet_view.answers[3]
    qtbot.keyClicks(edit, "Half typed")
    changes = tab.current.sheet_view.panels[3].evidence.changes
    assert changes.empty.text() == "The map did not change."
    with qtbot.waitSignal(tab.refreshed):
        document.add_node(NodeKind.ACTIVITY, "Pairing sessions")
    assert changes.table.texts() == [["+ Added", "activity ‘Pairing sessions’", ""]]
    assert edit.toPlainText() == "Half typed"


# -- the nudge ---------------------------------------------------------------------------------


class FakeTray:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def showMessage(
        self, title: str, message: str, icon: QSystemTrayIcon.MessageIcon, msecs: int
    ) -> None:
        self.messages.append(message)


@pytest.mark.parametrize(("day", "due"), [(BEFORE_DUE, False), (DUE_DAY, True), (AFTER_DUE, True)])
def test_review_due_shows_when_due_and_not_otherwise(
    qtbot: Any, document: RoleDocument, settings: QSettings, day: dt.date, due: bool
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    tabs = QTabWidget()
    window.setCentralWidget(tabs)
    review = ReviewTab(document, clock_on(day), settings)
    tabs.addTab(review, "Review")
    tray = FakeTray()
    review.nudge.attach(tabs, review, window.statusBar(), tray)
    window.show()
    assert tabs.tabText(0) == (DUE_TITLE if due else TITLE)
    assert review.nudge.label is not None and review.nudge.label.isVisible() is due
    assert tray.messages == (
        ["A review of ‘Engineering manager’ is due (since 25 Dec 2026)."] if due else []
    )
    review.nudge.refresh()
    assert len(tray.messages) == (1 if due else 0)  # once a day
    if due:
        tabs.addTab(QMainWindow(), "Other")
        tabs.setCurrentIndex(1)
        review.nudge.label.linkActivated.emit("review")  # a click on "Review due"
        assert tabs.currentIndex() == 0


def test_the_tray_says_it_once_a_day_even_across_starts(
    qtbot: Any, document: RoleDocument, settings: QSettings
) -> None:
    tray = FakeTray()
    editor_day = [AFTER_DUE]
    editor = ReviewEditor(document, lambda: clock_on(editor_day[0])())
    nudges = []
    for _start in range(2):  # Rolemap started twice the same day
        tabs = QTabWidget()
        qtbot.addWidget(tabs)
        nudge = ReviewNudge(editor, settings, tabs)
        nudge.attach(tabs, tabs.widget(tabs.addTab(QWidget(), TITLE)), None, tray)
        nudges.append(nudge)
    second = nudges[1]
    assert len(tray.messages) == 1 and settings.value(TRAY_KEY) == "2026-12-28"
    editor_day[0] = AFTER_DUE + dt.timedelta(days=1)
    second._on_day_check_timeout()  # the window stayed open past midnight
    assert len(tray.messages) == 2


def test_finishing_a_review_ends_the_nudge(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tab.nudge.attach(tabs, tabs.widget(tabs.addTab(QMainWindow(), "Review")))
    assert tab.nudge.is_due
    start(qtbot, tab)
    answer_next_dialog(qtbot, "Finish review")
    with qtbot.waitSignal(tab.nudge.due_changed) as changed:
        qtbot.mouseClick(tab.current.finish_button, Qt.MouseButton.LeftButton)
    assert changed.args == [False] and tabs.tabText(0) == TITLE


# -- history: damage, comparison, export -----------------------------------------------------


def test_a_damaged_review_is_listed_with_the_services_words_and_the_rest_opens(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    good = finished_review(document, dt.date(2026, 11, 1), dt.date(2026, 11, 10), AFTER_DUE)
    bad = finished_review(document, dt.date(2026, 11, 11), dt.date(2026, 11, 20), AFTER_DUE)
    lost = finished_review(document, dt.date(2026, 11, 21), dt.date(2026, 11, 25), AFTER_DUE)
    conn = document.store.conn
    conn.execute("UPDATE reviews SET figures = '{oops', snapshot = '[' WHERE id = ?", (bad.id,))
    conn.execute("UPDATE reviews SET first_day = 'someday' WHERE id = ?", (lost.id,))
    conn.commit()
    history = tab.history
    tab.pages.setCurrentWidget(history)
    notes = [history.table.item(row, 3).text() for row in range(history.table.rowCount())]  # type: ignore[union-attr]
    assert notes == [
        "⚠ Damaged: Its stored figures and map cannot be read. The rest opens.",
        "",
        f"⚠ A review ({lost.id[:8]}) cannot be read: its dates are lost.",
    ]
    history.select(bad.id)
    history.open_selected()
    problem = history.sheet_view.problem
    assert problem.isVisible() and "cannot be read" in problem.text()
    assert not history.sheet_view.panels[0].evidence.activities.table.isVisible()
    history.select(bad.id)
    history.compare_selected()
    assert "The map kept with the review of 11–20 Nov 2026" in history.compare.changes.empty.text()
    history.select(good.id)
    history.open_selected()
    assert history.sheet_view.problem.isHidden()
    assert history.sheet_view.panels[0].evidence.activities.table.rowCount() > 0


def test_an_opened_finished_review_keeps_its_figures_and_takes_new_answers(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    kept = finished_review(document, dt.date(2026, 11, 1), dt.date(2026, 11, 30), AFTER_DUE)
    tab.pages.setCurrentWidget(tab.history)
    tab.history.select(kept.id)
    tab.history.open_selected()
    tiles = tab.history.sheet_view.tiles
    before = tiles["tracked"].value.text()
    edit = tab.history.sheet_view.answers[2]
    qtbot.keyClicks(edit, "Written later")
    edit.flush()
    assert stored(document.store, kept.id).answers[2] == "Written later"
    assert stored(document.store, kept.id).is_finished
    document.remove_nodes([document.role_map.nodes_of(NodeKind.ACTIVITY)[0].id])
    tab.refresh()
    assert tiles["tracked"].value.text() == before  # kept figures never change


def test_any_two_reviews_compare_and_one_compares_with_the_map_now(
    qtbot: Any, tab: ReviewTab, document: RoleDocument
) -> None:
    first = finished_review(document, dt.date(2026, 11, 1), dt.date(2026, 11, 10), AFTER_DUE)
    document.add_node(NodeKind.OUTPUT, "Team charter")
    second = finished_review(document, dt.date(2026, 11, 11), dt.date(2026, 11, 20), AFTER_DUE)
    output = next(n for n in document.role_map.nodes.values() if n.title == "Team charter")
    document.rename_node(output.id, "Team charter v2")
    history = tab.history
    tab.pages.setCurrentWidget(history)
    history.select(first.id, second.id)
    assert history.compare_button.isEnabled() and not history.open_button.isEnabled()
    history.compare_selected()
    assert history.compare.changes.table.texts() == [["+ Added", "output ‘Team charter’", ""]]
    assert not history.compare.on_map.isEnabled()  # the map compares one review with now
    requested: list[str] = []
    tab.compare_requested.connect(requested.append)
    history.select(second.id)
    history.compare_selected()
    assert history.compare.changes.table.texts() == [
        ["~ Changed", "output ‘Team charter v2’", "title ‘Team charter’ → ‘Team charter v2’"]
    ]
    assert history.compare.on_map.isEnabled()
    qtbot.mouseClick(history.compare.on_map, Qt.MouseButton.LeftButton)
    assert requested == [second.id]


@pytest.mark.parametrize("suffix", [".md", ".pdf"])
def test_a_review_exports_where_the_person_says_and_the_status_says_where(
    qtbot: Any, tab: ReviewTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    start(qtbot, tab)
    qtbot.keyClicks(tab.current.sheet_view.answers[0], "Exported answer")
    target = tmp_path / f"review{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    with qtbot.waitSignal(tab.status_message) as said:
        qtbot.mouseClick(tab.current.export_button, Qt.MouseButton.LeftButton)
    assert str(target) in said.args[0]
    data = target.read_bytes()
    if suffix == ".md":
        assert "Exported answer" in data.decode("utf-8")  # typed a moment ago: flushed first
    else:
        assert data.startswith(b"%PDF")


# -- readable at 800 × 600, every control named ----------------------------------------------


@pytest.mark.parametrize("size", [(800, 480), (1280, 800)])
def test_nothing_overlaps_and_every_control_is_named(
    qtbot: Any, tab: ReviewTab, document: RoleDocument, size: tuple[int, int]
) -> None:
    finished_review(document, dt.date(2026, 11, 1), dt.date(2026, 11, 10), AFTER_DUE)
    document.add_node(NodeKind.ACTIVITY, "Pairing sessions")
    start(qtbot, tab)
    panel = tab.current.sheet_view.actions_panel
    panel.new_text.setText("An action")
    panel.add_button.click()
    tab.resize(*size)
    qtbot.waitUntil(lambda: tab.size().toTuple() == size)
    QApplication.sendPostedEvents()
    sheet = tab.current.sheet_view
    assert sheet.widget().width() <= sheet.viewport().width()  # it scrolls down, never sideways
    for panel_ in sheet.panels:
        assert len(controls(panel_)) >= 3  # tables, a header, the answer: all looked at
        assert overlaps(panel_) == [], panel_.objectName()
        evidence, answer = panel_.evidence.geometry(), panel_.answer_column.geometry()
        if size[0] >= 1280:  # the answer beside its evidence
            assert answer.left() > evidence.right() and answer.top() == evidence.top()
        else:  # under it, with the whole width
            assert answer.top() > evidence.bottom() and answer.width() == evidence.width()
    assert overlaps(sheet.actions_panel) == []
    header = [tab.current.title, tab.current.export_button, tab.current.discard_button]
    header += [tab.current.finish_button, tab.current.period, tab.current.period_button]
    assert [w.objectName() for w in header if not tab.current.rect().contains(w.geometry())] == []
    assert unnamed_controls(tab.current) == []
    tab.pages.setCurrentWidget(tab.history)
    tab.history.select(tab.history.table.item(0, 0).data(Qt.ItemDataRole.UserRole))  # type: ignore[union-attr]
    tab.history.open_selected()
    assert unnamed_controls(tab.history) == []
    tab.history.compare_selected()
    assert unnamed_controls(tab.history) == []
    hint = tab.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 480, hint


def test_the_start_panel_names_its_controls(tab: ReviewTab) -> None:
    assert tab.current.stack.currentWidget() is tab.current.start
    assert unnamed_controls(tab.current) == []


def test_tab_goes_from_an_answer_through_the_next_questions_evidence_to_its_answer(
    qtbot: Any, tab: ReviewTab
) -> None:
    start(qtbot, tab)
    sheet = tab.current.sheet_view
    stops: list[QWidget] = []
    widget = sheet.answers[0].nextInFocusChain()
    while widget is not sheet.answers[1] and len(stops) < 50:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(tab):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    assert widget is sheet.answers[1]
    assert all(sheet.panels[1].evidence.isAncestorOf(w) for w in stops), stops
    assert all(isinstance(w, EvidenceTable) and not w.tabKeyNavigation() for w in stops)


def test_answer_boxes_say_what_they_answer(qtbot: Any) -> None:
    edit = AnswerEdit(2, "Are my outputs contributing to the outcomes I'm accountable for?")
    qtbot.addWidget(edit)
    assert edit.accessibleName().startswith("Answer to question 2: Are my outputs")


def test_the_review_tab_comes_last_and_builds_its_pages_when_first_shown(
    window: MainWindow,
) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:4] == ["Map", "Plan", "Track", "Dashboard"]
    assert titles[4] in (TITLE, DUE_TITLE)  # the nudge is on from the start
    assert "review" in window.__dict__ and not window.review.built
    window.tabs.setCurrentWidget(window.review_page)
    assert window.review.built and window.review_page.isAncestorOf(window.review.current)


def test_file_export_review_says_when_there_is_nothing_to_export(window: MainWindow) -> None:
    window.action("export-review").trigger()
    assert window.statusBar().currentMessage() == (
        "There is no review to export yet: start one first."
    )
