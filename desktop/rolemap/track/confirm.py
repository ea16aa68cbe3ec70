"""Asking before a delete that would take tracked time with it (undo brings both back)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind


def confirm_delete_tracked(
    parent: QWidget, document: RoleDocument, node_ids: Sequence[str]
) -> bool:
    """True if nothing tracked would go, or the person agrees to delete it."""
    if not document.has_role:
        return True
    nodes = document.role_map.nodes
    activities = [i for i in node_ids if i in nodes and nodes[i].kind is NodeKind.ACTIVITY]
    if not activities:
        return True
    count = document.records_repo.count_time_entries(activities)
    if count == 0:
        return True
    what = (
        f"‘{nodes[activities[0]].title}’"
        if len(activities) == 1
        else f"{len(activities)} activities"
    )
    answer = QMessageBox.question(
        parent,
        "Delete tracked time?",
        f"{what} {'has' if len(activities) == 1 else 'have'} {count} time "
        f"entr{'y' if count == 1 else 'ies'} logged. Delete them too? (Undo brings them back.)",
    )
    return answer == QMessageBox.StandardButton.Yes
