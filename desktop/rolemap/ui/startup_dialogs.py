"""The messages shown before the window opens: an unusable file, a damaged one, a risky place.

Each dialog is a QMessageBox with an object name (tests find it with
`QApplication.activeModalWidget()`), written for a person, not a developer.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from rolemap.store.backup_folder import BackupInfo
from rolemap.store.errors import UnusableDatabaseError

_WHY = {
    "newer": "It was saved by a newer version of Rolemap, which stores things this version "
    "does not know. Update Rolemap to open it.",
    "foreign": "It is a database of another program, not Rolemap's.",
    "not-sqlite": "It is not a Rolemap database at all.",
}


def explain_unusable(error: UnusableDatabaseError, parent: QWidget | None = None) -> None:
    """Say why a newer, foreign or non-database file cannot be opened (it stays as it is)."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Rolemap cannot open this file",
        f"Rolemap cannot open {error.path}.\n\n{_WHY.get(error.reason, str(error))}\n\n"
        "The file has not been changed. Rolemap will now quit; choose another file with "
        "--db PATH, or move this one away to start afresh.",
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("unusable-file-dialog")
    box.setDetailedText(str(error))
    box.exec()


def ask_recovery(
    error: UnusableDatabaseError,
    backup: BackupInfo | None,
    aside_name: str,
    parent: QWidget | None = None,
) -> str:
    """Explain that the database is damaged and ask what to do.

    Returns:
        "restore" (the offered backup), "fresh" (a new database with the
        example role) or "quit".
    """
    what = (
        "is empty: it holds no data at all"
        if error.reason == "empty"
        else "is damaged: part of it cannot be read"
    )
    text = (
        f"Your Rolemap database {error.path.name} {what}. Rolemap has not written to it.\n\n"
        f"If you go on, the file is kept unchanged beside it as {aside_name}, "
        "so nothing in it is lost."
    )
    if backup is not None:
        text += (
            f"\n\nThe newest backup that checks clean is from {describe_time(backup)} "
            f"({describe_counts(backup)})."
        )
    else:
        text += "\n\nThere is no backup that checks clean."
    box = QMessageBox(QMessageBox.Icon.Warning, "Your Rolemap database is damaged", text)
    box.setObjectName("damaged-file-dialog")
    box.setDetailedText(str(error))
    restore = None
    if backup is not None:
        restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restore-backup")
    fresh = box.addButton("Start a new database", QMessageBox.ButtonRole.DestructiveRole)
    fresh.setObjectName("start-fresh")
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName("quit")
    box.setDefaultButton(restore or quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    if clicked is fresh:
        return "fresh"
    return "quit"


def warn_location(message: str, parent: QWidget | None = None) -> None:
    """Warn that the database sits on a network drive or in a sync folder."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "The database is in a risky place",
        f"{message}\n\nRolemap works best with its database on this computer's own disk "
        "(the default). This warning is shown once.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("location-warning")
    box.exec()


def tell_already_open(
    db_path: object, brought_forward: bool = True, parent: QWidget | None = None
) -> None:
    """Say that another Rolemap window has this file open (and whether it came forward)."""
    where = (
        "that window has been brought forward"
        if brought_forward
        else "switch to that window to go on"
    )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Rolemap is already open",
        f"Rolemap is already open on {db_path}; {where}.\n\n"
        "Only one window at a time may edit a file, so that no change is lost.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("already-open-dialog")
    box.exec()


def describe_time(backup: BackupInfo) -> str:
    """A backup's time in the person's local time, e.g. "2026-01-25 11:15"."""
    return backup.taken.astimezone().strftime("%Y-%m-%d %H:%M")


def describe_counts(backup: BackupInfo) -> str:
    """ "1 role, 18 nodes, 120 time entries" (or that it cannot be read)."""
    if not backup.readable:
        return "cannot be read"
    return ", ".join(
        plural(count or 0, noun)
        for count, noun in (
            (backup.roles, "role"),
            (backup.nodes, "node"),
            (backup.time_entries, "time entry"),
        )
    )


def plural(count: int, noun: str) -> str:
    """ "1 role", "2 roles", "3 time entries"."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"
