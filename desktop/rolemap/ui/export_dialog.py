"""File → Export diagram… and File → Print…: the one-page diagram with a live preview.

`DiagramExporter` is the small object the main window holds for the two
actions; `ExportDialog` shows the page as it will come out and writes it.
The dialog starts from the role's export preset and saves it on export, so
a repeat export is one click. The preview shows the whole page, scaled to
the room it has, and follows the dialog's size.

Signals (ExportDialog):
    preview_updated(): the preview shows the current settings.
    exported(str): a file was written (its path).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.periods import PERIOD_LABELS
from rolemap.render.composition import Composition
from rolemap.render.painter import paint_composition
from rolemap.render.writers import RenderError, render_image, write
from rolemap.services.diagram_page import role_page
from rolemap.store.preferences import (
    FORMATS,
    PAGES,
    PERIODS,
    ExportPreset,
    load_preset,
    save_preset,
)

PAGE_NAMES = {"a4": "A4", "letter": "Letter", "a3": "A3"}
PREVIEW_PADDING = 12  # px of grey around the page
RESIZE_DEBOUNCE_MS = 60


def composition_for(document: RoleDocument, preset: ExportPreset) -> Composition:
    """The current role's page under `preset`."""
    return role_page(document.store, document.role_map, preset)


class ExportDialog(QDialog):
    """Format, page, orientation, numbers and period, with the page previewed."""

    preview_updated = Signal()
    exported = Signal(str)

    def __init__(self, document: RoleDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.setWindowTitle("Export diagram")
        self.document = document
        role = document.role_map.role
        preset = load_preset(document.store, role.id)

        self.format_box = _combo("format", [(f.upper(), f) for f in FORMATS], preset.format)
        self.page_box = _combo("page", [(PAGE_NAMES[p], p) for p in PAGES], preset.page)
        self.orientation_box = _combo(
            "orientation", [("Landscape", True), ("Portrait", False)], preset.landscape
        )
        self.numbers_box = QCheckBox("Hours, deliveries and progress")
        self.numbers_box.setObjectName("numbers")
        self.numbers_box.setChecked(preset.numbers)
        self.period_box = _combo("period", [(PERIOD_LABELS[p], p) for p in PERIODS], preset.period)
        self.dpi_box = QSpinBox()
        self.dpi_box.setObjectName("dpi")
        self.dpi_box.setRange(72, 1200)
        self.dpi_box.setSuffix(" dpi")
        self.dpi_box.setValue(preset.dpi)
        self.path_edit = QLineEdit(preset.path or str(Path.home() / f"{_slug(role.name)}.pdf"))
        self.path_edit.setObjectName("path")
        self.path_edit.setAccessibleName("File to write")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._on_choose_clicked)

        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Page", self.page_box)
        form.addRow("Orientation", self.orientation_box)
        form.addRow("Include", self.numbers_box)
        form.addRow("Period", self.period_box)
        form.addRow("Resolution", self.dpi_box)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(choose)
        form.addRow("File", where)

        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName("Preview of the page")
        self.preview.setMinimumSize(520, 380)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet(f"background: #d9dce1; padding: {PREVIEW_PADDING}px;")
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_DEBOUNCE_MS)
        self._resized.timeout.connect(self.update_preview)
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_clicked)
        choose.setAccessibleName("Choose the file")
        cancel = QPushButton("Close")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.export_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addStretch(1)
        side.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(side)

        for box in (self.format_box, self.page_box, self.orientation_box, self.period_box):
            box.currentIndexChanged.connect(self._on_setting_changed)
        self.numbers_box.toggled.connect(self._on_setting_changed)
        self.composition: Composition | None = None
        self._on_setting_changed()

    def preset(self) -> ExportPreset:
        """The settings shown."""
        return ExportPreset(
            format=self.format_box.currentData(),
            page=self.page_box.currentData(),
            landscape=bool(self.orientation_box.currentData()),
            period=self.period_box.currentData(),
            numbers=self.numbers_box.isChecked(),
            dpi=self.dpi_box.value(),
            path=self.path_edit.text().strip(),
        )

    @Slot()
    def _on_setting_changed(self) -> None:
        preset = self.preset()
        self.period_box.setEnabled(preset.numbers)
        self.dpi_box.setEnabled(preset.format == "png")
        path = Path(preset.path)
        if path.suffix.lower().lstrip(".") in FORMATS and path.suffix[1:] != preset.format:
            self.path_edit.setText(str(path.with_suffix(f".{preset.format}")))
        self.composition = composition_for(self.document, preset)
        self.update_preview()

    def preview_room(self) -> QSize:
        """The room the page has in the preview, in pixels (the label less its padding)."""
        room = self.preview.contentsRect().size()
        if self.preview.contentsMargins().left() < PREVIEW_PADDING:  # a style without padding
            room -= QSize(2 * PREVIEW_PADDING, 2 * PREVIEW_PADDING)
        return room.expandedTo(QSize(40, 40))

    def update_preview(self) -> None:
        """Draw the whole page as large as the preview has room for."""
        assert self.composition is not None
        room = self.preview_room()
        width, height = self.composition.page.pixel_size(72)  # the page in points
        dpi = 72 * min(room.width() / width, room.height() / height) * 0.995
        ratio = self.devicePixelRatioF()
        image = render_image(self.composition, dpi * ratio)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.preview.setPixmap(pixmap)
        self.preview_updated.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.composition is not None:
            self._resized.start()  # once the size settles: a render per step would lag

    @Slot()
    def _on_choose_clicked(self) -> None:
        fmt = self.format_box.currentData()
        name, _ = QFileDialog.getSaveFileName(
            self, "Export diagram", self.path_edit.text(), f"{fmt.upper()} (*.{fmt})"
        )
        if name:
            self.path_edit.setText(name)

    @Slot()
    def _on_export_clicked(self) -> None:
        preset = self.preset()
        if not preset.path:
            QMessageBox.warning(self, "Export diagram", "Give a file name first.")
            return
        assert self.composition is not None
        try:
            write(self.composition, Path(preset.path).expanduser(), preset.format, preset.dpi)
        except RenderError as error:
            QMessageBox.warning(self, "Export failed", f"{error}\nNothing was written.")
            return
        role_id = self.document.role_map.role.id
        save_preset(self.document.store, role_id, replace(preset, path=preset.path))
        self.exported.emit(preset.path)
        self.accept()


def print_composition(printer: QPrinter, composition: Composition) -> None:
    """Paint the page onto a printer (full page; our own margins are in the page)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise RenderError("The printer could not be started.")
    try:
        full = printer.pageLayout().fullRectPixels(printer.resolution())
        paint_composition(painter, composition, QRectF(0, 0, full.width(), full.height()))
    finally:
        painter.end()


def _combo(name: str, items: list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for text, data in items:
        box.addItem(text, data)
    index = box.findData(current)
    box.setCurrentIndex(max(0, index))
    return box


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-") or "role"
