"""The window on a database it cannot write (issue 19, item 9): it says so, and writes nothing.

As root SQLite ignores file modes, so in-process the database is opened as
`open_store` opens a file whose file or folder cannot be written: with
`database._writable` saying no. The last test runs the window as an
ordinary user on a file 0400 in a folder 0555 (skipped where no other user
can run this Python), so that the permissions are real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from rolemap.canvas.scene import READ_ONLY_REFUSAL
from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.services.transfer import seed_example
from rolemap.store import database
from rolemap.store.database import Store, open_store
from rolemap.ui import backup_scheduler
from rolemap.ui.actions import ACTIONS, WRITING_ACTIONS
from rolemap.ui.backup_scheduler import BackupScheduler
from rolemap.ui.main_window import MainWindow
from rolemap.ui.status_messages import READ_ONLY_NOTE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def read_only_store(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    open_store(db_path, create=True, seed=seed_example).close()
    monkeypatch.setattr(database, "_writable", lambda path: False)
    store = open_store(db_path)
    assert store.read_only
    yield store
    store.close()


@pytest.fixture
def window(qtbot: Any, read_only_store: Store) -> Iterator[MainWindow]:
    document = RoleDocument(read_only_store)
    document.switch_role(document.roles()[0].id)
    win = MainWindow(document)
    win.resize(1360, 860)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.started):
        win.show()
    yield win
    document.undo_group.setActiveStack(None)


def test_the_window_says_it_is_read_only_and_offers_no_edits(window: MainWindow) -> None:
    assert window.windowTitle() == "Engineering manager (read-only) — Rolemap"
    note = window.findChild(QLabel, "read-only-note")
    assert note is not None and note.isVisible() and note.text() == READ_ONLY_NOTE
    above = note.mapTo(window, QPoint(0, 0)).y() < window.tabs.mapTo(window, QPoint(0, 0)).y()
    assert above  # over every tab, not only the map
    names = {spec.name for spec in ACTIONS}
    assert set(WRITING_ACTIONS) <= names  # no name in the list is misspelt
    for name in WRITING_ACTIONS:
        assert not window.action(name).isEnabled(), name
    for name in ("export-diagram", "export-json", "copy", "find", "zoom-in", "quit"):
        assert window.action(name).isEnabled(), name  # reading and exporting still work
    window.menus.menus["&Edit"].aboutToShow.emit()  # the example data is there, but
    assert not window.action("remove-example-data").isEnabled()
    scene = window.scene
    assert not scene.editable
    assert not any(
        item.flags() & item.GraphicsItemFlag.ItemIsMovable for item in scene.nodes.values()
    )


def test_an_attempted_edit_changes_nothing_and_says_why(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    before = db_path.read_bytes()
    document, scene, view = window.document, window.scene, window.view
    nodes = dict(document.role_map.nodes)
    bar = window.statusBar()
    boxes: list[str] = []  # any message box that would interrupt: noted and closed

    def close_boxes() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            boxes.append(box.windowTitle())
            box.close()

    watcher = QTimer(window)
    watcher.timeout.connect(close_boxes)
    watcher.start(20)

    window.action("add-activity").trigger()  # disabled: nothing happens
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert document.role_map.nodes == nodes

    # A double-click in a lane would add a box there; here it says why not.
    empty = QPointF(scene.lanes.shown()[0].sceneBoundingRect().center().x(), 5000)
    view.centerOn(empty)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(empty))
    assert bar.currentMessage() == READ_ONLY_REFUSAL
    assert scene.title_editor is None and document.role_map.nodes == nodes

    # Dragging a box moves nothing.
    item = next(iter(scene.nodes.values()))
    start = item.pos()
    view.centerOn(item)
    grab = view.mapFromScene(item.scenePos() + QPointF(40, 20))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(view.viewport(), grab + QPoint(0, 120))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=grab + QPoint(0, 120))
    assert item.pos() == start and document.role_map.nodes == nodes

    # An edit that still reaches the document (a field, the Track tab) is refused in
    # the status bar with the store's words, and no box interrupts.
    assert document.add_node(NodeKind.OUTPUT, "Anything") is None
    assert "is read-only" in bar.currentMessage()
    assert not document.rename_node(item.node_id, "Renamed")
    assert document.role_map.nodes == nodes and document.undo_stack.count() == 0
    assert not window.action("undo").isEnabled()
    qtbot.wait(60)
    assert boxes == []
    window.close()
    assert db_path.read_bytes() == before


def test_backups_and_closing_do_not_crash(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    scheduler = BackupScheduler(window.document, parent=window)
    scheduler.start(delay_ms=0)
    assert not scheduler.timer.isActive() and not scheduler.start_timer.isActive()

    def folder_cannot_be_made(*_args: object, **_kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup_scheduler, "make_backup", folder_cannot_be_made)
    with qtbot.waitSignal(scheduler.backup_failed) as failed:
        assert scheduler.backup_now() is None  # asked for anyway: said, not raised
    assert "Permission denied" in failed.args[0]
    assert scheduler.backup_on_exit() is None
    window.close()


def _python_as(uid: int) -> list[str] | None:
    """A command that runs this Python's code as user `uid` (None where none can)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    prefix = [setpriv, f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, shutil.which(version) or "", f"/usr/bin/{version}"):
        runs = python and subprocess.run([*prefix, python, "-c", ""], capture_output=True)
        if runs and runs.returncode == 0:
            return [*prefix, python]
    return None


