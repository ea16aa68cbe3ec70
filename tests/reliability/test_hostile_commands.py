"""Hostile values given to the newer commands: plan, review, rules, new, checklist, edit.

Wrong and impossible dates, huge numbers, control characters, lone
surrogates (what a shell hands Python for bytes that are not UTF-8), ids of
another role, ids that do not exist, empty values and patterns that would
backtrack for ever. Each is refused with one line on stderr, exit status 1
(2 for argparse's usage errors), no traceback, and the database byte for
byte as it was. The commands run in this process (`cli.main`), so that an
exception that is not a refusal fails the test with its traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from rolemap.cli.main import main
from rolemap.services.time_settings import calendar_addresses, remember_calendar_addresses
from rolemap.store.database import open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
FIRST, SECOND = "Engineering manager", "Second"


def rolemap(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's usage errors
            code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def ok(db: Path, *args: str) -> str:
    code, out, err = rolemap(*args, "--db", str(db))
    assert code == 0, (args, err)
    return out


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two roles, each with a time entry; a plan, a finished review and one in progress."""
    db = tmp_path_factory.mktemp("hostile") / "seed.sqlite3"
    ok(db, "import", str(EXAMPLE))
    ok(db, "new", SECOND, "--template", "engineering-manager")
    for role in (FIRST, SECOND):
        ok(db, "log", "Weekly", "30m", "--at", "2026-03-02 09:00", "--role", role)
        ok(db, "review", "start", "--from", "2026-03-01", "--to", "2026-03-31", "--role", role)
        ok(db, "review", "answer", "1", "What the role is for", "--role", role)
        ok(db, "review", "finish", "--role", role)
    ok(db, "review", "start", "--role", FIRST)
    ok(db, "review", "action", "add", "Hire a second lead", "--role", FIRST)
    ok(db, "plan", "set", "Weekly", "3", "--week", "2026-W10", "--role", FIRST)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.fixture
