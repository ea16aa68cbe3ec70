"""The backups folder: names, listing with counts, checking, thinning, restoring, setting aside."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from rolemap.store.backup_folder import (
    backup_name,
    backups_folder,
    list_backups,
    make_backup,
    newest_sound_backup,
    parse_backup_time,
    thin_backups,
    verify_backup,
)
from rolemap.store.database import Store, open_store
from rolemap.store.errors import StoreError
from rolemap.store.restore import restore_backup, restore_to_path, set_aside

T0 = dt.datetime(2026, 1, 25, 10, 15, 0, tzinfo=dt.UTC)


def test_names_carry_the_utc_time_and_parse_back() -> None:
    name = backup_name(Path("/d/rolemap.sqlite3"), T0)
    assert name == "rolemap-2026-01-25T10-15-00Z.sqlite3"
    assert parse_backup_time(name) == T0
    assert parse_backup_time("rolemap-2026-01-25T10-15-00Z-2.sqlite3") == T0
    assert parse_backup_time("rolemap-before-schema-2.sqlite3") is None


def test_a_backup_lists_with_its_counts_and_checks_clean(store: Store) -> None:
    path = make_backup(store.conn, store.path, now=T0)
    assert path.parent == backups_folder(store.path) == store.path.parent / "backups"
    (info,) = list_backups(store.path)
    roles, nodes, entries = (
        store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("roles", "nodes", "time_entries")
    )
    assert (info.taken, info.roles, info.nodes, info.time_entries) == (T0, roles, nodes, entries)
    assert info.size == path.stat().st_size and info.timestamped
    assert verify_backup(path) == ""
    assert newest_sound_backup(store.path) == info


def test_the_newest_sound_backup_skips_damaged_ones(store: Store) -> None:
    good = make_backup(store.conn, store.path, now=T0)
    bad = make_backup(store.conn, store.path, now=T0 + dt.timedelta(hours=1))
    data = bytearray(bad.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\x5a" * 8192
    bad.write_bytes(bytes(data))
    assert verify_backup(bad) != ""
    found = newest_sound_backup(store.path)
    assert found is not None and found.path == good


def test_thinning_deletes_only_timestamped_backups_of_this_database(store: Store) -> None:
    for hour in range(40):
        make_backup(store.conn, store.path, now=T0 + dt.timedelta(hours=hour), thin=False)
    folder = backups_folder(store.path)
    other = folder / "rolemap-before-schema-3.sqlite3"
    other.write_bytes(b"kept")
    deleted = thin_backups(store.path)
    assert deleted and all(not p.exists() for p in deleted)
    assert other.exists()
    remaining = [b for b in list_backups(store.path) if b.timestamped]
    # 40 hourly backups over three days: the last 12, plus the newest of the first day.
    assert len(remaining) == 13


def test_restore_into_the_open_database_backs_up_first_and_others_see_it(store: Store) -> None:
    backup = make_backup(store.conn, store.path, now=T0)
    count = store.conn.execute("SELECT count(*) FROM nodes").fetchone()[0]
    reader = sqlite3.connect(store.path)
    try:
        with store.transaction():
            store.conn.execute("DELETE FROM links")
        safety = restore_backup(store, backup)
        assert reader.execute("SELECT count(*) FROM links").fetchone()[0] > 0
    finally:
        reader.close()
    assert store.conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == count
    with sqlite3.connect(f"file:{safety}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM links").fetchone()[0] == 0
    conn.close()
    assert backup.exists() and store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_refuses_a_damaged_or_foreign_backup_and_changes_nothing(
    store: Store, tmp_path: Path
) -> None:
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = store.conn.execute("SELECT count(*) FROM nodes").fetchone()[0]
    with pytest.raises(StoreError, match="another application"):
        restore_backup(store, foreign)
    with pytest.raises(StoreError, match="no backup file"):
        restore_backup(store, tmp_path / "missing.sqlite3")
    assert store.conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == before
    assert not backups_folder(store.path).exists()


def test_a_damaged_file_is_set_aside_with_its_wal_then_restored_to_its_path(
    store: Store,
) -> None:
    backup = make_backup(store.conn, store.path, now=T0)
    path = store.path
    with store.transaction():
        store.conn.execute("DELETE FROM links")
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    main, log = path.read_bytes(), wal.read_bytes()
    aside = set_aside(path, now=T0)
    assert aside.name == "rolemap.sqlite3.damaged-20260125-101500"
    assert aside.read_bytes() == main
    assert aside.with_name(aside.name + "-wal").read_bytes() == log
    assert not path.exists() and not wal.exists()
    with pytest.raises(StoreError):
        restore_to_path(backup, aside)  # something is in the way
    restore_to_path(backup, path)
    store.close()
    reopened = open_store(path)
    try:
        assert reopened.conn.execute("SELECT count(*) FROM links").fetchone()[0] > 0
    finally:
        reopened.close()
