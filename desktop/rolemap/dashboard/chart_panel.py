"""ChartPanel: one dashboard chart, or in its place what to do to fill it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

CHART_HEIGHT = 320


class ChartPanel(QStackedWidget):
    """A chart, or in its place a message saying what to do to fill it."""

    def __init__(self, chart: QWidget, empty_title: str) -> None:
        super().__init__()
        self.chart = chart
        self.message = QLabel()
        self.message.setObjectName("empty-state")
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        self._title = empty_title
        self.addWidget(self.message)
        self.addWidget(chart)
        self.setMinimumHeight(CHART_HEIGHT)

    def show_result(self, empty_message: str | None) -> None:
        """Show the chart, or the empty state's message."""
        if empty_message is None:
            self.setCurrentWidget(self.chart)
        else:
            self.message.setText(f"<b>{self._title}</b><p>{empty_message}")
            self.setCurrentWidget(self.message)

    @property
    def is_empty(self) -> bool:
        """Whether the message shows instead of the chart."""
        return self.currentWidget() is self.message
