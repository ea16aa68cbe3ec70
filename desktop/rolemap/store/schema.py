"""Schema migrations, one function per version, each run in one transaction.

`user_version` holds the schema version. To change the schema, add a function
to MIGRATIONS; never edit a released one. Tables are made with sqlite-utils,
which is imported only here and by bulk imports (it costs ~250 ms at start-up,
mostly numpy, so the start-up and autosave paths use the plain connection).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x526F6C65  # "Role", in the SQLite header at offset 68


def _v1_role_map(conn: sqlite3.Connection) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db.table("roles").create(
        {
            "id": str,
            "name": str,
            "purpose": str,
            "accountabilities": str,
            "domains": str,
            "decision_rights": str,
            "review_cadence": str,
            "categories": str,
            "ideal_allocation": str,
            "purposeful_target": float,
            "created": str,
            "position": int,
        },
        pk="id",
        not_null={"name"},
        defaults={"purpose": "", "review_cadence": "month", "position": 0},
    )
    db.table("nodes").create(
        {
            "id": str,
            "role_id": str,
            "kind": str,
            "title": str,
            "notes": str,
            "x": float,
            "y": float,
            "details": str,
        },
        pk="id",
        not_null={"role_id", "kind", "title"},
        defaults={"notes": "", "x": 0.0, "y": 0.0, "details": "{}"},
        foreign_keys=[("role_id", "roles", "id")],
    )
    db.table("nodes").create_index(["role_id"])
    db.table("links").create(
        {
            "id": str,
            "role_id": str,
            "source": str,
            "target": str,
            "weight": float,
            "confidence": float,
            "note": str,
        },
        pk="id",
        not_null={"role_id", "source", "target"},
        defaults={"note": ""},
        foreign_keys=[
            ("role_id", "roles", "id"),
            ("source", "nodes", "id"),
            ("target", "nodes", "id"),
        ],
    )
    db.table("links").create_index(["source", "target"], unique=True)
    db.table("links").create_index(["target"])
    db.table("links").create_index(["role_id"])


def _v2_tracking(conn: sqlite3.Connection) -> None:
    """Time entries, deliveries and check-ins: the record each lane keeps."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db.table("time_entries").create(
        {
            "id": str,
            "activity_id": str,
            "start": int,  # UTC epoch seconds
            "duration": int,  # seconds; NULL while a timer runs
            "note": str,
            "source": str,
            "external_id": str,
            "example": int,
        },
        pk="id",
        not_null={"activity_id", "start"},
        defaults={"note": "", "source": "manual", "example": 0},
        foreign_keys=[("activity_id", "nodes", "id")],
    )
    db.table("time_entries").create_index(["activity_id", "start"])
    db.table("time_entries").create_index(["start"])
    db.table("time_entries").create_index(["source", "external_id"])
    db.table("deliveries").create(
        {
            "id": str,
            "output_id": str,
            "date": str,
            "title": str,
            "link": str,
            "example": int,
        },
        pk="id",
        not_null={"output_id", "date"},
        defaults={"title": "", "link": "", "example": 0},
        foreign_keys=[("output_id", "nodes", "id")],
    )
    db.table("deliveries").create_index(["output_id", "date"])
    db.table("checkins").create(
        {
            "id": str,
            "outcome_id": str,
            "date": str,
            "value": float,
            "confidence": float,
            "note": str,
            "example": int,
        },
        pk="id",
        not_null={"outcome_id", "date", "value"},
        defaults={"note": "", "example": 0},
        foreign_keys=[("outcome_id", "nodes", "id")],
    )
    db.table("checkins").create_index(["outcome_id", "date"])
    # Small settings that belong with the data (e.g. a role's export preset):
    # key → JSON text.
    db.table("preferences").create({"key": str, "value": str}, pk="key", not_null={"value"})


def _v3_rollup(conn: sqlite3.Connection) -> None:
    """The daily roll-up of tracked time per local day, kept by triggers (store/rollup.py)."""
    from rolemap.store.rollup import create_rollup

    create_rollup(conn)


def _v4_running_timer(conn: sqlite3.Connection) -> None:
    """Find the running timer (the entry with no duration) without scanning every entry.

    The Track tab looks for it after every edit; a scan of a million entries
    costs ~100 ms, the partial index (one row at most) nothing.
    """
    conn.execute(
        "CREATE INDEX IF NOT EXISTS idx_time_entries_running ON time_entries (start) "
        "WHERE duration IS NULL"
    )


