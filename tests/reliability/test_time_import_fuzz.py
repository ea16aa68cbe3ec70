"""Mutated time files through `rolemap import-time`, against a populated database.

For each format, hypothesis mutates a valid file (bytes flipped, cut, nasty
text put in, lines repeated or swapped, numbers made huge) and runs the
command line in this process, the way a person would, against a copy of a
database that already holds the example role, its sample records and earlier
imports. A refusal must exit 1 and leave the file byte for byte as it was; an
acceptance must exit 0, keep every row that was there, pass `rolemap check`'s
rules and leave the roll-up exactly what a rebuild gives. Anything else (a
traceback, another exit status) fails the test. The same holds for a
Timewarrior data folder (its month files mutated, a stray file added) and
for the JSON of `--rules FILE` (any value replaced, patterns that would
backtrack for ever among them).

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
from hypothesis import HealthCheck, event, given, settings
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


def _timew_data(count: int) -> dict[str, bytes]:
    """A Timewarrior data folder's month files: `count` intervals from 25 March 2025."""
    months: dict[str, list[str]] = {}
    tags = ["hiring phone", "ops", '"code reviews"', "misc"]
    for i in range(count):
        begin = dt.datetime(2025, 3, 25, tzinfo=dt.UTC) + dt.timedelta(minutes=50 * i)
        end = begin + dt.timedelta(minutes=5 + i % 30)
        line = f"inc {begin:%Y%m%dT%H%M%SZ} - {end:%Y%m%dT%H%M%SZ} # {tags[i % len(tags)]}"
        if i % 7 == 0:
            line += f' # "note {i}"'
        months.setdefault(f"{begin:%Y-%m}.data", []).append(line)
    files = {name: ("\n".join(lines) + "\n").encode() for name, lines in months.items()}
    return {**files, "tags.data": b'{\n  "ops":{"count":1}\n}\n', "undo.data": b"txn:\n"}


TIMEW_DATA = _timew_data(600)
RULES = [
    {"field": "tag", "how": "text", "value": "hiring", "activity": "Hiring loops"},
    {"field": "tag", "how": "contains", "value": "op", "activity": "Cross-team syncs"},
    {"field": "tag", "how": "pattern", "value": "^code\\b", "activity": "Code reviews"},
    {"field": "title", "how": "pattern", "value": "m.s+c", "activity": "Email & status updates"},
    {"field": "attendees", "how": "text", "value": "<=2", "activity": "Weekly 1:1s"},
]
# Values a rule must refuse or take without backtracking for ever.
RULE_VALUES = [
    "((a)+)+$",
    "(a|a)+$",
    "(a+)+",
    ".*.*.*!",
    "[",
    "[[a]",
    "(?x) a",
    "\ud800",
    "\x1b[2J",
    "x" * 201,
    "",
    " ",
    ">3",
    "99999",
    "misc",
    "hiring",
]


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
    # The data folder's first month, so that a mutated folder brings known entries too.
    first = min(name for name in TIMEW_DATA if name[0].isdigit())
    folder = _folder(folder / "timew-data", {first: TIMEW_DATA[first]})
    code, _, err = rolemap("import-time", "timew", str(folder), *MAPS, "--db", str(path))
    assert code in (0, 1), err  # "misc" maps to nothing: refused whole, or taken
    code, _, err = rolemap(
        "import-time", "timew", str(folder), *MAPS, "--skip-unmapped", "--db", str(path)
    )
    assert code == 0, err
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


def _folder(path: Path, files: dict[str, bytes]) -> Path:
    path.mkdir()
    for name, data in files.items():
        (path / name).write_bytes(data)
    return path


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
    refused_whole_or_taken_cleanly(populated, here, rolemap(*args), dry_run=dry_run)


def refused_whole_or_taken_cleanly(
    populated: Populated, here: Path, result: tuple[int, str, str], *, dry_run: bool = False
) -> None:
    """A refusal (or a dry run) left `here/db.sqlite3` byte for byte as it was; an
    acceptance kept every row, passes `rolemap check`'s rules and a roll-up rebuild."""
    code, _, err = result
    db = here / "db.sqlite3"
    assert code in (0, 1), err
    assert "Traceback" not in err
    event("refused" if code == 1 else "read" if dry_run else "taken")
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


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    file=st.integers(0, 10),
    steps=st.lists(step, max_size=3),
    stray=st.sampled_from([None, "2025-13.data", "notes.data", "2025-05.data.bak", "data"]),
    skip_unmapped=st.booleans(),
    dry_run=st.booleans(),
)
def test_a_mutated_timewarrior_data_folder_is_refused_whole_or_taken_cleanly(
    populated: Populated,
    tmp_path: Path,
    file: int,
    steps: list[tuple[str, int, int, bytes]],
    stray: str | None,
    skip_unmapped: bool,
    dry_run: bool,
) -> None:
    here = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by every example
    (here / "db.sqlite3").write_bytes(populated.data)
    files = dict(TIMEW_DATA)
    name = sorted(files)[file % len(files)]
    files[name] = mutated(files[name], steps)
    folder = _folder(here / "timew", files)
    if stray == "data":  # a folder called data: Timewarrior's own layout, read instead
        _folder(folder / "data", {name: files[name]})
    elif stray is not None:
        (folder / stray).write_bytes(mutated(files[name], steps[:1]))
    args = ["import-time", "timew", str(folder), "--tz", "Europe/Berlin", *MAPS]
    args += ["--skip-unmapped"] * skip_unmapped + ["--dry-run"] * dry_run
    result = rolemap(*args, "--db", str(here / "db.sqlite3"))
    refused_whole_or_taken_cleanly(populated, here, result, dry_run=dry_run)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(RULE_VALUES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=5,
)
# (which place, the value put there, whether the place is a rule's value)
rule_step = st.tuples(st.integers(0, 10**6), JSON_VALUES, st.booleans())


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def mutated_rules(steps: list[tuple[int, Any, bool]], wrapped: bool) -> bytes:
    """The rules file with each step's value put at one of its places."""
    document: Any = json.loads(json.dumps({"rules": RULES} if wrapped else RULES))
    for place, value, on_value in steps:
        places = _places(document)
        places = [p for p in places if p and p[-1] == "value"] if on_value else places
        path = places[place % len(places)] if places else ()
        if not path:
            document = value
            continue
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return json.dumps(document).encode("utf-8", "surrogatepass")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(rule_step, max_size=4),
    wrapped=st.booleans(),
    cut=st.one_of(st.none(), st.integers(0, 10**6)),
    skip_unmapped=st.booleans(),
)
def test_a_mutated_rules_file_is_refused_whole_or_taken_cleanly(
    populated: Populated,
    tmp_path: Path,
    steps: list[tuple[int, Any, bool]],
    wrapped: bool,
    cut: int | None,
    skip_unmapped: bool,
) -> None:
    here = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by every example
    (here / "db.sqlite3").write_bytes(populated.data)
    data = mutated_rules(steps, wrapped)
    (here / "rules.json").write_bytes(data if cut is None else data[: cut % (len(data) + 1)])
    (here / "source").write_bytes(FORMATS["timew"][0])
    args = ["import-time", "timew", str(here / "source"), "--tz", "Europe/Berlin"]
    args += ["--rules", str(here / "rules.json"), "--db", str(here / "db.sqlite3")]
    result = rolemap(*args, *["--skip-unmapped"] * skip_unmapped)
    refused_whole_or_taken_cleanly(populated, here, result)
