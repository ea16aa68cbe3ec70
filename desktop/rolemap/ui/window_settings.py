"""What the window remembers between runs (QSettings): geometry, docks, last role, recent files,
the dashboard's period.

The data itself lives in the database; these are only the window's habits,
kept in the platform's settings store (~/.config/Rolemap/Rolemap.conf on Linux).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

RECENT_LIMIT = 8


class WindowSettings:
    """Typed access to the window's settings; the QSettings goes in through the constructor."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def restore_window(self, window: QMainWindow) -> bool:
        """Put the window back where it was; False when nothing was saved yet."""
        geometry = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            window.restoreState(state)
        return isinstance(geometry, QByteArray)

    def save_window(self, window: QMainWindow) -> None:
        """Remember the window's size, position, toolbars and docks."""
        self._settings.setValue("window/geometry", window.saveGeometry())
        self._settings.setValue("window/state", window.saveState())
        self._settings.sync()

    def last_role(self, database: Path) -> str | None:
        """The role last shown for this database, if any."""
        value = self._settings.value(f"last-role/{_key(database)}")
        return str(value) if value else None

    def set_last_role(self, database: Path, role_id: str) -> None:
        """Remember the role shown for this database."""
        self._settings.setValue(f"last-role/{_key(database)}", role_id)

    def dashboard_period(self) -> tuple[str, dt.date | None, dt.date | None]:
        """The dashboard's period last chosen: its key, and a custom range's first and last day."""
        key = str(self._settings.value("dashboard/period") or "4weeks")
        return (
            key,
            _day(self._settings.value("dashboard/first")),
            _day(self._settings.value("dashboard/last")),
        )

    def set_dashboard_period(
        self, key: str, first: dt.date | None = None, last: dt.date | None = None
    ) -> None:
        """Remember the dashboard's period (the dates only matter for a custom range)."""
        self._settings.setValue("dashboard/period", key)
        for name, day in (("first", first), ("last", last)):
            if day is not None:
                self._settings.setValue(f"dashboard/{name}", day.isoformat())

    def recent_databases(self) -> list[Path]:
        """Databases opened before, most recent first, those that still exist."""
        value = self._settings.value("recent-databases") or []
        paths = [value] if isinstance(value, str) else list(value)  # one item comes back bare
        return [Path(p) for p in paths if p and Path(p).exists()]

    def add_recent_database(self, database: Path) -> None:
        """Put a database at the top of the recent list."""
        text = str(database.resolve())
        value = self._settings.value("recent-databases") or []
        paths = [value] if isinstance(value, str) else [str(p) for p in value]
        paths = [text, *(p for p in paths if p != text)][:RECENT_LIMIT]
        self._settings.setValue("recent-databases", paths)


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:  # a hand-edited settings file
        return None


def _key(database: Path) -> str:
    # QSettings keys treat "/" as a group separator; a hash keeps one key per file.
    try:  # CPython's own SHA-1, the same digest: hashlib would load OpenSSL first (~8 ms)
        from _sha1 import sha1  # type: ignore[import-not-found]
    except ImportError:  # another Python
        from hashlib import sha1

    return str(sha1(str(database.resolve()).encode()).hexdigest()[:16])
