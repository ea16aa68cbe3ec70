"""`rolemap review …` as a person runs it: every command, its exit status, words and JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
TZ = "Europe/Berlin"
SUBCOMMANDS = (
    ("start",),
    ("answer",),
    ("action", "add"),
    ("action", "done"),
    ("action", "drop"),
    ("action", "reopen"),
    ("action", "list"),
    ("finish",),
    ("discard",),
    ("list",),
    ("show",),
    ("diff",),
    ("export",),
)


def rolemap(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": TZ},
    )


def ok(db: Path, *args: str, stdin: str | None = None) -> str:
    result = rolemap(db, *args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def refused(db: Path, *args: str) -> str:
    result = rolemap(db, *args)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("rolemap: ")
    return result.stderr


def data(db: Path, *args: str) -> Any:
    return json.loads(ok(db, *args, "--json"))


def today() -> dt.date:
    return dt.datetime.now(ZoneInfo(TZ)).date()


def days_ago(n: int) -> str:
    return (today() - dt.timedelta(days=n)).isoformat()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The example role with a few records in the last days."""
    path = tmp_path / "review.sqlite3"
    ok(path, "import", str(EXAMPLE))
    yesterday = f"{days_ago(1)} 09:00"
    ok(path, "log", "code rev", "2h", "--at", yesterday)
    ok(path, "log", "email", "3h", "--at", f"{days_ago(2)} 09:00")
    ok(path, "deliver", "merged", "--on", days_ago(1))
    ok(path, "checkin", "predictab", "70", "--on", days_ago(1))
    return path


def test_every_review_command_has_help(tmp_path: Path) -> None:
    db = tmp_path / "none.sqlite3"
    top = ok(db, "review", "--help")
    for word in ("start", "answer", "action", "finish", "list", "show", "diff", "export"):
        assert word in top
    for command in SUBCOMMANDS:
        text = ok(db, "review", *command, "--help")
        assert "--db" in text and "--role" in text


def test_a_review_from_start_to_finish(db: Path) -> None:
    started = ok(db, "review", "start")
    assert "Started the review of" in started and "Engineering manager" in started
    assert "1. Are my activities leading to the outputs I intended?" in started
    assert "Email & status updates" in started  # an activity with hours and no output
    assert "Continuing the review" in ok(db, "review", "start")
    assert "Kept the answer to question 1" in ok(db, "review", "answer", "1", "Mostly, yes.")
    ok(db, "review", "answer", "2", "-", stdin="Predictability moves.\nRetention holds.\n")
    added = ok(db, "review", "action", "add", "Cut status email", "--node", "email")
    assert added == "Added action 1 about ‘Email & status updates’: Cut status email\n"
    ok(db, "review", "action", "add", "Book the offsite")
    assert "Ticked off action 2" in ok(db, "review", "action", "done", "2")
    listed = ok(db, "review", "action", "list")
    assert "1. [ ] Cut status email — Email & status updates" in listed
    assert "2. [x] Book the offsite" in listed
    finished = ok(db, "review", "finish")
    assert "Finished the review of" in finished
    assert "Questions 3, 4 had no answer" in finished
    assert "1 open action carries into the next review." in finished
    assert "The next review is due on" in finished
    history = ok(db, "review", "list")
    assert "reviewed every month" in history and "2/4 answered" in history
    shown = ok(db, "review", "show", "last")
    assert "Mostly, yes." in shown and "     Retention holds." in shown
    assert "This is the role's first review" in shown


def test_json_shapes(db: Path) -> None:
    start = data(db, "review", "start")
    assert start["started"] is True
    assert set(start) >= {"role", "review", "problem", "totals", "questions", "actions"}
    review = start["review"]
    assert review["status"] == "in progress" and review["last_day"] == today().isoformat()
    assert [q["number"] for q in start["questions"]] == [1, 2, 3, 4]
    q1, q2, q3, q4 = (q["evidence"] for q in start["questions"])
    assert {"activities", "outputs", "idle_activities"} <= set(q1)
    activity = next(a for a in q1["activities"] if a["title"] == "Code reviews")
    assert activity["hours"] == pytest.approx(2.0) and activity["deliveries"] == 1
    assert {"outcomes", "weak_hours", "weak_links"} <= set(q2)
    assert {"suggestions", "unanchored", "allocation", "biggest_gap", "accountabilities"} <= set(q3)
    assert q4 == {"changes": None, "note": q4["note"]} and "first review" in q4["note"]
    assert start["totals"]["total_hours"] == pytest.approx(5.0)
    action = data(db, "review", "action", "add", "Cut status email", "--node", "Email")
    assert action == {
        "number": 1,
        "id": action["id"],
        "text": "Cut status email",
        "status": "open",
        "node": "Email & status updates",
        "carried": False,
    }
    assert data(db, "review", "action", "drop", "1")["status"] == "dropped"
    assert data(db, "review", "action", "reopen", "1")["status"] == "open"
    assert data(db, "review", "action", "list")["actions"][0]["id"] == action["id"]
    answered = data(db, "review", "answer", "3", "Less email.")
    assert answered["answers"] == ["", "", "Less email.", ""]
    done = data(db, "review", "finish")
    assert done["status"] == "finished" and done["finished"].endswith("Z")
    listing = data(db, "review", "list")
    assert listing["cadence"] == "month" and isinstance(listing["due"], bool)
    assert [r["id"] for r in listing["reviews"]] == [done["id"]]
    assert listing["reviews"][0]["damaged"] is None and listing["unreadable"] == []
    shown = data(db, "review", "show", done["short_id"])
    assert shown["review"]["id"] == done["id"]
    assert shown["questions"][2]["answer"] == "Less email."


