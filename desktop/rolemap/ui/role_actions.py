"""File → New, Rename, Delete role, and the roles' JSON import and export, for the window.

New role… opens `ui/new_role_dialog.py` (blank, a template, or a file).

Each action asks the person what it needs, then asks the document; the
document imports, saves and tells the views. A name that is not one clean
line, or is another role's, is asked for again with the reason.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMessageBox

from rolemap.document.document import RoleDocument
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.role_names import check_role_name
from rolemap.interchange.errors import FormatError
from rolemap.services.transfer import export_json
from rolemap.store.errors import StoreError
from rolemap.system.atomic_write import WriteError, write_bytes

STATUS_TIMEOUT_MS = 8000


class RoleActions:
    """The role-level actions of the window's File menu."""

    def __init__(self, window: QMainWindow, document: RoleDocument) -> None:
        self._window = window
        self._document = document

    def new_role(self, template: str | None = None) -> str | None:
        """Start a role blank, from a template or from a file; the new role's id, if made."""
        from rolemap.ui.new_role_dialog import ask_new_role  # the dialog is built when used

        return ask_new_role(self._window, self._document, template)

    def rename_role(self) -> None:
        """Ask for a new name for the current role."""
        if not self._document.has_role:
            return
        role = self._document.role_map.role
        name = self._ask_name("Rename role", role.name, except_id=role.id)
        if name is not None and name != role.name:
            self._document.rename_role(name)

    def _ask_name(self, title: str, current: str, except_id: str | None) -> str | None:
        """A name no other role has (case aside), or None if the person cancels."""
        taken = [r.name for r in self._document.roles() if r.id != except_id]
        prompt, text = "Name of the role:", current
        while True:
            name, ok = QInputDialog.getText(self._window, title, prompt, text=text)
            if not ok:
                return None
            try:
                return check_role_name(name, taken)
            except InvalidValueError as error:
                prompt, text = f"{error}\nName of the role:", name

    def delete_role(self) -> None:
        """Delete the current role after asking."""
        if not self._document.has_role:
            return
        role_map = self._document.role_map
        answer = QMessageBox.question(
            self._window,
            "Delete role",
            f"Delete the role ‘{role_map.role.name}’ with its {len(role_map.nodes)} nodes and "
            "everything tracked on them? This cannot be undone.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._document.delete_role(role_map.role.id)

    def import_roles(self) -> None:
        """Import a Rolemap JSON file, or a map from JSON Canvas, Markdown or GraphML."""
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            "Import",
            "",
            "Rolemap JSON and maps (*.json *.canvas *.md *.markdown *.graphml);;"
            "Rolemap JSON (*.json);;JSON Canvas (*.canvas);;Markdown outline (*.md *.markdown);;"
            "GraphML (*.graphml)",
        )
        if not name:
            return
        if Path(name).suffix.lower() != ".json":  # a map: previewed first (ui/map_import_dialog.py)
            self.import_map(Path(name))
            return
        try:
            result = self._document.import_file(Path(name))
        except (FormatError, StoreError, OSError) as error:
            QMessageBox.warning(
                self._window, "Import failed", f"{name}: {error}\nNothing was changed."
            )
            return
        parts = [f"added {', '.join(result.added)}" if result.added else ""]
        if result.skipped:
            parts.append(f"skipped (already here): {', '.join(result.skipped)}")
        if result.rekeyed:
            parts.append(f"{result.rekeyed} ids already in use were given new ones")
        self._window.statusBar().showMessage(
            "Import: " + "; ".join(p for p in parts if p), STATUS_TIMEOUT_MS
        )

    def import_map(self, path: Path) -> str | None:
        """Preview a map file (.canvas, .md, .graphml) and import it as a new role if asked."""
        from rolemap.ui.map_import_dialog import import_map_file

        role_id = import_map_file(self._window, self._document, path)
        if role_id is not None:
            role_map = self._document.role_map
            self._window.statusBar().showMessage(
                f"Imported ‘{role_map.role.name}’ from {path.name}: {len(role_map.nodes)} nodes, "
                f"{len(role_map.links)} links.",
                STATUS_TIMEOUT_MS,
            )
        return role_id

    def export_roles(self) -> None:
        """Export every role as Rolemap JSON."""
        name, _ = QFileDialog.getSaveFileName(
            self._window, "Export roles", "rolemap.json", "Rolemap JSON (*.json)"
        )
        if not name:
            return
        try:
            write_bytes(Path(name), export_json(self._document.store).encode("utf-8"))
        except WriteError as error:
            QMessageBox.warning(self._window, "Export failed", str(error))
            return
        self._window.statusBar().showMessage(f"Exported to {name}", STATUS_TIMEOUT_MS)
