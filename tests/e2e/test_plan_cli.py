"""`rolemap plan …` and `rolemap checklist …` as subprocesses: output, JSON, refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
ZONE = "Europe/Berlin"
PLAN_ACTIONS = (
    "show",
    "set",
    "unset",
    "intend",
    "unintend",
    "focus",
    "unfocus",
    "copy-last",
    "print",
)
W = ("--week", "2026-W49")


def rolemap(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": ZONE},
    )


def ok(db: Path, *args: str) -> str:
    result = rolemap(db, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def shown(db: Path, *args: str) -> dict[str, Any]:
    return json.loads(ok(db, "plan", "show", "--json", *args))  # type: ignore[no-any-return]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.sqlite3"
    result = rolemap(path, "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_action_has_help(db: Path) -> None:
    for action in PLAN_ACTIONS:
        text = ok(db, "plan", action, "--help")
        assert "--db" in text and "--role" in text and "--week" in text
    for action in ("tick", "untick", "add", "remove"):
        assert "--quarter" in ok(db, "checklist", action, "--help")
    assert "--json" in ok(db, "checklist", "--help")
    assert rolemap(db, "plan").returncode == 2  # an action is required


def test_a_week_without_a_plan_shows_the_planned_hours(db: Path) -> None:
    data = shown(db, *W)
    assert data["week"] == "2026-W49" and data["stored"] is False
    assert (data["first_day"], data["last_day"]) == ("2026-11-30", "2026-12-06")
    assert data["planned_hours"] == 29 and data["capacity_hours"] == 40
    reviews = next(a for a in data["activities"] if a["title"] == "Code reviews")
    assert set(reviews) == {"id", "title", "category", "planned_hours", "actual_hours"}
    assert (reviews["planned_hours"], reviews["actual_hours"]) == (5, 0)
    assert data["outputs"] == [] and data["outcomes"] == []
    (finding,) = data["findings"]
    assert finding["kind"] == "unanchored-hours" and len(finding["node_ids"]) == 1
    assert "‘Email & status updates’, which reaches no outcome" in finding["message"]
    text = ok(db, "plan", "show", *W)
    assert "No plan kept for this week yet" in text and "Code reviews" in text
    today = dt.datetime.now(ZoneInfo(ZONE)).date()
    year, week, _ = today.isocalendar()
    assert shown(db)["week"] == f"{year}-W{week:02d}"  # the default: this week


def test_plan_then_watch_actual_fill_in(db: Path) -> None:
    out = ok(db, "plan", "set", "code rev", "6.5", *W)
    assert out.splitlines() == [
        "Started the plan of week 49, 2026 (30 Nov – 6 Dec) from each activity's planned hours "
        "a week.",
        "Planned 6.5 h on ‘Code reviews’ in week 49, 2026 (30 Nov – 6 Dec): "
        "30.5 h of 40 h planned.",
    ]
    assert "Intending 2 × ‘Design docs’ by Thu 3 Dec" in ok(
        db, "plan", "intend", "design docs", "--count", "2", "--by", "thu", *W
    )
    assert "in focus" in ok(db, "plan", "focus", "delivery", *W)
    ok(db, "log", "code rev", "1h30", "--at", "2026-12-01 09:00")
    ok(db, "deliver", "design docs", "--on", "2026-12-02")
    data = shown(db, *W)
    assert data["stored"] is True and data["planned_hours"] == 30.5
    reviews = next(a for a in data["activities"] if a["title"] == "Code reviews")
    assert (reviews["planned_hours"], reviews["actual_hours"]) == (6.5, 1.5)
    assert data["actual_hours"] == 1.5
    (docs,) = data["outputs"]
    assert (docs["intended"], docs["delivered"], docs["by_day"]) == (2, 1, "2026-12-03")
    (goal,) = data["outcomes"]
    assert goal["title"] == "Delivery predictability" and goal["checkin_due"] is True
    ok(db, "checkin", "delivery", "64", "--on", "2026-12-01")
    (goal,) = shown(db, *W)["outcomes"]
    assert goal["checkin_due"] is False and goal["latest_checkin"] == {
        "date": "2026-12-01",
        "value": 64.0,
    }
    text = ok(db, "plan", "show", *W)
    assert "Design docs" in text and "Thu 3 Dec" in text and "Delivery predictability" in text


def test_unset_unintend_unfocus_and_nothing_changed(db: Path) -> None:
    ok(db, "plan", "intend", "design docs", *W)
    ok(db, "plan", "focus", "delivery", *W)
    assert "No hours planned on ‘Email & status updates’" in ok(db, "plan", "unset", "email", *W)
    assert "no longer intended" in ok(db, "plan", "unintend", "design docs", *W)
    assert "out of focus" in ok(db, "plan", "unfocus", "delivery", *W)
    data = shown(db, *W)
    assert data["planned_hours"] == 25 and data["outputs"] == [] and data["outcomes"] == []
    assert data["findings"] == []  # email was the only unanchored activity
    before = digest(db)
    assert "nothing changed" in ok(db, "plan", "unset", "email", *W)
    assert "nothing changed" in ok(db, "plan", "unintend", "design docs", *W)
    assert "already has 5 h planned" in ok(db, "plan", "set", "code rev", "5", *W)
    assert digest(db) == before


def test_copy_the_last_plan(db: Path) -> None:
    refused = rolemap(db, "plan", "copy-last", *W)
    assert refused.returncode == 1 and "No week before week 49" in refused.stderr
    ok(db, "plan", "set", "hiring", "7", "--week", "2026-W47")
    ok(db, "plan", "intend", "guide", "--by", "fri", "--week", "2026-W47")
    out = ok(db, "plan", "copy-last", *W)
    assert "Copied the plan of week 47, 2026 (16–22 Nov) into week 49" in out
    data = shown(db, *W)
    assert data["planned_hours"] == 32 and data["outputs"][0]["by_day"] == "2026-12-04"
    again = rolemap(db, "plan", "copy-last", *W)
    assert (
        again.returncode == 1 and "already has a plan: copy over it with --replace" in again.stderr
    )
    assert "its own plan replaced" in ok(db, "plan", "copy-last", "--replace", *W)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plan", "set", "code rev", "-3", *W), "cannot be negative"),
        (("plan", "set", "code rev", "lots", *W), "not a number of hours"),
        (("plan", "set", "code rev", "nan", *W), "not a number of hours"),
        (("plan", "set", "code rev", "200", *W), "A week has 168 hours"),
        (("plan", "set", "code rev", "2", "--week", "2026-W54"), "2026 has weeks W01 to W53"),
        (("plan", "show", "--week", "2025-W53"), "2025 has weeks W01 to W52"),
        (("plan", "set", "nothing", "2", *W), "No activity is called ‘nothing’"),
        (("plan", "set", "s", "2", *W), "matches several activities"),
        (("plan", "intend", "docs", "--count", "0", *W), "whole number from 1 to 99"),
        (("plan", "intend", "docs", "--count", "two", *W), "whole number from 1 to 99"),
        (("plan", "intend", "design docs", "--by", "someday", *W), "not a day"),
        (("plan", "intend", "design docs", "--by", "2026-12-09", *W), "is not in week 49"),
        (("plan", "intend", "zzz", *W), "No output is called ‘zzz’"),
        (("plan", "focus", "nothing", *W), "No outcome is called ‘nothing’"),
        (("plan", "focus", "e", *W), "matches several outcomes"),
        (("plan", "set", "code rev", "2", "--role", "nobody", *W), "No role is called"),
        (("plan", "print", "-o", "week.svg", *W), "ending in .pdf or .png"),
        (("checklist", "--quarter", "2026-Q5"), "not a quarter"),
        (("checklist", "tick", "1"), "ticked from the data"),
        (("checklist", "tick", "99"), "not 99"),
        (("checklist", "remove", "7"), "only your own items"),
        (("checklist", "add", "bad\x1b[2J"), "control character"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    db: Path, args: tuple[str, ...], message: str
) -> None:
    before = digest(db)
    result = rolemap(db, *args)
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("rolemap: ") and message in result.stderr, result.stderr
    assert digest(db) == before


def test_several_matches_name_the_candidates(db: Path) -> None:
    result = rolemap(db, "plan", "focus", "e", *W)
    assert "‘Delivery predictability’" in result.stderr and "‘Hiring plan met’" in result.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_print_the_week(db: Path, tmp_path: Path) -> None:
    ok(db, "plan", "intend", "onboarding", "--count", "2", "--by", "fri", *W)
    ok(db, "plan", "focus", "retention", *W)
    pdf, png = tmp_path / "week.pdf", tmp_path / "week.png"
    assert f"Wrote {pdf}" in ok(db, "plan", "print", "-o", str(pdf), *W)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for expected in (
        "Week 49",
        "Weekly 1:1s",
        "Code reviews",
        "Email & status updates",
        "Onboarding guide",
        "Team retention",
        "by Fri 4 Dec",
    ):
        assert expected in text, expected
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "612 x 792" not in info and "595 x 842" in info
    ok(db, "plan", "print", "-o", str(png), "--page", "letter", *W)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    letter = tmp_path / "letter.pdf"
    ok(db, "plan", "print", "-o", str(letter), "--page", "letter", *W)
    info = subprocess.run(["pdfinfo", str(letter)], capture_output=True, text=True).stdout
    assert "612 x 792" in info
    missing = rolemap(db, "plan", "print", "-o", str(tmp_path / "no" / "week.pdf"), *W)
    assert missing.returncode == 1 and "there is no folder" in missing.stderr


def test_the_quarters_checklist(db: Path) -> None:
    data = json.loads(ok(db, "checklist", "--quarter", "2026-Q4", "--json"))
    assert data["quarter"] == "2026-Q4" and data["freezes_on"] == "2027-01-15"
    items = data["items"]
    assert [i["key"] for i in items] == [
        "outcome-checkins",
        "accountability-outcomes",
        "purposeful-share",
        "hands-on-delivered",
        "category-balance",
        "reviews-on-cadence",
        "manager-walkthrough",
        "map-current",
    ]
    assert set(items[0]) == {
        "number",
        "key",
        "id",
        "text",
        "automatic",
        "ticked",
        "detail",
        "node_ids",
    }
    assert all(i["automatic"] for i in items[:6]) and not any(i["automatic"] for i in items[6:])
    assert "‘Went over the map with my manager’ is ticked" in ok(
        db, "checklist", "--quarter", "2026-Q4", "tick", "7"
    )
    assert "already ticked" in ok(db, "checklist", "tick", "manager", "--quarter", "2026-Q4")
    ok(db, "checklist", "add", "Book the team offsite", "--quarter", "2026-Q4")
    ok(db, "checklist", "tick", "offsite", "--quarter", "2026-Q4")
    ok(db, "checklist", "untick", "7", "--quarter", "2026-Q4")
    data = json.loads(ok(db, "checklist", "--quarter", "2026-Q4", "--json"))
    mine = data["items"][-1]
    assert (mine["text"], mine["ticked"], mine["key"]) == ("Book the team offsite", True, "own")
    assert data["items"][6]["ticked"] is False
    text = ok(db, "checklist", "--quarter", "2026-Q4")
    assert "Q4 2026 (1 Oct – 31 Dec)" in text and "[x] Book the team offsite  (yours)" in text
    ok(db, "checklist", "remove", "offsite", "--quarter", "2026-Q4")
    assert len(json.loads(ok(db, "checklist", "--quarter", "2026-Q4", "--json"))["items"]) == 8


def test_a_past_quarter_is_kept_as_it_stood(db: Path) -> None:
    first = json.loads(ok(db, "checklist", "--quarter", "2025-Q1", "--json"))
    today = dt.datetime.now(ZoneInfo(ZONE)).date().isoformat()
    assert first["frozen_on"] == today
    ok(db, "log", "code rev", "1h", "--at", "2025-02-03 10:00")
    again = json.loads(ok(db, "checklist", "--quarter", "2025-Q1", "--json"))
    assert again["items"] == first["items"]  # the new entry does not move a kept quarter
    assert "Kept as it stood on" in ok(db, "checklist", "--quarter", "2025-Q1")
