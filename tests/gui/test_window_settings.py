"""What the window remembers between runs: geometry, the last role, recent databases."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDockWidget

from rolemap import __version__, app
from rolemap.document.document import RoleDocument
from rolemap.services.transfer import seed_example
from rolemap.store.database import open_store
from rolemap.system import qtcheck
from rolemap.ui.main_window import MainWindow
from rolemap.ui.window_settings import WindowSettings


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot: object, document: RoleDocument, settings: QSettings) -> MainWindow:
    window = MainWindow(document, settings=settings)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.started):  # type: ignore[attr-defined]
        window.show()
    return window


def test_window_size_and_docks_come_back(
    qtbot: object, document: RoleDocument, settings: QSettings
) -> None:
    first = _window(qtbot, document, settings)
    first.resize(first.width(), 700)  # the default is 860 high
    first.findChild(QDockWidget, "purpose-dock").hide()
    first.close()
    second = _window(qtbot, document, settings)
    assert second.height() == 700
    assert not second.findChild(QDockWidget, "purpose-dock").isVisible()


def test_the_last_role_is_shown_at_the_next_start(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "roles.sqlite3"
    store = open_store(db, create=True, seed=seed_example)
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    second = document.create_role("Staff engineer")
    store.close()
    settings = WindowSettings(QSettings("Rolemap", "Rolemap"))  # what the app reads
    settings.set_last_role(db, second or "")
    shown: list[str] = []
    monkeypatch.setattr(qtcheck, "problems", lambda window: [])
    original = MainWindow.__init__

    def spy(self: MainWindow, document: RoleDocument, *args: object, **kwargs: object) -> None:
        shown.append(document.role_map.role.name)
        original(self, document, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(MainWindow, "__init__", spy)
    assert app.run_window(db, smoke_test=True) == 0
    assert shown == ["Staff engineer"]


def test_recent_databases_are_listed_without_the_current_one(
    qtbot: object, document: RoleDocument, settings: QSettings, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"")
    WindowSettings(settings).add_recent_database(other)
    WindowSettings(settings).add_recent_database(tmp_path / "gone.sqlite3")  # no longer exists
    window = _window(qtbot, document, settings)
    window.menus.recent_menu.aboutToShow.emit()  # as when File → Open recent opens
    entries = [a.text() for a in window.menus.recent_menu.actions()]
    assert entries == [str(other.resolve())]
    assert WindowSettings(settings).recent_databases()[0] == document.store.path.resolve()


def test_about_names_the_version_and_where_the_data_is(
    qtbot: object, document: RoleDocument, settings: QSettings
) -> None:
    text = _window(qtbot, document, settings).window_commands.about_text()
    assert f"Rolemap {__version__}" in text
    assert str(document.store.path) in text
    assert "Data folder:" in text and "Backups:" in text


def test_a_database_that_cannot_be_opened_says_so(
    qtbot: object,
    document: RoleDocument,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, document, settings)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    assert not window.window_commands.open_database(tmp_path / "other.sqlite3")
    assert window.statusBar().currentMessage() == f"Could not open {tmp_path / 'other.sqlite3'}."
