"""TimeImportCommand: time from another tool's file as one undo step.

What the person decided in the import dialog's preview goes in as one
`TimeImportRequest`: the plan (`services.time_import.plan_import`), the new
activities they asked for (names assigned to "a new activity"), and the rules
they chose to keep. The command applies all three and takes all three back:

- redo, the first time: the new activities (a map change, saved and announced
  like any other), then the entries (`apply_import`, one transaction; it makes
  the plan again inside the transaction if the file changed since, the new
  activities included), then the role's rules with the kept ones at the end;
- undo: the entries go (`remove_import`), the rules are put back as they were,
  and the new activities go;
- redo again: the activities, the rules, then the very entries written the
  first time (`restore_import`: the same ids, so the Track tab's rows and any
  edit further up the stack still name them).

One step, not two, because the person made one decision: an activity made for
the import and left behind empty by its undo would be a surprise. Each part is
its own transaction; should the entries fail to be written, the activities
just added are taken away again and the command is dropped (nothing changed).
Every part announces itself through the document's signals after its commit
(`node_added`, `records_added("time_entries", ids)`, …), so the Track tab,
the Dashboard and the map follow.

The calendar addresses a calendar import remembers are a setting, not a step:
the window keeps them apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QUndoCommand

from rolemap.document.map_change import MapChange
from rolemap.document.record_change import RecordDelta
from rolemap.domain.entities import Node
from rolemap.domain.errors import DomainError
from rolemap.domain.time_rules import TimeRule
from rolemap.domain.tracking import RecordKind, TimeEntry
from rolemap.interchange.errors import FormatError
from rolemap.services.time_import import apply_import, remove_import, restore_import
from rolemap.services.time_preview import ImportPlan
from rolemap.services.time_settings import role_rules, save_role_rules
from rolemap.store.errors import StoreError

if TYPE_CHECKING:
    from rolemap.document.document import RoleDocument

# Above this many entries a step takes long enough (100,000: 1-3 s to write or
# remove on two cores) that the pointer says so.
BUSY_ENTRIES = 5_000


@dataclass(frozen=True)
class TimeImportRequest:
    """A previewed import as the person accepted it.

    Attributes:
        plan: the preview; its role must be the document's current role.
        source: the file's name, for the undo step's ("Import 312 time entries from work.ics").
        new_activities: activities to make first (the plan's rules may name them).
        rules: rules to keep, added at the end of the role's list (any already
            there are not added twice).
    """

    plan: ImportPlan
    source: str
    new_activities: tuple[Node, ...] = ()
    rules: tuple[TimeRule, ...] = ()


@dataclass
class TimeImportOutcome:
    """What the first redo did: the entries written, or why nothing was."""

    entry_ids: list[str] = field(default_factory=list)
    seconds: int = 0
    error: str = ""

    @property
    def done(self) -> bool:
        """Whether the import was written."""
        return not self.error


class TimeImportCommand(QUndoCommand):
    """The import of `request`: its activities, its entries and its rules, done and undone."""

    def __init__(self, document: RoleDocument, request: TimeImportRequest) -> None:
        super().__init__(_label(len(request.plan.entries), request.source))
        role_map = document.role_map
        if request.plan.role_id != role_map.role.id:
            raise ValueError("a time import goes on the undo stack of the role it imports into")
        self._document = document
        self._request = request
        self._role_id = role_map.role.id
        self._add_activities = MapChange(put_nodes=request.new_activities)
        self._drop_activities = self._add_activities.inverse(role_map)
        self._entries: tuple[TimeEntry, ...] = ()
        self._rules_before: list[TimeRule] | None = None
        self._rules_after: list[TimeRule] | None = None
        self.outcome = TimeImportOutcome()
        self._written = False

    # -- QUndoCommand ------------------------------------------------------------------

    def redo(self) -> None:
        with _busy(len(self._request.plan.entries)):
            if self._written:
                self._again()
            else:
                self._first()

    def undo(self) -> None:
        document = self._document
        with _busy(len(self._entries)):
            ids = [entry.id for entry in self._entries]
            try:
                remove_import(document.store, ids)
            except StoreError as error:
                document.report_failure(str(error))
                self.setObsolete(True)
                return
            self._announce(RecordDelta(removed={RecordKind.TIME_ENTRIES: tuple(ids)}))
            if self._rules_before is not None:
                self._save_rules(self._rules_before)
            if self._request.new_activities and not document._apply(self._drop_activities):
                self.setObsolete(True)

    # -- the parts -----------------------------------------------------------------------

    def _first(self) -> None:
        document = self._document
        store = document.store
        if self._request.new_activities and not document._apply(self._add_activities):
            self._fail("The new activities could not be saved; nothing was imported.")
            return
        try:
            result = apply_import(store, self._request.plan)
        except (FormatError, DomainError, StoreError) as error:
            if self._request.new_activities:
                document._apply(self._drop_activities)
            self._fail(f"{error} Nothing was imported.")
            return
        self._written = True
        self._entries = tuple(result.plan.entries)
        # The plan made again (new activities, a change meanwhile) may write another count.
        self.setText(_label(len(self._entries), self._request.source))
        self.outcome.entry_ids = list(result.entry_ids)
        self.outcome.seconds = sum(entry.duration or 0 for entry in self._entries)
        self._keep_rules()
        self._announce(RecordDelta(added={RecordKind.TIME_ENTRIES: tuple(result.entry_ids)}))

    def _again(self) -> None:
        document = self._document
        if self._request.new_activities and not document._apply(self._add_activities):
            self.setObsolete(True)
            return
        if self._rules_after is not None:
            self._save_rules(self._rules_after)
        try:
            restore_import(document.store, self._entries)
        except StoreError as error:
            document.report_failure(str(error))
            self.setObsolete(True)
            return
        ids = tuple(entry.id for entry in self._entries)
        self._announce(RecordDelta(added={RecordKind.TIME_ENTRIES: ids}))

    def _keep_rules(self) -> None:
        """Add the kept rules at the end of the role's list (if that fails, the import stays)."""
        if not self._request.rules:
            return
        store = self._document.store
        before = role_rules(store, self._role_id)
        after = before + [rule for rule in dict.fromkeys(self._request.rules) if rule not in before]
        if after != before and self._save_rules(after):
            self._rules_before, self._rules_after = before, after

    def _save_rules(self, rules: list[TimeRule]) -> bool:
        try:
            save_role_rules(self._document.store, self._role_id, rules)
        except StoreError as error:
            self._document.report_failure(f"The rules were not saved: {error}")
            return False
        return True

    def _announce(self, delta: RecordDelta) -> None:
        self._document._announce_records(delta, removals=True)

    def _fail(self, message: str) -> None:
        self.outcome.error = message
        self.setObsolete(True)  # the stack drops it: there is nothing to undo


def _label(count: int, source: str) -> str:
    return f"Import {count:,} time {'entry' if count == 1 else 'entries'} from {source}"


@contextmanager
def _busy(entries: int) -> Iterator[None]:
    """The wait cursor while a large import is written or taken back."""
    if entries < BUSY_ENTRIES or QGuiApplication.instance() is None:
        yield
        return
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
