"""The command line as a person runs it: `rolemap import`, `export`, `check`, `--help`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"


def rolemap(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def test_help_lists_the_commands() -> None:
    result = rolemap("--help")
    assert result.returncode == 0
    for command in ("export", "import", "check"):
        assert command in result.stdout
    for command in ("export", "import", "check"):
        sub = rolemap(command, "--help")
        assert sub.returncode == 0 and "--db" in sub.stdout


def test_import_creates_the_database_then_export_gives_the_same_roles(tmp_path: Path) -> None:
    db = tmp_path / "new" / "roles.sqlite3"
    result = rolemap("import", str(EXAMPLE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Added role ‘Engineering manager’" in result.stdout
    out = tmp_path / "out.json"
    result = rolemap("export", "--format", "json", "-o", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text())["roles"]
    original = json.loads(EXAMPLE.read_text())["roles"]
    assert [r["name"] for r in exported] == ["Engineering manager"]
    assert {n["title"] for n in exported[0]["nodes"]} == {n["title"] for n in original[0]["nodes"]}
    again = rolemap("import", str(EXAMPLE), "--db", str(db))
    assert "Skipped role ‘Engineering manager’" in again.stdout


def test_rolemap_db_environment_variable_chooses_the_file(tmp_path: Path) -> None:
    db = tmp_path / "env.sqlite3"
    assert rolemap("import", str(EXAMPLE), env={"ROLEMAP_DB": str(db)}).returncode == 0
    result = rolemap("check", env={"ROLEMAP_DB": str(db)})
    assert result.returncode == 0 and str(db) in result.stdout


def test_check_reports_the_purpose_findings(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    rolemap("import", str(EXAMPLE), "--db", str(db))
    result = rolemap("check", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert ": ok" in result.stdout
    assert "Unanchored activities" in result.stdout
    assert "Email & status updates" in result.stdout


def test_check_exits_1_on_a_damaged_database(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    rolemap("import", str(EXAMPLE), "--db", str(db))
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    result = rolemap("check", "--db", str(db))
    assert result.returncode == 1
    assert "damaged" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_commands_other_than_import_do_not_create_a_missing_database(tmp_path: Path) -> None:
    db = tmp_path / "missing.sqlite3"
    for args in (("export", "--format", "json", "-o", str(tmp_path / "o.json")), ("check",)):
        result = rolemap(*args, "--db", str(db))
        assert result.returncode == 1
        assert result.stderr.startswith("rolemap: There is no Rolemap database")
        assert "Traceback" not in result.stderr
    assert not db.exists()


def test_a_bad_import_names_the_problem_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    rolemap("import", str(EXAMPLE), "--db", str(db))
    before = rolemap("export", "--format", "json", "-o", str(tmp_path / "a.json"), "--db", str(db))
    assert before.returncode == 0
    bad = tmp_path / "bad.json"
    data = json.loads(EXAMPLE.read_text())
    data["roles"][0]["id"] = "another-role"
    data["roles"][0]["links"][0]["target"] = "no-such-node"
    bad.write_text(json.dumps(data))
    result = rolemap("import", str(bad), "--db", str(db))
    assert result.returncode == 1
    assert "links[0]" in result.stderr and "no-such-node" in result.stderr
    rolemap("export", "--format", "json", "-o", str(tmp_path / "b.json"), "--db", str(db))
    first = json.loads((tmp_path / "a.json").read_text())["roles"]
    second = json.loads((tmp_path / "b.json").read_text())["roles"]
    assert first == second


def test_export_to_a_folder_or_unwritable_place_fails_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    rolemap("import", str(EXAMPLE), "--db", str(db))
    for target in (tmp_path, tmp_path / "no" / "such" / "folder" / "out.json"):
        result = rolemap("export", "--format", "json", "-o", str(target), "--db", str(db))
        assert result.returncode == 1, result.stdout
        assert result.stderr.startswith("rolemap: ")
        assert "Traceback" not in result.stderr


def test_window_opens_and_creates_the_database_with_the_example(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "rolemap.sqlite3"
    result = rolemap("--smoke-test", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert db.exists()
    check = rolemap("check", "--db", str(db))
    assert "Engineering manager: 18 nodes, 17 links" in check.stdout


def test_import_of_a_renamed_copy_keeps_the_original_and_check_stays_clean(
    tmp_path: Path,
) -> None:
    db = tmp_path / "roles.sqlite3"
    assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
    document = json.loads(EXAMPLE.read_text())
    document["roles"][0]["id"] = "copy"
    document["roles"][0]["name"] = "Copy"
    copy_file = tmp_path / "copy.json"
    copy_file.write_text(json.dumps(document))
    result = rolemap("import", str(copy_file), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Added role ‘Copy’" in result.stdout and "given new ones" in result.stdout
    check = rolemap("check", "--db", str(db))
    assert check.returncode == 0, check.stdout
    assert "Engineering manager: 18 nodes" in check.stdout and "Copy: 18 nodes" in check.stdout


def test_check_reports_a_link_that_leaves_its_role(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "roles.sqlite3"
    assert rolemap("import", str(EXAMPLE), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO roles (id, name) VALUES ('other', 'Other')")
        conn.execute("UPDATE nodes SET role_id = 'other' WHERE kind = 'outcome'")
    check = rolemap("check", "--db", str(db))
    assert check.returncode == 1
    assert "inconsistent" in check.stdout and "reaches a node of another role" in check.stdout
