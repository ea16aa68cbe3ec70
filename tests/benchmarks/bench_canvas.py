"""The map canvas at 500, 2,000 and 5,000 nodes (links = 2 × nodes), offscreen.

- open to shown: RoleDocument.switch_role + MapScene build + view fitted and shown;
- full repaint at fit-to-view (median; the cached overview picture far out),
  and the first one after a change (the picture redrawn);
- a full viewport repaint at 100 % after a pan, on the generated map as it
  comes (long links everywhere) and after auto-layout (short links, as a
  laid-out map has);
- a pan step at 100 % (scroll 40 px, Qt repaints the exposed strip);
- auto-layout: the ordering, and the whole undoable step (document + scene);
- the map view's own viewport (made in Python, which spares the start ~8 ms)
  against Qt's: full repaints at 100 % of one scene, in turn (a ratio; 1 = same).

    .venv/bin/python tests/benchmarks/bench_canvas.py     (prints the figures)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "desktop"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (500, 2000, 5000)
RUNS = 9
Record = Callable[..., None]


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _one(size: int, folder: Path, record: Record) -> None:
    from PySide6.QtWidgets import QApplication
    from tests.support.generate import big_role_map, write_role

    from rolemap.canvas.scene import MapScene
    from rolemap.canvas.view import MapView
    from rolemap.document.document import RoleDocument
    from rolemap.domain.layout import order_lanes
    from rolemap.store.database import open_store

    app = QApplication.instance() or QApplication([])
    store = open_store(folder / f"canvas-{size}.sqlite3", create=True)
    role_map = big_role_map(size, 2 * size, seed=size)
    write_role(store, role_map)
    document = RoleDocument(store)

    started = time.perf_counter()
    document.switch_role(role_map.role.id)
    scene = MapScene(document)
    view = MapView(scene)
    view.resize(1280, 800)
    view.fit_all()
    view.show()
    app.processEvents()
    record(f"canvas {size}: open to shown", time.perf_counter() - started, "s", 1.0)

    view.fit_all()
    app.processEvents()
    viewport = view.viewport()
    record(f"canvas {size}: full repaint at fit (median)", _median_ms(viewport.repaint), "ms", 16.0)

    def changed_then_repaint() -> None:
        scene.overview_version += 1  # as after an edit or a selection change
        viewport.repaint()

    record(
        f"canvas {size}: repaint at fit after a change",
        _median_ms(changed_then_repaint, 5),
        "ms",
        None,
    )

    def pan_repaints(label: str) -> None:
        view.reset_zoom()
        view.centerOn(640, 4000)
        app.processEvents()
        bar = view.verticalScrollBar()

        def pan_full() -> None:
            bar.setValue(bar.value() + 40)
            viewport.repaint()

        def pan_step() -> None:
            bar.setValue(bar.value() + 40)
            app.processEvents()

        pan_full()  # first close-up paint lays titles out once
        record(f"canvas {size}: full repaint at 100 % {label}", _median_ms(pan_full), "ms", 8.0)
        record(f"canvas {size}: pan step at 100 % {label}", _median_ms(pan_step), "ms", 8.0)

    pan_repaints("(as generated)")

    record(
        f"canvas {size}: auto-layout ordering",
        _median_ms(lambda: order_lanes(document.role_map), 3) / 1000,
        "s",
        None,
    )
    from rolemap.domain.layout import auto_layout

    started = time.perf_counter()
    document.move_nodes(auto_layout(document.role_map), label="Auto-layout")
    app.processEvents()  # links rerouted, purpose check, overview
    record(f"canvas {size}: auto-layout step", time.perf_counter() - started, "s", 1.0)
    pan_repaints("(laid out)")
    if size == SIZES[1]:
        _viewport_ratio(scene, record)
    view.close()
    store.close()


def _viewport_ratio(scene: object, record: Record) -> None:
    from PySide6.QtWidgets import QApplication

    from rolemap.canvas.view import MapView

    views = [MapView(scene), MapView(scene)]  # type: ignore[arg-type]
    views[1].setViewport(None)  # Qt makes a new one, as QGraphicsView does by default
    times: list[list[float]] = [[], []]
    for view in views:
        view.resize(1280, 800)
        view.show()
        view.reset_zoom()
        view.centerOn(640, 4000)
    QApplication.processEvents()
    for i in range(60):
        for view, kept in zip(views, times, strict=True):
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + (40 if i < 30 else -40))
            started = time.perf_counter()
            view.viewport().repaint()
            kept.append(time.perf_counter() - started)
    ours, qts = (statistics.median(kept) for kept in times)
    record("canvas: full repaint at 100 %, our viewport / Qt's", ours / qts, "×", None)
    for view in views:
        view.close()


def run(record: Record) -> None:
    """All three sizes, so that the growth is visible."""
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            _one(size, Path(folder), record)


if __name__ == "__main__":

    def show(name: str, value: float, unit: str, target: float | None, *_: object) -> None:
        goal = f"(target ≤ {target:g})" if target is not None else ""
        print(f"{name:<55} {value:10.4g} {unit} {goal}", flush=True)

    run(show)
