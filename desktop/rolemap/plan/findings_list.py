"""FindingsList: the plan check's findings, a sentence each, like the Purpose panel's list.

Activating a finding (click, or Enter) asks to show its nodes on the map:
the tab passes the ids on, the window selects them.

Signals:
    nodes_requested(list): the ids of the nodes a finding is about.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from rolemap.domain.plan_check import PlanFinding, PlanFindingKind

GLYPH = {
    PlanFindingKind.UNANCHORED_HOURS: "◌",
    PlanFindingKind.UNFED_OUTPUT: "◇",
    PlanFindingKind.UNREACHED_FOCUS: "◎",
    PlanFindingKind.OVER_CAPACITY: "⚠",
    PlanFindingKind.OFF_BALANCE: "⚖",
}
ALL_CLEAR = "Nothing to say: every planned hour reaches an outcome, within capacity and balance."


class FindingsList(QListWidget):
    """One row per finding; each row's nodes are shown on the map when it is activated."""

    nodes_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan-findings")
        self.setAccessibleName("Plan check findings")
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rewrap rows when the width changes
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.itemActivated.connect(self._on_item_activated)
        self.itemClicked.connect(self._on_item_activated)

    def show_findings(self, findings: tuple[PlanFinding, ...]) -> None:
        """List `findings` (a line saying all is well when there are none)."""
        self.clear()
        for finding in findings:
            item = QListWidgetItem(f"{GLYPH[finding.kind]}  {finding.message}")
            item.setData(Qt.ItemDataRole.UserRole, list(finding.node_ids))
            item.setToolTip(f"{finding.message}\nClick to show it on the map.")
            self.addItem(item)
        if not findings:
            item = QListWidgetItem(f"✓  {ALL_CLEAR}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
        self.updateGeometry()

    def texts(self) -> list[str]:
        """Each row's text."""
        return [self.item(i).text() for i in range(self.count())]

    def sizeHint(self) -> QSize:
        # Tall enough for its rows at the width it has (wrapped rows are taller).
        height = 2 * self.frameWidth() + 4
        for index in range(self.count()):
            height += max(self.sizeHintForRow(index), self.fontMetrics().height() + 4)
        return QSize(super().sizeHint().width(), min(max(height, 40), 320))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, min(self.sizeHint().height(), 120))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped rows take another height at another width

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        ids = item.data(Qt.ItemDataRole.UserRole)
        if ids:
            self.nodes_requested.emit(list(ids))
