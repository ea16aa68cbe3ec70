"""The composition root: parse the command line, then run a command or open the window.

The window path checks the system first (Qt's libraries, a display), opens
the store (creating it with the example role on the first start), wires the
document to the main window, and shows it. Only this module builds the store
and hands it to the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """The `rolemap` command."""
    from rolemap.cli.main import build_parser, run

    args = build_parser().parse_args(argv)
    if args.command is not None:
        return run(args)
    return run_window(args.db, smoke_test=args.smoke_test)


def run_window(db: object = None, *, smoke_test: bool = False) -> int:
    """Open the main window on the database; returns the exit status."""
    from rolemap import qtcheck

    problems = qtcheck.problems(window=True)
    if problems:
        for problem in problems:
            print(f"rolemap: {problem}", file=sys.stderr)
        return 1

    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from rolemap import __version__
    from rolemap.document.document import RoleDocument
    from rolemap.store.database import open_store
    from rolemap.store.errors import StoreError
    from rolemap.store.locations import default_database
    from rolemap.transfer import seed_example
    from rolemap.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Rolemap")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Rolemap")
    app.setDesktopFileName("rolemap")

    path = Path(str(db)).expanduser() if db else default_database()
    try:
        store = open_store(path, create=True, seed=seed_example)
    except StoreError as error:
        QMessageBox.critical(None, "Rolemap cannot open its database", str(error))
        print(f"rolemap: {error}", file=sys.stderr)
        return 1

    document = RoleDocument(store)
    roles = document.roles()
    if roles:
        document.switch_role(roles[0].id)
    window = MainWindow(document)
    window.show()
    if smoke_test:
        QTimer.singleShot(0, lambda: (print("rolemap: window shown"), window.close()))
    try:
        return int(app.exec())
    finally:
        store.close()
