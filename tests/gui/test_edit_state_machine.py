"""Random sequences of edits, undos and redos: the store equals the model at every step."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from tests.gui.conftest import assert_store_matches

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.store.database import open_store

titles = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)


class EditingSession(RuleBasedStateMachine):
    """Edits through the document, as the window makes them, in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(_tmp_factory.mktemp("machine"))
        self.store = open_store(self.folder / "db.sqlite3", create=True)
        self.document = RoleDocument(self.store)
        self.document.create_role("Machine")

    def teardown(self) -> None:
        # The commands are made in Python: freed now, not by Qt after Python has shut
        # down (hypothesis keeps its machines to the end; the process crashed on exit).
        for stack in self.document.undo_group.stacks():
            stack.clear()
        self.document.undo_group.setActiveStack(None)
        self.store.close()

    def _ids(self, kind: NodeKind | None = None) -> list[str]:
        # Insertion order, not id order: ids are random UUIDs, and hypothesis
        # needs the same draws to pick the same nodes when it replays a case.
        return [n.id for n in self.document.role_map.nodes.values() if kind in (None, n.kind)]

    @rule(kind=st.sampled_from(LANE_ORDER), title=titles, y=st.none() | st.floats(0, 2000))
    def add(self, kind: NodeKind, title: str, y: float | None) -> None:
        self.document.add_node(kind, title, None, y)

    @precondition(lambda self: self.document.role_map.nodes)
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, max_size=3, unique=True))
        self.document.remove_nodes(ids)

    @precondition(lambda self: self.document.role_map.nodes)
    @rule(data=st.data(), title=titles)
    def rename(self, data: st.DataObject, title: str) -> None:
        self.document.rename_node(data.draw(st.sampled_from(self._ids())), title)

    @precondition(lambda self: self.document.role_map.nodes)
    @rule(data=st.data(), dx=st.floats(-500, 500), dy=st.floats(-500, 500))
    def move(self, data: st.DataObject, dx: float, dy: float) -> None:
        node = self.document.role_map.nodes[data.draw(st.sampled_from(self._ids()))]
        self.document.move_nodes({node.id: (node.x + dx, node.y + dy)})

    @precondition(lambda self: self.document.role_map.nodes)
    @rule(
        data=st.data(),
        step=st.sampled_from([(0, 8), (0, -8), (8, 0), (-8, 0), (0, 40), (0, -40)]),
        presses=st.integers(1, 4),
    )
    def nudge(self, data: st.DataObject, step: tuple[int, int], presses: int) -> None:
        ids = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, max_size=3, unique=True))
        for _ in range(presses):  # a run: merged into one undo step
            self.document.nudge_nodes(ids, *step)

    @precondition(lambda self: len(self.document.role_map.nodes) >= 2)
    @rule(data=st.data())
    def connect(self, data: st.DataObject) -> None:
        ids = self._ids()
        self.document.connect_nodes(
            data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
        )

    @precondition(lambda self: self.document.role_map.links)
    @rule(data=st.data(), weight=st.none() | st.floats(0.1, 5))
    def weigh(self, data: st.DataObject, weight: float | None) -> None:
        link_id = data.draw(st.sampled_from(list(self.document.role_map.links)))
        self.document.set_link_field(link_id, "weight", weight)

    @precondition(lambda self: self.document.role_map.links)
    @rule(data=st.data(), typed=st.sampled_from(["0.7", "70", "70 %", "", "150 %", "x"]))
    def be_sure(self, data: st.DataObject, typed: str) -> None:
        link_id = data.draw(st.sampled_from(list(self.document.role_map.links)))
        self.document.set_link_field(link_id, "confidence", typed)

    @rule(
        field=st.sampled_from(["purpose", "domains", "review_cadence", "purposeful_target"]),
        data=st.data(),
    )
    def set_role_field(self, field: str, data: st.DataObject) -> None:
        value = {
            "purpose": data.draw(titles),
            "domains": tuple(data.draw(st.lists(titles, max_size=3))),
            "review_cadence": data.draw(st.sampled_from(["week", "month", "quarter"])),
            "purposeful_target": data.draw(st.floats(0, 1)),
        }[field]
        self.document.set_role_fields(**{field: value})

    @precondition(lambda self: self._ids(NodeKind.OUTCOME))
    @rule(data=st.data(), value=st.none() | st.floats(-1e6, 1e6))
    def set_target(self, data: st.DataObject, value: float | None) -> None:
        node_id = data.draw(st.sampled_from(self._ids(NodeKind.OUTCOME)))
        self.document.set_node_field(node_id, "target", value)

    @rule(steps=st.integers(1, 4))
    def undo(self, steps: int) -> None:
        for _ in range(steps):
            self.document.undo_stack.undo()

    @rule(steps=st.integers(1, 4))
    def redo(self, steps: int) -> None:
        for _ in range(steps):
            self.document.undo_stack.redo()

    @invariant()
    def store_equals_model(self) -> None:
        assert_store_matches(self.document)

    @invariant()
    def links_join_nodes_of_the_map(self) -> None:
        nodes = self.document.role_map.nodes
        for link in self.document.role_map.links.values():
            assert link.source in nodes and link.target in nodes


_tmp_factory: pytest.TempPathFactory


@pytest.fixture(autouse=True)
def _remember_tmp_factory(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> None:
    global _tmp_factory
    _tmp_factory = tmp_path_factory


EditingSession.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
test_editing_session = EditingSession.TestCase
