"""Opening the Rolemap database safely, and the one connection the app writes through.

Opening never changes a file before it has passed every check: the SQLite
header, the application id, the schema version (all read from the raw header,
without SQLite), then `quick_check` on a read-only connection. A file that
fails is left byte-identical and reported with an `UnusableDatabaseError`.
A new file is built beside its final path and renamed into place, so a crash
during creation never leaves a half-made database where the user expects one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from rolemap.store import schema
from rolemap.store.backup_copy import write_backup
from rolemap.store.errors import (
    ConflictError,
    DatabaseMissingError,
    UnusableDatabaseError,
    WriteFailedError,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class Store:
    """An open Rolemap database: one write connection and its transactions.

    Statements outside `transaction()` run in autocommit mode; every change
    the user makes goes through exactly one `transaction()`.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one write transaction; commit, or roll back and raise.

        sqlite3 errors that a person can do something about (full disk,
        read-only file, another writer holding the lock) become
        `WriteFailedError` with a plain message; the database is unchanged.
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise WriteFailedError(_write_message(error)) from error
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.IntegrityError):
                # The editing path checks every rule first, so a broken constraint
                # means the file changed underneath (a node another program deleted).
                raise ConflictError(f"it no longer fits the file ({error}).") from error
            if isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError):
                raise WriteFailedError(_write_message(error)) from error
            raise

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL on the last close)."""
        self.conn.close()


def _write_message(error: sqlite3.Error) -> str:
    text = str(error).lower()
    if "full" in text:
        return "The disk is full: the change was not saved. Free some space and try again."
    if "readonly" in text or "read-only" in text:
        return "The database file is read-only: the change was not saved."
    if "locked" in text or "busy" in text:
        return "Another program is writing to the database: the change was not saved. Try again."
    return f"The change could not be saved ({error})."


def connect(path: Path) -> sqlite3.Connection:
    """A read-write connection with Rolemap's pragmas (WAL, foreign keys, full sync)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    # INSERT OR REPLACE must fire delete triggers, or the time roll-up drifts (store/rollup.py).
    conn.execute("PRAGMA recursive_triggers = ON")
    return conn


def open_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection of its own, for another thread (the dashboard's worker).

    WAL lets it read a consistent snapshot while the window's connection writes.
    """
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def check_file(path: Path, *, deep: bool = True) -> int:
    """Check an existing file without changing it; return its schema version.

    `deep` adds `quick_check`, which reads the whole file (0.5 s at 190 MB).

    Raises UnusableDatabaseError for an empty, non-SQLite, truncated, damaged,
    foreign or newer file.
    """
    with path.open("rb") as file:
        header = file.read(100)
    size = path.stat().st_size
    if size == 0:
        raise UnusableDatabaseError(path, "empty", "is an empty file, not a Rolemap database.")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise UnusableDatabaseError(path, "not-sqlite", "is not a Rolemap database (not SQLite).")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if page_count and change_counter == valid_for and size < page_size * page_count:
        raise UnusableDatabaseError(
            path,
            "damaged",
            f"is damaged: it is cut short ({size} of {page_size * page_count} bytes).",
        )
    user_version: int = struct.unpack(">I", header[60:64])[0]
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != schema.APPLICATION_ID:
        raise UnusableDatabaseError(
            path, "foreign", "is an SQLite database of another application, not Rolemap's."
        )
    if user_version > schema.SCHEMA_VERSION:
        raise UnusableDatabaseError(
            path,
            "newer",
            f"was written by a newer Rolemap (schema {user_version}; this version knows "
            f"up to {schema.SCHEMA_VERSION}). Update Rolemap to open it.",
        )
    problem = _quick_check(path) if deep else ""
    if problem:
        raise UnusableDatabaseError(path, "damaged", f"is damaged ({problem}).")
    return user_version


def _quick_check(path: Path) -> str:
    """Run `quick_check` read-only; return "" when the file is sound.

    `immutable=1` keeps SQLite from creating -wal/-shm files beside a file
    that may turn out not to be ours.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    messages = [str(row[0]) for row in rows]
    return "" if messages == ["ok"] else "; ".join(messages[:3])


def open_store(
    path: Path,
    *,
    create: bool = False,
    seed: Callable[[Store], None] | None = None,
    backup_dir: Path | None = None,
    read_only: bool = False,
) -> Store:
    """Open the Rolemap database at `path`.

    Args:
        path: the database file.
        create: make a new database when `path` does not exist (folder 0700
            for folders made here, file 0600); otherwise a missing file is an error.
        seed: fills a newly created database before it is put in place
            (the first start's example role).
        backup_dir: where a verified backup goes before a migration;
            default `backups/` beside the file.
        read_only: for commands that never write (reports): the header checks
            run but `quick_check` is skipped, since its purpose is to keep
            writes off a damaged file, and the connection refuses writes.
            A file that needs a migration is opened normally.

    Raises:
        DatabaseMissingError, UnusableDatabaseError, WriteFailedError.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseMissingError(path)
        _create(path, seed)
        return Store(path, connect(path))
    if path.is_dir():
        raise UnusableDatabaseError(path, "not-sqlite", "is a folder, not a Rolemap database.")
    version = check_file(path, deep=not read_only)
    if read_only and version == schema.SCHEMA_VERSION:
        conn = connect(path)
        conn.execute("PRAGMA query_only = ON")
        return Store(path, conn)
    if read_only:
        check_file(path)
    conn = connect(path)
    if version < schema.SCHEMA_VERSION:
        folder = backup_dir or path.parent / "backups"
        write_backup(conn, folder / f"{path.stem}-before-schema-{schema.SCHEMA_VERSION}.sqlite3")
        try:
            schema.migrate(conn)
        except sqlite3.Error as error:
            conn.close()
            raise WriteFailedError(f"Could not upgrade {path}: {error}") from error
    return Store(path, conn)


def _create(path: Path, seed: Callable[[Store], None] | None) -> None:
    make_private_folders(path.parent)
    partial = path.with_name(f".{path.name}.creating-{os.getpid()}")
    for leftover in (partial, *_sidecars(partial)):
        leftover.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        conn = connect(partial)
        try:
            schema.migrate(conn)
            if seed is not None:
                seed(Store(partial, conn))
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        with partial.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(partial, path)
        _fsync_folder(path.parent)
    finally:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def make_private_folders(folder: Path) -> None:
    """Create missing folders with mode 0700; folders that exist are left as they are."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(mode=0o700)
        new.chmod(0o700)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
