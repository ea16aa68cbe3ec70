"""The composition root: parse the command line, then run a command or open the window.

The window path checks the system first (Qt's libraries, a display), opens
the store (creating it with the example role on the first start), wires the
document to the main window, and shows it. Only this module builds the store
and hands it to the rest.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from rolemap.ui.backup_scheduler import BackupScheduler


def main(argv: Sequence[str] | None = None) -> int:
    """The `rolemap` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    window = _window_options(args)
    if window is not None:
        return run_window(window.db, smoke_test=window.smoke_test)
    # A command runs once and exits; what it holds is freed by reference counting.
    # Cyclic collection would only walk, again and again, the objects it builds
    # (an import of 100,000 entries holds several hundred thousand: three walks
    # that found nothing took 0.1 s of it), so it stays off until the command is
    # done. Peak memory of `export`, `manual` and `report` was the same without it.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from rolemap.cli.main import build_parser, run

        parsed = build_parser(args).parse_args(args)
        if parsed.command is not None:
            return run(parsed)
    finally:
        if collecting:
            gc.enable()
    return run_window(parsed.db, smoke_test=parsed.smoke_test)


def _window_options(args: list[str]) -> argparse.Namespace | None:
    """The window's options when `args` asks for the window and nothing else, else None.

    Opening the window must not pay for importing every command (the full
    parser pulls in the exporters, the reports…), so the common case is
    recognised with a parser of its own; anything else goes to the full one.
    """
    parser = argparse.ArgumentParser(prog="rolemap", add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--smoke-test", action="store_true")
    known, rest = parser.parse_known_args(args)
    return None if rest else known


def run_window(db: object = None, *, smoke_test: bool = False) -> int:
    """Open the main window on the database; returns the exit status."""
    # No cyclic garbage collection until the window is up (`started` turns it
    # back on): start-up allocates many long-lived objects (modules, classes,
    # Qt's enums) and collecting them over and over costs ~10 % of the time to
    # the first paint.
    gc.disable()
    try:
        return _run_window(db, smoke_test)
    finally:
        gc.enable()


def _run_window(db: object, smoke_test: bool) -> int:
    from rolemap.system import qtcheck

    problems = qtcheck.problems(window=True)
    if problems:
        for problem in problems:
            print(f"rolemap: {problem}", file=sys.stderr)
        return 1

    import time
    from pathlib import Path

    from rolemap.store.early_check import check_early
    from rolemap.store.locations import default_database

    path = Path(str(db)).expanduser() if db else default_database()
    # The file's checks (quick_check reads all of it) run while Qt and the window load.
    early = check_early(path)

    # Imported before PySide6, so that PySide does not read this module's source either.
    from rolemap.ui.pyside_imports import skip_source_reading

    from PySide6.QtCore import QSettings, Qt  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    skip_source_reading()  # before the window's modules: 10–20 ms of its start
    from rolemap import __version__
    from rolemap.document.document import RoleDocument
    from rolemap.ui.main_window import MainWindow
    from rolemap.ui.single_instance import SingleInstance, raise_window
    from rolemap.ui.startup import open_for_window
    from rolemap.ui.window_settings import WindowSettings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Rolemap")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Rolemap")
    app.setDesktopFileName("rolemap")

    # Data safety (issue 7): one window per file, the checked opening, automatic backups.
    instance = SingleInstance(path)
    if not instance.acquire():
        from rolemap.ui.startup_dialogs import tell_already_open

        print(f"rolemap: Rolemap is already open on {path}", file=sys.stderr)
        tell_already_open(path, instance.owner_came_forward)
        return 0
    existed = path.exists()
    store = open_for_window(path, early=early)
    if store is None:
        instance.release()
        return 1

    document = RoleDocument(store)
    settings = QSettings()
    ids = [role.id for role in document.roles()]
    if ids:
        last = WindowSettings(settings).last_role(store.path)
        document.switch_role(last if last in ids else ids[0])
    window = MainWindow(document, settings=settings)
    instance.activation_requested.connect(lambda: raise_window(window))
    backups: list[BackupScheduler] = []

    def start_backups() -> None:
        # After the first paint: the start backup waits a few seconds anyway.
        from rolemap.ui.backup_scheduler import BackupScheduler

        scheduler = BackupScheduler(document, parent=window)
        scheduler.backup_failed.connect(
            lambda message: window.statusBar().showMessage(message, 15000)
        )
        scheduler.start(backup_now=existed)
        backups.append(scheduler)

    # The icon after the first paint: QIcon's enums alone cost ~5 ms to create.
    window.started.connect(lambda: app.setWindowIcon(_app_icon()))
    window.started.connect(start_backups)
    window.started.connect(instance.listen)
    window.started.connect(gc.enable)
    if smoke_test:
        # The time of the first paint, on the clock the start-up benchmark reads.
        window.shown.connect(lambda: print(f"rolemap: window shown {time.monotonic():.6f}"))
        window.started.connect(lambda: print(f"rolemap: window started {time.monotonic():.6f}"))
        window.started.connect(window.close, Qt.ConnectionType.QueuedConnection)
    window.show()
    try:
        return int(app.exec())
    finally:
        counts = sys.modules.get("rolemap.store.text_count")
        if counts is not None:  # a text's count under way: not waited for at exit
            counts.cancel_all()
        if backups:
            backups[0].backup_on_exit()
        store.close()
        instance.release()


def _app_icon() -> QIcon:
    """Rolemap's icon at every size it ships (window, task bar, tray)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from rolemap.system.resources import resource

    icons = resource("icons")
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):  # with its size given, a file is read when needed
        icon.addFile(str(icons / f"rolemap-{size}.png"), QSize(size, size))
    return icon
