"""RecordFollower: a Track table follows the document by record id, counting again only if it must.

The document announces each committed step as ids (`records_added`,
`records_updated`, `records_removed`, then `records_changed`) and map edits
as node ids. For each, the follower works out with the table's RecordWindow
what changed in the rows and hands the steps to the model, which alone tells
the views (`RecordTableModel.follow`):

- records added: each placed by its key, no count (16 ms a logged entry at
  a million);
- records removed or updated among the rows held: each moved by id;
- any other (outside the held rows, many at once, or a change with no ids):
  counted again, the held rows re-read and compared (`RecordWindow.resync`);
- a node added or removed: its records come or went by id, so the selection
  takes it in without a count (`RecordWindow.adopt`); a node renamed or
  recategorised may move rows in or out of it: counted again;
- another role: the rows start afresh.

Never a reset for a record's change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from rolemap.store.record_pages import RecordPages
from rolemap.store.record_query import RecordQuery

if TYPE_CHECKING:
    from rolemap.track.record_models import RecordTableModel
    from rolemap.track.record_window import RecordWindow

MANY = 50  # records changed in one step beyond which the rows are counted again, once


class RecordFollower(QObject):
    """Follows the document's signals for one table model (its child)."""

    def __init__(self, model: RecordTableModel) -> None:
        super().__init__(model)
        self.model = model
        self._heard = False  # id signals came for the current step
        document = model.document
        document.records_added.connect(self._on_document_records_added)
        document.records_updated.connect(self._on_document_records_updated)
        document.records_removed.connect(self._on_document_records_removed)
        document.records_changed.connect(self._on_document_records_changed)
        document.role_switched.connect(self._on_document_role_switched)
        document.roles_changed.connect(self._on_document_roles_changed)
        document.node_added.connect(self._on_document_node_added)
        document.node_changed.connect(self._on_document_node_changed)
        document.node_removed.connect(self._on_document_node_removed)

    def _following(self, kind: str | None = None) -> RecordWindow | None:
        """The table's rows, if it follows the document (and shows records of `kind`)."""
        model = self.model
        if not model.active or (kind is not None and kind != model.kind.value):
            return None
        return model.window

    def _resync(self, pages: RecordPages | None = None) -> None:
        window = self.model.window
        assert window is not None
        steps = window.resync(pages)
        if steps is None:
            self.model.restart()
        else:
            self.model.follow(steps)

    def _outsiders(self, nodes: Iterable[str]) -> None:
        """Records of nodes outside the selection changed: decide again how to keep them out."""
        window = self.model.window
        assert window is not None
        if set(nodes) - set(window.pages.query.nodes):
            window.pages.check_reach()

    @Slot(str, list)
    def _on_document_records_added(self, kind: str, ids: list[str]) -> None:
        window = self._following(kind)
        if window is None:
            return
        self._heard = True
        if len(ids) > MANY:
            self._resync()  # one count, not a notification per row
            return
        found = window.pages.rows_by_id(ids)
        self._outsiders(row.node for row, _ in found)
        self.model.follow(window.added([row for row, fits in found if fits]))

    @Slot(str, list)
    def _on_document_records_updated(self, kind: str, ids: list[str]) -> None:
        window = self._following(kind)
        if window is None:
            return
        self._heard = True
        held = {row.id for row in window.rows}
        found = window.pages.rows_by_id(ids)
        self._outsiders(row.node for row, _ in found)
        nodes = set(window.pages.query.nodes)
        # A record outside the held rows that is not, and was not, in the selection
        # (another role's timer stopped) changes nothing here; any other is counted.
        unsure = [row for row, fits in found if row.id not in held and (fits or row.node in nodes)]
        if unsure or len(found) < len(ids) or len(ids) > MANY:
            self._resync()
        else:
            self.model.follow(window.changed(found))

    @Slot(str, list)
    def _on_document_records_removed(self, kind: str, ids: list[str]) -> None:
        window = self._following(kind)
        if window is None:
            return
        self._heard = True
        held = {row.id for row in window.rows}
        if len(ids) <= MANY and held.issuperset(ids):
            self.model.follow(window.removed(ids))
        else:
            self._resync()

    @Slot(str)
    def _on_document_records_changed(self, kind: str) -> None:
        heard, self._heard = self._heard, False
        if self._following(kind) is not None and not heard:  # a change that named no ids
            self._resync()

    @Slot(str)
    def _on_document_role_switched(self, _role_id: str) -> None:
        self.model.restart()

    @Slot()
    def _on_document_roles_changed(self) -> None:
        window = self.model.window
        if window is not None:  # another role's nodes may hold records now
            window.pages.check_reach()

    @Slot(str)
    def _on_document_node_added(self, node_id: str) -> None:
        if self._of_kind(node_id):
            self._adopt()

    @Slot(str)
    def _on_document_node_removed(self, node_id: str) -> None:
        window = self.model.window
        if window is not None and node_id in window.pages.query.nodes:
            self._adopt()

    @Slot(str)
    def _on_document_node_changed(self, node_id: str) -> None:
        if self._of_kind(node_id):
            self._requery()
        self.model.titles_changed()

    def _of_kind(self, node_id: str) -> bool:
        document = self.model.document
        node = document.role_map.nodes.get(node_id) if document.has_role else None
        return node is not None and node.kind is self.model.node_kind

    def _adopt(self) -> None:
        """A node came or went: its records come or went by id (see RecordWindow.adopt)."""
        window = self._following()
        if window is None:
            return
        query = self.model.query()
        if query == window.pages.query:
            return
        if self.model.sorted_by_node and not _same_order(query, window.pages.query):
            self.model.restart()
            return
        window.adopt(RecordPages(window.pages.conn, query))

    def _requery(self) -> None:
        """The map changed under the selection (titles, categories): follow it."""
        window = self._following()
        if window is None:
            return
        query = self.model.query()
        old = window.pages.query
        if query == old:
            return
        if self.model.sorted_by_node and not _same_order(query, old):
            self.model.restart()  # the runs changed order (a rename while sorted by name)
            return
        self._resync(RecordPages(window.pages.conn, query))


def _same_order(new: RecordQuery, old: RecordQuery) -> bool:
    """Whether the nodes both selections hold come in the same order (by-node runs)."""
    common = set(new.nodes) & set(old.nodes)
    return [n for n in new.nodes if n in common] == [n for n in old.nodes if n in common]
