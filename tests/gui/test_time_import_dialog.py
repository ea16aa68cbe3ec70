"""File → Import time…: a file previewed, names assigned, applied as one step, undone, redone."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox
from tests.gui.accessibility import unnamed_controls

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule
from rolemap.interchange.generic_csv import DurationUnit
from rolemap.store.record_repository import RecordRepository
from rolemap.store.time_rules_repository import TimeRulesRepository
from rolemap.ui.time_file_guess import guess_format
from rolemap.ui.time_import_dialog import TimeImportDialog
from rolemap.ui.time_names_model import GOES_TO, KEEP, NEW

DATA = Path(__file__).resolve().parents[1] / "data" / "time"
CALENDAR_DAY = dt.date(2024, 10, 18)  # the sample calendar's week ends the day before
WAIT_MS = 15_000


def activity_id(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes_of(NodeKind.ACTIVITY) if n.title == title)


def imported(document: RoleDocument, source: str) -> list[Any]:
    entries = RecordRepository(document.store).time_entries(document.role_map.role.id)
    return [e for e in entries if e.source == source]


def open_dialog(qtbot: Any, document: RoleDocument, path: Path) -> TimeImportDialog:
    dialog = TimeImportDialog(document, today=CALENDAR_DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.source.set_path(path)
    return dialog


def preview(qtbot: Any, dialog: TimeImportDialog) -> None:
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1


def row_of(dialog: TimeImportDialog, name: str) -> int:
    model = dialog.view.names_model
    rows = [r for r in range(model.rowCount()) if model.item(r, 0).text() == name]
    assert rows, f"{name!r} is not listed"
    return rows[0]


def choose(qtbot: Any, dialog: TimeImportDialog, name: str, target_text: str) -> None:
    """Pick `target_text` in the list of `name`'s row, as a person would, and wait for the plan."""
    view = dialog.view
    combo = view.names_view.indexWidget(view.names_model.index(row_of(dialog, name), GOES_TO))
    assert isinstance(combo, QComboBox)
    index = combo.findText(target_text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT_MS):
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    assert dialog.ready()


def keep_as_rule(dialog: TimeImportDialog, name: str) -> None:
    item = dialog.view.names_model.item(row_of(dialog, name), KEEP)
    assert item.isEnabled() and item.isCheckable()
    item.setCheckState(Qt.CheckState.Checked)


def test_the_format_is_guessed_from_the_file(tmp_path: Path) -> None:
    from rolemap.services.time_files import TimeFormat

    toggl = tmp_path / "toggl.csv"
    toggl.write_text("User,Email,Description,Start date,Start time,End date,End time,Duration\n")
    clockify = tmp_path / "clockify.csv"
    clockify.write_text("Project,Description,Start Date,Start Time,Duration (h)\n")
    plain = tmp_path / "mine.csv"
    plain.write_text("when,minutes,what\n")
    frames = tmp_path / "frames"
    frames.write_text('[[1, 2, "p", "id", [], 3]]')
    assert guess_format(DATA / "work.ics") is TimeFormat.ICS
    assert guess_format(DATA / "timew-export.json") is TimeFormat.TIMEW
    assert guess_format(DATA / "timew") is TimeFormat.TIMEW  # the data folder
    assert guess_format(frames) is TimeFormat.WATSON
    assert guess_format(toggl) is TimeFormat.TOGGL
    assert guess_format(clockify) is TimeFormat.CLOCKIFY
    assert guess_format(plain) is TimeFormat.CSV


def test_a_timewarrior_export_walked_through(qtbot: Any, document: RoleDocument) -> None:
    dialog = open_dialog(qtbot, document, DATA / "timew-export.json")
    assert dialog.source.format_box.currentText().startswith("Timewarrior")
    preview(qtbot, dialog)
    names = [dialog.view.names_model.item(r, 0).text() for r in range(3)]
    assert names == ["hiring", "ops", 'a "quoted" note']  # every unmatched name, most time first
    assert dialog.view.names_model.item(0, 3).text() == "1.0 h"
    assert not dialog.apply_button.isEnabled()  # nothing would be imported yet
    left_out = dialog.view.skipped_table
    reasons = [left_out.item(r, 0).text() for r in range(left_out.rowCount())]
    assert reasons[0] == "Open interval"

    choose(qtbot, dialog, "hiring", "Hiring loops")
    choose(qtbot, dialog, "ops", "Cross-team syncs")
    mapped = dialog.view.mapped_table
    assert {mapped.item(r, 0).text() for r in range(mapped.rowCount())} == {
        "Hiring loops",
        "Cross-team syncs",
    }
    assert imported(document, "timew") == []  # nothing is written before Apply
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    entries = imported(document, "timew")
    assert sorted(e.activity_id for e in entries) == sorted(
        [activity_id(document, "Hiring loops"), activity_id(document, "Cross-team syncs")]
    )
    assert "Imported 2 time entries (1.8 h)" in dialog.summary()
    assert document.undo_stack.undoText() == "Import 2 time entries from timew-export.json"


