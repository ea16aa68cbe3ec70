"""Mutated time files through `rolemap import-time`, against a populated database.

For each format, hypothesis mutates a valid file (bytes flipped, cut, nasty
text put in, lines repeated or swapped, numbers made huge) and runs the
command line in this process, the way a person would, against a copy of a
database that already holds the example role, its sample records and earlier
imports. A refusal must exit 1 and leave the file byte for byte as it was; an
acceptance must exit 0, keep every row that was there, pass `rolemap check`'s
rules and leave the roll-up exactly what a rebuild gives. Anything else (a
traceback, another exit status) fails the test.

`ROLEMAP_FUZZ_EXAMPLES` runs more examples per format.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.cli.main import main
from rolemap.services.transfer import seed_example
from rolemap.store.database import open_store
from rolemap.store.integrity import consistency_problems, damage
from rolemap.store.rollup import rebuild_rollup

EXAMPLES = int(os.environ.get("ROLEMAP_FUZZ_EXAMPLES", "30"))
TABLES = ("roles", "nodes", "links", "time_entries", "deliveries", "checkins", "time_rules")
DATA = Path(__file__).resolve().parents[1] / "data" / "time"
MAPS = ["--map", "hiring=hiring loops", "--map", "ops=cross-team", "--map", "Acme=email"]


def _timew(count: int) -> bytes:
    tags = [["hiring", "phone"], ["ops"], ["code reviews"], ["misc"]]
    lines = []
    for i in range(count):
        begin = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=40 * i)
        end = begin + dt.timedelta(minutes=5 + i % 30)
        item = {"id": count - i, "start": f"{begin:%Y%m%dT%H%M%SZ}", "end": f"{end:%Y%m%dT%H%M%SZ}"}
        item["tags"] = tags[i % len(tags)]
        if i % 5 == 0:
            item["annotation"] = f"note {i}"
        lines.append(json.dumps(item))
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode()


FORMATS: dict[str, tuple[bytes, list[str]]] = {
    # 1,100 intervals: large enough for the bulk path (a writer thread, no triggers).
    "timew": (_timew(1100), []),
    "ics": (
        (DATA / "work.ics").read_bytes(),
        [
            "--from",
            "2024-10-14",
            "--to",
            "2024-10-20",
            "--me",
            "me@example.com",
            "--map",
            "Team standup=cross-team",
            "--map",
            "1:1 Alice=weekly",
        ],
    ),
    "toggl": (
        b"User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        b"End time,Duration,Tags,Amount (USD)\n"
        b"Ana,ana@x.org,Acme,Hiring,,Screen,No,2024-10-15,12:02:17,2024-10-15,12:47:17,00:45:00,"
        b'"a, b",1\n'
        b"Ana,ana@x.org,,Ops,,Deploy,No,2024-10-15,23:30:00,2024-10-16,00:15:00,00:45:00,,0\n"
        b"Ana,ana@x.org,,Code reviews,,PR,No,2024-10-16,09:00:00,,,01:30:00,,0\n",
        [],
    ),
    "clockify": (
        b"Project,Client,Description,Task,User,Email,Tags,Start Date,Start Time,End Date,End Time,"
        b"Duration (h),Duration (decimal)\n"
        b'Hiring,Acme,Screen,,Ana,ana@x.org,"a, b",03/04/2024,10:23:52 AM,03/04/2024,11:08 AM,'
        b"0:45:00,0.75\n"
        b"Ops,,Deploy,,Ana,ana@x.org,,03/04/2024,14:05,03/04/2024,15:35,01:30:00\n"
        b"Code reviews,,PR,,Ana,ana@x.org,,03/05/2024,09:00,,,,1.5\n",
        [],
    ),
    "watson": (
        json.dumps(
            [
                [1709544180 + 4000 * i, 1709544180 + 4000 * i + 600 + 60 * i, p, f"id{i}", t, 0]
                for i, (p, t) in enumerate(
                    [("hiring", ["phone"]), ("ops", []), ("Code reviews", ["x", "y"]), ("misc", [])]
                )
            ]
        ).encode(),
        [],
    ),
    "csv": (
        b"When,Until,What,Why\n2024-03-05 14:05,2024-03-05T15:35:00+01:00,hiring,screen\n"
        b"2024-03-05 23:30,00:15,ops,\n2024-03-06 09:00,09:45,Code reviews,PR 7\n",
        [
            "--start-column",
            "When",
            "--end-column",
            "Until",
            "--title-column",
            "What",
            "--note-column",
            "Why",
        ],
    ),
}


@dataclass(frozen=True)
class Populated:
    """The seed database's bytes and its rows (kept out of failure reports: long)."""

    data: bytes = field(repr=False)
    rows: dict[str, set[tuple[Any, ...]]] = field(repr=False)