def test_diff_since_a_review_and_between_two(db: Path) -> None:
    ok(db, "review", "start", "--from", days_ago(40), "--to", days_ago(21))
    first = data(db, "review", "finish")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE nodes SET title = 'Mail' WHERE title = 'Email & status updates'")
        conn.execute("UPDATE roles SET accountabilities = '[\"Coach leads\"]'")
    conn.close()
    ok(db, "review", "start", "--from", days_ago(20), "--to", days_ago(1))
    second = data(db, "review", "finish")
    text = ok(db, "review", "diff", first["short_id"])
    assert "Changes from the review of" in text and "to now:" in text
    assert "title ‘Email & status updates’ → ‘Mail’" in text
    assert "Accountabilities: added ‘Coach leads’" in text
    between = data(db, "review", "diff", second["id"][:6], first["id"][:6])  # any order
    assert between["from"]["review"] == first["id"] and between["to"]["review"] == second["id"]
    assert set(between) >= {"added", "removed", "changed", "role_fields", "canvas_moves"}
    assert set(between["added"]) == {"nodes", "links"}
    changed = between["changed"]["nodes"]
    assert [(n["title"], n["changes"][0]["before"]) for n in changed] == [
        ("Mail", "Email & status updates")
    ]
    assert [f["field"] for f in between["role_fields"]] == ["accountabilities"]
    assert data(db, "review", "diff", "last")["changed"]["nodes"] == []
    shown = data(db, "review", "show", "last")
    assert shown["questions"][3]["evidence"]["changes"]["changed"]["nodes"][0]["title"] == "Mail"


def test_refusals_exit_1_with_a_message_and_change_nothing(db: Path) -> None:
    assert "No review is in progress" in refused(db, "review", "answer", "1", "x")
    assert "No review is in progress" in refused(db, "review", "finish")
    assert "No review of this role is finished yet" in refused(db, "review", "show", "last")
    future = (today() + dt.timedelta(days=3)).isoformat()
    assert "cannot end after today" in refused(db, "review", "start", "--to", future)
    assert "before it starts" in refused(
        db, "review", "start", "--from", days_ago(1), "--to", days_ago(5)
    )
    assert "not a date" in refused(db, "review", "start", "--from", "someday")
    ok(db, "review", "start")
    assert "four questions" in refused(db, "review", "answer", "5", "x")
    assert "control character" in refused(db, "review", "answer", "1", "bell \x07")
    assert "has no actions yet" in refused(db, "review", "action", "done", "1")
    ok(db, "review", "action", "add", "One")
    assert "There is no action 3" in refused(db, "review", "action", "done", "3")
    assert "No node is called ‘zzz’" in refused(db, "review", "action", "add", "x", "--node", "zzz")
    assert "in progress: its map is kept" in refused(db, "review", "diff", "current")
    assert "No review of this role has an id" in refused(db, "review", "show", "ffff")
    assert ".pdf or .md" in refused(db, "review", "export", "current", "-o", "r.txt")
    assert rolemap(db, "review", "answer", "one", "x").returncode == 2  # argparse's own
    ok(db, "review", "finish")
    overlapping = refused(db, "review", "start", "--from", days_ago(3), "--to", days_ago(2))
    assert "overlaps the finished review" in overlapping
    assert "nothing new to review yet" in refused(db, "review", "start")
    assert json.loads(ok(db, "review", "list", "--json"))["reviews"][0]["status"] == "finished"


def test_discard_throws_the_review_in_progress_away(db: Path) -> None:
    ok(db, "review", "start")
    assert "Discarded the review of" in ok(db, "review", "discard")
    assert data(db, "review", "list")["reviews"] == []


def test_export_markdown_and_pdf(db: Path, tmp_path: Path) -> None:
    ok(db, "review", "start")
    ok(db, "review", "answer", "4", "The role grew a coaching part.")
    ok(db, "review", "finish")
    markdown = tmp_path / "review.md"
    assert ok(db, "review", "export", "last", "-o", str(markdown)) == f"Wrote {markdown}\n"
    text = markdown.read_text(encoding="utf-8")
    assert "## 4. How has my role evolved" in text and "> The role grew a coaching part." in text
    assert markdown.stat().st_mode & 0o777 == 0o600
    pdf = tmp_path / "review.pdf"
    ok(db, "review", "export", "last", "-o", str(pdf), "--page", "letter")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        assert "The role grew a coaching part." in words.stdout
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(db, "review", "export", "last", "-o", str(fifo))
    assert fifo.is_fifo()
