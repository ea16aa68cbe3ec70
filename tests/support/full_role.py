"""A database holding everything a role can keep, built the way a person builds it.

Through the services and repositories the window and the command line use:
the example role with four weeks of records, an outcome that names the
accountability it serves, a weekly capacity and notes for a successor, two
rules for imported time, two finished reviews with actions (one ticked off in
the second, one about a node deleted since) and a third in progress, three
week plans with hours, intended outputs and outcomes in focus, a frozen
quarter's checklist, a hand tick and two items of the person's own.
Rolemap JSON version 2 must carry all of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from rolemap.domain.entities import Node, new_id
from rolemap.domain.kinds import NodeKind
from rolemap.domain.quarter import Quarter
from rolemap.domain.review import ActionStatus
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule
from rolemap.domain.week_plan import PlannedOutput, Week, WeekPlan
from rolemap.services import quarter_checklist, review_session, week_plan
from rolemap.services.transfer import seed_example
from rolemap.store.database import Store, open_store
from rolemap.store.role_repository import RoleRepository
from rolemap.store.time_rules_repository import TimeRulesRepository

TODAY = dt.date(2026, 11, 30)
NOW = int(dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC).timestamp())
CLOCK = review_session.Clock(NOW, dt.UTC)
# Tables whose rows an export → import must reproduce exactly (rule ids are made anew on
# every save of the list, so the rules are compared without them).
COMPARED = (
    "roles",
    "nodes",
    "links",
    "time_entries",
    "deliveries",
    "checkins",
    "time_rules",
    "reviews",
    "review_actions",
    "week_plans",
    "plan_hours",
    "plan_outputs",
    "plan_focus",
    "checklist_items",
    "local_days",
    "time_rollup",
)


def open_full(path: Path) -> Store:
    """A new database at `path` with everything (see the module)."""
    store = open_store(path, create=True, seed=lambda s: seed_example(s, TODAY))
    build_everything(store)
    return store


def role_map_of(store: Store) -> RoleMap:
    roles = RoleRepository(store)
    return roles.load_map(roles.list_roles()[0].id)


def _node(role_map: RoleMap, title: str) -> Node:
    return next(n for n in role_map.nodes.values() if n.title == title)


def build_everything(store: Store) -> None:
    """Give the store's first role everything a role keeps besides its map and records."""
    roles = RoleRepository(store)
    role_map = role_map_of(store)
    role = role_map.role
    outcome = _node(role_map, "Team retention ≥ 90 %")
    passing = Node(new_id(), role.id, NodeKind.ACTIVITY, "Offsite prep", x=10.0, y=900.0)
    with store.transaction():
        roles.put_role(
            dataclasses.replace(role, weekly_capacity=32.5, successor_notes="Ask Kim first.")
        )
        roles.update_nodes(
            [
                dataclasses.replace(
                    outcome, details={**outcome.details, "accountability": role.accountabilities[0]}
                )
            ]
        )
        roles.insert_nodes([passing])
        TimeRulesRepository(store).save_rules(
            role.id,
            [
                TimeRule(
                    RuleField.TITLE, RuleHow.CONTAINS, "1:1", _node(role_map, "Weekly 1:1s").id
                ),
                TimeRule(
                    RuleField.TAG,
                    RuleHow.PATTERN,
                    "^hir(e|ing)",
                    _node(role_map, "Hiring loops").id,
                ),
            ],
        )
    role_map = role_map_of(store)
    _reviews(store, role_map, passing)
    role_map = role_map_of(store)
    _plans(store, role_map)
    _checklists(store, role_map)


def _reviews(store: Store, role_map: RoleMap, passing: Node) -> None:
    """Two finished reviews (the map changes between them) and one in progress."""
    first, _ = review_session.start_review(
        store, role_map, CLOCK, dt.date(2026, 10, 5), dt.date(2026, 10, 31)
    )
    first = review_session.set_answer(store, first, 1, "Mostly.\nHiring ate the month.")
    about = review_session.add_action(store, role_map, first, "Cancel the offsite prep", passing.id)
    review_session.add_action(store, role_map, first, "Write the onboarding guide")
    review_session.finish_review(store, role_map, first, CLOCK)
    roles = RoleRepository(store)
    with store.transaction():  # the node the first snapshot and an action name goes away
        roles.delete_nodes([passing.id])
    role_map = role_map_of(store)
    second, _ = review_session.start_review(
        store, role_map, CLOCK, dt.date(2026, 11, 1), dt.date(2026, 11, 15)
    )
    review_session.set_action_status(store, second, about.id, ActionStatus.DONE)
    review_session.add_action(
        store, role_map, second, "Pair on reviews", _node(role_map, "Code reviews").id
    )
    review_session.set_answer(store, second, 4, "The role grew a hiring lane.")
    review_session.finish_review(store, role_map, second, CLOCK)
    third, _ = review_session.start_review(
        store, role_map, CLOCK, dt.date(2026, 11, 16), dt.date(2026, 11, 29)
    )
    review_session.set_answer(store, third, 2, "Half written")
    review_session.add_action(store, role_map, third, "Ask for a budget")


def _plans(store: Store, role_map: RoleMap) -> None:
    """Three weeks planned: hours changed from the prefill, outputs intended, outcomes in focus."""
    guide = _node(role_map, "Onboarding guide").id
    hiring = _node(role_map, "Hiring loops").id

    def change(week: Week) -> Callable[[WeekPlan], WeekPlan]:
        return lambda plan: (
            plan.with_hours(hiring, 7.5)
            .with_output(PlannedOutput(guide, 2, week.monday + dt.timedelta(days=3)))
            .with_output(PlannedOutput(_node(role_map, "Design docs").id, 1, None))
            .with_focus(_node(role_map, "Ramp-up under 2 weeks").id)
            .with_note(f"Focus on hiring ({week.name})")
        )

    for name in ("2026-W46", "2026-W47", "2026-W48"):
        week_plan.edit_plan(store, role_map, Week.named(name), change(Week.named(name)))


def _checklists(store: Store, role_map: RoleMap) -> None:
    """2026-Q3 frozen (its automatic results kept), a hand tick and own items in 2026-Q4."""
    quarter_checklist.quarter_checklist(
        store, role_map, Quarter.named("2026-Q3"), tz=dt.UTC, now=NOW
    )
    current = quarter_checklist.quarter_checklist(
        store, role_map, Quarter.named("2026-Q4"), tz=dt.UTC, now=NOW
    )
    quarter_checklist.tick(store, current, "Went over the map with my manager")
    quarter_checklist.add(store, current, "Book the team offsite")
    current = quarter_checklist.quarter_checklist(
        store, role_map, Quarter.named("2026-Q4"), tz=dt.UTC, now=NOW
    )
    quarter_checklist.add(store, current, "Thank the interviewers")
