"""PurposePanel: the purpose check's findings, grouped, and the trace of the selected node.

Both come from the document's analysis (`purpose_changed`, `trace_changed`),
which the map's badges and dimming follow too; clicking a finding selects and
centres its node. Outcomes whose direction contradicts their baseline and
target are listed with the findings, as a note. Below the findings, the lines
of sight through the one selected node, read as sentences ("Weekly 1:1s →
Growth plans → Team retention ≥ 90 %"). A long title is cut short in the
header, whole on hover.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from rolemap.canvas.node_item import BADGES
from rolemap.canvas.outcome_progress import direction_warning
from rolemap.canvas.view import MapView
from rolemap.domain.kinds import NodeKind
from rolemap.domain.paths import Trace, sentence
from rolemap.domain.purpose import Finding, PurposeReport

NO_TRACE = "Select one node to trace its lines of sight."
NO_LINES = "No lines of sight through ‘{}’: link it to what feeds it and what it leads to."
WARNING_HEADING = "Direction against target"
WARNING_GLYPH = "⚠"


class PurposePanel(QWidget):
    """Findings list and trace sentences for the map in `view`."""

    def __init__(self, view: MapView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purpose-panel")
        self._view = view
        self._document = view.map_scene.document
        self._trace_words: tuple[str, str] = (NO_TRACE, "")  # the header, before and its title
        self.findings = QListWidget()
        self.findings.setObjectName("purpose-findings")
        self.findings.setAccessibleName("Purpose check findings")
        self.trace_title = QLabel(NO_TRACE)
        self.trace_title.setObjectName("trace-title")
        self.trace_title.setWordWrap(True)
        self.paths = QListWidget()
        self.paths.setObjectName("trace-paths")
        self.paths.setAccessibleName("Lines of sight through the selected node")
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
        """List the findings of `report`, grouped, each with its node's title; then the notes."""
        document = self._document
        self.findings.clear()
        if not document.has_role:
            return
        nodes = document.role_map.nodes
        for finding in Finding:
            ids = [i for i in report.ids(finding) if i in nodes]
            if ids:
                self._add_group(
                    finding.heading,
                    [
                        (i, f"{BADGES[finding][0]}  {nodes[i].title}", finding.explanation)
                        for i in ids
                    ],
                    finding.explanation,
                )
        if self.findings.count() == 0:
            done = QListWidgetItem("Every activity and output leads to an outcome.")
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.findings.addItem(done)
        warned = []
        for node in document.role_map.nodes_of(NodeKind.OUTCOME):
            warning = direction_warning(node)
            if warning is not None:
                warned.append((node.id, f"{WARNING_GLYPH}  {node.title}", warning))
        if warned:
            self._add_group(
                WARNING_HEADING,
                warned,
                "The direction says which way is better; the target lies the other way.",
            )

    def _add_group(self, heading: str, rows: list[tuple[str, str, str]], explanation: str) -> None:
        header = QListWidgetItem(f"{heading} · {len(rows)}")
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: shown, not chosen
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        header.setToolTip(explanation)
        self.findings.addItem(header)
        for node_id, text, tip in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, node_id)
            item.setToolTip(tip)
            item.setStatusTip(tip)
            self.findings.addItem(item)

    def finding_texts(self) -> list[str]:
        """Each row of the findings list: its text, then what its hover says."""
        rows = []
        for index in range(self.findings.count()):
            item = self.findings.item(index)
            rows.append(f"{item.text()}\n{item.toolTip()}".strip())
        return rows

    @Slot(object)
    def show_trace(self, found: Trace | None) -> None:
        """Show the path sentences of `found` (None: nothing selected).

        A node with no links has no line of sight: the single-node "path" the
        trace gives for it is not listed.
        """
        self.paths.clear()
        document = self._document
        if found is None or not document.has_role:
            self._set_trace_title(NO_TRACE, "")
            return
        role_map = document.role_map
        title = role_map.nodes[found.node_id].title if found.node_id in role_map.nodes else ""
        paths = [path for path in found.paths if len(path) > 1]
        if not paths:
            self._set_trace_title(NO_LINES, title)
            return
        count = f"{len(paths)}{'+' if found.truncated else ''}"
        lines = "line" if len(paths) == 1 and not found.truncated else "lines"
        self._set_trace_title(f"{count} {lines} of sight through ‘{{}}’", title)
        for path in paths:
            self.paths.addItem(sentence(role_map, path))

    def _set_trace_title(self, template: str, title: str) -> None:
        self._trace_words = (template, title)
        self._show_trace_title()

    def _show_trace_title(self) -> None:
        # Two lines at most, whatever the title: the title is cut to one line's width
        # (the words around it take the other); the whole of it is on hover.
        template, title = self._trace_words
        if not title:
            self.trace_title.setText(template)
            self.trace_title.setToolTip("")
            return
        metrics = QFontMetrics(self.trace_title.font())
        room = max(80, self.trace_title.width() - 2 * metrics.averageCharWidth())
        short = metrics.elidedText(title, Qt.TextElideMode.ElideRight, room)
        self.trace_title.setText(template.format(short))
        self.trace_title.setToolTip(title if short != title else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_trace_title()

    @Slot(QListWidgetItem)
    def _on_findings_item_activated(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        if node_id:
            self._view.map_scene.select_only([node_id])
            self._view.centre_on_node(node_id)
