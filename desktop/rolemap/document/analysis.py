"""MapAnalysis: the purpose check and the trace of the open map, kept current for every view.

The document owns one. After a change of the map it runs the purpose check
once (however many signals the change sent) and traces the followed node
again; the scene's badges and dimming, the Purpose panel and the properties
panel all read the same results instead of computing their own.

Signals:
    purpose_changed(object): the new PurposeReport.
    trace_changed(object): the Trace of the followed node, or None.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from rolemap.domain.paths import Trace, trace
from rolemap.domain.purpose import Finding, PurposeReport, check_purpose

if TYPE_CHECKING:
    from rolemap.document.document import RoleDocument


class MapAnalysis(QObject):
    """The purpose check and the followed node's lines of sight, for the open role."""

    purpose_changed = Signal(object)
    trace_changed = Signal(object)

    def __init__(self, document: RoleDocument) -> None:
        super().__init__(document)
        self._document = document
        self.purpose = PurposeReport()
        self.trace: Trace | None = None
        self._findings: dict[str, Finding] = {}
        self._pending = False
        for signal in (
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_removed,
        ):
            signal.connect(self._on_document_map_changed)
        document.role_switched.connect(self._on_document_role_switched)
        self.refresh()

    def finding_of(self, node_id: str) -> Finding | None:
        """The purpose check's finding about a node, if any."""
        return self._findings.get(node_id)

    def follow(self, node_id: str | None) -> None:
        """Trace the lines of sight through `node_id` (None: trace nothing)."""
        document = self._document
        if node_id is None or not document.has_role or node_id not in document.role_map.nodes:
            self._set_trace(None)
        else:
            self._set_trace(trace(document.role_map, node_id))

    @Slot()
    def refresh(self) -> None:
        """Run the purpose check and the trace again now."""
        self._pending = False
        document = self._document
        self.purpose = check_purpose(document.role_map) if document.has_role else PurposeReport()
        self._findings = self.purpose.findings()
        self.follow(self.trace.node_id if self.trace is not None else None)
        self.purpose_changed.emit(self.purpose)

    @Slot(str)
    def _on_document_map_changed(self, _changed_id: str) -> None:
        # A delete sends link_removed for each link, then node_removed: one
        # check after them all is enough.
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.refresh)

    @Slot(str)
    def _on_document_role_switched(self, _role_id: str) -> None:
        # At once: the views rebuilding for the new role read the results next.
        self._set_trace(None)
        self.refresh()

    def _set_trace(self, found: Trace | None) -> None:
        if found != self.trace:
            self.trace = found
            self.trace_changed.emit(found)
