"""The opening checks of a database file, begun on a thread of their own before they are needed.

`quick_check` reads the whole file: ~4 ms for the example role, 0.5–1.2 s at a
million time entries. The window's start runs it while Python imports Qt and
the window's modules (about 100 ms on the other core: SQLite works without
the GIL), then `open_store` collects the answer. Nothing else changes: the
answer is the one `check_file` gives, an error is raised where it would have
been, and the file is opened for writing only once the checks have passed.
"""

from __future__ import annotations

import stat
import threading
from pathlib import Path

from rolemap.store import database


class EarlyCheck:
    """`check_file(path)` under way on a daemon thread; `result()` waits for its answer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._version = 0
        self._error: BaseException | None = None
        self._seen = _identity(path)  # before the check reads it
        self._thread = threading.Thread(target=self._run, name="rolemap-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._version = database.check_file(self.path)
        except BaseException as error:  # raised again, on the caller's thread, by result()
            self._error = error

    def result(self) -> int:
        """The file's schema version, as `check_file` returns it; or its error, raised.

        A file changed or replaced since the check began (another program, a sync
        client) is checked again, here: the answer must be about the file opened.
        """
        self._thread.join()
        if _identity(self.path) != self._seen:
            return database.check_file(self.path)
        if self._error is not None:
            raise self._error
        return self._version


def _identity(path: Path) -> tuple[int, ...] | None:
    """Which file is at `path`, and its size and time of last change (None: none)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def check_early(path: Path) -> EarlyCheck | None:
    """Begin checking `path` if it is an existing regular file; None otherwise.

    A missing file is created later, and anything but a regular file (a FIFO
    would block the reading thread) is refused by `open_store` itself.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return EarlyCheck(path) if stat.S_ISREG(mode) else None