def db(seed: Path, tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(seed, path)
    return path


def ids(db: Path, role: str, sql: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        found = conn.execute(sql, (role,)).fetchall()
    finally:
        conn.close()
    return [str(row[0]) for row in found]


def entry_of(db: Path, role: str) -> str:
    return ids(
        db,
        role,
        "SELECT e.id FROM time_entries e JOIN nodes n ON n.id = e.activity_id "
        "JOIN roles r ON r.id = n.role_id WHERE r.name = ?",
    )[0]


def review_of(db: Path, role: str) -> str:
    sql = "SELECT v.id FROM reviews v JOIN roles r ON r.id = v.role_id WHERE r.name = ?"
    return ids(db, role, sql)[0]


def refused(db: Path, args: list[str], words: str, code: int = 1) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    got, _, err = rolemap(*args, "--db", str(db))
    assert got == code, (args, err)
    assert err.startswith("usage:" if code == 2 else "rolemap: "), err
    assert words in err, err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before, args


ROLE = ["--role", FIRST]
CASES: list[tuple[list[str], str]] = [
    # Weeks and quarters the calendar cannot reach were an OverflowError, a ValueError.
    (["plan", "show", "--week", "9999-W52", *ROLE], "outside the range"),
    (["plan", "show", "--week", "9999-12-31", *ROLE], "outside the range"),
    (["plan", "set", "Weekly", "4", "--week", "0000-W01", *ROLE], "outside the range"),
    (["plan", "set", "Weekly", "4", "--week", "2026-W54", *ROLE], "‘2026-W54’ is not a week"),
    (["plan", "set", "Weekly", "4", "--week", "\x1b[2J", *ROLE], "not a week"),
    (["checklist", "--quarter", "9999-Q4", *ROLE], "outside the range"),
    (["checklist", "--quarter", "0000-Q1", *ROLE], "outside the range"),
    (["checklist", "--quarter", "9999-12-31", *ROLE], "outside the range"),
    (["checklist", "tick", "99999999999999999999", *ROLE], "not 99999999999999999999"),
    (["plan", "set", "Weekly", "1e308", *ROLE], "168 hours"),
    (["plan", "set", "Weekly", "nan", *ROLE], "not a number of hours"),
    (["plan", "set", "Weekly", "-0.5", *ROLE], "negative"),
    (["plan", "set", "\udcff", "4", *ROLE], "No activity is called"),
    (["plan", "set", "Growth plans", "4", *ROLE], "No activity is called"),  # an output
    (["plan", "intend", "Growth plans", "--count", "10" * 12, *ROLE], "not a count"),
    (["plan", "intend", "Growth plans", "--by", "2020-01-01", *ROLE], "is not in week"),
    (["plan", "focus", "\ud800", *ROLE], "No outcome is called"),
    (["plan", "copy-last", "--week", "2026-W01", *ROLE], "No week before"),
    (["review", "start", "--from", "9999-12-31", "--role", SECOND], "1970 to 2099"),
    (["review", "start", "--from", "2026-13-01", "--role", SECOND], "not a date"),
    (["review", "answer", "5", "x", *ROLE], "four questions"),
    (["review", "answer", str(10**30), "x", *ROLE], "four questions"),
    (["review", "answer", "1", "bell \x07", *ROLE], "control character"),
    (["review", "answer", "1", "a\udcedb", *ROLE], "control character"),
    (["review", "answer", "1", "x" * 100_001, *ROLE], "100,000 characters"),
    (["review", "action", "add", "\x1b]0;owned\x07", *ROLE], "control character"),
    (["review", "action", "done", str(10**20), *ROLE], "There is no action"),
    (["review", "action", "drop", "-1", *ROLE], "There is no action"),
    (["review", "show", "zzzz", *ROLE], "No review of this role"),
    (["review", "diff", "\x1b[2J", *ROLE], "No review of this role"),
    (["review", "export", "current", "-o", "/nonexistent/r.md", *ROLE], "Cannot write"),
    (["rules", "add", "title", "((a)+)+$", "Weekly", "--how", "pattern", *ROLE], "can take"),
    (["rules", "add", "title", "(a|a)+$", "Weekly", "--how", "pattern", *ROLE], "can take"),
    (["rules", "add", "title", ".*.*.*!", "Weekly", "--how", "pattern", *ROLE], "can take"),
    (["rules", "add", "title", "[", "Weekly", "--how", "pattern", *ROLE], "not a valid"),
    (["rules", "add", "title", "[[a]", "Weekly", "--how", "pattern", *ROLE], "nested set"),
    (["rules", "add", "title", "x\udcff", "Weekly", *ROLE], "control character"),
    (["rules", "add", "title", "\x1b[2J", "Weekly", *ROLE], "control character"),
    (["rules", "add", "title", "x" * 201, "Weekly", *ROLE], "at most 200"),
    (["rules", "add", "attendees", "99999", "Weekly", *ROLE], "not a number of attendees"),
    (["rules", "add", "title", "x", "Weekly", "--at", "0", *ROLE], "There is no rule 0"),
    (["rules", "add", "title", "x", "Growth plans", *ROLE], "No activity is called"),
    (["rules", "remove", str(10**20), *ROLE], "no rules yet"),
    (["new", "\x1b[2J", "--blank"], "control character"),
    (["new", "x\udcff", "--blank"], "control character"),
    (["new", "engineering MANAGER", "--blank"], "already a role"),
    (["new", "x" * 201, "--blank"], "longer than 200"),
    (["new", "Third", "--template", "../../etc/passwd"], "No template is called"),
    (["edit", "%%%%", "--note", "x", *ROLE], "No time entry"),
    (["edit", "abc", "--note", "x", *ROLE], "too short an id"),
    (["delete", "____", *ROLE], "No time entry"),
    (["cancel", *ROLE], "No timer is running"),
]
USAGE: list[list[str]] = [
    ["plan", "set", "Weekly", "4", "--week", "", *ROLE],
    ["plan", "intend", "Growth plans", "--by", " ", *ROLE],
    ["review", "answer", "1.5", "x", *ROLE],
    ["review", "answer", "1", "x", "--review", "", *ROLE],
    ["rules", "add", "title", "", "Weekly", *ROLE],
    ["rules", "add", "colour", "x", "Weekly", *ROLE],
    ["new", " ", "--blank"],
    ["new", "Third", "--template", ""],
    ["new", "Third"],  # --template or --blank is required
]


@pytest.mark.parametrize(("args", "words"), CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_a_hostile_value_is_refused_and_changes_nothing(
    db: Path, args: list[str], words: str
) -> None:
    refused(db, args, words)


@pytest.mark.parametrize("args", USAGE, ids=[" ".join(a[:3]) for a in USAGE])
def test_a_usage_error_exits_2_and_changes_nothing(db: Path, args: list[str]) -> None:
    refused(db, args, "error:", code=2)


def node_of(db: Path, role: str) -> str:
    sql = "SELECT n.id FROM nodes n JOIN roles r ON r.id = n.role_id WHERE r.name = ?"
    return ids(db, role, sql + " AND n.kind = 'activity'")[0]


def test_ids_of_another_role_are_not_found(db: Path, tmp_path: Path) -> None:
    entry, review, node = entry_of(db, SECOND), review_of(db, SECOND), node_of(db, SECOND)
    refused(db, ["plan", "set", node, "3", *ROLE], "No activity is called")
    refused(db, ["rules", "add", "tag", "x", node, *ROLE], "No activity is called")
    refused(db, ["review", "action", "add", "x", "--node", node, *ROLE], "No node is called")
    rules = tmp_path / "rules.json"
    rule = {"field": "tag", "how": "text", "value": "x", "activity_id": node}
    rules.write_text(json.dumps([rule]))
    timew = tmp_path / "t.json"
    timew.write_text('[{"id":1,"start":"20250106T090000Z","end":"20250106T100000Z"}]')
    args = ["import-time", "timew", str(timew), "--rules", str(rules), *ROLE]
    refused(db, args, "no activity of ‘Engineering manager’ has the id")
    refused(db, ["edit", entry, "--note", "x", *ROLE], "No time entry of ‘Engineering manager’")
    refused(db, ["delete", entry[:8], *ROLE], "No time entry of ‘Engineering manager’")
    refused(db, ["review", "show", review, *ROLE], "No review of this role")
    refused(db, ["review", "diff", review[:8], *ROLE], "No review of this role")
    refused(db, ["review", "answer", "2", "x", "--review", review, *ROLE], "No review of this")


def test_a_rules_file_that_never_ends_is_refused_unread(db: Path, tmp_path: Path) -> None:
    timew = tmp_path / "t.json"
    timew.write_text('[{"id":1,"start":"20250106T090000Z","end":"20250106T100000Z"}]')
    import_time = ["import-time", "timew", str(timew), "--dry-run", *ROLE]
    # /dev/zero was read until memory ran out; a pipe was waited on for ever.
    refused(db, [*import_time, "--rules", "/dev/zero"], "not a regular file")
    big = tmp_path / "rules.json"
    big.write_bytes(b"[" + b" " * 2_000_000 + b"]")
    refused(db, [*import_time, "--rules", str(big)], "larger than")
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": 5}')
    refused(db, [*import_time, "--rules", str(bad)], f"The rules file {bad} is not a list")
    slow = tmp_path / "slow.json"
    slow.write_text(
        '[{"field": "title", "how": "pattern", "value": "((a)+)+$", "activity": "Weekly"}]'
    )
    refused(db, [*import_time, "--rules", str(slow)], "can take forever")


class Endless(io.TextIOBase):
    """Standard input that never ends (`< /dev/zero`): reading it whole never returns."""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        if size is None or size < 0 or size > 10_000_000:
            raise AssertionError("standard input read without a limit")
        return "x" * size


class NotUtf8(io.TextIOBase):
    """Standard input in a UTF-8 locale, given bytes that are not UTF-8."""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")


@pytest.mark.parametrize(("stdin", "words"), [(Endless(), "100,000"), (NotUtf8(), "UTF-8")])
def test_an_answer_on_standard_input_is_read_up_to_its_limit(
    db: Path, monkeypatch: pytest.MonkeyPatch, stdin: io.TextIOBase, words: str
) -> None:
    monkeypatch.setattr("sys.stdin", stdin)
    refused(db, ["review", "answer", "1", "-", *ROLE], words)


ICS = ROOT / "tests" / "data" / "time" / "work.ics"


@pytest.mark.parametrize("address", ["me\udcff@example.com", "me\x1b[2J@example.com"])
def test_calendar_addresses_obey_the_text_rule(db: Path, tmp_path: Path, address: str) -> None:
    # A lone surrogate was a traceback after the import; an escape was kept as a setting.
    week = ["--from", "2024-10-14", "--to", "2024-10-20", "--skip-unmapped"]
    refused(db, ["import-time", "ics", str(ICS), *week, "--me", address, *ROLE], "control")
    out = tmp_path / "toggl.csv"
    refused(db, ["export-time", "--format", "csv", "-o", str(out), "--email", address], "control")
    assert not out.exists()


def test_the_windows_way_to_remember_addresses_keeps_only_clean_ones(db: Path) -> None:
    # The import dialog remembers what was typed after its import stands: a bad address
    # is left out there rather than stopped, as the import is already kept.
    store = open_store(db)
    try:
        remember_calendar_addresses(store, ["me@example.com", "x\udcff@example", "\x1b[2J"])
        assert calendar_addresses(store) == ["me@example.com"]
    finally:
        store.close()
