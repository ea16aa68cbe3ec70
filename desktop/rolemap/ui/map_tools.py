"""MapTools: the map's editing and navigation commands behind the actions table.

Auto-layout, clipboard (copy, cut, paste, duplicate), find, zoom to
selection, grid snapping, the minimap and the Purpose dock. Every edit goes
through the document as one undo step; bad clipboard data is refused with a
status-bar message through `document.refuse`. Pasted and duplicated nodes
land in free space in their lanes (where the pointer is, when it is over
the map), selected, and the view scrolls only if they are out of sight.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget

from rolemap.canvas.clipboard import parse, put_on_clipboard
from rolemap.canvas.find_bar import FindBar
from rolemap.canvas.minimap import Minimap
from rolemap.canvas.placement import place_copies
from rolemap.canvas.view import MapView
from rolemap.domain import geometry
from rolemap.domain.entities import Link, Node
from rolemap.domain.layout import auto_layout
from rolemap.interchange.errors import FormatError

GRID = 16.0
REVEAL_MARGIN = 24  # px kept around pasted nodes scrolled into view
MINIMAP_NODES = 150  # the minimap shows itself for maps larger than this


class MapTools:
    """Handlers for the map actions; the window holds one."""

    def __init__(self, view: MapView, purpose_dock: QDockWidget | None = None) -> None:
        self.view = view
        self.scene = view.map_scene
        self.document = view.map_scene.document
        self.purpose_dock = purpose_dock
        self.find_bar = FindBar(view)
        self.minimap = Minimap(view)
        self._minimap_chosen: bool | None = None  # None: automatic (large maps)
        self.document.role_switched.connect(lambda _: self._auto_minimap())
        self._auto_minimap()

    # -- layout -----------------------------------------------------------------

    def auto_layout(self) -> None:
        """Lay the map out in lanes, with fewer crossings (one undo step)."""
        if self.document.has_role and self.document.role_map.nodes:
            self.document.move_nodes(auto_layout(self.document.role_map), label="Auto-layout")

    # -- clipboard ----------------------------------------------------------------

    def copy(self) -> bool:
        """Put the selected nodes (and the links between them) on the clipboard."""
        nodes, _ = self.scene.selected_ids()
        if not nodes:
            return False
        put_on_clipboard(self.document.role_map, nodes)
        return True

    def cut(self) -> None:
        """Copy the selection, then delete it (one undo step for the delete)."""
        if self.copy():
            nodes, links = self.scene.selected_ids()
            self.document.remove(nodes, links)

    def paste(self) -> list[str]:
        """Add the clipboard's nodes with fresh ids, in free space, as one undo step."""
        if not self.document.has_role:
            return []
        try:
            nodes, links = parse(QGuiApplication.clipboard().mimeData())
        except FormatError as error:
            self.document.refuse(f"Nothing pasted: {error}")
            return []
        return self._add(nodes, links, "Paste")

    def duplicate(self) -> list[str]:
        """Copy the selected nodes into free space beside them (one undo step)."""
        ids, _ = self.scene.selected_ids()
        if not ids:
            return []
        role_map = self.document.role_map
        chosen = set(ids)
        nodes = [role_map.nodes[i] for i in ids]
        links = [k for k in role_map.links.values() if k.source in chosen and k.target in chosen]
        return self._add(nodes, links, "Duplicate")

    def _add(self, nodes: list[Node], links: list[Link], label: str) -> list[str]:
        pointer = self.view.pointer_scene_pos()
        top = None if pointer is None else pointer.y() - geometry.NODE_HEIGHT / 2
        placed = place_copies(self.document.role_map, nodes, top)
        fresh = self.document.add_many(placed, links, label)
        new_ids = list(fresh.values())
        self.scene.select_only(new_ids)
        shown = [self.scene.nodes[i] for i in new_ids if i in self.scene.nodes]
        if shown:  # scrolls only when they are out of sight
            rect = shown[0].sceneBoundingRect()
            for item in shown[1:]:
                rect = rect.united(item.sceneBoundingRect())
            self.view.ensureVisible(rect, REVEAL_MARGIN, REVEAL_MARGIN)
        return new_ids

    # -- navigation -----------------------------------------------------------------

    def find(self) -> None:
        """Open the find bar."""
        self.find_bar.open()

    def zoom_to_selection(self) -> None:
        """Zoom so the selection fills the view."""
        self.view.zoom_to_selection()

    def toggle_grid(self) -> None:
        """Snap moved nodes to a 16-unit grid, or stop snapping."""
        self.scene.grid = 0 if self.scene.grid else GRID

    def toggle_minimap(self) -> None:
        """Show or hide the minimap."""
        self._minimap_chosen = not self.minimap.isVisible()
        self.minimap.setVisible(self._minimap_chosen)
        self.minimap.place()

    def _auto_minimap(self) -> None:
        if self._minimap_chosen is None:
            large = self.document.has_role and len(self.document.role_map.nodes) > MINIMAP_NODES
            self.minimap.setVisible(bool(large))
            self.minimap.place()

    def show_purpose(self) -> None:
        """Show the Purpose dock."""
        if self.purpose_dock is not None:
            self.purpose_dock.show()
            self.purpose_dock.raise_()
