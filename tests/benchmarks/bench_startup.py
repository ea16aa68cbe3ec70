"""Start-up and autosave: the two figures of the foundation.

- cold start: process start → main window shown (its first paint) with the
  example role, as a ratio to a bare PySide6 window with a QGraphicsView
  started the same way in the same run (target ≤ 2.0×: a guard against
  regressions, the ≤ 1.5× of the first issue being below the floor this
  stack sets for the window it must show). Both processes print
  the CLOCK_MONOTONIC time of their window's first paint; the benchmark
  subtracts the time it started them. Also recorded, without a target: the
  time until Rolemap has built everything (the Track and Dashboard tabs, the
  map tools: `MainWindow.started`), and the whole process to its exit;
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

# The same first-paint signal as Rolemap's (MainWindow's `shown`): the window's
# first Paint event, then the next turn of the event loop, when its children
# have painted in the same pass.
BARE_WINDOW = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    scene = QGraphicsScene()
    scene.addRect(0, 0, 100, 60)
    window.setCentralWidget(QGraphicsView(scene))

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, shown)
            return False

    def shown():
        print(f"window shown {time.monotonic():.6f}")
        window.close()

    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    app.exec()
    """
)
RUNS = 11


def _run(command: list[str]) -> dict[str, float]:
    """Seconds from start to each "… shown/started T" line the process prints, and to its exit."""
    started = time.monotonic()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    times = {"exit": time.monotonic() - started}
    for line in result.stdout.splitlines():
        words = line.split()
        if len(words) >= 2 and words[-2] in ("shown", "started"):
            times[words[-2]] = float(words[-1]) - started
    return times


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
        first = _run(rolemap)  # creates the database with the example role
        bare = [sys.executable, "-c", BARE_WINDOW]
        _run(bare)  # warm the file cache for both
        ours: list[dict[str, float]] = []
        theirs: list[dict[str, float]] = []
        for _ in range(RUNS):  # interleaved, so that a slow spell hits both
            theirs.append(_run(bare))
            ours.append(_run(rolemap))

        def median(runs: list[dict[str, float]], key: str) -> float:
            return statistics.median(r[key] for r in runs)

        shown, bare_shown = median(ours, "shown"), median(theirs, "shown")
        record("first start (creates the database), to shown", first["shown"] * 1000, "ms", None)
        record("start to window shown (first paint)", shown * 1000, "ms", None)
        record("bare PySide6 window + QGraphicsView, to shown", bare_shown * 1000, "ms", None)
        record("start-up ratio to the bare window", shown / bare_shown, "×", 2.0)
        record("start to everything built (started)", median(ours, "started") * 1000, "ms", None)
        record(
            "whole process to exit, ratio to the bare window",
            median(ours, "exit") / median(theirs, "exit"),
            "×",
            None,
        )
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
