"""The review tables (schema version 6): reviews, their actions, the map's snapshot.

A review covers a period of a role (`first_day`…`last_day`, local ISO dates,
both included). While in progress (`finished` NULL) it holds the person's
four answers as typed, one column each, so that saving one answer is one
small write and a damaged value costs one answer, not four. `chosen` says
whether the person chose the period (else its end follows today while the
review is in progress). Finishing stores the figures of the period (JSON,
`interchange/review_json.py`'s evidence) and a snapshot of the role's map
(its Rolemap JSON values without records) and sets `finished`. A role has at
most one review in progress.

Actions are follow-ups a review records (`review_id`); open ones carry into
the next review, which ticks them off (`done`) or drops them (`closed_in`
names that review). `node_id` is not a foreign key: an action about a node
that is later deleted keeps its text.
"""

from __future__ import annotations

import sqlite3


def create_review_tables(conn: sqlite3.Connection) -> None:
    """Make the tables (inside the migration's transaction)."""
    conn.execute(
        "CREATE TABLE reviews (id TEXT PRIMARY KEY, role_id TEXT NOT NULL REFERENCES roles(id), "
        "first_day TEXT NOT NULL, last_day TEXT NOT NULL, chosen INTEGER NOT NULL DEFAULT 0, "
        "started TEXT NOT NULL, finished TEXT, "
        "answer_1 TEXT NOT NULL DEFAULT '', answer_2 TEXT NOT NULL DEFAULT '', "
        "answer_3 TEXT NOT NULL DEFAULT '', answer_4 TEXT NOT NULL DEFAULT '', "
        "figures TEXT, snapshot TEXT)"
    )
    conn.execute("CREATE INDEX idx_reviews_role ON reviews (role_id, last_day)")
    conn.execute(
        "CREATE UNIQUE INDEX idx_reviews_in_progress ON reviews (role_id) WHERE finished IS NULL"
    )
    conn.execute(
        "CREATE TABLE review_actions (id TEXT PRIMARY KEY, "
        "role_id TEXT NOT NULL REFERENCES roles(id), "
        "review_id TEXT NOT NULL REFERENCES reviews(id), text TEXT NOT NULL, node_id TEXT, "
        "status TEXT NOT NULL DEFAULT 'open', closed_in TEXT REFERENCES reviews(id), "
        "position INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute("CREATE INDEX idx_review_actions_role ON review_actions (role_id, status)")
