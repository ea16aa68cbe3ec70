"""PlanEditor: the week's plan and the quarter's checklist as undoable edits.

Each intent checks its values with the domain (the rules `rolemap plan` and
`rolemap checklist` use), works out the stored value before and after, and
pushes one labelled command ("Plan 6 h on ‘Code reviews’"). A command's redo
and undo write through `PlanRepository` in one `store.transaction()`, then the
document announces `plan_changed(name)`: the week's name, or the quarter's
for a checklist. A bad value is refused through `document.refuse`.

A command first checks that the file still holds what it expects: another
program (`rolemap plan set` in a terminal) may have changed the week since.
Then nothing is written, the failure is reported and the step is dropped.
A week without a stored plan shows the prefill (the usual hours); its first
edit stores the prefill, changed, and undoing that edit removes the plan.
The views read through the editor too (`report`, `checklist`), from the
services the command line uses, so both show one answer.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

from rolemap.document.document import RoleDocument
from rolemap.domain.checklist_items import (
    OWN_ITEM,
    Checklist,
    ChecklistItem,
    StoredItem,
    hand_tick,
    own_item,
)
from rolemap.domain.entities import new_id
from rolemap.domain.errors import DomainError, InvalidValueError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import local_date, local_zone
from rolemap.domain.plan_check import hours_text
from rolemap.domain.quarter import Quarter
from rolemap.domain.week_plan import (
    PlannedOutput,
    Week,
    WeekPlan,
    check_day_in_week,
    check_hours,
    parse_count,
    parse_hours,
    prefill,
)
from rolemap.domain.week_report import WeekReport
from rolemap.services.quarter_checklist import quarter_checklist
from rolemap.services.week_plan import week_view
from rolemap.store.errors import ConflictError, StoreError
from rolemap.store.plan_repository import PlanRepository


class PlanCommand(QUndoCommand):
    """One edit of a week's plan: the stored plan before and after (None: no stored plan)."""

    def __init__(
        self,
        editor: PlanEditor,
        label: str,
        role_id: str,
        week: Week,
        before: WeekPlan | None,
        after: WeekPlan | None,
    ) -> None:
        super().__init__(label)
        self._editor = editor
        self.role_id = role_id
        self.week = week
        self.before = before
        self.after = after

    def redo(self) -> None:
        if not self._editor._write_plan(self.role_id, self.week, self.before, self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._editor._write_plan(self.role_id, self.week, self.after, self.before):
            self.setObsolete(True)


class ChecklistCommand(QUndoCommand):
    """One edit of a checklist row: the row before and after (None: no such row)."""

    def __init__(
        self,
        editor: PlanEditor,
        label: str,
        quarter: Quarter,
        before: StoredItem | None,
        after: StoredItem | None,
    ) -> None:
        super().__init__(label)
        self._editor = editor
        self.quarter = quarter
        self.before = before
        self.after = after

    def redo(self) -> None:
        if not self._editor._write_item(self.quarter, self.before, self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._editor._write_item(self.quarter, self.after, self.before):
            self.setObsolete(True)


class PlanEditor(QObject):
    """The intents of the Plan tab; every edit is one undo step on the document's stack.

    Args:
        document: the editing session (its store, undo stack and signals).
        clock: now, in UTC epoch seconds (tests give a fixed one).
        tz: the local zone that decides which week "this week" is (default: the person's).
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
    def _plans(self) -> PlanRepository:
        return PlanRepository(self.document.store)

    # -- what the views read -----------------------------------------------------------

    def today(self) -> dt.date:
        """The local date now."""
        return local_date(self.clock(), self.tz)

    def this_week(self) -> Week:
        """The week holding today."""
        return Week.of(self.today())

    def this_quarter(self) -> Quarter:
        """The quarter holding today."""
        return Quarter.of(self.today())

    def report(self, week: Week) -> WeekReport:
        """The week's plan (or the prefill) beside its figures so far."""
        store, role_map = self.document.store, self.document.role_map
        return week_view(store, role_map, week, tz=self.tz, now=self.clock())

    def checklist(self, quarter: Quarter) -> Checklist:
        """The quarter's checklist, automatic items decided from the data (or kept)."""
        store, role_map = self.document.store, self.document.role_map
        return quarter_checklist(store, role_map, quarter, tz=self.tz, now=self.clock())

    def latest_plan_week(self, week: Week) -> Week | None:
        """The latest week before `week` with a stored plan (what "Copy" would copy)."""
        found = self._plans.latest_plan_before(self.document.role_map.role.id, week)
        return None if found is None else found.week

    # -- the week's plan -----------------------------------------------------------------

    def set_hours(self, week: Week, activity_id: str, hours: str | float) -> bool:
        """Plan `hours` on an activity in `week` ("4", "2.5", "3h"; 0 plans none)."""
        try:
            title = self._title(activity_id, NodeKind.ACTIVITY)
            amount = parse_hours(hours) if isinstance(hours, str) else check_hours(hours)
        except DomainError as error:
            return self._refuse(error)
        label = (
            f"Plan {hours_text(amount)} on ‘{title}’" if amount else f"Plan no hours on ‘{title}’"
        )
        return self._edit(week, label, lambda plan: plan.with_hours(activity_id, amount))

    def intend_output(
        self, week: Week, output_id: str, count: int | str = 1, by_day: dt.date | None = None
    ) -> bool:
        """Intend to deliver an output in `week`: how many, optionally by which day."""
        try:
            title = self._title(output_id, NodeKind.OUTPUT)
            number = parse_count(count)
            if by_day is not None:
                check_day_in_week(by_day, week)
        except DomainError as error:
            return self._refuse(error)
        intended = PlannedOutput(output_id, number, by_day)
        times = f"{number} × " if number > 1 else ""
        by = f" by {by_day:%a} {by_day.day} {by_day:%b}" if by_day is not None else ""
        return self._edit(week, f"Intend {times}‘{title}’{by}", lambda p: p.with_output(intended))

    def unintend_output(self, week: Week, output_id: str) -> bool:
        """No longer intend an output in `week`."""
        label = f"Drop ‘{self._any_title(output_id)}’ from the week’s outputs"
        return self._edit(week, label, lambda plan: plan.without_output(output_id))

    def focus_outcome(self, week: Week, outcome_id: str) -> bool:
        """Put an outcome in focus for `week`."""
        try:
            title = self._title(outcome_id, NodeKind.OUTCOME)
        except DomainError as error:
            return self._refuse(error)
        return self._edit(week, f"Focus on ‘{title}’", lambda plan: plan.with_focus(outcome_id))

    def unfocus_outcome(self, week: Week, outcome_id: str) -> bool:
        """Take an outcome out of focus for `week`."""
        label = f"Take ‘{self._any_title(outcome_id)}’ out of focus"
        return self._edit(week, label, lambda plan: plan.without_focus(outcome_id))

    def set_note(self, week: Week, note: str) -> bool:
        """The week's note (printed on the week's page)."""
        return self._edit(week, f"Edit the note of week {week.number}", lambda p: p.with_note(note))

    def reset_plan(self, week: Week) -> bool:
        """Remove the week's stored plan: it shows each activity's usual hours again."""
        if not self.document.has_role:
            return False
        role_id = self.document.role_map.role.id
        stored = self._plans.plan(role_id, week)
        if stored is None:
            return True
        label = f"Reset the plan of week {week.number} to the usual hours"
        self._push(PlanCommand(self, label, role_id, week, stored, None))
        return self._plans.plan(role_id, week) is None

    def copy_latest_plan(self, week: Week, *, replace: bool = False) -> bool:
        """Copy the latest earlier week's plan into `week` (intended days move along).

        Refused when no earlier week has a plan, or when `week` has its own and
        `replace` is not asked. What is no longer on the map is left behind.
        """
        if not self.document.has_role:
            return False
        role_map = self.document.role_map
        role_id = role_map.role.id
        source = self._plans.latest_plan_before(role_id, week)
        existing = self._plans.plan(role_id, week)
        if source is None:
            return self._refuse(
                InvalidValueError(
                    f"No week before {week.label} has a plan to copy: plan this week, "
                    "and the next one can start from it."
                )
            )
        if existing is not None and not replace:
            return self._refuse(
                InvalidValueError(
                    f"{week.label[:1].upper()}{week.label[1:]} already has a plan of its own."
                )
            )
        copied = source.moved_to(week).on_map(role_map)
        if copied == existing:
            return True
        label = f"Copy the plan of week {source.week.number} into week {week.number}"
        self._push(PlanCommand(self, label, role_id, week, existing, copied))
        return self._plans.plan(role_id, week) == copied

    def _edit(self, week: Week, label: str, change: Callable[[WeekPlan], WeekPlan]) -> bool:
        """Push `change` of the week's stored plan (the prefill when there is none)."""
        if not self.document.has_role:
            return False
        role_map = self.document.role_map
        role_id = role_map.role.id
        stored = self._plans.plan(role_id, week)
        base = stored if stored is not None else prefill(role_map, week)
        try:
            after = change(base)
        except DomainError as error:
            return self._refuse(error)
        if after == base:
            return True
        self._push(PlanCommand(self, label, role_id, week, stored, after))
        return self._plans.plan(role_id, week) == after

    def _write_plan(
        self, role_id: str, week: Week, expected: WeekPlan | None, wanted: WeekPlan | None
    ) -> bool:
        """Replace the stored plan `expected` with `wanted` in one transaction, then announce."""
        plans = self._plans
        try:
            with self.document.store.transaction():
                if plans.plan(role_id, week) != expected:
                    raise ConflictError(f"the plan of {week.label} changed outside this window.")
                if wanted is None:
                    plans.delete_plan(role_id, week)
                else:
                    plans.put_plan(wanted)
        except StoreError as error:
            self.document.report_failure(str(error))
            return False
        self.document.announce_plan_change(week.name)
        return True

    # -- the quarter's checklist -------------------------------------------------------

    def tick_item(self, quarter: Quarter, ref: str, ticked: bool = True) -> bool:
        """Tick (or untick) a checklist item by hand; automatic items refuse."""
        if not self.document.has_role:
            return False
        checklist = self.checklist(quarter)
        item = self._item(checklist, ref)
        if item is None:
            return False
        try:
            row = hand_tick(checklist, item, ticked, new_id)
        except DomainError as error:
            return self._refuse(error)
        if bool(item.ticked) == ticked:
            return True
        label = f"{'Tick' if ticked else 'Untick'} ‘{item.text}’"
        self._push(ChecklistCommand(self, label, quarter, item.stored, row))
        return self._plans.checklist_item(row.id) == row

    def add_item(self, quarter: Quarter, text: str) -> str | None:
        """Add an item of the person's own to the quarter's checklist; returns its ref."""
        if not self.document.has_role:
            return None
        try:
            row = own_item(self.checklist(quarter), text, new_id)
        except DomainError as error:
            self._refuse(error)
            return None
        self._push(ChecklistCommand(self, f"Add ‘{row.text}’ to the checklist", quarter, None, row))
        return row.id if self._plans.checklist_item(row.id) == row else None

    def remove_item(self, quarter: Quarter, ref: str) -> bool:
        """Remove one of the person's own items (the generated ones stay)."""
        if not self.document.has_role:
            return False
        item = self._item(self.checklist(quarter), ref)
        if item is None:
            return False
        if item.key != OWN_ITEM or item.stored is None:
            return self._refuse(
                InvalidValueError(
                    f"‘{item.text}’ comes with every checklist; only your own items can be removed."
                )
            )
        row = item.stored
        label = f"Remove ‘{row.text}’ from the checklist"
        self._push(ChecklistCommand(self, label, quarter, row, None))
        return self._plans.checklist_item(row.id) is None

    def _item(self, checklist: Checklist, ref: str) -> ChecklistItem | None:
        found = next((i for i in checklist.items if i.ref == ref), None)
        if found is None:
            self._refuse(
                InvalidValueError(
                    f"That item is no longer on the checklist of {checklist.quarter}."
                )
            )
        return found

    def _write_item(
        self, quarter: Quarter, expected: StoredItem | None, wanted: StoredItem | None
    ) -> bool:
        """Replace the checklist row `expected` with `wanted` in one transaction, then announce."""
        some = wanted or expected
        assert some is not None
        plans = self._plans
        try:
            with self.document.store.transaction():
                if plans.checklist_item(some.id) != expected:
                    raise ConflictError(
                        f"the checklist of {quarter.label} changed outside this window."
                    )
                if wanted is None:
                    plans.delete_item(some.id)
                else:
                    plans.put_item(wanted)
        except StoreError as error:
            self.document.report_failure(str(error))
            return False
        self.document.announce_plan_change(quarter.name)
        return True

    # -- helpers -------------------------------------------------------------------------

    def _push(self, command: QUndoCommand) -> None:
        self.document.undo_stack.push(command)

    def _title(self, node_id: str, kind: NodeKind) -> str:
        """The title of a node of `kind` on the current map; refused otherwise."""
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        if node is None or node.kind is not kind:
            raise InvalidValueError(f"Choose an {kind.value} of this role’s map.")
        return node.title

    def _any_title(self, node_id: str) -> str:
        node = self.document.role_map.nodes.get(node_id) if self.document.has_role else None
        return node.title if node is not None else "a node no longer on the map"

    def _refuse(self, error: Exception) -> bool:
        self.document.refuse(str(error))
        return False
