"""`rolemap export --format pdf|svg|png` as a person runs it: real files, checked by other tools."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"
TITLES = ("Weekly 1:1s", "Growth plans", "Team retention", "Delivery predictability")


def rolemap(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "ROLEMAP_DB")}
    return subprocess.run(
        [sys.executable, "-m", "rolemap", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "roles.sqlite3"
    result = rolemap("--db", path, "import", EXAMPLE)
    assert result.returncode == 0, result.stderr
    return path


def test_pdf_is_one_page_with_real_text(db: Path, tmp_path: Path) -> None:
    if not (shutil.which("pdfinfo") and shutil.which("pdftotext")):
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    out = tmp_path / "role.pdf"
    result = rolemap("export", "--db", db, "--format", "pdf", "-o", out)
    assert result.returncode == 0, result.stderr
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert "842 x 595 pts" in info
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    assert "Engineering manager" in text
    for title in TITLES:
        assert title in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_svg_parses_and_holds_the_titles(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "role.svg"
    result = rolemap("export", "--db", db, "--format", "svg", "-o", out, "--page", "a3")
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    text = " ".join(" ".join(e.itertext()) for e in root.iter())
    assert "Engineering manager" in text
    for title in TITLES:
        assert title in text


def test_png_has_the_requested_pixel_size(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "role.png"
    args = ("--format", "png", "-o", out, "--page", "letter", "--portrait", "--dpi", "150")
    result = rolemap("export", "--db", db, *args)
    assert result.returncode == 0, result.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1275, 1650)


def test_the_preset_makes_a_repeat_export_one_short_command(db: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.png"
    result = rolemap("export", "--db", db, "--format", "png", "-o", first, "--dpi", "72")
    assert result.returncode == 0, result.stderr
    again = tmp_path / "again.png"
    assert rolemap("export", "--db", db, "--format", "png", "-o", again).returncode == 0
    assert struct.unpack(">II", again.read_bytes()[16:24]) == (842, 595)


def test_an_empty_role_exports_a_page_that_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    from rolemap.domain.entities import Role
    from rolemap.store.database import open_store
    from rolemap.store.role_repository import RoleRepository

    store = open_store(db, create=True)
    with store.transaction():
        RoleRepository(store).put_role(Role("r1", "Blank role"))
    store.close()
    out = tmp_path / "empty.svg"
    result = rolemap("export", "--db", db, "--format", "svg", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "This role is empty." in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf", "-o", "{tmp}"), "is a folder"),
        (("--format", "pdf", "-o", "{tmp}/missing/x.pdf"), "no folder"),
        (("--format", "tiff", "-o", "{tmp}/x.tiff"), "invalid choice"),
        (("--format", "png", "--page", "a5", "-o", "{tmp}/x.png"), "invalid choice"),
        (("--format", "png", "--dpi", "5", "-o", "{tmp}/x.png"), "out of range"),
        (("--format", "pdf", "--role", "nobody", "-o", "{tmp}/x.pdf"), "No role"),
    ],
)
def test_bad_input_is_refused_and_leaves_no_file(
    db: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    work = tmp_path / "out"
    work.mkdir()
    result = rolemap("export", "--db", db, *(a.format(tmp=work) for a in args))
    assert result.returncode != 0
    assert message in result.stderr
    assert list(work.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_an_unwritable_folder_is_refused(db: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = rolemap("export", "--db", db, "--format", "pdf", "-o", locked / "x.pdf")
    finally:
        locked.chmod(0o700)
    assert result.returncode == 1
    assert "not writable" in result.stderr
    assert list(locked.iterdir()) == []
