"""Roles, nodes and links in SQLite: rows in, domain values out.

Methods that write expect to run inside `Store.transaction()`; the caller
decides what one transaction holds (a node and its links go together). The
statements are plain sqlite3 on the store's connection: autosave must stay
under 5 ms and start-up must not pay for importing sqlite-utils.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from rolemap.domain.entities import Category, Link, Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.errors import ConflictError

_ROLE_COLUMNS = (
    "id, name, purpose, accountabilities, domains, decision_rights, review_cadence, "
    "categories, ideal_allocation, purposeful_target, created, weekly_capacity, "
    "successor_notes, position"
)
_NODE_COLUMNS = "id, role_id, kind, title, notes, x, y, details"
# What a role owns besides its map and records, children before parents.
_ROLE_OWNED = (
    "time_rules",
    "review_actions",
    "reviews",
    "plan_hours",
    "plan_outputs",
    "plan_focus",
    "week_plans",
    "checklist_items",
)
_LINK_COLUMNS = "id, role_id, source, target, weight, confidence, note"


class RoleRepository:
    """Reads and writes roles, nodes and links through one Store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- reading ---------------------------------------------------------

    def list_roles(self) -> list[Role]:
        """Every role, in the order the person arranged them."""
        rows = self._conn.execute(
            f"SELECT {_ROLE_COLUMNS} FROM roles ORDER BY position, name"
        ).fetchall()
        return [_role(row) for row in rows]

    def get_role(self, role_id: str) -> Role | None:
        """One role, or None."""
        row = self._conn.execute(
            f"SELECT {_ROLE_COLUMNS} FROM roles WHERE id = ?", (role_id,)
        ).fetchone()
        return _role(row) if row else None

    def get_node(self, node_id: str) -> Node | None:
        """One node of any role, or None."""
        row = self._conn.execute(
            f"SELECT {_NODE_COLUMNS} FROM nodes WHERE id = ?", (node_id,)
        ).fetchone()
        return _node(row) if row else None

    def load_map(self, role_id: str) -> RoleMap:
        """A role with all its nodes and links. KeyError if there is no such role."""
        role = self.get_role(role_id)
        if role is None:
            raise KeyError(role_id)
        nodes = self._conn.execute(
            f"SELECT {_NODE_COLUMNS} FROM nodes WHERE role_id = ?", (role_id,)
        ).fetchall()
        links = self._conn.execute(
            f"SELECT {_LINK_COLUMNS} FROM links WHERE role_id = ?", (role_id,)
        ).fetchall()
        loaded = [_node(row) for row in nodes]
        ids = {node.id for node in loaded}
        # A link that leaves its role (written by an older import) would break every
        # view; it stays in the file for `rolemap check` to report, off the map.
        inside = (link for link in map(_link, links) if link.source in ids and link.target in ids)
        return RoleMap.build(role, loaded, inside)

    # -- writing (inside Store.transaction) -------------------------------

    def put_role(self, role: Role, position: int | None = None) -> None:
        """Insert or replace a role's own fields (its nodes are untouched)."""
        if position is None:
            row = (
                self._conn.execute("SELECT position FROM roles WHERE id = ?", (role.id,)).fetchone()
                or self._conn.execute(
                    "SELECT coalesce(max(position), -1) + 1 FROM roles"
                ).fetchone()
            )
            position = int(row[0])
        self._conn.execute(
            "INSERT INTO roles (" + _ROLE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET name=excluded.name, purpose=excluded.purpose, "
            "accountabilities=excluded.accountabilities, domains=excluded.domains, "
            "decision_rights=excluded.decision_rights, review_cadence=excluded.review_cadence, "
            "categories=excluded.categories, ideal_allocation=excluded.ideal_allocation, "
            "purposeful_target=excluded.purposeful_target, created=excluded.created, "
            "weekly_capacity=excluded.weekly_capacity, successor_notes=excluded.successor_notes, "
            "position=excluded.position",
            (*_role_row(role), position),
        )

    def delete_role(self, role_id: str) -> None:
        """Remove a role with everything on its map, its reviews, plans and rules."""
        for table in _ROLE_OWNED:
            self._conn.execute(f"DELETE FROM {table} WHERE role_id = ?", (role_id,))
        self._conn.execute("DELETE FROM links WHERE role_id = ?", (role_id,))
        for table, column in (
            ("time_entries", "activity_id"),
            ("deliveries", "output_id"),
            ("checkins", "outcome_id"),
        ):
            self._conn.execute(
                f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM nodes WHERE role_id = ?)",
                (role_id,),
            )
        self._conn.execute("DELETE FROM nodes WHERE role_id = ?", (role_id,))
        self._conn.execute("DELETE FROM roles WHERE id = ?", (role_id,))

    def insert_nodes(self, nodes: Iterable[Node]) -> None:
        """Insert new nodes; an id already in the file is a ConflictError, never a replacement."""
        self._conn.executemany(
            f"INSERT INTO nodes ({_NODE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
            [_node_row(node) for node in nodes],
        )

    def update_nodes(self, nodes: Iterable[Node]) -> None:
        """Change nodes that must still exist; ConflictError if one is gone.

        An edit made on a map loaded earlier must not bring back a node that
        another program deleted meanwhile (INSERT OR REPLACE would).
        """
        rows = [(*_node_row(node)[1:], node.id) for node in nodes]
        if not rows:
            return
        cursor = self._conn.executemany(
            "UPDATE nodes SET role_id=?, kind=?, title=?, notes=?, x=?, y=?, details=? WHERE id=?",
            rows,
        )
        if cursor.rowcount != len(rows):
            raise ConflictError("a node it changes is no longer in the file.")

    def delete_nodes(self, node_ids: Iterable[str]) -> None:
        """Remove nodes; their links must be removed first (foreign keys hold)."""
        self._conn.executemany("DELETE FROM nodes WHERE id = ?", [(i,) for i in node_ids])

    def insert_links(self, links: Iterable[Link]) -> None:
        """Insert new links; an id already in the file is a ConflictError, never a replacement."""
        self._conn.executemany(
            f"INSERT INTO links ({_LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
            [_link_row(link) for link in links],
        )

    def update_links(self, links: Iterable[Link]) -> None:
        """Change links that must still exist; ConflictError if one is gone."""
        rows = [(*_link_row(link)[1:], link.id) for link in links]
        if not rows:
            return
        cursor = self._conn.executemany(
            "UPDATE links SET role_id=?, source=?, target=?, weight=?, confidence=?, note=? "
            "WHERE id=?",
            rows,
        )
        if cursor.rowcount != len(rows):
            raise ConflictError("a link it changes is no longer in the file.")

    def delete_links(self, link_ids: Iterable[str]) -> None:
        """Remove links."""
        self._conn.executemany("DELETE FROM links WHERE id = ?", [(i,) for i in link_ids])

    def insert_map(self, role_map: RoleMap, position: int | None = None) -> None:
        """Write a whole new role map (a new role, or an import); its ids must be unused."""
        self.put_role(role_map.role, position)
        self.insert_nodes(role_map.nodes.values())
        self.insert_links(role_map.links.values())


