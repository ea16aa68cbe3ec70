"""Data safety in the window: start-up on hostile files, rescue, warnings, restore, retry."""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from rolemap.domain.kinds import NodeKind
from rolemap.services.transfer import seed_example
from rolemap.store import schema
from rolemap.store.backup_folder import list_backups, make_backup
from rolemap.store.database import open_store
from rolemap.ui.backup_scheduler import BackupScheduler
from rolemap.ui.startup import open_for_window


class DialogAnswerer:
    """Answers each modal dialog as it appears: records its name and text, clicks a button."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        self.answers = answers or {}
        self.seen: list[tuple[str, str]] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._answer)
        self._timer.start()

    def _answer(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            return
        name = widget.objectName()
        if isinstance(widget, QMessageBox):
            self.seen.append((name, widget.text()))
            wanted = self.answers.get(name)
            buttons = widget.buttons()
            chosen = next((b for b in buttons if b.objectName() == wanted), None)
            (chosen or widget.escapeButton() or buttons[0]).click()
        elif isinstance(widget, QDialog):
            self.seen.append((name, ""))
            button = widget.findChild(object, self.answers.get(name, ""))
            if button is not None:
                button.click()
            else:
                widget.reject()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def answerer(qapp: object) -> object:
    made: list[DialogAnswerer] = []

    def make(answers: dict[str, str] | None = None) -> DialogAnswerer:
        made.append(DialogAnswerer(answers))
        return made[-1]

    yield make
    for each in made:
        each.stop()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _example(path: Path) -> None:
    open_store(path, create=True, seed=seed_example).close()


def _hostile(kind: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "text":
        path.write_text("name,hours\nreviews,3\n")
    elif kind == "truncated":
        _example(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif kind == "scribbled":
        _example(path)
        data = bytearray(path.read_bytes())
        data[4096 * 3 : 4096 * 6] = b"\xa5" * (4096 * 3)
        path.write_bytes(bytes(data))
    elif kind == "foreign":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
            conn.execute("PRAGMA application_id = 1234")
        conn.close()
    elif kind == "newer":
        _example(path)
        data = bytearray(path.read_bytes())
        data[60:64] = struct.pack(">I", schema.SCHEMA_VERSION + 1)
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("kind", ["random", "text", "foreign", "newer"])
def test_a_file_that_is_not_ours_or_newer_is_explained_and_left_byte_identical(
    kind: str, db_path: Path, answerer: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap import app
    from rolemap.system import qtcheck

    _hostile(kind, db_path)
    before = db_path.read_bytes()
    monkeypatch.setattr(qtcheck, "problems", lambda window: [])
    answers = answerer()  # type: ignore[operator]
    assert app.run_window(db_path) == 1
    assert [name for name, _ in answers.seen] == ["unusable-file-dialog"]
    assert "has not been changed" in answers.seen[0][1]
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


@pytest.mark.parametrize("kind", ["empty", "truncated", "scribbled"])
def test_a_damaged_file_is_explained_and_quitting_leaves_it_as_it_was(
    kind: str, db_path: Path, answerer: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap import app
    from rolemap.system import qtcheck

    _hostile(kind, db_path)
    before = db_path.read_bytes()
    monkeypatch.setattr(qtcheck, "problems", lambda window: [])
    answers = answerer({"damaged-file-dialog": "quit"})  # type: ignore[operator]
    assert app.run_window(db_path) == 1
    assert [name for name, _ in answers.seen] == ["damaged-file-dialog"]
    assert "Rolemap has not written to it" in answers.seen[0][1]
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.damaged-*"))


def test_a_damaged_file_is_set_aside_and_the_newest_sound_backup_restored(
    db_path: Path, answerer: object, settings: QSettings
) -> None:
    _example(db_path)
    store = open_store(db_path)
    older = make_backup(store.conn, db_path)
    store.conn.execute("DELETE FROM links")
    newer = make_backup(store.conn, db_path)  # the newest sound backup: no links
    store.close()
    broken = newer.with_name(newer.name.replace(".sqlite3", "-9.sqlite3"))  # newest, but bad
    broken.write_bytes(newer.read_bytes()[:5000])
    _hostile("scribbled", db_path)
    damaged = db_path.read_bytes()
    answers = answerer({"damaged-file-dialog": "restore-backup"})  # type: ignore[operator]
    opened = open_for_window(db_path, settings=settings, mounts_text="")
    assert opened is not None
    try:
        assert "newest backup that checks clean" in answers.seen[0][1]
        assert opened.conn.execute("SELECT count(*) FROM links").fetchone()[0] == 0
        assert opened.conn.execute("SELECT count(*) FROM nodes").fetchone()[0] > 0
        assert opened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        opened.close()
    (aside,) = db_path.parent.glob(f"{db_path.name}.damaged-*")
    assert aside.read_bytes() == damaged
    assert older.exists()


def test_a_damaged_file_without_backup_can_start_afresh(
    db_path: Path, answerer: object, settings: QSettings
) -> None:
    _hostile("truncated", db_path)
    answers = answerer({"damaged-file-dialog": "start-fresh"})  # type: ignore[operator]
    opened = open_for_window(db_path, settings=settings, mounts_text="")
    assert opened is not None
    try:
        assert "There is no backup that checks clean" in answers.seen[0][1]
        assert opened.conn.execute("SELECT count(*) FROM roles").fetchone()[0] == 1
    finally:
        opened.close()
    assert len(list(db_path.parent.glob(f"{db_path.name}.damaged-*"))) == 1


def test_a_network_or_synced_location_is_warned_about_once(
    tmp_path: Path, answerer: object, settings: QSettings
) -> None:
    path = tmp_path / "Dropbox" / "rolemap.sqlite3"
    answers = answerer()  # type: ignore[operator]
    for _ in range(2):
        store = open_for_window(path, settings=settings, mounts_text="")
        assert store is not None
        store.close()
    assert [name for name, _ in answers.seen] == ["location-warning"]
    assert "Dropbox" in answers.seen[0][1]
    nfs = tmp_path / "mnt" / "rolemap.sqlite3"
    store = open_for_window(
        nfs, settings=settings, mounts_text=f"srv:/x {tmp_path}/mnt nfs4 rw 0 0"
    )
    assert store is not None
    store.close()
    assert [name for name, _ in answers.seen][-1] == "location-warning"
    assert "network drive (nfs4)" in answers.seen[-1][1]


def test_restore_from_backup_backs_up_first_then_reloads(
    qtbot: object, window: object, answerer: object
) -> None:
    document = window.document  # type: ignore[attr-defined]
    store = document.store
    make_backup(store.conn, store.path)
    before = set(document.role_map.nodes)
    added = document.add_node(NodeKind.OUTPUT, "Made after the backup")
    assert document.undo_stack.count() == 1
    answers = answerer({"restore-dialog": "restore-button"})  # type: ignore[operator]
    window.action("restore-backup").trigger()  # type: ignore[attr-defined]
    assert answers.seen[0][0] == "restore-dialog"
    assert set(document.role_map.nodes) == before
    assert set(window.scene.nodes) == before  # type: ignore[attr-defined]
    assert document.undo_stack.count() == 0
    # The data from before the restore is kept in the backup made first.
    safety = list_backups(store.path)[0]
    with sqlite3.connect(f"file:{safety.path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT title FROM nodes WHERE id = ?", (added,)).fetchone()
    conn.close()


def test_open_data_folder_shows_the_folder(window: object, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window.findChild(QAction, "open-data-folder").trigger()  # type: ignore[attr-defined]
    assert opened == [str(window.document.store.path.resolve().parent)]  # type: ignore[attr-defined]


def test_backups_at_start_every_interval_when_changed_and_at_exit(
    qtbot: object, document: object
) -> None:
    scheduler = BackupScheduler(document, interval_ms=40)  # type: ignore[arg-type]
    with qtbot.waitSignal(scheduler.backup_made, timeout=5000):  # type: ignore[attr-defined]
        scheduler.start(delay_ms=0)
    made: list[str] = []
    scheduler.backup_made.connect(made.append)
    with qtbot.waitSignals([scheduler.timer.timeout] * 1, timeout=5000):  # type: ignore[attr-defined]
        pass
    assert made == []  # nothing changed: no periodic copy
    document.add_node(NodeKind.ACTIVITY, "Changed")  # type: ignore[attr-defined]
    with qtbot.waitSignal(scheduler.backup_made, timeout=5000):  # type: ignore[attr-defined]
        pass
    assert scheduler.backup_on_exit() is None
    document.add_node(NodeKind.ACTIVITY, "Changed again")  # type: ignore[attr-defined]
    assert scheduler.backup_on_exit() is not None
    assert len(list_backups(document.store.path)) == 3  # type: ignore[attr-defined]


def _patch_warning(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def test_a_refused_save_keeps_the_typed_text_in_the_properties_panel(
    qtbot: object, window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = window.document  # type: ignore[attr-defined]
    node_id = next(iter(document.role_map.nodes))
    old = document.role_map.nodes[node_id].title
    window.scene.select_only([node_id])  # type: ignore[attr-defined]
    field = window.properties.editor("title")  # type: ignore[attr-defined]
    assert isinstance(field, QLineEdit)
    shown = _patch_warning(monkeypatch)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)  # type: ignore[attr-defined]
    field.selectAll()
    qtbot.keyClicks(field, "Typed while the disk was full")  # type: ignore[attr-defined]
    document.store.conn.execute("PRAGMA query_only = ON")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert shown == ["The database file is read-only: the change was not saved."]
    assert document.role_map.nodes[node_id].title == old
    assert field.text() == "Typed while the disk was full"
    document.store.conn.execute("PRAGMA query_only = OFF")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert document.role_map.nodes[node_id].title == "Typed while the disk was full"


def test_a_refused_rename_reopens_the_title_editor_with_the_typed_text(
    qtbot: object, window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = window.document  # type: ignore[attr-defined]
    scene = window.scene  # type: ignore[attr-defined]
    node_id = next(iter(document.role_map.nodes))
    old = document.role_map.nodes[node_id].title
    shown = _patch_warning(monkeypatch)
    window.view.setFocus()  # type: ignore[attr-defined]
    scene.edit_title(node_id)
    qtbot.keyClicks(window.view, "Renamed on a full disk")  # type: ignore[attr-defined]
    document.store.conn.execute("PRAGMA query_only = ON")
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert shown and document.role_map.nodes[node_id].title == old
    assert scene._editor is not None
    assert scene._editor.toPlainText() == "Renamed on a full disk"
    document.store.conn.execute("PRAGMA query_only = OFF")
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert document.role_map.nodes[node_id].title == "Renamed on a full disk"
