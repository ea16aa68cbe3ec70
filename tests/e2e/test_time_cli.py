"""`rolemap import-time`, `export-time`, `rules` and `completion` as a person runs them.

Every command goes through the real program in a subprocess: exit status,
what it prints on stdout and stderr, the JSON shapes, and the database's
bytes where a command must change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
DATA = ROOT / "tests" / "data" / "time"
TIMEW = (
    b'[{"id":3,"start":"20250106T090000Z","end":"20250106T100000Z","tags":["hiring","phone"],'
    b'"annotation":"Screen"},\n'
    b'{"id":2,"start":"20250106T110000Z","end":"20250106T114500Z","tags":["ops"]},\n'
    b'{"id":1,"start":"20250106T130000Z","end":"20250106T133000Z","tags":["code reviews"]}]\n'
)
MAPS = ("--map", "hiring=hiring loops", "--map", "ops=cross-team")


def rolemap(db: Path, *args: str, tz: str = "Europe/Berlin") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": tz},
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example role, imported once by the real program (each test gets a copy)."""
    path = tmp_path_factory.mktemp("seed") / "time.sqlite3"
    result = rolemap(path, "import", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    path = tmp_path / "time.sqlite3"
    shutil.copyfile(seeded, path)
    return path


def digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def rows(db: Path, source: str) -> list[tuple[str, int, int, str]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT n.title, e.start, e.duration, e.note FROM time_entries e "
            "JOIN nodes n ON n.id = e.activity_id WHERE e.source = ? ORDER BY e.start",
            (source,),
        ).fetchall()
    finally:
        conn.close()


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_every_new_command_has_help(db: Path) -> None:
    for command in (
        ["import-time"],
        ["export-time"],
        ["rules", "list"],
        ["rules", "add"],
        ["rules", "remove"],
        ["rules", "move"],
        ["completion"],
    ):
        result = rolemap(db, *command, "--help")
        assert result.returncode == 0, result.stderr
    shown = rolemap(db, "import-time", "--help").stdout
    for option in (
        "--map",
        "--rules",
        "--me",
        "--skip-unmapped",
        "--dry-run",
        "--json",
        "--overlaps",
        "--start-column",
        "--duration-unit",
        "--tz",
        "--period",
    ):
        assert option in shown


def test_a_timewarrior_export_imported_twice_adds_its_entries_once(
    db: Path, tmp_path: Path
) -> None:
    export = write(tmp_path, "timew.json", TIMEW)
    result = rolemap(db, "import-time", "timew", str(export), *MAPS)
    assert result.returncode == 0, result.stderr
    assert "Mapped: 3 entries, 2h 15m" in result.stdout
    assert "Imported 3 entries, 2h 15m into ‘Engineering manager’." in result.stdout
    assert rows(db, "timew") == [
        ("Hiring loops", 1736154000, 3600, "Screen · tags: phone"),
        ("Cross-team syncs", 1736161200, 2700, ""),
        ("Code reviews", 1736168400, 1800, ""),
    ]
    again = rolemap(db, "import-time", "timew", str(export), *MAPS, "--json")
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert data["written"] == 0 and data["dry_run"] is False
    assert data["skipped"] == [
        {"reason": "already imported", "entries": 3, "seconds": 8100, "hours": 2.25}
    ]
    assert set(data) == {
        "format",
        "file",
        "timezone",
        "from",
        "to",
        "dry_run",
        "written",
        "role",
        "mapped",
        "unmapped",
        "skipped",
        "overlaps",
    }
    assert data["timezone"] == "Europe/Berlin"
    assert rolemap(db, "check").returncode == 0


def test_a_dry_run_prints_the_preview_and_changes_no_byte(db: Path, tmp_path: Path) -> None:
    export = write(tmp_path, "timew.json", TIMEW)
    before = digest(db)
    text = rolemap(db, "import-time", "timew", str(export), *MAPS, "--dry-run")
    assert text.returncode == 0, text.stderr
    assert "Dry run: nothing was written." in text.stdout and "Hiring loops" in text.stdout
    data = json.loads(
        rolemap(db, "import-time", "timew", str(export), *MAPS, "--dry-run", "--json").stdout
    )
    assert data["dry_run"] is True and data["written"] == 0
    assert data["mapped"]["entries"] == 3 and data["mapped"]["seconds"] == 8100
    assert [a["title"] for a in data["mapped"]["activities"]] == [
        "Hiring loops",
        "Cross-team syncs",
        "Code reviews",
    ]
    unmapped = rolemap(db, "import-time", "timew", str(export), "--dry-run")
    assert unmapped.returncode == 1  # what the import itself would give
    assert digest(db) == before


def test_unmapped_names_are_listed_and_refuse_the_import_unless_skipped(
    db: Path, tmp_path: Path
) -> None:
    export = write(tmp_path, "timew.json", TIMEW)
    before = digest(db)
    result = rolemap(db, "import-time", "timew", str(export))
    assert result.returncode == 1
    assert "tag ‘hiring’" in result.stdout and "tag ‘ops’" in result.stdout
    assert result.stderr.startswith("rolemap: 2 names (1h 45m) map to no activity")
    assert "Nothing was imported." in result.stderr and "Traceback" not in result.stderr
    assert digest(db) == before
    skipped = rolemap(db, "import-time", "timew", str(export), "--skip-unmapped", "--json")
    assert skipped.returncode == 0, skipped.stderr
    data = json.loads(skipped.stdout)
    assert data["written"] == 1
    assert [n["name"] for n in data["unmapped"]["names"]] == ["hiring", "ops"]
    assert data["unmapped"]["seconds"] == 6300


def test_a_bad_file_is_refused_by_line_and_changes_no_byte(db: Path, tmp_path: Path) -> None:
    before = digest(db)
    for name, data, fmt, said in (
        ("bad.json", b'[{"start":"20250101T090000Z","end":"yesterday"}]', "timew", "interval 1"),
        (
            "bad.csv",
            b"Start date,Start time,Duration\n2024-13-45,09:00,1:00:00\n",
            "toggl",
            "line 2",
        ),
        ("bad.ics", b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n", "ics", "calendar"),
        ("frames", b"[[1,2,3]]", "watson", "frame 1"),
    ):
        result = rolemap(
            db, "import-time", fmt, str(write(tmp_path, name, data)), "--skip-unmapped"
        )
        assert result.returncode == 1, (name, result.stdout)
        assert said in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert result.stdout == ""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # read whole, a pipe nobody writes to would never end
    piped = rolemap(db, "import-time", "watson", str(pipe))
    assert piped.returncode == 1 and "is not a regular file" in piped.stderr
    missing = rolemap(db, "import-time", "timew", str(tmp_path / "nothing.json"))
    assert missing.returncode == 1 and "There is no file" in missing.stderr
    wrong = rolemap(
        db, "import-time", "timew", str(write(tmp_path, "t.json", TIMEW)), "--map", "ops=nobody"
    )
    assert wrong.returncode == 1 and "No activity is called ‘nobody’" in wrong.stderr
    zone = rolemap(db, "import-time", "timew", str(tmp_path / "t.json"), "--tz", "Mars/Olympus")
    assert zone.returncode == 1 and "not a time zone" in zone.stderr
    assert digest(db) == before


def test_a_calendar_maps_by_rules_and_leaves_out_what_is_not_time_spent(
    db: Path, tmp_path: Path
) -> None:
    rules = write(
        tmp_path,
        "rules.json",
        json.dumps(
            [
                {"field": "title", "how": "contains", "value": "standup", "activity": "cross-team"},
                {"field": "attendees", "how": "text", "value": "2", "activity": "weekly 1:1s"},
            ]
        ),
    )
    week = ("--from", "2024-10-14", "--to", "2024-10-20")
    args = ("import-time", "ics", str(DATA / "work.ics"), *week, "--rules", str(rules))
    first = rolemap(db, *args, "--me", "me@example.com", "--skip-unmapped", "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    reasons = {s["reason"]: s["entries"] for s in data["skipped"]}
    assert reasons == {
        "cancelled": 2,
        "all-day": 1,
        "free": 1,
        "declined": 1,
        "longer than a day": 1,
        "zero length": 1,
    }
    assert {a["title"]: a["entries"] for a in data["mapped"]["activities"]} == {
        "Cross-team syncs": 3,
        "Weekly 1:1s": 1,
    }
    assert [n["name"] for n in data["unmapped"]["names"]] == ["Focus time"]
    # The address is remembered: without --me the declined event stays out.
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM time_entries WHERE source = 'ics'")
    conn.commit()
    conn.close()
    again = json.loads(rolemap(db, *args, "--skip-unmapped", "--json").stdout)
    assert {s["reason"]: s["entries"] for s in again["skipped"]}["declined"] == 1


@pytest.mark.parametrize(
    ("fmt", "name", "data", "extra", "expected"),
    [
        (
            "toggl",
            "toggl.csv",
            "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
            "End time,Duration,Tags,Amount (USD)\n"
            "Ana,ana@x.org,,Hiring loops,,Screen,No,2024-10-15,12:02:17,2024-10-15,12:47:17,"
            '00:45:00,"a, b",1\n',
            (),
            [("Hiring loops", 1728986537, 2700, "Screen · tags: a, b")],
        ),
        (
            "clockify",
            "clockify.csv",
            "Project,Client,Description,Task,User,Email,Tags,Start Date,Start Time,End Date,"
            "End Time,Duration (h),Duration (decimal)\n"
            "Code reviews,,PR 7,,Ana,ana@x.org,,04/03/2024,10:23 AM,04/03/2024,11:08 AM,"
            "0:45:00,0.75\n",
            ("--day-first",),
            [("Code reviews", 1709544180, 2700, "PR 7")],
        ),
        (
            "watson",
            "frames",
            '[[1709544180, 1709546880, "Weekly 1:1s", "f1", ["ana"], 1709546880]]',
            (),
            [("Weekly 1:1s", 1709544180, 2700, "tags: ana")],
        ),
        (
            "csv",
            "any.csv",
            "When;Minutes;What;Why\n2024-03-04 10:23;45;Email & status updates;inbox zero\n",
            (
                "--start-column",
                "When",
                "--duration-column",
                "minutes",
                "--duration-unit",
                "minutes",
                "--title-column",
                "what",
                "--note-column",
                "Why",
            ),
            [("Email & status updates", 1709544180, 2700, "inbox zero")],
        ),
    ],
)
def test_each_spreadsheet_and_tool_format_imports(
    db: Path,
    tmp_path: Path,
    fmt: str,
    name: str,
    data: str,
    extra: tuple[str, ...],
    expected: list[tuple[str, int, int, str]],
) -> None:
    path = write(tmp_path, name, data)
    result = rolemap(db, "import-time", fmt, str(path), *extra)
    assert result.returncode == 0, result.stderr
    assert rows(db, fmt) == expected
    assert rolemap(db, "import-time", fmt, str(path), *extra).returncode == 0
    assert rows(db, fmt) == expected


def test_a_csv_without_its_columns_named_lists_the_columns(db: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "any.csv", "When,Until,What\n2024-03-05 14:05,15:35,Plan\n")
    result = rolemap(db, "import-time", "csv", str(path))
    assert result.returncode == 1
    assert "--start-column" in result.stderr and "When, Until, What" in result.stderr


def test_a_timewarrior_folder_and_its_export_are_the_same_entries(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "timewarrior"
    shutil.copytree(DATA / "timew", folder / "data")
    result = rolemap(db, "import-time", "timew", str(folder), "--skip-unmapped", *MAPS, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["written"] >= 1
    export = rolemap(
        db,
        "import-time",
        "timew",
        str(DATA / "timew-export.json"),
        "--skip-unmapped",
        *MAPS,
        "--json",
    )
    assert json.loads(export.stdout)["written"] == 0


def test_exported_time_goes_out_for_toggl_and_timewarrior_and_back_in(
    db: Path, tmp_path: Path
) -> None:
    assert (
        rolemap(db, "import-time", "timew", str(write(tmp_path, "t.json", TIMEW)), *MAPS).returncode
        == 0
    )
    toggl = tmp_path / "out.csv"
    result = rolemap(
        db,
        "export-time",
        "--format",
        "csv",
        "-o",
        str(toggl),
        "--from",
        "2025-01-06",
        "--to",
        "2025-01-06",
        "--email",
        "me@example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote 3 entries (2h 15m)" in result.stdout
    lines = toggl.read_text().splitlines()
    assert (
        lines[0]
        == "Email,Project,Client,Task,Description,Billable,Start date,Start time,Duration,Tags"
    )
    assert (
        lines[1]
        == "me@example.com,Hiring loops,,,Screen · tags: phone,No,2025-01-06,10:00:00,01:00:00,"
    )
    assert toggl.stat().st_mode & 0o777 == 0o600
    out = tmp_path / "out.json"
    assert (
        rolemap(
            db, "export-time", "--format", "timew", "-o", str(out), "--period", "all"
        ).returncode
        == 0
    )
    other = tmp_path / "other.sqlite3"
    assert rolemap(other, "import", str(EXAMPLE)).returncode == 0
    back = rolemap(other, "import-time", "timew", str(out), "--json")
    assert back.returncode == 0, back.stderr
    report = json.loads(rolemap(db, "report", "--period", "all", "--json").stdout)
    again = json.loads(rolemap(other, "report", "--period", "all", "--json").stdout)
    assert again["total_seconds"] == report["total_seconds"] == 8100


def test_rules_are_listed_added_moved_and_removed(db: Path, tmp_path: Path) -> None:
    assert "has no rules" in rolemap(db, "rules", "list").stdout
    assert rolemap(db, "rules", "add", "tag", "hiring", "hiring loops").returncode == 0
    added = rolemap(db, "rules", "add", "attendees", "<=2", "1:1", "--at", "1")
    assert added.returncode == 0 and "Added rule 1: attendees <=2 → ‘Weekly 1:1s’." in added.stdout
    assert (
        rolemap(db, "rules", "add", "title", "standup", "cross", "--how", "contains").returncode
        == 0
    )
    listed = rolemap(db, "rules", "list").stdout.splitlines()
    assert listed[1:] == [
        "  1. attendees <=2 → ‘Weekly 1:1s’",
        "  2. tag is ‘hiring’ → ‘Hiring loops’",
        "  3. title contains ‘standup’ → ‘Cross-team syncs’",
    ]
    assert rolemap(db, "rules", "move", "3", "1").returncode == 0
    assert rolemap(db, "rules", "remove", "2").returncode == 0
    data = json.loads(rolemap(db, "rules", "list", "--json").stdout)
    assert [(r["number"], r["field"], r["value"], r["activity"]) for r in data["rules"]] == [
        (1, "title", "standup", "Cross-team syncs"),
        (2, "tag", "hiring", "Hiring loops"),
    ]
    assert set(data["rules"][0]) == {"number", "field", "how", "value", "activity_id", "activity"}
    for bad, said in (
        (("remove", "9"), "There is no rule 9: give 1 to 2."),
        (("add", "title", "(a+)+", "hiring", "--how", "pattern"), "can take forever"),
        (("add", "attendees", "many", "hiring"), "is not a number of attendees"),
        (("add", "tag", "x", "nobody"), "No activity is called ‘nobody’"),
    ):
        result = rolemap(db, "rules", *bad)
        assert result.returncode == 1 and said in result.stderr, result.stderr
    # The saved rules map an import, and `rules list --json` is a rules file.
    saved = write(tmp_path, "rules.json", rolemap(db, "rules", "list", "--json").stdout)
    result = rolemap(
        db,
        "import-time",
        "timew",
        str(write(tmp_path, "t.json", TIMEW)),
        "--rules",
        str(saved),
        "--skip-unmapped",
        "--json",
    )
    assert json.loads(result.stdout)["mapped"]["activities"][0]["title"] == "Hiring loops"


def test_bash_completion_completes_commands_options_and_choices(db: Path, tmp_path: Path) -> None:
    script = rolemap(db, "completion", "bash")
    assert script.returncode == 0, script.stderr
    path = write(tmp_path, "rolemap.bash", script.stdout)
    probe = (
        f"source {path}\n"
        't() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _rolemap; '
        'echo "${COMPREPLY[*]}"; }\n'
        "t rolemap import-t\nt rolemap report --period last\nt rolemap import-time ''\n"
        "t rolemap rules ''\nt rolemap --db x.db rules add tag x y --how ''\n"
        "t rolemap import-time timew f --ov\n"
    )
    result = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert result.stdout.splitlines() == [
        "import-time",
        "lastweek lastmonth",
        "ics toggl clockify timew watson csv",
        "list add remove move",
        "text contains pattern",
        "--overlaps",
    ], result.stderr


CAPTURE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
local line
setopt rcquotes
() {
    zpty -w z source $1
    repeat 4; do
        zpty -r z line
        [[ $line == ok* ]] && return
    done
    exit 2
} =( <<< "
PROMPT=
fpath=($1 \$fpath)
autoload compinit
compinit -u -d $1/.zcompdump
bindkey '^I' complete-word
null-line () { echo -E - \$'\\0' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zmodload zsh/zutil
compadd () {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
        builtin compadd \"\$@\"
        return \$?
    fi
    typeset -a __hits
    builtin compadd -A __hits \"\$@\"
    [[ -n \$__hits ]] || return
    for i in {1..\$#__hits}; do
        echo -E - \$__hits[\$i]
    done
}
echo ok")
zpty -w z "$2"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
    if [[ $line == *$'\0\r' ]]; then
        (( tog++ )) && return 0 || continue
    fi
    (( tog )) && echo -E - ${line%$'\r'}
done
"""


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completion_completes_commands_options_and_choices(db: Path, tmp_path: Path) -> None:
    script = rolemap(db, "completion", "zsh")
    assert script.returncode == 0 and script.stdout.startswith("#compdef rolemap")
    folder = tmp_path / "zfunc"
    folder.mkdir()
    write(folder, "_rolemap", script.stdout)
    capture = write(tmp_path, "capture.zsh", CAPTURE)

    def offered(line: str) -> set[str]:
        result = subprocess.run(
            ["zsh", str(capture), str(folder), line], capture_output=True, text=True, timeout=30
        )
        return set(result.stdout.split())

    assert offered("rolemap import-t") == {"import-time"}
    assert offered("rolemap report --period last") == {"lastweek", "lastmonth"}
    assert offered("rolemap rules ") == {"list", "add", "remove", "move"}
    assert offered("rolemap import-time ") == {"ics", "toggl", "clockify", "timew", "watson", "csv"}
