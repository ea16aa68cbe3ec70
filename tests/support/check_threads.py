"""Which threads ran the database's opening checks (`store.database.check_file`)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from rolemap.store import database


def record_check_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Wrap `check_file`; the list gets the name of each thread that runs it."""
    threads: list[str] = []
    real = database.check_file

    def check(path: Path, *, deep: bool = True) -> int:
        threads.append(threading.current_thread().name)
        return real(path, deep=deep)

    monkeypatch.setattr(database, "check_file", check)
    return threads
