"""Test configuration shared by every layer.

Qt's offscreen platform is chosen here, before anything imports Qt, so that
tests run the same on a desktop, in CI and on a machine without a display.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# QSettings (window geometry, recent files) must not touch the real user's settings.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="rolemap-test-config-")
os.environ.pop("ROLEMAP_DB", None)

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a fresh test database goes (not created)."""
    return tmp_path / "data" / "rolemap.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[object]:
    """A new database holding the example role."""
    from rolemap.services.transfer import seed_example
    from rolemap.store.database import open_store

    opened = open_store(db_path, create=True, seed=seed_example)
    yield opened
    opened.close()


@pytest.fixture
def empty_store(db_path: Path) -> Iterator[object]:
    """A new database with no role."""
    from rolemap.store.database import open_store

    opened = open_store(db_path, create=True)
    yield opened
    opened.close()
