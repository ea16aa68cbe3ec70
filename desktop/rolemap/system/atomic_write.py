"""Writing a user's file so that it is never half-written: a temporary beside it, then a rename.

Shared by the diagram writers, the command line and the window's exports.
The temporary is made with O_EXCL under a random name (never through a planted
symlink) and is private. A new file stays private (0600) unless the caller
asks for another mode; a file written over keeps its mode. A target that is
a symlink is followed to the regular file it names, which is replaced (the
link stays). A device, a FIFO or anything else that is not a regular file is
never replaced. Standard library only.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class WriteError(Exception):
    """The file could not be written; `str(error)` says why. Nothing was left behind."""


def write_through_temporary(
    path: Path, fill: Callable[[str], None], mode: int | None = None
) -> None:
    """Call `fill(temporary_path)`, then fsync and rename the temporary over `path`.

    `mode` is a new file's permission bits (default 0600); a file written over
    keeps its own. Raises WriteError for a folder or a special file given as
    `path`, a missing or unwritable folder, or a `fill` that wrote nothing.
    """
    path = _target(Path(path))
    if path.is_dir():
        raise WriteError(f"{path} is a folder; give a file name.")
    try:
        existing = path.stat()
    except FileNotFoundError:
        keep = 0o600 if mode is None else mode
    except OSError as error:
        raise WriteError(f"Cannot write {path}: {error.strerror}.") from None
    else:
        if not stat.S_ISREG(existing.st_mode):
            raise WriteError(f"Cannot write {path}: it is not a regular file (a device or a pipe).")
        keep = stat.S_IMODE(existing.st_mode)
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
        os.chmod(temporary, keep)
        os.replace(temporary, path)
    except OSError as error:
        raise WriteError(f"Cannot write {path}: {error.strerror}.") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary and a rename (see write_through_temporary)."""

    def fill(temporary: str) -> None:
        Path(temporary).write_bytes(data)

    write_through_temporary(path, fill, mode)


def _target(path: Path) -> Path:
    """The file a write to `path` replaces: a symlink's final target, else `path` itself."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError) as error:  # a loop of links
        raise WriteError(f"Cannot write {path}: the link leads nowhere ({error}).") from None
