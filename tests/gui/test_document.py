"""Every document command: do, undo, redo, with model, store and signals in agreement."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.gui.conftest import assert_store_matches

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import TimeEntry
from rolemap.store.record_repository import RecordRepository


def by_title(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes.values() if n.title == title)


def round_trip(document: RoleDocument, edit: Callable[[], object], label: str) -> None:
    """Do the edit, then undo and redo it, checking the store at every step."""
    before_nodes = dict(document.role_map.nodes)
    before_links = dict(document.role_map.links)
    edit()
    stack = document.undo_stack
    assert stack.undoText() == label
    after_nodes = dict(document.role_map.nodes)
    after_links = dict(document.role_map.links)
    assert (after_nodes, after_links) != (before_nodes, before_links)
    assert_store_matches(document)
    stack.undo()
    assert document.role_map.nodes == before_nodes
    assert document.role_map.links == before_links
    assert_store_matches(document)
    stack.redo()
    assert document.role_map.nodes == after_nodes
    assert document.role_map.links == after_links
    assert_store_matches(document)


def test_add_node(document: RoleDocument, qtbot: object) -> None:
    with qtbot.waitSignal(document.node_added):  # type: ignore[attr-defined]
        round_trip(
            document,
            lambda: document.add_node(NodeKind.OUTPUT, "Team wiki"),
            "Add output ‘Team wiki’",
        )


def test_added_node_lands_in_a_free_spot_of_its_lane(document: RoleDocument) -> None:
    node_id = document.add_node(NodeKind.ACTIVITY, "Thinking time")
    assert node_id is not None
    new = document.role_map.nodes[node_id]
    for other in document.role_map.nodes_of(NodeKind.ACTIVITY):
        if other.id != node_id:
            assert abs(other.y - new.y) >= 64


def test_remove_node_takes_its_links_and_undo_restores_them(document: RoleDocument) -> None:
    node_id = by_title(document, "Growth plans")
    links = {link.id for link in document.role_map.links_of(node_id)}
    assert len(links) == 3
    round_trip(document, lambda: document.remove_nodes([node_id]), "Delete ‘Growth plans’")
    document.undo_stack.undo()
    assert {link.id for link in document.role_map.links_of(node_id)} == links


def test_remove_restores_tracked_time_on_undo(document: RoleDocument) -> None:
    activity = by_title(document, "Weekly 1:1s")
    records = RecordRepository(document.store)
    with document.store.transaction():
        records.put_time_entries([TimeEntry("t1", activity, 1_700_000_000, 1800, "note")])
    before = records.records_of_nodes([activity])
    assert "t1" in [e.id for e in before[0]]
    document.remove_nodes([activity])
    assert records.records_of_nodes([activity]) == ([], [], [])
    document.undo_stack.undo()
    assert records.records_of_nodes([activity]) == before


def test_rename_node(document: RoleDocument) -> None:
    node_id = by_title(document, "Code reviews")
    round_trip(
        document,
        lambda: document.rename_node(node_id, "Design reviews"),
        "Rename ‘Code reviews’ to ‘Design reviews’",
    )


@pytest.mark.parametrize(
    ("title", "field", "value", "label"),
    [
        ("Hiring loops", "category", "Other", "Change category of ‘Hiring loops’"),
        ("Hiring loops", "planned_hours", 6, "Change planned hours per week of ‘Hiring loops’"),
        ("Design docs", "hands_on", False, "Change hands-on of ‘Design docs’"),
        ("Design docs", "clarity", 2, "Change clarity of ‘Design docs’"),
        ("Hiring plan met", "target", "5", "Change target of ‘Hiring plan met’"),
        ("Hiring plan met", "due", "2027-12-31", "Change due date of ‘Hiring plan met’"),
        ("Hiring plan met", "notes", "Ask HR monthly", "Edit notes of ‘Hiring plan met’"),
    ],
)
def test_set_field(
    document: RoleDocument, title: str, field: str, value: object, label: str
) -> None:
    node_id = by_title(document, title)
    round_trip(document, lambda: document.set_node_field(node_id, field, value), label)


def test_bad_field_value_is_refused_and_changes_nothing(
    document: RoleDocument, qtbot: object
) -> None:
    node_id = by_title(document, "Hiring plan met")
    before = document.role_map.nodes[node_id]
    with qtbot.waitSignal(document.edit_refused) as refused:  # type: ignore[attr-defined]
        assert not document.set_node_field(node_id, "target", "four")
    assert "Target" in refused.args[0]
    assert document.role_map.nodes[node_id] == before
    assert document.undo_stack.count() == 0
    assert_store_matches(document)


def test_move_nodes_is_one_step_and_stays_in_lane(document: RoleDocument) -> None:
    a, b = by_title(document, "Weekly 1:1s"), by_title(document, "Hiring loops")
    round_trip(
        document,
        lambda: document.move_nodes({a: (5000.0, 900.0), b: (330.0, 950.0)}),
        "Move 2 nodes",
    )
    moved = document.role_map.nodes[a]
    assert 320 <= moved.x <= 640 - 224 and moved.y == 900.0


def test_connect_nodes(document: RoleDocument) -> None:
    source, target = by_title(document, "Hiring loops"), by_title(document, "Team retention ≥ 90 %")
    round_trip(
        document,
        lambda: document.connect_nodes(source, target),
        "Link ‘Hiring loops’ → ‘Team retention ≥ 90 %’",
    )


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("Team retention ≥ 90 %", "Weekly 1:1s", "links end at outcomes"),
        ("Growth plans", "Weekly 1:1s", "cannot link to an activity"),
        ("Weekly 1:1s", "Weekly 1:1s", "itself"),
        ("Weekly 1:1s", "Growth plans", "already links"),
    ],
)
def test_refused_links_change_nothing(
    document: RoleDocument, qtbot: object, source: str, target: str, message: str
) -> None:
    links = dict(document.role_map.links)
    with qtbot.waitSignal(document.edit_refused) as refused:  # type: ignore[attr-defined]
        assert (
            document.connect_nodes(by_title(document, source), by_title(document, target)) is None
        )
    assert message in refused.args[0]
    assert document.role_map.links == links
    assert document.undo_stack.count() == 0
    assert_store_matches(document)


def test_unlink_and_link_fields(document: RoleDocument) -> None:
    link = document.role_map.outgoing(by_title(document, "Weekly 1:1s"))[0]
    ends = "‘Weekly 1:1s’ → ‘" + document.role_map.nodes[link.target].title + "’"
    round_trip(
        document,
        lambda: document.set_link_field(link.id, "weight", "2"),
        f"Change weight of link {ends}",
    )
    round_trip(document, lambda: document.remove_links([link.id]), f"Unlink {ends}")


def test_role_rename_is_undoable(document: RoleDocument) -> None:
    document.rename_role("Head of engineering")
    assert document.roles()[0].name == "Head of engineering"
    assert document.undo_stack.undoText() == "Rename role to ‘Head of engineering’"
    document.undo_stack.undo()
    assert document.roles()[0].name == "Engineering manager"
    assert_store_matches(document)


def test_roles_can_be_created_and_switched_each_with_its_own_history(
    document: RoleDocument,
) -> None:
    first = document.role_map.role.id
    document.add_node(NodeKind.ACTIVITY, "Only in the first role")
    second = document.create_role("Staff engineer")
    assert second is not None and document.role_map.role.id == second
    assert document.role_map.nodes == {}
    assert document.undo_stack.count() == 0
    document.add_node(NodeKind.OUTCOME, "Platform adoption")
    document.switch_role(first)
    assert document.undo_stack.undoText() == "Add activity ‘Only in the first role’"
    assert sorted(r.name for r in document.roles()) == ["Engineering manager", "Staff engineer"]


def test_a_failed_save_changes_nothing_and_leaves_no_undo_step(
    document: RoleDocument, qtbot: object
) -> None:
    document.store.conn.execute("PRAGMA query_only = ON")  # every write now fails
    nodes = dict(document.role_map.nodes)
    with qtbot.waitSignal(document.edit_failed) as failed:  # type: ignore[attr-defined]
        document.add_node(NodeKind.ACTIVITY, "Lost?")
    assert "not saved" in failed.args[0]
    assert document.role_map.nodes == nodes
    assert document.undo_stack.count() == 0
    document.store.conn.execute("PRAGMA query_only = OFF")
    assert_store_matches(document)


def test_a_stale_edit_never_brings_back_a_node_another_program_deleted(
    document: RoleDocument, qtbot: object
) -> None:
    from rolemap.store.database import open_store

    other_store = open_store(document.store.path)
    other = RoleDocument(other_store)
    try:
        other.switch_role(document.role_map.role.id)
        node_id = by_title(document, "Design docs")
        other.remove_nodes([node_id])  # another window or program deletes it
        with qtbot.waitSignal(document.edit_failed) as failed:  # type: ignore[attr-defined]
            document.move_nodes({node_id: (700.0, 900.0)})
        assert "another program" in failed.args[0].lower()
        with qtbot.waitSignal(document.edit_failed):  # type: ignore[attr-defined]
            document.connect_nodes(by_title(document, "Code reviews"), node_id)
        assert document.undo_stack.count() == 0
        stored = {r[0] for r in document.store.conn.execute("SELECT id FROM nodes")}
        assert node_id not in stored
    finally:
        other.undo_group.setActiveStack(None)
        other_store.close()
