"""`rolemap log/start/stop/status/deliver/checkin/report` as subprocesses, errors included."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
COMMANDS = ("log", "start", "stop", "status", "deliver", "checkin", "report")


def rolemap(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Berlin"},
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "track.sqlite3"
    result = rolemap(path, "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return path


def counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("time_entries", "deliveries", "checkins")
        )
    finally:
        conn.close()


def test_every_command_has_help_with_db_and_role(db: Path) -> None:
    for command in COMMANDS:
        result = rolemap(db, command, "--help")
        assert result.returncode == 0, result.stderr
        assert "--db" in result.stdout and "--role" in result.stdout


def test_log_then_report_as_text_and_json(db: Path) -> None:
    result = rolemap(db, "log", "code rev", "1h30", "--at", "2024-03-05 09:00", "--note", "PRs")
    assert result.returncode == 0, result.stderr
    assert "Logged 1h 30m on ‘Code reviews’" in result.stdout
    assert rolemap(db, "log", "WEEKLY 1:1S", "45m", "--at", "2024-03-06 23:30").returncode == 0
    assert rolemap(db, "log", "email", "1:00", "--at", "2024-03-07 10:00").returncode == 0
    text = rolemap(db, "report", "--from", "2024-03-04", "--to", "2024-03-10", "--by", "activity")
    assert text.returncode == 0, text.stderr
    assert "Code reviews" in text.stdout and "1.50" in text.stdout
    result = rolemap(db, "report", "--from", "2024-03-04", "--to", "2024-03-10", "--json")
    data = json.loads(result.stdout)
    assert data["total_hours"] == pytest.approx(3.25)
    assert data["purposeful_share"] == pytest.approx(2.25 / 3.25, abs=1e-4)
    assert {a["title"]: a["hours"] for a in data["activities"]} == {
        "Code reviews": 1.5,
        "Weekly 1:1s": 0.75,
        "Email & status updates": 1.0,
    }
    assert data["period"]["timezone"] == "Europe/Berlin"
    # The 1:1 crossed midnight: half an hour on the 6th, a quarter on the 7th.
    day = rolemap(db, "report", "--from", "2024-03-07", "--to", "2024-03-07", "--json")
    assert json.loads(day.stdout)["total_hours"] == pytest.approx(1.25)
    for by in ("category", "output", "outcome"):
        assert rolemap(db, "report", "--period", "all", "--by", by).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("log", "code", "0"), "more than zero"),
        (("log", "code", "0:00"), "more than zero"),
        (("log", "code", "30h"), "longer than one entry"),
        (("log", "code", "soon"), "not a duration"),
        (("log", "nothing", "1h"), "No activity is called ‘nothing’"),
        (("log", "s", "1h"), "matches several activities"),
        (("log", "code", "1h", "--at", "someday"), "not a time"),
        (("log", "code", "1h", "--role", "nobody"), "No role is called"),
        (("deliver", "docs", "--on", "2024-02-30"), "not a date"),
        (("deliver", "zzz"), "No output is called"),
        (("checkin", "retention", "high"), "not a number"),
        (("checkin", "retention", "88", "--confidence", "150"), "between 0 and 1"),
        (("report", "--from", "2024-03-10", "--to", "2024-03-01"), "before it starts"),
        (("report", "--period", "week", "--from", "2024-03-01"), "not both"),
        (("stop",), "No timer is running"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    before = counts(db)
    result = rolemap(db, *args)
    assert result.returncode == 1, result.stdout
    assert message in result.stderr
    assert result.stderr.startswith("rolemap: ")
    assert counts(db) == before


def test_the_candidates_are_listed(db: Path) -> None:
    result = rolemap(db, "log", "nothing", "1h")
    assert "‘Code reviews’" in result.stderr and "‘Weekly 1:1s’" in result.stderr


def test_timer_start_status_second_start_stop(db: Path) -> None:
    assert "No timer is running" in rolemap(db, "status").stdout
    started = rolemap(db, "start", "mentoring")
    assert started.returncode == 0, started.stderr
    assert "Started the timer on ‘Mentoring sessions’" in started.stdout
    status = rolemap(db, "status")
    assert "Running: ‘Mentoring sessions’" in status.stdout
    second = rolemap(db, "start", "code")
    assert second.returncode == 1
    assert "already running on ‘Mentoring sessions’" in second.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM time_entries WHERE duration IS NULL").fetchone() == (
        1,
    )
    # Pretend it started ten minutes ago, then stop it.
    conn.execute("UPDATE time_entries SET start = start - 600 WHERE duration IS NULL")
    conn.commit()
    conn.close()
    stopped = rolemap(db, "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert "after 10m" in stopped.stdout
    assert "No timer is running" in rolemap(db, "status").stdout


def test_a_forgotten_timer_is_stopped_with_at(db: Path) -> None:
    assert rolemap(db, "start", "hiring").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE time_entries SET start = start - 3 * 86400 WHERE duration IS NULL")
    conn.commit()
    start = conn.execute("SELECT start FROM time_entries WHERE duration IS NULL").fetchone()[0]
    conn.close()
    refused = rolemap(db, "stop")
    assert refused.returncode == 1 and "longer than one entry" in refused.stderr
    local = dt.datetime.fromtimestamp(start + 7200, ZoneInfo("Europe/Berlin"))
    stopped = rolemap(db, "stop", "--at", local.strftime("%Y-%m-%d %H:%M"))
    assert stopped.returncode == 0, stopped.stderr
    assert "Stopped the timer on ‘Hiring loops’" in stopped.stdout
    conn = sqlite3.connect(db)
    (duration,) = conn.execute("SELECT duration FROM time_entries").fetchone()
    conn.close()
    assert 7200 - 60 < duration <= 7200  # --at has minutes, the start had seconds


def test_deliver_and_checkin_show_in_the_report(db: Path) -> None:
    result = rolemap(
        db, "deliver", "onboarding", "--title", "v2", "--on", "2024-03-05", "--link", "https://x"
    )
    assert result.returncode == 0, result.stderr
    assert "delivery of ‘Onboarding guide’ on 2024-03-05" in result.stdout
    result = rolemap(db, "checkin", "retention", "88", "--confidence", "70%", "--note", "Q1")
    assert result.returncode == 0, result.stderr
    data = json.loads(rolemap(db, "report", "--period", "all", "--json").stdout)
    guide = next(o for o in data["outputs"] if o["title"] == "Onboarding guide")
    assert guide["deliveries"] == 1
    retention = next(o for o in data["outcomes"] if o["title"].startswith("Team retention"))
    assert retention["latest_checkin"]["value"] == 88
    assert retention["latest_checkin"]["confidence"] == pytest.approx(0.7)
    assert counts(db) == (0, 1, 1)


def test_report_in_another_time_zone_than_the_last_one(db: Path) -> None:
    """The report opens the file read-only, yet must rebuild the days for a new zone."""
    assert rolemap(db, "log", "weekly 1:1s", "1h").returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "rolemap", "report", "--period", "all", "--json", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "America/New_York"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_hours"] >= 1.0


def test_an_entry_across_the_weeks_first_midnight_counts_alike_everywhere(
    tmp_path: Path,
) -> None:
    """Sunday 23:00 → Monday 01:00 in Berlin: one hour of it is this week, in every figure."""
    db = tmp_path / "week.sqlite3"
    assert rolemap(db, "import", str(EXAMPLE)).returncode == 0
    with sqlite3.connect(db) as conn:
        for table in ("time_entries", "deliveries", "checkins"):
            conn.execute(f"DELETE FROM {table}")
    today = dt.datetime.now(ZoneInfo("Europe/Berlin")).date()
    sunday = today - dt.timedelta(days=today.weekday() + 1)
    logged = rolemap(db, "log", "Weekly 1:1s", "2h", "--at", f"{sunday.isoformat()} 23:00")
    assert logged.returncode == 0, logged.stderr
    report = json.loads(rolemap(db, "report", "--period", "week", "--json").stdout)
    assert report["total_seconds"] == 3600
    svg = tmp_path / "week.svg"
    exported = rolemap(db, "export", "--format", "svg", "--period", "week", "-o", str(svg))
    assert exported.returncode == 0, exported.stderr
    text = svg.read_text()
    assert "No time tracked" not in text
    assert "1 h tracked in week" in text
