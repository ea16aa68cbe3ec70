"""Whether the welcome page opens at start: offered on a first start, until it is dismissed.

Kept in QSettings with the window's other habits. The first start (the
database was just created, `ui/startup.py`) offers the page; closing it
dismisses it for good; Help → Getting started shows it whenever asked. A
person who already had a database never gets it unasked.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "welcome/show-at-start"


def offer_welcome(settings: QSettings) -> None:
    """Open the welcome page at the next starts, until it is dismissed (a first start)."""
    if settings.value(KEY) is None:  # dismissed once: a second new database does not undo it
        settings.setValue(KEY, True)
        settings.sync()


def welcome_at_start(settings: QSettings) -> bool:
    """Whether the window opens on the welcome page."""
    return str(settings.value(KEY, False)).casefold() == "true"


def dismiss_welcome(settings: QSettings) -> None:
    """Stop opening the welcome page at start."""
    settings.setValue(KEY, False)
    settings.sync()
