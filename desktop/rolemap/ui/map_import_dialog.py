"""File → Import… of a map from another tool: JSON Canvas, a Markdown outline, GraphML.

The file is read whole first (`services.map_files.read_map`): a broken file is
refused with its reason and nothing changes. Otherwise the preview shows the
role the file makes, lane by lane (nodes, and the links that leave each lane),
and every problem the reader met with its reason (a link against the lane
rule, a field value refused, a title cut). "Import the rest" adds the role;
"Cancel" adds nothing. The new role opens (`RoleDocument.import_map`).
Importing a role is not an undo step: it is a role of its own, which File →
Delete role takes away.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import LANE_ORDER
from rolemap.interchange.errors import FormatError
from rolemap.interchange.import_draft import ImportPreview
from rolemap.services.map_files import read_map, readable_format
from rolemap.store.errors import StoreError

STATUS_TIMEOUT_MS = 8000


def lane_counts(preview: ImportPreview) -> list[tuple[str, int, int]]:
    """(lane title, nodes, links leaving the lane) for each lane the map uses."""
    role_map = preview.role_map
    rows = []
    for kind in LANE_ORDER:
        nodes = {node.id for node in role_map.nodes_of(kind)}
        links = sum(1 for link in role_map.links.values() if link.source in nodes)
        if nodes:
            rows.append((kind.lane_title, len(nodes), links))
    return rows


class MapImportDialog(QDialog):
    """The preview of a map file: its lanes and its problems; import the rest, or nothing."""

    def __init__(self, preview: ImportPreview, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map-import-dialog")
        self.setWindowTitle("Import map")
        self.preview = preview
        role_map = preview.role_map
        fmt = readable_format(path)
        nodes, links = len(role_map.nodes), len(role_map.links)
        problems = preview.problems
        summary = QLabel(
            f"<b>{_escape(path.name)}</b> ({_escape(fmt.label)}) makes a new role, "
            f"<b>‘{_escape(role_map.role.name)}’</b>: {nodes} "
            f"{'node' if nodes == 1 else 'nodes'} and {links} {'link' if links == 1 else 'links'}."
        )
        summary.setObjectName("map-import-summary")
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.RichText)

        self.lanes = QTableWidget(0, 3)
        self.lanes.setObjectName("map-import-lanes")
        self.lanes.setAccessibleName("Nodes and links per lane")
        self.lanes.setHorizontalHeaderLabels(["Lane", "Nodes", "Links from it"])
        self.lanes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lanes.verticalHeader().setVisible(False)
        header = self.lanes.horizontalHeader()
        header.setAccessibleName("Columns of the lanes")
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = lane_counts(preview)
        self.lanes.setRowCount(len(rows))
        for row, (lane, count, out) in enumerate(rows):
            for column, value in enumerate((lane, f"{count:,}", f"{out:,}")):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.lanes.setItem(row, column, item)
        self.lanes.setMaximumHeight(
            self.lanes.horizontalHeader().height() + 6 + 30 * max(1, len(rows))
        )

        self.problems_label = QLabel(
            f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'}: "
            "what is listed here is left out or changed, the rest is imported as read."
            if problems
            else "No problems: everything in the file is imported as read."
        )
        self.problems_label.setObjectName("map-import-problems-label")
        self.problems_label.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("map-import-problems")
        self.problems.setAccessibleName("Problems found in the file")
        self.problems.setWordWrap(True)
        self.problems.addItems(list(problems))
        self.problems.setVisible(bool(problems))
        self.problems_label.setBuddy(self.problems)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton("Import the &rest" if problems else "&Import")
        self.import_button.setObjectName("map-import-accept")
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("map-import-cancel")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.lanes)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.resize(620, 460 if problems else 300)
        self.import_button.setFocus()


def import_map_file(
    parent: QWidget, document: RoleDocument, path: Path, show: bool = True
) -> str | None:
    """Read `path`, show its preview, and import it if the person says so.

    Returns the new role's id, or None (a broken file, a refusal, Cancel).
    `show` False accepts the preview unseen (for scripts and tests).
    """
    try:
        preview = read_map(path)
    except (FormatError, OSError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        QMessageBox.warning(parent, "Import failed", f"{path.name}: {reason}\nNothing was changed.")
        return None
    if show:
        dialog = MapImportDialog(preview, path, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return None
    try:
        role_id = document.import_map(preview)
    except (FormatError, StoreError) as error:
        QMessageBox.warning(parent, "Import failed", f"{path.name}: {error}\nNothing was changed.")
        return None
    return role_id


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
