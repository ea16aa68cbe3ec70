"""File → Import time…: a file of time from another tool, previewed, assigned, then applied.

Two pages: the source (`TimeSourceForm`: file, format, role, zone, days, …)
and the preview (`TimePreviewView`). Preview reads and plans on a pool thread
(`time_import_worker.py`) while a busy bar runs; a broken file's message
shows on the first page and nothing changes. On the preview, each change of
an assignment or of the overlap choice plans again (after a short pause, on
the thread). Apply asks the document for one undo step
(`RoleDocument.import_time`): the new activities, the entries and the kept
rules; Edit → Undo takes all three back. Nothing is written before Apply but
nothing at all: not even the calendar addresses, which Apply remembers.

Signals:
    preview_shown(): a preview (first or again) is on show.
    preview_failed(str): reading or planning failed; the message is on show.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.document.time_import_command import TimeImportOutcome, TimeImportRequest
from rolemap.domain import geometry
from rolemap.domain.entities import Node
from rolemap.domain.fields import default_details
from rolemap.domain.kinds import NodeKind
from rolemap.services.time_files import TimeFormat
from rolemap.services.time_mapping import name_rules
from rolemap.services.time_settings import remember_calendar_addresses
from rolemap.store.errors import StoreError
from rolemap.store.role_repository import RoleRepository
from rolemap.ui.time_import_worker import Preview, PreviewJob, PreviewSignals, SourceChoice
from rolemap.ui.time_names_model import NEW, Assignment, hours_text, new_title
from rolemap.ui.time_preview_view import TimePreviewView
from rolemap.ui.time_source_form import TimeSourceForm

REPLAN_DELAY_MS = 250  # a run of assignments is planned once
ERROR_STYLE = "QLabel { background: #fdecea; color: #7a1c12; border: 1px solid #f3b8b0;" \
    " border-radius: 4px; padding: 6px 8px; }"  # fmt: skip


class TimeImportDialog(QDialog):
    """Choose a file of time, preview its import, assign the names no rule maps, apply."""

    preview_shown = Signal()
    preview_failed = Signal(str)

    def __init__(
        self,
        document: RoleDocument,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("time-import-dialog")
        self.setWindowTitle("Import time")
        self.document = document
        self.outcome: TimeImportOutcome | None = None
        self.preview: Preview | None = None
        self._generation = 0  # of the newest request; older answers are dropped
        self._answered = 0  # the generation of the preview on show
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = PreviewSignals()
        self._signals.finished.connect(self._on_job_finished)
        self._signals.failed.connect(self._on_job_failed)

        self.source = TimeSourceForm(document, today or dt.date.today())
        self.source.source_edited.connect(self._on_source_edited)
        scroll = QScrollArea()
        scroll.setObjectName("time-source-scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.source)
        self.view = TimePreviewView()
        self.view.choices_changed.connect(self._on_view_choices_changed)
        self.pages = QStackedWidget()
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.view)

        self.message = QLabel()
        self.message.setObjectName("time-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.busy = QProgressBar()
        self.busy.setObjectName("time-busy")
        self.busy.setAccessibleName("Working")
        self.busy.setRange(0, 0)  # no steps to count: it only says "working"
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("time-busy-text")
        self.back_button = QPushButton("&Back")
        self.back_button.setObjectName("time-back")
        self.preview_button = QPushButton("&Preview")
        self.preview_button.setObjectName("time-preview-button")
        self.apply_button = QPushButton("&Import")
        self.apply_button.setObjectName("time-apply")
        self.apply_button.setToolTip("Write the entries (one step: Edit → Undo takes it back)")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("time-cancel")
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy)
        buttons.addWidget(self.busy_label, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._replan = QTimer(self)
        self._replan.setSingleShot(True)
        self._replan.setInterval(REPLAN_DELAY_MS)
        self._replan.timeout.connect(self._plan_again)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.preview_button.clicked.connect(self.start_preview)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        room = self.screen().availableGeometry().size() * 0.95
        self.resize(QSize(780, 560).boundedTo(room))  # fits a 800 × 600 screen with a title bar
        self.setMinimumSize(600, 440)
        self._show_page(0)

    # -- the steps -------------------------------------------------------------------------

    @Slot()
    def start_preview(self) -> None:
        """Read the file chosen and plan its import (on the pool thread)."""
        try:
            source = self.source.choice()
        except ValueError as error:
            self._say(str(error))
            return
        # The file is read again only if it (or how to read it) changed.
        self._start(source, self.preview, f"Reading {source.path.name}…")

    def _start(self, source: SourceChoice, before: Preview | None, text: str) -> None:
        self._generation += 1
        self._say("")
        job = PreviewJob(
            self._signals,
            self._generation,
            self.document.store,
            source,
            self.view.assigned_pairs() if before is not None else (),
            self.view.overlap_choice(),
            before,
        )
        self._set_busy(text)
        self._pool.start(job)

    @Slot()
    def _plan_again(self) -> None:
        if self.preview is not None:
            self._start(self.preview.source, self.preview, "Planning…")

    @Slot(int, object)
    def _on_job_finished(self, generation: int, preview: Preview) -> None:
        if generation != self._generation:
            return  # overtaken by a newer request
        self._set_busy("")
        first = self.preview is None or preview.names is not self.preview.names
        self.preview = preview
        self._answered = generation
        if first:
            self.view.show_names(preview.names, self._activities(preview.source.role_id))
            if preview.names and not self.view.assignments():
                self.view.tabs.setCurrentIndex(0)
            else:
                self.view.tabs.setCurrentIndex(1)
        self.view.show_plan(preview, preview.source.options.tz)
        self._show_page(1)
        self.preview_shown.emit()

    @Slot(int, str)
    def _on_job_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._set_busy("")
        self.preview = None
        self._show_page(0)
        self._say(message)
        self.preview_failed.emit(message)

    @Slot()
    def _on_view_choices_changed(self) -> None:
        self._generation += 1  # the plan on show no longer matches: Apply waits for the next
        self._update_buttons()
        self._replan.start()

    @Slot()
    def _on_source_edited(self) -> None:
        if self.pages.currentIndex() == 0:
            self._say("")

    @Slot()
    def _on_back_button_clicked(self) -> None:
        self._replan.stop()
        self._generation += 1
        self._set_busy("")
        self._show_page(0)

    def ready(self) -> bool:
        """Whether the plan on show is the one of the choices on show (Apply may go)."""
        return (
            self.preview is not None
            and self._answered == self._generation
            and not self._replan.isActive()
            and self.pages.currentIndex() == 1
        )

    @Slot()
    def apply(self) -> None:
        """Write the import as one undo step; the dialog closes when it is written."""
        if not self.ready():
            return
        assert self.preview is not None
        preview = self.preview
        plan = preview.plan
        document = self.document
        if not document.has_role or document.role_map.role.id != plan.role_id:
            document.switch_role(plan.role_id)  # the time and its undo step go to that role
        assignments = self.view.assignments()
        fresh = [a for a in assignments if a.target == NEW]
        kept = [(a.name.name, a.activity_id) for a in assignments if a.keep]
        request = TimeImportRequest(
            plan=plan,
            source=preview.source.path.name or str(preview.source.path),
            new_activities=self._new_activities(fresh),
            rules=tuple(name_rules(kept, preview.foreign)) if kept else (),
        )
        self._set_busy(f"Importing {len(plan.entries):,} entries…")
        self.repaint()  # the words show before the write holds the thread
        outcome = document.import_time(request)
        self._set_busy("")
        if not outcome.done:
            self._say(outcome.error)
            return
        self._remember_addresses(preview)
        self.outcome = outcome
        self.accept()

    # -- parts of Apply -----------------------------------------------------------------

    def _new_activities(self, fresh: list[Assignment]) -> tuple[Node, ...]:
        """The activities to make, below the others in the activities' lane."""
        role_map = self.document.role_map
        taken = [node.y for node in role_map.nodes_of(NodeKind.ACTIVITY)]
        nodes = []
        for assignment in fresh:
            x, y = geometry.free_slot(NodeKind.ACTIVITY, taken)
            taken.append(y)
            nodes.append(
                Node(
                    id=assignment.activity_id,
                    role_id=role_map.role.id,
                    kind=NodeKind.ACTIVITY,
                    title=new_title(assignment.name.name),
                    x=x,
                    y=y,
                    details=default_details(NodeKind.ACTIVITY),
                )
            )
        return tuple(nodes)

    def _remember_addresses(self, preview: Preview) -> None:
        """A calendar's addresses, for next time (a setting, not an undo step)."""
        if preview.source.kind is not TimeFormat.ICS or not preview.source.options.me:
            return
        # If this fails the import still stands; the addresses are asked for again next time.
        with contextlib.suppress(StoreError):
            remember_calendar_addresses(self.document.store, preview.source.options.me)

    def _activities(self, role_id: str) -> list[tuple[str, str]]:
        if self.document.has_role and self.document.role_map.role.id == role_id:
            role_map = self.document.role_map
        else:
            role_map = RoleRepository(self.document.store).load_map(role_id)
        return [(node.id, node.title) for node in role_map.nodes_of(NodeKind.ACTIVITY)]

    # -- the dialog's state ---------------------------------------------------------------

    def summary(self) -> str:
        """The result in words, for the status bar: "Imported 312 entries (48.5 h) …"."""
        if self.outcome is None or self.preview is None:
            return ""
        count = len(self.outcome.entry_ids)
        return (
            f"Imported {count:,} time {'entry' if count == 1 else 'entries'} "
            f"({hours_text(self.outcome.seconds)}) into ‘{self.preview.plan.role_name}’ "
            f"from {self.preview.source.path.name}. Edit → Undo takes them back."
        )

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index == 1)
        self.preview_button.setVisible(index == 0)
        self.apply_button.setVisible(index == 1)
        (self.preview_button if index == 0 else self.apply_button).setDefault(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.busy.isVisible()
        self.preview_button.setEnabled(not busy)
        self.apply_button.setEnabled(self.ready() and not busy and self._worth_applying())

    def _worth_applying(self) -> bool:
        assert self.preview is not None
        return bool(self.preview.plan.entries) or any(
            a.target == NEW for a in self.view.assignments()
        )

    def _set_busy(self, text: str) -> None:
        self.busy.setVisible(bool(text))
        self.busy_label.setText(text)
        self._update_buttons()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def done(self, result: int) -> None:
        """Close, once a job still reading has finished (it reads the window's connection)."""
        self._replan.stop()
        self._generation += 1
        self._pool.waitForDone()
        super().done(result)


def import_time_file(
    document: RoleDocument, parent: QWidget, path: Path | None = None
) -> TimeImportDialog:
    """The dialog on `document` (with `path` chosen, if given), not yet shown."""
    dialog = TimeImportDialog(document, parent)
    if path is not None:
        dialog.source.set_path(path)
    return dialog
