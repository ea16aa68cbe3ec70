"""RoleMap: one role with its nodes and links, and the queries over them.

The document owns one RoleMap per open role and changes it only through the
`put_*`/`drop_*` mutators, after the store has committed the change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rolemap.domain.entities import Link, Node, Role
from rolemap.domain.kinds import NodeKind


@dataclass
class RoleMap:
    """A role, its nodes by id and its links by id."""

    role: Role
    nodes: dict[str, Node] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)

    @classmethod
    def build(cls, role: Role, nodes: Iterable[Node], links: Iterable[Link]) -> RoleMap:
        """A map from loose parts (as loaded from the store or a file)."""
        return cls(role, {n.id: n for n in nodes}, {link.id: link for link in links})

    # -- queries ---------------------------------------------------------

    def nodes_of(self, kind: NodeKind) -> list[Node]:
        """The nodes of one kind, top to bottom."""
        return sorted((n for n in self.nodes.values() if n.kind is kind), key=lambda n: n.y)

    def outgoing(self, node_id: str) -> list[Link]:
        """Links that leave `node_id`."""
        return [link for link in self.links.values() if link.source == node_id]

    def incoming(self, node_id: str) -> list[Link]:
        """Links that arrive at `node_id`."""
        return [link for link in self.links.values() if link.target == node_id]

    def links_of(self, node_id: str) -> list[Link]:
        """Every link touching `node_id`."""
        return [link for link in self.links.values() if node_id in (link.source, link.target)]

    def find_link(self, source: str, target: str) -> Link | None:
        """The link from `source` to `target`, if there is one."""
        for link in self.links.values():
            if link.source == source and link.target == target:
                return link
        return None

    def successors(self) -> dict[str, list[str]]:
        """Adjacency: node id → ids its links lead to."""
        graph: dict[str, list[str]] = {node_id: [] for node_id in self.nodes}
        for link in self.links.values():
            graph[link.source].append(link.target)
        return graph

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())

    # -- mutators (the document calls these after a committed save) -------

    def put_node(self, node: Node) -> None:
        """Add or replace a node."""
        self.nodes[node.id] = node

    def drop_node(self, node_id: str) -> None:
        """Remove a node; its links must already be gone."""
        del self.nodes[node_id]

    def put_link(self, link: Link) -> None:
        """Add or replace a link."""
        self.links[link.id] = link

    def drop_link(self, link_id: str) -> None:
        """Remove a link."""
        del self.links[link_id]
