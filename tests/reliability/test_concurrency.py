"""Two processes on one file: concurrent writers, and a backup taken while one writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

from promises import Promises, Zygote

from rolemap.store.backup_folder import make_backup, verify_backup


def _wait_for_lines(log: Path, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and log.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.001)
    raise AssertionError(f"{log} did not reach {count} lines")


def test_two_writers_at_once_lose_nothing_and_corrupt_nothing(
    tmp_path: Path, store: object
) -> None:
    db = store.path  # type: ignore[attr-defined]
    store.close()  # type: ignore[attr-defined]
    zygote = Zygote()
    try:
        logs = [tmp_path / "one.log", tmp_path / "two.log"]
        pids = [
            zygote.burst(db, seed=i, tag=f"w{i}", log=log, max_edits=150)
            for i, log in enumerate(logs)
        ]
        statuses = [zygote.wait(pid) for pid in pids]
    finally:
        zygote.close()
    assert statuses == [0, 0], [log.read_text()[-300:] for log in logs]
    promises = Promises()
    for log in logs:
        promises.read(log.read_text())
    # Both waited their turn on the busy timeout: nothing failed, nothing was lost.
    assert promises.failures == []
    checked = promises.check(db)
    assert checked >= 2 * 100
    print(f"\n[concurrent] 2 writers, {promises.lines} promises, {checked} commits checked")


def test_backup_while_another_process_writes_holds_every_earlier_commit(
    tmp_path: Path, store: object
) -> None:
    db = store.path  # type: ignore[attr-defined]
    store.close()  # type: ignore[attr-defined]
    zygote = Zygote()
    log = tmp_path / "writer.log"
    try:
        pid = zygote.burst(db, seed=3, tag="b", log=log)
        _wait_for_lines(log, 40)
        before = log.read_text()  # every commit promised before the backup begins
        conn = sqlite3.connect(db)
        try:
            backup = make_backup(conn, db)
        finally:
            conn.close()
        _wait_for_lines(log, before.count("\n") + 5)  # the writer went on writing
        os.kill(pid, signal.SIGKILL)
        zygote.wait(pid)
    finally:
        zygote.close()
    assert verify_backup(backup) == ""
    earlier = Promises()
    earlier.read(before)
    later = Promises()
    later.read(log.read_text())
    # A node removed after the backup began may be gone in it; nothing else may.
    earlier.maybe_removed |= later.maybe_removed
    checked = earlier.check(backup)
    assert checked >= 30
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    print(f"\n[backup while writing] {checked} earlier commits found in the backup")
