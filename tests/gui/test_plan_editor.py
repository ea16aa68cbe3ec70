"""PlanEditor without widgets: each intent is one labelled undo step, saved, announced, undone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rolemap.document.document import RoleDocument
from rolemap.document.plan_editor import PlanEditor
from rolemap.domain.kinds import NodeKind
from rolemap.domain.week_plan import Week, WeekPlan
from rolemap.store.plan_repository import PlanRepository

BERLIN = ZoneInfo("Europe/Berlin")
NOW = int(dt.datetime(2024, 5, 15, 17, 0, tzinfo=BERLIN).timestamp())
WEEK = Week(2024, 20)


@pytest.fixture
def editor(document: RoleDocument) -> PlanEditor:
    return PlanEditor(document, clock=lambda: NOW, tz=BERLIN)


def _id(document: RoleDocument, kind: NodeKind, title: str) -> str:
    return next(n.id for n in document.role_map.nodes_of(kind) if n.title == title)


def _stored(document: RoleDocument) -> WeekPlan | None:
    return PlanRepository(document.store).plan(document.role_map.role.id, WEEK)


Intent = Callable[[PlanEditor, RoleDocument], bool]
GUIDE = (NodeKind.OUTPUT, "Onboarding guide")
RAMP = (NodeKind.OUTCOME, "Ramp-up under 2 weeks")


def _on(kind_title: tuple[NodeKind, str], document: RoleDocument) -> str:
    return _id(document, *kind_title)


INTENTS: list[tuple[str, Intent, Intent | None, str]] = [
    (
        "hours",
        lambda e, d: e.set_hours(WEEK, _id(d, NodeKind.ACTIVITY, "Code reviews"), "2,5"),
        None,
        "Plan 2.5 h on ‘Code reviews’",
    ),
    (
        "no hours",
        lambda e, d: e.set_hours(WEEK, _id(d, NodeKind.ACTIVITY, "Code reviews"), 0),
        None,
        "Plan no hours on ‘Code reviews’",
    ),
    (
        "intend",
        lambda e, d: e.intend_output(WEEK, _on(GUIDE, d), "3", WEEK.days[0]),
        None,
        "Intend 3 × ‘Onboarding guide’ by Mon 13 May",
    ),
    (
        "unintend",
        lambda e, d: e.unintend_output(WEEK, _on(GUIDE, d)),
        lambda e, d: e.intend_output(WEEK, _on(GUIDE, d)),
        "Drop ‘Onboarding guide’ from the week’s outputs",
    ),
    (
        "focus",
        lambda e, d: e.focus_outcome(WEEK, _on(RAMP, d)),
        None,
        "Focus on ‘Ramp-up under 2 weeks’",
    ),
    (
        "unfocus",
        lambda e, d: e.unfocus_outcome(WEEK, _on(RAMP, d)),
        lambda e, d: e.focus_outcome(WEEK, _on(RAMP, d)),
        "Take ‘Ramp-up under 2 weeks’ out of focus",
    ),
    ("note", lambda e, d: e.set_note(WEEK, "Offsite Thursday"), None, "Edit the note of week 20"),
    (
        "reset",
        lambda e, d: e.reset_plan(WEEK),
        lambda e, d: e.set_note(WEEK, "kept"),
        "Reset the plan of week 20 to the usual hours",
    ),
]


@pytest.mark.parametrize(
    ("intent", "before", "label"), [i[1:] for i in INTENTS], ids=[i[0] for i in INTENTS]
)
def test_each_intent_is_one_step_saved_announced_and_undone_exactly(
    qtbot: Any,
    document: RoleDocument,
    editor: PlanEditor,
    intent: Intent,
    before: Intent | None,
    label: str,
) -> None:
    if before is not None:
        assert before(editor, document)
    start, steps = _stored(document), document.undo_stack.count()
    with qtbot.waitSignal(document.plan_changed) as announced:
        assert intent(editor, document)
    assert announced.args == ["2024-W20"]
    after = _stored(document)
    assert after != start
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == label
    with qtbot.waitSignal(document.plan_changed):
        document.undo_stack.undo()
    assert _stored(document) == start
    with qtbot.waitSignal(document.plan_changed):
        document.undo_stack.redo()
    assert _stored(document) == after


def test_an_edit_that_changes_nothing_is_no_step(
    document: RoleDocument, editor: PlanEditor
) -> None:
    reviews = _id(document, NodeKind.ACTIVITY, "Code reviews")
    assert editor.set_hours(WEEK, reviews, 5)  # its usual hours: the prefill already says so
    assert editor.unfocus_outcome(WEEK, _on(RAMP, document))
    assert document.undo_stack.count() == 0 and _stored(document) is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda e, d: e.set_hours(WEEK, _id(d, NodeKind.ACTIVITY, "Code reviews"), 200),
            "A week has 168 hours",
        ),
        (lambda e, d: e.set_hours(WEEK, _on(GUIDE, d), 2), "Choose an activity of this role"),
        (lambda e, d: e.intend_output(WEEK, _on(GUIDE, d), 0), "is not a count"),
        (
            lambda e, d: e.intend_output(
                WEEK, _on(GUIDE, d), 1, WEEK.days[0] - dt.timedelta(days=1)
            ),
            "is not in week 20",
        ),
        (lambda e, d: e.focus_outcome(WEEK, _on(GUIDE, d)), "Choose an outcome"),
        (lambda e, d: e.copy_latest_plan(WEEK), "No week before week 20"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    qtbot: Any, document: RoleDocument, editor: PlanEditor, call: Intent, message: str
) -> None:
    with qtbot.waitSignal(document.edit_refused) as refused:
        assert not call(editor, document)
    assert message in refused.args[0]
    assert document.undo_stack.count() == 0 and _stored(document) is None


def test_copy_refuses_to_overwrite_a_plan_unless_asked(
    document: RoleDocument, editor: PlanEditor
) -> None:
    earlier = WEEK.shifted(-3)
    assert editor.set_note(earlier, "three weeks ago")
    assert editor.set_note(WEEK, "this week's own")
    assert not editor.copy_latest_plan(WEEK)
    assert editor.copy_latest_plan(WEEK, replace=True)
    stored = _stored(document)
    assert stored is not None and stored.note == "three weeks ago"
    document.undo_stack.undo()
    stored = _stored(document)
    assert stored is not None and stored.note == "this week's own"
