"""Render the whole Dashboard tab of a database to a PNG (for docs/dashboard.png).

    QT_QPA_PLATFORM=offscreen python tests/support/dashboard_shot.py DB OUT.png [PERIOD]

Opens the window on DB (created with the example role if missing), shows the
Dashboard tab, waits for the charts, and grabs the tab's whole scroll body.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea

from rolemap.document.document import RoleDocument
from rolemap.services.transfer import seed_example
from rolemap.store.database import open_store
from rolemap.ui.main_window import MainWindow


def main(db: str, out: str, period: str = "4weeks") -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = open_store(Path(db), create=True, seed=seed_example)
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    window = MainWindow(document)
    window.resize(1500, 1900)  # tall enough that the tab needs no scrolling
    window.show()
    tab = window.dashboard
    loop = QEventLoop()
    tab.refreshed.connect(loop.quit)
    window.tabs.setCurrentWidget(tab)
    tab.set_period(period)
    QTimer.singleShot(20000, loop.quit)
    loop.exec()
    QApplication.processEvents()
    tab.findChild(QScrollArea).widget().grab().save(out)
    window.close()
    store.close()
    del app


if __name__ == "__main__":
    main(*sys.argv[1:])
