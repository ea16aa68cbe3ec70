"""Every command on a database it cannot write: a read-only folder, and a full disk.

Root ignores file modes, so where the tests run as root the commands run with
the capabilities that bypass permission checks dropped (`setpriv`): the
checks are then as real as for any user.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
READS = (["status"], ["report", "--period", "all"], ["check"], ["report", "--json"])
WRITES = (
    ["log", "Weekly 1:1s", "30m"],
    ["start", "Weekly 1:1s"],
    ["deliver", "Growth plans"],
    ["checkin", "Team retention", "88"],
    ["import", str(EXAMPLE), "--replace"],
)


def rolemap(*args: str, unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "rolemap", *args]
    if unprivileged and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("setpriv (util-linux) is needed to drop root's override of file modes")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def clean_refusal(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, (result.args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A database in a folder nobody may write, the file itself 0400."""
    folder = tmp_path / "locked"
    db = folder / "db.sqlite3"
    assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    for sidecar in folder.glob("db.sqlite3-*"):
        sidecar.unlink()
    db.chmod(0o400)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)


def test_a_read_only_database_is_read_and_every_write_refused(locked: Path) -> None:
    before = digest(locked.parent)
    for args in READS:
        result = rolemap(*args, "--db", str(locked), unprivileged=True)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    for args in WRITES:
        clean_refusal(rolemap(*args, "--db", str(locked), unprivileged=True), "read-only")
    assert digest(locked.parent) == before


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip() or 'not root'})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as file:
        while True:
            file.write(b"\0" * 65536)
            file.flush()


def test_every_command_on_a_full_disk_says_so_and_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        db = disk / "db.sqlite3"
        assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
        roles = sqlite3.connect(db).execute("SELECT count(*) FROM nodes").fetchone()
        fill(disk)
        for args in (
            READS
            + WRITES
            + (["backup"], ["export", "--format", "json", "-o", str(disk / "out.json")])
        ):
            result = rolemap(*args, "--db", str(db))
            assert "Traceback" not in result.stderr, (args, result.stderr)
            if result.returncode != 0:
                assert result.returncode == 1 and result.stderr.startswith("rolemap: "), args
        new = rolemap("import", str(EXAMPLE), "--db", str(disk / "new.sqlite3"))
        clean_refusal(new)
        assert not (disk / "new.sqlite3").exists()
        (disk / "filler").unlink()
        assert sqlite3.connect(db).execute("SELECT count(*) FROM nodes").fetchone() == roles
        assert rolemap("check", "--db", str(db)).returncode == 0
