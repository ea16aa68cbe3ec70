"""Every document command: do, undo, redo, with model, store, scene and signals in agreement."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.gui.conftest import SignalLog, assert_scene_matches, assert_store_matches

from rolemap.canvas.scene import MapScene
from rolemap.document.document import RoleDocument
from rolemap.document.example_data import remove_example_data
from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.tracking import RecordKind, TimeEntry
from rolemap.interchange.errors import FormatError
from rolemap.store.record_repository import RecordRepository

Snapshot = tuple[Role, dict[str, Node], dict[str, Link]]


@dataclass
class Session:
    """A document on the example role with a scene mirroring it and a log of its signals."""

    document: RoleDocument
    scene: MapScene
    signals: SignalLog
    qtbot: QtBot


@pytest.fixture
def session(document: RoleDocument, qtbot: QtBot) -> Iterator[Session]:
    scene = MapScene(document)
    yield Session(document, scene, SignalLog(document), qtbot)
    scene.deleteLater()


def by_title(document: RoleDocument, title: str) -> str:
    return next(n.id for n in document.role_map.nodes.values() if n.title == title)


def snapshot(document: RoleDocument) -> Snapshot:
    role_map = document.role_map
    return role_map.role, dict(role_map.nodes), dict(role_map.links)


def map_signals(before: Snapshot, after: Snapshot) -> set[tuple[str, tuple[object, ...]]]:
    """The signals that say exactly how the map went from `before` to `after`."""
    expected: set[tuple[str, tuple[object, ...]]] = set()
    for what, old, new in (("node", before[1], after[1]), ("link", before[2], after[2])):
        expected |= {(f"{what}_added", (i,)) for i in new.keys() - old.keys()}
        expected |= {(f"{what}_removed", (i,)) for i in old.keys() - new.keys()}
        expected |= {(f"{what}_changed", (i,)) for i in old.keys() & new.keys() if old[i] != new[i]}
    if before[0] != after[0]:
        expected |= {("role_changed", (after[0].id,)), ("roles_changed", ())}
    return expected


def check_step(session: Session, before: Snapshot, after: Snapshot) -> None:
    """The model is `after`; store, scene and the signals just emitted all say so."""
    document = session.document
    assert snapshot(document) == after
    assert_store_matches(document)
    emitted = {
        (name, args) for name, args in session.signals.take() if not name.startswith("records")
    }
    assert emitted == map_signals(before, after)
    session.qtbot.waitUntil(lambda: assert_scene_matches(session.scene, document))


def round_trip(session: Session, edit: Callable[[], object], label: str) -> None:
    """Do the edit, then undo and redo it, checking store, scene and signals at every step."""
    document = session.document
    session.signals.take()
    before = snapshot(document)
    edit()
    stack = document.undo_stack
    assert stack.undoText() == label
    after = snapshot(document)
    assert after != before
    check_step(session, before, after)
    stack.undo()
    check_step(session, after, before)
    stack.redo()
    check_step(session, before, after)


# -- nodes ------------------------------------------------------------------------------


def test_add_node(session: Session) -> None:
    document = session.document
    round_trip(
        session, lambda: document.add_node(NodeKind.OUTPUT, "Team wiki"), "Add output ‘Team wiki’"
    )


def test_added_node_lands_in_a_free_spot_of_its_lane(document: RoleDocument) -> None:
    node_id = document.add_node(NodeKind.ACTIVITY, "Thinking time")
    assert node_id is not None
    new = document.role_map.nodes[node_id]
    for other in document.role_map.nodes_of(NodeKind.ACTIVITY):
        if other.id != node_id:
            assert abs(other.y - new.y) >= 64


def test_remove_node_takes_its_links_and_undo_restores_them(session: Session) -> None:
    document = session.document
    node_id = by_title(document, "Growth plans")
    links = {link.id for link in document.role_map.links_of(node_id)}
    assert len(links) == 3
    round_trip(session, lambda: document.remove_nodes([node_id]), "Delete ‘Growth plans’")
    document.undo_stack.undo()
    assert {link.id for link in document.role_map.links_of(node_id)} == links


def test_remove_restores_tracked_time_on_undo(session: Session) -> None:
    document = session.document
    activity = by_title(document, "Weekly 1:1s")
    records = RecordRepository(document.store)
    with document.store.transaction():
        records.put_time_entries([TimeEntry("t1", activity, 1_700_000_000, 1800, "note")])
    before = records.records_of_nodes([activity])
    assert "t1" in [e.id for e in before[0]]
    session.signals.take()
    document.remove_nodes([activity])
    assert records.records_of_nodes([activity]) == ([], [], [])
    entry_ids = sorted(e.id for e in before[0])
    seen = session.signals.take()
    names = [name for name, _ in seen]
    # The records go first, with their ids, and before the node they hung on.
    [(kind, removed)] = [args for name, args in seen if name == "records_removed"]
    assert (kind, sorted(removed)) == ("time_entries", entry_ids)  # type: ignore[call-overload]
    assert names.index("records_removed") < names.index("node_removed")
    assert ("records_changed", ("time_entries",)) in seen
    document.undo_stack.undo()
    assert records.records_of_nodes([activity]) == before
    seen = session.signals.take()
    names = [name for name, _ in seen]
    [(kind, added)] = [args for name, args in seen if name == "records_added"]
    assert (kind, sorted(added)) == ("time_entries", entry_ids)  # type: ignore[call-overload]
    assert names.index("node_added") < names.index("records_added")


def test_rename_node(session: Session) -> None:
    document = session.document
    node_id = by_title(document, "Code reviews")
    round_trip(
        session,
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
def test_set_field(session: Session, title: str, field: str, value: object, label: str) -> None:
    document = session.document
    node_id = by_title(document, title)
    round_trip(session, lambda: document.set_node_field(node_id, field, value), label)


def test_bad_field_value_is_refused_and_changes_nothing(
    document: RoleDocument, qtbot: QtBot
) -> None:
    node_id = by_title(document, "Hiring plan met")
    before = document.role_map.nodes[node_id]
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not document.set_node_field(node_id, "target", "four")
    assert "Target" in refused.args[0]
    assert document.role_map.nodes[node_id] == before
    assert document.undo_stack.count() == 0
    assert_store_matches(document)


def test_move_nodes_is_one_step_and_stays_in_lane(session: Session) -> None:
    document = session.document
    a, b = by_title(document, "Weekly 1:1s"), by_title(document, "Hiring loops")
    round_trip(
        session,
        lambda: document.move_nodes({a: (5000.0, 900.0), b: (330.0, 950.0)}),
        "Move 2 nodes",
    )
    moved = document.role_map.nodes[a]
    assert 320 <= moved.x <= 640 - 224 and moved.y == 900.0


# -- nudges ------------------------------------------------------------------------------


def test_a_run_of_nudges_is_one_undo_step(session: Session) -> None:
    document = session.document
    node_id = by_title(document, "Email & status updates")  # the last activity: room below
    start = document.role_map.nodes[node_id]
    for _ in range(3):
        assert document.nudge_nodes([node_id], 0, 8)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Nudge ‘Email & status updates’"
    assert document.role_map.nodes[node_id].y == start.y + 24
    document.undo_stack.undo()
    assert document.role_map.nodes[node_id] == start
    assert_store_matches(document)
    document.undo_stack.redo()
    assert document.role_map.nodes[node_id].y == start.y + 24
    assert_store_matches(document)
    session.qtbot.waitUntil(lambda: assert_scene_matches(session.scene, document))


def test_nudges_of_another_selection_or_after_another_edit_are_new_steps(
    document: RoleDocument,
) -> None:
    one, two = (
        by_title(document, "Email & status updates"),
        by_title(document, "Delivery predictability"),
    )
    document.nudge_nodes([one], 0, 8)
    document.nudge_nodes([one, two], 0, 8)
    assert document.undo_stack.count() == 2
    assert document.undo_stack.undoText() == "Nudge 2 nodes"
    document.rename_node(one, "Status mail")
    document.nudge_nodes([one, two], 0, 8)
    assert document.undo_stack.count() == 4
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.role_map.nodes[one].title == "Email & status updates"
    assert_store_matches(document)


def test_a_run_of_nudges_back_to_the_start_leaves_no_step(document: RoleDocument) -> None:
    node_id = by_title(document, "Email & status updates")
    document.nudge_nodes([node_id], 0, 8)
    document.nudge_nodes([node_id], 0, -8)
    assert document.undo_stack.count() == 0
    assert_store_matches(document)


def test_a_nudge_stops_short_of_a_neighbour(document: RoleDocument) -> None:
    upper, lower = by_title(document, "Weekly 1:1s"), by_title(document, "Mentoring sessions")
    nodes = document.role_map.nodes
    for _ in range(6):
        document.nudge_nodes([upper], 0, 8)
        assert nodes[lower].y - nodes[upper].y >= 64 + 8, "boxes overlap or touch"
    assert nodes[upper].y == nodes[lower].y - 64 - 8  # as close as a nudge goes
    assert document.undo_stack.count() == 1
    assert_store_matches(document)


# -- links -------------------------------------------------------------------------------


def test_connect_nodes(session: Session) -> None:
    document = session.document
    source, target = by_title(document, "Hiring loops"), by_title(document, "Team retention ≥ 90 %")
    round_trip(
        session,
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
    document: RoleDocument, qtbot: QtBot, source: str, target: str, message: str
) -> None:
    links = dict(document.role_map.links)
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert (
            document.connect_nodes(by_title(document, source), by_title(document, target)) is None
        )
    assert message in refused.args[0]
    assert document.role_map.links == links
    assert document.undo_stack.count() == 0
    assert_store_matches(document)


def test_unlink_and_link_fields(session: Session) -> None:
    document = session.document
    link = document.role_map.outgoing(by_title(document, "Weekly 1:1s"))[0]
    ends = "‘Weekly 1:1s’ → ‘" + document.role_map.nodes[link.target].title + "’"
    round_trip(
        session,
        lambda: document.set_link_field(link.id, "weight", "2"),
        f"Change weight of link {ends}",
    )
    round_trip(
        session,
        lambda: document.set_link_field(link.id, "confidence", "70 %"),
        f"Change confidence of link {ends}",
    )
    assert document.role_map.links[link.id].confidence == pytest.approx(0.7)
    round_trip(session, lambda: document.remove_links([link.id]), f"Unlink {ends}")


@pytest.mark.parametrize(("typed", "kept"), [("0.7", 0.7), ("70", 0.7), ("70 %", 0.7), ("", None)])
def test_link_confidence_reads_like_a_checkins(
    document: RoleDocument, typed: str, kept: float | None
) -> None:
    link = document.role_map.outgoing(by_title(document, "Weekly 1:1s"))[0]
    document.set_link_field(link.id, "confidence", "0.2")
    assert document.set_link_field(link.id, "confidence", typed)
    assert document.role_map.links[link.id].confidence == pytest.approx(kept)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("weight", "0", "more than 0"),
        ("weight", "lots", "not a weight"),
        ("confidence", "150 %", "between 0 and 1"),
    ],
)
def test_bad_link_values_are_refused(
    document: RoleDocument, qtbot: QtBot, field: str, typed: str, message: str
) -> None:
    link = document.role_map.outgoing(by_title(document, "Weekly 1:1s"))[0]
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not document.set_link_field(link.id, field, typed)
    assert message in refused.args[0]
    assert document.role_map.links[link.id] == link
    assert document.undo_stack.count() == 0


# -- the role ------------------------------------------------------------------------------


def test_role_rename_is_undoable_and_redoable(session: Session) -> None:
    document = session.document
    round_trip(
        session,
        lambda: document.rename_role("Head of engineering"),
        "Rename role to ‘Head of engineering’",
    )
    assert document.roles()[0].name == "Head of engineering"
    document.undo_stack.undo()
    assert document.roles()[0].name == "Engineering manager"


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("purpose", "Keep the team growing.", "Change purpose of role"),
        ("accountabilities", ("Hiring", "Growth"), "Change accountabilities of role"),
        ("domains", ("Team budget",), "Change domains of role"),
        ("decision_rights", ("Approve leave",), "Change decision rights of role"),
        ("review_cadence", "quarter", "Change review cadence of role"),
        ("ideal_allocation", {"Maker's work": 0.4}, "Change ideal allocation of role"),
        ("purposeful_target", 0.85, "Change purposeful target of role"),
    ],
)
def test_role_fields_are_undoable_and_redoable(
    session: Session, field: str, value: object, label: str
) -> None:
    document = session.document
    round_trip(session, lambda: document.set_role_fields(**{field: value}), label)
    assert getattr(document.role_map.role, field) == value
    assert getattr(document.roles()[0], field) == value


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


def test_importing_a_file_goes_through_the_document(session: Session, tmp_path: Path) -> None:
    from rolemap.services.transfer import export_json

    document = session.document
    document.rename_role("Copied manager")
    text = export_json(document.store).replace(document.role_map.role.id, "another-role-id")
    source = tmp_path / "roles.json"
    source.write_text(text, encoding="utf-8")
    session.signals.take()
    result = document.import_file(source)
    assert result.added == ["Copied manager"]
    assert ("roles_changed", ()) in session.signals.take()
    assert len(document.roles()) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatError):
        document.import_file(bad)
    assert session.signals.take() == []
    assert len(document.roles()) == 2


def test_refusals_and_failures_are_the_documents_to_say(session: Session) -> None:
    session.document.refuse("No.")
    session.document.report_failure("Disk full.")
    assert session.signals.take() == [("edit_refused", ("No.",)), ("edit_failed", ("Disk full.",))]


# -- records ---------------------------------------------------------------------------


def test_removing_example_data_is_a_record_change_with_ids(session: Session, qtbot: QtBot) -> None:
    from rolemap.store.example_records import example_records

    document = session.document
    entries, deliveries, checkins = example_records(document.store.conn)
    assert entries and deliveries and checkins
    session.signals.take()
    assert remove_example_data(document)
    assert document.undo_stack.undoText() == "Remove example data"
    removed = {
        args[0]: set(args[1]) for name, args in session.signals.take() if name == "records_removed"
    }
    assert removed == {
        RecordKind.TIME_ENTRIES: {e.id for e in entries},
        RecordKind.DELIVERIES: {d.id for d in deliveries},
        RecordKind.CHECKINS: {c.id for c in checkins},
    }
    assert example_records(document.store.conn) == ([], [], [])
    document.undo_stack.undo()
    added = {
        args[0]: set(args[1]) for name, args in session.signals.take() if name == "records_added"
    }
    assert added == removed
    assert example_records(document.store.conn) == (entries, deliveries, checkins)
    with qtbot.waitSignal(document.edit_refused):
        document.undo_stack.redo()
        assert not remove_example_data(document)


# -- saving fails -------------------------------------------------------------------------


def test_a_failed_save_changes_nothing_and_leaves_no_undo_step(
    document: RoleDocument, qtbot: QtBot
) -> None:
    document.store.conn.execute("PRAGMA query_only = ON")  # every write now fails
    nodes = dict(document.role_map.nodes)
    with qtbot.waitSignal(document.edit_failed) as failed:
        document.add_node(NodeKind.ACTIVITY, "Lost?")
    assert "not saved" in failed.args[0]
    assert document.role_map.nodes == nodes
    assert document.undo_stack.count() == 0
    document.store.conn.execute("PRAGMA query_only = OFF")
    assert_store_matches(document)


def test_a_failed_nudge_is_not_merged_into_the_run(document: RoleDocument, qtbot: QtBot) -> None:
    node_id = by_title(document, "Email & status updates")
    start = document.role_map.nodes[node_id]
    document.nudge_nodes([node_id], 0, 8)
    document.store.conn.execute("PRAGMA query_only = ON")
    with qtbot.waitSignal(document.edit_failed):
        document.nudge_nodes([node_id], 0, 8)
    document.store.conn.execute("PRAGMA query_only = OFF")
    assert document.role_map.nodes[node_id].y == start.y + 8
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.role_map.nodes[node_id] == start
    assert_store_matches(document)


def test_a_stale_edit_never_brings_back_a_node_another_program_deleted(
    document: RoleDocument, qtbot: QtBot
) -> None:
    from rolemap.store.database import open_store

    other_store = open_store(document.store.path)
    other = RoleDocument(other_store)
    try:
        other.switch_role(document.role_map.role.id)
        node_id = by_title(document, "Design docs")
        other.remove_nodes([node_id])  # another window or program deletes it
        with qtbot.waitSignal(document.edit_failed) as failed:
            document.move_nodes({node_id: (700.0, 900.0)})
        assert "another program" in failed.args[0].lower()
        with qtbot.waitSignal(document.edit_failed):
            document.connect_nodes(by_title(document, "Code reviews"), node_id)
        assert document.undo_stack.count() == 0
        stored = {r[0] for r in document.store.conn.execute("SELECT id FROM nodes")}
        assert node_id not in stored
    finally:
        other.undo_group.setActiveStack(None)
        other_store.close()
