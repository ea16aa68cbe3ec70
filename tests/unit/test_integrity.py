"""`rolemap check`'s rules for what a role owns besides its map, and the ids imports ask about.

Each rule is broken once by hand (as another program or a damaged file could)
and must be named; the database the services build is clean.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.support.full_role import open_full

from rolemap.store.integrity import ID_TABLES, consistency_problems, taken_ids


@pytest.fixture
def full(tmp_path: Path) -> Any:
    store = open_full(tmp_path / "full.sqlite3")
    yield store
    store.close()


def _other_role(conn: sqlite3.Connection) -> tuple[str, str]:
    """A second role with one node of each kind; returns (its id, its activity's id)."""
    conn.execute("INSERT INTO roles (id, name) VALUES ('other', 'Other')")
    for kind in ("activity", "output", "outcome"):
        conn.execute(
            "INSERT INTO nodes (id, role_id, kind, title) VALUES (?, 'other', ?, ?)",
            (f"other-{kind}", kind, kind),
        )
    return "other", "other-activity"


def _action_of_other_review(conn: sqlite3.Connection) -> None:
    _other_role(conn)
    conn.execute(
        "INSERT INTO reviews (id, role_id, first_day, last_day, started) "
        "VALUES ('theirs', 'other', '2026-01-01', '2026-01-31', 's')"
    )
    conn.execute("UPDATE review_actions SET review_id = 'theirs' WHERE rowid = 1")


def _action_about_other_node(conn: sqlite3.Connection) -> None:
    _other_role(conn)
    conn.execute("UPDATE review_actions SET node_id = 'other-output' WHERE rowid = 1")


def _plan_on_other_node(conn: sqlite3.Connection) -> None:
    _other_role(conn)
    conn.execute("UPDATE plan_hours SET activity_id = 'other-activity' WHERE rowid = 1")


def _rule_on_other_node(conn: sqlite3.Connection) -> None:
    _other_role(conn)
    conn.execute("UPDATE time_rules SET activity_id = 'other-activity' WHERE position = 0")


def _checklist_of_no_role(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE checklist_items SET role_id = 'gone' WHERE rowid = 1")


def _two_in_progress(conn: sqlite3.Connection) -> None:
    conn.execute("DROP INDEX idx_reviews_in_progress")
    conn.execute("UPDATE reviews SET finished = NULL")


def _overlapping(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE reviews SET first_day = '2026-10-20' WHERE first_day = '2026-11-01'")


def _review_id_reused_as_node(conn: sqlite3.Connection) -> None:
    (review,) = conn.execute("SELECT id FROM reviews LIMIT 1").fetchone()
    conn.execute("UPDATE checklist_items SET id = ? WHERE rowid = 1", (review,))


BROKEN: dict[str, tuple[Callable[[sqlite3.Connection], None], str]] = {
    "action of another role's review": (
        _action_of_other_review,
        "1 review actions name a review of another role.",
    ),
    "action about another role's node": (
        _action_about_other_node,
        "1 review actions name a node of another role.",
    ),
    "plan on another role's node": (
        _plan_on_other_node,
        "1 planned hours name a node of another role.",
    ),
    "rule on another role's node": (
        _rule_on_other_node,
        "1 rules for imported time name a node of another role.",
    ),
    "checklist row of no role": (_checklist_of_no_role, "1 checklist items belong to no role."),
    "two reviews in progress": (
        _two_in_progress,
        "‘Engineering manager’ has 3 reviews in progress; only one may be.",
    ),
    "finished reviews overlap": (_overlapping, "Two finished reviews of ‘Engineering manager’"),
    "one id, two tables": (_review_id_reused_as_node, "(reviews, checklist_items)"),
}


def test_what_the_services_build_is_clean(full: Any) -> None:
    assert consistency_problems(full.conn) == []


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_rule_is_named(full: Any, case: str) -> None:
    breaks, sentence = BROKEN[case]
    breaks(full.conn)
    problems = consistency_problems(full.conn)
    assert any(sentence in p for p in problems), problems


def test_taken_ids_looks_in_every_table(full: Any) -> None:
    conn = full.conn
    wanted = {
        table: str(conn.execute(f"SELECT id FROM {table} LIMIT 1").fetchone()[0])
        for table in ID_TABLES
    }
    assert set(ID_TABLES) >= {"reviews", "review_actions", "checklist_items", "time_rules"}
    assert taken_ids(conn, [*wanted.values(), "nobody-has-this"]) == set(wanted.values())
    assert taken_ids(conn, []) == set()