def test_a_calendar_name_assigned_kept_as_a_rule_applied_undone_and_redone(
    qtbot: Any, document: RoleDocument
) -> None:
    dialog = open_dialog(qtbot, document, DATA / "work.ics")
    dialog.source.me_edit.setText("me@example.com")
    preview(qtbot, dialog)
    reasons = {dialog.view.skipped_table.item(r, 0).text() for r in range(7)}
    assert {"Declined", "All-day", "Cancelled", "Free"} <= reasons
    one_to_one = activity_id(document, "Weekly 1:1s")
    choose(qtbot, dialog, "1:1 Alice", "Weekly 1:1s")
    keep_as_rule(dialog, "1:1 Alice")
    choose(qtbot, dialog, "Focus time", "New activity ‘Focus time’")
    assert dialog.view.mapped_table.item(1, 0).text() == "Focus time (new)"
    records_added: list[tuple[str, list[str]]] = []
    document.records_added.connect(lambda kind, ids: records_added.append((kind, ids)))
    nodes_before = set(document.role_map.nodes)

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    new_nodes = set(document.role_map.nodes) - nodes_before
    assert len(new_nodes) == 1
    focus = document.role_map.nodes[new_nodes.pop()]
    assert (focus.kind, focus.title) == (NodeKind.ACTIVITY, "Focus time")
    entries = imported(document, "ics")
    assert sorted(e.activity_id for e in entries) == sorted([one_to_one, focus.id])
    assert [kind for kind, _ in records_added] == ["time_entries"]
    assert document.undo_stack.undoText() == "Import 2 time entries from work.ics"
    assert set(records_added[0][1]) == {e.id for e in entries}  # the views hear the ids
    rule = TimeRule(RuleField.TITLE, RuleHow.TEXT, "1:1 Alice", one_to_one)
    role_id = document.role_map.role.id
    assert rule in TimeRulesRepository(document.store).rules(role_id)
    from rolemap.store.time_import import calendar_addresses

    assert calendar_addresses(document.store.conn) == ["me@example.com"]  # remembered

    document.undo_stack.undo()  # one step takes back the entries, the activity and the rule
    assert imported(document, "ics") == []
    assert focus.id not in document.role_map.nodes
    assert rule not in TimeRulesRepository(document.store).rules(role_id)

    document.undo_stack.redo()
    again = imported(document, "ics")
    assert {e.id for e in again} == {e.id for e in entries}  # the very same entries
    assert focus.id in document.role_map.nodes
    assert rule in TimeRulesRepository(document.store).rules(role_id)


def test_time_for_another_role_goes_there_with_its_undo_step(
    qtbot: Any, document: RoleDocument
) -> None:
    example = document.role_map.role.id
    document.create_role("Staff engineer")  # now the current role, with no activities
    dialog = open_dialog(qtbot, document, DATA / "timew-export.json")
    assert dialog.source.role_box.currentText() == "Staff engineer"
    dialog.source.role_box.setCurrentIndex(dialog.source.role_box.findData(example))
    preview(qtbot, dialog)
    choose(qtbot, dialog, "hiring", "Hiring loops")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert document.role_map.role.id == example  # the window shows where the time went
    assert len(imported(document, "timew")) == 1
    assert document.undo_stack.undoText().startswith("Import 1 time entry")
    document.undo_stack.undo()
    assert imported(document, "timew") == []


