"""File → Export operating manual…: format by suffix, period, paper; written off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tests.gui.accessibility import unnamed_controls

from rolemap.document.document import RoleDocument
from rolemap.ui.main_window import MainWindow
from rolemap.ui.manual_export import ManualExportDialog

WAIT_MS = 20_000


def open_dialog(qtbot: Any, document: RoleDocument) -> ManualExportDialog:
    dialog = ManualExportDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_manual_as_a_pdf_with_pages(qtbot: Any, document: RoleDocument, tmp_path: Path) -> None:
    from pypdf import PdfReader

    dialog = open_dialog(qtbot, document)
    target = tmp_path / "manual.pdf"
    dialog.path_edit.setText(str(target))
    dialog.period_box.setCurrentIndex(dialog.period_box.findData("all"))
    dialog.page_box.setCurrentIndex(dialog.page_box.findData("letter"))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as exported:
        dialog.export_button.click()
        assert dialog.busy.isVisible() and not dialog.export_button.isEnabled()
    assert exported.args == [str(target)]
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 3
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) in ((612, 792), (792, 612))  # Letter
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Engineering manager" in text and "Weekly 1:1s" in text
    assert dialog.result() == dialog.DialogCode.Accepted


@pytest.mark.parametrize(
    ("label", "suffix", "first"), [("Markdown", ".md", "# "), ("HTML", ".html", "<!")]
)
def test_the_format_follows_the_suffix_and_the_suffix_the_format(
    qtbot: Any, document: RoleDocument, tmp_path: Path, label: str, suffix: str, first: str
) -> None:
    dialog = open_dialog(qtbot, document)
    dialog.path_edit.setText(str(tmp_path / f"handbook{suffix}"))
    dialog.path_edit.editingFinished.emit()
    assert dialog.format_box.currentText().startswith(label)
    assert dialog.page_box.isEnabled() == (suffix != ".md")
    dialog.format_box.setCurrentIndex(0)  # PDF: the file's suffix follows
    assert dialog.path_edit.text().endswith("handbook.pdf")
    dialog.format_box.setCurrentIndex(dialog.format_box.findText(label, flags=_starts()))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS):
        dialog.export_button.click()
    written = (tmp_path / f"handbook{suffix}").read_text(encoding="utf-8")
    assert written.lstrip().startswith(first)


def test_a_path_that_cannot_be_written_is_told_in_the_dialog(
    qtbot: Any, document: RoleDocument, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, document)
    dialog.path_edit.setText(str(tmp_path / "no" / "such" / "folder" / "manual.pdf"))
    with qtbot.waitSignal(dialog.failed, timeout=WAIT_MS):
        dialog.export_button.click()
    assert dialog.isVisible() and "Nothing was written" in dialog.message.text()
    assert dialog.export_button.isEnabled()
    assert not (tmp_path / "no").exists()


def test_the_dialog_names_every_control(qtbot: Any, document: RoleDocument) -> None:
    dialog = open_dialog(qtbot, document)
    assert unnamed_controls(dialog) == []
    assert dialog.minimumSizeHint().width() <= 780


def test_from_the_menu_the_status_bar_says_where(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "manual.md"

    def fill_and_export() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ManualExportDialog):
            QTimer.singleShot(20, fill_and_export)
            return
        dialog.path_edit.setText(str(target))
        dialog.path_edit.editingFinished.emit()
        dialog.export_button.click()

    QTimer.singleShot(0, fill_and_export)
    window.action("export-manual").trigger()
    assert target.exists()
    notice = window.status.notice
    assert notice is not None and f"Saved the operating manual to {target}" in notice.text()


def _starts() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchStartsWith
