"""The window's two-step start: the visible window first, the rest right after its first paint."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit

from rolemap.document.document import RoleDocument
from rolemap.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DEFERRED = ("track", "plan", "dashboard", "map_tools", "roles", "safety", "exporter")


def test_the_rest_is_built_right_after_the_first_paint(qtbot: Any, document: RoleDocument) -> None:
    window = MainWindow(document)
    qtbot.addWidget(window)
    assert not any(part in window.__dict__ for part in DEFERRED)  # nothing built yet
    assert [window.tabs.tabText(i) for i in range(1, 4)] == ["Plan", "Track", "Dashboard"]
    with qtbot.waitSignals([window.shown, window.started], order="strict"):
        window.show()
    assert all(part in window.__dict__ for part in DEFERRED)
    assert window.track_page.isAncestorOf(window.track)
    assert window.dashboard_page.isAncestorOf(window.dashboard)
    assert window.plan_page.isAncestorOf(window.plan)
    assert window.track.timer_status.parent() is window.statusBar()


def test_the_window_answers_between_the_parts_built_after_the_first_paint(
    qtbot: Any, document: RoleDocument
) -> None:
    """A click right after the first paint waits for one part (~60 ms), not for all (~210)."""
    window = MainWindow(document)
    qtbot.addWidget(window)
    seen: list[list[str]] = []

    def look() -> None:  # events that come in just after the first paint, one a turn
        seen.append([part for part in DEFERRED if part in window.__dict__])
        if len(seen) < 2:
            QTimer.singleShot(0, look)

    window.shown.connect(lambda: QTimer.singleShot(0, look))
    with qtbot.waitSignal(window.started):
        window.show()
    assert len(seen) == 2 and 0 < len(seen[1]) < len(DEFERRED)
    assert all(part in window.__dict__ for part in DEFERRED)


def test_an_action_used_before_then_builds_what_it_needs(
    qtbot: Any, document: RoleDocument
) -> None:
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.action("find").trigger()  # the map tools are not built yet
    assert "map_tools" in window.__dict__
    assert isinstance(window.map_tools.find_bar.findChild(QLineEdit), QLineEdit)
    window.tabs.setCurrentWidget(window.track_page)  # a tab shown before then builds itself
    assert window.track_page.isAncestorOf(window.track)
    window.finish_start()
    window.finish_start()  # once only
    assert (
        window.statusBar()
        .findChildren(type(window.track.timer_status))
        .count(window.track.timer_status)
        == 1
    )


def test_the_first_paint_needs_none_of_the_deferred_modules(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from rolemap.app import main
        from rolemap.ui.main_window import MainWindow

        def report():
            loaded = sorted(
                m for m in sys.modules
                if m.startswith(("rolemap.track", "rolemap.dashboard", "rolemap.plan",
                                 "rolemap.review", "rolemap.services.review",
                                 "rolemap.document.plan_editor", "rolemap.ui.map_tools",
                                 "rolemap.ui.role_actions", "rolemap.ui.data_safety",
                                 "rolemap.store.backup_folder", "rolemap.services.transfer",
                                 "rolemap.ui.welcome", "rolemap.ui.getting_started",
                                 "rolemap.ui.new_role_dialog", "rolemap.ui.template_preview",
                                 "rolemap.services.templates", "rolemap.services.getting_started",
                                 "rolemap.canvas.change_marks", "rolemap.domain.role_names",
                                 "rolemap.store.backup_copy", "zoneinfo",
                                 "rolemap.domain.periods", "rolemap.domain.attribution",
                                 "rolemap.store.rollup", "rolemap.canvas.title_editor",
                                 "PySide6.QtNetwork", "uuid", "hashlib", "ctypes"))
            )
            # PySide creates its QWidget subclasses when it must find the type of a
            # widget Python has not seen (~8 ms): QCalendarWidget is one nobody uses.
            # QIcon and QImage: types (and enums) the first paint needs no Python side of.
            import PySide6.QtGui, PySide6.QtWidgets
            if "QCalendarWidget" in vars(PySide6.QtWidgets):
                loaded.append("every QWidget subclass")
            loaded += [name for name in ("QIcon", "QImage") if name in vars(PySide6.QtGui)]
            print("loaded at first paint:", loaded)

        original = MainWindow.__init__
        def spy(self, *args, **kwargs):
            original(self, *args, **kwargs)
            self.shown.connect(report)
        MainWindow.__init__ = spy
        sys.exit(main(["--smoke-test", "--db", sys.argv[1]]))
        """
    )
    db = tmp_path / "roles.sqlite3"
    first = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr  # created the database, with the example
    again = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert "loaded at first paint: []" in again.stdout, again.stdout
    shown = [line for line in again.stdout.splitlines() if line.startswith("rolemap: window shown")]
    assert len(shown) == 1 and float(shown[0].split()[-1]) > 0  # the benchmark's clock reading


