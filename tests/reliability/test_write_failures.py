"""A full disk, a read-only file, another writer holding the lock: a clear message, nothing lost."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.store.database import Store, open_store
from rolemap.store.role_repository import RoleRepository


def _document(store: Store) -> tuple[RoleDocument, list[str]]:
    document = RoleDocument(store)
    failures: list[str] = []
    document.edit_failed.connect(failures.append)
    if not document.roles():
        document.create_role("Full disk")
    document.switch_role(document.roles()[0].id)
    return document, failures


def _fill_until_refused(document: RoleDocument, failures: list[str]) -> list[str]:
    added = []
    for index in range(5000):
        node_id = document.add_node(NodeKind.ACTIVITY, f"filler {index} " + "x" * 400)
        if node_id is None:
            break
        added.append(node_id)
    assert failures, "the disk never filled"
    return added


def _assert_kept(path: Path, role_id: str, added: list[str]) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {r[0] for r in conn.execute("SELECT id FROM nodes WHERE role_id = ?", (role_id,))}
    finally:
        conn.close()
    assert set(added) <= present


def test_full_database_refuses_the_edit_clearly_and_keeps_every_commit(
    qapp: object, store: Store
) -> None:
    document, failures = _document(store)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 8}")
    stack_before = document.undo_stack.count()
    added = _fill_until_refused(document, failures)
    assert failures[0].startswith("The disk is full: the change was not saved.")
    # The refused edit left no trace: not in the model, not on the undo stack.
    assert document.undo_stack.count() == stack_before + len(added)
    stored = RoleRepository(store).load_map(document.role_map.role.id)
    assert stored.nodes == document.role_map.nodes
    # Space comes back: the same edit goes through.
    store.conn.execute(f"PRAGMA max_page_count = {pages + 10_000}")
    assert document.add_node(NodeKind.ACTIVITY, "after the disk was freed") is not None
    _assert_kept(store.path, document.role_map.role.id, added)


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[None]:
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip() or 'not root'})")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk_on_a_small_tmpfs(qapp: object, tmp_path: Path) -> None:
    folder = tmp_path / "small"
    with _tmpfs(folder, "4m"):
        path = folder / "rolemap.sqlite3"
        store = open_store(path, create=True)
        try:
            document, failures = _document(store)
            filler = folder / "filler"
            with contextlib.suppress(OSError), filler.open("wb") as file:
                while True:  # fill the disk to the last byte...
                    file.write(b"\0" * 4096)
                    file.flush()
            with filler.open("r+b") as file:  # ...then leave room for a few edits
                file.truncate(max(filler.stat().st_size - 64 * 1024, 0))
            added = _fill_until_refused(document, failures)
            assert any("disk is full" in message for message in failures), failures
            filler.unlink()
            assert document.add_node(NodeKind.OUTPUT, "after freeing space") is not None
            role_id = document.role_map.role.id
        finally:
            store.close()
        _assert_kept(path, role_id, added)


def test_read_only_database_refuses_the_edit_clearly(qapp: object, store: Store) -> None:
    document, failures = _document(store)
    before = dict(document.role_map.nodes)
    store.conn.execute("PRAGMA query_only = ON")  # root ignores file modes; SQLite does not
    assert document.add_node(NodeKind.OUTPUT, "cannot be saved") is None
    assert failures == ["The database file is read-only: the change was not saved."]
    assert document.role_map.nodes == before
    store.conn.execute("PRAGMA query_only = OFF")
    assert document.add_node(NodeKind.OUTPUT, "can be saved") is not None


def test_the_loser_of_a_write_race_is_told_and_can_retry(qapp: object, store: Store) -> None:
    document, failures = _document(store)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert document.add_node(NodeKind.OUTPUT, "waits in vain") is None
        assert failures == [
            "Another program is writing to the database: the change was not saved. Try again."
        ]
        other.execute("COMMIT")
    finally:
        other.close()
    assert document.add_node(NodeKind.OUTPUT, "after the other writer") is not None
