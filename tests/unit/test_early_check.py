"""The opening checks begun early: the same answer as checking at open, on another thread."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.support.check_threads import record_check_threads

from rolemap.services.transfer import seed_example
from rolemap.store import schema
from rolemap.store.database import open_store
from rolemap.store.early_check import check_early
from rolemap.store.errors import UnusableDatabaseError


def _example(path: Path) -> Path:
    open_store(path, create=True, seed=seed_example).close()
    return path


def _scribble(path: Path) -> bytes:
    """Damage only quick_check finds: pages in the middle, header and schema intact."""
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_sound_file_is_checked_on_its_own_thread_and_opened_without_a_second_check(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _example(db_path)
    threads = record_check_threads(monkeypatch)
    early = check_early(db_path)
    assert early is not None
    assert early.result() == schema.SCHEMA_VERSION
    store = open_store(db_path, create=True, early=early)
    try:
        assert store.conn.execute("SELECT count(*) FROM roles").fetchone()[0] == 1
    finally:
        store.close()
    assert threads == ["rolemap-check"]


def test_damage_found_early_is_raised_by_open_store_and_the_file_is_untouched(
    db_path: Path,
) -> None:
    damaged = _scribble(_example(db_path))
    early = check_early(db_path)
    assert early is not None
    with pytest.raises(UnusableDatabaseError) as caught:
        open_store(db_path, create=True, early=early)
    assert caught.value.reason == "damaged"
    assert db_path.read_bytes() == damaged
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_a_check_of_another_file_is_not_taken_for_this_one(tmp_path: Path) -> None:
    sound, damaged = _example(tmp_path / "sound.sqlite3"), _example(tmp_path / "damaged.sqlite3")
    _scribble(damaged)
    early = check_early(sound)
    with pytest.raises(UnusableDatabaseError):
        open_store(damaged, early=early)


def test_nothing_is_begun_for_a_missing_file_or_a_fifo(tmp_path: Path) -> None:
    assert check_early(tmp_path / "missing.sqlite3") is None
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    assert check_early(fifo) is None  # reading it would block the thread for ever


def test_a_file_changed_after_the_check_began_is_checked_again(db_path: Path) -> None:
    _example(db_path)
    early = check_early(db_path)
    assert early is not None
    early.result()  # sound when it was checked
    damaged = _scribble(db_path)  # then damaged before the window opens it
    with pytest.raises(UnusableDatabaseError) as caught:
        open_store(db_path, create=True, early=early)
    assert caught.value.reason == "damaged"
    assert db_path.read_bytes() == damaged


def test_a_file_replaced_by_a_sound_one_is_opened(tmp_path: Path) -> None:
    path, sound = tmp_path / "roles.sqlite3", _example(tmp_path / "sound.sqlite3")
    _scribble(_example(path))
    early = check_early(path)
    assert early is not None
    with pytest.raises(UnusableDatabaseError):
        early.result()  # damaged when it was checked
    os.replace(sound, path)  # then a backup put back while Rolemap was starting
    open_store(path, early=early).close()
