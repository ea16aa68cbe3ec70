"""`rolemap templates` and `rolemap new`, and every template printed on one page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rolemap.services.templates import templates

ROOT = Path(__file__).resolve().parents[2]


def rolemap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_templates_lists_the_library() -> None:
    listed = json.loads(rolemap("templates", "--json").stdout)
    assert [t["key"] for t in listed] == [t.key for t in templates()]
    assert len(listed) >= 10
    text = rolemap("templates").stdout
    assert "teacher" in text and "Engineering manager" in text


def test_new_roles_are_copies_with_names_of_their_own(tmp_path: Path) -> None:
    db = str(tmp_path / "db.sqlite3")
    made = rolemap("new", "Ward lead", "--template", "nurse-manager", "--db", db)
    assert made.returncode == 0, made.stderr
    again = rolemap("new", "Ward lead 2", "--template", "nurse-manager", "--db", db)
    assert again.returncode == 0, again.stderr  # the same template twice: fresh ids each time
    assert rolemap("new", "Blank", "--blank", "--db", db).returncode == 0
    taken = rolemap("new", "WARD LEAD", "--blank", "--db", db)
    assert taken.returncode == 1 and "already a role called ‘Ward lead’" in taken.stderr
    unknown = rolemap("new", "X", "--template", "astronaut", "--db", db)
    assert unknown.returncode == 1 and "teacher" in unknown.stderr
    check = rolemap("check", "--db", db)
    assert check.returncode == 0, check.stdout
    assert "Ward lead: " in check.stdout and "Blank: 0 nodes" in check.stdout


@pytest.mark.parametrize("key", [t.key for t in templates()])
def test_every_template_prints_on_one_page_with_every_title_at_6_pt_or_more(
    qapp: object, key: str
) -> None:
    from rolemap.render.composition import compose
    from rolemap.render.page import PageSetup
    from rolemap.services.templates import template_map

    role_map = template_map(key)
    for page in (PageSetup("a4", True), PageSetup("letter", True)):
        composition = compose(role_map, page)
        assert composition.title_size >= 6, (key, page)
        titles = {t.text for box in composition.boxes for t in box.texts}
        assert all(any(n.title[:12] in text for text in titles) for n in role_map), key
        assert min(t.size for box in composition.boxes for t in box.texts) >= 6, key


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_a_new_role_from_a_template_exports_every_title(tmp_path: Path) -> None:
    db, pdf = str(tmp_path / "db.sqlite3"), tmp_path / "role.pdf"
    assert rolemap("new", "Teaching", "--template", "teacher", "--db", db).returncode == 0
    result = rolemap("export", "--format", "pdf", "-o", str(pdf), "--db", db)
    assert result.returncode == 0, result.stderr
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    from rolemap.services.templates import template_map

    for node in template_map("teacher"):
        assert " ".join(node.title.split())[:15] in text, node.title
