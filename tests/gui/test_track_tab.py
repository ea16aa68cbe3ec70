"""The Track tab through its widgets: quick entry, tables, filters, the timer, undo/redo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.store.database import open_store
from rolemap.track.track_tab import TrackTab

BERLIN = ZoneInfo("Europe/Berlin")
NOW = int(dt.datetime(2024, 5, 15, 17, 0, tzinfo=BERLIN).timestamp())


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


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument, clock: Clock) -> TrackTab:
    widget = TrackTab(document, RecordEditor(document, clock=clock, tz=BERLIN))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _activity(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes_of(NodeKind.ACTIVITY) if n.title == title)


def _entry_ids(document: RoleDocument) -> set[str]:
    return {e.id for e in document.records_repo.time_entries(document.role_map.role.id)}


def _shown_ids(tab: TrackTab, kind: str) -> set[str]:
    proxy = tab.proxies[kind]
    return {
        str(proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)) for r in range(proxy.rowCount())
    }


# The completer's popup opens as the activity is typed; the offscreen platform
# warns that it cannot raise it or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_quick_entry_saves_on_enter_and_undo_redo_round_trip(
    qtbot: Any, tab: TrackTab, document: RoleDocument
) -> None:
    before = _entry_ids(document)
    entry = tab.quick_entry
    qtbot.keyClicks(entry.activity, "code rev")
    completer = entry.activity.completer()
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Code reviews"
    qtbot.keyClicks(entry.duration, "1h30")
    qtbot.keyClicks(entry.note, "PR backlog")
    with qtbot.waitSignal(document.records_changed):
        qtbot.keyClick(entry.note, Qt.Key.Key_Return)
    (new_id,) = _entry_ids(document) - before
    saved = document.records_repo.time_entry(new_id)
    assert saved.activity_id == _activity(document, "Code reviews")
    assert (saved.start, saved.duration, saved.note) == (NOW - 5400, 5400, "PR backlog")
    assert new_id in _shown_ids(tab, "time_entries")
    assert entry.duration.text() == "" and entry.activity.text() == ""

    document.undo_stack.undo()
    assert _entry_ids(document) == before
    assert new_id not in _shown_ids(tab, "time_entries")
    document.undo_stack.redo()
    assert new_id in _entry_ids(document) and new_id in _shown_ids(tab, "time_entries")


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_quick_entry_with_a_start_time(qtbot: Any, tab: TrackTab, document: RoleDocument) -> None:
    before = _entry_ids(document)
    qtbot.keyClicks(tab.quick_entry.activity, "Weekly 1:1s")
    qtbot.keyClicks(tab.quick_entry.duration, "45m")
    qtbot.keyClicks(tab.quick_entry.start, "yesterday 23:30")
    qtbot.keyClick(tab.quick_entry.start, Qt.Key.Key_Return)
    (new_id,) = _entry_ids(document) - before
    start = document.records_repo.time_entry(new_id).start
    assert start == int(dt.datetime(2024, 5, 14, 23, 30, tzinfo=BERLIN).timestamp())


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize(
    ("activity", "duration", "message"),
    [
        ("Code reviews", "0", "more than zero"),
        ("Code reviews", "soon", "not a duration"),
        ("Nothing like it", "1h", "No activity is called"),
        ("s", "1h", "matches several activities"),
    ],
)
def test_quick_entry_refuses_bad_input_and_keeps_it(
    qtbot: Any, tab: TrackTab, document: RoleDocument, activity: str, duration: str, message: str
) -> None:
    before = _entry_ids(document)
    qtbot.keyClicks(tab.quick_entry.activity, activity)
    qtbot.keyClicks(tab.quick_entry.duration, duration)
    with qtbot.waitSignal(document.edit_refused):
        qtbot.keyClick(tab.quick_entry.duration, Qt.Key.Key_Return)
    assert message in tab.message.text()
    assert _entry_ids(document) == before
    assert tab.quick_entry.duration.text() == duration
    assert document.undo_stack.count() == 0


def test_each_model_and_proxy_passes_the_model_tester(
    qtmodeltester: Any, tab: TrackTab, document: RoleDocument
) -> None:
    for kind in ("time_entries", "deliveries", "checkins"):
        tab.add_record(kind)
        qtmodeltester.check(tab.models[kind])
        qtmodeltester.check(tab.proxies[kind])


def test_editing_cells_is_undoable_and_bad_values_are_refused(
    tab: TrackTab, document: RoleDocument
) -> None:
    entry_id = tab.add_record("time_entries")
    assert entry_id is not None
    model = tab.models["time_entries"]
    row = model.row_of(entry_id)
    assert model.setData(model.index(row, 1), "2h") is True
    assert document.records_repo.time_entry(entry_id).duration == 7200
    assert model.index(row, 1).data() == "2h"
    assert model.setData(model.index(row, 1), "0") is False
    assert "more than zero" in tab.message.text()
    assert model.setData(model.index(row, 3), "mentoring") is True
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
    clock.now += 600
    refused = tab.editor.start_timer(_activity(document, "Hiring loops"))
    assert refused is None and "already running" in tab.message.text()
    strip.choose(_activity(document, "Hiring loops"))
    strip.switch_button.click()
    assert document.records_repo.time_entry(running.id).duration == 600
    clock.now += 1200
    strip.stop_button.click()
    assert tab.editor.running_timer() is None
    assert tab.timer_status.text() == ""
    document.undo_stack.undo()  # the stop
    assert tab.editor.running_timer() is not None
    document.undo_stack.undo()  # the switch
    back = tab.editor.running_timer()
    assert back is not None and back.id == running.id
    assert len(document.records_repo.running_timers()) == 1


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
    tab.show_entries(
        activity_ids=[code, hiring], start=dt.date(2024, 5, 13), end=dt.date(2024, 5, 19)
    )
    assert _shown_ids(tab, "time_entries") == {ids["code_mon"], ids["hiring_mon"]}
    tab.show_entries(category="Relationships & trust", start=dt.date(2024, 5, 13))
    assert ids["hiring_mon"] in _shown_ids(tab, "time_entries")
    assert not {ids["code_mon"], ids["code_next"]} & _shown_ids(tab, "time_entries")
    tab.show_entries()
    tab.filters.text.setText("hiring")
    assert _shown_ids(tab, "time_entries") >= {ids["hiring_mon"]}
    assert ids["code_mon"] not in _shown_ids(tab, "time_entries")


def test_sorting_uses_raw_values(tab: TrackTab, document: RoleDocument) -> None:
    code = _activity(document, "Code reviews")
    for minutes in (5, 90, 20):
        tab.editor.add_time_entry(code, minutes * 60)
    tab.show_entries(activity_ids=[code], start=dt.date(2024, 5, 15), end=dt.date(2024, 5, 15))
    view = tab.views["time_entries"]
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    proxy = tab.proxies["time_entries"]
    shown = [proxy.index(r, 1).data() for r in range(proxy.rowCount())]
    assert shown == ["5m", "20m", "1h 30m"]


def test_main_window_track_tab_and_delete_asks_first(
    qtbot: Any, document: RoleDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: next(answers))
    window.action("delete").trigger()
    assert code in document.role_map.nodes
    window.action("delete").trigger()
    assert code not in document.role_map.nodes
    assert document.records_repo.count_time_entries([code]) == 0
    document.undo_stack.undo()
    assert code in document.role_map.nodes
    assert document.records_repo.count_time_entries([code]) >= 1
    assert code in {
        tab_model.node_of(r)
        for tab_model in [window.track.models["time_entries"]]
        for r in tab_model._rows
    }
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
