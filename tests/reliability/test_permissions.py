"""File modes: database, WAL, SHM, backups, set-aside files 0600; folders 0700; any umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.services.transfer import seed_example
from rolemap.store.backup_folder import export_backup, make_backup
from rolemap.store.database import open_store
from rolemap.store.restore import restore_to_path, set_aside


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The loosest umask, so only Rolemap's own modes protect the files."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_every_file_rolemap_makes_is_private(
    qapp: object, tmp_path: Path, open_umask: None
) -> None:
    path = tmp_path / "new" / "data" / "rolemap.sqlite3"
    store = open_store(path, create=True, seed=seed_example)
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    assert document.add_node(NodeKind.OUTPUT, "Written through the WAL") is not None
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    backup = make_backup(store.conn, path)
    exported = export_backup(store.conn, tmp_path / "by-hand.sqlite3")
    checked = {
        path.parent: 0o700,
        path.parent.parent: 0o700,
        path: 0o600,
        wal: 0o600,
        shm: 0o600,
        backup.parent: 0o700,
        backup: 0o600,
        exported: 0o600,
    }
    store.close()
    aside = set_aside(path)
    checked[aside] = 0o600
    restore_to_path(backup, path)
    checked[path] = 0o600
    reopened = open_store(path)
    try:
        with reopened.transaction():
            reopened.conn.execute("UPDATE roles SET purpose = 'after restore'")
        checked[wal] = 0o600
        checked[shm] = 0o600
        for file, mode in checked.items():
            assert _mode(file) == mode, f"{file}: {oct(_mode(file))}"
    finally:
        reopened.close()
    print(f"\n[permissions] {len(checked)} files and folders checked")
