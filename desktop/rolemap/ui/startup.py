"""Opening the database for the window: the checks, the damaged-file rescue, the warnings.

`open_for_window(path)` is what app.py calls before building the window:

- a newer, foreign or non-SQLite file: explained, the app quits, the file is
  byte-identical (it is not damaged, so it is not moved: a newer Rolemap or the
  other program can still open it where it is);
- a damaged or empty file: nothing is written to it; the person is told in
  plain words and offered the newest backup that passes `integrity_check`, a
  new database with the example role, or quitting. Only when they choose to
  go on is the file renamed (never copied or changed) to `NAME.damaged-DATE`
  with its -wal/-shm; quitting leaves it exactly where and as it was;
- a database on a network mount or in a sync folder: warned about once
  (remembered per path in QSettings);
- a database whose file or folder cannot be written: opened read-only
  (`Store.read_only`), said on stderr; the window says it above its tabs.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from rolemap.store.database import Store, open_store
from rolemap.store.early_check import EarlyCheck
from rolemap.store.errors import StoreError, UnusableDatabaseError
from rolemap.store.location_risk import location_risk

# The rescue, the dialogs and the example role are imported where they are
# used: an everyday start needs none of them (start-up time, issue 2).

WARNED_KEY = "data-safety/location-warned"


def open_for_window(
    path: Path,
    *,
    settings: QSettings | None = None,
    mounts_text: str | None = None,
    early: EarlyCheck | None = None,
) -> Store | None:
    """Open (or create, or rescue) the database; None when the app should quit.

    Args:
        path: the database file.
        early: its checks, begun while the window's modules were imported.
        settings: where the "warned once" memory lives, and the first start's welcome
            page is offered (default: the app's QSettings).
        mounts_text: the mount table to judge network drives by (default /proc/mounts).
    """
    path = Path(path)
    first_start = not path.exists()  # created below, with the example: the welcome page opens
    try:
        store: Store | None = open_store(path, create=True, seed=_seed_example, early=early)
    except UnusableDatabaseError as error:
        if error.reason not in ("damaged", "empty"):
            from rolemap.ui import startup_dialogs

            print(f"rolemap: {error}", file=sys.stderr)
            startup_dialogs.explain_unusable(error)
            return None
        store = _rescue(path, error)
    except StoreError as error:
        from PySide6.QtWidgets import QMessageBox

        print(f"rolemap: {error}", file=sys.stderr)
        QMessageBox.critical(None, "Rolemap cannot open its database", str(error))
        return None
    if store is not None:
        settings = settings or QSettings()
        if first_start:
            from rolemap.ui.welcome_settings import offer_welcome

            offer_welcome(settings)
        warn_location_once(path, settings, mounts_text)
        if store.read_only:  # the window says so too, above its tabs
            print(f"rolemap: {path} is read-only: changes cannot be saved.", file=sys.stderr)
    return store


def _seed_example(store: Store) -> None:
    from rolemap.services.transfer import seed_example

    seed_example(store)


def _rescue(path: Path, error: UnusableDatabaseError) -> Store | None:
    from rolemap.store.backup_folder import newest_sound_backup
    from rolemap.store.restore import aside_path, restore_to_path, set_aside
    from rolemap.ui import startup_dialogs

    print(f"rolemap: {error}", file=sys.stderr)
    backup = newest_sound_backup(path)
    now = dt.datetime.now(dt.UTC)
    choice = startup_dialogs.ask_recovery(error, backup, aside_path(path, now=now).name)
    if choice == "quit":
        return None
    try:
        aside = set_aside(path, now=now)
        print(f"rolemap: the damaged file is kept as {aside}", file=sys.stderr)
        if choice == "restore" and backup is not None:
            restore_to_path(backup.path, path)
            return open_store(path)
        return open_store(path, create=True, seed=_seed_example)
    except StoreError as failure:
        from PySide6.QtWidgets import QMessageBox

        print(f"rolemap: {failure}", file=sys.stderr)
        QMessageBox.critical(None, "Rolemap cannot open its database", str(failure))
        return None


def warn_location_once(path: Path, settings: QSettings, mounts_text: str | None = None) -> bool:
    """Warn if `path` is on a network drive or in a sync folder, once per path.

    Returns:
        True if the warning was shown now.
    """
    message = location_risk(path, mounts_text)
    if message is None:
        return False
    key = str(path.resolve())
    warned = settings.value(WARNED_KEY, [])
    if isinstance(warned, str):
        warned_list = [warned]
    elif isinstance(warned, list | tuple):
        warned_list = [str(item) for item in warned]
    else:
        warned_list = []
    if key in warned_list:
        return False
    from rolemap.ui import startup_dialogs

    startup_dialogs.warn_location(message)
    settings.setValue(WARNED_KEY, [*warned_list, key])
    settings.sync()
    return True
