"""Where Rolemap keeps its data: the user's data folder, or ROLEMAP_DB / --db."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "rolemap.sqlite3"


def data_folder() -> Path:
    """The per-user data folder (e.g. ~/.local/share/rolemap on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("rolemap", appauthor=False))


def default_database() -> Path:
    """The database to use when no --db is given: ROLEMAP_DB, else the data folder's."""
    chosen = os.environ.get("ROLEMAP_DB")
    if chosen:
        return Path(chosen).expanduser()
    return data_folder() / DB_FILENAME
