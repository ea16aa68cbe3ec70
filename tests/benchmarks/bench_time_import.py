"""Importing time as whole processes, and the totals against Timewarrior's for the same intervals.

Figures (medians of whole `rolemap` processes, byte-code cached as an
installed Rolemap has it; each run starts from a fresh copy of the database):

- `rolemap import-time timew FILE --map …`: 100,000 intervals of `timew
  export` JSON into the example role (target ≤ 1.5 s);
- `rolemap import FILE`: a Rolemap JSON file holding 100,000 time entries,
  into an existing database (target ≤ 1.5 s) and, for comparison, into a new
  one (which also pays for creating the schema);
- `rolemap import-time ics FILE`: a year of a calendar with 30 weekly
  meetings, expanded and imported (target ≤ 1 s).

Parity: the same 100,000 intervals as bench_report.py generates them go into
Timewarrior (its data files; `timew export` writes the export Rolemap reads),
a Watson frames file and a Toggl CSV. Each is imported into its own copy of
the role, and `rolemap report --period all --json`'s `total_seconds` is set
against the total of `timew summary` for them: the difference is a figure
with the target 0 s. A peer that cannot be installed is skipped, with the reason.

    .venv/bin/python tests/benchmarks/bench_time_import.py     (prints the figures)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import resource
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

from tests.benchmarks import bench_report  # noqa: E402
from tests.benchmarks.bench_time_parse import timew_export, weekly_calendar  # noqa: E402

Record = Callable[..., None]
ENV = bench_report.ENV
COUNT = 100_000
# The tags of bench_time_parse.timew_export, each to an activity of the example role.
MAPS = (
    ("hiring", "Hiring loops"),
    ("ops", "Cross-team syncs"),
    ("planning", "Quarterly planning"),
    ("1:1", "Weekly 1:1s"),
    ("review", "Code reviews"),
    ("writing", "Writing design docs"),
    ("email", "Email & status updates"),
    ("learning", "Mentoring sessions"),
)


def _timed(command: Sequence[str], fresh: Callable[[], None], runs: int = 5) -> float:
    """Median wall time of a whole process, each run on a fresh copy (after one warm-up run).

    `_cpu` keeps the median processor time (user + system, every thread) of the
    same runs: on a machine other work shares, it moves less than the wall time.
    """
    times, cpu = [], []
    for _ in range(runs + 1):
        fresh()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode != 0:
            raise RuntimeError(f"{command[2:4]} failed: {result.stderr.strip()[:400]}")
    _cpu[:] = [statistics.median(cpu[1:])]
    return statistics.median(times[1:])


_cpu: list[float] = [0.0]


def _copier(template: Path, target: Path) -> Callable[[], None]:
    def fresh() -> None:
        for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        if template.exists():
            shutil.copyfile(template, target)

    return fresh


def _example_role(path: Path) -> None:
    """The example role without its sample records, checkpointed (a template to copy)."""
    from rolemap.services.transfer import seed_example
    from rolemap.store.database import open_store

    store = open_store(path, create=True, seed=lambda s: seed_example(s, records=False))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def _rolemap(*args: str) -> list[str]:
    return [sys.executable, "-m", "rolemap", *args]


def run(record: Record) -> None:
    """Every figure of the module."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        template = folder / "role.sqlite3"
        _example_role(template)
        db = folder / "db.sqlite3"
        _imports(record, folder, template, db)
        _parity(record, folder, template, db)


