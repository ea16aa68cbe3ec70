"""Exporting the time entries the Track tab shows, as Toggl CSV or Timewarrior JSON.

Written by the writers `rolemap export-time` uses, so each file is read back
here with Rolemap's own readers of those formats, as Toggl and `timew import`
would take it. The entries are exactly the table's: its dates, activity,
category and text, whichever column it sorts by.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog

from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import TimeEntry
from rolemap.interchange.timewarrior import read_timew_export
from rolemap.interchange.toggl_csv import read_toggl
from rolemap.services.time_settings import remember_calendar_addresses
from rolemap.track import time_export
from rolemap.track.record_models import RecordTableModel
from rolemap.track.time_export import ExportFormat
from rolemap.track.track_tab import TrackTab

BERLIN = ZoneInfo("Europe/Berlin")
NOW = int(dt.datetime(2024, 5, 15, 17, 0, tzinfo=BERLIN).timestamp())
MONDAY = dt.date(2024, 5, 13)
SUNDAY = dt.date(2024, 5, 19)
# Toggl Track's import columns, as its importer names them.
TOGGL_HEADER = [
    "Email",
    "Project",
    "Client",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "Duration",
    "Tags",
]
FILTERS = "Toggl CSV (*.csv);;Timewarrior JSON (*.json)"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: int = NOW) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def _at(day: dt.date, hour: int) -> int:
    return int(dt.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN).timestamp())


def _activity(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes_of(NodeKind.ACTIVITY) if n.title == title)


def _make_tab(qtbot: Any, document: RoleDocument, **kwargs: Any) -> TrackTab:
    editor = RecordEditor(document, clock=Clock(), tz=BERLIN)
    widget = TrackTab(document, editor, **kwargs)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument) -> TrackTab:
    return _make_tab(qtbot, document)


@pytest.fixture
def logged(tab: TrackTab, document: RoleDocument) -> dict[str, str]:
    """Four entries: three in the week of 13 May 2024 (the example role's are later), one after."""
    code, hiring = _activity(document, "Code reviews"), _activity(document, "Hiring loops")
    add = tab.editor.add_time_entry
    ids = {
        "code_mon": add(code, 3600, _at(MONDAY, 9), "PR 12"),
        "hiring_mon": add(hiring, 5400, _at(MONDAY, 11), "panel"),
        "code_tue": add(code, 1800, _at(MONDAY + dt.timedelta(days=1), 14), "PR 13 docs"),
        "code_next": add(code, 3600, _at(MONDAY + dt.timedelta(days=7), 9), "PR 14"),
    }
    assert all(ids.values())
    return {name: str(record_id) for name, record_id in ids.items()}


def _shown(model: RecordTableModel) -> list[TimeEntry]:
    return [model.record(row) for row in range(model.rowCount())]


def _toggl_rows(path: Path) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    assert rows[0] == TOGGL_HEADER
    return rows[1:]


def test_a_filtered_export_as_toggl_csv_holds_only_the_entries_shown(
    tab: TrackTab, document: RoleDocument, logged: dict[str, str], tmp_path: Path
) -> None:
    remember_calendar_addresses(document.store, ["me@example.com"])
    code = _activity(document, "Code reviews")
    assert tab.editor.add_time_entry(code, 900, _at(MONDAY + dt.timedelta(days=2), 10), "sync")
    tab.show_entries(activity_ids=[code], start=MONDAY, end=SUNDAY)
    tab.filters.text.setText("pr 1")  # notes hold it; the title does not
    tab.filters.apply()  # as the pause after typing does
    model = tab.models["time_entries"]
    assert {e.id for e in _shown(model)} == {logged["code_mon"], logged["code_tue"]}
    path = tmp_path / "week.csv"
    assert tab.exporter.export_to(path, ExportFormat.TOGGL_CSV)
    rows = _toggl_rows(path)
    assert [(r[0], r[1], r[4], r[6], r[7], r[8]) for r in rows] == [
        ("me@example.com", "Code reviews", "PR 12", "2024-05-13", "09:00:00", "01:00:00"),
        ("me@example.com", "Code reviews", "PR 13 docs", "2024-05-14", "14:00:00", "00:30:00"),
    ]  # oldest first, on the table's wall clock
    back = read_toggl(path.read_bytes(), BERLIN)
    assert back.skipped == []
    assert [(e.start, e.duration, e.project) for e in back.entries] == [
        (_at(MONDAY, 9), 3600, "Code reviews"),
        (_at(MONDAY + dt.timedelta(days=1), 14), 1800, "Code reviews"),
    ]
    assert tab.message.text() == f"Saved 2 time entries as Toggl CSV to {path}."


def test_a_category_filter_sorted_by_category_exports_as_timewarrior_json(
    tab: TrackTab, document: RoleDocument, logged: dict[str, str], tmp_path: Path
) -> None:
    model = tab.models["time_entries"]
    hiring = _activity(document, "Hiring loops")
    tab.show_entries(category=model.category_of(hiring), start=MONDAY, end=SUNDAY)
    tab.views["time_entries"].sortByColumn(4, Qt.SortOrder.AscendingOrder)  # by category: runs
    assert {e.id for e in _shown(model)} == {logged["hiring_mon"]}
    category = tmp_path / "category.json"
    assert tab.exporter.export_to(category, ExportFormat.TIMEW_JSON)
    assert [i["tags"] for i in json.loads(category.read_text("utf-8"))] == [["Hiring loops"]]
    tab.show_entries(start=MONDAY, end=SUNDAY)  # the whole week, still sorted by category
    shown = _shown(model)
    assert {e.id for e in shown} == {logged["code_mon"], logged["hiring_mon"], logged["code_tue"]}
    path = tmp_path / "week.json"
    assert tab.exporter.export_to(path, ExportFormat.TIMEW_JSON)
    intervals = json.loads(path.read_text("utf-8"))
    assert isinstance(intervals, list)
    assert [(i["start"], i["end"], i["tags"], i["annotation"]) for i in intervals] == [
        ("20240513T070000Z", "20240513T080000Z", ["Code reviews"], "PR 12"),
        ("20240513T090000Z", "20240513T103000Z", ["Hiring loops"], "panel"),
        ("20240514T120000Z", "20240514T123000Z", ["Code reviews"], "PR 13 docs"),
    ]
    back = read_timew_export(path.read_bytes())
    assert back.skipped == []
    assert sorted(e.start for e in back.entries) == sorted(e.start for e in shown)
    assert "Saved 3 time entries as Timewarrior JSON" in tab.message.text()


def test_an_unwritable_path_is_said_and_nothing_is_written(
    tab: TrackTab, logged: dict[str, str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing" / "week.csv"
    assert not tab.exporter.export_to(missing, ExportFormat.TOGGL_CSV)
    assert "there is no folder" in tab.message.text()
    assert "Nothing was written." in tab.message.text()
    assert tab.message.isVisible()
    assert not missing.parent.exists()
    folder = tmp_path / "exports"
    folder.mkdir()
    assert not tab.exporter.export_to(folder, ExportFormat.TIMEW_JSON)  # a folder, not a file
    assert "is a folder" in tab.message.text()
    assert list(folder.iterdir()) == []


def test_the_export_button_asks_where_and_the_filter_chosen_gives_the_format(
    qtbot: Any,
    tab: TrackTab,
    logged: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[Any, ...]] = []

    def answer(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return str(tmp_path / "week"), "Timewarrior JSON (*.json)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    tab.show_entries(start=MONDAY, end=SUNDAY)
    button = tab.exporter.button
    assert button.isVisible() and button.text() == "Export…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert asked[0][1] == "Export time entries"
    assert asked[0][2].endswith("-time.csv")
    assert asked[0][3] == FILTERS
    written = tmp_path / "week.json"
    assert len(json.loads(written.read_text("utf-8"))) == 3


def test_nothing_shown_is_refused_before_the_dialog(
    qtbot: Any, tab: TrackTab, logged: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: asked.append(a) or ("", ""))
    tab.show_entries(start=dt.date(2030, 1, 1), end=dt.date(2030, 1, 2))
    assert tab.models["time_entries"].rowCount() == 0
    qtbot.mouseClick(tab.exporter.button, Qt.MouseButton.LeftButton)
    assert asked == []
    assert tab.message.text() == "No time entries are shown, so there are none to export."


def test_the_running_entry_is_left_out_and_said(
    tab: TrackTab, document: RoleDocument, logged: dict[str, str], tmp_path: Path
) -> None:
    running = tab.editor.start_timer(_activity(document, "Hiring loops"))  # at NOW, in the week
    tab.show_entries(start=MONDAY, end=SUNDAY)
    assert running in {e.id for e in _shown(tab.models["time_entries"])}
    path = tmp_path / "week.csv"
    assert tab.exporter.export_to(path, ExportFormat.TOGGL_CSV)
    assert len(_toggl_rows(path)) == 3
    assert "3 time entries as Toggl CSV (not the running one" in tab.message.text()


def test_a_saved_file_goes_to_the_windows_notice_when_given(
    qtbot: Any, document: RoleDocument, tmp_path: Path
) -> None:
    saved: list[tuple[Path, str]] = []
    tab = _make_tab(qtbot, document, saved=lambda path, what: saved.append((path, what)))
    code = _activity(document, "Code reviews")
    tab.editor.add_time_entry(code, 600, _at(MONDAY, 8))
    tab.show_entries(start=MONDAY, end=MONDAY)
    path = tmp_path / "monday.csv"
    assert tab.exporter.export_to(path, ExportFormat.TOGGL_CSV)
    assert saved == [(path, "1 time entry as Toggl CSV")]
    assert tab.message.text() == ""


def test_track_export_time_shows_the_tab_and_writes_what_its_table_shows(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "all.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), "Toggl CSV (*.csv)"))
    action = window.action("export-time")
    assert action in window.menus.menus["&Track"].actions()
    window.tabs.setCurrentWidget(window.view)
    action.trigger()
    assert window.tabs.currentWidget() is window.track_page
    model = window.track.models["time_entries"]
    finished = [e for e in _shown(model) if e.duration is not None]
    assert finished and len(_toggl_rows(path)) == len(finished)


# -- a long export: between events (IN_STEPS_FROM lowered, one step a turn) --------


@pytest.fixture
def in_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time_export, "IN_STEPS_FROM", 1)
    monkeypatch.setattr(time_export, "SLICE_SECONDS", 0.0)


def _in_one_go(tab: TrackTab, path: Path, fmt: ExportFormat) -> bytes:
    saved = time_export.IN_STEPS_FROM
    time_export.IN_STEPS_FROM = 10**9
    try:
        assert tab.exporter.export_to(path, fmt)
    finally:
        time_export.IN_STEPS_FROM = saved
    return path.read_bytes()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_a_long_export_runs_between_events_and_writes_what_one_go_writes(
    qtbot: Any,
    tab: TrackTab,
    logged: dict[str, str],
    tmp_path: Path,
    in_steps: None,
    fmt: ExportFormat,
) -> None:
    tab.show_entries(start=MONDAY, end=SUNDAY)
    exporter = tab.exporter
    path = tmp_path / f"week{fmt.suffix}"
    between: list[bool] = []
    assert exporter.export_to(path, fmt)
    QTimer.singleShot(0, lambda: between.append(exporter.writing))
    assert exporter.writing and not exporter.button.isEnabled()
    assert not path.exists()  # begun, not done
    assert tab.message.text() == f"Writing 3 time entries to {path.name}…"
    qtbot.waitUntil(lambda: not exporter.writing)
    assert between == [True]  # the window's events ran while it was written
    assert exporter.button.isEnabled()
    assert f"Saved 3 time entries as {fmt.label} to {path}." == tab.message.text()
    assert path.read_bytes() == _in_one_go(tab, tmp_path / f"one-go{fmt.suffix}", fmt)


def test_entries_logged_during_a_long_export_wait_for_the_next(
    qtbot: Any,
    tab: TrackTab,
    document: RoleDocument,
    logged: dict[str, str],
    tmp_path: Path,
    in_steps: None,
) -> None:
    tab.show_entries(start=MONDAY, end=SUNDAY)
    path = tmp_path / "week.csv"
    assert tab.exporter.export_to(path, ExportFormat.TOGGL_CSV)
    code = _activity(document, "Code reviews")
    assert tab.editor.add_time_entry(code, 600, _at(MONDAY + dt.timedelta(days=3), 8), "late")
    qtbot.waitUntil(lambda: not tab.exporter.writing)
    assert "Saved 3 time entries" in tab.message.text()
    assert b"late" not in path.read_bytes()


def test_a_second_export_waits_for_the_first(
    qtbot: Any, tab: TrackTab, logged: dict[str, str], tmp_path: Path, in_steps: None
) -> None:
    tab.show_entries(start=MONDAY, end=SUNDAY)
    assert tab.exporter.export_to(tmp_path / "first.csv", ExportFormat.TOGGL_CSV)
    assert not tab.exporter.export_to(tmp_path / "second.csv", ExportFormat.TOGGL_CSV)
    assert "still being written" in tab.message.text()
    qtbot.waitUntil(lambda: not tab.exporter.writing)
    assert (tmp_path / "first.csv").exists() and not (tmp_path / "second.csv").exists()


def test_a_long_export_that_cannot_be_written_says_so(
    qtbot: Any, tab: TrackTab, logged: dict[str, str], tmp_path: Path, in_steps: None
) -> None:
    tab.show_entries(start=MONDAY, end=SUNDAY)
    missing = tmp_path / "missing" / "week.csv"
    assert tab.exporter.export_to(missing, ExportFormat.TOGGL_CSV)  # begun
    qtbot.waitUntil(lambda: not tab.exporter.writing)
    assert "there is no folder" in tab.message.text()
    assert tab.message.text().endswith("Nothing was written.")
    assert tab.exporter.button.isEnabled()
    assert not missing.parent.exists()


def test_without_a_connection_of_its_own_a_long_export_runs_in_one_go(
    tab: TrackTab,
    logged: dict[str, str],
    tmp_path: Path,
    in_steps: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read-only file whose folder cannot hold SQLite's -shm: no second reader."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(time_export, "snapshot_reader", refuse)
    tab.show_entries(start=MONDAY, end=SUNDAY)
    path = tmp_path / "week.csv"
    assert tab.exporter.export_to(path, ExportFormat.TOGGL_CSV)
    assert not tab.exporter.writing
    assert tab.message.text() == f"Saved 3 time entries as Toggl CSV to {path}."


def test_a_long_export_left_unfinished_when_the_tab_goes_gives_back_the_collector(
    qtbot: Any,
    document: RoleDocument,
    tmp_path: Path,
    in_steps: None,
) -> None:
    import gc

    import shiboken6

    tab = TrackTab(document, RecordEditor(document, clock=Clock(), tz=BERLIN))  # deleted below
    code = _activity(document, "Code reviews")
    assert tab.editor.add_time_entry(code, 600, _at(MONDAY, 8))
    tab.show_entries(start=MONDAY, end=SUNDAY)
    path = tmp_path / "week.csv"
    exporter = tab.exporter
    assert exporter.export_to(path, ExportFormat.TOGGL_CSV)
    assert exporter.writing and not gc.isenabled()
    shiboken6.delete(tab)  # the window rebuilt, or closed, before the file was written
    assert not exporter.writing
    assert gc.isenabled()
    qtbot.wait(20)
    assert not path.exists()
