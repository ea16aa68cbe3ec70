"""Schema migrations: a v1 file is upgraded, backed up first, and keeps its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rolemap.domain.entities import Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.store import schema
from rolemap.store.database import open_store
from rolemap.store.role_repository import RoleRepository


def _make_v1(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, target=1)
    conn.execute(
        "INSERT INTO roles (id, name, purpose, categories) VALUES ('r1', 'Old role', 'p', '[]')"
    )
    conn.execute(
        "INSERT INTO nodes (id, role_id, kind, title, details) "
        "VALUES ('n1', 'r1', 'activity', 'Weekly 1:1s', '{}')"
    )
    conn.close()


def test_v1_file_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _make_v1(path)
    store = open_store(path)
    try:
        assert schema.schema_version(store.conn) == schema.SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"time_entries", "deliveries", "checkins", "preferences"} <= tables
        role_map = RoleRepository(store).load_map("r1")
        assert role_map.nodes["n1"].title == "Weekly 1:1s"
    finally:
        store.close()
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    check = sqlite3.connect(backups[0])
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    assert check.execute("SELECT title FROM nodes").fetchone()[0] == "Weekly 1:1s"
    check.close()


def test_failed_migration_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    _make_v1(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_made (x)")
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn, target=2)
    assert schema.schema_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half_made'").fetchone() == (
        0,
    )
    conn.close()


def test_repository_round_trips_every_field(empty_store: object) -> None:
    repo = RoleRepository(empty_store)  # type: ignore[arg-type]
    role = Role(
        id="r",
        name="Role",
        purpose="Why",
        accountabilities=("a", "b"),
        domains=("d",),
        decision_rights=("x",),
        review_cadence="quarter",
        ideal_allocation={"Other": 0.5},
        purposeful_target=0.6,
        created="2026-11-25",
    )
    node = Node("n", "r", NodeKind.OUTCOME, "Goal", "notes", 1.5, 2.5, {"target": 3.0})
    with empty_store.transaction():  # type: ignore[attr-defined]
        repo.put_role(role)
        repo.insert_nodes([node])
    loaded = repo.load_map("r")
    assert loaded.role == role
    assert loaded.nodes["n"] == node