def test_the_menus_are_filled_after_the_first_paint_or_when_wanted(
    qtbot: Any, document: RoleDocument
) -> None:
    window = MainWindow(document)
    qtbot.addWidget(window)
    file_menu = window.menus.menus["&File"]
    assert not window.menus.filled and file_menu.isEmpty()
    assert window.menus.toolbar.actions()  # the toolbar shows at the first paint
    with qtbot.waitSignals([window.shown, window.started], order="strict"):
        window.show()
    assert window.menus.filled
    names = [a.objectName() for a in file_menu.actions() if not a.isSeparator()]
    assert names[0] == "new-role" and names[-1] == "quit"
    assert window.menus.recent_menu.menuAction() in file_menu.actions()


def test_opening_a_menu_before_then_fills_it(qtbot: Any, document: RoleDocument) -> None:
    window = MainWindow(document)
    qtbot.addWidget(window)
    edit_menu = window.menus.menus["&Edit"]
    edit_menu.aboutToShow.emit()
    assert "undo" in [a.objectName() for a in edit_menu.actions()]
    window.menus.fill()  # once only
    assert [a.objectName() for a in edit_menu.actions()].count("undo") == 1


def test_rolemap_and_the_standard_library_are_not_read_for_pyside_features(
    monkeypatch: Any,
) -> None:
    """PySide reads every module's source after it to look for its `__feature__` syntax;
    the start spares it Rolemap's modules and the standard library's (10–20 ms)."""
    import inspect
    import json
    import types

    from rolemap.ui.pyside_imports import skip_source_reading

    assert skip_source_reading()
    assert skip_source_reading()  # once: not wrapped twice
    feature = sys.modules["PySide6.support.feature"]
    read: list[str] = []
    monkeypatch.setattr(inspect, "getsource", lambda module: read.append(module.__name__) or "")
    assert feature._mod_uses_pyside(types.ModuleType("rolemap.somewhere")) is True
    assert feature._mod_uses_pyside(json) is False
    other = types.ModuleType("elsewhere")
    other.__file__ = str(ROOT / ".venv" / "lib" / "site-packages" / "elsewhere.py")
    feature._mod_uses_pyside(other)
    assert read == ["elsewhere"]  # anything else is looked at as PySide does


def test_garbage_collection_is_back_on_whatever_the_start_ends_in(
    tmp_path: Path, monkeypatch: Any
) -> None:
    import gc

    from rolemap import app
    from rolemap.system import qtcheck

    monkeypatch.setattr(qtcheck, "problems", lambda window: ["no display"])
    assert app.run_window(tmp_path / "roles.sqlite3") == 1
    assert gc.isenabled()


def test_the_file_is_checked_on_its_own_thread_while_the_window_loads(
    tmp_path: Path, qapp: Any, monkeypatch: Any
) -> None:
    from tests.support.check_threads import record_check_threads

    from rolemap import app
    from rolemap.services.transfer import seed_example
    from rolemap.store import database
    from rolemap.system import qtcheck

    db = tmp_path / "roles.sqlite3"
    database.open_store(db, create=True, seed=seed_example).close()
    threads = record_check_threads(monkeypatch)
    monkeypatch.setattr(qtcheck, "problems", lambda window: [])
    assert app.run_window(db, smoke_test=True) == 0
    assert threads == ["rolemap-check"]  # once, and not on the window's thread
