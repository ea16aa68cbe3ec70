"""The Track tab over 1,000,000 time entries in one role: open, log, sort, filter, scroll, memory.

Each figure runs from the action to the next paint of the time-entries table
(an event filter on its viewport sees the paint), as a person would wait for
it, offscreen. The log is built with the bulk path: one role of 40 activities,
four years, most entries with a note (tests/support/big_log.py).

    .venv/bin/python tests/benchmarks/bench_track.py [ENTRIES]   (prints the figures)

The same file measures older code too (it drives the tab only through what
both have: `models`, `views`, `editor`; filters through the proxies when the
tab has them), so a checkout of an earlier commit can be measured beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
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

ENTRIES = 1_000_000
LOGS = 30
OPENS = 5
REPEATS = 5  # each filter, and the scroll to the end: the median of these
Record = Callable[..., None]


def run(record: Record, entries: int = ENTRIES) -> None:
    """Build the log, open the tab on it, and time what a person waits for."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt
    from PySide6.QtWidgets import QApplication
    from tests.support.big_log import build_big_log

    from rolemap.document.document import RoleDocument
    from rolemap.document.record_editor import RecordEditor
    from rolemap.domain.kinds import NodeKind
    from rolemap.store.database import open_store
    from rolemap.track.track_tab import TrackTab

    app = QApplication.instance() or QApplication([])
    size = f"{entries:,}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "track.sqlite3"
        now = int(time.time())
        started = time.perf_counter()
        log = build_big_log(path, entries, end=now - 3600, example=False)
        record(
            f"track: build the log of {size} entries (bulk)",
            time.perf_counter() - started,
            "s",
            None,
        )
        store = open_store(path)
        document = RoleDocument(store)
        document.switch_role(log.role_id)

        class Paints(QObject):
            """Counts the paints of a viewport."""

            def __init__(self) -> None:
                super().__init__()
                self.count = 0

            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        paints = Paints()

        def until_painted(action: Callable[[], Any]) -> float:
            """Seconds from `action` to the table's next paint."""
            seen = paints.count
            started = time.perf_counter()
            action()
            deadline = started + 120
            while paints.count == seen and time.perf_counter() < deadline:
                app.processEvents()
            return time.perf_counter() - started

        holder: dict[str, Any] = {}

        def open_tab() -> None:
            tab = TrackTab(document, RecordEditor(document))
            tab.resize(1280, 800)
            holder["tab"] = tab
            tab.views["time_entries"].viewport().installEventFilter(paints)
            tab.show()

        opens = []
        for _ in range(OPENS):  # a fresh tab each time; the median of them
            if "tab" in holder:  # gone for good: its models no longer follow the document
                old = holder.pop("tab")
                old.close()
                old.deleteLater()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            opens.append(until_painted(open_tab))
        opened = statistics.median(opens)
        tab = holder["tab"]
        view = tab.views["time_entries"]
        model = tab.models["time_entries"]
        assert model.rowCount() == entries, model.rowCount()
        record(
            f"track: open the tab, first rows painted, {size} entries", opened * 1000, "ms", 100.0
        )

        activities = [n.id for n in document.role_map.nodes_of(NodeKind.ACTIVITY)]
        editor = tab.editor
        logs = []
        for i in range(LOGS):
            logs.append(until_painted(lambda i=i: editor.add_time_entry(activities[i % 40], 1800)))
        assert model.rowCount() == entries + LOGS
        record(
            f"track: log one entry with the tab open, until its row shows, {size}",
            statistics.median(logs) * 1000,
            "ms",
            16.0,
        )
        record("track: the same, 95th percentile", _p95(logs) * 1000, "ms", None)

        sorts = {}
        for column in (1, 2, 3, 4, 5, 0):
            header = model.headerData(column, Qt.Orientation.Horizontal)
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                sorts[f"{header} {order.name[:-5].lower()}"] = until_painted(
                    lambda c=column, o=order: view.sortByColumn(c, o)
                )
        slowest = max(sorts, key=lambda k: sorts[k])
        record(
            f"track: change the sort column (median of 12), {size}",
            statistics.median(sorts.values()) * 1000,
            "ms",
            100.0,
        )
        record(
            f"track: change the sort column, slowest ({slowest})",
            sorts[slowest] * 1000,
            "ms",
            100.0,
        )

        today = dt.date.fromtimestamp(now)
        chosen = sorted(document.role_map.nodes_of(NodeKind.ACTIVITY), key=lambda n: n.title)[3]
        category = str(chosen.detail("category"))
        filters = {
            "a month": {"first": today.replace(day=1), "last": today},
            "one activity": {"nodes": frozenset([chosen.id])},
            "a category": {"category": category},
            "a text": {"text": "incident"},  # in one entry of eight: its first hits show
            "a text found nowhere": {"text": "zebra"},  # the whole log scanned to be sure
        }
        for name, values in filters.items():
            took, counted = [], []
            for _ in range(REPEATS):
                started = time.perf_counter()
                took.append(until_painted(lambda v=values: _filter(tab, v)))
                while getattr(model, "counting", False):  # the rest of a text's hits
                    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
                counted.append(time.perf_counter() - started)
                until_painted(lambda: _filter(tab, {}))
            record(f"track: filter to {name}, {size}", statistics.median(took) * 1000, "ms", 100.0)
            if "text" in values:
                record(
                    f"track: filter to {name}, until all its hits are counted, {size}",
                    statistics.median(counted) * 1000,
                    "ms",
                    None,
                )

        ends = []
        for _ in range(REPEATS):
            ends.append(until_painted(view.scrollToBottom))
            until_painted(view.scrollToTop)
        record(f"track: scroll to the end, {size}", statistics.median(ends) * 1000, "ms", 100.0)
        record(f"track: process memory with the tab open (RSS), {size}", _rss_mb(), "MB", 300.0)
        tab.close()
        store.close()


def _filter(tab: Any, values: dict[str, Any]) -> None:
    """Filter the time entries: through the model's filter, or an older tab's proxy."""
    if hasattr(tab, "proxies"):  # before the tables read the store by page
        proxy = tab.proxies["time_entries"]
        proxy.set_dates(values.get("first"), values.get("last"))
        proxy.set_nodes(values.get("nodes"))
        proxy.set_category(values.get("category"))
        proxy.set_text(values.get("text", ""))
        return
    from rolemap.track.record_filter import RecordFilter

    tab.models["time_entries"].set_filter(RecordFilter(**values))


def _rss_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


if __name__ == "__main__":

    def show(
        name: str, value: float, unit: str, target: float | None, higher_is_better: bool = False
    ) -> None:
        goal = f" (target {target:g} {unit})" if target is not None else ""
        print(f"{name}: {value:.1f} {unit}{goal}", flush=True)

    run(show, int(sys.argv[1]) if len(sys.argv) > 1 else ENTRIES)
