"""The Track tab through its widgets: quick entry, tables, filters, the timer, undo/redo.

The first half runs on the example role; the second on a generated role of
100,000 entries, where the tables must read the store a page at a time and
still show exactly what plain SQL says, follow every edit by row, and never
reset for a logged entry.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QStyle
from tests.gui.conftest import answer_next_dialog
from tests.support.big_log import CATEGORY, BigLog, build_big_log, role_order_sql

from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import period_of
from rolemap.store.database import Store, open_store
from rolemap.store.figures import activity_seconds
from rolemap.store.record_pages import SMALL
from rolemap.track.record_columns import ID_ROLE
from rolemap.track.record_filter import RecordFilter
from rolemap.track.record_models import RecordTableModel
from rolemap.track.track_tab import TrackTab

BERLIN = ZoneInfo("Europe/Berlin")
NOW = int(dt.datetime(2024, 5, 15, 17, 0, tzinfo=BERLIN).timestamp())
BIG = 100_000


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: int = NOW) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def document(store: Any) -> Iterator[RoleDocument]:
    doc = RoleDocument(store)
    doc.switch_role(doc.roles()[0].id)
    yield doc


def _tab(qtbot: Any, document: RoleDocument, clock: Clock) -> TrackTab:
    widget = TrackTab(document, RecordEditor(document, clock=clock, tz=BERLIN))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument, clock: Clock) -> TrackTab:
    return _tab(qtbot, document, clock)


def _activity(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes_of(NodeKind.ACTIVITY) if n.title == title)


def _entry_ids(document: RoleDocument) -> set[str]:
    return {e.id for e in document.records_repo.time_entries(document.role_map.role.id)}


def _ids(model: RecordTableModel, rows: range | list[int] | None = None) -> list[str]:
    rows = range(model.rowCount()) if rows is None else rows
    return [str(model.index(r, 0).data(ID_ROLE)) for r in rows]


def _shown_ids(tab: TrackTab, kind: str) -> set[str]:
    return set(_ids(tab.models[kind]))


def _type_line(qtbot: Any, tab: TrackTab, text: str) -> None:
    if text.isascii():
        qtbot.keyClicks(tab.quick_entry.line, text)
    else:  # QtTest types ASCII only
        tab.quick_entry.line.insert(text)
    tab.quick_entry.completer.popup().hide()


# -- the quick-entry line ---------------------------------------------------------------------

# The completer's popup opens as the activity is typed; the offscreen platform
# warns that it cannot raise it or grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_quick_entry_saves_one_line_on_enter_and_undo_redo_round_trip(
    qtbot: Any, tab: TrackTab, document: RoleDocument
) -> None:
    before = _entry_ids(document)
    entry = tab.quick_entry
    qtbot.keyClicks(entry.line, "code rev")
    assert entry.completer.completionCount() == 1
    assert entry.completer.currentCompletion() == "Code reviews"
    _type_line(qtbot, tab, " 1h30 PR backlog")
    assert entry.preview.text() == "→ 1h 30m on ‘Code reviews’, 15:30–17:00, note “PR backlog”"
    with qtbot.waitSignal(document.records_changed):
        qtbot.keyClick(entry.line, Qt.Key.Key_Return)
    (new_id,) = _entry_ids(document) - before
    saved = document.records_repo.time_entry(new_id)
    assert saved.activity_id == _activity(document, "Code reviews")
    assert (saved.start, saved.duration, saved.note) == (NOW - 5400, 5400, "PR backlog")
    model = tab.models["time_entries"]
    newest_first = role_order_sql("start", True)
    assert _ids(model) == _sql_ids(tab, newest_first) and new_id in _ids(model)
    assert entry.line.text() == "" and entry.preview.text() == ""

    document.undo_stack.undo()
    assert _entry_ids(document) == before
    assert _ids(model) == _sql_ids(tab, newest_first) and new_id not in _ids(model)
    document.undo_stack.redo()
    assert _ids(model) == _sql_ids(tab, newest_first) and new_id in _ids(model)


@pytest.mark.parametrize(
    ("line", "start", "note"),
    [
        ("Weekly 1:1s 45m yesterday 23:30", dt.datetime(2024, 5, 14, 23, 30), ""),
        ("weekly 45m 9:05 skip-level, Q2", dt.datetime(2024, 5, 15, 9, 5), "skip-level, Q2"),
        ("Weekly 1:1s 45m 2024-03-05 14:05 notes…", dt.datetime(2024, 3, 5, 14, 5), "notes…"),
        ("Weekly 1:1s 45m yesterday", dt.datetime(2024, 5, 14, 16, 15), ""),
    ],
)
def test_quick_entry_reads_a_start(
    qtbot: Any, tab: TrackTab, document: RoleDocument, line: str, start: dt.datetime, note: str
) -> None:
    before = _entry_ids(document)
    _type_line(qtbot, tab, line)
    qtbot.keyClick(tab.quick_entry.line, Qt.Key.Key_Return)
    (new_id,) = _entry_ids(document) - before
    saved = document.records_repo.time_entry(new_id)
    assert saved.activity_id == _activity(document, "Weekly 1:1s")
    assert saved.start == int(start.replace(tzinfo=BERLIN).timestamp())
    assert (saved.duration, saved.note) == (45 * 60, note)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Code reviews 0", "more than zero"),
        ("Code reviews 25h", "longer than one entry"),
        ("Code reviews soon", "has no duration"),
        ("Code reviews 1h 25:70", "not a time"),
        ("Nothing like it 1h", "No activity is called ‘Nothing like it’. Activities: ‘Code"),
        ("s 1h", "matches several activities: ‘"),
    ],
)
def test_quick_entry_refuses_bad_input_and_keeps_it(
    qtbot: Any, tab: TrackTab, document: RoleDocument, line: str, message: str
) -> None:
    before = _entry_ids(document)
    _type_line(qtbot, tab, line)
    with qtbot.waitSignal(document.edit_refused):
        qtbot.keyClick(tab.quick_entry.line, Qt.Key.Key_Return)
    assert message in tab.message.text()
    assert _entry_ids(document) == before
    assert tab.quick_entry.line.text() == line
    assert document.undo_stack.count() == 0


def test_choosing_a_completion_with_enter_fills_the_title_and_saves_nothing(
    qtbot: Any, tab: TrackTab, document: RoleDocument
) -> None:
    before = _entry_ids(document)
    line = tab.quick_entry.line
    qtbot.keyClicks(line, "mentor")
    popup = tab.quick_entry.completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line.text() == "Mentoring sessions ")
    assert _entry_ids(document) == before and tab.message.text() == ""
    qtbot.keyClicks(line, "30m")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert len(_entry_ids(document) - before) == 1


# -- the tables on the example role ------------------------------------------------------------


def test_each_model_passes_the_model_tester(
    qtmodeltester: Any, tab: TrackTab, document: RoleDocument
) -> None:
    for kind in ("time_entries", "deliveries", "checkins"):
        tab.add_record(kind)
        qtmodeltester.check(tab.models[kind])


def test_editing_cells_is_undoable_and_bad_values_are_refused(
    tab: TrackTab, document: RoleDocument
) -> None:
    entry_id = tab.add_record("time_entries")
    assert entry_id is not None
    model = tab.models["time_entries"]
    row = model.row_of(entry_id)
    assert model.setData(model.index(row, 1), "2h") is True
    assert document.records_repo.time_entry(entry_id).duration == 7200
    assert model.index(model.row_of(entry_id), 1).data() == "2h"
    assert model.setData(model.index(model.row_of(entry_id), 1), "0") is False
    assert "more than zero" in tab.message.text()
    assert model.setData(model.index(model.row_of(entry_id), 3), "mentoring") is True
    assert document.records_repo.time_entry(entry_id).activity_id == _activity(
        document, "Mentoring sessions"
    )
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.records_repo.time_entry(entry_id).duration == 1800
    assert model.index(model.row_of(entry_id), 1).data() == "30m"

    delivery_id = tab.add_record("deliveries")
    deliveries = tab.models["deliveries"]
    row = deliveries.row_of(delivery_id)
    assert deliveries.setData(deliveries.index(row, 0), "2024-02-30") is False
    assert "not a date" in tab.message.text()
    assert deliveries.setData(deliveries.index(row, 2), "Guide v2") is True
    assert document.records_repo.delivery(delivery_id).title == "Guide v2"

    checkin_id = tab.add_record("checkins")
    checkins = tab.models["checkins"]
    row = checkins.row_of(checkin_id)
    assert checkins.setData(checkins.index(row, 3), "150") is False
    assert checkins.setData(checkins.index(row, 3), "70%") is True
    assert document.records_repo.checkin(checkin_id).confidence == pytest.approx(0.7)


def _open_editor(tab: TrackTab, kind: str, record_id: str, column: int) -> Any:
    view = tab.views[kind]
    index = tab.models[kind].index(tab.models[kind].row_of(record_id), column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    return view, index, editor


def test_the_output_cell_is_a_choice_of_the_roles_outputs(
    qtbot: Any, tab: TrackTab, document: RoleDocument
) -> None:
    tab.tables.setCurrentIndex(1)
    delivery_id = tab.add_record("deliveries")
    assert delivery_id is not None
    _view, _index, combo = _open_editor(tab, "deliveries", delivery_id, 1)
    assert isinstance(combo, QComboBox)
    outputs = sorted(
        (n.title for n in document.role_map.nodes_of(NodeKind.OUTPUT)), key=str.casefold
    )
    assert [combo.itemText(i) for i in range(combo.count())] == outputs
    old = document.records_repo.delivery(delivery_id).output_id
    assert combo.currentData() == old
    target = next(i for i in range(combo.count()) if combo.itemData(i) != old)
    combo.setCurrentIndex(target)
    combo.activated.emit(target)
    chosen = combo.itemData(target)
    assert document.records_repo.delivery(delivery_id).output_id == chosen
    deliveries = tab.models["deliveries"]
    assert deliveries.index(deliveries.row_of(delivery_id), 1).data() == combo.itemText(target)
    document.undo_stack.undo()
    assert document.records_repo.delivery(delivery_id).output_id == old
    document.undo_stack.redo()
    assert document.records_repo.delivery(delivery_id).output_id == chosen


def test_the_activity_cell_completes_titles(tab: TrackTab, document: RoleDocument) -> None:
    entry_id = tab.add_record("time_entries")
    assert entry_id is not None
    _view, _index, line = _open_editor(tab, "time_entries", entry_id, 3)
    assert isinstance(line, QLineEdit)
    completer = line.completer()
    assert completer is not None
    completer.setCompletionPrefix("review")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Code reviews"


def test_delete_selected_rows_and_undo(qtbot: Any, tab: TrackTab, document: RoleDocument) -> None:
    entry_id = tab.add_record("time_entries")
    assert entry_id in tab.selected_ids("time_entries")
    tab.findChild(type(tab.quick_entry.log_button), "delete-time-entries").click()
    assert document.records_repo.time_entry(entry_id) is None
    assert entry_id not in _shown_ids(tab, "time_entries")
    document.undo_stack.undo()
    assert entry_id in _shown_ids(tab, "time_entries")


def test_timer_start_switch_stop_and_one_at_a_time(
    tab: TrackTab, document: RoleDocument, clock: Clock
) -> None:
    strip = tab.timer
    strip.choose(_activity(document, "Code reviews"))
    strip.start_button.click()
    running = tab.editor.running_timer()
    assert running is not None and running.duration is None
    assert "Code reviews" in tab.timer_status.text()
    model = tab.models["time_entries"]
    row = model.row_of(running.id)
    assert model.index(row, 2).data() == "running"  # the running timer's row, in bold
    assert model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    clock.now += 600
    refused = tab.editor.start_timer(_activity(document, "Hiring loops"))
    assert refused is None and "already running" in tab.message.text()
    strip.choose(_activity(document, "Hiring loops"))
    strip.switch_button.click()
    assert document.records_repo.time_entry(running.id).duration == 600
    assert model.index(model.row_of(running.id), 1).data() == "10m"
    clock.now += 1200
    strip.stop_button.click()
    assert tab.editor.running_timer() is None
    assert tab.timer_status.text().startswith("Today ")
    document.undo_stack.undo()  # the stop
    assert tab.editor.running_timer() is not None
    document.undo_stack.undo()  # the switch
    back = tab.editor.running_timer()
    assert back is not None and back.id == running.id
    assert len(document.records_repo.running_timers()) == 1


def test_status_bar_says_today_and_this_week_from_the_figures(
    tab: TrackTab, document: RoleDocument, clock: Clock
) -> None:
    conn, role = document.store.conn, document.role_map.role.id
    day = dt.datetime.fromtimestamp(clock.now, BERLIN).date()

    def hours(seconds: int) -> str:
        hours, minutes = divmod(seconds // 60, 60)
        return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"

    def shown(extra_minutes: int) -> str:
        today = sum(activity_seconds(conn, role, period_of("today", day)).values())
        week = sum(activity_seconds(conn, role, period_of("week", day)).values())
        extra = extra_minutes * 60
        return f"Today {hours(today + extra)} · week {hours(week + extra)}"

    before = tab.timer_status.text()
    assert before == shown(0)
    tab.editor.add_time_entry(_activity(document, "Code reviews"), "1h30")
    assert tab.timer_status.text() == shown(0) != before
    tab.timer.choose(_activity(document, "Code reviews"))
    tab.timer.start_button.click()
    clock.now += 600
    tab.timer._show_elapsed()  # the ticker's second
    assert tab.timer_status.text().endswith(shown(10))


def test_the_timer_survives_closing_and_reopening(
    qtbot: Any, db_path: Path, store: Any, clock: Clock
) -> None:
    first = RoleDocument(store)
    first.switch_role(first.roles()[0].id)
    tab = TrackTab(first, RecordEditor(first, clock=clock, tz=BERLIN))
    qtbot.addWidget(tab)
    tab.start_timer_on(_activity(first, "Writing design docs"))
    tab.close()
    store.close()  # as if the app quit (or crashed: the entry is committed)

    reopened = open_store(db_path)
    try:
        second = RoleDocument(reopened)
        second.switch_role(second.roles()[0].id)
        clock.now += 3 * 3600
        again = TrackTab(second, RecordEditor(second, clock=clock, tz=BERLIN))
        qtbot.addWidget(again)
        assert again.timer.running is not None
        assert "Writing design docs" in again.timer_status.text()
        assert "3:00:00" in again.timer.elapsed.text()
        again.stop_timer()
        entries = [e for e in second.records_repo.time_entries(second.role_map.role.id)]
        stopped = [e for e in entries if e.source == "timer"]
        assert [e.duration for e in stopped] == [3 * 3600]
    finally:
        reopened.close()


def test_show_entries_applies_the_dashboard_filters(tab: TrackTab, document: RoleDocument) -> None:
    code, hiring = _activity(document, "Code reviews"), _activity(document, "Hiring loops")
    editor = tab.editor
    base = int(dt.datetime(2024, 5, 13, 9, 0, tzinfo=BERLIN).timestamp())
    ids = {
        "code_mon": editor.add_time_entry(code, 3600, base),
        "hiring_mon": editor.add_time_entry(hiring, 3600, base + 7200),
        "code_next": editor.add_time_entry(code, 3600, base + 7 * 86400),
    }
    tab.tables.setCurrentIndex(2)
    tab.show_entries(activity_ids=[code], start=dt.date(2024, 5, 13), end=dt.date(2024, 5, 19))
    assert tab.current_kind == "time_entries"
    assert _shown_ids(tab, "time_entries") == {ids["code_mon"]}
    assert tab.counts["time_entries"].text() == "1 entry shown"
    tab.show_entries(
        activity_ids=[code, hiring], start=dt.date(2024, 5, 13), end=dt.date(2024, 5, 19)
    )
    assert _shown_ids(tab, "time_entries") == {ids["code_mon"], ids["hiring_mon"]}
    tab.show_entries(category="Relationships & trust", start=dt.date(2024, 5, 13))
    assert ids["hiring_mon"] in _shown_ids(tab, "time_entries")
    assert not {ids["code_mon"], ids["code_next"]} & _shown_ids(tab, "time_entries")
    tab.show_entries()
    tab.filters.text.setText("hiring")
    tab.filters.apply()  # as the pause after typing does
    assert _shown_ids(tab, "time_entries") >= {ids["hiring_mon"]}
    assert ids["code_mon"] not in _shown_ids(tab, "time_entries")


def test_the_text_filter_waits_for_a_pause_in_typing(
    qtbot: Any, tab: TrackTab, document: RoleDocument
) -> None:
    model = tab.models["time_entries"]
    everything = model.rowCount()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    qtbot.keyClicks(tab.filters.text, "hiring")
    assert resets == [] and model.rowCount() == everything  # not once per key
    qtbot.waitUntil(lambda: resets == [1])
    assert 0 < model.rowCount() < everything


def test_sorting_uses_raw_values(tab: TrackTab, document: RoleDocument) -> None:
    code = _activity(document, "Code reviews")
    for minutes in (5, 90, 20):
        tab.editor.add_time_entry(code, minutes * 60)
    tab.show_entries(activity_ids=[code], start=dt.date(2024, 5, 15), end=dt.date(2024, 5, 15))
    view = tab.views["time_entries"]
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    model = tab.models["time_entries"]
    shown = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert shown == ["5m", "20m", "1h 30m"]


def test_columns_are_sized_to_their_text_on_the_first_show(qtbot: Any, window: Any) -> None:
    """As a person first opens it: the tab built after the window's first paint, then shown."""
    window.tabs.setCurrentWidget(window.track_page)
    track = window.track
    qtbot.waitExposed(track)
    for kind, view in track.views.items():
        model = track.models[kind]
        assert model.rowCount() > 0, kind
        metrics = view.fontMetrics()
        margin = 2 * view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
        for column in range(model.columnCount() - 1):  # the last one stretches
            texts = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            assert view.columnWidth(column) >= min(widest + margin + 2, 320), (kind, column)


