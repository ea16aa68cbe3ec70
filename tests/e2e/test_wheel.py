"""`pip install .` gives a working `rolemap` command.

Builds the wheel from this checkout, installs it into a fresh virtual environment
(the dependencies come from the package index or pip's cache), and runs the installed
command from outside the checkout. This catches modules or resources (the example
role, the JSON schema, icons) that the wheel leaves out: the checkout is never on the
installed program's path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"


@dataclass(frozen=True)
class InstalledRolemap:
    """A fresh virtual environment with the built wheel installed in it."""

    bin: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run the installed `rolemap` command from a folder outside the checkout."""
        return _run(
            [str(self.bin / "rolemap"), *args], cwd=self.workdir, env=self.env, timeout=timeout
        )


def _run(
    command: list[str], *, cwd: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, (
        f"{' '.join(command)} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    )
    return result


def _clean_env() -> dict[str, str]:
    """The environment without this checkout's virtual environment or import paths."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InstalledRolemap]:
    root = tmp_path_factory.mktemp("wheel")
    env = _clean_env()
    wheelhouse = root / "wheelhouse"
    venv = root / "venv"
    workdir = root / "work"
    workdir.mkdir()

    started = time.monotonic()
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheelhouse), "."],
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    built = time.monotonic()
    (wheel,) = wheelhouse.glob("rolemap-*.whl")

    _run([sys.executable, "-m", "venv", str(venv)], cwd=root, env=env, timeout=120)
    python = venv / "bin" / "python"
    _run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        cwd=root,
        env=env,
        timeout=600,
    )
    finished = time.monotonic()
    print(
        f"\nwheel built in {built - started:.1f} s; "
        f"venv + install in {finished - built:.1f} s ({wheel.name})"
    )

    yield InstalledRolemap(bin=venv / "bin", workdir=workdir, env=env)


def test_wheel_ships_the_resources(installed: InstalledRolemap) -> None:
    code = (
        "import rolemap.system.resources as r; f = r.resources_folder(); "
        "print(f); assert (f / 'examples' / 'engineering-manager.json').is_file(); "
        "assert (f / 'schema' / 'rolemap-1.schema.json').is_file(); "
        "assert (f / 'icons' / 'rolemap.svg').is_file()"
    )
    result = _run(
        [str(installed.bin / "python"), "-c", code],
        cwd=installed.workdir,
        env=installed.env,
        timeout=60,
    )
    folder = Path(result.stdout.strip())
    assert ROOT not in folder.parents, f"resources came from the checkout: {folder}"


def test_installed_command_prints_help(installed: InstalledRolemap) -> None:
    result = installed.run("--help")
    assert "rolemap" in result.stdout.lower()
    assert "usage" in result.stdout.lower()


def test_installed_command_imports_and_exports_headless(installed: InstalledRolemap) -> None:
    database = installed.workdir / "x.sqlite3"
    exported = installed.workdir / "out.json"

    installed.run("import", str(EXAMPLE), "--db", str(database))
    installed.run("export", "--format", "json", "-o", str(exported), "--db", str(database))

    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "rolemap"
    assert "Engineering manager" in [role["name"] for role in document["roles"]]
