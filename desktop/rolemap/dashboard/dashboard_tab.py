"""DashboardTab: one period selector driving the eight charts of the current role.

The tab is cheap to build: pyqtgraph and the charts are created on the first
`showEvent`. It follows the document: a role switch, a map edit or new
records schedule a refresh (debounced), which runs on a pool thread with its
own read-only connection; a result that a newer request has overtaken is
dropped. The charts stand in two columns, or in one when the tab is too
narrow for two side by side (an 800 px window): it never scrolls sideways.
The window remembers the period chosen (`period_changed`) and gives it back
at the next start.

Signals:
    entries_requested(dict): show the time entries behind a clicked bar
        (keys of `TrackTab.show_entries`: activity_ids, category, start, end).
    week_requested(str): show this week's plan ("2026-W45"; a planned week was clicked).
    refreshed(): every chart shows the latest result.
    period_changed(str): another period was chosen (its key; see `period_choice`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rolemap.dashboard.chart_panel import CHART_HEIGHT, ChartPanel
from rolemap.dashboard.example_removal import confirm_removal
from rolemap.dashboard.period import CHOICES, dashboard_period
from rolemap.dashboard.worker import DashboardWorker, WorkerSignals
from rolemap.document.document import RoleDocument
from rolemap.document.example_data import remove_example_data
from rolemap.domain.periods import Period, local_zone
from rolemap.domain.role_map import RoleMap
from rolemap.store.rollup import ensure_local_zone

DEBOUNCE_MS = 150
TWO_COLUMNS = 940  # px of chart area below which the charts stand in one column
# (key, first, last): a period choice as the window remembers it (dates only for "custom").
PeriodChoice = tuple[str, dt.date | None, dt.date | None]


class DashboardTab(QWidget):
    """The Dashboard tab."""

    entries_requested = Signal(dict)
    week_requested = Signal(str)
    refreshed = Signal()
    period_changed = Signal(str)

    def __init__(
        self,
        document: RoleDocument,
        parent: QWidget | None = None,
        period: PeriodChoice | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard-tab")
        self.document = document
        self.panels: dict[str, ChartPanel] = {}
        self.columns = 2
        self.data: Any = None
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = WorkerSignals(self)
        self._signals.finished.connect(self._on_worker_finished)
        self._signals.failed.connect(self._on_worker_failed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._built = False
        self._dirty = True
        # Now, in UTC epoch seconds: "today", the period and a running timer's time so far
        # all follow it (tests give a fixed one).
        self.clock: Callable[[], int] = lambda: int(time.time())

        self.period_box = QComboBox()
        self.period_box.setObjectName("dashboard-period")
        self.period_box.setAccessibleName("Period of the dashboard")
        for key, label in CHOICES:
            self.period_box.addItem(label, key)
        key, first, last = period or ("4weeks", None, None)
        index = self.period_box.findData(key)
        self.period_box.setCurrentIndex(index if index >= 0 else self.period_box.findData("4weeks"))
        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        self.first_edit.setAccessibleName("First day")
        self.last_edit.setAccessibleName("Last day")
        today = QDate.currentDate()
        self.first_edit.setDate(_qdate(first) if first else today.addDays(-27))
        self.last_edit.setDate(_qdate(last) if last else today)
        custom = self.period_key == "custom"
        for edit in (self.first_edit, self.last_edit):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setVisible(custom)
            edit.dateChanged.connect(self._on_range_changed)
        self.period_box.currentIndexChanged.connect(self._on_period_changed)
        self.status = QLabel()
        self.status.setObjectName("dashboard-status")

        bar = QHBoxLayout()
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period_box)
        bar.addWidget(period_label)
        bar.addWidget(self.period_box)
        bar.addWidget(self.first_edit)
        bar.addWidget(self.last_edit)
        bar.addSpacing(12)
        bar.addWidget(self.status, 1)
        self.grid = QGridLayout()
        body = QWidget()
        body.setLayout(self.grid)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(body)
        self._scroll.viewport().installEventFilter(self)  # its width decides the columns
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self._scroll, 1)

        document.role_switched.connect(self._on_document_changed)
        document.records_changed.connect(self._on_document_changed)
        document.role_changed.connect(self._on_document_changed)
        document.plan_changed.connect(self._on_document_changed)
        for signal in (
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_changed,
            document.link_removed,
        ):
            signal.connect(self._on_document_changed)

    # -- building (first show) ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_built()
        if self._dirty:
            self.refresh()

    def ensure_built(self) -> None:
        """Import pyqtgraph and make the charts (once)."""
        if self._built:
            return
        self._built = True
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True, foreground=self.palette().text().color())
        from rolemap.dashboard.charts import (
            HorizontalBarsChart,
            LinesChart,
            PlanWeeksChart,
            StackedWeeksChart,
        )
        from rolemap.dashboard.flow_chart import FlowChart

        specs: list[tuple[str, str, type]] = [
            ("time", "Time allocation: hours per week by category", StackedWeeksChart),
            ("plan", "Plan vs actual: share of hours", HorizontalBarsChart),
            ("plan-weeks", "Planned vs actual hours per week", PlanWeeksChart),
            ("deliveries", "Output counts: deliveries per week", StackedWeeksChart),
            ("purposeful", "Purposeful share: hours that reach an outcome", StackedWeeksChart),
            ("outcome-hours", "Hours per outcome", HorizontalBarsChart),
            ("progress", "Outcome progress: check-ins toward target", LinesChart),
            ("flow", "Flow: categories → activities → outputs → outcomes", FlowChart),
        ]
        for key, title, kind in specs:
            chart = kind(title, f"chart-{key}")
            if key == "plan-weeks":  # a planned week opens in the Plan tab
                chart.bar_clicked.connect(self._on_plan_week_clicked)
            else:
                chart.bar_clicked.connect(self.entries_requested)
            panel = ChartPanel(chart, title.split(":")[0])
            panel.setObjectName(f"panel-{key}")
            self.panels[key] = panel
            if key == "flow":
                panel.setMinimumHeight(int(CHART_HEIGHT * 1.5))
        self._place_panels(self._columns_for(self._scroll.viewport().width()), force=True)

    # -- columns ---------------------------------------------------------------------

    def _columns_for(self, width: int) -> int:
        return 2 if width >= TWO_COLUMNS else 1

    def _place_panels(self, columns: int, force: bool = False) -> None:
        """Two charts a row (the flow across both, and the last one left alone), or one a
        row when narrow."""
        if columns == self.columns and not force:
            return
        self.columns = columns
        for panel in self.panels.values():
            self.grid.removeWidget(panel)
        halves = [key for key in self.panels if key != "flow"]
        alone = halves[-1] if len(halves) % 2 else None  # no empty cell beside it
        row, column = 0, 0
        for key, panel in self.panels.items():
            if key in ("flow", alone) or columns == 1:  # a whole row
                if column:
                    row, column = row + 1, 0
                self.grid.addWidget(panel, row, 0, 1, columns)
                row += 1
                continue
            self.grid.addWidget(panel, row, column)
            column += 1
            if column == columns:
                row, column = row + 1, 0
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize
        if resized and self.panels:
            self._place_panels(self._columns_for(self._scroll.viewport().width()))
        return super().eventFilter(watched, event)

    # -- period ------------------------------------------------------------------------

    @property
    def period_key(self) -> str:
        """The chosen period ("week", "4weeks", "quarter", "year", "custom")."""
        return str(self.period_box.currentData())

    def set_period(self, key: str) -> None:
        """Choose a period by key (as the selector does)."""
        self.period_box.setCurrentIndex(self.period_box.findData(key))

    def period_choice(self) -> PeriodChoice:
        """The period chosen, as the window remembers it (dates only for a custom range)."""
        if self.period_key != "custom":
            return self.period_key, None, None
        return "custom", _date(self.first_edit.date()), _date(self.last_edit.date())

    def period(self) -> tuple[dt.date, dt.date]:
        """The first and last day shown."""
        chosen = self._chosen_period()
        assert chosen.start is not None and chosen.last_day is not None
        return chosen.start, chosen.last_day

    def _chosen_period(self) -> Period:
        custom = (_date(self.first_edit.date()), _date(self.last_edit.date()))
        return dashboard_period(self.period_key, self.today(), custom)

    def today(self) -> dt.date:
        """The local date now."""
        return dt.datetime.fromtimestamp(self.clock(), local_zone()).date()

    @Slot(int)
    def _on_period_changed(self, _index: int) -> None:
        custom = self.period_key == "custom"
        self.first_edit.setVisible(custom)
        self.last_edit.setVisible(custom)
        self.period_changed.emit(self.period_key)
        self.refresh()

    @Slot()
    def _on_range_changed(self) -> None:
        if self.period_key == "custom":
            self.period_changed.emit(self.period_key)
            self.refresh()

    # -- refreshing --------------------------------------------------------------------

    @Slot()
    def _on_document_changed(self, *_args: object) -> None:
        self._dirty = True
        if self.isVisible():
            self._debounce.start()

    @Slot()
    def refresh(self) -> None:
        """Start computing the charts for the current role and period (off the GUI thread)."""
        self._debounce.stop()
        if not self.isVisible() and not self._built:
            self._dirty = True
            return
        self.ensure_built()
        self._dirty = False
        self._generation += 1
        if not self.document.has_role:
            self.data = None
            self._show_all(None)
            return
        ensure_local_zone(self.document.store.conn)
        source = self.document.role_map
        snapshot = RoleMap(source.role, dict(source.nodes), dict(source.links))
        period = self._chosen_period()
        self.status.setText(f"{period.label} · updating…")
        worker = DashboardWorker(
            self._signals,
            self._generation,
            self.document.store.path,
            snapshot,
            period,
            local_zone(),
            self.clock(),
            read_only=bool(getattr(self.document.store, "read_only", False)),
        )
        self._pool.start(worker)

    @Slot(int, object)
    def _on_worker_finished(self, generation: int, data: object) -> None:
        if generation != self._generation:
            return  # overtaken by a newer request
        self.data = data
        self._show_all(data)

    @Slot(int, str)
    def _on_worker_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.status.setText(message)

    def _show_all(self, data: Any) -> None:
        from rolemap.dashboard import panels as fill

        fillers: dict[str, Callable[[Any, Any], str | None]] = {
            "time": fill.show_time_allocation,
            "plan": fill.show_plan_vs_actual,
            "plan-weeks": fill.show_plan_weeks,
            "deliveries": fill.show_deliveries,
            "purposeful": fill.show_purposeful_share,
            "outcome-hours": fill.show_outcome_hours,
            "progress": fill.show_outcome_progress,
        }
        for key, panel in self.panels.items():
            if data is None:
                panel.chart.clear_chart()  # type: ignore[attr-defined]
                panel.show_result("Create or choose a role to see its dashboard.")
            elif key == "flow":
                if data.flow is None:
                    panel.chart.clear_chart()  # type: ignore[attr-defined]
                    panel.show_result(fill.EMPTY_TIME)
                else:
                    panel.chart.show_flow(data.flow)  # type: ignore[attr-defined]
                    panel.show_result(None)
            else:
                panel.show_result(fillers[key](panel.chart, data))
        if data is not None:
            self.status.setText(f"{data.label} · {data.total_hours:.1f} h tracked")
        self.refreshed.emit()

    @Slot(dict)
    def _on_plan_week_clicked(self, hit: dict[str, Any]) -> None:
        week = hit.get("week")
        if isinstance(week, str):
            self.week_requested.emit(week)

    # -- actions ---------------------------------------------------------------------

    def remove_example_data(self) -> bool:
        """Edit → Remove example data (undoable), after saying what goes and asking."""
        counts = self.document.example_counts()
        if any(counts) and not confirm_removal(self, *counts):
            return False
        return remove_example_data(self.document)  # with none left, it says so

    def chart(self, key: str) -> QObject:
        """The chart widget of a panel ("time", "plan", "deliveries", …)."""
        return self.panels[key].chart


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
