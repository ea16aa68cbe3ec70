"""The plan tables (schema version 7): the week's plan and the quarterly checklist.

A week is an ISO week named "2026-W49". A role's plan for a week holds planned
hours per activity, the outputs the person intends to deliver (how many,
optionally by which day), and the outcomes in focus. A checklist item
belongs to a role's quarter ("2026-Q4"); generated items are keyed by their
rule (`domain.checklist.ChecklistRule`), the person's own items have the key
"own" and carry their text. A generated item has a row only once it was
ticked by hand, or, for an automatic item, once the quarter's results were
kept (`frozen` is the day they were; `detail` says why, as it said then).

Node references are not foreign keys: deleting an activity leaves its planned
hours unread (the plan shows the map's nodes), and undoing the delete brings
them back with it.
"""

from __future__ import annotations

import sqlite3


def create_plan_tables(conn: sqlite3.Connection) -> None:
    """Make the tables (inside the migration's transaction)."""
    conn.execute(
        "CREATE TABLE week_plans (role_id TEXT NOT NULL REFERENCES roles(id), "
        "week TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', PRIMARY KEY (role_id, week))"
    )
    conn.execute(
        "CREATE TABLE plan_hours (role_id TEXT NOT NULL, week TEXT NOT NULL, "
        "activity_id TEXT NOT NULL, hours REAL NOT NULL CHECK (hours > 0 AND hours <= 168), "
        "PRIMARY KEY (role_id, week, activity_id), "
        "FOREIGN KEY (role_id, week) REFERENCES week_plans(role_id, week))"
    )
    conn.execute(
        "CREATE TABLE plan_outputs (role_id TEXT NOT NULL, week TEXT NOT NULL, "
        "output_id TEXT NOT NULL, "
        "count INTEGER NOT NULL DEFAULT 1 CHECK (count BETWEEN 1 AND 99), "
        "by_day TEXT, PRIMARY KEY (role_id, week, output_id), "
        "FOREIGN KEY (role_id, week) REFERENCES week_plans(role_id, week))"
    )
    conn.execute(
        "CREATE TABLE plan_focus (role_id TEXT NOT NULL, week TEXT NOT NULL, "
        "outcome_id TEXT NOT NULL, "
        "PRIMARY KEY (role_id, week, outcome_id), "
        "FOREIGN KEY (role_id, week) REFERENCES week_plans(role_id, week))"
    )
    for table, column in (
        ("plan_hours", "activity_id"),
        ("plan_outputs", "output_id"),
        ("plan_focus", "outcome_id"),
    ):
        conn.execute(f"CREATE INDEX idx_{table}_node ON {table} ({column})")
    conn.execute(
        "CREATE TABLE checklist_items (id TEXT PRIMARY KEY, "
        "role_id TEXT NOT NULL REFERENCES roles(id), quarter TEXT NOT NULL, "
        "key TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', ticked INTEGER, "
        "detail TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0, frozen TEXT)"
    )
    conn.execute("CREATE INDEX idx_checklist_role ON checklist_items (role_id, quarter)")
    # One row per generated item and quarter; the person's own items may repeat a key.
    conn.execute(
        "CREATE UNIQUE INDEX idx_checklist_rule ON checklist_items (role_id, quarter, key) "
        "WHERE key != 'own'"
    )
