"""`rolemap report` over 100,000 and 1,000,000 time entries, against Timewarrior and Watson.

The same 100,000 entries (15 min – 3 h each, spread over 2023, eight
activities) go into a Rolemap database, a Timewarrior database (its monthly
`data/YYYY-MM.data` files) and a Watson `frames` file. Each program then
reports the whole year as a whole process: `rolemap report --period all`,
`timew summary 2023-01-01 - 2024-01-01 :ids`-less, `watson report --from
2023-01-01 --to 2023-12-31`. The peers are installed here if missing
(Debian `timewarrior` through apt-get, PyPI `td-watson` into
.bench/watson-venv); a peer that cannot be installed is skipped with the
reason printed. Target: Rolemap ≥ 10× faster than each; the million-entry
report ≤ 0.5 s.

    .venv/bin/python tests/benchmarks/bench_report.py     (prints the figures)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "desktop"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

Record = Callable[..., None]
YEAR_START = int(dt.datetime(2023, 1, 1, tzinfo=dt.UTC).timestamp())
YEAR_END = int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp()) - 3 * 3600
WATSON_VENV = ROOT / ".bench" / "watson-venv"
# As installed: byte-code is cached (this shell may set PYTHONDONTWRITEBYTECODE, which
# would make every run compile Rolemap's modules again, ~0.3 s, and time that instead).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "TZ": "UTC",
    "QT_QPA_PLATFORM": "offscreen",
}


def _timed(command: Sequence[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of a whole process; the first run warms the page cache."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - started)
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[:400]}")
    return statistics.median(times[1:])


def _make_database(path: Path, count: int) -> list[tuple[str, str, int, int]]:
    """The example role plus `count` generated entries; returns (id, title, start, duration)."""
    from tests.support.generate import insert_time_entries

    from rolemap.services.transfer import seed_example
    from rolemap.store.database import open_store

    store = open_store(path, create=True, seed=seed_example)
    try:
        with store.transaction() as conn:  # only the generated entries
            conn.execute("DELETE FROM time_entries")
        activities = store.conn.execute(
            "SELECT id, title FROM nodes WHERE kind = 'activity' ORDER BY title"
        ).fetchall()
        insert_time_entries(store, [a for a, _ in activities], count, YEAR_START, YEAR_END, seed=7)
        titles = dict(activities)
        rows = store.conn.execute(
            "SELECT activity_id, start, duration FROM time_entries ORDER BY start"
        ).fetchall()
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return [(a, titles[a], s, d) for a, s, d in rows]


def _rolemap(db: Path) -> list[str]:
    return [sys.executable, "-m", "rolemap", "report", "--period", "all", "--db", str(db)]


# -- Timewarrior ------------------------------------------------------------------------


def _timew() -> str | None:
    found = shutil.which("timew")
    if found:
        return found
    print("  installing timewarrior (apt-get)…", flush=True)
    apt = ["apt-get", "install", "-y", "-q", "timewarrior"]
    if os.geteuid() != 0:
        apt = ["sudo", "-n", *apt]
    try:
        result = subprocess.run(apt, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            subprocess.run([*apt[:-4], "update", "-q"], capture_output=True, timeout=600)
            result = subprocess.run(apt, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            print(f"  skipped Timewarrior: apt-get failed: {result.stderr.strip()[-300:]}")
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"  skipped Timewarrior: cannot run apt-get ({error})")
    return shutil.which("timew")


def _timew_database(folder: Path, entries: list[tuple[str, str, int, int]]) -> dict[str, str]:
    """Write the entries as Timewarrior's monthly data files; return the environment."""
    data = folder / "data"
    data.mkdir(parents=True)
    (folder / "timewarrior.cfg").write_text("verbose = off\n")
    (data / "tags.data").write_text("{}\n")
    months: dict[str, list[str]] = {}
    for _, title, start, duration in entries:
        begin = dt.datetime.fromtimestamp(start, dt.UTC)
        end = dt.datetime.fromtimestamp(start + duration, dt.UTC)
        line = f"inc {begin:%Y%m%dT%H%M%SZ} - {end:%Y%m%dT%H%M%SZ} # {json.dumps(title)}"
        months.setdefault(f"{begin:%Y-%m}", []).append(line)
    for month, lines in months.items():
        (data / f"{month}.data").write_text("\n".join(lines) + "\n")
    return {**ENV, "TIMEWARRIORDB": str(folder)}


