"""Ids across the whole file: which are taken, and what no rule of SQLite alone catches.

SQLite's keys keep each table's ids unique and every reference pointing at a
row, but not that a link stays inside its role, that a time entry hangs on an
activity, that a review's actions stay with the review's role, or that one
id names one thing. Imports ask `taken_ids` before they write (an id another
role owns is never overwritten), and `rolemap check` lists
`consistency_problems`, each as a sentence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from rolemap.domain.lane_rule import ALLOWED

ID_TABLES = (
    "roles",
    "nodes",
    "links",
    "time_entries",
    "deliveries",
    "checkins",
    "reviews",
    "review_actions",
    "checklist_items",
    "time_rules",
)
_RECORD_KINDS = (
    ("time_entries", "activity_id", "activity", "time entries"),
    ("deliveries", "output_id", "output", "deliveries"),
    ("checkins", "outcome_id", "outcome", "check-ins"),
)
# What a role owns besides its map: table, what one row is called (plural).
_ROLE_ROWS = (
    ("time_rules", "rules for imported time"),
    ("reviews", "reviews"),
    ("review_actions", "review actions"),
    ("week_plans", "week plans"),
    ("checklist_items", "checklist items"),
)
# Rows that name a node of their role (not a foreign key: a deleted node's rows stay, unread).
_NODE_REFERENCES = (
    ("time_rules", "activity_id", "rules for imported time"),
    ("plan_hours", "activity_id", "planned hours"),
    ("plan_outputs", "output_id", "intended outputs"),
    ("plan_focus", "outcome_id", "outcomes in focus"),
    ("review_actions", "node_id", "review actions"),
)


def taken_ids(conn: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    """The ids among `ids` that any table of the file already uses.

    One indexed look-up per id and table (json_each keeps it one statement a
    table). Tables without rows are passed over: an import of 100,000 time
    entries into a new database paid 0.1 s for looking them up in ten empty
    tables.
    """
    tables = [t for t in ID_TABLES if conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
    if not tables:
        return set()
    wanted = json.dumps(list(set(ids)))
    found: set[str] = set()
    for table in tables:
        rows = conn.execute(
            f"SELECT value FROM json_each(?) WHERE value IN (SELECT id FROM {table})", (wanted,)
        )
        found.update(str(row[0]) for row in rows)
    return found


def damage(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """What SQLite's own checks find (`integrity_check`, `foreign_key_check`); empty if sound."""
    problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    found = [] if problems == ["ok"] else problems[:limit]
    dangling = conn.execute("PRAGMA foreign_key_check").fetchall()
    if dangling:
        found.append(f"{len(dangling)} rows point at rows that do not exist")
    return found


def consistency_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """What is wrong between rows, one sentence each (empty when all is well)."""
    problems: list[str] = []
    union = " UNION ALL ".join(f"SELECT id, '{t}' AS tab FROM {t}" for t in ID_TABLES)
    for item_id, tables in conn.execute(
        f"SELECT id, group_concat(tab, ', ') FROM ({union}) GROUP BY id HAVING count(*) > 1 "
        f"LIMIT {limit}"
    ):
        problems.append(f"The id {item_id} is used more than once ({tables}).")
    for link_id, role in conn.execute(
        "SELECT l.id, r.name FROM links l JOIN roles r ON r.id = l.role_id "
        "JOIN nodes s ON s.id = l.source JOIN nodes t ON t.id = l.target "
        f"WHERE s.role_id != l.role_id OR t.role_id != l.role_id LIMIT {limit}"
    ):
        problems.append(f"A link of ‘{role}’ ({link_id}) reaches a node of another role.")
    allowed = " OR ".join(f"(s.kind = '{a.value}' AND t.kind = '{b.value}')" for a, b in ALLOWED)
    (backward,) = conn.execute(
        "SELECT count(*) FROM links l JOIN nodes s ON s.id = l.source "
        f"JOIN nodes t ON t.id = l.target WHERE NOT ({allowed})"
    ).fetchone()
    if backward:
        problems.append(f"{backward} links break the lane rule (they do not run forward).")
    for table, column, kind, noun in _RECORD_KINDS:
        (wrong,) = conn.execute(
            f"SELECT count(*) FROM {table} x JOIN nodes n ON n.id = x.{column} "
            f"WHERE n.kind != '{kind}'"
        ).fetchone()
        if wrong:
            problems.append(f"{wrong} {noun} hang on a node that is not an {kind}.")
    (running,) = conn.execute("SELECT count(*) FROM time_entries WHERE duration IS NULL").fetchone()
    if running > 1:
        problems.append(f"{running} timers are running; only one may.")
    problems += _role_problems(conn, limit)
    return problems


def _role_problems(conn: sqlite3.Connection, limit: int) -> list[str]:
    """What is wrong between a role and what it owns: rules, reviews, actions, plans, checklists."""
    problems: list[str] = []
    for table, noun in _ROLE_ROWS:
        (lost,) = conn.execute(
            f"SELECT count(*) FROM {table} WHERE role_id NOT IN (SELECT id FROM roles)"
        ).fetchone()
        if lost:
            problems.append(f"{lost} {noun} belong to no role.")
    for table, column, noun in _NODE_REFERENCES:
        (wrong,) = conn.execute(
            f"SELECT count(*) FROM {table} x JOIN nodes n ON n.id = x.{column} "
            "WHERE n.role_id != x.role_id"
        ).fetchone()
        if wrong:
            problems.append(f"{wrong} {noun} name a node of another role.")
    (astray,) = conn.execute(
        "SELECT count(*) FROM review_actions a JOIN reviews r "
        "ON r.id = a.review_id OR r.id = a.closed_in WHERE r.role_id != a.role_id"
    ).fetchone()
    if astray:
        problems.append(f"{astray} review actions name a review of another role.")
    for role, count in conn.execute(
        "SELECT r.name, count(*) FROM reviews v JOIN roles r ON r.id = v.role_id "
        f"WHERE v.finished IS NULL GROUP BY v.role_id HAVING count(*) > 1 LIMIT {limit}"
    ):
        problems.append(f"‘{role}’ has {count} reviews in progress; only one may be.")
    for role, first, second in conn.execute(
        "SELECT r.name, a.id, b.id FROM reviews a JOIN reviews b "
        "ON b.role_id = a.role_id AND b.id > a.id JOIN roles r ON r.id = a.role_id "
        "WHERE a.finished IS NOT NULL AND b.finished IS NOT NULL "
        f"AND a.first_day <= b.last_day AND b.first_day <= a.last_day LIMIT {limit}"
    ):
        problems.append(
            f"Two finished reviews of ‘{role}’ ({first[:8]}, {second[:8]}) cover the same days."
        )
    return problems
