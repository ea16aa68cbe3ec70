"""Benchmark: a one-page PDF of a 2,000-node role, as a whole `rolemap export` process."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5


def run(record: Callable[..., None]) -> None:
    """Median of five whole-process exports; target 1.0 s."""
    from tests.support.generate import big_role_map, write_role

    from rolemap.store.database import open_store

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "big.sqlite3"
        store = open_store(db, create=True)
        write_role(store, big_role_map(2000, 4000, name="Big role"))
        store.close()
        out = Path(folder) / "big.pdf"
        command = [sys.executable, "-m", "rolemap", "export", "--db", str(db)]
        command += ["--format", "pdf", "-o", str(out), "--no-numbers"]
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        record(
            "export one-page PDF, 2,000 nodes (whole process)", statistics.median(times), "s", 1.0
        )


if __name__ == "__main__":
    run(lambda name, value, unit, target, higher_is_better=False: print(name, value, unit, target))