# -- Watson -------------------------------------------------------------------------------


def _watson() -> Path | None:
    binary = WATSON_VENV / "bin" / "watson"
    if binary.exists():
        return binary
    print("  installing td-watson into .bench/watson-venv (pip)…", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(WATSON_VENV)], check=True, timeout=300)
        result = subprocess.run(
            [str(WATSON_VENV / "bin" / "pip"), "install", "-q", "td-watson"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            print(f"  skipped Watson: pip failed: {result.stderr.strip()[-300:]}")
            return None
    except (OSError, subprocess.SubprocessError) as error:
        print(f"  skipped Watson: cannot make its virtual environment ({error})")
        return None
    return binary if binary.exists() else None


def _watson_database(folder: Path, entries: list[tuple[str, str, int, int]]) -> dict[str, str]:
    """Write the entries as Watson's frames file; return the environment."""
    folder.mkdir(parents=True)
    frames = [
        [start, start + duration, title, f"{i:032x}", [], start + duration]
        for i, (_, title, start, duration) in enumerate(entries)
    ]
    (folder / "frames").write_text(json.dumps(frames))
    (folder / "state").write_text("{}")
    return {**ENV, "WATSON_DIR": str(folder)}


# -- the benchmark ------------------------------------------------------------------------


def run(record: Record) -> None:
    """Build the databases, run the three reports, record times and ratios."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        db = folder / "report-100k.sqlite3"
        entries = _make_database(db, 100_000)
        ours = _timed(_rolemap(db), ENV, runs=5)
        record("report: rolemap report --period all, 100,000 entries", ours, "s", None)

        timew = _timew()
        if timew:
            env = _timew_database(folder / "timew", entries)
            command = [timew, "summary", "2023-01-01", "-", "2024-01-02"]
            theirs = _timed(command, env, runs=1)
            record("report: timew summary (a year), same 100,000 entries", theirs, "s", None)
            record("report: Rolemap faster than timew summary", theirs / ours, "×", 10, True)
        watson = _watson()
        if watson:
            env = _watson_database(folder / "watson", entries)
            command = [str(watson), "report", "--from", "2023-01-01", "--to", "2023-12-31"]
            theirs = _timed([*command, "--no-pager"], env, runs=1)
            record("report: watson report (a year), same 100,000 entries", theirs, "s", None)
            record("report: Rolemap faster than watson report", theirs / ours, "×", 10, True)

        big = folder / "report-1m.sqlite3"
        started = time.perf_counter()
        _make_database(big, 1_000_000)
        print(f"  (1,000,000 entries written in {time.perf_counter() - started:.0f} s)")
        record(
            "report: rolemap report --period all, 1,000,000 entries",
            _timed(_rolemap(big), ENV, runs=5),
            "s",
            0.5,
        )
        opening, checked, queries = _inside(big)
        record("report: of which opening the file read-only, 1,000,000 entries", opening, "s", None)
        record("report: opening it for writing (+ quick_check), for comparison", checked, "s", None)
        record("report: of which the report's queries, 1,000,000 entries", queries, "s", None)


def _inside(db: Path) -> tuple[float, float, float]:
    """Where the time goes: opening read-only (as the report does), opening for
    writing (with quick_check, as the window does), and the report's queries."""
    from rolemap.domain.periods import local_zone, period_of
    from rolemap.store.database import open_store
    from rolemap.store.figures import role_figures
    from rolemap.store.role_repository import RoleRepository

    openings, checked, reports = [], [], []
    for _ in range(3):
        started = time.perf_counter()
        open_store(db).close()
        checked.append(time.perf_counter() - started)
        started = time.perf_counter()
        store = open_store(db, read_only=True)
        openings.append(time.perf_counter() - started)
        try:
            roles = RoleRepository(store)
            role_map = roles.load_map(roles.list_roles()[0].id)
            started = time.perf_counter()
            role_figures(
                store.conn,
                role_map,
                period_of("all", dt.date.today()),
                local_zone(),
                int(time.time()),
            )
            reports.append(time.perf_counter() - started)
        finally:
            store.close()
    return statistics.median(openings), statistics.median(checked), statistics.median(reports)


if __name__ == "__main__":

    def _print(
        name: str, value: float, unit: str, target: float | None, higher: bool = False
    ) -> None:
        print(f"{name}: {value:.4g} {unit} (target {target})")

    run(_print)