def _imports(record: Record, folder: Path, template: Path, db: Path) -> None:
    export = folder / "timew.json"
    export.write_bytes(timew_export(COUNT))
    maps = [part for tag, title in MAPS for part in ("--map", f"{tag}={title}")]
    command = _rolemap("import-time", "timew", str(export), *maps, "--db", str(db))
    seconds = _timed(command, _copier(template, db))
    record("import-time: 100,000 intervals of timew export JSON, whole process", seconds, "s", 1.5)
    record("import-time: of which processor time (user + system, both threads)", _cpu[0], "s", None)

    # A Rolemap JSON file of the same 100,000 entries, written by `rolemap export`.
    _copier(template, db)()
    subprocess.run(command, env=ENV, check=True, capture_output=True)
    role_file = folder / "role.json"
    subprocess.run(
        _rolemap("export", "--format", "json", "-o", str(role_file), "--db", str(db)),
        env=ENV,
        check=True,
        capture_output=True,
    )
    empty = folder / "empty.sqlite3"
    from rolemap.store.database import open_store

    open_store(empty, create=True).close()
    command = _rolemap("import", str(role_file), "--db", str(db))
    seconds = _timed(command, _copier(empty, db))
    record("import: Rolemap JSON with 100,000 time entries, whole process", seconds, "s", 1.5)
    record("import: of which processor time (user + system, both threads)", _cpu[0], "s", None)
    seconds = _timed(command, _copier(folder / "no such file", db), runs=3)
    record("import: the same into a new database (creates the schema too)", seconds, "s", None)

    calendar = folder / "calendar.ics"
    calendar.write_bytes(weekly_calendar(30))
    rules = folder / "rules.json"
    rule = {"field": "title", "how": "contains", "value": "Meeting", "activity": "Weekly 1:1s"}
    rules.write_text(json.dumps([rule]))
    command = _rolemap(
        "import-time", "ics", str(calendar), "--from", "2024-01-01", "--to", "2024-12-31",
        "--tz", "Europe/Berlin", "--rules", str(rules), "--db", str(db),
    )  # fmt: skip
    seconds = _timed(command, _copier(template, db))
    record("import-time: a year of 30 weekly meetings from .ics, whole process", seconds, "s", 1.0)


def _parity(record: Record, folder: Path, template: Path, db: Path) -> None:
    """The same intervals from three tools give Rolemap the total Timewarrior gives them."""
    from rolemap.interchange.foreign_time import OutgoingEntry
    from rolemap.interchange.timewarrior import write_timew
    from rolemap.interchange.toggl_csv import write_toggl

    entries = bench_report._make_database(folder / "generated.sqlite3", COUNT)
    expected = sum(duration for *_, duration in entries)
    outgoing = [OutgoingEntry(start, duration, title) for _, title, start, duration in entries]
    files: dict[str, Path] = {}
    timew = bench_report._timew()
    theirs = None
    if timew:
        env = bench_report._timew_database(folder / "timewarrior", entries)
        export = subprocess.run([timew, "export"], env=env, capture_output=True, timeout=600)
        files["timew"] = folder / "timew-export.json"
        files["timew"].write_bytes(export.stdout)
        summary = subprocess.run(
            [timew, "summary", "2023-01-01", "-", "2024-01-02"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        theirs = _total(summary.stdout)
        record("parity: timew summary minus the generated total", theirs - expected, "s", 0)
    else:
        files["timew"] = folder / "timew-export.json"
        files["timew"].write_text(write_timew(outgoing))
    watson = bench_report._watson()
    if watson:
        bench_report._watson_database(folder / "watson", entries)
        files["watson"] = folder / "watson" / "frames"
    files["toggl"] = folder / "toggl.csv"
    files["toggl"].write_text(write_toggl(outgoing, dt.UTC, email="me@example.com"))
    reference = theirs if theirs is not None else expected
    for fmt, path in files.items():
        _copier(template, db)()
        imported = subprocess.run(
            _rolemap("import-time", fmt, str(path), "--tz", "UTC", "--db", str(db)),
            env=ENV,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if imported.returncode != 0:
            raise RuntimeError(f"import-time {fmt} failed: {imported.stderr.strip()[:400]}")
        report = subprocess.run(
            _rolemap("report", "--period", "all", "--json", "--db", str(db)),
            env=ENV,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        ours = int(json.loads(report.stdout)["total_seconds"])
        peer = "timew summary" if theirs is not None else "the generated entries"
        record(f"parity: {fmt} import's report total minus {peer}", ours - reference, "s", 0)


def _total(summary: str) -> int:
    """Seconds of the grand total: the last H:MM:SS that `timew summary` prints."""
    found = re.findall(r"(\d+):(\d\d):(\d\d)\s*$", summary.strip(), re.MULTILINE)
    hours, minutes, seconds = (int(part) for part in found[-1])
    return hours * 3600 + minutes * 60 + seconds


if __name__ == "__main__":

    def _print(
        name: str, value: float, unit: str, target: float | None, higher: bool = False
    ) -> None:
        print(f"{name}: {value:.4g} {unit} (target {target})", flush=True)

    run(_print)
