"""The Plan tab through its widgets: plan a week, watch it fill in, copy it, undo, print it.

The clock is fixed on Wednesday 15 May 2024 in Berlin (week 2024-W20); the
example role's own records lie in another year, so the week starts empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from tests.gui.accessibility import unnamed_controls
from tests.gui.test_window_layout import overlaps

from rolemap.document.document import RoleDocument
from rolemap.document.plan_editor import PlanEditor
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.domain.quarter import Quarter
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.plan.activity_model import LOGGED, PLANNED, PROGRESS
from rolemap.plan.plan_tab import PlanTab
from rolemap.plan.week_strip import WeekStrip
from rolemap.store.plan_repository import PlanRepository

BERLIN = ZoneInfo("Europe/Berlin")
NOW = int(dt.datetime(2024, 5, 15, 17, 0, tzinfo=BERLIN).timestamp())
WEEK = Week(2024, 20)
NEXT = Week(2024, 21)


def clock() -> int:
    return NOW


@pytest.fixture
def editor(document: RoleDocument) -> PlanEditor:
    return PlanEditor(document, clock=clock, tz=BERLIN)


@pytest.fixture
def records(document: RoleDocument) -> RecordEditor:
    return RecordEditor(document, clock=clock, tz=BERLIN)


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument, editor: PlanEditor) -> Iterator[PlanTab]:
    widget = PlanTab(document, editor)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitSignal(widget.refreshed):
        widget.show()
    yield widget


def _node(document: RoleDocument, kind: NodeKind, title: str) -> str:
    return next(n.id for n in document.role_map.nodes_of(kind) if n.title == title)


def _stored(document: RoleDocument, week: Week = WEEK) -> WeekPlan | None:
    return PlanRepository(document.store).plan(document.role_map.role.id, week)


def _cell(tab: PlanTab, activity_id: str, column: int) -> QModelIndex:
    model = tab.week.activities.model
    return model.index(model.row_of(activity_id), column)


def _type_hours(qtbot: Any, tab: PlanTab, activity_id: str, text: str) -> None:
    """What a person does: go to the planned cell, type, press Enter."""
    table = tab.week.activities.table
    table.setFocus()
    table.setCurrentIndex(_cell(tab, activity_id, PLANNED))
    qtbot.keyClicks(table, text[0])  # the first key opens the cell's editor with it
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1 and editors[0].text() == text[0]
    editor = editors[0]
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _refreshed(qtbot: Any, tab: PlanTab) -> Any:
    return qtbot.waitSignal(tab.refreshed, timeout=2000)


# -- planning the week ----------------------------------------------------------------------


def test_plan_a_week_then_log_time_deliver_and_check_in_and_watch_it_fill_in(
    qtbot: Any, tab: PlanTab, document: RoleDocument, records: RecordEditor
) -> None:
    reviews = _node(document, NodeKind.ACTIVITY, "Code reviews")
    model = tab.week.activities.model
    assert tab.week.week == WEEK and not tab.week.notice.isHidden()  # the usual hours
    assert _cell(tab, reviews, PLANNED).data() == "5 h"
    assert _cell(tab, reviews, LOGGED).data() == "0 h"

    with _refreshed(qtbot, tab):
        _type_hours(qtbot, tab, reviews, "6")
    assert _cell(tab, reviews, PLANNED).data() == "6 h"
    assert tab.week.notice.isHidden()  # the week has a plan of its own now
    assert document.undo_stack.undoText() == "Plan 6 h on ‘Code reviews’"
    stored = _stored(document)
    assert stored is not None and stored.hours[reviews] == 6

    outputs = tab.week.outputs
    guide = _node(document, NodeKind.OUTPUT, "Onboarding guide")
    outputs.output_box.setCurrentIndex(outputs.output_box.findData(guide))
    outputs.count_box.setValue(2)
    outputs.day_box.setCurrentIndex(4)  # Thursday
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(outputs.intend_button, Qt.MouseButton.LeftButton)
    assert document.undo_stack.undoText() == "Intend 2 × ‘Onboarding guide’ by Thu 16 May"
    row = outputs.model.row_of(guide)
    assert [outputs.model.index(row, c).data() for c in range(4)] == [
        "Onboarding guide",
        "2",
        "Thu 16 May",
        "0 of 2",
    ]

    focus = tab.week.focus
    ramp = _node(document, NodeKind.OUTCOME, "Ramp-up under 2 weeks")
    focus.outcome_box.setCurrentIndex(focus.outcome_box.findData(ramp))
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(focus.focus_button, Qt.MouseButton.LeftButton)
    assert focus.model.index(focus.model.row_of(ramp), 1).data() == "due"
    assert focus.outcome_box.findData(ramp) == -1  # no longer offered

    with _refreshed(qtbot, tab):
        records.add_time_entry(reviews, "1h30m")
    assert _cell(tab, reviews, LOGGED).data() == "1.5 h"
    assert _cell(tab, reviews, PROGRESS).data() == "1.5 h of 6 h (25 %)"
    with _refreshed(qtbot, tab):
        records.add_delivery(guide)
    assert outputs.model.index(row, 3).data() == "1 of 2"
    with _refreshed(qtbot, tab):
        records.add_checkin(ramp, 3)
    assert focus.model.index(focus.model.row_of(ramp), 1).data() == "✓ 1 this week"
    summary = tab.week.summary.text()
    assert "1.5 h</b> logged" in summary and "<b>1</b> of 2 deliveries" in summary
    assert "<b>1</b> of 1 check-ins" in summary
    assert model.rowCount() == len(document.role_map.nodes_of(NodeKind.ACTIVITY))


def test_negative_hours_are_refused_with_the_documents_message_and_change_nothing(
    qtbot: Any, tab: PlanTab, document: RoleDocument
) -> None:
    reviews = _node(document, NodeKind.ACTIVITY, "Code reviews")
    with qtbot.waitSignal(document.edit_refused) as refused:
        _type_hours(qtbot, tab, reviews, "-2")
    message = "Planned hours cannot be negative (‘-2’)."
    assert refused.args == [message]
    assert tab.week.message.text() == message and tab.week.message.isVisible()
    assert document.undo_stack.count() == 0
    assert _stored(document) is None
    assert _cell(tab, reviews, PLANNED).data() == "5 h"
    with qtbot.waitSignal(document.edit_refused) as refused:
        _type_hours(qtbot, tab, reviews, "lots")
    assert refused.args == ["‘lots’ is not a number of hours: give one like 4 or 2.5."]
    assert _stored(document) is None


def test_the_chooser_moves_between_weeks_and_copy_brings_the_last_plan_along(
    qtbot: Any, tab: PlanTab, document: RoleDocument, editor: PlanEditor
) -> None:
    guide = _node(document, NodeKind.OUTPUT, "Onboarding guide")
    week = tab.week
    assert not week.copy_button.isEnabled()  # nothing earlier to copy
    assert not week.chooser.current.isEnabled()
    editor.intend_output(WEEK, guide, 1, WEEK.days[4])
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(week.chooser.next, Qt.MouseButton.LeftButton)
    assert week.week == NEXT and week.chooser.current.isEnabled()
    assert "2024-W21" in week.chooser.label.text()
    assert week.copy_button.isEnabled() and week.copy_button.text() == "Copy plan of week 20"
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(week.copy_button, Qt.MouseButton.LeftButton)
    copied = _stored(document, NEXT)
    assert copied is not None and copied.outputs == (PlannedOutput(guide, 1, NEXT.days[4]),)
    assert document.undo_stack.undoText() == "Copy the plan of week 20 into week 21"
    assert week.outputs.model.index(0, 2).data() == "Fri 24 May"
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(week.chooser.current, Qt.MouseButton.LeftButton)
    assert week.week == WEEK


# -- undo in the window -------------------------------------------------------------------------


@pytest.fixture
def window_tab(qtbot: Any, window: Any) -> PlanTab:
    """The window's Plan tab, shown, on the test's clock."""
    plan: PlanTab = window.plan
    plan.editor.clock = clock
    plan.editor.tz = BERLIN
    window.tabs.setCurrentWidget(window.plan_page)
    with qtbot.waitSignal(plan.refreshed):
        plan.week.choose_week(WEEK)
    return plan


def test_every_plan_edit_is_one_undo_step_in_the_window_and_redo_puts_it_back(
    qtbot: Any, window: Any, window_tab: PlanTab, document: RoleDocument
) -> None:
    editor = window_tab.editor
    reviews = _node(document, NodeKind.ACTIVITY, "Code reviews")
    guide = _node(document, NodeKind.OUTPUT, "Onboarding guide")
    ramp = _node(document, NodeKind.OUTCOME, "Ramp-up under 2 weeks")
    undo, redo = window.action("undo"), window.action("redo")
    states: list[tuple[WeekPlan | None, WeekPlan | None]] = [(None, None)]
    with _refreshed(qtbot, window_tab):
        _type_hours(qtbot, window_tab, reviews, "6")
    states.append((_stored(document), None))
    assert editor.intend_output(WEEK, guide, 1)
    states.append((_stored(document), None))
    assert editor.focus_outcome(WEEK, ramp)
    states.append((_stored(document), None))
    assert editor.copy_latest_plan(NEXT)
    states.append((_stored(document), _stored(document, NEXT)))
    assert document.undo_stack.count() == 4
    assert undo.text() == "&Undo Copy the plan of week 20 into week 21"

    for expected in reversed(states[:-1]):
        with _refreshed(qtbot, window_tab):
            undo.trigger()
        assert (_stored(document), _stored(document, NEXT)) == expected
    assert _cell(window_tab, reviews, PLANNED).data() == "5 h"  # the usual hours again
    assert not window_tab.week.notice.isHidden()
    for expected in states[1:]:
        with _refreshed(qtbot, window_tab):
            redo.trigger()
        assert (_stored(document), _stored(document, NEXT)) == expected
    assert _cell(window_tab, reviews, PLANNED).data() == "6 h"
    assert window_tab.week.focus.model.rowCount() == 1


def test_building_the_tab_opens_no_window_of_its_own(window: Any, window_tab: PlanTab) -> None:
    # A parentless widget made visible before it joins a layout becomes a window of its own,
    # takes the activation from the main window, and its keys (Ctrl+Z) stop working.
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert QApplication.activeWindow() is window


def test_a_finding_shows_its_nodes_on_the_map(
    qtbot: Any, window: Any, window_tab: PlanTab, document: RoleDocument
) -> None:
    findings = window_tab.week.findings
    email = _node(document, NodeKind.ACTIVITY, "Email & status updates")
    row = next(i for i in range(findings.count()) if "Email & status" in findings.item(i).text())
    item = findings.item(row)
    rect = findings.visualItemRect(item)
    qtbot.mouseClick(findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.view
    assert window.scene.selected_ids()[0] == [email]


def test_an_edit_made_meanwhile_by_another_program_is_not_overwritten_by_undo(
    qtbot: Any, tab: PlanTab, document: RoleDocument, editor: PlanEditor
) -> None:
    reviews = _node(document, NodeKind.ACTIVITY, "Code reviews")
    assert editor.set_hours(WEEK, reviews, 6)
    other = _stored(document)
    assert other is not None
    plans = PlanRepository(document.store)
    with document.store.transaction():  # as `rolemap plan set` in a terminal would
        plans.put_plan(other.with_hours(reviews, 9))
    with qtbot.waitSignal(document.edit_failed) as failed:
        document.undo_stack.undo()
    assert "changed outside this window" in failed.args[0]
    stored = _stored(document)
    assert stored is not None and stored.hours[reviews] == 9
    assert document.undo_stack.count() == 0  # the step that could not be undone is gone


# -- the quarter's checklist --------------------------------------------------------------------


def test_the_checklist_adds_ticks_and_removes_own_items_each_undoable(
    qtbot: Any, tab: PlanTab, document: RoleDocument
) -> None:
    panel = tab.checklist
    with _refreshed(qtbot, tab):
        tab.pages.setCurrentWidget(panel)
    assert panel.quarter == Quarter(2024, 2)
    generated = {item.ref for item in panel.checklist.items if not item.automatic}  # type: ignore[union-attr]
    assert set(panel.rows.boxes) == generated  # automatic items have no box to tick

    qtbot.keyClicks(panel.new_item, "Lunch with a peer")
    with _refreshed(qtbot, tab):
        qtbot.keyClick(panel.new_item, Qt.Key.Key_Return)
    assert panel.new_item.text() == ""
    assert document.undo_stack.undoText() == "Add ‘Lunch with a peer’ to the checklist"
    own = next(i for i in panel.checklist.items if i.text == "Lunch with a peer")  # type: ignore[union-attr]
    box = panel.rows.boxes[own.ref]
    assert not box.isChecked()
    qtbot.waitUntil(box.isVisible)  # laid out, where the person sees it
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert panel.rows.boxes[own.ref].isChecked()
    assert document.undo_stack.undoText() == "Tick ‘Lunch with a peer’"
    assert "2 of" in panel.summary.text() or "1 of" in panel.summary.text()

    with _refreshed(qtbot, tab):
        document.undo_stack.undo()
    assert not panel.rows.boxes[own.ref].isChecked()
    with _refreshed(qtbot, tab):
        document.undo_stack.undo()
    assert own.ref not in panel.rows.boxes
    with _refreshed(qtbot, tab):
        document.undo_stack.redo()
    with _refreshed(qtbot, tab):
        document.undo_stack.redo()
    assert panel.rows.boxes[own.ref].isChecked()

    name = f"checklist-remove-{own.ref}"
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # earlier rows go
    (remove,) = panel.rows.findChildren(type(panel.add_button), name)
    qtbot.waitUntil(remove.isVisible)
    with _refreshed(qtbot, tab):
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert own.ref not in panel.rows.boxes
    assert document.undo_stack.undoText() == "Remove ‘Lunch with a peer’ from the checklist"


def test_an_automatic_item_cannot_be_ticked_by_hand(
    qtbot: Any, tab: PlanTab, document: RoleDocument, editor: PlanEditor
) -> None:
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not editor.tick_item(Quarter(2024, 2), "outcome-checkins", True)
    assert "is ticked from the data, not by hand" in refused.args[0]
    assert document.undo_stack.count() == 0


# -- printing ------------------------------------------------------------------------------------


def test_the_week_saves_as_pdf_and_png_and_prints(
    tab: PlanTab, editor: PlanEditor, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    report = editor.report(WEEK)
    assert tab.printer.save_to(report, tmp_path / "week.pdf")
    assert (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")
    assert tab.printer.save_to(report, tmp_path / "week.png", "a4")
    image = QImage(str(tmp_path / "week.png"))
    assert not image.isNull() and image.height() > image.width() * 1.3  # A4, portrait
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert tab.printer.print_on(printer, report)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_file_print_week_and_save_week_are_actions_of_the_window(
    window: Any, window_tab: PlanTab, monkeypatch: Any
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(window_tab.printer, "print_report", lambda r: asked.append(r.week.name))
    monkeypatch.setattr(window_tab.printer, "save_report", lambda r: asked.append("save"))
    window.action("print-week").trigger()
    window.action("save-week").trigger()
    assert asked == ["2024-W20", "save"]


# -- keyboard, names, small windows --------------------------------------------------------------


def test_every_control_is_named_for_a_screen_reader(qtbot: Any, tab: PlanTab) -> None:
    assert unnamed_controls(tab.week) == []
    with _refreshed(qtbot, tab):
        tab.pages.setCurrentWidget(tab.checklist)
    assert unnamed_controls(tab.checklist) == []


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_nothing_overlaps_at_800_by_600_and_wider(
    qtbot: Any, tab: PlanTab, editor: PlanEditor, document: RoleDocument, size: tuple[int, int]
) -> None:
    editor.intend_output(WEEK, _node(document, NodeKind.OUTPUT, "Onboarding guide"), 1)
    editor.focus_outcome(WEEK, _node(document, NodeKind.OUTCOME, "Ramp-up under 2 weeks"))
    with _refreshed(qtbot, tab):
        tab.refresh()
    tab.resize(*size)
    qtbot.waitUntil(lambda: tab.size().toTuple() == size)
    QApplication.sendPostedEvents()  # the layouts' posted requests
    assert overlaps(tab.week.body) == []
    header = [tab.week.chooser, tab.week.print_button, tab.week.save_button]
    header += [tab.week.copy_button, tab.week.reset_button]
    assert [w.objectName() for w in header if not tab.week.rect().contains(w.geometry())] == []
    hint = tab.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 480, hint


def test_tab_reaches_every_control_of_the_week(tab: PlanTab) -> None:
    week = tab.week
    reachable: list[QWidget] = []
    widget = week.nextInFocusChain()
    while widget is not week and len(reachable) < 500:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(tab):
            reachable.append(widget)
        widget = widget.nextInFocusChain()
    for control in (
        week.chooser.previous,
        week.chooser.next,
        week.print_button,
        week.activities.table,
        week.outputs.output_box,
        week.outputs.count_box,
        week.outputs.day_box,
        week.outputs.intend_button,
        week.focus.outcome_box,
        week.focus.focus_button,
        week.findings,
    ):
        assert control in reachable, control.objectName()
    assert week.activities.table.tabKeyNavigation() is False  # Tab leaves the table


# -- the strip for the Track tab ----------------------------------------------------------------


def test_the_week_strip_says_how_the_week_goes_and_asks_for_the_plan(
    qtbot: Any, document: RoleDocument, editor: PlanEditor, records: RecordEditor
) -> None:
    strip = WeekStrip(editor)
    qtbot.addWidget(strip)
    strip.show()
    assert strip.label.text() == "This week: <b>0 h</b> logged of 29 h planned (usual hours)"
    reviews = _node(document, NodeKind.ACTIVITY, "Code reviews")
    records.add_time_entry(reviews, "2h")
    editor.set_hours(WEEK, reviews, 8)
    qtbot.waitUntil(lambda: "<b>2 h</b> logged of 32 h planned" in strip.label.text())
    assert "usual" not in strip.label.text()
    with qtbot.waitSignal(strip.open_plan_requested):
        qtbot.mouseClick(strip.button, Qt.MouseButton.LeftButton)


def test_nothing_is_read_while_the_tab_is_hidden(
    qtbot: Any, tab: PlanTab, document: RoleDocument, records: RecordEditor
) -> None:
    reads: list[Week] = []
    original = tab.editor.report
    tab.editor.report = lambda week: reads.append(week) or original(week)  # type: ignore[method-assign]
    tab.hide()
    records.add_time_entry(_node(document, NodeKind.ACTIVITY, "Code reviews"), "1h")
    QApplication.processEvents()
    assert reads == []
    with _refreshed(qtbot, tab):
        tab.show()
    assert reads == [WEEK]
    assert _cell(tab, _node(document, NodeKind.ACTIVITY, "Code reviews"), LOGGED).data() == "1 h"
