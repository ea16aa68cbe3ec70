"""Automatic backups while the window is open: at start, every 30 minutes if data changed, at exit.

Every backup goes through `store.backups.make_backup` (verified copy, then
thinning). The start backup runs a moment after the window shows (a backup
of a large file takes a while; a schema upgrade has already been backed up
by `open_store` before it ran). The exit backup is skipped when nothing
changed since the last one (or since start): the file is then exactly what
the last backup, or the file found at start, holds; so opening and closing
Rolemap does not push older, different copies out of the "last 12".

A database that cannot be written (`Store.read_only`) gets no automatic
backups: nothing in it can change while it is open, and the backups folder
beside it is usually just as read-only. A backup asked for anyway that
cannot be written is reported (`backup_failed`), never raised.

Signals:
    backup_made(str): the path of a new backup.
    backup_failed(str): why a backup could not be made (the data is unchanged).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from rolemap.document.document import RoleDocument
from rolemap.store.backup_folder import make_backup
from rolemap.store.errors import StoreError

INTERVAL_MS = 30 * 60 * 1000
START_DELAY_MS = 3000


class BackupScheduler(QObject):
    """Takes the automatic backups of the document's database."""

    backup_made = Signal(str)
    backup_failed = Signal(str)

    def __init__(
        self, document: RoleDocument, interval_ms: int = INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._document = document
        self.changed_since_backup = False
        for signal in (
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_changed,
            document.link_removed,
            document.role_changed,
            document.records_changed,
        ):
            signal.connect(self._on_document_changed)
        document.roles_changed.connect(self._on_document_roles_changed)
        self.timer = QTimer(self)
        self.timer.setObjectName("backup-timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.start_timer = QTimer(self)
        self.start_timer.setObjectName("start-backup-timer")
        self.start_timer.setSingleShot(True)
        self.start_timer.timeout.connect(self.backup_now)

    def start(self, *, backup_now: bool = True, delay_ms: int = START_DELAY_MS) -> None:
        """Start the periodic timer, and take the start backup after `delay_ms` (neither on a
        read-only database: see the module docstring)."""
        if getattr(self._document.store, "read_only", False):
            return
        self.timer.start()
        if backup_now:
            self.start_timer.start(delay_ms)

    def backup_now(self) -> Path | None:
        """Take a backup now (and thin the folder); None if it failed."""
        store = self._document.store
        try:
            path = make_backup(store.conn, store.path)
        except StoreError as error:
            self.backup_failed.emit(str(error))
            return None
        except OSError as error:  # the backups folder itself cannot be made (a read-only folder)
            self.backup_failed.emit(f"Could not write a backup of {store.path}: {error.strerror}.")
            return None
        self.changed_since_backup = False
        self.backup_made.emit(str(path))
        return path

    def backup_on_exit(self) -> Path | None:
        """The exit backup: taken only if data changed since the last one (or since start)."""
        self.timer.stop()
        self.start_timer.stop()
        return self.backup_now() if self.changed_since_backup else None

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self.changed_since_backup:
            self.backup_now()

    @Slot(str)
    def _on_document_changed(self, _id: str) -> None:
        self.changed_since_backup = True

    @Slot()
    def _on_document_roles_changed(self) -> None:
        self.changed_since_backup = True
