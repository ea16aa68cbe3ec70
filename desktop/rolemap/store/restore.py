"""Putting a backup back, and putting a damaged file aside.

Restoring over a database that opens uses SQLite's backup API *into the live
connection*: the copy is one write transaction on the database, so readers
and writers in other processes see the old file or the restored one, never a
mix, and a crash half-way rolls back through the WAL. Copying a file over an
open database (temporary file + rename) would leave other open connections
writing to the old, unlinked file. A file that does not open (damaged, or
missing) has no connection to protect: it is set aside first, and the backup
is copied to its path through a temporary file and a rename.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from rolemap.store import schema
from rolemap.store.backup_copy import write_backup
from rolemap.store.backup_folder import make_backup, thin_backups, verify_backup
from rolemap.store.database import Store
from rolemap.store.errors import StoreError, WriteFailedError


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _check_source(backup: Path) -> None:
    if not Path(backup).is_file():
        raise StoreError(f"There is no backup file {backup}.")
    problem = verify_backup(Path(backup))
    if problem:
        raise StoreError(f"Cannot restore from it: {problem}")


def restore_backup(store: Store, backup: Path) -> Path:
    """Replace the open database's contents with `backup`; return the safety backup.

    The backup is checked first (integrity, foreign keys, application id,
    schema not newer); then the current contents are backed up; then the
    backup is copied into the live connection in one transaction and an
    older schema is upgraded.

    Raises:
        StoreError: the backup is unusable, or the copy could not be written
            (the database is then unchanged).
    """
    backup = Path(backup)
    _check_source(backup)
    if backup.resolve() == store.path.resolve():
        raise StoreError("That file is the database itself; choose a backup.")
    # Thinned only after the restore, so that the new copy cannot push out the chosen one.
    safety = make_backup(store.conn, store.path, thin=False)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        source.backup(store.conn)
    except sqlite3.Error as error:
        raise WriteFailedError(
            f"Could not restore {backup.name} ({error}); the database is unchanged."
        ) from error
    finally:
        source.close()
    if schema.schema_version(store.conn) < schema.SCHEMA_VERSION:
        try:
            schema.migrate(store.conn)
        except sqlite3.Error as error:
            raise WriteFailedError(f"Could not upgrade the restored data: {error}") from error
    thin_backups(store.path)
    return safety


def restore_to_path(backup: Path, db_path: Path) -> None:
    """Copy `backup` to `db_path`, where no database is (set a damaged one aside first).

    The copy goes through a temporary file beside `db_path`, is checked, fsynced
    and renamed into place. An older schema is upgraded when the file is opened.

    Raises:
        StoreError: the backup is unusable, or a file is in the way.
    """
    backup, db_path = Path(backup), Path(db_path)
    _check_source(backup)
    if db_path.exists() or any(p.exists() for p in _sidecars(db_path)):
        raise StoreError(f"{db_path} is in the way; set it aside before restoring.")
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        write_backup(source, db_path)
    finally:
        source.close()


def aside_path(db_path: Path, *, now: dt.datetime | None = None) -> Path:
    """Where `set_aside` would put `db_path` now: `NAME.damaged-YYYYMMDD-HHMMSS` (UTC)."""
    db_path = Path(db_path)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{counter}")
    return aside


def set_aside(db_path: Path, *, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `NAME.damaged-YYYYMMDD-HHMMSS`.

    Nothing is copied or changed: the bytes stay as they were, under a new name
    in the same folder, so whatever the WAL still holds stays with its file.

    Returns:
        The new path of the database file.
    """
    db_path = Path(db_path)
    aside = aside_path(db_path, now=now)
    try:
        for old, new in zip(
            (db_path, *_sidecars(db_path)), (aside, *_sidecars(aside)), strict=True
        ):
            if old.exists():
                os.replace(old, new)
    except OSError as error:
        raise StoreError(f"Could not set {db_path} aside: {error.strerror}.") from error
    return aside
