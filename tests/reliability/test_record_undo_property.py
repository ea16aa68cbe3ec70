"""Random sequences of record edits, timer moves, undos and redos: the tables always show the store.

After every step the three Track tables hold exactly the records the database
holds for the role, so does a mirror kept only from the document's id signals
(`records_added`, `records_updated`, `records_removed`), at most one timer
runs, and undoing everything gives back the records the role started with.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.document.document import RoleDocument
from rolemap.document.record_editor import RecordEditor
from rolemap.domain.kinds import NodeKind
from rolemap.services.transfer import seed_example
from rolemap.store.database import open_store
from rolemap.track.track_tab import TrackTab

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("log"), st.integers(0, 7), st.integers(-5, 1500)),
        st.tuples(st.just("edit"), st.integers(0, 50), st.integers(-5, 1500)),
        st.tuples(st.just("delete"), st.integers(0, 50), st.just(0)),
        st.tuples(st.just("deliver"), st.integers(0, 5), st.integers(0, 2)),
        st.tuples(st.just("checkin"), st.integers(0, 3), st.integers(-10, 110)),
        st.tuples(st.just("drop_checkin"), st.integers(0, 50), st.just(0)),
        st.tuples(st.just("start"), st.integers(0, 7), st.integers(0, 4000)),
        st.tuples(st.just("switch"), st.integers(0, 7), st.integers(0, 4000)),
        st.tuples(st.just("stop"), st.just(0), st.integers(0, 4000)),
        st.tuples(st.just("undo"), st.just(0), st.just(0)),
        st.tuples(st.just("redo"), st.just(0), st.just(0)),
    ),
    max_size=25,
)


def _stored(document: RoleDocument) -> dict[str, set[Any]]:
    repo, role_id = document.records_repo, document.role_map.role.id
    return {
        "time_entries": set(repo.time_entries(role_id)),
        "deliveries": set(repo.deliveries(role_id)),
        "checkins": set(repo.checkins(role_id)),
    }


class IdMirror:
    """The record ids of each kind, kept from the document's id signals alone."""

    def __init__(self, document: RoleDocument, start: dict[str, set[Any]]) -> None:
        self.ids = {kind: {r.id for r in records} for kind, records in start.items()}
        self.updated: list[str] = []
        document.records_added.connect(lambda kind, ids: self.ids[kind].update(ids))
        document.records_removed.connect(lambda kind, ids: self.ids[kind].difference_update(ids))
        document.records_updated.connect(lambda kind, ids: self.updated.extend(ids))

    def matches(self, stored: dict[str, set[Any]]) -> bool:
        return self.ids == {kind: {r.id for r in records} for kind, records in stored.items()}


def _shown(tab: TrackTab) -> dict[str, set[Any]]:
    shown = {}
    for kind, model in tab.models.items():
        shown[kind] = {model.record(row) for row in range(model.rowCount())}
    return shown


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_tables_always_show_the_store(qtbot: Any, steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "r.sqlite3", create=True, seed=seed_example)
        try:
            now = [1_715_000_000]
            document = RoleDocument(store)
            document.switch_role(document.roles()[0].id)
            tab = TrackTab(document, RecordEditor(document, clock=lambda: now[0]))
            qtbot.addWidget(tab)
            tab.activate()
            editor = tab.editor
            role_map = document.role_map
            activities = [n.id for n in role_map.nodes_of(NodeKind.ACTIVITY)]
            outputs = [n.id for n in role_map.nodes_of(NodeKind.OUTPUT)]
            outcomes = [n.id for n in role_map.nodes_of(NodeKind.OUTCOME)]
            initial = _stored(document)
            mirror = IdMirror(document, initial)
            for action, pick, amount in steps:
                entries = sorted(e.id for e in _stored(document)["time_entries"])
                if action == "log":
                    editor.add_time_entry(activities[pick], amount * 60)
                elif action == "edit" and entries:
                    editor.edit_time_entry(entries[pick % len(entries)], duration=amount * 60)
                elif action == "delete" and entries:
                    editor.delete_time_entries([entries[pick % len(entries)]])
                elif action == "deliver":
                    editor.add_delivery(outputs[pick], ("2024-05-01", "2024-02-30", None)[amount])
                elif action == "checkin":
                    editor.add_checkin(outcomes[pick], amount, confidence=amount / 100)
                elif action == "drop_checkin":
                    checkins = sorted(c.id for c in _stored(document)["checkins"])
                    if checkins:
                        editor.delete_checkins([checkins[pick % len(checkins)]])
                elif action in ("start", "switch", "stop"):
                    now[0] += amount
                    if action == "start":
                        editor.start_timer(activities[pick])
                    elif action == "switch":
                        editor.switch_timer(activities[pick])
                    else:
                        editor.stop_timer()
                elif action == "undo":
                    document.undo_stack.undo()
                elif action == "redo":
                    document.undo_stack.redo()
                assert _shown(tab) == _stored(document)
                assert mirror.matches(_stored(document))
                assert len(document.records_repo.running_timers()) <= 1
            while document.undo_stack.canUndo():
                document.undo_stack.undo()
            assert _stored(document) == initial == _shown(tab)
        finally:
            store.close()
