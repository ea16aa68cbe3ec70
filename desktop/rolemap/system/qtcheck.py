"""Check, before Qt is imported, that the system libraries Qt needs are present.

Qt reports a missing library with a long plugin trace or an abort; a person
needs one line saying which package to install. Run as a module by the
Makefile (`python -m rolemap.system.qtcheck [--window]`) and called by the app before
it imports PySide6. Standard library only.
"""

from __future__ import annotations

import os
import sys

# Library → Debian package, for Qt's offscreen platform (tests, exports).
OFFSCREEN_LIBS: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

# Added for a real window on X11 (Qt's xcb platform).
WINDOW_LIBS: dict[str, str] = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
}


def missing_packages(window: bool) -> list[str]:
    """Return the Debian packages whose libraries cannot be loaded (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    wanted = dict(OFFSCREEN_LIBS)
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    x11 = platform.startswith("xcb") or (not platform and not os.environ.get("WAYLAND_DISPLAY"))
    if window and x11:
        wanted.update(WINDOW_LIBS)
    folders = _system_folders()
    return [p for library, p in wanted.items() if not _installed(library, folders)]


def _system_folders() -> list[str]:
    """The folders the dynamic loader searches on every Linux system, multiarch first."""
    arch = getattr(sys.implementation, "_multiarch", "")  # "x86_64-linux-gnu" on Debian
    triplet = [f"/usr/lib/{arch}", f"/lib/{arch}"] if arch else []
    return [*triplet, "/usr/lib64", "/lib64", "/usr/lib", "/lib"]


def _installed(library: str, folders: list[str]) -> bool:
    """Whether the loader can find `library`: a file in a system folder, else a trial load.

    Looking for the file costs a few microseconds; the trial load needs ctypes,
    3–4 ms to import on every start. It stays the authority for a library kept
    anywhere else (LD_LIBRARY_PATH, /etc/ld.so.conf.d, a non-Debian layout).
    """
    if any(os.path.exists(os.path.join(folder, library)) for folder in folders):
        return True
    import ctypes

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def has_display() -> bool:
    """Whether a window can be shown: a display server, or a platform chosen by hand."""
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def problems(window: bool) -> list[str]:
    """Plain-language problems that would stop Qt from starting, empty when all is well."""
    found = []
    packages = missing_packages(window)
    if packages:
        found.append(
            "Qt needs system libraries that are not installed. Install them with:\n"
            f"    sudo apt-get install {' '.join(packages)}"
        )
    if window and not has_display():
        found.append(
            "There is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set).\nRun Rolemap on a desktop session, or on a virtual screen:\n"
            "    sudo apt-get install xvfb xauth\n"
            "    xvfb-run -a .venv/bin/rolemap\n"
            "The command line works without a display: rolemap --help"
        )
    return found


def main(argv: list[str] | None = None) -> int:
    """Print the problems and exit 1 if there are any."""
    args = sys.argv[1:] if argv is None else argv
    found = problems(window="--window" in args)
    for problem in found:
        print(f"rolemap: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
