"""One window per database: the lock file, the request to come forward, stale locks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from rolemap.ui.single_instance import SingleInstance, lock_path, server_name

ROOT = Path(__file__).resolve().parents[2]
SECOND = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {desktop!r})
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication
    from rolemap.ui.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance({db!r})
    print("acquired" if instance.acquire() else "refused", flush=True)
    if sys.argv[1:] == ["die"]:
        os.kill(os.getpid(), 9)
    instance.release()
    """
)


def _second(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = SECOND.format(desktop=str(ROOT / "desktop"), db=str(db))
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=30
    )


def test_a_second_instance_is_refused_and_brings_the_first_forward(
    qtbot: object, db_path: Path
) -> None:
    first = SingleInstance(db_path)
    assert first.acquire()
    first.listen()
    try:
        assert lock_path(db_path).exists()
        with qtbot.waitSignal(first.activation_requested, timeout=10_000):  # type: ignore[attr-defined]
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    SECOND.format(desktop=str(ROOT / "desktop"), db=str(db_path)),
                ],
                stdout=subprocess.PIPE,
                text=True,
            )
        out, _ = process.communicate(timeout=30)
        assert out.strip() == "refused"
    finally:
        first.release()
    assert not lock_path(db_path).exists()
    assert _second(db_path).stdout.strip() == "acquired"


def test_a_lock_left_by_a_killed_instance_is_taken_over(qapp: object, db_path: Path) -> None:
    died = _second(db_path, "die")
    assert died.stdout.strip() == "acquired" and died.returncode == -9
    assert lock_path(db_path).exists()  # left behind by kill -9
    survivor = SingleInstance(db_path)
    try:
        assert survivor.acquire()
    finally:
        survivor.release()


def test_server_names_differ_per_file_and_agree_per_file(tmp_path: Path) -> None:
    one, two = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert server_name(one) == server_name(tmp_path / "." / "a.sqlite3")
    assert server_name(one) != server_name(two)
