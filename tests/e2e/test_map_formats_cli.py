"""`rolemap export --format mermaid|dot|canvas|graphml|markdown` and importing maps back."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
FORMATS = {
    "mermaid": ".mmd",
    "dot": ".dot",
    "canvas": ".canvas",
    "graphml": ".graphml",
    "markdown": ".md",
}


def rolemap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    assert rolemap("import", str(EXAMPLE), "--db", str(path)).returncode == 0
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(db: Path, role: str) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return sorted(
            conn.execute(
                "SELECT n.kind, n.title FROM nodes n JOIN roles r ON r.id = n.role_id "
                "WHERE r.name = ?",
                (role,),
            ).fetchall()
        )


def test_every_format_is_written_and_the_readable_ones_come_back(db: Path, tmp_path: Path) -> None:
    original = titles(db, "Engineering manager")
    for name, suffix in FORMATS.items():
        out = tmp_path / f"map{suffix}"
        result = rolemap("export", "--format", name, "-o", str(out), "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert "Weekly 1:1s" in out.read_text()
    for name in ("canvas", "markdown", "graphml"):
        out = tmp_path / f"map{FORMATS[name]}"
        result = rolemap("import", str(out), "--name", f"From {name}", "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert titles(db, f"From {name}") == original, name
    assert rolemap("check", "--db", str(db)).returncode == 0


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz (dot) is not installed")
def test_graphviz_renders_the_dot_export(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.dot"
    assert rolemap("export", "--format", "dot", "-o", str(out), "--db", str(db)).returncode == 0
    svg = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, text=True, check=True)
    assert "Weekly 1:1s" in svg.stdout


def test_a_map_with_problems_imports_nothing_unless_the_rest_is_asked_for(
    db: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Draft role\n\n## Activities\n\n- Pairing\n  - → Faster onboarding\n\n"
        "## Outcomes\n\n- Faster onboarding\n  - → Pairing\n"
    )
    before = digest(db)
    preview = rolemap("import", str(draft), "--dry-run", "--db", str(db))
    assert preview.returncode == 0 and "left out. Nothing follows an outcome" in preview.stdout
    refused = rolemap("import", str(draft), "--db", str(db))
    assert refused.returncode == 1 and "nothing was imported" in refused.stderr
    assert digest(db) == before
    taken = rolemap("import", str(draft), "--import-rest", "--db", str(db))
    assert taken.returncode == 0, taken.stderr
    assert titles(db, "Draft role") == [("activity", "Pairing"), ("outcome", "Faster onboarding")]


def test_hostile_map_files_are_refused_and_change_nothing(db: Path, tmp_path: Path) -> None:
    before = digest(db)
    bomb = tmp_path / "bomb.graphml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
        '<node id="n"><data key="t">&b;</data></node></graph></graphml>'
    )
    secret = tmp_path / "xxe.graphml"
    secret.write_text(
        '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
        '<node id="n"><data key="t">&x;</data></node></graph></graphml>'
    )
    broken = tmp_path / "broken.canvas"
    broken.write_bytes(b'{"nodes": [{"id": "a", "x": NaN}]}')
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello")
    for path in (bomb, secret, broken, unknown):
        result = rolemap("import", str(path), "--db", str(db))
        assert result.returncode == 1, (path.name, result.stdout)
        assert "Traceback" not in result.stderr and result.stderr.startswith("rolemap: ")
    assert digest(db) == before
