"""Asking before a delete that takes tracked records with it: buttons named by what they do.

A node's time entries, deliveries or check-ins go with it (undo brings them
all back). The question names them, and its buttons say what each one does
("Delete activity and its 3 time entries", "Cancel"): a Yes/No to "Delete
them too?" read as "No: keep the records, delete the node", and cancelled
the whole delete instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from rolemap.document.document import RoleDocument


def plural(count: int, one: str, many: str) -> str:
    """ "1 time entry", "3 time entries"."""
    return f"{count} {one if count == 1 else many}"


def records_phrase(entries: int, deliveries: int, checkins: int) -> str:
    """ "3 time entries", "2 deliveries and 1 check-in", … ("" when none)."""
    parts = [
        plural(n, one, many)
        for n, one, many in (
            (entries, "time entry", "time entries"),
            (deliveries, "delivery", "deliveries"),
            (checkins, "check-in", "check-ins"),
        )
        if n
    ]
    if len(parts) > 1:
        return f"{', '.join(parts[:-1])} and {parts[-1]}"
    return parts[0] if parts else ""


def delete_button_text(document: RoleDocument, node_ids: Sequence[str]) -> str | None:
    """The delete button's words ("Delete activity and its 3 time entries"); None when the
    nodes carry no tracked records (nothing to ask)."""
    nodes = document.role_map.nodes
    ids = [i for i in node_ids if i in nodes]
    records = records_phrase(*document.tracked_counts(ids)) if ids else ""
    if not records:
        return None
    if len(ids) == 1:
        return f"Delete {nodes[ids[0]].kind.value} and its {records}"
    kinds = {nodes[i].kind for i in ids}
    what = next(iter(kinds)).lane_title.lower() if len(kinds) == 1 else "nodes"
    return f"Delete {len(ids)} {what} and their {records}"


def confirm_delete(parent: QWidget, document: RoleDocument, node_ids: Sequence[str]) -> bool:
    """True if nothing tracked would go, or the person chooses to delete it with the nodes."""
    if not document.has_role:
        return True
    action = delete_button_text(document, node_ids)
    if action is None:
        return True
    nodes = document.role_map.nodes
    ids = [i for i in node_ids if i in nodes]
    what = f"‘{nodes[ids[0]].title}’" if len(ids) == 1 else f"These {len(ids)} nodes"
    records = records_phrase(*document.tracked_counts(ids))
    box = QMessageBox(parent)
    box.setObjectName("confirm-delete")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete tracked records?")
    box.setText(f"{what} {'has' if len(ids) == 1 else 'have'} {records} recorded.")
    box.setInformativeText("Deleting removes them too. Undo brings everything back.")
    delete = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    delete.setObjectName("delete")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is delete
