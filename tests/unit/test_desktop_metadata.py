"""The Linux launcher entry, the AppStream metainfo and the application icon files.

The two metadata files are checked with the validators that software centres and
distributions use (`desktop-file-validate`, `appstreamcli validate`); each check is
skipped with a reason where its tool is not installed. The icon PNGs are checked
for their pixel sizes by reading the PNG header directly.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / "rolemap.desktop"
METAINFO_FILE = LINUX / "io.github.rolemap.Rolemap.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _tool(name: str, package: str) -> str:
    """The path of a command-line validator, or skip the test saying how to get it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian/Ubuntu: apt-get install {package})")
    return path


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk, which always comes first."""
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE, f"{path.name} is not a PNG file"
    length, chunk_type = struct.unpack(">I4s", header[8:16])
    assert chunk_type == b"IHDR" and length == 13, f"{path.name} has no IHDR chunk first"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_desktop_entry_passes_desktop_file_validate() -> None:
    validator = _tool("desktop-file-validate", "desktop-file-utils")
    result = _run(validator, str(DESKTOP_FILE))
    # desktop-file-validate exits 0 even on some hints; any output is a finding.
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout


def test_metainfo_passes_appstreamcli_validate() -> None:
    validator = _tool("appstreamcli", "appstream")
    result = _run(validator, "validate", "--no-net", "--explain", str(METAINFO_FILE))
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_launches_the_desktop_entry_and_lists_the_first_release() -> None:
    component = ET.parse(METAINFO_FILE).getroot()
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert component.findtext("developer/name") == "The Rolemap team"
    release = component.find("releases/release")
    assert release is not None
    assert release.get("version") == "0.1.0"
    assert release.get("date") == "2026-11-25"


def test_desktop_entry_names_the_shipped_icon() -> None:
    lines = DESKTOP_FILE.read_text(encoding="utf-8").splitlines()
    assert "Icon=rolemap" in lines
    assert (ICONS / "rolemap.svg").is_file()


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_has_its_named_size(size: int) -> None:
    assert _png_size(ICONS / f"rolemap-{size}.png") == (size, size)


def test_no_stray_icon_sizes() -> None:
    shipped = sorted(path.name for path in ICONS.glob("rolemap-*.png"))
    assert shipped == sorted(f"rolemap-{size}.png" for size in ICON_SIZES)
