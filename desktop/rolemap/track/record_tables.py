"""The three Track tables' models: time entries, deliveries, check-ins — columns and edits.

Each says what its columns show, which order of the store each sorts by, and
how an edit typed into a cell becomes an intent of the RecordEditor; the
reading, sorting, filtering and following is RecordTableModel's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QFont

from rolemap.domain.durations import format_duration
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_midnight, parse_when, to_local
from rolemap.domain.record_rules import find_by_title
from rolemap.domain.tracking import CheckIn, Delivery, RecordKind, TimeEntry
from rolemap.track.record_columns import CENTRE, RIGHT, Column
from rolemap.track.record_models import RecordTableModel


class TimeEntriesModel(RecordTableModel):
    """Time entries: start, duration, end, activity, category, note (the running one says so)."""

    kind = RecordKind.TIME_ENTRIES
    node_kind = NodeKind.ACTIVITY

    def _columns(self) -> Sequence[Column]:
        tz = self.editor.tz

        def end(entry: TimeEntry) -> str:
            if entry.duration is None:
                return "running"
            return to_local(entry.start + entry.duration, tz).strftime("%H:%M")

        return (
            Column(
                "Start",
                lambda e: to_local(e.start, tz).strftime("%Y-%m-%d %H:%M"),
                "start",
                "start",
                sample="2024-12-31 23:59",
            ),
            Column(
                "Duration",
                lambda e: "running" if e.duration is None else format_duration(e.duration),
                "duration",
                "duration",
                RIGHT,
                "23h 59m",
            ),
            Column("End", end, "end", align=CENTRE, sample="running"),
            Column("Activity", lambda e: self.title(e.activity_id), "node", "activity", by="title"),
            Column("Category", lambda e: self.category_of(e.activity_id), "node", by="category"),
            Column("Note", lambda e: e.note, "note", "note"),
        )

    def _bounds(self) -> tuple[int | str | None, int | str | None]:
        """Local dates as UTC seconds: from the first day's midnight to the one after the last."""
        first, last = self.filter.first, self.filter.last
        tz = self.editor.tz
        return (
            None if first is None else local_midnight(first, tz),
            None if last is None else local_midnight(last + dt.timedelta(days=1), tz),
        )

    def node_of(self, record: Any) -> str:
        return str(record.activity_id)

    def _font(self, record: Any) -> QFont | None:
        if record.duration is not None:
            return None
        font = QFont()
        font.setBold(True)  # the running timer's entry
        return font

    def _edit(self, record: Any, field: str, value: str) -> bool:
        editor = self.editor
        if field == "start":
            now = dt.datetime.fromtimestamp(editor.clock(), editor.tz)
            start = int(parse_when(value, now).timestamp())
            return editor.edit_time_entry(record.id, start=start)
        if field == "duration":
            return editor.edit_time_entry(record.id, duration=value)
        if field == "activity":
            node = find_by_title(self.document.role_map, NodeKind.ACTIVITY, value)
            return editor.edit_time_entry(record.id, activity_id=node.id)
        return editor.edit_time_entry(record.id, note=value)

    def _move(self, record: Any, node_id: str) -> bool:
        return self.editor.edit_time_entry(record.id, activity_id=node_id)


class DeliveriesModel(RecordTableModel):
    """Deliveries: date, output, title, evidence link."""

    kind = RecordKind.DELIVERIES
    node_kind = NodeKind.OUTPUT

    def _columns(self) -> Sequence[Column]:
        return (
            Column("Date", lambda d: d.date, "date", "date", sample="2024-12-31"),
            Column("Output", lambda d: self.title(d.output_id), "node", "output", by="title"),
            Column("Title", lambda d: d.title, "title", "title"),
            Column("Link", lambda d: d.link, "link", "link"),
        )

    def node_of(self, record: Any) -> str:
        return str(record.output_id)

    def _edit(self, record: Delivery, field: str, value: str) -> bool:
        if field == "output":
            node = find_by_title(self.document.role_map, NodeKind.OUTPUT, value)
            return self.editor.edit_delivery(record.id, output_id=node.id)
        return self.editor.edit_delivery(record.id, **{field: value})

    def _move(self, record: Any, node_id: str) -> bool:
        return self.editor.edit_delivery(record.id, output_id=node_id)


class CheckInsModel(RecordTableModel):
    """Check-ins: date, outcome, value, confidence, note."""

    kind = RecordKind.CHECKINS
    node_kind = NodeKind.OUTCOME

    def _columns(self) -> Sequence[Column]:
        return (
            Column("Date", lambda c: c.date, "date", "date", sample="2024-12-31"),
            Column("Outcome", lambda c: self.title(c.outcome_id), "node", "outcome", by="title"),
            Column("Value", lambda c: f"{c.value:g}", "value", "value", RIGHT, "100000"),
            Column(
                "Confidence",
                lambda c: "" if c.confidence is None else f"{c.confidence:.0%}",
                "confidence",
                "confidence",
                RIGHT,
                "100%",
            ),
            Column("Note", lambda c: c.note, "note", "note"),
        )

    def node_of(self, record: Any) -> str:
        return str(record.outcome_id)

    def _edit(self, record: CheckIn, field: str, value: str) -> bool:
        if field == "outcome":
            node = find_by_title(self.document.role_map, NodeKind.OUTCOME, value)
            return self.editor.edit_checkin(record.id, outcome_id=node.id)
        return self.editor.edit_checkin(record.id, **{field: value})

    def _move(self, record: Any, node_id: str) -> bool:
        return self.editor.edit_checkin(record.id, outcome_id=node_id)
