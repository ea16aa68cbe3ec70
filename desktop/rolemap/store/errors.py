"""Known store failures, each with a message a person can act on.

A `StoreError` is expected (a bad file, a full disk) and is shown as its
message; anything else escaping the store is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A known failure; `str(error)` is the message for the user."""


class DatabaseMissingError(StoreError):
    """The database file does not exist and creating it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no Rolemap database at {path}.")
        self.path = path


class UnusableDatabaseError(StoreError):
    """The file cannot be opened as a Rolemap database; it was left untouched.

    `reason` is one of "empty", "not-sqlite", "damaged", "foreign", "newer", "read-only".
    """

    def __init__(self, path: Path, reason: str, message: str) -> None:
        super().__init__(f"{path} {message} It was not changed.")
        self.path = path
        self.reason = reason


class WriteFailedError(StoreError):
    """A change could not be committed (disk full, read-only file, busy); nothing was saved."""


class ConflictError(WriteFailedError):
    """The change no longer fits the file: another program changed it meanwhile."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The change was not saved: {detail} Another program seems to have changed "
            "the database while it was open here; reopen it to see the current map."
        )
