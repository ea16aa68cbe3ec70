"""The role templates: each loads cleanly, reads as a real week, and passes the purpose check."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from rolemap.domain import geometry
from rolemap.domain.entities import DEFAULT_CATEGORIES
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import check_purpose
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TEMPLATES = RESOURCES / "templates"
INDEX = TEMPLATES / "index.json"
EXAMPLE = RESOURCES / "examples" / "engineering-manager.json"
EXAMPLE_COPY = "engineering-manager.json"  # the template that follows the example role


def index() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(INDEX.read_text(encoding="utf-8"))
    return entries


ENTRIES = index()
FILES = [entry["file"] for entry in ENTRIES]


@functools.cache
def bundle(name: str) -> RoleBundle:
    """The one role of template `name`, validated by the importer (schema, lane rule, fields)."""
    bundles = rolemap_json.loads((TEMPLATES / name).read_text(encoding="utf-8"))
    assert len(bundles) == 1, f"{name} holds {len(bundles)} roles, not one"
    return bundles[0]


def example() -> RoleBundle:
    return rolemap_json.loads(EXAMPLE.read_text(encoding="utf-8"))[0]


def nodes(name: str, kind: NodeKind) -> list[Any]:
    return bundle(name).role_map.nodes_of(kind)


# -- the index ----------------------------------------------------------------


def test_index_lists_every_template_file_and_only_those() -> None:
    on_disk = {p.name for p in TEMPLATES.glob("*.json") if p != INDEX}
    assert sorted(FILES) == sorted(on_disk)
    assert len(set(FILES)) == len(FILES)
    assert len(FILES) >= 11


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["key"] for e in ENTRIES])
def test_index_entry_is_complete(entry: dict[str, Any]) -> None:
    assert set(entry) == {"key", "title", "summary", "file"}
    assert entry["file"] == f"{entry['key']}.json"
    assert entry["title"].strip()
    summary = entry["summary"].strip()
    assert summary.endswith(".") and ". " not in summary, "one sentence"
    keys = [e["key"] for e in ENTRIES]
    assert keys.count(entry["key"]) == 1


# -- each template ------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_template_is_one_role_without_records(name: str) -> None:
    raw = json.loads((TEMPLATES / name).read_text(encoding="utf-8"))
    assert raw["format"] == "rolemap" and raw["version"] == 1
    loaded = bundle(name)
    assert not loaded.time_entries and not loaded.deliveries and not loaded.checkins
    for key in ("time_entries", "deliveries", "checkins"):
        assert not raw["roles"][0].get(key)


@pytest.mark.parametrize("name", FILES)
def test_template_passes_the_purpose_check(name: str) -> None:
    role_map = bundle(name).role_map
    report = check_purpose(role_map)
    flagged = sorted(role_map.nodes[node_id].title for node_id in report.flagged)
    assert report.is_clean(), f"{name}: flagged {flagged}"
    for node in role_map.nodes_of(NodeKind.INPUT):  # an input must drive something
        assert role_map.outgoing(node.id), f"{name}: input ‘{node.title}’ leads nowhere"


@pytest.mark.parametrize("name", FILES)
def test_template_role_is_fully_described(name: str) -> None:
    role = bundle(name).role_map.role
    assert role.purpose.strip()
    assert 4 <= len(role.accountabilities) <= 7
    assert 2 <= len(role.domains) <= 5
    assert 2 <= len(role.decision_rights) <= 5
    assert role.categories == DEFAULT_CATEGORIES
    assert 0 < role.purposeful_target <= 1
    assert len(nodes(name, NodeKind.INPUT)) <= 3
    assert 6 <= len(nodes(name, NodeKind.ACTIVITY)) <= 10
    assert 4 <= len(nodes(name, NodeKind.OUTPUT)) <= 7
    assert 3 <= len(nodes(name, NodeKind.OUTCOME)) <= 5


@pytest.mark.parametrize("name", FILES)
def test_planned_week_and_ideal_allocation_add_up(name: str) -> None:
    role = bundle(name).role_map.role
    activities = nodes(name, NodeKind.ACTIVITY)
    hours = sum(node.detail("planned_hours") for node in activities)
    assert 30 <= hours <= 50, f"{name} plans {hours} h a week"
    assert all(node.detail("planned_hours") > 0 for node in activities)
    assert sum(role.ideal_allocation.values()) == pytest.approx(1.0, abs=0.001)
    known = {category.name for category in role.categories}
    assert set(role.ideal_allocation) <= known
    for node in activities:
        assert node.detail("category") in known, f"{name}: ‘{node.title}’"


@pytest.mark.parametrize("name", FILES)
def test_outputs_are_rated(name: str) -> None:
    for node in nodes(name, NodeKind.OUTPUT):
        assert isinstance(node.detail("hands_on"), bool)
        for score in ("clarity", "durability", "actionability"):
            assert node.detail(score) in range(1, 6), f"{name}: ‘{node.title}’ {score}"


@pytest.mark.parametrize("name", FILES)
def test_outcomes_are_measurable(name: str) -> None:
    for node in nodes(name, NodeKind.OUTCOME):
        where = f"{name}: ‘{node.title}’"
        assert node.detail("metric").strip() and node.detail("unit").strip(), where
        assert node.detail("objective").strip(), where
        baseline, target = node.detail("baseline"), node.detail("target")
        assert baseline is not None and target is not None, where
        assert dt.date.fromisoformat(node.detail("due")), where
        if node.detail("direction") == "up":
            assert target > baseline, where
        else:
            assert node.detail("direction") == "down" and target < baseline, where


@pytest.mark.parametrize("name", FILES)
def test_map_is_laid_out_in_lanes(name: str) -> None:
    role_map = bundle(name).role_map
    for kind in NodeKind:
        lane = role_map.nodes_of(kind)
        for node in lane:
            assert node.x == geometry.home_x(kind), f"{name}: ‘{node.title}’ off its lane"
            assert node.y >= geometry.LANE_TOP
            assert node.title.strip() and len(node.title) <= 40, f"{name}: ‘{node.title}’"
        for upper, lower in itertools.pairwise(lane):
            assert lower.y - upper.y >= geometry.NODE_HEIGHT, f"{name}: ‘{lower.title}’ overlaps"
        titles = [node.title for node in lane]
        assert len(set(titles)) == len(titles)


# -- across templates -----------------------------------------------------------


def test_ids_are_fresh_and_unique_across_templates_and_the_example() -> None:
    counts = Counter(item_id for name in FILES for item_id in bundle(name).ids())
    counts.update(example().ids())
    assert [item_id for item_id, n in counts.items() if n > 1] == []
    for name in FILES:
        for item_id in bundle(name).ids():
            assert uuid.UUID(item_id).version == 4, f"{name}: {item_id}"


def test_engineering_manager_template_keeps_in_step_with_the_example() -> None:
    """Everything the example role holds is in the template, records aside.

    The template adds what a template needs and the example leaves out: a link
    for the example's one unanchored activity (there to show the purpose check),
    the team's rituals so the week adds up, and a fourth accountability.
    """
    template, source = bundle(EXAMPLE_COPY).role_map, example().role_map
    for attribute in ("name", "purpose", "review_cadence", "categories", "ideal_allocation",
                      "purposeful_target"):  # fmt: skip
        assert getattr(template.role, attribute) == getattr(source.role, attribute), attribute
    for attribute in ("accountabilities", "domains", "decision_rights"):
        theirs = getattr(source.role, attribute)
        assert getattr(template.role, attribute)[: len(theirs)] == theirs, attribute

    def described(role_map: Any) -> dict[tuple[NodeKind, str], tuple[str, dict[str, Any]]]:
        return {(n.kind, n.title): (n.notes, dict(n.details)) for n in role_map.nodes.values()}

    def linked(role_map: Any) -> set[tuple[str, str]]:
        title = {node_id: node.title for node_id, node in role_map.nodes.items()}
        return {(title[k.source], title[k.target]) for k in role_map.links.values()}

    ours = described(template)
    for key, value in described(source).items():
        assert ours.get(key) == value, f"‘{key[1]}’ differs from the example"
    assert linked(source) <= linked(template)
