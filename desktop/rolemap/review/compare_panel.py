"""ComparePanel: the map's changes between two reviews, or between one and the map now.

The list is the same as question 4's (`ChangeList`). "Compare on the map"
asks for the canvas's compare mode (`compare_requested` with the earlier
review's id): the canvas shows the map now against that review's snapshot,
so the button is offered when the comparison runs to the map now and a
compare mode is there to take it (something is connected to the signal).

Signals:
    compare_requested(str): show the map now against this review's snapshot.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from rolemap.domain.review import Review, span_text
from rolemap.review.change_list import ChangeList, change_summary
from rolemap.review.section import heading_font, muted
from rolemap.services.review_session import Comparison


class ComparePanel(QWidget):
    """The changes between two moments of the map; see the module docstring."""

    compare_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-compare")
        self.since: Review | None = None
        self.until: Review | None = None
        # Whether the window has a compare mode to take the request (set by the tab).
        self.map_can_compare: Callable[[], bool] = lambda: False
        self.title = QLabel(self)
        self.title.setObjectName("review-compare-title")
        self.title.setWordWrap(True)
        self.title.setFont(heading_font(self.title.font()))
        self.summary = muted(QLabel(self))
        self.summary.setObjectName("review-compare-summary")
        self.summary.setWordWrap(True)
        self.on_map = QPushButton("Compare on the map", self)
        self.on_map.setObjectName("review-compare-on-map")
        self.on_map.clicked.connect(self._on_map_clicked)
        self.changes = ChangeList("review-compare-changes", "", self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.on_map)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes)
        layout.addStretch(1)

    def show_comparison(
        self, since: Review, until: Review | None, comparison: Comparison | None, problem: str
    ) -> None:
        """Show the changes from `since` to `until` (None: the map now), or why they cannot be."""
        self.since, self.until = since, until
        target = (
            "the map now"
            if until is None
            else f"the review of {span_text(until.first_day, until.last_day)}"
        )
        self.title.setText(
            f"Changes from the review of {span_text(since.first_day, since.last_day)} to {target}"
        )
        if comparison is None:
            self.summary.setText("")
            self.changes.set_rows([], problem)
        else:
            changes = comparison.changes
            self.summary.setText(
                (change_summary(changes) or "No changes") + f" · {changes.count} in all."
                if not changes.is_empty()
                else "The map did not change."
            )
            self.changes.show_changes(changes)
        available = until is None and comparison is not None and self.map_can_compare()
        self.on_map.setEnabled(available)
        self.on_map.setToolTip(
            "Show the map now with what changed since this review coloured"
            if available
            else "The map shows the changes since one review: compare a single review with "
            "the map now"
            if until is not None
            else "The map's compare mode is not available"
        )

    @Slot()
    def _on_map_clicked(self) -> None:
        if self.since is not None:
            self.compare_requested.emit(self.since.id)