def test_a_broken_file_shows_the_parsers_message_and_changes_nothing(
    qtbot: Any, document: RoleDocument, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"start": "20250101T090000Z", "end": "yesterday"}]')
    db = document.store.path
    document.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = {p.name: _digest(p) for p in db.parent.iterdir() if p.name.startswith(db.name)}
    dialog = open_dialog(qtbot, document, broken)
    with qtbot.waitSignal(dialog.preview_failed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert (
        failed.args[0].startswith("interval 1: the end is ‘yesterday’")
        or "interval 1" in failed.args[0]
    )
    assert dialog.pages.currentIndex() == 0  # still choosing the file
    assert dialog.message.isVisible() and dialog.message.text() == failed.args[0]
    dialog.reject()
    after = {p.name: _digest(p) for p in db.parent.iterdir() if p.name.startswith(db.name)}
    assert after == before


def test_a_failed_write_takes_the_new_activities_back_and_leaves_no_step(
    qtbot: Any, document: RoleDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap.document import time_import_command
    from rolemap.store.errors import WriteFailedError

    dialog = open_dialog(qtbot, document, DATA / "timew-export.json")
    preview(qtbot, dialog)
    choose(qtbot, dialog, "ops", "New activity ‘ops’")
    nodes = set(document.role_map.nodes)

    def refuse(*_args: object) -> None:
        raise WriteFailedError("The disk is full.")

    monkeypatch.setattr(time_import_command, "apply_import", refuse)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "The disk is full." in dialog.message.text()
    assert set(document.role_map.nodes) == nodes
    assert document.undo_stack.count() == 0
    assert imported(document, "timew") == []


def test_overlaps_are_shown_and_kept_or_skipped(qtbot: Any, document: RoleDocument) -> None:
    from rolemap.document.record_editor import RecordEditor

    hiring = activity_id(document, "Hiring loops")
    start = int(dt.datetime(2025, 1, 1, 9, 30, tzinfo=dt.UTC).timestamp())
    RecordEditor(document).add_time_entry(hiring, 1800, start=start)  # inside 09:00-10:00
    dialog = open_dialog(qtbot, document, DATA / "timew-export.json")
    preview(qtbot, dialog)
    choose(qtbot, dialog, "hiring", "Hiring loops")
    assert dialog.view.tabs.tabText(3) == "Overlaps (1)"
    assert dialog.view.overlap_table.rowCount() == 1
    assert dialog.view.overlap_table.item(0, 3).text().startswith("Hiring loops")
    assert not dialog.apply_button.isEnabled()  # the one mapped entry overlaps: skipped
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT_MS):
        dialog.view.keep_button.click()
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert len(imported(document, "timew")) == 1


def test_a_timewarrior_data_folder_and_a_generic_csv(
    qtbot: Any, document: RoleDocument, tmp_path: Path
) -> None:
    folder = tmp_path / "timewarrior"
    shutil.copytree(DATA / "timew", folder / "data")
    dialog = open_dialog(qtbot, document, folder)
    assert dialog.source.folder_button.isVisible()
    preview(qtbot, dialog)
    assert dialog.view.names_model.rowCount() > 0

    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "When,Minutes,What,Remark\n2025-02-03 09:00,90,Code reviews,a\n2025-02-03 11:00,30,Odd,b\n"
    )
    dialog = open_dialog(qtbot, document, sheet)
    source = dialog.source
    assert source.format_box.currentText().startswith("Any CSV")
    assert source.columns_group.isVisible()
    assert source.column_boxes["start"].currentText() == "When"  # suggested from the header
    source.column_boxes["duration"].setCurrentIndex(
        source.column_boxes["duration"].findData("Minutes")
    )
    source.column_boxes["title"].setCurrentIndex(source.column_boxes["title"].findData("What"))
    source.unit_box.setCurrentIndex(source.unit_box.findData(DurationUnit.MINUTES))
    preview(qtbot, dialog)
    assert dialog.view.mapped_table.item(0, 0).text() == "Code reviews"  # its title maps
    assert dialog.view.mapped_table.item(0, 2).text() == "1.5 h"


def test_choosing_from_the_list_of_selected_names_at_once(
    qtbot: Any, document: RoleDocument
) -> None:
    dialog = open_dialog(qtbot, document, DATA / "timew-export.json")
    preview(qtbot, dialog)
    view = dialog.view
    view.names_view.selectAll()
    view.bulk_box.setCurrentIndex(view.bulk_box.findData(NEW))
    with qtbot.waitSignal(dialog.preview_shown, timeout=WAIT_MS):
        view.bulk_button.click()
    assert [a.target for a in view.assignments()] == [NEW, NEW, NEW]
    assert view.tabs.tabText(1) == "By activity (3)"


def test_the_dialog_fits_800_by_600_and_names_every_control(
    qtbot: Any, document: RoleDocument
) -> None:
    dialog = open_dialog(qtbot, document, DATA / "work.ics")
    dialog.resize(780, 560)
    assert dialog.minimumSizeHint().width() <= 780 and dialog.minimumSizeHint().height() <= 560
    assert unnamed_controls(dialog) == []
    preview(qtbot, dialog)
    assert unnamed_controls(dialog) == []


def test_file_import_time_opens_the_dialog_from_the_menu(qtbot: Any, window: Any) -> None:
    seen: list[str] = []

    def look_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TimeImportDialog):
            QTimer.singleShot(20, look_and_close)
            return
        seen.append(dialog.source.role_box.currentText())
        dialog.reject()

    QTimer.singleShot(0, look_and_close)
    window.action("import-time").trigger()
    assert seen == [window.document.role_map.role.name]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
