"""Install the programs some tests check exports with, when they are missing (as root).

poppler-utils (pdftotext, pdfinfo, pdftoppm) reads the PDFs back, graphviz (dot)
renders the DOT export, desktop-file-utils validates the launcher entry. Run by
`make test` before pytest; where they cannot be had (not root, no apt-get, no
network), the tests that need them are skipped and say which package would
let them run. Never fails the build.

Usage: python tests/support/test_tools.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.support import debian  # noqa: E402  (a script: the repository on the path first)

PACKAGES = ("poppler-utils", "graphviz", "desktop-file-utils")


def main() -> int:
    """Install what is missing, or say why not; always 0."""
    missing = debian.missing(PACKAGES)
    if not missing:
        return 0
    reason = debian.install(missing, "test tools")
    if reason is not None:
        print(
            f"test tools: {' '.join(missing)} not installed ({reason}); the tests that "
            "need them will be skipped.",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
