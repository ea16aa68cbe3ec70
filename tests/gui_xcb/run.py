"""Run the tests on a real X display (tests/gui_xcb) in a pytest process of their own, under Xvfb.

`make test` runs the offscreen suite first, then this. One process can host
only one Qt platform, and `tests/conftest.py` chooses offscreen for the rest
of the suite, so these tests get their own process and their own display:

1. The Debian packages below are checked with dpkg; missing ones are
   installed with apt-get when running as root (a fresh CI machine).
2. Xvfb is started on a free display (`-displayfd`: the server picks the
   number and writes it when it is ready, so there is no polling and no race
   with another Xvfb), then `pytest tests/gui_xcb` runs on it; Qt's xcb
   platform is chosen by the folder's conftest.
3. When the packages cannot be had (not root, no apt-get, no network) or
   Xvfb does not start, the tests are skipped with the reason and the
   packages named; a missing display never fails the build. Test failures do.

Usage: python tests/gui_xcb/run.py [PYTEST-ARGS...] (tests/gui_xcb unless a path
in it is given). Standard library only.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.support import debian  # noqa: E402  (a script: the repository on the path first)

SCREEN = "1920x1080x24"
# Xvfb, and what Qt's xcb platform loads (rolemap.system.qtcheck names the libraries).
PACKAGES = (
    "xvfb",
    "xauth",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libegl1",
    "libfontconfig1",
    "fonts-dejavu-core",
    "xdotool",  # real key presses through the X server, as a person's keyboard sends them
)


def missing_packages() -> list[str] | None:
    """The packages not installed; None when this is not a dpkg system."""
    return debian.missing(PACKAGES)


def install(packages: list[str]) -> str | None:
    """Install with apt-get; the reason it could not, or None."""
    return debian.install(packages, "gui_xcb")


def skip(reason: str) -> int:
    """Say why the tests are skipped, with what would let them run; exit status 0."""
    print(
        f"gui_xcb: SKIPPED the tests on a real X display (tests/gui_xcb): {reason}.\n"
        f"gui_xcb: they need these Debian packages: {' '.join(PACKAGES)}\n"
        f"gui_xcb: install them with: sudo apt-get install {' '.join(PACKAGES)}",
        flush=True,
    )
    return 0


def start_xvfb() -> tuple[subprocess.Popen[bytes], str] | str:
    """Start Xvfb on a display it chooses; (server, ":N"), or why it did not start."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return "Xvfb is not installed"
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    number = b""
    try:
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 20)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_end)
    if not number.strip().isdigit():
        server.kill()
        _, errors = server.communicate()
        last = (errors.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
        return f"Xvfb did not start ({last})"
    return server, f":{number.decode().strip()}"


def main(argv: list[str]) -> int:
    """Install what is missing, start Xvfb, run pytest on tests/gui_xcb; pytest's status."""
    missing = missing_packages()
    if missing:
        reason = install(missing)
        if reason is not None:
            return skip(f"missing {' '.join(missing)}; {reason}")
        missing = missing_packages()
        if missing:
            return skip(f"still missing after apt-get: {' '.join(missing)}")
    started = start_xvfb()
    if isinstance(started, str):
        return skip(started)
    server, display = started
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    print(f"gui_xcb: Xvfb on {display} ({SCREEN})", flush=True)
    try:
        chosen = any((ROOT / arg.split("::")[0]).exists() for arg in argv if arg[:1] != "-")
        command = [sys.executable, "-m", "pytest", *([] if chosen else ["tests/gui_xcb"]), *argv]
        return subprocess.call(command, cwd=ROOT, env=env)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
