"""Find Rolemap's shipped files (example roles, schemas, icons) in a checkout or a wheel.

In a wheel the top-level `resources/` folder is packed as `rolemap/resources/`;
in a checkout it sits two levels above the `rolemap` package.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_folder() -> Path:
    """The folder holding examples/, schema/ and icons/."""
    here = Path(__file__).resolve().parent.parent  # the rolemap package
    frozen = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle
    for candidate in (
        here / "resources",
        here.parent.parent / "resources",
        Path(frozen) / "rolemap" / "resources" if frozen else None,
    ):
        if candidate is not None and (candidate / "examples").is_dir():
            return candidate
    raise FileNotFoundError("Rolemap's resources folder is missing from this installation.")


def resource(*parts: str) -> Path:
    """The path of one shipped file, e.g. resource("examples", "engineering-manager.json")."""
    return resources_folder().joinpath(*parts)
