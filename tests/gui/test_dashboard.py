"""The Dashboard tab through its widgets: chart data, the period, click-through, empty states.

Records are written through the store and announced with
`document.records_changed`, as the Track tab does; the tab refreshes on its
own (debounced, off the GUI thread) and says so with `refreshed`.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from tests.gui.conftest import answer_next_dialog

from rolemap.dashboard.dashboard_tab import DashboardTab
from rolemap.document.document import RoleDocument
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

TODAY = dt.date(2026, 6, 17)  # a Wednesday; "last 4 weeks" = 25 May … 21 June
WEEKS = [dt.date(2026, 5, 25), dt.date(2026, 6, 1), dt.date(2026, 6, 8), dt.date(2026, 6, 15)]
H = 3600


def at(day: dt.date, hour: int) -> int:
    """Local wall-clock time as UTC epoch seconds (the roll-up uses the same local zone)."""
    return int(dt.datetime.combine(day, dt.time(hour)).timestamp())


@pytest.fixture
def document(qapp: object, empty_store: Any) -> Iterator[RoleDocument]:
    role = Role("r", "Tester", ideal_allocation={"Maker's work": 0.5, "Admin & email": 0.5})
    nodes = [
        Node("a1", "r", NodeKind.ACTIVITY, "Reviews", details={"category": "Maker's work"}),
        Node("a2", "r", NodeKind.ACTIVITY, "Email", details={"category": "Admin & email"}),
        Node("o1", "r", NodeKind.OUTPUT, "Docs", y=0),
        Node("o2", "r", NodeKind.OUTPUT, "Plans", y=100),
        Node("g1", "r", NodeKind.OUTCOME, "Speed", details={"baseline": 10.0, "target": 20.0}),
    ]
    links = [Link("l1", "r", "a1", "o1"), Link("l2", "r", "o1", "g1")]
    with empty_store.transaction():
        RoleRepository(empty_store).insert_map(RoleMap.build(role, nodes, links))
    doc = RoleDocument(empty_store)
    doc.switch_role("r")
    yield doc
    doc.undo_group.setActiveStack(None)


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument) -> DashboardTab:
    widget = DashboardTab(document)
    widget.clock = lambda: at(TODAY, 12)
    widget.resize(1100, 1400)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=20000):
        widget.show()
    return widget


def add_records(qtbot: Any, tab: DashboardTab, document: RoleDocument) -> None:
    store = document.store
    with store.transaction():
        records = RecordRepository(store)
        records.put_time_entries(
            [
                TimeEntry("e1", "a1", at(WEEKS[0], 9), 2 * H),
                TimeEntry("e2", "a2", at(WEEKS[0], 14), 2 * H),
                TimeEntry("e3", "a1", at(WEEKS[2], 9), 3 * H),
                TimeEntry("e4", "a1", at(WEEKS[2] + dt.timedelta(days=6), 23), 2 * H),  # Sun → Mon
                # A timer running since 11:00 counts its hour so far, as in the report.
                TimeEntry("run", "a2", at(TODAY, 11), None),
            ]
        )
        records.put_deliveries(
            [
                Delivery("d1", "o1", "2026-05-26"),
                Delivery("d2", "o1", "2026-06-09"),
                Delivery("d3", "o2", "2026-06-10"),
            ]
        )
        records.put_checkins(
            [CheckIn("c1", "g1", "2026-06-01", 12.0), CheckIn("c2", "g1", "2026-06-12", 15.0)]
        )
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        document.records_changed.emit("all")


def test_every_chart_shows_the_records(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    assert all(panel.is_empty for panel in tab.panels.values())
    add_records(qtbot, tab, document)
    assert [key for key, panel in tab.panels.items() if panel.is_empty] == ["plan-weeks"]  # no plan

    time_chart = tab.chart("time")
    assert list(time_chart.bars) == ["Maker's work", "Admin & email"]
    assert list(time_chart.bars["Maker's work"].opts["height"]) == [2, 0, 4, 1]  # midnight split
    assert list(time_chart.bars["Admin & email"].opts["height"]) == [2, 0, 0, 1]  # timer
    assert list(time_chart.bars["Admin & email"].opts["y0"]) == [2, 0, 4, 1]  # stacked on top

    plan = tab.chart("plan")
    assert list(plan.bars["Actual share"].opts["width"]) == pytest.approx(
        [100 * 7 / 10, 100 * 3 / 10]
    )
    assert list(plan.bars["Planned share"].opts["width"]) == [50, 50]

    deliveries = tab.chart("deliveries")
    assert list(deliveries.bars["Docs"].opts["height"]) == [1, 0, 1, 0]
    assert list(deliveries.bars["Plans"].opts["height"]) == [0, 0, 1, 0]

    purposeful = tab.chart("purposeful")
    assert list(purposeful.bars["Purposeful share"].opts["height"]) == [50, 0, 100, 50]

    hours = tab.chart("outcome-hours")
    assert list(hours.bars["Hours"].opts["width"]) == [7, 3]  # Speed, then the unanchored bar

    progress = tab.chart("progress")
    _, ys = progress.lines["Speed"].getData()
    assert list(ys) == [20, 50]  # 12 and 15 on the way from 10 to 20

    flow = tab.chart("flow")
    assert set(flow.band_items) == {"c:Maker's work>a1", "c:Admin & email>a2", "a1>o1", "o1>g1"}
    assert flow.node_items["g1"].rect().height() == pytest.approx(7)


def test_period_selector_changes_every_chart(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    add_records(qtbot, tab, document)
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.period_box.setCurrentIndex(tab.period_box.findData("week"))
    assert tab.data.weeks == [WEEKS[3]]
    assert list(tab.chart("time").bars["Maker's work"].opts["height"]) == [1]
    assert tab.panels["deliveries"].is_empty

    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.set_period("year")
    assert tab.data.first == dt.date(2026, 1, 1) and tab.data.last == dt.date(2026, 12, 31)
    assert len(tab.chart("time").bars["Maker's work"].opts["height"]) == len(tab.data.weeks) == 53

    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.set_period("custom")
    assert tab.first_edit.isVisible() and tab.last_edit.isVisible()
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.first_edit.setDate(dt.date(2026, 6, 8))
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.last_edit.setDate(dt.date(2026, 6, 14))
    assert list(tab.chart("time").bars["Maker's work"].opts["height"]) == [4]


def _click_data_point(qtbot: Any, chart: Any, x: float, y: float) -> None:
    scene_pos = chart.plot.getViewBox().mapViewToScene(QPointF(x, y))
    pos = chart.mapFromScene(scene_pos)
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_clicking_a_bar_asks_for_its_entries(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    add_records(qtbot, tab, document)
    chart = tab.chart("time")
    with qtbot.waitSignal(tab.entries_requested, timeout=5000) as blocker:
        _click_data_point(qtbot, chart, 2, 1.0)  # week of 8 June, Maker's work
    assert blocker.args == [
        {"category": "Maker's work", "start": dt.date(2026, 6, 8), "end": dt.date(2026, 6, 14)}
    ]
    with qtbot.waitSignal(tab.entries_requested, timeout=5000) as blocker:
        _click_data_point(qtbot, tab.chart("outcome-hours"), 1.0, 1)  # the unanchored bar
    assert blocker.args[0]["activity_ids"] == ["a2"]


def test_window_sends_the_filter_to_the_track_tab(qtbot: Any, document: RoleDocument) -> None:
    from rolemap.ui.main_window import MainWindow

    window = MainWindow(document)
    qtbot.addWidget(window)
    asked: list[dict[str, object]] = []
    window.track.show_entries = lambda **f: asked.append(f)  # type: ignore[method-assign]
    window.dashboard.entries_requested.emit({"category": "Admin & email"})
    assert asked == [{"category": "Admin & email"}]
    assert window.tabs.currentWidget().isAncestorOf(window.track)


def test_empty_states_say_what_to_do(tab: DashboardTab) -> None:
    messages = {key: panel.message.text() for key, panel in tab.panels.items()}
    assert all(panel.is_empty for panel in tab.panels.values())
    assert "Log time on an activity" in messages["time"]
    assert "Record a delivery" in messages["deliveries"]
    assert "check-in" in messages["progress"]


def test_stale_results_are_dropped(qtbot: Any, tab: DashboardTab, document: RoleDocument) -> None:
    before = tab.data
    tab._on_worker_finished(tab._generation - 1, object())
    assert tab.data is before


@pytest.fixture
def example_store(db_path: Any) -> Iterator[Any]:
    """The example role with its four weeks of sample records, as on a first start."""
    from rolemap.services.transfer import seed_example
    from rolemap.store.database import open_store

    opened = open_store(db_path, create=True, seed=seed_example)
    yield opened
    opened.close()


def test_remove_example_data_is_undoable(qtbot: Any, example_store: Any) -> None:
    from rolemap.ui.main_window import MainWindow

    store = example_store
    doc = RoleDocument(store)
    doc.switch_role(doc.roles()[0].id)
    window = MainWindow(doc)
    qtbot.addWidget(window)

    def counts() -> list[int]:
        return [
            store.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE example = 1").fetchone()[0]
            for t in ("time_entries", "deliveries", "checkins")
        ]

    def rollup_seconds() -> int:
        return int(
            store.conn.execute("SELECT COALESCE(SUM(seconds), 0) FROM time_rollup").fetchone()[0]
        )

    before, seconds = counts(), rollup_seconds()
    assert all(before) and seconds > 0
    asked: list[str] = []
    answer_next_dialog(qtbot, "Cancel", asked)
    window.action("remove-example-data").trigger()  # says what goes, first
    entries, deliveries, checkins = before
    assert (
        f"Remove the example role's sample records: {entries} time entries, "
        f"{deliveries} deliveries and {checkins} check-ins?"
    ) in asked
    assert counts() == before
    answer_next_dialog(qtbot, "remove")
    with qtbot.waitSignal(doc.records_changed):
        window.action("remove-example-data").trigger()
    assert counts() == [0, 0, 0] and rollup_seconds() == 0
    edit = window.menus.menus["&Edit"]
    edit.aboutToShow.emit()
    assert not window.action("remove-example-data").isEnabled()  # used: nothing left to remove
    with qtbot.waitSignal(doc.records_changed):
        doc.undo_stack.undo()
    assert counts() == before and rollup_seconds() == seconds
    edit.aboutToShow.emit()
    assert window.action("remove-example-data").isEnabled()  # back with the undo
    doc.undo_stack.redo()
    refused: list[str] = []
    doc.edit_refused.connect(refused.append)
    window.dashboard.remove_example_data()
    assert refused == ["There is no example data to remove."]
    doc.undo_group.setActiveStack(None)


def test_pyqtgraph_is_not_imported_until_the_dashboard_shows() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path; import tempfile\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from rolemap.store.database import open_store\n"
        "from rolemap.services.transfer import seed_example\n"
        "from rolemap.document.document import RoleDocument\n"
        "from rolemap.ui.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "path = Path(tempfile.mkdtemp()) / 'x.sqlite3'\n"
        "store = open_store(path, create=True, seed=seed_example)\n"
        "doc = RoleDocument(store); doc.switch_role(doc.roles()[0].id)\n"
        "w = MainWindow(doc); w.show(); app.processEvents()\n"
        "assert 'pyqtgraph' not in sys.modules, 'imported at start-up'\n"
        "w.tabs.setCurrentWidget(w.dashboard_page); app.processEvents()\n"
        "assert 'pyqtgraph' in sys.modules\n"
        "w.close(); store.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_charts_save_as_png_and_svg(
    qtbot: Any, tab: DashboardTab, document: RoleDocument, tmp_path: Any
) -> None:
    add_records(qtbot, tab, document)
    for key in ("time", "flow"):
        chart = tab.chart(key)
        chart.save_as("png", str(tmp_path / f"{key}.png"))
        chart.save_as("svg", str(tmp_path / f"{key}.svg"))
        assert (tmp_path / f"{key}.png").read_bytes().startswith(b"\x89PNG")
        svg = (tmp_path / f"{key}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg
    assert "Maker" in (tmp_path / "time.svg").read_text(encoding="utf-8")  # the legend
    menu = tab.chart("time").plot.getViewBox().menu
    assert {"Copy as image", "Save as PNG…", "Save as SVG…"} <= {a.text() for a in menu.actions()}


# -- what a new user tripped over (issue 17) ---------------------------------------------


def _refreshed(qtbot: Any, tab: DashboardTab, document: RoleDocument, kind: str = "all") -> None:
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        document.records_changed.emit(kind)


def test_the_plan_chart_title_follows_the_role(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    add_records(qtbot, tab, document)
    plan = tab.chart("plan")
    assert plan.plot.titleLabel.text == "Plan vs actual: share of hours"
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        document.set_role_fields(ideal_allocation={})
    assert plan.plot.titleLabel.text == "Actual share of hours (no plan set)"
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        document.undo_stack.undo()  # the plan is back: so is the title
    assert "Planned share" in plan.bars
    assert plan.plot.titleLabel.text == "Plan vs actual: share of hours"


def test_delivery_counts_have_whole_ticks(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    add_records(qtbot, tab, document)  # one or two deliveries a week
    chart = tab.chart("deliveries")
    axis = chart.plot.getAxis("left")
    low, high = chart.plot.getViewBox().viewRange()[1]
    ticks = [value for _, values in axis.tickValues(low, high, 300) for value in values]
    assert ticks and all(float(value).is_integer() for value in ticks), ticks
    hours = tab.chart("time").plot.getAxis("left")  # hours keep their fractions
    assert hours._tickSpacing is None


def test_every_legend_swatch_matches_its_bars(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    import pyqtgraph as pg

    add_records(qtbot, tab, document)
    for key in ("time", "plan", "deliveries", "purposeful", "outcome-hours"):
        chart = tab.chart(key)
        for sample, label in chart.legend.items:
            item = sample.item
            swatch = pg.mkBrush(item.opts["brush"]).color()
            for brush in item.opts.get("brushes") or []:
                assert pg.mkBrush(brush).color() == swatch, (key, label.text)


def test_the_flow_labels_stay_inside_the_chart_when_narrow(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    from PySide6.QtWidgets import QApplication

    assert document.set_node_field("a1", "category", "Knowledge transfer & development")
    add_records(qtbot, tab, document)
    flow = tab.chart("flow")
    for width in (1000, 520):
        tab.resize(width, 1400)
        qtbot.waitUntil(lambda w=width: flow.width() <= w)
        QApplication.processEvents()
        flow.grab()  # painted as a person sees it: the plot's transform follows its range then
        area = flow.mapFromScene(flow.plot.getViewBox().sceneBoundingRect()).boundingRect()
        assert flow.label_items
        for label in flow.label_items:
            shown = label.deviceTransform(flow.viewportTransform()).mapRect(label.boundingRect())
            assert area.adjusted(-1, -1, 1, 1).contains(shown.toRect()), (width, label.text())


def test_outcomes_without_a_target_are_left_out_of_progress_and_named(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    morale = document.add_node(NodeKind.OUTCOME, "Morale")
    assert morale is not None and document.set_node_field(morale, "baseline", "3")
    add_records(qtbot, tab, document)
    with document.store.transaction():
        RecordRepository(document.store).put_checkins([CheckIn("m1", morale, "2026-06-10", 4.0)])
    _refreshed(qtbot, tab, document, "checkins")
    progress = tab.chart("progress")
    assert set(progress.lines) == {"Speed"}
    assert "Morale" in progress.note_text and "no target" in progress.note_text


def test_with_only_outcomes_without_a_target_the_chart_says_what_to_do(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    assert document.set_node_field("g1", "target", "")
    with document.store.transaction():
        RecordRepository(document.store).put_checkins([CheckIn("c1", "g1", "2026-06-01", 12.0)])
    _refreshed(qtbot, tab, document, "checkins")
    panel = tab.panels["progress"]
    assert panel.is_empty
    assert "target" in panel.message.text() and "Speed" in panel.message.text()


def test_the_period_is_remembered_after_a_restart(
    qtbot: Any, document: RoleDocument, tmp_path: Any
) -> None:
    from PySide6.QtCore import QSettings

    from rolemap.ui.main_window import MainWindow

    path = str(tmp_path / "settings.ini")

    def restart() -> MainWindow:
        window = MainWindow(document, settings=QSettings(path, QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        return window

    first = restart()
    first.dashboard.set_period("custom")
    first.dashboard.first_edit.setDate(dt.date(2026, 3, 2))
    first.dashboard.last_edit.setDate(dt.date(2026, 3, 29))
    first.close()
    again = restart()
    assert again.dashboard.period_key == "custom"
    assert again.dashboard.period() == (dt.date(2026, 3, 2), dt.date(2026, 3, 29))
    again.dashboard.set_period("quarter")
    assert restart().dashboard.period_key == "quarter"


@pytest.mark.parametrize(("width", "columns"), [(800, 1), (1360, 2)])
def test_a_narrow_window_shows_one_column_and_never_scrolls_sideways(
    qtbot: Any, document: RoleDocument, width: int, columns: int
) -> None:
    from PySide6.QtWidgets import QApplication, QScrollArea

    from rolemap.ui.main_window import MainWindow

    window = MainWindow(document)
    qtbot.addWidget(window)
    window.resize(width, 600)
    window.show()
    dashboard = window.dashboard
    dashboard.clock = lambda: at(TODAY, 12)
    with qtbot.waitSignal(dashboard.refreshed, timeout=20000):
        window.tabs.setCurrentWidget(window.dashboard_page)
    add_records(qtbot, dashboard, document)
    QApplication.processEvents()
    grid = dashboard.grid
    shown = {grid.getItemPosition(grid.indexOf(panel))[1] for panel in dashboard.panels.values()}
    assert len(shown) == columns
    scroll = dashboard.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
