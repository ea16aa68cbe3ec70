"""Reviews, actions, evidence and map snapshots as JSON: exact round trips, clear refusals."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from rolemap.domain.map_changes import describe
from rolemap.domain.map_diff import diff
from rolemap.domain.review import ActionStatus, Review, ReviewAction
from rolemap.domain.review_evidence import CheckPoint, PeriodFacts, gather_evidence
from rolemap.domain.role_map import RoleMap
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.interchange.evidence_json import (
    changes_from_json,
    changes_to_json,
    evidence_from_json,
    evidence_to_json,
)
from rolemap.interchange.review_json import ReviewRecord, from_json, to_json
from rolemap.interchange.snapshot_json import map_from_json, map_to_json

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "engineering-manager.json"
)
D = dt.date


def example() -> RoleMap:
    return rolemap_json.loads(EXAMPLE.read_text(encoding="utf-8"))[0].role_map


def changed(role_map: RoleMap) -> RoleMap:
    nodes = dict(role_map.nodes)
    first = sorted(nodes)[0]
    nodes[first] = type(nodes[first])(**{**_fields(nodes[first]), "title": "Renamed"})
    del nodes[sorted(nodes)[1]]
    links = {i: k for i, k in role_map.links.items() if k.source in nodes and k.target in nodes}
    return RoleMap(role_map.role, nodes, links)


def _fields(value: Any) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}


def full_evidence(role_map: RoleMap) -> Any:
    activities = [n.id for n in role_map.nodes.values() if n.kind.value == "activity"]
    outputs = [n.id for n in role_map.nodes.values() if n.kind.value == "output"]
    outcomes = [n.id for n in role_map.nodes.values() if n.kind.value == "outcome"]
    facts = PeriodFacts(
        D(2026, 11, 1),
        D(2026, 11, 30),
        {a: 1.5 * i for i, a in enumerate(activities)},
        {"Maker's work": 4.0, "Admin & email": 9.5},
        {o: i for i, o in enumerate(outputs)},
        {x: [CheckPoint("2026-10-31", 1.0), CheckPoint("2026-11-29", 2.5)] for x in outcomes},
        {x: D(2026, 10, 1) for x in outcomes},
    )
    after = changed(role_map)
    return gather_evidence(
        role_map, facts, describe(diff(after, role_map), after.nodes, role_map.nodes)
    )


def test_the_map_snapshot_round_trips_exactly_and_reads_like_the_file_format() -> None:
    role_map = example()
    value = map_to_json(role_map)
    assert map_from_json(value) == role_map
    assert map_from_json(json.loads(json.dumps(value))) == role_map
    exported = json.loads(rolemap_json.dumps([RoleBundle(role_map)]))["roles"][0]
    for key, item in exported.items():  # the Rolemap JSON role's own values, records aside
        records = ("time_entries", "deliveries", "checkins", "rules", "reviews", "review_actions")
        if key not in (*records, "week_plans", "checklist"):
            assert value[key] == item, key


def test_evidence_and_changes_round_trip_exactly() -> None:
    evidence = full_evidence(example())
    assert evidence.changes is not None and not evidence.changes.is_empty()
    text = json.dumps(evidence_to_json(evidence), allow_nan=False)
    assert evidence_from_json(json.loads(text)) == evidence
    assert changes_from_json(changes_to_json(evidence.changes)) == evidence.changes


def test_reviews_and_actions_round_trip() -> None:
    role_map = example()
    role_id = role_map.role.id
    finished = Review(
        "r1", role_id, D(2026, 10, 1), D(2026, 10, 31), "2026-11-01T09:00:00Z",
        "2026-11-01T10:00:00Z", ("a", "b\nc", "", "d"), True,
    )  # fmt: skip
    current = Review("r2", role_id, D(2026, 11, 1), D(2026, 11, 30), "2026-12-01T09:00:00Z")
    records = [
        ReviewRecord(finished, full_evidence(role_map), role_map),
        ReviewRecord(current),
    ]
    actions = [
        ReviewAction("x1", role_id, "r1", "Cut email", None, ActionStatus.DONE, "r2", 0),
        ReviewAction("x2", role_id, "r1", "Book offsite", "some-node", ActionStatus.OPEN, None, 1),
    ]
    value = json.loads(json.dumps(to_json(records, actions), allow_nan=False))
    assert from_json(value, "roles[0]", role_id) == (records, actions)


def _document() -> dict[str, Any]:
    role_map = example()
    role_id = role_map.role.id
    finished = Review(
        "r1", role_id, D(2026, 10, 1), D(2026, 10, 31), "s", "f", ("", "", "", "")
    )  # fmt: skip
    return to_json(
        [ReviewRecord(finished, None, role_map)],
        [ReviewAction("x1", role_id, "r1", "Cut email")],
    )


def _broken(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(_document())
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["reviews"][0].pop("first_day"), r"In roles\[0\]\.reviews\[0\]: “first_day”"),
        (lambda d: d["reviews"][0].update(last_day="2026-09-01"), "ends before it starts"),
        (lambda d: d["reviews"][0].update(first_day="1 Oct"), "not a date"),
        (lambda d: d["reviews"][0].update(answers=["a"]), "four answers"),
        (lambda d: d["reviews"][0].update(answers="a"), r"answers: expected a list"),
        (
            lambda d: d["reviews"][0]["snapshot"]["nodes"][0].update(kind="box"),
            r"reviews\[0\]\.snapshot\.nodes\[0\]\.kind: ‘box’ is not a kind",
        ),
        (
            lambda d: d["reviews"][0]["snapshot"]["nodes"][3]["details"].update(planned_hours=-1),
            r"snapshot\.nodes\[3\]\.details\.planned_hours",
        ),
        (
            lambda d: d["reviews"][0]["snapshot"]["links"][0].update(target="nowhere"),
            "no node of this map has the id nowhere",
        ),
        (lambda d: d["reviews"][0]["snapshot"].update(id="other"), "map is of another role"),
        (lambda d: d["reviews"][0]["snapshot"]["links"][0].update(weight=0), "weight is more"),
        (lambda d: d["reviews"].append(copy.deepcopy(d["reviews"][0])), "used twice"),
        (
            lambda d: d["reviews"].append(
                {
                    **copy.deepcopy(d["reviews"][0]),
                    "id": "r9",
                    "first_day": "2026-10-31",
                    "last_day": "2026-11-05",
                }
            ),
            "its period overlaps the finished review",
        ),
        (
            lambda d: d["reviews"].extend(
                {
                    **copy.deepcopy(d["reviews"][0]),
                    "id": i,
                    "finished": None,
                    "first_day": f"2027-0{n}-01",
                    "last_day": f"2027-0{n}-02",
                }
                for n, i in ((1, "a"), (2, "b"))
            ),
            "only one review can be in progress",
        ),
        (lambda d: d["review_actions"][0].update(review="r7"), "no review of this role has the id"),
        (lambda d: d["review_actions"][0].update(status="maybe"), "not open, done or dropped"),
        (lambda d: d["review_actions"][0].update(closed_in="r1"), "open action was not closed"),
        (lambda d: d["review_actions"][0].update(text=" "), "needs some text"),
        (lambda d: d["review_actions"][0].update(position=1.5), "whole number"),
    ],
)
def test_bad_values_are_refused_naming_the_place(change: Any, message: str) -> None:
    role_id = example().role.id
    with pytest.raises(FormatError, match=message):
        from_json(_broken(change), "roles[0]", role_id)


def test_evidence_from_a_newer_rolemap_is_refused_with_a_reason() -> None:
    value = evidence_to_json(full_evidence(example()))
    value["version"] = 2
    with pytest.raises(FormatError, match="newer Rolemap"):
        evidence_from_json(value)
    value["version"] = 1
    value["outcomes"][0]["hours"] = "many"
    with pytest.raises(FormatError, match=r"figures\.outcomes\[0\]\.hours: expected a finite"):
        evidence_from_json(value)
    value["outcomes"][0]["hours"] = 1.0
    value["outcomes"][0]["start"] = {"day": "soon", "value": 1}
    with pytest.raises(FormatError, match=r"outcomes\[0\]\.start\.day"):
        evidence_from_json(value)
