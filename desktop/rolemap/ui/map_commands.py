"""MapCommands: the Map and View menus' own commands — add, delete, select, rename, link, zoom.

The handlers behind "map_commands.…" in the actions table. Clipboard, find,
layout and the minimap are the map tools' (`ui/map_tools.py`), built after
the first paint; these are wanted from the first key press. The map's own
context menu reaches Link to… and Delete through here too (`view.link_from`,
`view.delete_selection`), so both ask what they ask from the menu bar.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from rolemap.canvas.view import MapView
from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind

REVEAL_MARGIN = 24  # px kept around a new node scrolled into view


class MapCommands:
    """Commands on the map in `view`; `parent` owns the dialogs they open."""

    def __init__(self, view: MapView, parent: QWidget) -> None:
        self.view = view
        self.scene = view.map_scene
        self.document: RoleDocument = view.map_scene.document
        self._parent = parent
        view.link_from = self.link_from
        view.delete_selection = self.delete_selection

    def add(self, kind: NodeKind) -> str | None:
        """Add a node of `kind`, select it and edit its title; the view moves only to show it."""
        if not self.document.has_role:
            return None
        node_id = self.document.add_node(kind)
        if node_id is not None:
            self.scene.select_only([node_id])
            item = self.scene.nodes.get(node_id)
            if item is not None:  # scrolls only when the node is out of sight
                rect = item.sceneBoundingRect()
                self.view.ensureVisible(rect, REVEAL_MARGIN, REVEAL_MARGIN)
            self.scene.edit_title(node_id)
        return node_id

    def add_input(self) -> None:
        """Add an input."""
        self.add(NodeKind.INPUT)

    def add_activity(self) -> None:
        """Add an activity."""
        self.add(NodeKind.ACTIVITY)

    def add_output(self) -> None:
        """Add an output."""
        self.add(NodeKind.OUTPUT)

    def add_outcome(self) -> None:
        """Add an outcome."""
        self.add(NodeKind.OUTCOME)

    def delete_selection(self) -> None:
        """Delete the selected nodes and links as one step (asking first about tracked records)."""
        from rolemap.ui.delete_confirm import confirm_delete  # its enums: not at first paint

        nodes, links = self.scene.selected_ids()
        if not confirm_delete(self._parent, self.document, nodes):
            return
        self.document.remove(nodes, links)

    def link_to(self) -> None:
        """Link to…: link the one selected node, choosing from a list (the keyboard's drag)."""
        if not self.document.has_role:
            return
        nodes, _ = self.scene.selected_ids()
        if len(nodes) != 1:
            self.document.refuse("Select one node to link it (Tab or the arrow keys choose one).")
            return
        self.link_from(nodes[0])

    def link_from(self, node_id: str) -> str | None:
        """Open the Link to… list for `node_id`; the id of the link made, if one was."""
        from rolemap.ui.link_dialog import LinkDialog

        dialog = LinkDialog(self.document, node_id, self._parent)
        dialog.exec()
        made = dialog.made
        dialog.deleteLater()
        if node_id in self.scene.nodes:
            self.view.go_to_node(node_id)  # the keyboard stays where it was
        return made

    def select_all(self) -> None:
        """Select every node (one selection change, however many nodes)."""
        self.scene.select_all()

    def rename_selected(self) -> None:
        """Edit the selected node's title in place."""
        nodes, _ = self.scene.selected_ids()
        if len(nodes) == 1:
            self.scene.edit_title(nodes[0])

    def zoom_in(self) -> None:
        """Zoom in."""
        self.view.zoom_in()

    def zoom_out(self) -> None:
        """Zoom out."""
        self.view.zoom_out()

    def fit_all(self) -> None:
        """Fit the map to the window."""
        self.view.fit_all()

    def reset_zoom(self) -> None:
        """100 %."""
        self.view.reset_zoom()
