"""What Timewarrior and Watson users expect of `rolemap`: periods, cancel, continue, edit, CSV.

Through the real program: `report --period` takes every named period,
`cancel` and a sub-second `stop` discard the timer, `log --list` shows short
ids that `edit` and `delete` take (a unique beginning is enough), `continue`
restarts the last activity, `report --csv` neutralises formula cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from rolemap.domain.periods import PERIOD_NAMES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
BERLIN = ZoneInfo("Europe/Berlin")


def rolemap(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Berlin"},
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "track.sqlite3"
    result = rolemap(path, "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    path = tmp_path / "track.sqlite3"
    shutil.copyfile(seeded, path)
    return path


def sql(db: Path, statement: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        found = conn.execute(statement, params).fetchall()
        conn.commit()
        return found
    finally:
        conn.close()


def test_report_takes_every_named_period(db: Path) -> None:
    shown = rolemap(db, "report", "--help").stdout
    assert all(name in shown for name in PERIOD_NAMES)
    # At the start of today, so that the whole minute is today's whatever the hour of the run.
    assert rolemap(db, "log", "code rev", "1m", "--at", "today 00:00").returncode == 0
    for name in ("today", "yesterday", "lastweek", "lastmonth", "4weeks", "all"):
        result = rolemap(db, "report", "--period", name, "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["period"]["name"] == name
        assert data["total_seconds"] == (60 if name in ("today", "4weeks", "all") else 0)


def test_cancel_discards_the_running_timer_and_says_when_there_is_none(db: Path) -> None:
    assert rolemap(db, "start", "mentoring").returncode == 0
    result = rolemap(db, "cancel")
    assert result.returncode == 0, result.stderr
    assert "Cancelled the timer on ‘Mentoring sessions’" in result.stdout
    assert sql(db, "SELECT count(*) FROM time_entries") == [(0,)]
    again = rolemap(db, "cancel")
    assert again.returncode == 1 and again.stderr == "rolemap: No timer is running.\n"


def test_a_timer_stopped_within_its_first_second_is_discarded(db: Path) -> None:
    assert rolemap(db, "start", "code rev").returncode == 0
    ((start,),) = sql(db, "SELECT start FROM time_entries")
    at = dt.datetime.fromtimestamp(int(start), BERLIN).strftime("%Y-%m-%d %H:%M:%S")
    result = rolemap(db, "stop", "--at", at)
    assert result.returncode == 0, result.stderr
    assert "ran less than a second: it was discarded" in result.stdout
    assert sql(db, "SELECT count(*) FROM time_entries") == [(0,)]
    # A clock that stepped back (the start lies ahead): discarded too, not left running.
    assert rolemap(db, "start", "code rev").returncode == 0
    sql(db, "UPDATE time_entries SET start = start + 30")
    assert rolemap(db, "stop").returncode == 0
    assert sql(db, "SELECT count(*) FROM time_entries") == [(0,)]
    # A real stop logs the time; an end before the start is still refused.
    assert rolemap(db, "start", "code rev").returncode == 0
    sql(db, "UPDATE time_entries SET start = start - 600")
    refused = rolemap(db, "stop", "--at", "2001-01-01 09:00")
    assert refused.returncode == 1 and sql(db, "SELECT count(*) FROM time_entries") == [(1,)]
    assert rolemap(db, "stop").returncode == 0
    assert sql(db, "SELECT duration >= 600 FROM time_entries") == [(1,)]


def test_log_list_shows_short_ids_that_edit_and_delete_take(db: Path) -> None:
    assert (
        rolemap(
            db, "log", "code rev", "1h30", "--at", "2024-03-05 09:00", "--note", "PRs"
        ).returncode
        == 0
    )
    assert rolemap(db, "log", "email", "20m", "--at", "2024-03-05 11:00").returncode == 0
    listed = rolemap(db, "log", "--list", "--from", "2024-03-04", "--to", "2024-03-10")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["ID", "Start", "End", "Time", "Activity", "Note"]
    assert "2024-03-05 09:00  10:30  1h 30m  Code reviews" in lines[1] and lines[1].endswith("PRs")
    assert lines[-1] == "2 entries, 1h 50m (week 10, 2024 (4–10 Mar))"
    ids = {i for (i,) in sql(db, "SELECT id FROM time_entries")}
    data = json.loads(rolemap(db, "log", "--list", "--period", "all", "--json").stdout)
    assert {e["id"] for e in data["entries"]} == ids
    first = data["entries"][0]
    assert first["short_id"] == first["id"][:8] and first["seconds"] == 5400
    assert (
        first["start"] == "2024-03-05T09:00:00+01:00"
        and first["end"] == "2024-03-05T10:30:00+01:00"
    )

    short = first["short_id"]
    edited = rolemap(
        db,
        "edit",
        short[:5],
        "--activity",
        "mentoring",
        "--at",
        "2024-03-05 08:00",
        "--duration",
        "45m",
        "--note",
        "moved",
    )
    assert edited.returncode == 0, edited.stderr
    assert (
        f"Changed entry {short}: ‘Mentoring sessions’ 2024-03-05 08:00–08:45 (45m)."
        in edited.stdout
    )
    assert sql(
        db,
        "SELECT n.title, e.duration, e.note FROM time_entries e JOIN nodes n "
        "ON n.id = e.activity_id WHERE e.id = ?",
        first["id"],
    ) == [("Mentoring sessions", 2700, "moved")]
    report = json.loads(
        rolemap(db, "report", "--from", "2024-03-05", "--to", "2024-03-05", "--json").stdout
    )
    assert report["total_seconds"] == 2700 + 1200  # the roll-up followed the edit
    for bad, said in (
        (("edit", short, "--duration", "25h"), "longer than one entry"),
        (("edit", short), "Say what to change"),
        (("edit", "abc", "--note", "x"), "too short an id"),
        (("edit", "ffffffff", "--note", "x"), "No time entry of ‘Engineering manager’"),
        (("delete", "zzzz"), "No time entry"),
    ):
        result = rolemap(db, *bad)
        assert result.returncode == 1 and said in result.stderr, (bad, result.stderr)
    deleted = rolemap(db, "delete", short)
    assert deleted.returncode == 0 and deleted.stdout.startswith(f"Deleted entry {short}:")
    assert len(sql(db, "SELECT id FROM time_entries")) == 1


def test_ids_that_share_their_first_eight_digits_are_shown_longer_and_must_be_told_apart(
    db: Path,
) -> None:
    ((activity,),) = sql(db, "SELECT id FROM nodes WHERE title = 'Code reviews'")
    for suffix, hour in (("1111", 9), ("2222", 11)):
        start = int(dt.datetime(2024, 3, 5, hour, tzinfo=BERLIN).timestamp())
        sql(
            db,
            "INSERT INTO time_entries (id, activity_id, start, duration) VALUES (?, ?, ?, 600)",
            f"abcdef01-{suffix}-4000-8000-000000000000",
            activity,
            start,
        )
    listed = rolemap(db, "log", "--list", "--from", "2024-03-05", "--to", "2024-03-05")
    assert [line.split()[0] for line in listed.stdout.splitlines()[1:3]] == [
        "abcdef01-1111",
        "abcdef01-2222",
    ]
    ambiguous = rolemap(db, "delete", "abcdef01")
    assert ambiguous.returncode == 1 and "begins several entries' ids" in ambiguous.stderr
    assert rolemap(db, "delete", "ABCDEF01-2").returncode == 0
    assert len(sql(db, "SELECT id FROM time_entries")) == 1


def test_continue_restarts_the_last_activity(db: Path) -> None:
    nothing = rolemap(db, "continue")
    assert nothing.returncode == 1 and "Nothing to continue" in nothing.stderr
    assert rolemap(db, "log", "email", "20m", "--at", "2024-03-05 11:00").returncode == 0
    assert rolemap(db, "log", "hiring", "1h", "--at", "2024-03-06 09:00").returncode == 0
    result = rolemap(db, "continue")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Continued ‘Hiring loops’: the timer runs from ")
    assert sql(
        db,
        "SELECT n.title FROM time_entries e JOIN nodes n ON n.id = e.activity_id "
        "WHERE e.duration IS NULL",
    ) == [("Hiring loops",)]
    running = rolemap(db, "continue")
    assert running.returncode == 1 and "already running on ‘Hiring loops’" in running.stderr


def test_report_csv_has_exact_seconds_and_neutralised_cells(db: Path) -> None:
    sql(db, "UPDATE nodes SET title = '=HYPERLINK(\"x\")' WHERE title = 'Code reviews'")
    assert rolemap(db, "log", "hyperlink", "1h30", "--at", "2024-03-05 09:00").returncode == 0
    assert rolemap(db, "log", "email", "20m", "--at", "2024-03-05 11:00").returncode == 0
    period = ("--from", "2024-03-04", "--to", "2024-03-10")
    result = rolemap(db, "report", *period, "--by", "activity", "--csv")
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table == [
        ["activity", "category", "hours", "seconds", "reaches_outcome"],
        ['\'=HYPERLINK("x")', "Knowledge transfer & development", "1.5", "5400", "yes"],
        ["Email & status updates", "Admin & email", "0.333", "1200", "no"],
    ]
    categories = list(csv.reader(io.StringIO(rolemap(db, "report", *period, "--csv").stdout)))
    assert categories[0] == ["category", "hours", "seconds", "share"]
    assert sum(int(row[2]) for row in categories[1:]) == 6600
    both = rolemap(db, "report", "--csv", "--json")
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_log_without_what_or_how_long_says_how(db: Path) -> None:
    result = rolemap(db, "log", "code rev")
    assert result.returncode == 1 and "Give the activity and the duration" in result.stderr
    mixed = rolemap(db, "log", "code rev", "1h", "--json")
    assert mixed.returncode == 1 and "go with --list" in mixed.stderr
    empty = rolemap(db, "log", "--list", "--period", "today")
    assert empty.returncode == 0 and empty.stdout.startswith("No time entries in")
