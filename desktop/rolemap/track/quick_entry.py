"""QuickEntry: one line to log time — "Mentoring sessions 45m yesterday 10:00 notes…"; Enter saves.

The line is read by `domain.quick_line` (activity, duration, optional start,
note). While the activity is being typed, a completer offers the role's
activity titles that hold what was typed; choosing one puts the title and a
space in the line, ready for the duration. Beside the line, how it reads
("45m on ‘Mentoring sessions’, yesterday 10:00–10:45"), so a person sees
what Enter will save. A refused line is kept and the reason shown; a saved
one clears the line for the next.

The titles come from the map in memory, refreshed when nodes change, and the
line is read in memory: nothing touches the database while typing.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from rolemap.document.record_editor import RecordEditor
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.quick_line import HINT, describe, parse_quick_line, still_typing_activity
from rolemap.track.flow_layout import FlowLayout

PLACEHOLDER = "Log time: activity, how long, when, note — ‘Code reviews 45m 9:30 PR backlog’"


class QuickEntry(QWidget):
    """The quick-entry line.

    Signals:
        entry_logged(str): a time entry was saved (its id).
    """

    entry_logged = Signal(str)

    def __init__(self, editor: RecordEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = editor.document
        self.line = QLineEdit(placeholderText=PLACEHOLDER)
        self.line.setObjectName("quick-entry")
        self.line.setClearButtonEnabled(True)
        self.line.setToolTip(
            "The activity (it completes titles), how long (45m, 1h30, 1:30, 1.5h), "
            "optionally when it started (14:05, yesterday 9:30, 2024-03-05 14:05), "
            "then a note. Without a start, the entry ends now."
        )
        self.titles = QStringListModel(self)
        self.completer = QCompleter(self.titles, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setModelSorting(QCompleter.ModelSorting.CaseInsensitivelySortedModel)
        # Completes while the whole line is the activity; once a duration follows,
        # the line matches no title and the popup stays shut.
        self.line.setCompleter(self.completer)
        self.completer.activated.connect(self._on_completer_activated)
        popup = self.completer.popup()
        assert popup is not None  # a completer makes its popup when asked
        popup.installEventFilter(self)
        self.preview = QLabel("")
        self.preview.setObjectName("quick-preview")
        self.preview.setEnabled(False)  # drawn in the style's quiet colour
        self.log_button = QPushButton("Log")
        self.log_button.setObjectName("quick-log")
        entry = QWidget()
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.log_button)
        layout = FlowLayout(self)
        layout.add(entry, 3)
        layout.add(self.preview, 2)
        self._just_completed = False
        self.line.returnPressed.connect(self.submit)
        self.line.textChanged.connect(self._on_line_text_changed)
        self.log_button.clicked.connect(self.submit)
        self.document.node_added.connect(self._refresh_titles)
        self.document.node_changed.connect(self._refresh_titles)
        self.document.node_removed.connect(self._refresh_titles)
        self.document.role_switched.connect(self._refresh_titles)
        self._refresh_titles()

    @Slot()
    def _refresh_titles(self, *_args: object) -> None:
        if not self.document.has_role:
            self.titles.setStringList([])
            return
        nodes = self.document.role_map.nodes_of(NodeKind.ACTIVITY)
        self.titles.setStringList(sorted((n.title for n in nodes), key=str.casefold))

    def _now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.editor.clock(), self.editor.tz)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on the popup reaches the line too, as returnPressed (before the
        # completer says `activated`): that Enter chose a title, it did not ask to save.
        popup = self.completer.popup()
        if (
            watched is popup
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and popup.isVisible()
            and popup.currentIndex().isValid()
        ):
            self._just_completed = True
            QTimer.singleShot(0, self._forget_completion)
        return False

    def _forget_completion(self) -> None:
        self._just_completed = False

    @Slot(str)
    def _on_completer_activated(self, title: str) -> None:
        # The line gets a space for the duration once the popup is gone.
        QTimer.singleShot(0, lambda: self._after_completion(title))

    def _after_completion(self, title: str) -> None:
        if self.line.text() == title:
            self.line.setText(f"{title} ")

    @Slot(str)
    def _on_line_text_changed(self, text: str) -> None:
        self.preview.setText(self.reading(text))

    def reading(self, text: str) -> str:
        """How the line reads, for the preview: what will be saved, or what is missing."""
        if not text.strip() or not self.document.has_role:
            return ""
        nodes = self.document.role_map.nodes.values()
        try:
            line = parse_quick_line(text, nodes, self._now())
        except DomainError as error:
            return HINT if still_typing_activity(text, nodes) else str(error)
        return f"→ {describe(line, self._now())}"

    @Slot()
    def submit(self) -> str | None:
        """Save the line as a time entry; on a refusal keep it and say why."""
        if self._just_completed:
            self._just_completed = False
            return None
        try:
            if not self.document.has_role:
                raise DomainError("Open a role first.")
            line = parse_quick_line(
                self.line.text(), self.document.role_map.nodes.values(), self._now()
            )
        except DomainError as error:
            self.document.refuse(str(error))
            return None
        entry_id = self.editor.add_time_entry(line.activity.id, line.seconds, line.start, line.note)
        if entry_id is not None:
            self.line.clear()
            self.line.setFocus()
            self.entry_logged.emit(entry_id)
        return entry_id
