"""File → Export diagram…: the live preview follows the settings, Export writes the file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from rolemap.document.document import RoleDocument
from rolemap.store.preferences import load_preset
from rolemap.ui.export_dialog import ExportDialog


def open_dialog(qtbot, store) -> ExportDialog:
    document = RoleDocument(store)
    document.switch_role(document.roles()[0].id)
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_preview_follows_the_page_size_and_orientation(qtbot, store) -> None:
    dialog = open_dialog(qtbot, store)
    before = dialog.preview.pixmap().size()
    assert before.width() > before.height()  # landscape by default
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.page_box.setCurrentIndex(dialog.page_box.findData("letter"))
    letter = dialog.preview.pixmap().size()  # shown as large as it fits, in its own shape
    assert letter.width() / letter.height() < before.width() / before.height()
    with qtbot.waitSignal(dialog.preview_updated):
        dialog.orientation_box.setCurrentIndex(dialog.orientation_box.findData(False))
    portrait = dialog.preview.pixmap().size()
    assert portrait.height() > portrait.width()


def test_export_writes_the_file_and_remembers_the_preset(qtbot, store, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, store)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("svg"))
    target = tmp_path / "role.svg"
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported) as signal:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert signal.args == [str(target)]
    assert "Engineering manager" in target.read_text(encoding="utf-8")
    preset = load_preset(store, dialog.document.role_map.role.id)
    assert (preset.format, preset.path) == ("svg", str(target))
    again = open_dialog(qtbot, store)
    assert again.format_box.currentData() == "svg"
    assert again.path_edit.text() == str(target)


def test_the_actions_table_has_export_and_print(qtbot, store) -> None:
    from rolemap.ui.actions import ACTIONS
    from rolemap.ui.diagram_exporter import DiagramExporter

    specs = {spec.name: spec for spec in ACTIONS}
    assert specs["export-diagram"].handler == "exporter.export_diagram"
    assert specs["print-diagram"].handler == "exporter.print_diagram"
    for spec in (specs["export-diagram"], specs["print-diagram"]):
        assert callable(getattr(DiagramExporter, spec.handler.split(".")[1]))


def test_printing_paints_one_page(qtbot, store, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from rolemap.render.writers import page_layout
    from rolemap.ui.export_dialog import print_composition

    dialog = open_dialog(qtbot, store)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    printer.setPageLayout(page_layout(dialog.composition))  # as print_diagram does
    printer.setFullPage(True)
    print_composition(printer, dialog.composition)
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", target], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
        assert "842 x 595 pts" in info


def test_the_preview_shows_the_whole_page_at_the_default_size(qtbot, store) -> None:
    dialog = open_dialog(qtbot, store)
    for page, landscape in (("a4", True), ("a3", False), ("letter", True)):
        with qtbot.waitSignal(dialog.preview_updated):
            dialog.page_box.setCurrentIndex(dialog.page_box.findData(page))
            dialog.orientation_box.setCurrentIndex(dialog.orientation_box.findData(landscape))
            dialog._on_setting_changed()
        pixmap = dialog.preview.pixmap()
        shown = pixmap.size() / pixmap.devicePixelRatio()
        room = dialog.preview_room()
        assert shown.width() <= room.width() and shown.height() <= room.height(), (
            page,
            shown,
            room,
        )
        filled = max(shown.width() / room.width(), shown.height() / room.height())
        assert filled > 0.9, (page, shown, room)
        width, height = dialog.composition.page.pixel_size(72)
        assert abs(shown.width() / shown.height() - width / height) < 0.02  # the whole page


def test_the_preview_follows_the_dialogs_size(qtbot, store) -> None:
    dialog = open_dialog(qtbot, store)
    small = dialog.preview.pixmap().size()
    with qtbot.waitSignal(dialog.preview_updated, timeout=3000):
        dialog.resize(dialog.width() + 300, dialog.height() + 200)
    assert dialog.preview.pixmap().size().width() > small.width()


def test_after_saving_the_status_bar_says_where_with_open_folder(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication

    target = tmp_path / "out" / "role.pdf"
    target.parent.mkdir()

    def fill_and_export() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDialog):
            QTimer.singleShot(20, fill_and_export)
            return
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
        dialog.path_edit.setText(str(target))
        dialog.export_button.click()

    QTimer.singleShot(0, fill_and_export)
    window.action("export-diagram").trigger()
    assert target.exists()
    notice = window.status.notice
    assert notice is not None and notice.isVisible()
    assert str(target) in notice.text()
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    notice.open_button.click()
    assert opened == [str(target.parent)]
