"""CompareMode: the map now against a finished review's snapshot, on the canvas itself.

Started from the Review tab ("Compare on the map"), it marks what changed
since that review: boxes and curves added are ringed in green with a "+",
changed ones in amber with a "~" (a box moved on the canvas only is not a
change), and what was removed comes back as a ghost, faded and dashed with a
"−", where the review's map had it (`ghost_items.py`). A banner above the
map says what is compared and how much changed, with Stop comparing;
Escape on the map stops it too, as does switching to another role.

Editing stays allowed while comparing: a review is when a person adapts the
map ("how should my framework adapt"), and stopping to edit, then starting
again, would be a chore. After each saved edit (and its undo) the
comparison is read again, after a short pause that merges a burst, so the
marks always tell the map now against the review. The comparison itself is
`services.review_session.compare`, the code `rolemap review diff` runs.

Signals:
    started(str): the map is compared with this review (its id).
    updated(): the marks and the banner show the comparison read last.
    stopped(): the map has its normal look again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent

from rolemap.canvas.change_marks import ADDED, CHANGED, MARKS, REMOVED
from rolemap.canvas.compare_banner import CompareBanner
from rolemap.canvas.ghost_items import GhostLinkItem, GhostNodeItem, remove_all
from rolemap.canvas.view import MapView
from rolemap.domain import geometry
from rolemap.domain.entities import Node
from rolemap.domain.errors import DomainError
from rolemap.domain.map_changes import MapChanges, field_change_text
from rolemap.domain.review import Review, span_text
from rolemap.services import review_session
from rolemap.services.review_session import Comparison
from rolemap.store.errors import StoreError
from rolemap.store.review_repository import ReviewRepository

REREAD_MS = 120  # after an edit: one read for a burst of signals (a delete sends several)


class CompareMode(QObject):
    """Compares the map in `view` with a review's snapshot; see the module docstring."""

    started = Signal(str)
    updated = Signal()
    stopped = Signal()

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.scene = view.map_scene
        self.document = self.scene.document
        self.banner = CompareBanner(view)
        self.banner.stop_requested.connect(self.stop)
        self.review: Review | None = None
        self.comparison: Comparison | None = None
        self.ghost_nodes: dict[str, GhostNodeItem] = {}
        self.ghost_links: dict[str, GhostLinkItem] = {}
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(REREAD_MS)
        self._pending.timeout.connect(self._read_again)
        # Kept to compare with, never called in the filter: while the window is destroyed
        # the filter still sees the viewport's last events, after the view's wrapper is gone.
        self._viewport = view.viewport()
        view.installEventFilter(self)
        self._viewport.installEventFilter(self)  # a scroll bar coming or going resizes it
        document = self.document
        for signal in (
            document.node_added,
            document.node_changed,
            document.node_removed,
            document.link_added,
            document.link_changed,
            document.link_removed,
            document.role_changed,
        ):
            signal.connect(self._on_document_map_changed)
        document.role_switched.connect(self._on_document_role_switched)

    @property
    def active(self) -> bool:
        """Whether the map is being compared now."""
        return self.review is not None

    # -- starting and stopping -------------------------------------------------------

    def start(self, review_id: str) -> bool:
        """Compare the map with the finished review `review_id`; False (and the status bar
        says why) when it cannot be: not this role's, in progress, or its map unreadable."""
        document = self.document
        if not document.has_role:
            return False
        review = ReviewRepository(document.store).get(review_id)
        if review is None or review.role_id != document.role_map.role.id:
            document.refuse("That review is not one of this role's: choose one in the Review tab.")
            return False
        comparison = self._compare(review)
        if comparison is None:
            return False
        self.review = review
        self._show(comparison)
        self.started.emit(review.id)
        return True

    @Slot()
    def stop(self) -> None:
        """Back to the map's normal look."""
        if self.review is None:
            return
        self._pending.stop()
        self.review = None
        self.comparison = None
        for node_item in self.scene.nodes.values():
            node_item.set_change(None)
        for link_item in self.scene.links.values():
            link_item.set_change(None)
        self._drop_ghosts()
        self.banner.close_banner()
        self.stopped.emit()

    def _compare(self, review: Review) -> Comparison | None:
        try:
            return review_session.compare(self.document.store, self.document.role_map, review)
        except (DomainError, StoreError) as error:
            self.document.refuse(str(error))
            return None

    # -- showing ----------------------------------------------------------------------

    def _show(self, comparison: Comparison) -> None:
        assert self.review is not None
        self.comparison = comparison
        diff, changes = comparison.diff, comparison.changes
        span = span_text(self.review.first_day, self.review.last_day)
        details = _node_details(changes)
        nodes, links = diff.node_status(), diff.link_status()
        for node_id, node_item in self.scene.nodes.items():
            state = nodes.get(node_id)
            if state in (ADDED, CHANGED):
                note = f"{MARKS[state].words} of {span}"
                if node_id in details:
                    note += f": {details[node_id]}"
                node_item.set_change(state, note)
            else:
                node_item.set_change(None)
        for link_id, link_item in self.scene.links.items():
            state = links.get(link_id)
            link_item.set_change(state if state in (ADDED, CHANGED) else None)
        self._drop_ghosts()
        removed = {node.id: node for node in diff.removed_nodes}
        for node in diff.removed_nodes:
            ghost = GhostNodeItem(node, f"{MARKS[REMOVED].words} of {span}: {_what(node)}")
            self.ghost_nodes[node.id] = ghost
            self.scene.addItem(ghost)
        for link in diff.removed_links:
            start = self._anchor(link.source, removed, out=True)
            end = self._anchor(link.target, removed, out=False)
            if start is None or end is None:
                continue  # an end neither on the map nor in the review's (not in a sound diff)
            ghost_link = GhostLinkItem(link.id, start, end, f"Link {MARKS[REMOVED].words.lower()}")
            self.ghost_links[link.id] = ghost_link
            self.scene.addItem(ghost_link)
        self.banner.show_text(*banner_text(span, changes), _detail(changes))
        self.updated.emit()

    def _anchor(self, node_id: str, removed: dict[str, Node], *, out: bool) -> QPointF | None:
        """Where a removed link's end is: the box now, or where its removed node stood."""
        item = self.scene.nodes.get(node_id)
        if item is not None:
            return item.out_anchor() if out else item.in_anchor()
        node = removed.get(node_id)
        if node is None:
            return None
        x = node.x + (geometry.NODE_WIDTH if out else 0.0)
        return QPointF(x, node.y + geometry.NODE_HEIGHT / 2)

    def _drop_ghosts(self) -> None:
        remove_all(self.scene, [*self.ghost_nodes.values(), *self.ghost_links.values()])
        self.ghost_nodes.clear()
        self.ghost_links.clear()

    # -- following the document --------------------------------------------------------

    @Slot()
    def _on_document_map_changed(self, *_args: object) -> None:
        if self.review is not None:
            self._pending.start()

    @Slot(str)
    def _on_document_role_switched(self, _role_id: str) -> None:
        self.stop()  # the review is another role's

    @Slot()
    def _read_again(self) -> None:
        if self.review is None:
            return
        comparison = self._compare(self.review)
        if comparison is None:
            self.stop()
            return
        self._show(comparison)

    # -- Escape, and the banner's place ------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.review is not None and (watched is self.view or watched is self._viewport):
            kind = event.type()
            if kind == QEvent.Type.Resize:
                self.banner.place()
            elif watched is self.view and (
                kind == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
                and self.scene.focusItem() is None  # a title being typed keeps its Escape
            ):
                if not self.scene.cancel_gesture():  # a drag in progress goes first
                    self.stop()
                return True
        return super().eventFilter(watched, event)


