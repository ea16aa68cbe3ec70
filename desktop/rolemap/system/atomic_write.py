"""Writing a user's file so that it is never half-written: a temporary beside it, then a rename.

Shared by the diagram writers, the command line and the window's exports.
The temporary is made with O_EXCL under a random name (never through a planted
symlink) and is private. A new file stays private (0600) unless the caller
asks for another mode; a file written over keeps its mode. A target that is
a symlink is followed to the regular file it names, which is replaced (the
link stays), unless another user planted the link in a shared folder such as
/tmp (the rule Linux itself applies to links there). A device, a FIFO or
anything else that is not a regular file is never replaced. Standard library only.
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
    """The file a write to `path` replaces: a symlink's final target, else `path` itself.

    The links are followed one by one, each under the rule Linux applies itself
    (fs.protected_symlinks): a link in a sticky, world-writable folder such as
    /tmp is followed only if it belongs to this user or to the folder's owner.
    Resolving the path here, then writing the resolved name, would otherwise
    step around that rule, and a link another user planted in /tmp could aim
    an export at any file this user may write.
    """
    seen: set[Path] = set()
    while path.is_symlink():
        if path in seen or len(seen) > 40:
            raise WriteError(f"Cannot write {path}: the link leads nowhere (a loop of links).")
        seen.add(path)
        _refuse_planted_link(path)
        try:
            aim = Path(os.readlink(path))
        except OSError as error:
            raise WriteError(f"Cannot write {path}: {error.strerror}.") from None
        path = aim if aim.is_absolute() else path.parent / aim
    if not seen:
        return path
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError) as error:
        raise WriteError(f"Cannot write {path}: the link leads nowhere ({error}).") from None


def _refuse_planted_link(link: Path) -> None:
    """Raise WriteError for a link another user left in a sticky, world-writable folder."""
    if not hasattr(os, "geteuid"):  # Windows: no sticky folders, no such links
        return
    try:
        owner = link.lstat().st_uid
        folder = link.parent.stat()
    except OSError as error:
        raise WriteError(f"Cannot write {link}: {error.strerror}.") from None
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if shared and owner not in (os.geteuid(), folder.st_uid):
        raise WriteError(
            f"Cannot write {link}: it is a link that another user left in the shared folder "
            f"{link.parent}. Choose another name."
        )
