"""Every command on a database it cannot write: a read-only folder, and a full disk.

Root ignores file modes, so where the tests run as root the commands run with
the capabilities that bypass permission checks dropped (`setpriv`): the
checks are then as real as for any user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolemap.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
TIMEW = ROOT / "tests" / "data" / "time" / "timew-export.json"
# {out}: a folder that may be written; {entry}: a time entry's id; {timew}: a time file.
READS: tuple[list[str], ...] = (
    ["status"],
    ["report", "--period", "all"],
    ["check"],
    ["report", "--json"],
    ["log", "--list", "--period", "all"],
    ["log", "--list", "--json"],
    ["plan", "show"],
    ["plan", "show", "--week", "last", "--json"],
    ["plan", "print", "-o", "{out}/week.pdf"],
    ["review", "list", "--json"],
    ["review", "show"],
    ["review", "diff", "last", "--json"],
    ["review", "export", "last", "-o", "{out}/review.md"],
    ["manual", "-o", "{out}/manual.md"],
    ["checklist", "--json"],
    ["rules", "list", "--json"],
    ["templates"],
    ["import-time", "timew", "{timew}", "--dry-run", "--skip-unmapped"],
    ["export-time", "--format", "csv", "-o", "{out}/toggl.csv"],
    ["export-time", "--format", "timew", "-o", "{out}/timew.json"],
    *(
        ["export", "--format", name, "-o", f"{{out}}/map.{name}"]
        for name in ("mermaid", "dot", "canvas", "graphml", "markdown")
    ),
)
WRITES: tuple[list[str], ...] = (
    ["log", "Weekly 1:1s", "30m"],
    ["start", "Weekly 1:1s"],
    ["deliver", "Growth plans"],
    ["checkin", "Team retention", "88"],
    ["import", str(EXAMPLE), "--replace"],
    ["edit", "{entry}", "--note", "moved"],
    ["delete", "{entry}"],
    ["continue"],
    ["new", "Second role", "--blank"],
    ["new", "Second role", "--template", "engineering-manager"],
    ["plan", "set", "Weekly 1:1s", "7"],
    ["plan", "unset", "Weekly 1:1s"],
    ["plan", "intend", "Growth plans", "--count", "2"],
    ["plan", "focus", "Team retention"],
    ["plan", "copy-last", "--week", "next"],
    ["review", "answer", "2", "An answer"],
    ["review", "action", "add", "An action"],
    ["review", "action", "done", "1"],
    ["review", "finish"],
    ["review", "discard"],
    ["checklist", "add", "An item of my own"],
    ["checklist", "tick", "team survey"],
    ["checklist", "remove", "team survey"],
    ["rules", "add", "title", "standup", "Cross-team syncs"],
    ["rules", "remove", "1"],
    ["rules", "move", "1", "2"],
    ["import-time", "timew", "{timew}", "--skip-unmapped"],
)
# With a timer running: what only then writes.
WRITES_WHILE_RUNNING: tuple[list[str], ...] = (["stop"], ["cancel"])
# What the locked database holds before it is locked, so that each write above would
# be taken by a database that can be written (`test_each_write_is_taken_when_writable`).
TODAY = dt.date.today()
REVIEWED = (str(TODAY - dt.timedelta(days=40)), str(TODAY - dt.timedelta(days=10)))
SETUP: tuple[list[str], ...] = (
    ["log", "Weekly 1:1s", "45m", "--at", f"{TODAY - dt.timedelta(days=1)} 09:00"],
    ["plan", "set", "Weekly 1:1s", "3"],
    ["review", "start", "--from", REVIEWED[0], "--to", REVIEWED[1]],
    ["review", "answer", "1", "What the role is for"],
    ["review", "finish"],
    ["review", "start"],
    ["review", "action", "add", "Hire a second lead"],
    ["rules", "add", "tag", "hiring", "Hiring loops"],
    ["rules", "add", "title", "1:1", "Weekly 1:1s", "--how", "contains"],
    ["checklist", "add", "Read the team survey"],
)


def fill(args: list[str], **values: str) -> list[str]:
    return [arg.format(**values) for arg in args]


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


def quietly(*args: str) -> int:
    """Run a command in this process, its output dropped (setting the database up)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))


