"""RoleBundle: everything one role holds, as file formats read and write it.

Besides the map and the tracking records, a bundle carries what the role
keeps of its own (Rolemap JSON version 2): its rules for imported time, its
reviews with their actions (a finished review with its figures and the map
as it was), and its week plans and checklist rows. `rekeyed` gives an import
fresh ids wherever the database already uses one, and moves every reference
along with its id.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from rolemap.domain.entities import Role, new_id
from rolemap.domain.map_changes import LinkRef, MapChanges, NodeRef
from rolemap.domain.review import ReviewAction
from rolemap.domain.review_evidence import Evidence
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_rules import TimeRule
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.interchange.plan_json import PlanData
from rolemap.interchange.review_json import ReviewRecord


@dataclass
class RoleBundle:
    """A role's map, its tracking records, and what else the role keeps.

    `rules` are in the person's order; `reviews` hold each review with its
    kept figures and snapshot; `actions` are the reviews' follow-ups; `plans`
    the week plans and checklist rows.
    """

    role_map: RoleMap
    time_entries: list[TimeEntry] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    rules: list[TimeRule] = field(default_factory=list)
    reviews: list[ReviewRecord] = field(default_factory=list)
    actions: list[ReviewAction] = field(default_factory=list)
    plans: PlanData = field(default_factory=PlanData)

    def ids(self) -> Iterator[str]:
        """Every id the bundle would write as a row: the role's, its nodes', links', records',
        reviews', actions' and checklist rows'."""
        yield self.role_map.role.id
        yield from self.role_map.nodes
        yield from self.role_map.links
        for records in (self.time_entries, self.deliveries, self.checkins, self.actions):
            yield from (record.id for record in records)
        yield from (record.review.id for record in self.reviews)
        yield from (item.id for item in self.plans.items)

    def mentions(self) -> set[str]:
        """The ids the bundle names without writing a row of them: its snapshots' nodes and
        links, the rows of its figures, its actions' nodes (which may be deleted ones)."""
        found = {a.node_id for a in self.actions if a.node_id is not None}

        def note(old: str) -> str:
            found.add(old)
            return old

        for record in self.reviews:
            if record.snapshot is not None:
                found.update(record.snapshot.nodes, record.snapshot.links)
            if record.evidence is not None:
                _rekeyed_evidence(record.evidence, _Refs("", note, note, note))
        return found

    def rekeyed(
        self, taken: Collection[str], fresh: Callable[[], str] = new_id
    ) -> tuple[RoleBundle, int]:
        """A copy in which every id in `taken`, or used twice in the bundle, is a fresh one.

        References follow their id everywhere: records, rules, plans, actions,
        and the snapshots and figures of finished reviews (so that a comparison
        with an old review sees the same nodes). An id the bundle only mentions
        (a deleted node in a snapshot, an action's deleted node) that is in
        `taken` gets a fresh one too, the same one everywhere. Returns the copy
        and how many ids changed (0: the bundle itself). An import gives the
        database's taken ids, so a file can never overwrite, move or point into
        a record of another role.
        """
        if not taken:
            ids = list(self.ids())
            if len(set(ids)) == len(ids):  # the common import: no id to change (100,000 in 10 ms)
                return self, 0
        keys = _Keys(taken, fresh)
        role = self.role_map.role
        role_id = keys.row(role.id)
        nodes = {node_id: keys.row(node_id) for node_id in self.role_map.nodes}
        links = {link_id: keys.row(link_id) for link_id in self.role_map.links}
        reviews = {r.review.id: keys.row(r.review.id) for r in self.reviews}
        # By position, not by id: two records sharing an id both get their own.
        records = [
            [keys.row(record.id) for record in kind]
            for kind in (self.time_entries, self.deliveries, self.checkins, self.actions)
        ]
        plans = self.plans.rekeyed(nodes, keys.used, keys.fresh)
        if not keys.changed and not any(old in taken for old in self.mentions()):
            return self, 0
        ref = _Refs(role_id, keys.mention(nodes), keys.mention(links), keys.mention(reviews))
        entries, deliveries, checkins, actions = records
        bundle = RoleBundle(
            _rekeyed_map(self.role_map, ref, dataclasses.replace(role, id=role_id)),
            [
                dataclasses.replace(e, id=i, activity_id=ref.node(e.activity_id))
                for e, i in zip(self.time_entries, entries, strict=True)
            ],
            [
                dataclasses.replace(d, id=i, output_id=ref.node(d.output_id))
                for d, i in zip(self.deliveries, deliveries, strict=True)
            ],
            [
                dataclasses.replace(c, id=i, outcome_id=ref.node(c.outcome_id))
                for c, i in zip(self.checkins, checkins, strict=True)
            ],
            [dataclasses.replace(r, activity_id=ref.node(r.activity_id)) for r in self.rules],
            [_rekeyed_review(record, ref) for record in self.reviews],
            [_rekeyed_action(a, i, ref) for a, i in zip(self.actions, actions, strict=True)],
            PlanData(
                [dataclasses.replace(p, role_id=role_id) for p in plans.plans],
                [dataclasses.replace(item, role_id=role_id) for item in plans.items],
            ),
        )
        return bundle, keys.changed


