"""kill -9 during bursts of real edits: the file stays sound and keeps every committed edit.

A warm writer process forks one writer per run (see edit_writer.py); each
run is killed with SIGKILL after a random number of printed commits plus a
random fraction of an edit, so kills land before, inside and after
transactions, and during start-up's WAL recovery. After every kill the file
passes integrity_check and foreign_key_check and holds every promise made
in every run so far.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from promises import Promises, Zygote

KILLS = 100


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_kill_9_at_random_points_loses_no_committed_edit(tmp_path: Path, store: object) -> None:
    db = store.path  # type: ignore[attr-defined]
    store.close()  # type: ignore[attr-defined]
    rng = random.Random(20260125)
    promises = Promises()
    zygote = Zygote()
    killed = checked = 0
    started = time.monotonic()
    try:
        for run in range(KILLS):
            log = tmp_path / f"run-{run}.log"
            pid = zygote.burst(db, seed=run, tag=f"r{run}", log=log)
            wanted = rng.randrange(0, 30)
            deadline = time.monotonic() + 20
            while _lines(log) < wanted and time.monotonic() < deadline:
                time.sleep(0.0005)
            pause = rng.uniform(0, 0.004)  # somewhere inside the next edit
            until = time.perf_counter() + pause
            while time.perf_counter() < until:
                pass
            os.kill(pid, signal.SIGKILL)
            status = zygote.wait(pid)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"run {run} ended on its own (status {status})"
            )
            killed += 1
            promises.read(log.read_text() if log.exists() else "")
            checked = promises.check(db)
    finally:
        zygote.close()
    assert killed == KILLS
    assert promises.lines > KILLS  # the runs did commit edits before they died
    assert not promises.failures
    print(
        f"\n[crash] {killed} kills survived, {promises.lines} promises read, "
        f"{checked} committed edits checked after the last kill, "
        f"{time.monotonic() - started:.1f} s"
    )
