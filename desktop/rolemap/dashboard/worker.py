"""DashboardWorker: runs the dashboard's queries on a pool thread with its own connection.

Each job opens its own read-only connection to the database file (WAL lets
it read while the window writes), computes a `DashboardData`, and delivers it by a
queued signal tagged with the job's generation, so the tab can drop results
that a newer request has overtaken. A database that nobody here may write
(its folder read-only) cannot give a WAL reader its shared-memory file: the
job then opens it as `open_store` opens such a file for the window.

Signals (on `WorkerSignals`):
    finished(int, object): generation, DashboardData.
    failed(int, str): generation, message.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from rolemap.dashboard.data import compute, reading_store
from rolemap.domain.periods import Period
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store, open_reader, open_store
from rolemap.store.errors import StoreError


class WorkerSignals(QObject):
    """Carries a worker's result back to the GUI thread."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class DashboardWorker(QRunnable):
    """One refresh: query, fold, report."""

    def __init__(
        self,
        signals: WorkerSignals,
        generation: int,
        path: Path,
        role_map: RoleMap,
        period: Period,
        tz: dt.tzinfo,
        now: int,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self._read_only = read_only  # the window's Store is (Store.read_only)
        self._signals = signals
        self._generation = generation
        self._path = Path(path)
        self._role_map = role_map
        self._period = period
        self._tz = tz
        self._now = now

    def run(self) -> None:
        try:
            store = self._open()
            try:
                data = compute(store, self._role_map, self._period, self._tz, self._now)
            finally:
                store.close()
        except (sqlite3.Error, StoreError) as error:
            self._signals.failed.emit(self._generation, f"The dashboard could not read: {error}")
            return
        self._signals.finished.emit(self._generation, data)

    def _open(self) -> Store:
        if self._read_only:
            return open_store(self._path, read_only=True)
        return reading_store(open_reader(self._path), self._path)
