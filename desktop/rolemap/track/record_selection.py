"""A Track table's filter and sort as a selection of the store (a RecordQuery).

Which nodes' records show — the role's nodes of the table's kind, narrowed
to the filter's nodes and category — in which order their runs come for a
by-node column (by title, or by category then title), and which nodes' title
or category holds the filter's text. No Qt: the role map in, a query out.
"""

from __future__ import annotations

from collections.abc import Callable

from rolemap.domain.entities import Node
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import RecordKind
from rolemap.store.record_query import RecordQuery
from rolemap.track.record_filter import RecordFilter

NODE_KINDS = {
    RecordKind.TIME_ENTRIES: NodeKind.ACTIVITY,
    RecordKind.DELIVERIES: NodeKind.OUTPUT,
    RecordKind.CHECKINS: NodeKind.OUTCOME,
}


def category(node: Node) -> str:
    """An activity's category ("Other" when unset); "" for other kinds."""
    if node.kind is not NodeKind.ACTIVITY:
        return ""
    return str(node.detail("category") or "Other")


def selection(
    kind: RecordKind,
    role_map: RoleMap | None,
    record_filter: RecordFilter,
    *,
    order: str,
    by: str,
    descending: bool,
    bounds: tuple[int | str | None, int | str | None],
) -> RecordQuery:
    """The records of `kind` the filter keeps, in a column's order.

    Args:
        order: the store's order of the column ("start", "duration", …).
        by: for a by-node column, "title" or "category": the order of its runs.
        bounds: the filter's dates as bounds of the date column.
    """
    nodes = _chosen(role_map, NODE_KINDS[kind], record_filter)
    if by:
        nodes.sort(key=_node_order(by), reverse=descending)
    text = record_filter.text.strip()
    wanted = text.casefold()
    text_nodes = frozenset(
        n.id
        for n in nodes
        if wanted and (wanted in n.title.casefold() or wanted in category(n).casefold())
    )
    return RecordQuery(
        kind,
        tuple(n.id for n in nodes),
        "node" if by else order,
        descending,
        bounds[0],
        bounds[1],
        text,
        text_nodes,
    )


def _chosen(role_map: RoleMap | None, kind: NodeKind, record_filter: RecordFilter) -> list[Node]:
    if role_map is None:
        return []
    chosen, wanted = record_filter.nodes, record_filter.category
    return [
        node
        for node in role_map.nodes_of(kind)
        if (chosen is None or node.id in chosen) and (wanted is None or category(node) == wanted)
    ]


def _node_order(by: str) -> Callable[[Node], tuple[str, ...]]:
    if by == "category":
        return lambda n: (category(n).casefold(), n.title.casefold(), n.id)
    return lambda n: (n.title.casefold(), n.id)
