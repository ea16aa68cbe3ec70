"""The backups folder beside the database: naming, taking, listing, checking and thinning.

Backups live in `backups/` beside the database file (for the default database,
the data folder's `backups/`). Each is a verified copy made by
`backup.write_backup` (backup API → temporary file → integrity_check → fsync
→ rename) and named after the database and the UTC time it was taken:
`rolemap-2026-01-25T10-15-00Z.sqlite3`. Only names of that form are thinned;
other files in the folder (the copy taken before a schema upgrade) are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rolemap.store.backup_copy import write_backup
from rolemap.store.backup_thinning import DEFAULT_POLICY, ThinningPolicy, backups_to_keep
from rolemap.store.database import check_file
from rolemap.store.errors import StoreError, UnusableDatabaseError

FOLDER_NAME = "backups"
_STAMP_FORMAT = "%Y-%m-%dT%H-%M-%SZ"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)(?:-(?P<n>\d+))?\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, with what it holds (counts are None when it cannot be read)."""

    path: Path
    taken: dt.datetime  # UTC, from the name; else the file's modification time
    size: int
    roles: int | None
    nodes: int | None
    time_entries: int | None
    timestamped: bool  # named by make_backup, so subject to thinning

    @property
    def readable(self) -> bool:
        """Whether the counts could be read (the file opens as a Rolemap database)."""
        return self.roles is not None


def backups_folder(db_path: Path) -> Path:
    """Where the backups of `db_path` go: `backups/` beside it."""
    return Path(db_path).parent / FOLDER_NAME


def backup_name(db_path: Path, taken: dt.datetime) -> str:
    """The file name of a backup of `db_path` taken at `taken` (UTC)."""
    return f"{Path(db_path).stem}-{taken.astimezone(dt.UTC).strftime(_STAMP_FORMAT)}.sqlite3"


def parse_backup_time(name: str) -> dt.datetime | None:
    """The UTC time in a backup's file name, or None if the name is not one of ours."""
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def make_backup(
    conn: sqlite3.Connection,
    db_path: Path,
    *,
    now: dt.datetime | None = None,
    thin: bool = True,
    policy: ThinningPolicy = DEFAULT_POLICY,
) -> Path:
    """Take a verified, timestamped backup of the open database, then thin the folder.

    Args:
        conn: a connection to the database (the live one is fine: the backup
            API copies a consistent snapshot while others keep writing).
        db_path: the database file (names the backup and locates the folder).
        now: the time to name the backup after (default: now, UTC).
        thin: delete backups the policy no longer keeps.
        policy: the thinning policy.

    Returns:
        The backup's path.

    Raises:
        StoreError: the copy could not be written or failed its check.
    """
    taken = (now or _now()).astimezone(dt.UTC)
    folder = backups_folder(db_path)
    base = backup_name(db_path, taken).removesuffix(".sqlite3")
    destination = folder / f"{base}.sqlite3"
    counter = 1
    while destination.exists():  # two backups in one second: keep both
        counter += 1
        destination = folder / f"{base}-{counter}.sqlite3"
    write_backup(conn, destination)
    if thin:
        thin_backups(db_path, policy=policy)
    return destination


def thin_backups(db_path: Path, *, policy: ThinningPolicy = DEFAULT_POLICY) -> list[Path]:
    """Delete the timestamped backups of `db_path` that the policy does not keep.

    Returns:
        The deleted paths. Files the policy does not govern are never touched.
    """
    folder = backups_folder(db_path)
    stem = Path(db_path).stem
    by_time: dict[dt.datetime, list[Path]] = {}
    for path in _backup_files(folder):
        match = _NAME.match(path.name)
        taken = parse_backup_time(path.name)
        if match is None or taken is None or match["stem"] != stem:
            continue
        by_time.setdefault(taken, []).append(path)
    keep = backups_to_keep(by_time, policy)
    deleted = []
    for taken, paths in by_time.items():
        if taken in keep:  # several copies in one second are kept together
            continue
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                deleted.append(path)
    return deleted


def _counter(path: Path) -> int:
    match = _NAME.match(path.name)
    return int(match["n"]) if match and match["n"] else 1


def _backup_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [
        p
        for p in folder.iterdir()
        if p.suffix == ".sqlite3" and not p.name.startswith(".") and p.is_file()
    ]


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup in the folder beside `db_path`, newest first, with its counts."""
    found = [inspect_backup(p) for p in _backup_files(backups_folder(db_path))]
    return sorted(found, key=lambda b: (b.taken, _counter(b.path)), reverse=True)


def inspect_backup(path: Path) -> BackupInfo:
    """Read a backup's time, size and counts (read-only; the file is not changed)."""
    stat = path.stat()
    parsed = parse_backup_time(path.name)
    taken = parsed or dt.datetime.fromtimestamp(int(stat.st_mtime), dt.UTC)
    counts: list[int | None] = [None, None, None]
    try:
        conn = _read_only(path)
        try:
            for index, table in enumerate(("roles", "nodes", "time_entries")):
                try:
                    counts[index] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                except sqlite3.OperationalError:
                    counts[index] = 0 if index == 2 and counts[0] is not None else None
        finally:
            conn.close()
    except sqlite3.Error:
        counts = [None, None, None]
    roles, nodes, entries = counts
    return BackupInfo(path, taken, stat.st_size, roles, nodes, entries, parsed is not None)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def verify_backup(path: Path) -> str:
    """Check a backup fully without changing it; return "" when it is sound, else why not."""
    try:
        check_file(path)
    except UnusableDatabaseError as error:
        return str(error)
    except OSError as error:
        return f"{path}: {error.strerror}"
    try:
        conn = _read_only(path)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
            foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"{path} is damaged ({error})."
    if rows != ["ok"]:
        return f"{path} is damaged ({'; '.join(rows[:3])})."
    if foreign:
        return f"{path} is damaged ({len(foreign)} rows point at rows that do not exist)."
    return ""


def newest_sound_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup beside `db_path` that passes `verify_backup`, or None."""
    for info in list_backups(db_path):
        if info.readable and not verify_backup(info.path):
            return info
    return None


def export_backup(conn: sqlite3.Connection, destination: Path) -> Path:
    """A verified backup to a file the person chose (`rolemap backup -o FILE`)."""
    destination = Path(destination)
    if destination.is_dir():
        raise StoreError(f"{destination} is a folder; give a file name.")
    return write_backup(conn, destination)