def prepare(db: Path, *, running: bool = False) -> None:
    """The example role with an entry, a plan, a finished review and one in progress, and
    rules; `running` starts a timer too."""
    assert quietly("import", str(EXAMPLE), "--db", str(db)) == 0
    for args in SETUP + ((["start", "Code reviews"],) if running else ()):
        assert quietly(*args, "--db", str(db)) == 0, args
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    for sidecar in db.parent.glob(f"{db.name}-*"):
        sidecar.unlink()


def values(db: Path, out: Path) -> dict[str, str]:
    """What fills the commands' {placeholders} for database `db`."""
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)  # touches nothing
    try:
        entry = conn.execute("SELECT id FROM time_entries ORDER BY start DESC").fetchone()
    finally:
        conn.close()
    return {"out": str(out), "entry": entry[0] if entry else "none", "timew": str(TIMEW)}


def lock(tmp_path: Path, *, running: bool = False) -> Path:
    """A prepared database in a folder nobody may write, the file itself 0400."""
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "db.sqlite3"
    prepare(db, running=running)
    db.chmod(0o400)
    folder.chmod(0o555)
    (tmp_path / "out").mkdir()
    return db


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    """A database in a folder nobody may write, the file itself 0400."""
    yield lock(tmp_path)
    (tmp_path / "locked").chmod(0o755)


@pytest.fixture
def locked_running(tmp_path: Path) -> Iterator[Path]:
    """The same, with a timer running."""
    yield lock(tmp_path, running=True)
    (tmp_path / "locked").chmod(0o755)


def test_each_write_is_taken_when_writable(tmp_path: Path) -> None:
    """So that a refusal on the locked database is for being read-only, not for the state."""
    seed = tmp_path / "seed.sqlite3"
    prepare(seed)
    for number, args in enumerate(WRITES):
        db = tmp_path / f"{number}.sqlite3"
        shutil.copyfile(seed, db)
        assert quietly(*fill(args, **values(db, tmp_path)), "--db", str(db)) == 0, args
    running = tmp_path / "running.sqlite3"
    prepare(running, running=True)
    for number, args in enumerate(WRITES_WHILE_RUNNING):
        db = tmp_path / f"running-{number}.sqlite3"
        shutil.copyfile(running, db)
        assert quietly(*args, "--db", str(db)) == 0, args


def test_a_read_only_database_is_read_and_every_write_refused(locked: Path) -> None:
    before = digest(locked.parent)
    filled = values(locked, locked.parent.parent / "out")
    for args in READS:
        result = rolemap(*fill(args, **filled), "--db", str(locked), unprivileged=True)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    for args in WRITES:
        result = rolemap(*fill(args, **filled), "--db", str(locked), unprivileged=True)
        clean_refusal(result, "read-only")
    assert digest(locked.parent) == before


def test_stopping_a_timer_on_a_read_only_database_is_refused(locked_running: Path) -> None:
    before = digest(locked_running.parent)
    assert rolemap("status", "--db", str(locked_running), unprivileged=True).returncode == 0
    for args in WRITES_WHILE_RUNNING:
        result = rolemap(*args, "--db", str(locked_running), unprivileged=True)
        clean_refusal(result, "read-only")
    assert digest(locked_running.parent) == before


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


def fill_up(folder: Path) -> None:
    with contextlib.suppress(OSError), (folder / "filler").open("wb") as file:
        while True:
            file.write(b"\0" * 65536)
            file.flush()


def test_every_command_on_a_full_disk_says_so_and_loses_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        db = disk / "db.sqlite3"
        assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
        roles = sqlite3.connect(db).execute("SELECT count(*) FROM nodes").fetchone()
        (disk / "out").mkdir()
        filled = values(db, disk / "out")
        fill_up(disk)
        for args in (
            READS
            + WRITES
            + (["backup"], ["export", "--format", "json", "-o", str(disk / "out.json")])
        ):
            result = rolemap(*fill(args, **filled), "--db", str(db))
            assert "Traceback" not in result.stderr, (args, result.stderr)
            if result.returncode != 0:
                assert result.returncode == 1 and result.stderr.startswith("rolemap: "), args
        new = rolemap("import", str(EXAMPLE), "--db", str(disk / "new.sqlite3"))
        clean_refusal(new)
        assert not (disk / "new.sqlite3").exists()
        (disk / "filler").unlink()
        assert sqlite3.connect(db).execute("SELECT count(*) FROM nodes").fetchone() == roles
        assert rolemap("check", "--db", str(db)).returncode == 0
