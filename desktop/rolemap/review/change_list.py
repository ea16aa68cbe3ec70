"""ChangeList: the map's changes between two moments, one row each, in a table.

Used by question 4 (the changes since the last review) and by the history's
comparison of any two reviews. Each row says the change in a word and a sign
(+ added, − removed, ~ changed), so that its colour is never the only cue;
the details are worded by `domain/map_changes.py`, as every export words them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rolemap.domain.map_changes import MapChanges, field_change_text, role_change_text
from rolemap.review.evidence_table import Cell, EvidenceTable, TableBlock

ADDED = Cell("+ Added", "#2e7d4f")
REMOVED = Cell("− Removed", "#b3261e")
CHANGED = Cell("~ Changed", "#8a5a00")
MOVED = Cell("· Moved")


def change_rows(changes: MapChanges) -> list[list[Cell | str]]:
    """The table's rows: (change, what, detail), nodes first, then links, then the role."""
    rows: list[list[Cell | str]] = []
    rows += [[ADDED, f"{r.kind} ‘{r.title}’", ""] for r in changes.added_nodes]
    rows += [[REMOVED, f"{r.kind} ‘{r.title}’", ""] for r in changes.removed_nodes]
    for edit in changes.changed_nodes:
        detail = "; ".join(field_change_text(c) for c in edit.changes)
        rows.append([CHANGED, f"{edit.node.kind} ‘{edit.node.title}’", detail])
    rows += [[ADDED, f"link {r.title}", ""] for r in changes.added_links]
    rows += [[REMOVED, f"link {r.title}", ""] for r in changes.removed_links]
    for link in changes.changed_links:
        detail = "; ".join(field_change_text(c) for c in link.changes)
        rows.append([CHANGED, f"link {link.link.title}", detail])
    rows += [
        [CHANGED, f"role: {c.label.lower()}", role_change_text(c)] for c in changes.role_fields
    ]
    if changes.canvas_moves:
        moved = changes.canvas_moves
        rows.append([MOVED, f"{moved} {'node' if moved == 1 else 'nodes'}", "on the canvas only"])
    return rows


def change_summary(changes: MapChanges) -> str:
    """ "Nodes: 3 added, 1 changed; links: 2 removed; 1 role field changed" ("" for none)."""
    parts = []
    for noun, added, removed, changed in (
        ("nodes", changes.added_nodes, changes.removed_nodes, changes.changed_nodes),
        ("links", changes.added_links, changes.removed_links, changes.changed_links),
    ):
        counts = [
            f"{len(items)} {verb}"
            for verb, items in (("added", added), ("removed", removed), ("changed", changed))
            if items
        ]
        if counts:
            parts.append(f"{noun}: " + ", ".join(counts))
    if changes.role_fields:
        fields = len(changes.role_fields)
        parts.append(f"{fields} role field{'s' if fields != 1 else ''} changed")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


class ChangeList(TableBlock):
    """The changes as a table, or a sentence when there are none."""

    def __init__(self, name: str, caption: str = "", parent: QWidget | None = None) -> None:
        table = EvidenceTable(
            name, "The map's changes", ("Change", "What", "Details"), stretch=1, parent=None
        )
        super().__init__(caption, table, "The map did not change.", parent)

    def show_changes(self, changes: MapChanges | None, note: str = "") -> None:
        """Show `changes`; without them, `note` says why (no earlier map, a damaged one)."""
        if changes is None:
            self.set_rows([], note or "There is no earlier map to compare with.")
            return
        self.set_rows(change_rows(changes), note or "The map did not change.")
