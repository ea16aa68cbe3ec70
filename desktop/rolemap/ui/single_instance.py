"""One window per database file: a lock file beside it, and a local socket to the owner.

The first Rolemap window on a file holds `NAME.lock` (QLockFile; a lock left
by a process that died is taken over) and listens on a local server named
from a hash of the file's path. A second window on the same file fails to
take the lock, asks the first, through the socket, to come forward, and
tells the person; it never opens the database.

Signals:
    activation_requested(): another instance asked this one to come forward.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from rolemap.store.database import make_private_folders

if TYPE_CHECKING:  # QtNetwork costs ~15 ms to import: loaded after the window paints
    from PySide6.QtNetwork import QLocalServer

_MESSAGE = b"raise\n"
_TIMEOUT_MS = 1000


def server_name(db_path: Path) -> str:
    """The local server name for a database: stable per real path and user."""
    import hashlib  # here: ~9 ms to import, needed only once the window is up

    real = os.path.realpath(db_path)
    digest = hashlib.sha256(f"{os.getuid() if hasattr(os, 'getuid') else ''}:{real}".encode())
    return f"rolemap-{digest.hexdigest()[:24]}"


def lock_path(db_path: Path) -> Path:
    """The lock file beside the database."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class SingleInstance(QObject):
    """Holds the lock on a database for the life of the window."""

    activation_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._lock = QLockFile(str(lock_path(self.db_path)))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._server: QLocalServer | None = None
        self.owner_came_forward = False

    def acquire(self) -> bool:
        """Take the lock; False if another instance holds it.

        When False, the other instance has been asked to come forward. When
        True, call `listen` (app.py does once the window has painted).
        """
        try:
            make_private_folders(self.db_path.parent)
        except OSError:
            return True  # opening the database will say what is wrong with the folder
        if not self._lock.tryLock(0):
            if self._lock.error() == QLockFile.LockError.LockFailedError:
                self.owner_came_forward = self.ask_owner_to_come_forward()
                return False
            # The lock file cannot be written (read-only folder): carry on without it.
            return True
        with contextlib.suppress(OSError):  # private like the database beside it
            lock_path(self.db_path).chmod(0o600)
        return True

    def listen(self) -> None:
        """Start the local server that later instances talk to (once the lock is held)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or not self._lock.isLocked():
            return
        name = server_name(self.db_path)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            QLocalServer.removeServer(name)  # a socket left by a crashed instance
            server.listen(name)
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server

    def ask_owner_to_come_forward(self) -> bool:
        """Send the owner the request; True if it was delivered."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(server_name(self.db_path))
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(_MESSAGE)
        delivered = socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return delivered

    def release(self) -> None:
        """Stop listening and remove the lock file."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    @Slot()
    def _on_server_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            # The message is a few bytes sent right after connecting: a short wait is enough.
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(_TIMEOUT_MS)
            if arrived and bytes(socket.readAll().data()).startswith(_MESSAGE.strip()):
                self.activation_requested.emit()
            socket.abort()
            socket.deleteLater()


def raise_window(window: QWidget) -> None:
    """Bring a window to the front (un-minimised, raised, focused)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