def _v5_role_plan_fields_and_time_rules(conn: sqlite3.Connection) -> None:
    """A role's weekly capacity and notes for a successor; the rules that map imported time.

    Rules are an ordered list per role (first match wins); each names the field
    it reads, how it matches, the text or pattern, and the activity it maps to.
    Imported entries are found again by (source, external_id): that lookup
    serves "re-importing adds nothing twice". A rule's activity is not a foreign
    key: deleting the activity leaves the rule unused (passed over), and undoing
    the delete brings it back with the activity.
    """
    conn.execute("ALTER TABLE roles ADD COLUMN weekly_capacity REAL NOT NULL DEFAULT 40")
    conn.execute("ALTER TABLE roles ADD COLUMN successor_notes TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "CREATE TABLE time_rules (id TEXT PRIMARY KEY, role_id TEXT NOT NULL REFERENCES roles(id), "
        "position INTEGER NOT NULL, field TEXT NOT NULL, how TEXT NOT NULL, value TEXT NOT NULL, "
        "activity_id TEXT NOT NULL)"
    )
    conn.execute("CREATE INDEX idx_time_rules_role ON time_rules (role_id, position)")
    conn.execute("CREATE INDEX idx_time_rules_activity ON time_rules (activity_id)")


def _v6_reviews(conn: sqlite3.Connection) -> None:
    """Reviews of a role, their follow-up actions, and the map as it was when each finished."""
    from rolemap.store.review_tables import create_review_tables

    create_review_tables(conn)


def _v7_plans(conn: sqlite3.Connection) -> None:
    """The week's plan and the quarterly checklist."""
    from rolemap.store.plan_tables import create_plan_tables

    create_plan_tables(conn)


def _v8_track_orders(conn: sqlite3.Connection) -> None:
    """An index for each order of the Track tab's tables (store/record_orders.py).

    A page of a million-entry log sorted by duration, end or note is then a
    range search that stops after its rows, instead of a sort of every entry
    (1.5 s); the small tables get one on their date. The keys are written as
    the pages' queries write them: SQLite matches an index on an expression
    only to the same expression.
    """
    conn.execute(
        "CREATE INDEX idx_time_entries_duration ON time_entries (IFNULL(duration, -1), start)"
    )
    conn.execute(
        "CREATE INDEX idx_time_entries_end ON time_entries (start + IFNULL(duration, 0), start)"
    )
    conn.execute(
        "CREATE INDEX idx_time_entries_note ON time_entries "
        "(IFNULL(note, '') COLLATE NOCASE, start)"
    )
    conn.execute("CREATE INDEX idx_deliveries_date ON deliveries (date)")
    conn.execute("CREATE INDEX idx_checkins_date ON checkins (date)")


def _v9_example_entries(conn: sqlite3.Connection) -> None:
    """Find the example's sample entries without visiting every entry of the role.

    The welcome page asks whether a role still carries them: with only the
    activity index, a role of a million entries and no sample left was read
    whole (1.7 s, twice as the page opened). The partial index holds only the
    sample entries, a few hundred rows at most.
    """
    conn.execute(
        "CREATE INDEX idx_time_entries_example ON time_entries (activity_id) WHERE example = 1"
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_role_map,
    _v2_tracking,
    _v3_rollup,
    _v4_running_timer,
    _v5_role_plan_fields_and_time_rules,
    _v6_reviews,
    _v7_plans,
    _v8_track_orders,
    _v9_example_entries,
)
SCHEMA_VERSION = len(MIGRATIONS)

# The tables each migration adds: a file that claims a version must hold them.
TABLES_ADDED: tuple[tuple[str, ...], ...] = (
    ("roles", "nodes", "links"),
    ("time_entries", "deliveries", "checkins", "preferences"),
    ("local_days", "local_zone", "time_rollup"),
    (),
    ("time_rules",),
    ("reviews", "review_actions"),
    ("week_plans", "plan_hours", "plan_outputs", "plan_focus", "checklist_items"),
    (),
    (),
)


def missing_tables(conn: sqlite3.Connection, version: int) -> list[str]:
    """The tables a file of schema `version` should hold and does not."""
    present = {
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    expected = [t for added in TABLES_ADDED[:version] for t in added]
    return [table for table in expected if table not in present]


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's schema version (`user_version`)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Bring the schema up to `target`, one transaction per step.

    A step that fails rolls back and leaves the file at the previous version.
    """
    current = schema_version(conn)
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
