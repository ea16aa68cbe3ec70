"""Week plans and checklist items in SQLite (the v7 tables of store/plan_tables.py).

Values in, values out: every write takes plain domain values and returns what
was there before, so an undo command holds both and replays either through
the same function. Writes run inside `Store.transaction()`. A row-level edit
of a plan that is no longer in the file is a ConflictError, never a silent
re-creation (the first edit of a week stores the whole plan with `put_plan`).

The reviews' dates are read here too (`finished_reviews`), tolerantly: the
quarterly checklist asks whether reviews kept their cadence.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from rolemap.domain.checklist_items import StoredItem
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.store.database import Store
from rolemap.store.errors import ConflictError

_ITEM_COLUMNS = "id, role_id, quarter, key, text, ticked, detail, position, frozen"


class PlanRepository:
    """Reads and writes a role's week plans and quarterly checklists through one Store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- plans: reading --------------------------------------------------------

    def plan(self, role_id: str, week: Week) -> WeekPlan | None:
        """The stored plan of a role's week, None when the week has none."""
        plans = self._plans(role_id, week.name, week.name)
        return plans[0] if plans else None

    def plans_between(self, role_id: str, first: Week, last: Week) -> list[WeekPlan]:
        """The stored plans of the weeks from `first` to `last`, oldest first."""
        return self._plans(role_id, first.name, last.name)

    def plans(self, role_id: str) -> list[WeekPlan]:
        """Every stored plan of a role, oldest first (for exports)."""
        return self._plans(role_id, "0000", "9999")

    def latest_plan_before(self, role_id: str, week: Week) -> WeekPlan | None:
        """The most recent stored plan of a week before `week`."""
        row = self._conn.execute(
            "SELECT max(week) FROM week_plans WHERE role_id = ? AND week < ?",
            (role_id, week.name),
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return self.plan(role_id, Week.named(str(row[0])))

    def _plans(self, role_id: str, low: str, high: str) -> list[WeekPlan]:
        span = (role_id, low, high)
        where = "WHERE role_id = ? AND week BETWEEN ? AND ?"
        headers = self._conn.execute(
            f"SELECT week, note FROM week_plans {where} ORDER BY week", span
        ).fetchall()
        if not headers:
            return []
        hours: dict[str, dict[str, float]] = {}
        for week, activity_id, amount in self._conn.execute(
            f"SELECT week, activity_id, hours FROM plan_hours {where}", span
        ):
            hours.setdefault(week, {})[activity_id] = float(amount)
        outputs: dict[str, list[PlannedOutput]] = {}
        for week, output_id, count, by_day in self._conn.execute(
            f"SELECT week, output_id, count, by_day FROM plan_outputs {where} ORDER BY rowid", span
        ):
            outputs.setdefault(week, []).append(PlannedOutput(output_id, int(count), _day(by_day)))
        focus: dict[str, list[str]] = {}
        for week, outcome_id in self._conn.execute(
            f"SELECT week, outcome_id FROM plan_focus {where} ORDER BY rowid", span
        ):
            focus.setdefault(week, []).append(outcome_id)
        return [
            WeekPlan(
                role_id,
                Week.named(week),
                hours.get(week, {}),
                tuple(outputs.get(week, ())),
                tuple(focus.get(week, ())),
                note or "",
            )
            for week, note in headers
        ]

    # -- plans: writing (inside Store.transaction) ---------------------------------

    def put_plan(self, plan: WeekPlan) -> WeekPlan | None:
        """Store `plan` whole, replacing the week's plan; returns the plan it replaced."""
        before = self.delete_plan(plan.role_id, plan.week)
        key = (plan.role_id, plan.week.name)
        self._conn.execute(
            "INSERT INTO week_plans (role_id, week, note) VALUES (?, ?, ?)", (*key, plan.note)
        )
        self._conn.executemany(
            "INSERT INTO plan_hours (role_id, week, activity_id, hours) VALUES (?, ?, ?, ?)",
            [(*key, a, h) for a, h in plan.hours.items() if h > 0],
        )
        self._conn.executemany(
            "INSERT INTO plan_outputs (role_id, week, output_id, count, by_day) "
            "VALUES (?, ?, ?, ?, ?)",
            [(*key, o.output_id, o.count, _text(o.by_day)) for o in plan.outputs],
        )
        self._conn.executemany(
            "INSERT INTO plan_focus (role_id, week, outcome_id) VALUES (?, ?, ?)",
            [(*key, outcome_id) for outcome_id in plan.focus],
        )
        return before

    def delete_plan(self, role_id: str, week: Week) -> WeekPlan | None:
        """Remove a week's plan (the week shows the prefill again); returns what was there."""
        before = self.plan(role_id, week)
        if before is not None:
            key = (role_id, week.name)
            for table in ("plan_hours", "plan_outputs", "plan_focus", "week_plans"):
                self._conn.execute(f"DELETE FROM {table} WHERE role_id = ? AND week = ?", key)
        return before

    def put_hours(self, role_id: str, week: Week, activity_id: str, hours: float) -> float:
        """Set one activity's planned hours in a stored plan (0 removes the row).

        Returns the hours it had before (0 when none).
        """
        key = (role_id, week.name)
        self._require(*key)
        row = self._conn.execute(
            "SELECT hours FROM plan_hours WHERE role_id = ? AND week = ? AND activity_id = ?",
            (*key, activity_id),
        ).fetchone()
        self._conn.execute(
            "DELETE FROM plan_hours WHERE role_id = ? AND week = ? AND activity_id = ?",
            (*key, activity_id),
        )
        if hours > 0:
            self._conn.execute(
                "INSERT INTO plan_hours (role_id, week, activity_id, hours) VALUES (?, ?, ?, ?)",
                (*key, activity_id, hours),
            )
        return float(row[0]) if row else 0.0

    def put_output(self, role_id: str, week: Week, intended: PlannedOutput) -> PlannedOutput | None:
        """Intend an output in a stored plan (replacing its earlier intent, in place)."""
        key = (role_id, week.name)
        before = self._output(role_id, week, intended.output_id)
        values = (intended.count, _text(intended.by_day), *key, intended.output_id)
        if before is not None:
            self._conn.execute(
                "UPDATE plan_outputs SET count = ?, by_day = ? "
                "WHERE role_id = ? AND week = ? AND output_id = ?",
                values,
            )
        else:
            self._require(*key)
            self._conn.execute(
                "INSERT INTO plan_outputs (count, by_day, role_id, week, output_id) "
                "VALUES (?, ?, ?, ?, ?)",
                values,
            )
        return before

    def delete_output(self, role_id: str, week: Week, output_id: str) -> PlannedOutput | None:
        """No longer intend an output; returns the intent that was there."""
        before = self._output(role_id, week, output_id)
        self._conn.execute(
            "DELETE FROM plan_outputs WHERE role_id = ? AND week = ? AND output_id = ?",
            (role_id, week.name, output_id),
        )
        return before

    def put_focus(self, role_id: str, week: Week, outcome_id: str) -> bool:
        """Put an outcome in focus in a stored plan; returns whether it already was."""
        key = (role_id, week.name)
        self._require(*key)
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO plan_focus (role_id, week, outcome_id) VALUES (?, ?, ?)",
            (*key, outcome_id),
        )
        return cursor.rowcount == 0

    def delete_focus(self, role_id: str, week: Week, outcome_id: str) -> bool:
        """Take an outcome out of focus; returns whether it was in focus."""
        cursor = self._conn.execute(
            "DELETE FROM plan_focus WHERE role_id = ? AND week = ? AND outcome_id = ?",
            (role_id, week.name, outcome_id),
        )
        return cursor.rowcount > 0

    def _output(self, role_id: str, week: Week, output_id: str) -> PlannedOutput | None:
        row = self._conn.execute(
            "SELECT count, by_day FROM plan_outputs "
            "WHERE role_id = ? AND week = ? AND output_id = ?",
            (role_id, week.name, output_id),
        ).fetchone()
        return None if row is None else PlannedOutput(output_id, int(row[0]), _day(row[1]))

    def _require(self, role_id: str, week: str) -> None:
        found = self._conn.execute(
            "SELECT 1 FROM week_plans WHERE role_id = ? AND week = ?", (role_id, week)
        ).fetchone()
        if found is None:
            raise ConflictError(f"the plan of {week} is no longer in the file.")

    # -- checklists --------------------------------------------------------------------

    def checklist_items(self, role_id: str, quarter: str) -> list[StoredItem]:
        """Every stored row of a role's checklist for a quarter ("2026-Q4")."""
        rows = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM checklist_items WHERE role_id = ? AND quarter = ? "
            "ORDER BY position, id",
            (role_id, quarter),
        ).fetchall()
        return [_item(row) for row in rows]

    def all_checklist_items(self, role_id: str) -> list[StoredItem]:
        """Every checklist row of a role, by quarter (for exports)."""
        rows = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM checklist_items WHERE role_id = ? "
            "ORDER BY quarter, position, id",
            (role_id,),
        ).fetchall()
        return [_item(row) for row in rows]

    def checklist_item(self, item_id: str) -> StoredItem | None:
        """One row by id."""
        row = self._conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM checklist_items WHERE id = ?", (item_id,)
        ).fetchone()
        return None if row is None else _item(row)

    def put_item(self, item: StoredItem) -> StoredItem | None:
        """Insert or change one row (a tick, an own item); returns the row it replaced."""
        before = self.checklist_item(item.id)
        values = _item_row(item)
        if before is None:
            self._conn.execute(
                f"INSERT INTO checklist_items ({_ITEM_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", values
            )
        else:
            self._conn.execute(
                "UPDATE checklist_items SET role_id=?, quarter=?, key=?, text=?, ticked=?, "
                "detail=?, position=?, frozen=? WHERE id=?",
                (*values[1:], item.id),
            )
        return before

    def delete_item(self, item_id: str) -> StoredItem | None:
        """Remove one row; returns it."""
        before = self.checklist_item(item_id)
        self._conn.execute("DELETE FROM checklist_items WHERE id = ?", (item_id,))
        return before

    def freeze(self, rows: list[StoredItem]) -> None:
        """Keep a quarter's automatic results (rows from `domain.checklist.frozen_rows`)."""
        for row in rows:
            self.put_item(row)

    # -- reviews (the checklist's cadence item) ---------------------------------------------

    def finished_reviews(self, role_id: str) -> tuple[tuple[dt.date, dt.date], ...] | None:
        """(first day, last day) of the role's finished reviews; None when the file keeps none.

        Read tolerantly: a file without the reviews table (or with other columns)
        answers None, and rows with unreadable dates are passed over.
        """
        try:
            rows = self._conn.execute(
                "SELECT first_day, last_day FROM reviews WHERE role_id = ? "
                "AND finished IS NOT NULL AND finished != '' ORDER BY last_day",
                (role_id,),
            ).fetchall()
        except sqlite3.OperationalError:
            return None
        found = []
        for first, last in rows:
            try:
                found.append((dt.date.fromisoformat(str(first)), dt.date.fromisoformat(str(last))))
            except ValueError:
                continue
        return tuple(found)


def _text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: Any) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def _item_row(item: StoredItem) -> tuple[Any, ...]:
    return (
        item.id,
        item.role_id,
        item.quarter,
        item.key,
        item.text,
        None if item.ticked is None else int(item.ticked),
        item.detail,
        item.position,
        _text(item.frozen),
    )


def _item(row: tuple[Any, ...]) -> StoredItem:
    return StoredItem(
        id=row[0],
        role_id=row[1],
        quarter=row[2],
        key=row[3],
        text=row[4] or "",
        ticked=None if row[5] is None else bool(row[5]),
        detail=row[6] or "",
        position=int(row[7] or 0),
        frozen=_day(row[8]),
    )
