"""PurposePanel: the purpose check's findings, grouped, and the trace of the selected node.

Both come from the document's analysis (`purpose_changed`, `trace_changed`),
which the map's badges and dimming follow too; clicking a finding selects and
centres its node. Below the findings, the lines of sight through the one
selected node, read as sentences ("Weekly 1:1s → Growth plans → Team
retention ≥ 90 %").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rolemap.canvas.node_item import BADGES
from rolemap.canvas.view import MapView
from rolemap.domain.paths import Trace, sentence
from rolemap.domain.purpose import Finding, PurposeReport

NO_TRACE = "Select one node to trace its lines of sight."


class PurposePanel(QWidget):
    """Findings list and trace sentences for the map in `view`."""

    def __init__(self, view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purpose-panel")
        self._view = view
        self._document = view.map_scene.document
        self.findings = QListWidget()
        self.findings.setObjectName("purpose-findings")
        self.trace_title = QLabel(NO_TRACE)
        self.trace_title.setWordWrap(True)
        self.paths = QListWidget()
        self.paths.setObjectName("trace-paths")
        self.paths.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>Purpose check</b>"))
        layout.addWidget(self.findings, 3)
        layout.addWidget(QLabel("<b>Trace</b>"))
        layout.addWidget(self.trace_title)
        layout.addWidget(self.paths, 2)
        self.findings.itemActivated.connect(self._on_findings_item_activated)
        self.findings.itemClicked.connect(self._on_findings_item_activated)
        analysis = self._document.analysis
        analysis.purpose_changed.connect(self.show_report)
        analysis.trace_changed.connect(self.show_trace)
        self.show_report(analysis.purpose)
        self.show_trace(analysis.trace)

    @Slot(object)
    def show_report(self, report: PurposeReport) -> None:
        """List the findings of `report`, grouped, each with its node's title."""
        document = self._document
        self.findings.clear()
        if not document.has_role:
            return
        nodes = document.role_map.nodes
        for finding in Finding:
            ids = [i for i in report.ids(finding) if i in nodes]
            if not ids:
                continue
            header = QListWidgetItem(f"{finding.heading} · {len(ids)}")
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: shown, not chosen
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setToolTip(finding.explanation)
            self.findings.addItem(header)
            for node_id in ids:
                item = QListWidgetItem(f"{BADGES[finding][0]}  {nodes[node_id].title}")
                item.setData(Qt.ItemDataRole.UserRole, node_id)
                item.setToolTip(finding.explanation)
                self.findings.addItem(item)
        if self.findings.count() == 0:
            done = QListWidgetItem("Every activity and output leads to an outcome.")
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.findings.addItem(done)

    @Slot(object)
    def show_trace(self, found: Trace | None) -> None:
        """Show the path sentences of `found` (None: nothing selected)."""
        self.paths.clear()
        document = self._document
        if found is None or not document.has_role:
            self.trace_title.setText(NO_TRACE)
            return
        role_map = document.role_map
        title = role_map.nodes[found.node_id].title if found.node_id in role_map.nodes else ""
        count = f"{len(found.paths)}{'+' if found.truncated else ''}"
        self.trace_title.setText(f"{count} lines of sight through ‘{title}’")
        for path in found.paths:
            self.paths.addItem(sentence(role_map, path))

    @Slot(QListWidgetItem)
    def _on_findings_item_activated(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self._view.map_scene.select_only([node_id])
            self._view.centre_on_node(node_id)
