"""Opening files: a new file is made safely; a file that is not ours is never touched."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from rolemap.services.transfer import seed_example
from rolemap.store import schema
from rolemap.store.database import open_store
from rolemap.store.errors import DatabaseMissingError, UnusableDatabaseError
from rolemap.store.role_repository import RoleRepository


def _snapshot(path: Path) -> tuple[bytes, list[str]]:
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def _expect_refused(path: Path, reason: str, message: str) -> None:
    before = _snapshot(path)
    with pytest.raises(UnusableDatabaseError, match=message) as caught:
        open_store(path, create=True)
    assert caught.value.reason == reason
    assert "It was not changed" in str(caught.value)
    assert _snapshot(path) == before


def test_first_start_creates_private_folder_and_file_with_the_example(db_path: Path) -> None:
    store = open_store(db_path, create=True, seed=seed_example)
    try:
        roles = RoleRepository(store).list_roles()
        assert [r.name for r in roles] == ["Engineering manager"]
        assert len(RoleRepository(store).load_map(roles[0].id).nodes) == 18
    finally:
        store.close()
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_missing_file_is_an_error_unless_creation_is_asked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissingError, match="no Rolemap database"):
        open_store(tmp_path / "nowhere.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    _expect_refused(path, "empty", "empty file")


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.sqlite3"
    path.write_bytes(os.urandom(8192))
    _expect_refused(path, "not-sqlite", "not SQLite")


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n" * 50)
    _expect_refused(path, "not-sqlite", "not SQLite")


def test_truncated_database_is_refused(store: object, db_path: Path, tmp_path: Path) -> None:
    store.close()  # type: ignore[attr-defined]
    data = db_path.read_bytes()
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(data[: len(data) // 2])
    _expect_refused(cut, "damaged", "damaged")


def test_corrupted_pages_are_refused(store: object, db_path: Path, tmp_path: Path) -> None:
    store.close()  # type: ignore[attr-defined]
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size, len(data), page_size):  # every page but the header's
        data[offset : offset + 64] = b"\xff" * 64
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(bytes(data))
    _expect_refused(broken, "damaged", "damaged")


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    _expect_refused(path, "foreign", "another application")


def test_newer_schema_is_refused(store: object, db_path: Path) -> None:
    store.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")  # type: ignore[attr-defined]
    store.close()  # type: ignore[attr-defined]
    _expect_refused(db_path, "newer", "newer Rolemap")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnusableDatabaseError, match="folder"):
        open_store(tmp_path, create=True)


def test_pragmas_are_set(store: object) -> None:
    conn = store.conn  # type: ignore[attr-defined]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_read_only_open_skips_the_full_scan_and_refuses_writes(
    store: object, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()  # type: ignore[attr-defined]
    from rolemap.store import database

    real = database._inspect

    def scan(path: Path, version: int, deep: bool) -> str:
        assert not deep, "quick_check ran"
        return real(path, version, deep)

    monkeypatch.setattr(database, "_inspect", scan)
    opened = open_store(db_path, read_only=True)
    try:
        assert len(RoleRepository(opened).list_roles()) == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            opened.conn.execute("DELETE FROM roles")
    finally:
        opened.close()


def test_read_only_open_still_refuses_a_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(UnusableDatabaseError, match="another application"):
        open_store(path, read_only=True)
