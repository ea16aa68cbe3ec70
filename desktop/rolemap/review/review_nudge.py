"""ReviewNudge: "Review due" in the status bar and the tab's title, and once a day in the tray.

Nothing modal: a label in the status bar (a link to the Review tab), the
tab's title ("Review (due)"), and, at most once a day, a message from the
tray icon when there is one. The nudge reads the role's status again when
the role switches or changes (its cadence), when a review starts, finishes
or is discarded, and when the date changes while the window stays open.
The day of the last tray message is kept in the settings, so that starting
Rolemap again the same day does not say it twice.

Signals:
    due_changed(bool): whether a review of the current role is due.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QSystemTrayIcon, QTabWidget, QWidget

from rolemap.domain.review import span_text
from rolemap.review import evidence_text as words
from rolemap.review.review_editor import ReviewEditor
from rolemap.services.review_session import ReviewStatus

TITLE = "Review"
DUE_TITLE = "Review (due)"
DAY_CHECK_MS = 10 * 60_000  # the date is looked at again every ten minutes
TRAY_KEY = "review/tray-nudged-on"
TRAY_SHOWN_MS = 10_000


class Tray(Protocol):
    """What the nudge needs of a tray icon (QSystemTrayIcon has it)."""

    def showMessage(
        self, title: str, message: str, icon: QSystemTrayIcon.MessageIcon, msecs: int
    ) -> None: ...


class ReviewNudge(QObject):
    """Says that a review is due, quietly; see the module docstring."""

    due_changed = Signal(bool)

    def __init__(
        self,
        editor: ReviewEditor,
        settings: QSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.settings = settings if settings is not None else QSettings()
        self.status: ReviewStatus | None = None
        self.is_due = False
        self.tray: Tray | None = None
        self._tabs: QTabWidget | None = None
        self._page: QWidget | None = None
        self.label: QLabel | None = None  # made by `attach`, in the status bar
        self._day = editor.today
        self._day_check = QTimer(self)
        self._day_check.setInterval(DAY_CHECK_MS)
        self._day_check.timeout.connect(self._on_day_check_timeout)
        self._day_check.start()
        document = editor.document
        for signal in (document.role_switched, document.role_changed):
            signal.connect(self.refresh)
        document.roles_changed.connect(self.refresh)
        editor.reviews_changed.connect(self.refresh)

    def attach(
        self,
        tabs: QTabWidget,
        page: QWidget,
        status_bar: QStatusBar | None = None,
        tray: Tray | None = None,
    ) -> None:
        """Say it in `tabs`' title of `page`, in `status_bar`, and through `tray`; then look."""
        self._tabs, self._page, self.tray = tabs, page, tray
        if status_bar is not None:
            self.label = QLabel("<a href='review'>Review due</a>", status_bar)
            self.label.setObjectName("review-due-status")
            self.label.setAccessibleName("Review due: open the Review tab")
            self.label.linkActivated.connect(self._on_label_link_activated)
            self.label.hide()
            status_bar.addPermanentWidget(self.label)
        self.refresh()

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Read the role's status again and say it."""
        self._day = self.editor.today
        self.status = self.editor.status()
        due = self.status is not None and self.status.is_due
        changed = due != self.is_due
        self.is_due = due
        if self.label is not None:
            self.label.setVisible(due)
        self._show_title()
        if due:
            self._tell_tray()
        if changed:
            self.due_changed.emit(due)

    def text(self) -> str:
        """What is said about the review ("" when none is due)."""
        status = self.status
        if status is None or not status.is_due:
            return ""
        role = self.editor.document.role_map.role.name
        since = words.day_text(status.due)
        if status.in_progress is not None:
            period = span_text(status.in_progress.first_day, status.in_progress.last_day)
            return f"The review of ‘{role}’ ({period}) waits to be finished: it was due {since}."
        return f"A review of ‘{role}’ is due (since {since})."

    def _show_title(self) -> None:
        if self._tabs is None or self._page is None:
            return
        index = self._tabs.indexOf(self._page)
        if index < 0:
            return
        self._tabs.setTabText(index, DUE_TITLE if self.is_due else TITLE)
        self._tabs.setTabToolTip(index, self.text() or "The framework's fourth step: review")
        if self.label is not None:
            self.label.setToolTip(self.text())

    def _tell_tray(self) -> None:
        today = self._day.isoformat()
        if self.tray is None or self.settings.value(TRAY_KEY) == today:
            return
        self.settings.setValue(TRAY_KEY, today)
        self.tray.showMessage(
            "Rolemap", self.text(), QSystemTrayIcon.MessageIcon.Information, TRAY_SHOWN_MS
        )

    @Slot()
    def _on_day_check_timeout(self) -> None:
        if self.editor.today != self._day:
            self.refresh()

    @Slot(str)
    def _on_label_link_activated(self, _link: str) -> None:
        if self._tabs is not None and self._page is not None:
            self._tabs.setCurrentWidget(self._page)
