"""Writing a user's file so that it is never half-written: a temporary beside it, then a rename.

Shared by the diagram writers, the command line and the window's exports.
Standard library only.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; `str(error)` says why. Nothing was left behind."""


def write_through_temporary(path: Path, fill: Callable[[str], None]) -> None:
    """Call `fill(temporary_path)`, then fsync and rename the temporary over `path`.

    Raises WriteError for a folder given as `path`, a missing or unwritable
    folder, or a `fill` that wrote nothing.
    """
    path = Path(path)
    if path.is_dir():
        raise WriteError(f"{path} is a folder; give a file name.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"Cannot write {path}: there is no folder {folder}.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise WriteError(f"Cannot write to {folder}: {error.strerror}.") from None
    os.close(handle)
    try:
        fill(temporary)
        if os.path.getsize(temporary) == 0:
            raise WriteError(f"Cannot write {path}: nothing was written.")
        with open(temporary, "rb") as file:
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        raise WriteError(f"Cannot write {path}: {error.strerror}.") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary and a rename (see write_through_temporary)."""

    def fill(temporary: str) -> None:
        Path(temporary).write_bytes(data)

    write_through_temporary(path, fill)
