"""Reading a file a person chose to bring in: a regular file, read whole, and not too big.

Every way a file comes in (`rolemap import`, `import-time`, the window's
Import… dialogs) reads it here, so that each refuses the same things the
same way before any parser sees a byte: a folder, a pipe or a device (a
pipe would never end, `/dev/zero` would fill the memory) and a file over the
size the readers take. The file is opened without waiting (a FIFO swapped in
after a check would otherwise block the open) and its kind and size are
taken from the open file itself; at most one byte over the limit is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rolemap.interchange import safe_json
from rolemap.interchange.errors import FormatError


def read_input(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of `path`, at most `limit` of them (default: what the readers take).

    Raises:
        FormatError: a folder, anything but a regular file, or more than `limit` bytes.
        OSError: the file is missing or cannot be read.
    """
    limit = safe_json.MAX_BYTES if limit is None else limit
    if path.is_dir():
        raise FormatError(f"{path} is a folder, not a file.")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FormatError(f"{path} is not a regular file.")
        if info.st_size > limit:
            raise _too_big(path, info.st_size, limit)
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise _too_big(path, len(data), limit)
    return data


def _too_big(path: Path, size: int, limit: int) -> FormatError:
    return FormatError(
        f"{path} is {size / 1_048_576:.0f} MB; Rolemap reads such files up "
        f"to {limit // 1_048_576} MB (import it in parts)."
    )
