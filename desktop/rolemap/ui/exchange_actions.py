"""The role going out and time coming in: the window's exchange actions.

File → Import time… (`time_import_dialog.py`), File → Export as… (the map
in Mermaid, Graphviz DOT, JSON Canvas, GraphML or a Markdown outline, through
`services.map_files`), File → Export operating manual… (`manual_export.py`)
and Edit → Copy as Mermaid (the selection, or the whole map). Each dialog's
module is imported on first use. A written file is announced in the status
bar with an Open folder button; a refusal says why, and nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from rolemap.canvas.scene import MapScene
from rolemap.document.document import RoleDocument
from rolemap.system.atomic_write import WriteError, write_bytes

if TYPE_CHECKING:  # the formats' modules load on first use (25 ms the window's start need not pay)
    from rolemap.services.map_files import MapFormat


def slug(name: str) -> str:
    """A file name's stem made of a role's name: "engineering-manager"."""
    return "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-") or "role"


def format_filters() -> list[str]:
    """The file dialog's choice of map formats, one filter each ("Mermaid flowchart (*.mmd)")."""
    from rolemap.services.map_files import FORMATS

    return [f"{f.label} (*{f.suffix})" for f in FORMATS]


def format_of_filter(chosen: str, path: Path) -> MapFormat:
    """The format a save dialog's filter names; failing that, the one the file's suffix names."""
    from rolemap.services.map_files import FORMATS

    for fmt, text in zip(FORMATS, format_filters(), strict=True):
        if text == chosen:
            return fmt
    for fmt in FORMATS:
        if path.suffix.lower() == fmt.suffix:
            return fmt
    return FORMATS[0]


class ExchangeActions:
    """Handlers behind "exchange.…" in the actions table; the window holds one."""

    def __init__(
        self,
        parent: QWidget,
        document: RoleDocument,
        scene: MapScene,
        saved: Callable[[Path, str], None],
        say: Callable[[str], None],
    ) -> None:
        self._parent = parent
        self._document = document
        self._scene = scene
        self._saved = saved  # "Saved … to PATH [Open folder]"
        self._say = say  # a status-bar message

    # -- time in ------------------------------------------------------------------------

    def import_time(self) -> None:
        """File → Import time…: the dialog; the status bar tells what was imported."""
        if not self._document.roles():
            self._document.refuse("Make a role first: time goes to a role's activities.")
            return
        from rolemap.ui.time_import_dialog import TimeImportDialog

        dialog = TimeImportDialog(self._document, self._parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._say(dialog.summary())
        dialog.deleteLater()

    # -- the map out --------------------------------------------------------------------

    def export_as(self) -> None:
        """File → Export as…: the current role in the format chosen in the save dialog."""
        if not self._document.has_role:
            return
        from rolemap.services.map_files import FORMATS

        role = self._document.role_map.role
        filters = format_filters()
        start = str(Path.home() / f"{slug(role.name)}{FORMATS[0].suffix}")
        name, chosen = QFileDialog.getSaveFileName(
            self._parent, "Export map as", start, ";;".join(filters), filters[0]
        )
        if name:
            self.export_to(Path(name), format_of_filter(chosen, Path(name)))

    def export_to(self, path: Path, fmt: MapFormat) -> bool:
        """Write the current role to `path` in `fmt` (atomically); False if refused."""
        if not path.suffix:
            path = path.with_suffix(fmt.suffix)
        text = fmt.write(self._document.role_map)
        try:
            write_bytes(path.expanduser(), text.encode("utf-8"))
        except WriteError as error:
            QMessageBox.warning(self._parent, "Export failed", f"{error}\nNothing was written.")
            return False
        self._saved(path.expanduser(), f"the map as {fmt.label}")
        return True

    def copy_mermaid(self) -> str:
        """Edit → Copy as Mermaid: the selected nodes (or the whole map) as a Mermaid flowchart."""
        if not self._document.has_role:
            return ""
        from rolemap.interchange.mermaid import dumps_selection

        role_map = self._document.role_map
        selected, _links = self._scene.selected_ids()
        chosen = selected or list(role_map.nodes)
        text = dumps_selection(role_map, chosen)
        QGuiApplication.clipboard().setText(text)
        if selected:
            count = len(selected)
            self._say(f"Copied {count} {'node' if count == 1 else 'nodes'} as Mermaid.")
        else:
            self._say("Copied the whole map as Mermaid (nothing was selected).")
        return text

    # -- the manual ---------------------------------------------------------------------

    def export_manual(self) -> None:
        """File → Export operating manual…: the dialog; the status bar says where it went."""
        if not self._document.has_role:
            return
        from rolemap.ui.manual_export import ManualExportDialog

        dialog = ManualExportDialog(self._document, self._parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.written is not None:
            self._saved(dialog.written, "the operating manual")
        dialog.deleteLater()
