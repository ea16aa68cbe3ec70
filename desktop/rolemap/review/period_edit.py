"""PeriodEdit: a review's period as two dates, first and last day, both included.

It only holds the dates: whether a period is allowed (its end before its
start, after today, or over a finished review) is the service's to say, and
the page shows what it said.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget

DATE_FORMAT = "d MMM yyyy"


def _edit(name: str, accessible: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    return edit


class PeriodEdit(QWidget):
    """ "Period: [first day] to [last day]"."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.first = _edit(f"{name}-first", "First day of the review's period", self)
        self.last = _edit(f"{name}-last", "Last day of the review's period (included)", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Period:", self)
        label.setBuddy(self.first)
        layout.addWidget(label)
        layout.addWidget(self.first)
        to = QLabel("to", self)
        to.setBuddy(self.last)
        layout.addWidget(to)
        layout.addWidget(self.last)

    def set_period(self, first: dt.date, last: dt.date) -> None:
        """Show a period."""
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    def period(self) -> tuple[dt.date, dt.date]:
        """The dates shown."""
        return _day(self.first.date()), _day(self.last.date())


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())
