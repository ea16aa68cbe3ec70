"""Rolemap JSON: complete round trips, and bad files refused whole with the problem named."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.domain.entities import DEFAULT_CATEGORIES, Link, Node, Role
from rolemap.domain.fields import coerce, default_details, field_spec
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.lane_rule import kinds_may_link
from rolemap.domain.role_map import RoleMap
from rolemap.domain.time_range import EARLIEST, FIRST_DAY, LAST_DAY, LATEST
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule
from rolemap.domain.tracking import CheckIn, Delivery, TimeEntry
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError
from rolemap.services.transfer import export_json, import_bundles, import_file
from rolemap.store.database import open_store

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "engineering-manager.json"
)

TABLES = ("roles", "nodes", "links", "time_entries", "deliveries", "checkins")
text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)
finite = st.floats(-1e6, 1e6, allow_nan=False)


@st.composite
def bundles(draw: st.DrawFn) -> RoleBundle:
    role_id = draw(st.uuids()).hex[:12]
    role = Role(
        id=role_id,
        name=draw(text.filter(str.strip)),
        purpose=draw(text),
        accountabilities=tuple(draw(st.lists(text, max_size=3))),
        review_cadence=draw(st.sampled_from(["week", "month", "quarter"])),
        ideal_allocation={c.name: draw(st.floats(0, 1)) for c in DEFAULT_CATEGORIES[:2]},
        purposeful_target=draw(st.floats(0, 1)),
        weekly_capacity=draw(st.floats(0, 168)),
        successor_notes=draw(text),
    )
    nodes = []
    for i in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(LANE_ORDER))
        details = default_details(kind)
        if kind is NodeKind.ACTIVITY:
            details["planned_hours"] = draw(st.floats(0, 168))
        if kind is NodeKind.OUTCOME:
            details["target"] = draw(st.one_of(st.none(), finite))
            days = st.dates(FIRST_DAY, LAST_DAY).map(lambda d: d.isoformat())
            details["due"] = draw(st.one_of(st.none(), days))
            serves = draw(st.sampled_from(["", *role.accountabilities]))
            details["accountability"] = coerce(field_spec(kind, "accountability"), serves)
        if kind is NodeKind.OUTPUT:
            details["clarity"] = draw(st.one_of(st.none(), st.integers(1, 5)))
        nodes.append(
            Node(
                f"{role_id}-n{i}",
                role_id,
                kind,
                draw(text),
                draw(text),
                draw(finite),
                draw(finite),
                details,
            )
        )
    links = []
    for s in nodes:
        for t in nodes:
            if kinds_may_link(s.kind, t.kind) and draw(st.booleans()):
                links.append(
                    Link(
                        f"{s.id}>{t.id}",
                        role_id,
                        s.id,
                        t.id,
                        draw(st.one_of(st.none(), st.floats(0.01, 10))),
                        draw(st.one_of(st.none(), st.floats(0, 1))),
                        draw(text),
                    )
                )
    bundle = RoleBundle(RoleMap.build(role, nodes, links))
    for n in nodes:
        if n.kind is NodeKind.ACTIVITY and draw(st.booleans()):
            bundle.time_entries.append(
                TimeEntry(
                    f"{n.id}-t",
                    n.id,
                    draw(st.integers(EARLIEST, LATEST - 86400)),
                    draw(st.integers(1, 86400)),
                    draw(text),
                )
            )
        if n.kind is NodeKind.OUTPUT and draw(st.booleans()):
            bundle.deliveries.append(Delivery(f"{n.id}-d", n.id, "2026-11-02", draw(text)))
        if n.kind is NodeKind.OUTCOME and draw(st.booleans()):
            bundle.checkins.append(CheckIn(f"{n.id}-c", n.id, "2026-11-03", draw(finite), 0.5))
        if n.kind is NodeKind.ACTIVITY and draw(st.booleans()):
            value = draw(text.filter(str.strip))
            bundle.rules.append(TimeRule(draw(rule_fields), RuleHow.CONTAINS, value, n.id))
    return bundle


rule_fields = st.sampled_from([f for f in RuleField if f is not RuleField.ATTENDEES])


def _rows(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    # A rule's id is made anew whenever the role's list is saved: its place and values count.
    found["time_rules"] = conn.execute(
        "SELECT role_id, position, field, how, value, activity_id FROM time_rules "
        "ORDER BY role_id, position"
    ).fetchall()
    return found


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(bundles(), max_size=3, unique_by=lambda b: b.role_map.role.id))
def test_export_then_import_reproduces_the_database(
    tmp_path: Path, generated: list[RoleBundle]
) -> None:
    here = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by every example
    first = open_store(here / "a.sqlite3", create=True)
    second = open_store(here / "b.sqlite3", create=True)
    try:
        import_bundles(first, generated)
        text_out = export_json(first)
        import_bundles(second, rolemap_json.loads(text_out))
        assert _rows(second.conn) == _rows(first.conn)
        assert json.loads(export_json(second))["roles"] == json.loads(text_out)["roles"]
    finally:
        first.close()
        second.close()


def test_reimporting_adds_nothing_twice(empty_store: object) -> None:
    first = import_file(empty_store, EXAMPLE)  # type: ignore[arg-type]
    again = import_file(empty_store, EXAMPLE)  # type: ignore[arg-type]
    assert first.added == ["Engineering manager"]
    assert again.skipped == ["Engineering manager"] and not again.added
    assert empty_store.conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == 18  # type: ignore[attr-defined]


def _example() -> dict[str, object]:
    return json.loads(EXAMPLE.read_text())  # type: ignore[no-any-return]


def _broken(change: str) -> str:
    data = _example()
    role = data["roles"][0]  # type: ignore[index]
    nodes = {n["title"]: n for n in role["nodes"]}
    match change:
        case "backward link":
            role["links"][0]["source"], role["links"][0]["target"] = (
                role["links"][0]["target"],
                role["links"][0]["source"],
            )
        case "missing node":
            role["links"][0]["target"] = "nope"
        case "duplicate node id":
            role["nodes"][1]["id"] = role["nodes"][0]["id"]
        case "bad field":
            nodes["Growth plans"]["details"]["clarity"] = 9
        case "bad kind":
            role["nodes"][0]["kind"] = "task"
        case "newer version":
            data["version"] = 99
        case "not rolemap":
            data["format"] = "something"
        case "bad date":
            nodes["Team retention ≥ 90 %"]["details"]["due"] = "next year"
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("backward link", r"roles\[0\].links\[0\].*cannot link"),
        ("missing node", r"roles\[0\].links\[0\]: no node of this role has the id nope"),
        ("duplicate node id", r"nodes\[1\].*used twice"),
        ("bad field", r"roles\[0\].nodes\[.*details.clarity"),
        ("bad kind", r"roles\[0\].nodes\[0\].kind"),
        ("newer version", "format version 99"),
        ("not rolemap", "format"),
        ("bad date", "due"),
    ],
)
def test_bad_file_is_refused_whole_with_the_place_named(
    empty_store: object, tmp_path: Path, change: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(_broken(change))
    with pytest.raises(FormatError, match=message):
        import_file(empty_store, path)  # type: ignore[arg-type]
    assert empty_store.conn.execute("SELECT count(*) FROM roles").fetchone()[0] == 0  # type: ignore[attr-defined]


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="line 3"):
        rolemap_json.loads('{\n "format": "rolemap",\n oops\n}')