def test_columns_fit_the_first_rows_of_an_empty_table(
    qtbot: Any, document: RoleDocument, clock: Clock
) -> None:
    """A table first shown empty (a new role; here the example data removed) sizes its
    columns from the headers; the first rows to come in size them again."""
    from rolemap.document.example_data import remove_example_data

    assert remove_example_data(document)
    tab = _tab(qtbot, document, clock)
    qtbot.waitExposed(tab)
    assert tab.models["deliveries"].rowCount() == 0
    document.undo_stack.undo()  # the example data back
    view, model = tab.views["deliveries"], tab.models["deliveries"]
    assert model.rowCount() > 0
    titles = [str(model.index(r, 2).data()) for r in range(model.rowCount())]
    widest = max(view.fontMetrics().horizontalAdvance(t) for t in titles)
    # Fitted to all the rows the undo brought back, not to the first one in.
    qtbot.waitUntil(lambda: view.columnWidth(2) >= min(widest, 300), timeout=2000)


def test_a_tab_that_is_gone_leaves_the_document_alone(
    qtbot: Any, document: RoleDocument, clock: Clock
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    gone = TrackTab(document, RecordEditor(document, clock=clock, tz=BERLIN))
    gone.show()
    gone.close()
    gone.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    document.refuse("still here")  # no slot of the tab that went may run
    tab = _tab(qtbot, document, clock)
    tab.editor.add_time_entry(_activity(document, "Code reviews"), "30m")
    assert tab.message.text() == ""


def test_main_window_track_tab_and_delete_asks_first(qtbot: Any, document: RoleDocument) -> None:
    from rolemap.ui.main_window import MainWindow

    window = MainWindow(document)
    qtbot.addWidget(window)
    assert window.tabs.tabText(window.tabs.indexOf(window.track_page)) == "Track"
    assert window.track_page.isAncestorOf(window.track)
    model = window.track.models["time_entries"]
    assert not model.active and model.rowCount() == 0  # nothing read until the tab is wanted
    window.track.activate()
    code = _activity(document, "Code reviews")
    window.track.editor.add_time_entry(code, 3600)
    window.scene.select_only([code])
    answer_next_dialog(qtbot, "Cancel")
    window.action("delete").trigger()
    assert code in document.role_map.nodes
    resets = _resets(model)
    counted = model.rowCount()
    answer_next_dialog(qtbot, "delete")  # the button's object name
    window.action("delete").trigger()
    assert code not in document.role_map.nodes
    assert document.records_repo.count_time_entries([code]) == 0
    role = document.role_map.role.id
    assert model.rowCount() == len(document.records_repo.time_entries(role)) < counted
    assert code not in {model.node_of(model.record(r)) for r in range(model.rowCount())}
    document.undo_stack.undo()
    assert code in document.role_map.nodes
    assert document.records_repo.count_time_entries([code]) >= 1
    assert model.rowCount() == counted and resets == []
    assert code in {model.node_of(model.record(r)) for r in range(model.rowCount())}
    window.action("start-timer").trigger()
    assert window.track.editor.running_timer() is not None
    window.action("stop-timer").trigger()
    window.action("focus-quick-entry").trigger()
    assert window.tabs.currentWidget() is window.track_page


def test_canvas_context_menu_starts_the_timer_on_an_activity(
    qtbot: Any, document: RoleDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    from rolemap.ui.main_window import MainWindow

    window = MainWindow(document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown: list[list[str]] = []

    def fake_exec(menu: QMenu, *_args: object) -> None:
        texts = [a.text() for a in menu.actions()]
        shown.append(texts)
        if "Start timer" in texts:
            next(a for a in menu.actions() if a.text() == "Start timer").trigger()

    class ScriptedMenu(QMenu):
        """The view's context menu, answered by the test instead of a person."""

        def exec(self, *_args: object) -> None:  # type: ignore[override]
            fake_exec(self)

    monkeypatch.setattr("rolemap.canvas.view.QMenu", ScriptedMenu)

    def right_click(node_id: str) -> None:
        item = window.scene.nodes[node_id]
        window.view.centre_on_node(node_id)
        pos = window.view.mapFromScene(item.sceneBoundingRect().center())
        viewport = window.view.viewport()
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos), Qt.KeyboardModifier(0)
        )
        QApplication.sendEvent(viewport, event)

    output = next(n.id for n in document.role_map.nodes_of(NodeKind.OUTPUT))
    right_click(output)
    assert shown and "Start timer" not in shown[-1]
    code = _activity(document, "Code reviews")
    right_click(code)
    assert "Start timer" in shown[-1]
    running = window.track.editor.running_timer()
    assert running is not None and running.activity_id == code
    assert "Code reviews" in window.track.timer_status.text()


# -- a log of 100,000 entries ------------------------------------------------------------------


@pytest.fixture(scope="session")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> BigLog:
    """Built once (bulk path, ~2 s); each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("big-log") / "template.sqlite3"
    return build_big_log(path, BIG, end=NOW - 86400)


@pytest.fixture
def big(tmp_path: Path, big_template: BigLog) -> Iterator[tuple[Store, BigLog]]:
    path = tmp_path / "big.sqlite3"
    shutil.copyfile(big_template.path, path)
    opened = open_store(path)
    yield opened, big_template
    opened.close()


@pytest.fixture
def big_tab(qtbot: Any, big: tuple[Store, BigLog], clock: Clock) -> TrackTab:
    store, log = big
    doc = RoleDocument(store)
    doc.switch_role(log.role_id)
    return _tab(qtbot, doc, clock)


def _sql_ids(tab: TrackTab, sql: str, *params: object) -> list[str]:
    conn = tab.document.store.conn
    return [r[0] for r in conn.execute(sql, (tab.document.role_map.role.id, *params))]


def _resets(model: RecordTableModel) -> list[int]:
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def _agrees(model: RecordTableModel, expected: list[str]) -> None:
    """The table's rows are `expected`, checked at the top, a jump to the middle, and the end."""
    assert model.rowCount() == len(expected)
    n = len(expected)
    for rows in (range(min(n, 60)), range(n // 2, min(n, n // 2 + 30)), range(max(0, n - 30), n)):
        assert _ids(model, rows) == [expected[r] for r in rows], rows


def test_a_big_log_opens_on_the_newest_entries_without_reading_them_all(
    big_tab: TrackTab,
) -> None:
    model = big_tab.models["time_entries"]
    expected = _sql_ids(big_tab, role_order_sql("start", True))
    assert len(expected) == BIG
    assert model.window is not None and len(model.window.rows) <= 2000
    _agrees(model, expected)
    assert model.window is not None and len(model.window.rows) <= 2000
    assert big_tab.counts["time_entries"].text() == "100,000 entries"
    view = big_tab.views["time_entries"]
    view.scrollToBottom()
    bottom = view.rowAt(view.viewport().height() - 2)
    assert bottom == BIG - 1 and _ids(model, [bottom]) == expected[-1:]


@pytest.mark.parametrize("column", ["start", "duration", "end", "activity", "category", "note"])
def test_sorting_a_big_log_gives_the_rows_plain_sql_gives(big_tab: TrackTab, column: str) -> None:
    model = big_tab.models["time_entries"]
    index = [c.header.lower() for c in model.columns].index(column)
    resets = _resets(model)
    for order, descending in (
        (Qt.SortOrder.AscendingOrder, False),
        (Qt.SortOrder.DescendingOrder, True),
    ):
        big_tab.views["time_entries"].sortByColumn(index, order)
        _agrees(model, _sql_ids(big_tab, role_order_sql(column, descending)))
    assert resets == []  # a sort is a layout change; the rows stay


def test_filtering_a_big_log_gives_the_rows_plain_sql_gives(qtbot: Any, big_tab: TrackTab) -> None:
    model = big_tab.models["time_entries"]
    role_map = big_tab.document.role_map
    seventh = sorted(role_map.nodes_of(NodeKind.ACTIVITY), key=lambda n: n.title)[7]
    category = str(seventh.detail("category"))
    first, last = dt.date(2023, 6, 1), dt.date(2023, 8, 31)
    low = int(dt.datetime(2023, 6, 1, tzinfo=BERLIN).timestamp())
    high = int(dt.datetime(2023, 9, 1, tzinfo=BERLIN).timestamp())
    cat = "COALESCE(NULLIF(json_extract(n.details, '$.category'), ''), 'Other')"
    cases = [
        (RecordFilter(first=first, last=last), f"e.start >= {low} AND e.start < {high}"),
        (RecordFilter(nodes=frozenset([seventh.id])), f"e.activity_id = '{seventh.id}'"),
        (RecordFilter(category=category), f"{cat} = '{category}'"),
        (RecordFilter(text="hiring"), "e.note LIKE '%hiring%'"),
        (RecordFilter(text="Retro Budget"), "e.note LIKE '%retro budget%'"),
        (
            RecordFilter(first=first, last=last, category=category, text="incident"),
            f"e.start >= {low} AND e.start < {high} AND {cat} = '{category}' "
            "AND e.note LIKE '%incident%'",
        ),
        (
            RecordFilter(text=seventh.title),
            f"n.id = '{seventh.id}' OR e.note LIKE '%{seventh.title}%'",
        ),
    ]
    for record_filter, where in cases:
        model.set_filter(record_filter)
        for column, index in (("start", 0), ("duration", 1)):
            big_tab.views["time_entries"].sortByColumn(index, Qt.SortOrder.DescendingOrder)
            expected = _sql_ids(big_tab, role_order_sql(column, True, where))
            if model.counting:  # a text's first hits: the first rows already
                assert _ids(model, range(60)) == expected[:60]
                qtbot.waitUntil(lambda: not model.counting)
            _agrees(model, expected)


def test_a_text_with_many_hits_shows_them_before_they_are_counted(
    qtbot: Any, big_tab: TrackTab
) -> None:
    """The first hits show at once; the rest join the end of the table when the count is
    done (no reset: the view keeps its place), and the label says more are coming."""
    model = big_tab.models["time_entries"]
    resets, inserted = _resets(model), []
    model.set_filter(RecordFilter(text="review"))
    assert model.counting
    expected = _sql_ids(big_tab, role_order_sql("start", True, "e.note LIKE '%review%'"))
    shown = model.rowCount()
    assert SMALL < shown < len(expected)
    assert big_tab.counts["time_entries"].text() == f"{shown:,}+ entries shown"
    assert _ids(model, range(40)) == expected[:40]
    resets.clear()
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    qtbot.waitUntil(lambda: not model.counting)
    assert not resets and inserted == [(shown, len(expected) - 1)]
    assert big_tab.counts["time_entries"].text() == f"{len(expected):,} entries shown"
    _agrees(model, expected)


def test_a_count_that_arrives_after_another_filter_changes_nothing(
    qtbot: Any, big_tab: TrackTab
) -> None:
    model = big_tab.models["time_entries"]
    model.set_filter(RecordFilter(text="review"))
    assert model.window is not None and model.window.counting is not None
    counting = model.window.counting
    model.set_filter(RecordFilter(text="retro"))  # cancels it (text_count's own tests)
    counting.total.exception(timeout=30)
    qtbot.waitUntil(lambda: not model.counting)
    qtbot.wait(50)  # the first count's news, queued, has come and gone
    _agrees(model, _sql_ids(big_tab, role_order_sql("start", True, "e.note LIKE '%retro%'")))


def test_a_logged_entry_shows_at_its_place_without_a_reset(
    qtbot: Any, big_tab: TrackTab, clock: Clock
) -> None:
    model = big_tab.models["time_entries"]
    resets = _resets(model)
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    _ids(model, range(40))  # what the view shows
    _type_line(qtbot, big_tab, "Activity 7 45m late review")
    with qtbot.waitSignal(big_tab.quick_entry.entry_logged) as logged_signal:
        qtbot.keyClick(big_tab.quick_entry.line, Qt.Key.Key_Return)
    expected = _sql_ids(big_tab, role_order_sql("start", True))
    assert model.window is not None  # the new row joined those held: shown without a read
    held = model.window.held(0)
    assert held is not None and held.id == logged_signal.args[0] == expected[0]
    assert _ids(model, [0, 1]) == expected[:2]
    assert inserted == [0] and model.rowCount() == BIG + 1
    # Sorted by duration, the new entry lands deep in the table: where SQL says.
    big_tab.views["time_entries"].sortByColumn(1, Qt.SortOrder.DescendingOrder)
    _ids(model, range(50))
    clock.now += 60
    logged = big_tab.editor.add_time_entry(
        _activity(big_tab.document, "Activity 3"), "1h15", note="deep"
    )
    expected = _sql_ids(big_tab, role_order_sql("duration", True))
    assert model.row_of(str(logged)) == expected.index(str(logged))
    _agrees(model, expected)
    big_tab.document.undo_stack.undo()
    _agrees(model, _sql_ids(big_tab, role_order_sql("duration", True)))
    assert resets == [] and model.rowCount() == BIG + 1


def test_an_edit_in_a_big_table_moves_its_row_and_undoes(big_tab: TrackTab) -> None:
    model = big_tab.models["time_entries"]
    resets = _resets(model)
    record_id = _ids(model, [3])[0]
    assert model.setData(model.index(3, 0), "2023-01-02 08:00") is True
    expected = _sql_ids(big_tab, role_order_sql("start", True))
    assert model.row_of(record_id) == expected.index(record_id) > 3
    _agrees(model, expected)
    assert model.index(model.row_of(record_id), 0).data() == "2023-01-02 08:00"
    big_tab.document.undo_stack.undo()
    assert model.row_of(record_id) == 3
    _agrees(model, _sql_ids(big_tab, role_order_sql("start", True)))
    big_tab.document.undo_stack.redo()
    assert model.index(model.row_of(record_id), 0).data() == "2023-01-02 08:00"
    assert model.setData(model.index(model.row_of(record_id), 5), "edited note") is True
    assert model.index(model.row_of(record_id), 5).data() == "edited note"
    assert resets == []


def test_deleting_an_activity_of_a_big_log_follows_without_a_reset(big_tab: TrackTab) -> None:
    model = big_tab.models["time_entries"]
    resets = _resets(model)
    document = big_tab.document
    doomed = _activity(document, "Activity 12")
    big_tab.views["time_entries"].sortByColumn(3, Qt.SortOrder.AscendingOrder)
    _ids(model, range(BIG - 40, BIG))  # the table scrolled to its end, past the runs
    document.remove_nodes([doomed])
    expected = _sql_ids(big_tab, role_order_sql("activity", False))
    assert model.window is not None and model.window.rows  # the held rows, before any read
    first = model.window.first
    assert [row.id for row in model.window.rows] == expected[first : first + len(model.window.rows)]
    _agrees(model, expected)
    document.undo_stack.undo()
    _agrees(model, _sql_ids(big_tab, role_order_sql("activity", False)))
    assert model.rowCount() == BIG and resets == []


def test_selected_rows_are_deleted_and_come_back(big_tab: TrackTab) -> None:
    model = big_tab.models["time_entries"]
    view = big_tab.views["time_entries"]
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.selectRow(1)
    doomed = big_tab.selected_ids("time_entries")
    big_tab.delete_selected("time_entries")
    assert model.rowCount() == BIG - 1 and doomed[0] not in _ids(model, range(5))
    big_tab.document.undo_stack.undo()
    assert _ids(model, [1]) == doomed


def test_no_row_is_read_for_an_index_outside_the_table(big_tab: TrackTab) -> None:
    model = big_tab.models["time_entries"]
    assert model.data(model.index(BIG, 0)) is None
    assert model.data(QModelIndex()) is None


def test_dragging_the_scroll_bar_over_a_slow_selection_reads_no_far_rows(
    big_tab: TrackTab,
) -> None:
    """A category of a big log tests each row's activity: a jump deep into it costs
    ~1 s at a million entries, so none is made until the scroll bar is let go."""
    model = big_tab.models["time_entries"]
    category = str(big_tab.document.role_map.nodes_of(NodeKind.ACTIVITY)[0].detail("category"))
    model.set_filter(RecordFilter(category=category))
    assert model.window is not None and model.window.pages.jumps_slowly
    _ids(model, range(30))
    bar = big_tab.views["time_entries"].verticalScrollBar()
    bar.sliderPressed.emit()
    far = model.rowCount() // 2
    assert model.index(far, 0).data() is None  # shown empty while dragged
    bar.sliderReleased.emit()
    where = f"{CATEGORY} = '{category}'"
    expected = _sql_ids(big_tab, role_order_sql("start", True, where))
    assert model.index(far, 0).data(ID_ROLE) == expected[far]