class _Keys:
    """The new ids of one bundle: an id already used (in `taken`, or earlier in the bundle)
    gets a fresh one; `changed` counts them."""

    def __init__(self, taken: Collection[str], fresh: Callable[[], str]) -> None:
        self.taken = taken
        self.used = set(taken)
        self._fresh = fresh
        self.changed = 0

    def fresh(self) -> str:
        self.changed += 1
        new = self._fresh()
        self.used.add(new)
        return new

    def row(self, old: str) -> str:
        new = self.fresh() if old in self.used else old
        self.used.add(new)
        return new

    def mention(self, ids: dict[str, str]) -> Callable[[str], str]:
        """A referenced id's new id: its row's; else a fresh one if the database uses it (the
        same one each time), else itself."""

        def key(old: str) -> str:
            new = ids.get(old)
            if new is None:
                new = ids[old] = self.fresh() if old in self.taken else old
            return new

        return key


@dataclass(frozen=True)
class _Refs:
    """How references move: the role's new id, and a node's, link's and review's."""

    role_id: str
    node: Callable[[str], str]
    link: Callable[[str], str]
    review: Callable[[str], str]


def _rekeyed_map(role_map: RoleMap, ref: _Refs, role: Role) -> RoleMap:
    return RoleMap.build(
        role,
        (
            dataclasses.replace(n, id=ref.node(n.id), role_id=role.id)
            for n in role_map.nodes.values()
        ),
        (
            dataclasses.replace(
                k,
                id=ref.link(k.id),
                role_id=role.id,
                source=ref.node(k.source),
                target=ref.node(k.target),
            )
            for k in role_map.links.values()
        ),
    )


def _rekeyed_action(action: ReviewAction, new_id: str, ref: _Refs) -> ReviewAction:
    return dataclasses.replace(
        action,
        id=new_id,
        role_id=ref.role_id,
        review_id=ref.review(action.review_id),
        node_id=None if action.node_id is None else ref.node(action.node_id),
        closed_in=None if action.closed_in is None else ref.review(action.closed_in),
    )


def _rekeyed_review(record: ReviewRecord, ref: _Refs) -> ReviewRecord:
    review = dataclasses.replace(
        record.review, id=ref.review(record.review.id), role_id=ref.role_id
    )
    snapshot = record.snapshot
    if snapshot is not None:
        role = dataclasses.replace(snapshot.role, id=ref.role_id)
        snapshot = _rekeyed_map(snapshot, ref, role)
    evidence = record.evidence
    if evidence is not None:
        evidence = _rekeyed_evidence(evidence, ref)
    return ReviewRecord(review, evidence, snapshot)


def _rekeyed_evidence(evidence: Evidence, ref: _Refs) -> Evidence:
    """The figures with every node and link id they name moved through `ref`."""
    node, link = ref.node, ref.link
    changes = evidence.changes
    return dataclasses.replace(
        evidence,
        activities=tuple(
            dataclasses.replace(a, id=node(a.id), outputs=tuple(node(o) for o in a.outputs))
            for a in evidence.activities
        ),
        outputs=tuple(dataclasses.replace(o, id=node(o.id)) for o in evidence.outputs),
        outcomes=tuple(dataclasses.replace(o, id=node(o.id)) for o in evidence.outcomes),
        weak_links=tuple(dataclasses.replace(w, id=link(w.id)) for w in evidence.weak_links),
        unanchored=tuple(dataclasses.replace(r, id=node(r.id)) for r in evidence.unanchored),
        unfed_outcomes=tuple(
            dataclasses.replace(r, id=node(r.id)) for r in evidence.unfed_outcomes
        ),
        changes=None if changes is None else _rekeyed_changes(changes, ref),
    )


def _rekeyed_changes(changes: MapChanges, ref: _Refs) -> MapChanges:
    def node(item: NodeRef) -> NodeRef:
        return dataclasses.replace(item, id=ref.node(item.id))

    def link(item: LinkRef) -> LinkRef:
        return LinkRef(ref.link(item.id), node(item.source), node(item.target))

    return dataclasses.replace(
        changes,
        added_nodes=tuple(node(r) for r in changes.added_nodes),
        removed_nodes=tuple(node(r) for r in changes.removed_nodes),
        changed_nodes=tuple(
            dataclasses.replace(e, node=node(e.node)) for e in changes.changed_nodes
        ),
        added_links=tuple(link(r) for r in changes.added_links),
        removed_links=tuple(link(r) for r in changes.removed_links),
        changed_links=tuple(
            dataclasses.replace(e, link=link(e.link)) for e in changes.changed_links
        ),
    )
