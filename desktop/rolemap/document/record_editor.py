"""RecordEditor: undoable edits of time entries, deliveries and check-ins, and the timer.

Each intent checks its values with `domain.record_rules` (the same rules the
command line uses), then asks the document to push one `RecordCommand`
(`document.push_record_change`). Applying a command is one transaction;
after the commit the document announces the records added, updated and
removed (`records_added(kind, ids)`, …, then `records_changed(kind)`). A bad
value is refused through `document.refuse` and nothing is saved.

The running timer is a time entry whose duration is NULL, so it survives a
restart or a crash; only one runs at a time, checked inside each transaction
(an undo that would leave two running is refused too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject

from rolemap.document.document import RoleDocument
from rolemap.document.map_change import Records
from rolemap.document.record_change import RecordChange
from rolemap.domain import record_rules
from rolemap.domain.durations import check_duration, format_duration, parse_duration
from rolemap.domain.errors import DomainError, InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_zone
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.store.record_repository import RecordRepository

_UNSET: Any = object()
Record = TimeEntry | Delivery | CheckIn


class RecordEditor(QObject):
    """The intents of the Track tab; every one is an undo step on the document's stack.

    Args:
        document: the editing session (its store, undo stack and signals).
        clock: now, in UTC epoch seconds (tests give a fixed one).
        tz: the local zone for default dates (default: the person's).
    """

    def __init__(
        self,
        document: RoleDocument,
        clock: Callable[[], int] | None = None,
        tz: dt.tzinfo | None = None,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.clock = clock or (lambda: int(time.time()))
        self.tz = tz or local_zone()

    @property
    def _repo(self) -> RecordRepository:
        return self.document.records_repo

    def today(self) -> dt.date:
        """The local date now."""
        return dt.datetime.fromtimestamp(self.clock(), self.tz).date()

    def running_timer(self) -> TimeEntry | None:
        """The open entry of the running timer (any role), if one runs."""
        return self._repo.running_timer()

    # -- time entries ------------------------------------------------------------------

    def add_time_entry(
        self,
        activity_id: str,
        duration: int | str,
        start: int | None = None,
        note: str = "",
    ) -> str | None:
        """Log time on an activity; without `start` the entry ends now. Returns its id."""
        try:
            title = self._title(activity_id, NodeKind.ACTIVITY)
            seconds = parse_duration(duration) if isinstance(duration, str) else duration
            seconds = check_duration(seconds)
            begin = self.clock() - seconds if start is None else start
            entry = record_rules.time_entry(activity_id, begin, seconds, note)
        except DomainError as error:
            self._refuse(error)
            return None
        label = f"Log {format_duration(entry.duration or 0)} on ‘{title}’"
        self._push(
            label,
            RecordChange(Records(time_entries=(entry,))),
            RecordChange(drop_time_entries=(entry.id,)),
        )
        return entry.id if self._repo.time_entry(entry.id) else None

    def edit_time_entry(
        self,
        entry_id: str,
        *,
        activity_id: str = _UNSET,
        start: int = _UNSET,
        duration: int | str = _UNSET,
        note: str = _UNSET,
    ) -> bool:
        """Change fields of a time entry (setting a running entry's duration stops it)."""
        old = self._repo.time_entry(entry_id)
        if old is None:
            return False
        changes: dict[str, Any] = {}
        try:
            if activity_id is not _UNSET:
                self._title(activity_id, NodeKind.ACTIVITY)
                changes["activity_id"] = activity_id
            if start is not _UNSET:
                changes["start"] = int(start)
            if duration is not _UNSET:
                seconds = parse_duration(duration) if isinstance(duration, str) else duration
                changes["duration"] = check_duration(seconds)
            if note is not _UNSET:
                changes["note"] = note.strip()
            new = record_rules.check_entry(dataclasses.replace(old, **changes))
        except DomainError as error:
            self._refuse(error)
            return False
        if new == old:
            return True
        return self._replace(f"Edit time entry of ‘{self._any_title(new.activity_id)}’", old, new)

    def delete_time_entries(self, entry_ids: Sequence[str]) -> None:
        """Delete time entries (one undo step)."""
        entries = tuple(e for e in map(self._repo.time_entry, entry_ids) if e is not None)
        if entries:
            count = len(entries)
            label = "Delete time entry" if count == 1 else f"Delete {count} time entries"
            self._push(
                label,
                RecordChange(drop_time_entries=tuple(e.id for e in entries)),
                RecordChange(Records(time_entries=entries)),
            )

    # -- the timer ----------------------------------------------------------------------

    def start_timer(self, activity_id: str) -> str | None:
        """Start the timer on an activity; refused while another timer runs."""
        running = self.running_timer()
        try:
            title = self._title(activity_id, NodeKind.ACTIVITY)
            running_title = self._any_title(running.activity_id) if running else ""
            entry = record_rules.start_timer(running, activity_id, self.clock(), running_title)
        except DomainError as error:
            self._refuse(error)
            return None
        self._push(
            f"Start timer on ‘{title}’",
            RecordChange(Records(time_entries=(entry,))),
            RecordChange(drop_time_entries=(entry.id,)),
        )
        return entry.id if self._repo.time_entry(entry.id) else None

    def stop_timer(self) -> str | None:
        """Stop the running timer: its entry gets the elapsed time. Returns its id."""
        running = self.running_timer()
        try:
            closed = record_rules.stop_timer(running, self.clock())
        except DomainError as error:
            self._refuse(error)
            return None
        assert running is not None
        title = self._any_title(closed.activity_id)
        label = f"Stop timer on ‘{title}’ ({format_duration(closed.duration or 0)})"
        return closed.id if self._replace(label, running, closed) else None

    def switch_timer(self, activity_id: str) -> str | None:
        """Stop the running timer (if any) and start one on `activity_id`, as one step."""
        running = self.running_timer()
        if running is None:
            return self.start_timer(activity_id)
        if running.activity_id == activity_id:
            return running.id
        try:
            title = self._title(activity_id, NodeKind.ACTIVITY)
            closed = record_rules.stop_timer(running, self.clock())
            started = record_rules.start_timer(None, activity_id, self.clock())
        except DomainError as error:
            self._refuse(error)
            return None
        self._push(
            f"Switch timer to ‘{title}’",
            RecordChange(Records(time_entries=(closed, started))),
            RecordChange(Records(time_entries=(running,)), drop_time_entries=(started.id,)),
        )
        return started.id if self._repo.time_entry(started.id) else None

    # -- deliveries and check-ins ---------------------------------------------------------

    def add_delivery(
        self, output_id: str, date: str | None = None, title: str = "", link: str = ""
    ) -> str | None:
        """Record that an output was delivered (today unless `date` is given)."""
        try:
            name = self._title(output_id, NodeKind.OUTPUT)
            delivery = record_rules.delivery(
                output_id, date or self.today().isoformat(), title, link
            )
        except DomainError as error:
            self._refuse(error)
            return None
        self._push(
            f"Record delivery of ‘{name}’",
            RecordChange(Records(deliveries=(delivery,))),
            RecordChange(drop_deliveries=(delivery.id,)),
        )
        return delivery.id if self._repo.delivery(delivery.id) else None

    def edit_delivery(self, delivery_id: str, **changes: Any) -> bool:
        """Change `output_id`, `date`, `title` or `link` of a delivery."""
        old: Delivery | None = self._repo.delivery(delivery_id)
        if old is None:
            return False
        try:
            if "output_id" in changes:
                self._title(changes["output_id"], NodeKind.OUTPUT)
            if "date" in changes:
                changes["date"] = record_rules.check_date(str(changes["date"]))
            for name in ("title", "link"):
                if name in changes:
                    changes[name] = str(changes[name]).strip()
            new = dataclasses.replace(old, **changes)
        except (DomainError, TypeError) as error:
            self._refuse(error)
            return False
        if new == old:
            return True
        label = f"Edit delivery of ‘{self._any_title(new.output_id)}’"
        return self._replace(label, old, new)

    def delete_deliveries(self, delivery_ids: Sequence[str]) -> None:
        """Delete deliveries (one undo step)."""
        found = tuple(d for d in map(self._repo.delivery, delivery_ids) if d is not None)
        if found:
            label = "Delete delivery" if len(found) == 1 else f"Delete {len(found)} deliveries"
            self._push(
                label,
                RecordChange(drop_deliveries=tuple(d.id for d in found)),
                RecordChange(Records(deliveries=found)),
            )

    def add_checkin(
        self,
        outcome_id: str,
        value: str | float,
        date: str | None = None,
        confidence: str | float | None = None,
        note: str = "",
    ) -> str | None:
        """Record an outcome's metric value (today unless `date` is given)."""
        try:
            name = self._title(outcome_id, NodeKind.OUTCOME)
            checkin = record_rules.checkin(
                outcome_id, date or self.today().isoformat(), value, confidence, note
            )
        except DomainError as error:
            self._refuse(error)
            return None
        self._push(
            f"Check in on ‘{name}’",
            RecordChange(Records(checkins=(checkin,))),
            RecordChange(drop_checkins=(checkin.id,)),
        )
        return checkin.id if self._repo.checkin(checkin.id) else None

    def edit_checkin(self, checkin_id: str, **changes: Any) -> bool:
        """Change `outcome_id`, `date`, `value`, `confidence` or `note` of a check-in."""
        old: CheckIn | None = self._repo.checkin(checkin_id)
        if old is None:
            return False
        try:
            if "outcome_id" in changes:
                self._title(changes["outcome_id"], NodeKind.OUTCOME)
            if "date" in changes:
                changes["date"] = record_rules.check_date(str(changes["date"]))
            if "value" in changes:
                changes["value"] = record_rules.parse_value(changes["value"])
            if "confidence" in changes:
                changes["confidence"] = record_rules.parse_confidence(changes["confidence"])
            if "note" in changes:
                changes["note"] = str(changes["note"]).strip()
            new = dataclasses.replace(old, **changes)
        except (DomainError, TypeError) as error:
            self._refuse(error)
            return False
        if new == old:
            return True
        return self._replace(f"Edit check-in on ‘{self._any_title(new.outcome_id)}’", old, new)

    def delete_checkins(self, checkin_ids: Sequence[str]) -> None:
        """Delete check-ins (one undo step)."""
        found = tuple(c for c in map(self._repo.checkin, checkin_ids) if c is not None)
        if found:
            label = "Delete check-in" if len(found) == 1 else f"Delete {len(found)} check-ins"
            self._push(
                label,
                RecordChange(drop_checkins=tuple(c.id for c in found)),
                RecordChange(Records(checkins=found)),
            )

    # -- helpers ---------------------------------------------------------------------------

    def _push(self, label: str, forward: RecordChange, backward: RecordChange) -> None:
        self.document.push_record_change(label, forward, backward)

    def _replace(self, label: str, old: Record, new: Record) -> bool:
        self._push(label, RecordChange(Records.one(new)), RecordChange(Records.one(old)))
        current: Record | None
        if isinstance(new, TimeEntry):
            current = self._repo.time_entry(new.id)
        elif isinstance(new, Delivery):
            current = self._repo.delivery(new.id)
        else:
            current = self._repo.checkin(new.id)
        return current == new

    def _title(self, node_id: str, kind: NodeKind) -> str:
        """The title of a node of `kind` on the current map; refused otherwise."""
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        if node is None or node.kind is not kind:
            raise InvalidValueError(f"Choose an {kind.value} of this role’s map.")
        return node.title

    def _any_title(self, node_id: str) -> str:
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        return node.title if node is not None else "another role’s activity"

    def _refuse(self, error: Exception) -> None:
        self.document.refuse(str(error))
