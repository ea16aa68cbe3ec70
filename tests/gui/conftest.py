"""Fixtures for GUI tests: a document on the example role, a shown main window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rolemap.document.document import RoleDocument
from rolemap.store.role_repository import RoleRepository


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
    """The scene shows exactly the model's nodes, where the model has them, and its links."""
    role_map = document.role_map
    assert set(scene.nodes) == set(role_map.nodes)  # type: ignore[attr-defined]
    assert set(scene.links) == set(role_map.links)  # type: ignore[attr-defined]
    for node_id, item in scene.nodes.items():  # type: ignore[attr-defined]
        node = role_map.nodes[node_id]
        assert (item.pos().x(), item.pos().y()) == (node.x, node.y)
        assert item.title == node.title
