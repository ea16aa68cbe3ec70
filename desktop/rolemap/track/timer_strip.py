"""The timer: a strip in the Track tab, a label for the status bar, and the tray icon's tooltip.

The running timer lives in the database (an entry with no duration), so
these widgets only show it: they re-read it when time entries change and
tick once a second while it runs. The status bar label also says the hours
tracked today and this week, from `store.figures` (the one place figures
come from: the daily roll-up, a few rows, read again when time entries
change; the running timer's time is added as it ticks).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QWidget,
)

from rolemap.document.record_change import TIME_ENTRIES
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.durations import format_clock
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period, period_of
from rolemap.domain.tracking import TimeEntry
from rolemap.store.figures import activity_seconds, running_seconds
from rolemap.track.flow_layout import FlowLayout

FIGURES_EVERY_MS = 60_000  # today's figures follow the clock past midnight


class TimerStrip(QWidget):
    """Choose an activity; Start, Switch, Stop; the elapsed time while a timer runs."""

    def __init__(self, editor: RecordEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self.running: TimeEntry | None = None
        self.activity = QComboBox()
        self.activity.setObjectName("timer-activity")
        self.activity.setMinimumWidth(220)
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("timer-start")
        self.switch_button = QPushButton("Switch")
        self.switch_button.setObjectName("timer-switch")
        self.switch_button.setToolTip("Stop the running timer and start on the chosen activity")
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("timer-stop")
        self.elapsed = QLabel("No timer running")
        self.elapsed.setObjectName("timer-elapsed")
        # One line in a wide window; the buttons and the clock wrap below in a narrow one.
        choose = _row(QLabel("Timer:"), self.activity)
        buttons = _row(self.start_button, self.switch_button, self.stop_button)
        layout = FlowLayout(self)
        layout.add(choose, 2)
        layout.add(buttons)
        layout.add(self.elapsed, 3)
        # The status bar label lives in the window; the strip keeps it current.
        self.status_label = QLabel("")
        self.status_label.setObjectName("timer-status")
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.windowIcon()  # Rolemap's own, set by the app
            if icon.isNull():
                icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Rolemap: no timer running")
            self.tray.show()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._show_elapsed)
        self._periods: tuple[Period, Period] | None = None
        self._finished = (0, 0)  # finished seconds today and this week
        self.figures_clock = QTimer(self)
        self.figures_clock.setInterval(FIGURES_EVERY_MS)
        self.figures_clock.timeout.connect(self._on_figures_clock_timeout)
        self.figures_clock.start()
        self.start_button.clicked.connect(self.start)
        self.switch_button.clicked.connect(self.switch)
        self.stop_button.clicked.connect(self.editor.stop_timer)
        self.document.records_changed.connect(self._on_document_records_changed)
        for signal in (self.document.node_added, self.document.node_changed):
            signal.connect(self._refresh_activities)
        self.document.node_removed.connect(self._refresh_activities)
        self.document.role_switched.connect(self._refresh_activities)
        self.document.role_switched.connect(self.refresh)
        self._refresh_activities()
        self.refresh()

    @Slot()
    def _refresh_activities(self, *_args: object) -> None:
        chosen = self.activity.currentData()
        self.activity.clear()
        if not self.document.has_role:
            return
        for node in sorted(
            self.document.role_map.nodes_of(NodeKind.ACTIVITY), key=lambda n: n.title.casefold()
        ):
            self.activity.addItem(node.title, node.id)
        index = self.activity.findData(chosen)
        if index >= 0:
            self.activity.setCurrentIndex(index)

    def choose(self, activity_id: str) -> None:
        """Select an activity in the strip."""
        index = self.activity.findData(activity_id)
        if index >= 0:
            self.activity.setCurrentIndex(index)

    @Slot()
    def start(self) -> None:
        """Start on the chosen activity (refused while another runs)."""
        activity_id = self.activity.currentData()
        if activity_id:
            self.editor.start_timer(activity_id)

    @Slot()
    def switch(self) -> None:
        """Stop the running timer and start on the chosen activity."""
        activity_id = self.activity.currentData()
        if activity_id:
            self.editor.switch_timer(activity_id)

    @Slot(str)
    def _on_document_records_changed(self, kind: str) -> None:
        if kind in (TIME_ENTRIES, "all"):
            self.refresh()

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Re-read the running timer and today's and this week's hours, and show them."""
        self._read_figures()
        self.running = self.editor.running_timer()
        running = self.running is not None
        self.start_button.setEnabled(not running)
        self.switch_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        if running:
            self.ticker.start()
        else:
            self.ticker.stop()
        self._show_elapsed()

    def running_title(self) -> str:
        """The title of the running timer's activity ("" when none runs)."""
        if self.running is None:
            return ""
        node = self.document.role_map.nodes.get(self.running.activity_id)
        return node.title if node is not None else "an activity of another role"

    @Slot()
    def _on_figures_clock_timeout(self) -> None:
        if self._periods is not None and not self._periods[0].contains(self.editor.today()):
            self.refresh()  # past midnight: a new day (and perhaps a new week)

    def _read_figures(self) -> None:
        if not self.document.has_role:
            self._periods = None
            return
        today = self.editor.today()
        day, week = period_of("today", today), period_of("week", today)
        conn, role_id = self.document.store.conn, self.document.role_map.role.id
        self._periods = (day, week)
        self._finished = (
            sum(activity_seconds(conn, role_id, day).values()),
            sum(activity_seconds(conn, role_id, week).values()),
        )

    def figures_text(self) -> str:
        """ "Today 3h 10m · week 21h 05m", the running timer's time so far included."""
        if self._periods is None:
            return ""
        running = self.running
        if running is not None and running.activity_id not in self.document.role_map.nodes:
            running = None  # another role's timer: not this role's hours
        now = self.editor.clock()
        today, week = (
            finished + running_seconds(running, period, self.editor.tz, now)
            for finished, period in zip(self._finished, self._periods, strict=True)
        )
        return f"Today {_hours(today)} · week {_hours(week)}"

    @Slot()
    def _show_elapsed(self) -> None:
        figures = self.figures_text()
        if self.running is None:
            self.elapsed.setText("No timer running")
            self.status_label.setText(figures)
            if self.tray is not None:
                self.tray.setToolTip("Rolemap: no timer running")
            return
        clock = format_clock(self.editor.clock() - self.running.start)
        text = f"‘{self.running_title()}’ {clock}"
        self.elapsed.setText(f"Running: {text}")
        self.status_label.setText(f"Timer: {text}   {figures}".rstrip())
        if self.tray is not None:
            self.tray.setToolTip(f"Rolemap timer: {text}")


def _hours(seconds: int) -> str:
    """Tracked time in hours and minutes, however many: "6h 30m", "41h 05m", "45m"."""
    hours, minutes = divmod(max(0, seconds) // 60, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


def _row(*widgets: QWidget) -> QWidget:
    """Widgets that stay together on one line of the strip; a combo box takes the spare width."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
    return row
