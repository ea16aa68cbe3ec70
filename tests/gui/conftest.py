"""Fixtures for GUI tests: a document on the example role, a shown main window.

And the helpers that check what a person would see: the store, the scene and
the document's signals all agree with the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest
from PySide6.QtCore import QSettings

from rolemap.document.document import RoleDocument
from rolemap.store.role_repository import RoleRepository

# Every signal the document emits, with how many arguments it carries.
DOCUMENT_SIGNALS = (
    "node_added",
    "node_changed",
    "node_removed",
    "link_added",
    "link_changed",
    "link_removed",
    "records_added",
    "records_updated",
    "records_removed",
    "records_changed",
    "role_changed",
    "role_switched",
    "roles_changed",
    "edit_refused",
    "edit_failed",
)


@pytest.fixture(autouse=True)
def fresh_settings(qapp: object) -> None:
    """Each test starts with the app's QSettings empty: what one test's first start left
    there (the welcome page offered, a dock closed) must not open in the next."""
    QSettings().clear()


@pytest.fixture
def document(qapp: object, store: object) -> Iterator[RoleDocument]:
    """A RoleDocument on the example role."""
    doc = RoleDocument(store)  # type: ignore[arg-type]
    doc.switch_role(doc.roles()[0].id)
    yield doc
    doc.undo_group.setActiveStack(None)


@pytest.fixture
def window(qtbot: object, document: RoleDocument) -> Iterator[object]:
    """The main window on the example role, shown (offscreen)."""
    from rolemap.ui.main_window import MainWindow

    win = MainWindow(document)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    with qtbot.waitSignal(win.started):  # type: ignore[attr-defined]  # built in full, as a person gets it
        win.show()
    qtbot.waitExposed(win)  # type: ignore[attr-defined]
    yield win


def assert_store_matches(document: RoleDocument) -> None:
    """The model equals what a fresh read of the database gives."""
    stored = RoleRepository(document.store).load_map(document.role_map.role.id)
    assert stored.role == document.role_map.role
    assert stored.nodes == document.role_map.nodes
    assert stored.links == document.role_map.links


def assert_scene_matches(scene: object, document: RoleDocument) -> None:
    """The scene shows exactly the model: its nodes where it has them, with their titles and
    purpose findings, and its links from the source's port to the target's edge.

    The scene routes curves once after a change's signals: wait for it (`qtbot.waitUntil`).
    """
    role_map = document.role_map
    assert set(scene.nodes) == set(role_map.nodes)  # type: ignore[attr-defined]
    assert set(scene.links) == set(role_map.links)  # type: ignore[attr-defined]
    for node_id, item in scene.nodes.items():  # type: ignore[attr-defined]
        node = role_map.nodes[node_id]
        assert (item.pos().x(), item.pos().y()) == (node.x, node.y)
        assert item.title == node.title
        assert item.finding == document.analysis.finding_of(node_id), node.title
    for link_id, item in scene.links.items():  # type: ignore[attr-defined]
        link = role_map.links[link_id]
        source, target = scene.nodes[link.source], scene.nodes[link.target]  # type: ignore[attr-defined]
        assert item.ends() == (source.out_anchor(), target.in_anchor()), link_id
        path = item.path()
        assert path.pointAtPercent(0) == source.out_anchor()
        assert path.pointAtPercent(1) == target.in_anchor()


class SignalLog:
    """Every signal a document emits, in order, as (name, arguments) pairs."""

    def __init__(self, document: RoleDocument) -> None:
        self.seen: list[tuple[str, tuple[object, ...]]] = []
        for name in DOCUMENT_SIGNALS:
            getattr(document, name).connect(partial(self._record, name))

    def _record(self, name: str, *args: object) -> None:
        self.seen.append((name, args))

    def take(self) -> list[tuple[str, tuple[object, ...]]]:
        """The signals seen since the last take."""
        seen, self.seen = self.seen, []
        return seen

    def names(self) -> list[str]:
        """The names of the signals seen so far (not taken)."""
        return [name for name, _ in self.seen]


def answer_next_dialog(qtbot: object, button: str, seen: list[str] | None = None) -> None:
    """Press the button called `button` (object name, else its text) of the next modal dialog.

    Arm it before the action that opens the dialog. `seen` collects the dialog's
    buttons' texts and its text, for the test to read.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        buttons = dialog.findChildren(QAbstractButton)
        if seen is not None:
            seen.extend(b.text() for b in buttons if b.isVisible())
            if isinstance(dialog, QMessageBox):
                seen.append(dialog.text())
        for candidate in buttons:
            if button in (candidate.objectName(), candidate.text().replace("&", "")):
                candidate.click()
                return
        dialog.close()  # not left open to block the test
        raise AssertionError(f"no button {button!r} in {[b.text() for b in buttons]}")

    QTimer.singleShot(0, answer)
