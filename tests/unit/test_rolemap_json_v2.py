"""Rolemap JSON version 2: the whole database in one file and back, version 1 still read.

A role's rules for imported time, its reviews (with actions, figures and the
map as it was), its week plans and checklists, its weekly capacity and notes
for a successor, and an outcome's accountability all travel; every row comes
back as it was, and a bad value is refused whole with its place named.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.support.full_role import COMPARED, open_full

from rolemap.domain.review import Review
from rolemap.interchange import rolemap_json
from rolemap.interchange.errors import FormatError
from rolemap.services.transfer import bundles_of, export_json, import_bundles, import_file
from rolemap.store.database import Store, open_store
from rolemap.store.integrity import consistency_problems, damage

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "engineering-manager.json"


def table_rows(conn: sqlite3.Connection, *, kept_as_values: bool = False) -> dict[str, Any]:
    """Every compared table's rows, sorted (a rule's id is made anew on every save: left out).

    `kept_as_values` compares a review's kept figures and map as JSON values: finishing a
    review writes some whole-number figures as integers, which the figures' reader
    (interchange/evidence_json.py) reads back as floats, so the first trip writes 0 as 0.0.
    """
    found = {}
    for table in COMPARED:
        columns = (
            "position, field, how, value, activity_id, role_id" if table == "time_rules" else "*"
        )
        rows = conn.execute(f"SELECT {columns} FROM {table}").fetchall()
        if table == "reviews" and kept_as_values:
            rows = [
                (*r[:11], *(None if t is None else json.loads(t) for t in r[11:])) for r in rows
            ]
        found[table] = sorted(rows, key=repr)
    return found


@pytest.fixture
def full(tmp_path: Path) -> Any:
    store = open_full(tmp_path / "full.sqlite3")
    yield store
    store.close()


def _roles(text: str) -> Any:
    return json.loads(text)["roles"]


def test_everything_goes_out_and_comes_back_row_for_row(full: Store, tmp_path: Path) -> None:
    text = export_json(full)
    document = json.loads(text)
    assert document["version"] == 2
    role = document["roles"][0]
    assert role["weekly_capacity"] == 32.5 and role["successor_notes"] == "Ask Kim first."
    assert len(role["rules"]) == 2 and len(role["review_actions"]) == 4
    assert [r["finished"] is None for r in role["reviews"]] == [False, False, True]
    assert all(r["snapshot"] and r["figures"] for r in role["reviews"][:2])
    assert len(role["week_plans"]) == 3 and len(role["checklist"]) == 9
    assert any(n["details"].get("accountability") for n in role["nodes"])
    (tmp_path / "out.json").write_text(text)
    empty = open_store(tmp_path / "empty.sqlite3", create=True)
    try:
        result = import_file(empty, tmp_path / "out.json")
        assert result.added == ["Engineering manager"] and result.rekeyed == 0
        before = table_rows(full.conn, kept_as_values=True)
        after = table_rows(empty.conn, kept_as_values=True)
        for table in COMPARED:
            assert after[table] == before[table], table
        assert all(before[table] for table in COMPARED), "a table the test should fill is empty"
        again = export_json(empty)
        assert _roles(again) == _roles(text)
        # From then on the kept texts too are the same, byte for byte.
        (tmp_path / "again.json").write_text(again)
        third = open_store(tmp_path / "third.sqlite3", create=True)
        try:
            import_file(third, tmp_path / "again.json")
            assert table_rows(third.conn) == table_rows(empty.conn)
        finally:
            third.close()
    finally:
        empty.close()


def test_the_export_is_stable(full: Store) -> None:
    """Nothing in the file depends on the order rows happen to come in (`exported` aside)."""
    first = export_json(full)
    assert _roles(rolemap_json.dumps(rolemap_json.loads(first))) == _roles(first)
    assert _roles(export_json(full)) == _roles(first)


def test_a_version_1_file_still_imports(empty_store: Store) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    (bundle,) = rolemap_json.loads(text)
    assert bundle.role_map.role.weekly_capacity == 40.0
    assert bundle.rules == [] and bundle.reviews == [] and bundle.plans.plans == []
    import_bundles(empty_store, [bundle])
    exported = json.loads(export_json(empty_store))
    assert exported["version"] == 2
    # Every outcome gets the field a version 1 file could not carry, empty.
    outcomes = [n for n in exported["roles"][0]["nodes"] if n["kind"] == "outcome"]
    assert outcomes and all(n["details"]["accountability"] == "" for n in outcomes)


def test_a_version_1_file_cannot_carry_what_version_2_adds() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["roles"][0]["reviews"] = []
    with pytest.raises(FormatError, match=r"roles\[0\].*reviews"):
        rolemap_json.loads(json.dumps(document))


def test_a_newer_version_is_refused_with_the_reason() -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["version"] = 3
    with pytest.raises(FormatError, match="version 3; this Rolemap reads up to version 2"):
        rolemap_json.loads(json.dumps(document))


def _exported(store: Store) -> dict[str, Any]:
    return json.loads(export_json(store))  # type: ignore[no-any-return]


def _first_finished(role: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in role["reviews"] if r["finished"])  # type: ignore[no-any-return]


BAD = {
    "capacity": (
        lambda r: r.__setitem__("weekly_capacity", 169),
        r"roles\[0\].weekly_capacity",
    ),
    "accountability": (
        lambda r: next(n for n in r["nodes"] if n["kind"] == "outcome")["details"].__setitem__(
            "accountability", "x" * 501
        ),
        r"roles\[0\].nodes\[\d+\].details.accountability",
    ),
    "rule on an output": (
        lambda r: r["rules"][0].__setitem__(
            "activity", next(n["id"] for n in r["nodes"] if n["kind"] == "output")
        ),
        r"roles\[0\].rules\[0\].activity: no activity of this role",
    ),
    "rule pattern": (
        lambda r: r["rules"][1].update(value="(a+)+"),
        r"roles\[0\].rules\[1\]: ",
    ),
    "rule field": (lambda r: r["rules"][0].update(field="mood"), r"roles\[0\].rules\[0\].field"),
    "three answers": (
        lambda r: r["reviews"][0]["answers"].pop(),
        r"roles\[0\].reviews\[0\].answers: a review has four answers",
    ),
    "overlap": (
        lambda r: r["reviews"][1].update(first_day=r["reviews"][0]["last_day"]),
        r"roles\[0\].reviews\[[01]\]: its period overlaps the finished review",
    ),
    "two in progress": (
        lambda r: r["reviews"][1].update(finished=None),
        r"roles\[0\].reviews: only one review can be in progress",
    ),
    "year one": (
        lambda r: r["reviews"][2].update(first_day="0001-01-01"),
        r"roles\[0\].reviews\[2\]: ",
    ),
    "ends before it starts": (
        lambda r: r["reviews"][2].update(last_day="2026-11-01"),
        r"roles\[0\].reviews\[2\]: the review's period ends before it starts",
    ),
    "snapshot": (
        lambda r: _first_finished(r)["snapshot"]["links"][0].update(source="nowhere"),
        r"roles\[0\].reviews\[0\].snapshot.links\[0\]: no node of this map",
    ),
    "figures": (
        lambda r: _first_finished(r)["figures"].update(total_hours="many"),
        r"roles\[0\].reviews\[0\].figures.total_hours",
    ),
    "action of no review": (
        lambda r: r["review_actions"][0].update(review="nope"),
        r"roles\[0\].review_actions\[0\].review: no review of this role",
    ),
    "action position": (
        lambda r: r["review_actions"][0].update(position=2**70),
        r"roles\[0\].review_actions\[0\].position",
    ),
    "action text": (
        lambda r: r["review_actions"][0].update(text="   "),
        r"roles\[0\].review_actions\[0\].text",
    ),
    "plan hours": (
        lambda r: r["week_plans"][0]["hours"][0].update(hours=-2),
        r"roles\[0\].week_plans\[0\].hours\[0\].hours",
    ),
    "plan week": (
        lambda r: r["week_plans"][0].update(week="2026-W54"),
        r"roles\[0\].week_plans\[0\].week",
    ),
    "focus on an activity": (
        lambda r: r["week_plans"][0]["focus"].append(r["rules"][0]["activity"]),
        r"roles\[0\].week_plans\[0\].focus\[1\]: no outcome of this role",
    ),
    "own item without text": (
        lambda r: next(i for i in r["checklist"] if i["key"] == "own").update(text=""),
        r"roles\[0\].checklist\[\d+\].text",
    ),
    "reviews not a list": (lambda r: r.update(reviews={}), r"roles\[0\].reviews"),
    "checklist item not an object": (
        lambda r: r["checklist"].append(7),
        r"roles\[0\].checklist\[9\]",
    ),
}


@pytest.mark.parametrize("change", sorted(BAD))
def test_a_bad_value_is_refused_whole_with_its_place_named(
    full: Store, tmp_path: Path, change: str
) -> None:
    document = _exported(full)
    edit, message = BAD[change]
    role = copy.deepcopy(document)["roles"][0]
    role["id"], role["name"] = "other-role", "Other"
    edit(role)
    document["roles"] = [role]
    before = table_rows(full.conn)
    (tmp_path / "bad.json").write_text(json.dumps(document))
    with pytest.raises(FormatError, match=message):
        import_file(full, tmp_path / "bad.json")
    assert table_rows(full.conn) == before


def test_a_row_the_database_refuses_is_a_clear_refusal(full: Store) -> None:
    """The readers keep one review in progress a role; a bundle made otherwise meets the
    database's own rule, and the import says so instead of blaming another program."""
    (bundle,) = bundles_of(full)
    bundle.role_map.role = bundle.role_map.role.__class__(
        **{**_fields(bundle.role_map.role), "id": "other-role", "name": "Other"}
    )
    progress = next(r for r in bundle.reviews if not r.review.is_finished)
    twin = Review(**{**_fields(progress.review), "id": "twin-review"})
    bundle.reviews.append(type(progress)(twin))
    before = table_rows(full.conn)
    with pytest.raises(FormatError, match="cannot be imported: the database refuses it"):
        import_bundles(full, [bundle])
    assert table_rows(full.conn) == before
    assert damage(full.conn) == [] and consistency_problems(full.conn) == []


def _fields(value: Any) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__dataclass_fields__}
