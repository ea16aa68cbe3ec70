"""The dashboard's "Planned vs actual hours per week": the weeks of the period that have a plan.

Plans are made as the Plan tab makes them (PlanEditor: one undo step each);
time is written through the store and announced, as in test_dashboard.py.
The chart is read through its bars' data and its picture: the planned bar is
an outline (the background shows inside it), the actual one is filled. Set
ROLEMAP_SCREENSHOTS to a folder to keep the picture there.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from tests.gui.test_dashboard import TODAY, WEEKS, at

from rolemap.dashboard.dashboard_tab import DashboardTab
from rolemap.dashboard.panels import EMPTY_PLAN_WEEKS
from rolemap.document.document import RoleDocument
from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import TimeEntry
from rolemap.domain.week_plan import Week
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

H = 3600
W22, W24, W25 = (Week.of(WEEKS[0]), Week.of(WEEKS[2]), Week.of(WEEKS[3]))


@pytest.fixture
def document(qapp: object, empty_store: Any) -> Iterator[RoleDocument]:
    role = Role("r", "Tester", weekly_capacity=16.0)
    nodes = [
        Node("a1", "r", NodeKind.ACTIVITY, "Reviews", details={"category": "Maker's work"}),
        Node("a2", "r", NodeKind.ACTIVITY, "Email", details={"category": "Admin & email"}),
        Node("a3", "r", NodeKind.ACTIVITY, "Hiring", details={"category": "Other"}),
        Node("o1", "r", NodeKind.OUTPUT, "Docs"),
    ]
    with empty_store.transaction():
        RoleRepository(empty_store).insert_map(
            RoleMap.build(role, nodes, [Link("l1", "r", "a1", "o1")])
        )
    doc = RoleDocument(empty_store)
    doc.switch_role("r")
    yield doc
    doc.undo_group.setActiveStack(None)


@pytest.fixture
def tab(qtbot: Any, document: RoleDocument) -> DashboardTab:
    widget = DashboardTab(document)
    widget.clock = lambda: at(TODAY, 12)
    widget.resize(1100, 1600)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.refreshed, timeout=20000):
        widget.show()
    return widget


def plan_and_log(qtbot: Any, tab: DashboardTab, document: RoleDocument) -> PlanEditor:
    """Three weeks planned out of four (none in the week of 1 June), and time in three."""
    editor = PlanEditor(document, clock=lambda: at(TODAY, 12))
    for week, activity, hours in (
        (W22, "a1", 10),
        (W22, "a2", 5),
        (W24, "a1", 6),
        (W25, "a2", 4),
    ):
        with qtbot.waitSignal(tab.refreshed, timeout=20000):
            assert editor.set_hours(week, activity, hours)
    store = document.store
    with store.transaction():
        RecordRepository(store).put_time_entries(
            [
                TimeEntry("e1", "a1", at(WEEKS[0], 9), 2 * H),
                TimeEntry("e2", "a3", at(WEEKS[0], 14), 2 * H),  # not in the plan
                TimeEntry("e3", "a1", at(WEEKS[1], 9), 5 * H),  # a week without a plan
                TimeEntry("e4", "a1", at(WEEKS[2], 9), 3 * H),
                TimeEntry("e5", "a1", at(WEEKS[2] + dt.timedelta(days=6), 23), 2 * H),
                TimeEntry("run", "a2", at(TODAY, 11), None),  # an hour so far, at noon
            ]
        )
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        document.records_changed.emit("time_entries")
    return editor


def test_planned_weeks_show_planned_and_actual_hours(
    qtbot: Any, tab: DashboardTab, document: RoleDocument, tmp_path: Path
) -> None:
    panel = tab.panels["plan-weeks"]
    assert panel.is_empty and EMPTY_PLAN_WEEKS in panel.message.text()
    plan_and_log(qtbot, tab, document)
    assert not panel.is_empty
    chart = tab.chart("plan-weeks")
    planned, actual = chart.bars["Planned"].opts, chart.bars["Actual"].opts
    assert list(planned["x"]) == list(actual["x"]) == [0, 2, 3]  # no plan for the week of 1 June
    assert chart.gap_labels == [1]  # which says so
    assert list(planned["height"]) == [15, 6, 4]
    # Every hour logged in the week counts (Hiring too); Sunday 23:00 runs into Monday.
    assert list(actual["height"]) == pytest.approx([4, 4, 2])
    texts = [hit.text for hit in chart.hits]
    assert texts[0].startswith(
        "Week of 25 May 2026 (2026-W22): planned 15.0 h, actual 4.0 h (27 % of the plan); "
        "2.0 h of it on planned activities."
    )
    assert "actual 2.0 h so far" in texts[2]
    assert [hit.filter for hit in chart.hits] == [{"week": w.name} for w in (W22, W24, W25)]
    assert chart.legend.items[0][1].text == "Planned (outline)"

    # The picture: inside the planned outline above the actual bar, the background shows.
    tab.resize(1100, 1600)
    qtbot.wait(20)
    image = chart.grab().toImage()
    background = QColor(chart.backgroundBrush().color())

    def pixel(x: float, y: float) -> QColor:
        scene = chart.plot.getViewBox().mapViewToScene(QPointF(x, y))
        point = chart.mapFromScene(scene)
        return image.pixelColor(point.x(), point.y())

    assert pixel(0, 10.7) == background  # planned 15 h: an outline, not a fill
    filled = pixel(0, 2.7)  # actual 4 h: filled
    assert filled.blue() > filled.red() + 40, filled.name()
    assert pixel(1, 2.7) == background  # the week without a plan shows nothing
    folders = [tmp_path]
    if os.environ.get("ROLEMAP_SCREENSHOTS"):
        folders.append(Path(os.environ["ROLEMAP_SCREENSHOTS"]))
    for folder in folders:
        assert chart.grab().save(str(folder / "dashboard-plan-weeks.png"))


def test_an_undone_plan_leaves_the_chart_and_a_plan_free_period_says_what_to_do(
    qtbot: Any, tab: DashboardTab, document: RoleDocument
) -> None:
    plan_and_log(qtbot, tab, document)
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        document.undo_stack.undo()  # the plan of the week of 15 June
    assert list(tab.chart("plan-weeks").bars["Planned"].opts["x"]) == [0, 2]
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.set_period("custom")
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.first_edit.setDate(dt.date(2026, 3, 2))
    with qtbot.waitSignal(tab.refreshed, timeout=20000):
        tab.last_edit.setDate(dt.date(2026, 3, 29))
    panel = tab.panels["plan-weeks"]
    assert panel.is_empty
    assert "No week of this period has a plan: plan one in the Plan tab." in panel.message.text()


def test_clicking_a_planned_week_opens_it_in_the_plan_tab(
    qtbot: Any, document: RoleDocument
) -> None:
    from rolemap.ui.main_window import MainWindow

    window = MainWindow(document)
    window.resize(1400, 1000)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.dashboard
    dashboard.clock = lambda: at(TODAY, 12)
    with qtbot.waitSignal(dashboard.refreshed, timeout=20000):
        window.tabs.setCurrentWidget(window.dashboard_page)
    plan_and_log(qtbot, dashboard, document)
    chart = dashboard.chart("plan-weeks")
    chart.grab()  # painted once: the plot's transform follows its range then
    scene_pos = chart.plot.getViewBox().mapViewToScene(QPointF(2, 1.0))  # the week of 8 June
    with qtbot.waitSignal(dashboard.week_requested, timeout=5000) as blocker:
        qtbot.mouseClick(
            chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.mapFromScene(scene_pos)
        )
    assert blocker.args == [W24.name]
    assert window.tabs.currentWidget() is window.plan_page
    assert window.plan.week.week == W24
