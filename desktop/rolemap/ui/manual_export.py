"""File → Export operating manual…: the role's handbook as PDF, Markdown or HTML.

The format follows the file's suffix (and the suffix the format: choosing
one renames the other), the period is one of the named periods or the
manual's own default (this quarter, or the last while this one is young),
and the paper is A4 or Letter. `services.manual.export_manual` writes the
file atomically.

It runs on a pool thread with a read-only connection of its own, a busy bar
showing: a 500-node role with 100,000 entries takes ~0.7 s as a PDF on two
cores, 0.4 s of it painting the pages, and the window should keep painting
meanwhile. (Painting into a PDF writer is allowed off the GUI thread.)

Signals:
    exported(str): the manual was written (its path).
    failed(str): it was not; the message is on show.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.periods import PERIOD_LABELS, PERIOD_NAMES
from rolemap.services.manual import SUFFIXES, ManualError, default_period, export_manual
from rolemap.store.database import Store, open_reader
from rolemap.ui.exchange_actions import slug

FORMATS = (("PDF", ".pdf"), ("Markdown", ".md"), ("HTML (one file)", ".html"))
PAGES = (("A4", "a4"), ("Letter", "letter"))
DEFAULT = ""  # the period's choice that means the manual's own default


class ManualSignals(QObject):
    """Carries the job's answer back to the dialog's thread."""

    finished = Signal(str, list)
    failed = Signal(str)


class ManualJob(QRunnable):
    """Write one manual on a pool thread, reading through a connection of its own."""

    def __init__(
        self, signals: ManualSignals, db: Path, role_id: str, path: Path, period: str, page: str
    ) -> None:
        super().__init__()
        self._signals = signals
        self._db = db
        self._args = (role_id, path, period or None, page)

    def run(self) -> None:
        role_id, path, period, page = self._args
        try:
            reader = Store(self._db, open_reader(self._db), read_only=True)
            try:
                notes = export_manual(reader, role_id, path, period, page)
            finally:
                reader.conn.close()
        except ManualError as error:
            self._signals.failed.emit(str(error))
        except sqlite3.Error as error:
            self._signals.failed.emit(f"The manual could not read the data: {error}")
        except Exception as error:  # a bug: say so rather than wait for ever
            traceback.print_exc()
            self._signals.failed.emit(f"The manual could not be written ({type(error).__name__}).")
        else:
            self._signals.finished.emit(str(path), notes)


class ManualExportDialog(QDialog):
    """Format, file, period and paper; Export writes the manual (see the module docstring)."""

    exported = Signal(str)
    failed = Signal(str)

    def __init__(
        self, document: RoleDocument, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("manual-dialog")
        self.setWindowTitle("Export operating manual")
        self.document = document
        self.written: Path | None = None
        self.notes: list[str] = []
        role = document.role_map.role
        today = today or dt.date.today()

        intro = QLabel(
            f"The handbook of ‘{role.name}’: the one-page diagram, the role's purpose and "
            "rights, its outcomes, outputs and evidence, its activities and their hours, the "
            "allocation, and the last reviews and plans."
        )
        intro.setObjectName("manual-intro")
        intro.setWordWrap(True)
        self.format_box = QComboBox()
        self.format_box.setObjectName("manual-format")
        self.format_box.setAccessibleName("Format")
        for label, suffix in FORMATS:
            self.format_box.addItem(label, suffix)
        self.path_edit = QLineEdit(str(Path.home() / f"{slug(role.name)}-manual.pdf"))
        self.path_edit.setObjectName("manual-path")
        self.path_edit.setAccessibleName("File to write")
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setObjectName("manual-choose")
        self.choose_button.setAccessibleName("Choose the file")
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.choose_button)
        self.period_box = QComboBox()
        self.period_box.setObjectName("manual-period")
        self.period_box.setAccessibleName("Period of the figures")
        self.period_box.addItem(f"Default: {default_period(today).label}", DEFAULT)
        for name in PERIOD_NAMES:
            self.period_box.addItem(PERIOD_LABELS[name], name)
        self.page_box = QComboBox()
        self.page_box.setObjectName("manual-page")
        self.page_box.setAccessibleName("Paper size")
        for label, page in PAGES:
            self.page_box.addItem(label, page)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Format", self.format_box)
        file_label = QLabel("F&ile")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, where)
        form.addRow("&Period", self.period_box)
        form.addRow("P&aper", self.page_box)

        self.message = QLabel()
        self.message.setObjectName("manual-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.busy = QProgressBar()
        self.busy.setObjectName("manual-busy")
        self.busy.setAccessibleName("Writing the manual")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.export_button = QPushButton("&Export")
        self.export_button.setObjectName("manual-export")
        self.export_button.setDefault(True)
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("manual-close")
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.export_button.setFocus()

        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = ManualSignals()
        self._signals.finished.connect(self._on_job_finished)
        self._signals.failed.connect(self._on_job_failed)
        self.format_box.currentIndexChanged.connect(self._on_format_box_changed)
        self.path_edit.editingFinished.connect(self._on_path_edit_editing_finished)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        self.resize(580, self.sizeHint().height())

    # -- choices ---------------------------------------------------------------------------

    def target(self) -> Path:
        """The file to write, with the format's suffix if it had none."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if path.suffix.lower() not in SUFFIXES:
            path = path.with_name(path.name + self.format_box.currentData())
        return path

    @Slot()
    def _on_format_box_changed(self) -> None:
        suffix = self.format_box.currentData()
        self.page_box.setEnabled(suffix != ".md")  # Markdown has no paper
        text = self.path_edit.text().strip()
        if text and Path(text).suffix.lower() in SUFFIXES:
            self.path_edit.setText(str(Path(text).with_suffix(suffix)))

    @Slot()
    def _on_path_edit_editing_finished(self) -> None:
        wanted = SUFFIXES.get(Path(self.path_edit.text().strip()).suffix.lower())
        for index, (_label, suffix) in enumerate(FORMATS):
            if SUFFIXES[suffix] == wanted and index != self.format_box.currentIndex():
                blocked = self.format_box.blockSignals(True)
                self.format_box.setCurrentIndex(index)
                self.format_box.blockSignals(blocked)
                self.page_box.setEnabled(suffix != ".md")

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export operating manual",
            self.path_edit.text(),
            "PDF (*.pdf);;Markdown (*.md);;HTML (*.html)",
        )
        if name:
            self.path_edit.setText(name)
            self._on_path_edit_editing_finished()

    # -- writing -------------------------------------------------------------------------

    @Slot()
    def export(self) -> None:
        """Write the manual on the pool thread; the dialog closes when it is written."""
        if not self.path_edit.text().strip():
            self._say("Give a file name first.")
            return
        path = self.target()
        self._say("")
        self._set_busy(True)
        self._pool.start(
            ManualJob(
                self._signals,
                self.document.store.path,
                self.document.role_map.role.id,
                path,
                self.period_box.currentData(),
                self.page_box.currentData(),
            )
        )

    @Slot(str, list)
    def _on_job_finished(self, path: str, notes: list[str]) -> None:
        self._set_busy(False)
        self.written = Path(path)
        self.notes = list(notes)
        self.exported.emit(path)
        self.accept()

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self._set_busy(False)
        self._say(f"{message}\nNothing was written.")
        self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.export_button, self.format_box, self.path_edit, self.choose_button):
            widget.setEnabled(not busy)
        self.page_box.setEnabled(not busy and self.format_box.currentData() != ".md")
        self.period_box.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def done(self, result: int) -> None:
        """Close once a manual being written is written (the job's file is then whole)."""
        self._pool.waitForDone()
        super().done(result)
