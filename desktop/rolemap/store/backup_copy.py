"""Verified backups through SQLite's backup API.

A backup is written to a temporary file beside its destination, checked with
`integrity_check`, fsynced and renamed into place, so a backup that exists is
a backup that opens.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from rolemap.store.errors import StoreError


def write_backup(conn: sqlite3.Connection, destination: Path) -> Path:
    """Copy the database behind `conn` to `destination` (mode 0600); return it.

    Raises StoreError if the copy fails its integrity check or cannot be written.
    """
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
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
