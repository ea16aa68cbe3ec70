"""File → Import… of a Markdown outline (or a JSON Canvas, GraphML): a preview, then all or none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from rolemap.ui.main_window import MainWindow
from rolemap.ui.map_import_dialog import MapImportDialog

OUTLINE = """# Draft role
Why the role exists.
## Activities
- Weekly 1:1s
  - planned hours: 3
  - → Team health
- Hiring
## Outcomes
- Team health
  - → Weekly 1:1s
"""


def in_preview(steps: Callable[[MapImportDialog], None]) -> None:
    """Run `steps` on the preview dialog once it is open (it runs its own event loop)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MapImportDialog):
            QTimer.singleShot(20, run)
            return
        steps(dialog)

    QTimer.singleShot(0, run)


@pytest.fixture
def outline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(OUTLINE, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    return path


def test_a_backward_link_is_shown_and_cancel_imports_nothing(
    window: MainWindow, outline: Path
) -> None:
    roles = [r.id for r in window.document.roles()]
    seen: dict[str, object] = {}

    def look_and_cancel(dialog: MapImportDialog) -> None:
        problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
        seen["problems"] = problems
        seen["button"] = dialog.import_button.text()
        seen["lanes"] = [
            tuple(dialog.lanes.item(r, c).text() for c in range(3))
            for r in range(dialog.lanes.rowCount())
        ]
        dialog.cancel_button.click()

    in_preview(look_and_cancel)
    window.action("import-json").trigger()
    problems = seen["problems"]
    assert isinstance(problems, list) and len(problems) == 1
    assert "‘Team health’ → ‘Weekly 1:1s’ left out" in problems[0]
    assert "links end at outcomes" in problems[0]  # the reason
    assert seen["button"] == "Import the &rest"
    assert seen["lanes"] == [("Activities", "2", "1"), ("Outcomes", "1", "0")]
    assert [r.id for r in window.document.roles()] == roles  # nothing imported


def test_import_the_rest_adds_the_role_and_shows_it(window: MainWindow, outline: Path) -> None:
    before = {r.id for r in window.document.roles()}
    in_preview(lambda dialog: dialog.import_button.click())
    window.action("import-json").trigger()
    document = window.document
    (new,) = {r.id for r in document.roles()} - before
    assert document.role_map.role.id == new  # opened
    assert window.role_box.currentData() == new  # the switcher follows
    assert document.role_map.role.name == "Draft role"
    titles = sorted(n.title for n in document.role_map.nodes.values())
    assert titles == ["Hiring", "Team health", "Weekly 1:1s"]
    assert len(document.role_map.links) == 1  # the forward link; the backward one left out
    assert "Imported ‘Draft role’ from draft.md" in window.statusBar().currentMessage()


def test_a_broken_map_is_refused_with_its_reason(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.canvas"
    broken.write_text('{"nodes": [', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(broken), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    roles = [r.id for r in window.document.roles()]
    window.action("import-json").trigger()
    assert shown and shown[0].startswith("broken.canvas: ") and "Nothing was changed" in shown[0]
    assert [r.id for r in window.document.roles()] == roles
