"""QuickEntry: one line to log time — activity, duration, optional start, note; Enter saves.

The activity field completes over the current role's activity titles
(case-insensitive, any part). A refused entry keeps what was typed and shows
why; a saved one clears the line for the next.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

from rolemap.document.record_editor import RecordEditor
from rolemap.domain.durations import parse_duration
from rolemap.domain.errors import DomainError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import parse_when
from rolemap.domain.record_rules import find_by_title


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
        self.activity = QLineEdit(placeholderText="Activity")
        self.activity.setObjectName("quick-activity")
        self.titles = QStringListModel(self)
        completer = QCompleter(self.titles, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.activity.setCompleter(completer)
        self.duration = QLineEdit(placeholderText="45m, 1h30, 1:30")
        self.duration.setObjectName("quick-duration")
        self.duration.setMaximumWidth(130)
        self.start = QLineEdit(placeholderText="start (default: ends now)")
        self.start.setObjectName("quick-start")
        self.start.setToolTip("14:05, yesterday 9:30 or 2024-03-05 14:05")
        self.start.setMaximumWidth(200)
        self.note = QLineEdit(placeholderText="Note")
        self.note.setObjectName("quick-note")
        self.log_button = QPushButton("Log")
        self.log_button.setObjectName("quick-log")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.activity, 3)
        layout.addWidget(self.duration, 1)
        layout.addWidget(self.start, 1)
        layout.addWidget(self.note, 3)
        layout.addWidget(self.log_button)
        for field in (self.activity, self.duration, self.start, self.note):
            field.returnPressed.connect(self.submit)
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

    @Slot()
    def submit(self) -> str | None:
        """Save the line as a time entry; on a refusal keep it and say why."""
        editor = self.editor
        try:
            if not self.document.has_role:
                raise DomainError("Open a role first.")
            activity = find_by_title(
                self.document.role_map, NodeKind.ACTIVITY, self.activity.text()
            )
            seconds = parse_duration(self.duration.text())
            start = None
            if self.start.text().strip():
                now = dt.datetime.fromtimestamp(editor.clock(), editor.tz)
                start = int(parse_when(self.start.text(), now).timestamp())
        except DomainError as error:
            self.document.refuse(str(error))
            return None
        entry_id = editor.add_time_entry(activity.id, seconds, start, self.note.text())
        if entry_id is not None:
            for field in (self.activity, self.duration, self.start, self.note):
                field.clear()
            self.activity.setFocus()
            self.entry_logged.emit(entry_id)
        return entry_id
