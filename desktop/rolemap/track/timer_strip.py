"""The timer: a strip in the Track tab, a label for the status bar, and the tray icon's tooltip.

The running timer lives in the database (an entry with no duration), so
these widgets only show it: they re-read it when time entries change and
tick once a second while it runs.
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
from rolemap.domain.tracking import TimeEntry
from rolemap.track.flow_layout import FlowLayout


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
        self.start_button.clicked.connect(self.start)
        self.switch_button.clicked.connect(self.switch)
        self.stop_button.clicked.connect(self.editor.stop_timer)
        self.document.records_changed.connect(self._on_document_records_changed)
        for signal in (self.document.node_added, self.document.node_changed):
            signal.connect(self._refresh_activities)
        self.document.node_removed.connect(self._refresh_activities)
        self.document.role_switched.connect(self._refresh_activities)
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

    def refresh(self) -> None:
        """Re-read the running timer from the database and show it."""
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
    def _show_elapsed(self) -> None:
        if self.running is None:
            self.elapsed.setText("No timer running")
            self.status_label.setText("")
            if self.tray is not None:
                self.tray.setToolTip("Rolemap: no timer running")
            return
        clock = format_clock(self.editor.clock() - self.running.start)
        text = f"‘{self.running_title()}’ {clock}"
        self.elapsed.setText(f"Running: {text}")
        self.status_label.setText(f"Timer: {text}")
        if self.tray is not None:
            self.tray.setToolTip(f"Rolemap timer: {text}")


def _row(*widgets: QWidget) -> QWidget:
    """Widgets that stay together on one line of the strip; a combo box takes the spare width."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
    return row