# -- rows ↔ values ------------------------------------------------------------


def _role_row(role: Role) -> tuple[Any, ...]:
    return (
        role.id,
        role.name,
        role.purpose,
        json.dumps(list(role.accountabilities)),
        json.dumps(list(role.domains)),
        json.dumps(list(role.decision_rights)),
        role.review_cadence,
        json.dumps([[c.name, c.colour] for c in role.categories]),
        json.dumps(dict(role.ideal_allocation), sort_keys=True),
        role.purposeful_target,
        role.created,
        role.weekly_capacity,
        role.successor_notes,
    )


def _role(row: tuple[Any, ...]) -> Role:
    return Role(
        id=row[0],
        name=row[1],
        purpose=row[2] or "",
        accountabilities=tuple(json.loads(row[3] or "[]")),
        domains=tuple(json.loads(row[4] or "[]")),
        decision_rights=tuple(json.loads(row[5] or "[]")),
        review_cadence=row[6] or "month",
        categories=tuple(Category(n, c) for n, c in json.loads(row[7] or "[]")),
        ideal_allocation=json.loads(row[8] or "{}"),
        purposeful_target=row[9] if row[9] is not None else 0.7,
        created=row[10] or "",
        weekly_capacity=row[11] if row[11] is not None else 40.0,
        successor_notes=row[12] or "",
    )


def _node_row(node: Node) -> tuple[Any, ...]:
    return (
        node.id,
        node.role_id,
        node.kind.value,
        node.title,
        node.notes,
        node.x,
        node.y,
        json.dumps(dict(node.details), sort_keys=True),
    )


def _node(row: tuple[Any, ...]) -> Node:
    return Node(
        id=row[0],
        role_id=row[1],
        kind=NodeKind(row[2]),
        title=row[3],
        notes=row[4] or "",
        x=row[5],
        y=row[6],
        details=json.loads(row[7] or "{}"),
    )


def _link_row(link: Link) -> tuple[Any, ...]:
    return (
        link.id,
        link.role_id,
        link.source,
        link.target,
        link.weight,
        link.confidence,
        link.note,
    )


def _link(row: tuple[Any, ...]) -> Link:
    return Link(
        id=row[0],
        role_id=row[1],
        source=row[2],
        target=row[3],
        weight=row[4],
        confidence=row[5],
        note=row[6] or "",
    )