def banner_text(span: str, changes: MapChanges) -> tuple[str, str]:
    """("Comparing with the review of 3–30 Nov 2026", "nodes: 1 added, 2 changed · links:
    1 removed"), with the role's own fields, which the map cannot show, at the end."""
    parts = []
    for noun, added, removed, changed in (
        ("nodes", changes.added_nodes, changes.removed_nodes, changes.changed_nodes),
        ("links", changes.added_links, changes.removed_links, changes.changed_links),
    ):
        counts = [
            f"{len(items)} {word}"
            for items, word in ((added, ADDED), (removed, REMOVED), (changed, CHANGED))
            if items
        ]
        if counts:
            parts.append(f"{noun}: {', '.join(counts)}")
    if changes.role_fields:
        fields = ", ".join(c.label.lower() for c in changes.role_fields)
        parts.append(f"role: {fields} changed")
    counts_text = " · ".join(parts) if parts else "No change on the map since then."
    return f"Comparing with the review of {span}", counts_text


def _detail(changes: MapChanges) -> str:
    lines = [f"{MARKS[ADDED].glyph} {ref.kind} ‘{ref.title}’" for ref in changes.added_nodes]
    lines += [f"{MARKS[REMOVED].glyph} {ref.kind} ‘{ref.title}’" for ref in changes.removed_nodes]
    lines += [
        f"{MARKS[CHANGED].glyph} {e.node.kind} ‘{e.node.title}’" for e in changes.changed_nodes
    ]
    if len(lines) > 12:
        lines = [*lines[:11], f"… and {len(lines) - 11} more (the Review tab lists them all)"]
    if changes.canvas_moves:
        lines.append(f"{changes.canvas_moves} moved on the canvas only (not marked)")
    return "\n".join(lines)


def _node_details(changes: MapChanges) -> dict[str, str]:
    return {
        edit.node.id: "; ".join(field_change_text(c) for c in edit.changes)
        for edit in changes.changed_nodes
    }


def _what(node: Node) -> str:
    return f"{node.kind.value} ‘{node.title}’"
