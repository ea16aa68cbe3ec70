"""Start-up and autosave: the two figures of the foundation.

- cold start: process start → main window shown with the example role, as a
  ratio to a bare PySide6 window with a QGraphicsView started the same way in
  the same run (target ≤ 1.5×);
- autosave: one edit (a rename) committed and shown, 95th percentile (≤ 5 ms).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

BARE_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    scene = QGraphicsScene()
    scene.addRect(0, 0, 100, 60)
    window.setCentralWidget(QGraphicsView(scene))
    window.show()
    QTimer.singleShot(0, window.close)
    app.exec()
    """
)


def _time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def run(record: Callable[..., None]) -> None:
    """Measure and record."""
    # An installed Rolemap has bytecode (pip compiles it); an editable checkout
    # under PYTHONDONTWRITEBYTECODE would otherwise recompile every module per start.
    import rolemap

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(rolemap.__file__).parent)],
        check=True,
        capture_output=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        rolemap = [sys.executable, "-m", "rolemap", "--smoke-test", "--db", str(db)]
        first = _time(rolemap)  # creates the database with the example role
        bare = [sys.executable, "-c", BARE_WINDOW]
        _time(bare)  # warm the file cache for both
        ours, theirs = [], []
        for _ in range(7):
            theirs.append(_time(bare))
            ours.append(_time(rolemap))
        median_ours, median_bare = statistics.median(ours), statistics.median(theirs)
        record("first start (creates the database), whole process", first * 1000, "ms", None)
        record("start to window shown, whole process", median_ours * 1000, "ms", None)
        record("bare PySide6 window + QGraphicsView, whole process", median_bare * 1000, "ms", None)
        record("start-up ratio to the bare window", median_ours / median_bare, "×", 1.5)
        _autosave(record, db)


def _autosave(record: Callable[..., None], db: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from rolemap.document.document import RoleDocument
    from rolemap.store.database import open_store

    app = QGuiApplication.instance() or QGuiApplication([])
    store = open_store(db)
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    node_id = next(iter(document.role_map.nodes))
    times = []
    for i in range(300):
        started = time.perf_counter()
        document.rename_node(node_id, f"Title {i}")
        times.append(time.perf_counter() - started)
    store.close()
    times.sort()
    record("autosave of one edit, median", statistics.median(times) * 1000, "ms", None)
    record("autosave of one edit, 95th percentile", times[int(len(times) * 0.95)] * 1000, "ms", 5.0)
    del app
