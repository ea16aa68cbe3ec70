"""File → Export as… (the map in five formats) and Edit → Copy as Mermaid, from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog

from rolemap.services.map_files import FORMATS, map_format
from rolemap.ui.exchange_actions import format_filters, format_of_filter
from rolemap.ui.main_window import MainWindow

FIRST_LINES = {
    "mermaid": "%% Rolemap: Engineering manager",
    "dot": 'digraph "Engineering manager" {',
    "canvas": "{",
    "graphml": '<?xml version="1.0" encoding="UTF-8"?>',
    "markdown": "# Engineering manager",
}


@pytest.mark.parametrize("name", [f.name for f in FORMATS])
def test_export_as_writes_each_format_and_says_where(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    fmt = map_format(name)
    target = tmp_path / "out" / "role"  # no suffix: the chosen format's is added
    target.parent.mkdir()
    chosen = format_filters()[FORMATS.index(fmt)]
    asked: list[str] = []

    def save_dialog(
        _parent: object, _title: str, start: str, filters: str, *_rest: object
    ) -> tuple[str, str]:
        asked.append(start)
        assert filters.split(";;") == format_filters()
        return str(target), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.action("export-map").trigger()
    written = target.with_suffix(fmt.suffix)
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0] == FIRST_LINES[name]
    assert "Weekly 1:1s" in text
    assert asked[0].endswith(f"engineering-manager{FORMATS[0].suffix}")
    assert written.stat().st_mode & 0o777 == 0o600  # written privately, through atomic_write
    notice = window.status.notice
    assert notice is not None and str(written) in notice.text()
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    notice.open_button.click()
    assert opened == [str(written.parent)]


def test_a_filter_names_the_format_and_else_the_suffix_does() -> None:
    assert format_of_filter(format_filters()[1], Path("x")).name == "dot"
    assert format_of_filter("", Path("map.graphml")).name == "graphml"


def test_export_as_into_a_folder_that_is_not_there_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert not window.exchange.export_to(tmp_path / "missing" / "map.dot", map_format("dot"))
    assert shown and "Nothing was written" in shown[0]
    assert not (tmp_path / "missing").exists()


def test_copy_as_mermaid_puts_the_selection_on_the_clipboard(window: MainWindow) -> None:
    role_map = window.document.role_map
    titles = {node.title: node.id for node in role_map.nodes.values()}
    chosen = ["Weekly 1:1s", "Growth plans"]
    window.scene.select_only([titles[t] for t in chosen])
    window.action("copy-mermaid").trigger()
    text = QGuiApplication.clipboard().text()
    assert text.splitlines()[1] == "flowchart LR"
    for title in chosen:
        assert f'"{title}"' in text
    assert "Hiring loops" not in text  # not selected
    assert "Copied 2 nodes as Mermaid." in window.statusBar().currentMessage()


def test_copy_as_mermaid_with_nothing_selected_copies_the_whole_map(window: MainWindow) -> None:
    window.scene.select_only([])
    window.action("copy-mermaid").trigger()
    text = QGuiApplication.clipboard().text()
    assert "flowchart LR" in text
    for node in window.document.role_map.nodes.values():
        assert node.title.replace("&", "#amp;") in text
    assert "whole map" in window.statusBar().currentMessage()


def test_the_new_actions_are_in_their_menus(window: MainWindow) -> None:
    file_menu = window.menus.menus["&File"].actions()
    names = [a.objectName() for a in file_menu]
    assert names.index("import-time") == names.index("import-json") + 1
    assert {"export-map", "export-manual"} <= set(names)
    assert "copy-mermaid" in [a.objectName() for a in window.menus.menus["&Edit"].actions()]