NOBODY = 65534
SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from rolemap.document.document import RoleDocument
    from rolemap.domain.kinds import NodeKind
    from rolemap.ui.backup_scheduler import BackupScheduler
    from rolemap.ui.main_window import MainWindow
    from rolemap.ui.single_instance import SingleInstance
    from rolemap.ui.startup import open_for_window

    app = QApplication([])
    path = Path(sys.argv[1])
    instance = SingleInstance(path)
    print("lock:", instance.acquire())
    store = open_for_window(path)
    print("read-only:", store.read_only)
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    window = MainWindow(document)
    window.show()
    window.finish_start()
    instance.listen()
    scheduler = BackupScheduler(document, parent=window)
    scheduler.start(delay_ms=0)
    print("backup:", scheduler.backup_now())
    print("title:", window.windowTitle())
    print("added:", document.add_node(NodeKind.ACTIVITY, "x"))
    loop = QEventLoop()
    window.dashboard.refreshed.connect(loop.quit)
    window.tabs.setCurrentWidget(window.dashboard_page)
    QTimer.singleShot(20000, loop.quit)
    loop.exec()
    print("dashboard:", window.dashboard.status.text())
    window.close()
    scheduler.backup_on_exit()
    store.close()
    instance.release()
    print("closed")
    """
)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder another user can reach (pytest's own are the test user's alone)."""
    with tempfile.TemporaryDirectory(prefix="rolemap-ro-") as name:
        Path(name).chmod(0o755)
        yield Path(name)


def test_as_an_ordinary_user_on_a_read_only_folder(shared_tmp: Path) -> None:
    command = _python_as(NOBODY)
    if command is None:
        pytest.skip("needs root with setpriv, and a Python another user may run")
    tmp_path = shared_tmp
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "rolemap.sqlite3"
    open_store(path, create=True, seed=seed_example).close()
    home = tmp_path / "home"
    home.mkdir()
    for owned in (path, folder, home):
        os.chown(owned, NOBODY, NOBODY)
    path.chmod(0o400)
    folder.chmod(0o555)
    before = path.read_bytes()
    paths = [str(ROOT / "desktop"), *(p for p in sys.path if "site-packages" in p)]
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_RUNTIME_DIR": str(home),
        "PYTHONPATH": os.pathsep.join(paths),
    }
    try:
        done = subprocess.run(
            [*command, "-c", SCRIPT, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=home,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert "lock: True" in lines  # no lock file beside it: carries on, as the only writer
    assert "read-only: True" in lines
    assert "backup: None" in lines  # not taken: nothing can change
    assert "title: Engineering manager (read-only) — Rolemap" in lines
    assert "added: None" in lines
    dashboard = next(line for line in lines if line.startswith("dashboard:"))
    assert "h tracked" in dashboard, dashboard  # the worker read the file
    assert lines[-1] == "closed"
    assert f"{path} is read-only: changes cannot be saved." in done.stderr
    assert path.read_bytes() == before
