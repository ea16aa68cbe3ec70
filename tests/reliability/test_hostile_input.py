"""Hostile and careless input through the command line: a clear message, and nothing changed.

Each case names the defect it guards against. A refused command exits with
status 1 (or 2 for a usage error), says why on stderr without a traceback, and
leaves the database byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"


def rolemap(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Berlin", **env},
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    result = rolemap("import", str(EXAMPLE), "--db", str(path))
    assert result.returncode == 0, result.stderr
    # A checkpoint, so that the file alone holds everything and can be compared.
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return path


def refused(result: subprocess.CompletedProcess[str], *words: str, code: int = 1) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text())  # type: ignore[no-any-return]


def as_new_role(document: dict[str, Any]) -> dict[str, Any]:
    role = document["roles"][0]
    role["id"], role["name"] = "hostile", "Hostile"
    return document


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "file.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def changed(document: dict[str, Any], mutate: str) -> str:
    role = document["roles"][0]
    entry = role["time_entries"][0] if role.get("time_entries") else None
    match mutate:
        case "surrogate title":
            return json.dumps(document).replace(role["nodes"][0]["title"], "\\ud800", 1)
        case "surrogate accountability":
            role["accountabilities"] = ["x"]
            return json.dumps(document).replace('["x"]', '["\\udfff"]')
        case "escape in title":
            role["nodes"][0]["title"] = "\x1b]0;owned\x07Title"
        case "huge duration":
            assert entry is not None
            entry["duration"] = 2**63
        case "huge x":
            return json.dumps(document).replace('"x": 368.0', '"x": 1' + "0" * 400, 1)
        case "NaN x":
            return json.dumps(document).replace('"x": 368.0', '"x": NaN', 1)
        case "Infinity weight":
            role["links"][0]["weight"] = 1.0
            return json.dumps(document).replace('"weight": 1.0', '"weight": Infinity', 1)
        case "NaN allocation":
            return json.dumps(document).replace(
                '"ideal_allocation": {', '"ideal_allocation": {"X": NaN, ', 1
            )
        case "long entry":
            assert entry is not None
            entry["duration"] = 10**12
        case "year 1":
            assert entry is not None
            entry["start"] = -62135596800
        case "year 9999":
            assert entry is not None
            entry["start"] = 253402214400
        case "two timers":
            role["time_entries"].extend(
                {
                    "id": f"run{i}",
                    "activity": entry["activity"],
                    "start": 1_700_000_000 + i,
                    "duration": None,
                }
                for i in range(2)
                if entry is not None
            )
        case "long accountability":
            role["accountabilities"] = ["x" * 3000]
        case "duplicate key":
            return json.dumps(document).replace('"name": "Hostile"', '"name": "A", "name": "B"')
        case "zero roles":
            document["roles"] = []
    return json.dumps(document)


def with_records() -> dict[str, Any]:
    document = as_new_role(example())
    role = document["roles"][0]
    activity = next(n["id"] for n in role["nodes"] if n["kind"] == "activity")
    role["time_entries"] = [
        {"id": "t1", "activity": activity, "start": 1_700_000_000, "duration": 1800}
    ]
    return document


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        ("surrogate title", ["lone surrogate"]),
        ("surrogate accountability", ["lone surrogate"]),
        ("escape in title", ["control character"]),
        ("huge duration", ["duration"]),
        ("huge x", ["greater than the maximum"]),
        ("NaN x", ["NaN"]),
        ("Infinity weight", ["Infinity"]),
        ("NaN allocation", ["NaN"]),
        ("long entry", ["duration"]),
        ("year 1", ["start"]),
        ("year 9999", ["start"]),
        ("two timers", ["running timers"]),
        ("long accountability", ["accountabilities"]),
        ("duplicate key", ["twice"]),
        ("zero roles", ["holds no role"]),
    ],
)
def test_a_hostile_file_is_refused_and_changes_nothing(
    db: Path, tmp_path: Path, mutate: str, words: list[str]
) -> None:
    before = digest(db)
    path = write(tmp_path, changed(with_records(), mutate))
    refused(rolemap("import", str(path), "--db", str(db)), *words)
    assert digest(db) == before


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "rolemap", "version": 1, "roles": [], "x": "\xff\xfe"}',
        '{"format": "rolemap", "version": 1, "roles": [], "x": "caf\xe9"}'.encode("latin-1"),
        json.dumps(example()).encode("utf-16"),
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["invalid bytes", "latin-1", "utf-16", "deep nesting"],
)
def test_unreadable_files_are_refused_without_a_traceback(
    db: Path, tmp_path: Path, content: bytes
) -> None:
    before = digest(db)
    refused(rolemap("import", str(write(tmp_path, content)), "--db", str(db)))
    assert digest(db) == before


def test_a_refused_file_does_not_create_a_database(tmp_path: Path) -> None:
    path = write(tmp_path, changed(with_records(), "NaN x"))
    target = tmp_path / "new" / "db.sqlite3"
    refused(rolemap("import", str(path), "--db", str(target)), "NaN")
    assert not target.exists()


def test_times_outside_the_kept_range_are_refused_everywhere(db: Path) -> None:
    before = digest(db)
    refused(
        rolemap("log", "Weekly 1:1s", "30m", "--at", "2101-01-05 10:00", "--db", str(db)),
        "1970 to 2099",
    )
    refused(rolemap("report", "--to", "9999-12-31", "--db", str(db)), "1970 to 2099")
    refused(rolemap("deliver", "Growth plans", "--on", "1900-01-01", "--db", str(db)), "1970")
    assert digest(db) == before


@pytest.mark.parametrize(
    "args",
    [
        ["log", "Weekly 1:1s", "30m", "--at", ""],
        ["report", "--from", ""],
        ["report", "--to", " "],
        ["status", "--role", ""],
        ["deliver", "Growth plans", "--on", ""],
    ],
)
def test_empty_option_values_are_refused_not_taken_as_absent(db: Path, args: list[str]) -> None:
    before = digest(db)
    refused(rolemap(*args, "--db", str(db)), "empty value", code=2)
    assert digest(db) == before


def test_titles_with_terminal_escapes_are_printed_escaped(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE nodes SET title = ? WHERE title = 'Weekly 1:1s'",
            ("\x1b]0;owned\x07Weekly 1:1s",),
        )
    for args in (
        ["log", "Weekly", "30m"],
        ["status"],
        ["report", "--by", "activity"],
        ["start", "Weekly"],
        ["stop"],
    ):
        result = rolemap(*args, "--db", str(db))
        assert "\x1b" not in result.stdout + result.stderr, args
        assert "\x07" not in result.stdout + result.stderr, args


def test_titles_that_reorder_a_line_are_printed_escaped_and_json_keeps_them(db: Path) -> None:
    """A right-to-left override in a shared title would make a command's line read backwards."""
    title = "Weekly 1:1s \u202esrh 0 :latoT\u202c"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE nodes SET title = ? WHERE title = 'Weekly 1:1s'", (title,))
    logged = rolemap("log", "Weekly", "30m", "--db", str(db))
    result = rolemap("report", "--by", "activity", "--db", str(db))
    for output in (logged.stdout, result.stdout):
        assert "\u202e" not in output and "\\u202e" in output
    listed = rolemap("report", "--json", "--db", str(db))
    assert "\u202e" not in listed.stdout
    assert title in json.dumps(json.loads(listed.stdout), ensure_ascii=False)


