"""The review tables (schema version 6): reviews, their actions, the map's snapshot.

A review covers a period of a role. While in progress it holds the person's
answers as typed; finishing stores the figures of the period and a snapshot
of the role's map (the Rolemap JSON of the role without records) and sets
`finished`. Actions are follow-ups a review records; open ones carry into
the next review, which ticks them off or drops them.
"""

from __future__ import annotations

import sqlite3


def create_review_tables(conn: sqlite3.Connection) -> None:
    """Make the tables (inside the migration's transaction)."""
    conn.execute(
        "CREATE TABLE reviews (id TEXT PRIMARY KEY, role_id TEXT NOT NULL REFERENCES roles(id), "
        "first_day TEXT NOT NULL, last_day TEXT NOT NULL, started TEXT NOT NULL, "
        'finished TEXT, answers TEXT NOT NULL DEFAULT \'["", "", "", ""]\', '
        "figures TEXT, snapshot TEXT)"
    )
    conn.execute("CREATE INDEX idx_reviews_role ON reviews (role_id, last_day)")
    conn.execute(
        "CREATE TABLE review_actions (id TEXT PRIMARY KEY, "
        "role_id TEXT NOT NULL REFERENCES roles(id), "
        "review_id TEXT NOT NULL REFERENCES reviews(id), text TEXT NOT NULL, node_id TEXT, "
        "status TEXT NOT NULL DEFAULT 'open', closed_in TEXT REFERENCES reviews(id), "
        "position INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute("CREATE INDEX idx_review_actions_role ON review_actions (role_id, status)")
