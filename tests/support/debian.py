"""Debian packages the tests use: which are missing, and installing them (as root).

Shared by `tests/gui_xcb/run.py` (Xvfb and Qt's xcb libraries) and
`tests/support/test_tools.py` (poppler-utils, graphviz, desktop-file-utils).
Standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence


def missing(packages: Sequence[str]) -> list[str] | None:
    """The packages not installed; None when this is not a dpkg system."""
    if shutil.which("dpkg-query") is None:
        return None
    absent = []
    for package in packages:
        found = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in found.stdout:
            absent.append(package)
    return absent


def install(packages: Sequence[str], who: str = "tests") -> str | None:
    """Install with apt-get; the reason it could not, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "not running as root, so they cannot be installed here"
    if shutil.which("apt-get") is None:
        return "apt-get is not available"
    print(f"{who}: installing {' '.join(packages)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            return f"`{' '.join(command[:2])}` failed ({last})"
    return None