def test_a_fifo_is_refused_as_a_database_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    refused(rolemap("status", "--db", str(fifo), timeout=20), "not a regular file")


def test_restore_refuses_a_file_with_the_id_but_none_of_the_tables(
    db: Path, tmp_path: Path
) -> None:
    hollow = tmp_path / "hollow.sqlite3"
    conn = sqlite3.connect(hollow)
    conn.execute(f"PRAGMA application_id = {0x526F6C65}")
    conn.execute("PRAGMA user_version = 4")
    conn.execute("CREATE TABLE unrelated (x)")
    conn.commit()
    conn.close()
    before = digest(db)
    refused(rolemap("restore", str(hollow), "--db", str(db)), "lacks Rolemap's tables")
    assert digest(db) == before
    refused(rolemap("status", "--db", str(hollow)), "lacks Rolemap's tables")


def test_export_never_replaces_a_device_or_a_pipe(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    refused(
        rolemap("export", "--format", "json", "-o", str(fifo), "--db", str(db), timeout=20),
        "not a regular file",
    )
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        refused(
            rolemap("export", "--format", "json", "-o", str(device), "--db", str(db)),
            "not a regular file",
        )
        assert stat.S_ISCHR(device.lstat().st_mode)


def test_exports_are_private_and_keep_an_existing_files_mode(db: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.json"
    assert rolemap("export", "--format", "json", "-o", str(fresh), "--db", str(db)).returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    shared = tmp_path / "shared.json"
    shared.write_text("old")
    shared.chmod(0o640)
    assert rolemap("export", "--format", "json", "-o", str(shared), "--db", str(db)).returncode == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    assert json.loads(shared.read_text())["format"] == "rolemap"
    # A symlink is written through: the link stays, its target gets the export.
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert rolemap("export", "--format", "json", "-o", str(link), "--db", str(db)).returncode == 0
    assert link.is_symlink() and json.loads(target.read_text())["format"] == "rolemap"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_an_export_never_follows_a_link_another_user_planted_in_a_shared_folder(
    tmp_path: Path,
) -> None:
    # /tmp's rule (sticky, world-writable): the kernel follows a link there only for its owner
    # or the folder's; resolving the path in Python first must not step around it.
    db = tmp_path / "db.sqlite3"
    assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    planted = shared / "report.md"
    planted.symlink_to(victim)
    os.lchown(planted, 65534, 65534)  # nobody's link
    result = rolemap("manual", "-o", str(planted), "--db", str(db))
    assert result.returncode != 0 and "another user" in result.stderr
    assert "Traceback" not in result.stderr
    assert victim.read_text() == "precious" and planted.is_symlink()
    # The person's own link in the same folder is written through, as anywhere else.
    own = shared / "mine.md"
    own.symlink_to(victim)
    assert rolemap("manual", "-o", str(own), "--db", str(db)).returncode == 0
    assert victim.read_text().startswith("#")


def test_a_backup_never_writes_through_a_planted_symlink(tmp_path: Path) -> None:
    from rolemap.store.backup_copy import write_backup

    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    destination = tmp_path / "backups" / "copy.sqlite3"
    destination.parent.mkdir()
    # The name the old writer used, predictable from the process id.
    (destination.parent / f".{destination.name}.partial-{os.getpid()}").symlink_to(victim)
    source = sqlite3.connect(tmp_path / "source.sqlite3")
    source.execute("CREATE TABLE t (x)")
    source.commit()
    try:
        write_backup(source, destination)
    finally:
        source.close()
    assert victim.read_text() == "precious"
    assert sqlite3.connect(destination).execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_a_killed_creation_leaves_nothing_behind_after_the_next_start(tmp_path: Path) -> None:
    db = tmp_path / "data" / "db.sqlite3"
    db.parent.mkdir()
    dead = 2**22 + 12345  # above the default pid_max: no such process
    stale = [db.parent / f".db.sqlite3.creating-{dead}{suffix}" for suffix in ("", "-wal")]
    for path in stale:
        path.write_bytes(b"half made")
    assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
    assert not any(path.exists() for path in stale)