def rows(conn: sqlite3.Connection) -> dict[str, set[tuple[Any, ...]]]:
    return {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def rolemap(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Populated:
    """The example role with sample records, rules, and one earlier import of every format."""
    folder = tmp_path_factory.mktemp("time-fuzz")
    path = folder / "seed.sqlite3"
    open_store(path, create=True, seed=seed_example).close()
    assert rolemap("rules", "add", "project", "Acme", "email", "--db", str(path))[0] == 0
    for fmt, (data, extra) in FORMATS.items():
        # Part of each file, so that a mutated file brings new entries as well as known ones.
        source = folder / f"source.{fmt}"
        source.write_bytes(_part(fmt, data))
        code, _, err = rolemap(
            "import-time",
            fmt,
            str(source),
            "--tz",
            "Europe/Berlin",
            *MAPS,
            *extra,
            "--skip-unmapped",
            "--db",
            str(path),
        )
        assert code == 0, (fmt, err)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        found = rows(conn)
    finally:
        conn.close()
    assert len(found["time_entries"]) > 600
    return Populated(path.read_bytes(), found)


def _part(fmt: str, data: bytes) -> bytes:
    if fmt == "timew":
        return _timew(700)
    if fmt == "watson":
        return json.dumps(json.loads(data)[:-1]).encode()
    if fmt == "ics":  # the events of the first days only
        return data.replace(b"SUMMARY:Focus time", b"SUMMARY:Focus time\r\nSTATUS:CANCELLED")
    return b"\n".join(data.rstrip(b"\n").split(b"\n")[:-1]) + b"\n"


NASTY = [
    b"\x00",
    b"\xff\xfe",
    b"\x1b[2J",
    b"\\ud800",
    b'"',
    b",",
    b"\n",
    b"-",
    b"99999999999",
    b"NaN",
    b"1e309",
    b"[",
    b"}",
    b"BEGIN:VEVENT\r\n",
    b"RRULE:FREQ=SECONDLY\r\n",
    b"\r\n",
]
step = st.tuples(
    st.sampled_from(["flip", "cut", "insert", "repeat", "swap", "digits", "nudge", "nudge"]),
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.sampled_from(NASTY),
)


def mutated(data: bytes, steps: list[tuple[str, int, int, bytes]]) -> bytes:
    """`data` changed by each step (every choice drawn up front, none from the file)."""
    for how, at, other, text in steps:
        at = at % max(1, len(data))
        lines = data.split(b"\n")
        if how == "flip" and data:
            data = data[:at] + bytes([data[at] ^ (1 + other % 255)]) + data[at + 1 :]
        elif how == "cut":
            data = data[:at]
        elif how == "insert":
            data = data[:at] + text + data[at:]
        elif how == "repeat":
            line = lines[other % len(lines)]
            lines.insert(at % len(lines), line)
            data = b"\n".join(lines)
        elif how == "swap":
            i, j = at % len(lines), other % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif how == "nudge":  # another digit: often still a valid file, with other times
            digits = [k for k, byte in enumerate(data) if chr(byte).isdigit()]
            if digits:
                k = digits[other % len(digits)]
                data = data[:k] + str((data[k] - 48 + 1 + at % 8) % 10).encode() + data[k + 1 :]
        else:
            digits = [k for k, byte in enumerate(data) if chr(byte).isdigit()]
            if digits:
                k = digits[other % len(digits)]
                data = (
                    data[:k] + text.lstrip(b"-") + data[k:]
                    if text.isdigit()
                    else data[:k] + b"9" * 12 + data[k + 1 :]
                )
    return data


@pytest.mark.parametrize("fmt", list(FORMATS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(step, min_size=1, max_size=3),
    skip_unmapped=st.booleans(),
    overlaps=st.sampled_from(["skip", "keep"]),
    dry_run=st.booleans(),
)
def test_a_mutated_file_is_refused_whole_or_taken_cleanly(
    populated: Populated,
    tmp_path: Path,
    fmt: str,
    steps: list[tuple[str, int, int, bytes]],
    skip_unmapped: bool,
    overlaps: str,
    dry_run: bool,
) -> None:
    data, extra = FORMATS[fmt]
    # tmp_path is shared by every example of the test: each gets a folder of its own.
    here = Path(tempfile.mkdtemp(dir=tmp_path))
    db = here / "db.sqlite3"
    db.write_bytes(populated.data)
    source = here / "source"
    source.write_bytes(mutated(data, steps))
    args = [
        "import-time",
        fmt,
        str(source),
        "--tz",
        "Europe/Berlin",
        *MAPS,
        *extra,
        "--overlaps",
        overlaps,
        "--db",
        str(db),
    ]
    args += ["--skip-unmapped"] * skip_unmapped + ["--dry-run"] * dry_run
    code, _, err = rolemap(*args)
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1 or dry_run:
        assert err.startswith("rolemap: ") or code == 0
        assert hashlib.sha256(db.read_bytes()).digest() == hashlib.sha256(populated.data).digest()
        assert not (here / "db.sqlite3-wal").exists()
        return
    conn = sqlite3.connect(db)
    try:
        after = rows(conn)
        for table in TABLES:
            assert populated.rows[table] <= after[table], table
        assert damage(conn) == [] and consistency_problems(conn) == []
        kept = conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall()
        conn.execute("BEGIN")
        rebuild_rollup(conn)
        assert conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall() == kept
        conn.execute("ROLLBACK")
        zero = conn.execute("SELECT count(*) FROM time_entries WHERE duration <= 0").fetchone()
        assert zero == (0,)
    finally:
        conn.close()
