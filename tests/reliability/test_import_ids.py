"""Imports never touch another role's data: every id in a file is checked against the database.

A file may carry ids that the database already uses (a role copied by hand,
a file made by another tool, a hostile file). Such ids are given fresh UUIDs
at import, so the existing roles keep every node, link and record exactly,
and `rolemap check` stays clean.
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from tests.support.full_role import COMPARED, open_full, role_map_of

from rolemap.services import review_session
from rolemap.services.transfer import export_json, import_file, seed_example
from rolemap.store.database import Store, open_store
from rolemap.store.integrity import consistency_problems, damage
from rolemap.store.review_repository import ReviewRepository
from rolemap.store.role_repository import RoleRepository

TABLES = ("roles", "nodes", "links", "time_entries", "deliveries", "checkins")


@pytest.fixture
def seeded(tmp_path: Path) -> Any:
    store = open_store(tmp_path / "db.sqlite3", create=True, seed=seed_example)
    yield store
    store.close()


def _rows(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def _exported(store: Store) -> dict[str, Any]:
    return json.loads(export_json(store))  # type: ignore[no-any-return]


def _import(store: Store, tmp_path: Path, document: dict[str, Any], **options: bool) -> Any:
    path = tmp_path / "file.json"
    path.write_text(json.dumps(document))
    return import_file(store, path, **options)


def _as_copy(document: dict[str, Any], name: str = "Copy") -> dict[str, Any]:
    """The file a person makes by renaming a role in an export: the inner ids unchanged."""
    changed = copy.deepcopy(document)
    changed["roles"][0]["id"] = "copy-role"
    changed["roles"][0]["name"] = name
    return changed


def test_a_copy_with_the_same_node_ids_leaves_the_original_whole(
    seeded: Store, tmp_path: Path
) -> None:
    before = _rows(seeded.conn)
    result = _import(seeded, tmp_path, _as_copy(_exported(seeded)))
    assert result.added == ["Copy"]
    assert result.rekeyed > 0
    after = _rows(seeded.conn)
    for table in TABLES:
        assert set(before[table]) <= set(after[table]), f"{table} lost or changed rows"
    counts = dict(
        seeded.conn.execute(
            "SELECT r.name, count(*) FROM nodes n JOIN roles r ON r.id = n.role_id GROUP BY r.name"
        ).fetchall()
    )
    assert counts == {"Engineering manager": 18, "Copy": 18}
    assert consistency_problems(seeded.conn) == []


def test_one_reused_node_id_does_not_move_a_node_between_roles(
    seeded: Store, tmp_path: Path
) -> None:
    document = _exported(seeded)
    taken = document["roles"][0]["nodes"][0]
    fresh = {
        "format": "rolemap",
        "version": 1,
        "roles": [
            {
                "id": "other",
                "name": "Other",
                "nodes": [{"id": taken["id"], "kind": taken["kind"], "title": "Mine"}],
                "links": [],
            }
        ],
    }
    before = _rows(seeded.conn)
    _import(seeded, tmp_path, fresh)
    row = seeded.conn.execute("SELECT role_id, title FROM nodes WHERE id = ?", (taken["id"],))
    assert row.fetchone() == (document["roles"][0]["id"], taken["title"])
    assert set(before["nodes"]) <= set(_rows(seeded.conn)["nodes"])
    assert consistency_problems(seeded.conn) == []


@pytest.mark.parametrize("table", ["time_entries", "deliveries", "checkins", "links"])
def test_a_reused_record_or_link_id_replaces_nothing(
    seeded: Store, tmp_path: Path, table: str
) -> None:
    document = _as_copy(_exported(seeded))
    # A brand-new role whose only clash is one record id (or link id) of the original.
    role = document["roles"][0]
    for node in role["nodes"]:
        node["id"] = "new-" + node["id"]
    for key in ("links", "time_entries", "deliveries", "checkins"):
        for item in role[key]:
            item["id"] = "new-" + item["id"]
            for ref in ("source", "target", "activity", "output", "outcome"):
                if ref in item:
                    item[ref] = "new-" + item[ref]
    original = _exported(seeded)["roles"][0][table][0]
    role[table][0]["id"] = original["id"]
    before = _rows(seeded.conn)
    result = _import(seeded, tmp_path, document)
    assert result.rekeyed == 1
    assert set(before[table]) <= set(_rows(seeded.conn)[table])
    assert consistency_problems(seeded.conn) == []


def test_replace_never_takes_an_id_from_another_role(seeded: Store, tmp_path: Path) -> None:
    _import(seeded, tmp_path, _as_copy(_exported(seeded), "Second"))
    everything = _exported(seeded)
    first = everything["roles"][0]
    # Replace the second role with a file whose nodes carry the first role's ids.
    document = _as_copy({**everything, "roles": [first]}, "Second")
    before_first = [r for r in _rows(seeded.conn)["nodes"] if r[1] == first["id"]]
    result = _import(seeded, tmp_path, document, replace=True)
    assert result.replaced == ["Second"]
    after_first = [r for r in _rows(seeded.conn)["nodes"] if r[1] == first["id"]]
    assert after_first == before_first
    assert consistency_problems(seeded.conn) == []


def test_an_id_shared_by_a_role_and_a_node_still_round_trips(seeded: Store, tmp_path: Path) -> None:
    document = _exported(seeded)
    role = document["roles"][0]
    node_id = role["nodes"][0]["id"]
    other = {"id": node_id, "name": "Same id as a node", "nodes": [], "links": []}
    _import(seeded, tmp_path, {"format": "rolemap", "version": 1, "roles": [other]})
    assert consistency_problems(seeded.conn) == []
    # The whole database's own export goes into an empty database unchanged.
    empty = open_store(tmp_path / "empty.sqlite3", create=True)
    try:
        text = export_json(seeded)
        (tmp_path / "all.json").write_text(text)
        import_file(empty, tmp_path / "all.json")
        assert _rows(empty.conn) == _rows(seeded.conn)
    finally:
        empty.close()


def test_check_finds_cross_role_references_and_shared_ids(seeded: Store) -> None:
    conn = seeded.conn
    role_id, node_id = conn.execute("SELECT role_id, id FROM nodes LIMIT 1").fetchone()
    conn.execute("INSERT INTO roles (id, name) VALUES ('other', 'Other')")
    conn.execute(
        "INSERT INTO nodes (id, role_id, kind, title) VALUES ('x', 'other', 'outcome', 'X')"
    )
    source = conn.execute(
        "SELECT id FROM nodes WHERE role_id = ? AND kind = 'output' LIMIT 1", (role_id,)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO links (id, role_id, source, target) VALUES (?, ?, ?, 'x')",
        (node_id, role_id, source),
    )
    problems = consistency_problems(conn)
    assert any("another role" in p for p in problems), problems
    assert any(node_id in p and "more than once" in p for p in problems), problems


def test_a_role_whose_link_leaves_it_still_opens(seeded: Store) -> None:
    from rolemap.store.role_repository import RoleRepository

    conn = seeded.conn
    conn.execute("INSERT INTO roles (id, name) VALUES ('other', 'Other')")
    conn.execute("UPDATE nodes SET role_id = 'other' WHERE kind = 'outcome'")
    roles = RoleRepository(seeded)
    role_id = next(r.id for r in roles.list_roles() if r.name == "Engineering manager")
    role_map = roles.load_map(role_id)
    links = role_map.links.values()
    assert all(k.source in role_map.nodes and k.target in role_map.nodes for k in links)


# -- what version 2 adds: rules, reviews, actions, plans, checklists ------------------------


@pytest.fixture
def full(tmp_path: Path) -> Any:
    store = open_full(tmp_path / "full.sqlite3")
    yield store
    store.close()


def _all_rows(conn: sqlite3.Connection) -> dict[str, set[tuple[object, ...]]]:
    return {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in COMPARED}


def _ids(conn: sqlite3.Connection, table: str, role_id: str) -> set[str]:
    rows = conn.execute(f"SELECT id FROM {table} WHERE role_id = ?", (role_id,))
    return {str(r[0]) for r in rows}


def test_a_copy_beside_itself_gets_its_own_history_and_compares_cleanly(
    full: Store, tmp_path: Path
) -> None:
    original = role_map_of(full).role.id
    before = _all_rows(full.conn)
    result = _import(full, tmp_path, _as_copy(_exported(full)))
    assert result.added == ["Copy"] and result.rekeyed > 0
    after = _all_rows(full.conn)
    for table in COMPARED:
        assert before[table] <= after[table], f"{table} lost or changed rows"
    assert damage(full.conn) == [] and consistency_problems(full.conn) == []
    conn = full.conn
    copy_id = "copy-role"
    for table in ("reviews", "review_actions", "checklist_items"):
        mine, theirs = _ids(conn, table, copy_id), _ids(conn, table, original)
        assert len(mine) == len(theirs) > 0 and not mine & theirs, table
    for table in ("time_rules", "week_plans", "plan_hours", "plan_outputs", "plan_focus"):
        (count,) = conn.execute(
            f"SELECT count(*) FROM {table} WHERE role_id = ?", (copy_id,)
        ).fetchone()
        assert count > 0, table
    roles = RoleRepository(full)
    copy_map = roles.load_map(copy_id)
    planned = {
        r[0]
        for r in conn.execute("SELECT activity_id FROM plan_hours WHERE role_id = ?", (copy_id,))
    }
    ruled = {
        r[0]
        for r in conn.execute("SELECT activity_id FROM time_rules WHERE role_id = ?", (copy_id,))
    }
    assert planned | ruled <= set(copy_map.nodes)
    # The copy's history sees the copy's own nodes: comparing its last review with its map
    # finds nothing added or removed (with the original's ids, every node would be).
    history = ReviewRepository(full).history(copy_id)
    last = history.finished[0]
    assert set(review_session.snapshot_of(full, last).nodes) == set(copy_map.nodes)
    changes = review_session.compare(full, copy_map, last).changes
    assert not (changes.added_nodes or changes.removed_nodes or changes.changed_nodes)
    assert not (changes.added_links or changes.removed_links or changes.changed_links)
    assert {c.field for c in changes.role_fields} <= {"name"}
    # Between its two finished reviews: the node deleted between them, nothing else.
    first = history.finished[1]
    between = review_session.compare(full, copy_map, first, last).changes
    assert [n.title for n in between.removed_nodes] == ["Offsite prep"]
    assert not (between.added_nodes or between.added_links or between.removed_links)
    evidence = review_session.stored_evidence(full, last)
    assert {row.id for row in evidence.activities} <= set(copy_map.nodes)
    # Its actions name its own reviews, and its own nodes (or one deleted before the export).
    for action in ReviewRepository(full).actions(copy_id):
        assert {action.review_id, action.closed_in} - {None} <= {r.id for r in history.reviews}
        node = None if action.node_id is None else roles.get_node(action.node_id)
        assert node is None or node.role_id == copy_id


@pytest.mark.parametrize(
    ("key", "table"),
    [
        ("reviews", "reviews"),
        ("review_actions", "review_actions"),
        ("checklist", "checklist_items"),
    ],
)
def test_a_reused_review_action_or_checklist_id_replaces_nothing(
    full: Store, tmp_path: Path, key: str, table: str
) -> None:
    """A brand-new role whose only clash with the database is one id of the original's
    reviews, actions or checklist rows: that one gets a fresh id, the original keeps its row."""
    document = _exported(full)
    role = copy.deepcopy(document["roles"][0])
    taken = role[key][0]["id"]
    _fresh_ids(role)
    renamed, role[key][0]["id"] = role[key][0]["id"], taken
    for action in role["review_actions"]:  # the actions follow their review
        for ref in ("review", "closed_in"):
            action[ref] = taken if action[ref] == renamed and key == "reviews" else action[ref]
    document["roles"] = [role]
    before = _all_rows(full.conn)
    result = _import(full, tmp_path, document)
    assert result.rekeyed == 1
    after = _all_rows(full.conn)
    for name in COMPARED:
        assert before[name] <= after[name], name
    (owner,) = full.conn.execute(f"SELECT role_id FROM {table} WHERE id = ?", (taken,)).fetchone()
    assert owner != "copy-role"
    assert consistency_problems(full.conn) == [] and damage(full.conn) == []


def _fresh_ids(role: dict[str, Any]) -> None:
    """Give every id in a role's entry a new spelling ("new-…"), references included."""

    def new(value: str | None) -> str | None:
        return None if value is None else "new-" + value[:56]

    role["id"], role["name"] = "copy-role", "Copy"
    for node in role["nodes"]:
        node["id"] = new(node["id"])
    for key in ("links", "time_entries", "deliveries", "checkins"):
        for item in role[key]:
            item["id"] = new(item["id"])
            for ref in ("source", "target", "activity", "output", "outcome"):
                if ref in item:
                    item[ref] = new(item[ref])
    for rule in role["rules"]:
        rule["activity"] = new(rule["activity"])
    for review in role["reviews"]:
        review["id"] = new(review["id"])
        review["figures"] = None  # its rows name the original's nodes; the snapshot is renamed
        if review["snapshot"] is not None:
            snapshot = review["snapshot"]
            for node in snapshot["nodes"]:
                node["id"] = new(node["id"])
            for link in snapshot["links"]:
                link["id"], link["source"], link["target"] = (
                    new(link[k]) for k in ("id", "source", "target")
                )
    for action in role["review_actions"]:
        for ref in ("id", "review", "node", "closed_in"):
            action[ref] = new(action[ref])
    for plan in role["week_plans"]:
        for row in plan["hours"]:
            row["activity"] = new(row["activity"])
        for row in plan["outputs"]:
            row["output"] = new(row["output"])
        plan["focus"] = [new(f) for f in plan["focus"]]
    for item in role["checklist"]:
        item["id"] = new(item["id"])
