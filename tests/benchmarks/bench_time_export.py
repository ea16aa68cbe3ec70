"""Benchmark: Track → Export time… of 100,000 entries shown, and how long the window waits.

- in one go (the way fewer than `IN_STEPS_FROM` entries are written): the
  whole export, which is how long the window would hold still;
- between events (the way from `IN_STEPS_FROM` on): the whole export, and the
  longest the window's event loop waited between two of its turns (target
  ≤ 50 ms: the window answers a click or a key within a few frames).

Both for Toggl CSV and Timewarrior JSON; the files are compared byte for byte.

    .venv/bin/python tests/benchmarks/bench_time_export.py     (prints the figures)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "desktop"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ENTRIES = 100_000
Record = Callable[..., None]


def run(record: Record, entries: int = ENTRIES) -> None:
    """Build the log, show it all in the Track tab, export it both ways."""
    from PySide6.QtWidgets import QApplication
    from tests.support.big_log import build_big_log

    from rolemap.document.document import RoleDocument
    from rolemap.document.record_editor import RecordEditor
    from rolemap.store.database import open_store
    from rolemap.track import time_export
    from rolemap.track.time_export import ExportFormat
    from rolemap.track.track_tab import TrackTab

    app = QApplication.instance() or QApplication([])
    size = f"{entries:,}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.sqlite3"
        log = build_big_log(path, entries, end=int(time.time()) - 3600, example=False)
        store = open_store(path)
        document = RoleDocument(store)
        document.switch_role(log.role_id)
        tab = TrackTab(document, RecordEditor(document))
        tab.resize(1280, 800)
        tab.show()
        tab.show_entries()
        app.processEvents()
        exporter = tab.exporter
        for fmt in ExportFormat:
            label = fmt.label
            saved = time_export.IN_STEPS_FROM
            time_export.IN_STEPS_FROM = 10**9
            one_go = Path(folder) / f"one-go{fmt.suffix}"
            started = time.perf_counter()
            assert exporter.export_to(one_go, fmt)
            record(
                f"time export: {size} entries as {label}, in one go",
                time.perf_counter() - started,
                "s",
                None,
            )
            time_export.IN_STEPS_FROM = saved

            stepped = Path(folder) / f"stepped{fmt.suffix}"
            total, longest = _between_events(app, exporter, stepped, fmt)
            assert stepped.read_bytes() == one_go.read_bytes(), "the two ways wrote different files"
            record(f"time export: {size} entries as {label}, between events", total, "s", None)
            record(
                f"time export: {label}, the longest the window waited",
                longest * 1000,
                "ms",
                50.0,
            )
        tab.close()
        store.close()


def _between_events(app: Any, exporter: Any, path: Path, fmt: Any) -> tuple[float, float]:
    """Export in steps; (the whole time, the longest wait between two turns of the loop)."""
    from PySide6.QtCore import QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    beat = QTimer()
    beat.setInterval(0)
    beat.timeout.connect(tick)
    beat.start()
    started = last[0] = time.perf_counter()
    assert exporter.export_to(path, fmt)
    while exporter.writing:
        app.processEvents()
    total = time.perf_counter() - started
    beat.stop()
    return total, max(gaps)


if __name__ == "__main__":

    def show(name: str, value: float, unit: str, target: float | None, *_: object) -> None:
        goal = f"(target ≤ {target:g})" if target is not None else ""
        print(f"{name:<60} {value:10.4g} {unit} {goal}", flush=True)

    run(show)
