"""Verified backups through SQLite's backup API.

A backup is written to a temporary file beside its destination, checked with
`integrity_check`, fsynced and renamed into place, so a backup that exists is
a backup that opens.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from rolemap.store.errors import StoreError


def write_backup(conn: sqlite3.Connection, destination: Path) -> Path:
    """Copy the database behind `conn` to `destination` (mode 0600); return it.

    Raises StoreError if the copy fails its integrity check or cannot be written.
    """
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if destination.exists() and not stat.S_ISREG(destination.stat().st_mode):
        raise StoreError(f"Cannot write the backup {destination}: it is not a regular file.")
    try:
        # O_EXCL under a random name: a symlink planted beside the backup is never followed.
        handle, name = tempfile.mkstemp(
            prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
        )
    except OSError as error:
        raise StoreError(f"Could not write the backup {destination}: {error.strerror}") from error
    os.close(handle)
    partial = Path(name)
    try:
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
            # The copy keeps the source's WAL mode; a backup is one self-contained file.
            target.execute("PRAGMA journal_mode = DELETE")
            result = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if result != "ok":
            raise StoreError(f"The backup {destination} failed its integrity check: {result}")
        with partial.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(partial, destination)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"Could not write the backup {destination}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return destination
