"""`rolemap backup`, `rolemap restore` and a CLI write that loses the race, as a user runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def rolemap(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ROLEMAP_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "rolemap", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    conn.close()
    return count


def _seeded(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "rolemap.sqlite3"
    result = rolemap("import", str(ROOT / "resources/examples/engineering-manager.json"), db=db)
    assert result.returncode == 0, result.stderr
    return db


def test_backup_then_restore_puts_the_data_back_and_keeps_the_replaced_data(
    tmp_path: Path,
) -> None:
    db = _seeded(tmp_path)
    made = rolemap("backup", db=db)
    assert made.returncode == 0, made.stderr
    (backup,) = (db.parent / "backups").glob("rolemap-*Z.sqlite3")
    assert str(backup.name) in made.stdout and "1 role," in made.stdout
    nodes = _count(db, "nodes")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM links")
    conn.close()
    restored = rolemap("restore", str(backup), db=db)
    assert restored.returncode == 0, restored.stderr
    assert "Backed up the current database to" in restored.stdout
    assert _count(db, "links") > 0 and _count(db, "nodes") == nodes
    safety = [p for p in (db.parent / "backups").glob("rolemap-*.sqlite3") if p != backup]
    assert len(safety) == 1 and _count(safety[0], "links") == 0
    assert rolemap("check", db=db).returncode == 0


def test_backup_to_a_chosen_file(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    out = tmp_path / "copy.sqlite3"
    result = rolemap("backup", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert _count(out, "nodes") == _count(db, "nodes")
    assert rolemap("backup", "-o", str(tmp_path), db=db).returncode == 1


def test_restore_over_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    out = tmp_path / "copy.sqlite3"
    assert rolemap("backup", "-o", str(out), db=db).returncode == 0
    damaged = db.read_bytes()[:8192]
    db.write_bytes(damaged)
    result = rolemap("restore", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert "damaged; it is kept as" in result.stdout
    (aside,) = db.parent.glob("rolemap.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged
    assert rolemap("check", db=db).returncode == 0


def test_restore_refuses_a_bad_backup_and_a_foreign_database(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    before = db.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(8192))
    result = rolemap("restore", str(junk), db=db)
    assert result.returncode == 1 and result.stderr.startswith("rolemap: Cannot restore from it")
    assert rolemap("restore", str(tmp_path / "none.sqlite3"), db=db).returncode == 1
    assert db.read_bytes() == before
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    copy = tmp_path / "copy.sqlite3"
    assert rolemap("backup", "-o", str(copy), db=db).returncode == 0
    result = rolemap("restore", str(copy), db=foreign)
    assert result.returncode == 1 and "another application" in result.stderr


def test_a_cli_write_waits_for_the_other_writer_then_says_so_clearly(tmp_path: Path) -> None:
    db = _seeded(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program is in the middle of writing
        result = rolemap(
            "import", str(ROOT / "resources/examples/engineering-manager.json"), "--replace", db=db
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert result.stderr.startswith("rolemap: Another program is writing to the database")
    assert rolemap("check", db=db).returncode == 0
