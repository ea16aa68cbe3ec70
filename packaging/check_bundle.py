"""Check that every library in a built bundle can find the libraries it links to.

`make package` runs this after PyInstaller: the spec leaves out plugins and the
libraries only they needed, and the offscreen smoke test would not notice if the
X11 or Wayland plugin lost a library. `ldd` is asked about every ELF file in the
bundle, with the bundle's folder on the search path as the bootloader puts it.
Libraries that PyInstaller never bundles (the C library, OpenGL, Wayland, libxcb:
the user's system provides them) are only noted when this machine lacks them.

Usage: python packaging/check_bundle.py dist/rolemap
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from PyInstaller.depend.dylib import include_library

# Taken from the user's system on purpose (see SYSTEM_LIBRARIES in rolemap.spec).
FROM_THE_SYSTEM = {
    "libcups.so.2": "libcups2 (printing; without it Rolemap prints to PDF only)",
    "libdbus-1.so.3": "libdbus-1-3",
}
NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)


def elf_files(bundle: Path) -> list[Path]:
    """The bundle's executables and shared libraries, without symbolic links."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == b"\x7fELF":
                found.append(path)
    return found


def missing_libraries(bundle: Path) -> dict[str, list[str]]:
    """Library name → the bundle files (relative) that cannot find it."""
    internal = bundle / "_internal"
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.pathsep.join(
        part for part in (str(internal), os.environ.get("LD_LIBRARY_PATH", "")) if part
    )
    missing: dict[str, list[str]] = {}
    for path in elf_files(bundle):
        result = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env=env, check=False
        )
        for name in sorted(set(NOT_FOUND.findall(result.stdout))):
            missing.setdefault(name, []).append(str(path.relative_to(bundle)))
    return missing


def main(argv: list[str]) -> int:
    """Print what is missing; exit 1 if a library that should be bundled is missing."""
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    checked = len(elf_files(bundle))
    missing = missing_libraries(bundle)
    failed = False
    for name, users in sorted(missing.items()):
        shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
        if name in FROM_THE_SYSTEM:
            print(f"check_bundle: note: {name} comes from the system ({FROM_THE_SYSTEM[name]}),")
            print(f"  and this machine lacks it; needed by {shown}")
        elif not include_library(name):
            print(f"check_bundle: note: {name} comes from the system, and this machine lacks it;")
            print(f"  needed by {shown}")
        else:
            print(f"check_bundle: error: {name} is missing from the bundle; needed by {shown}")
            failed = True
    if failed:
        return 1
    print(f"check_bundle: {checked} binaries checked; none lacks a library the bundle must carry.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
