"""The lane rule: links run forward through the lanes, one link per pair.

input → activity → output → outcome, and an activity may link straight to an
outcome. Anything else is refused with a message that says why.
"""

from __future__ import annotations

from rolemap.domain.errors import LinkRefusedError
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap

ALLOWED: frozenset[tuple[NodeKind, NodeKind]] = frozenset(
    {
        (NodeKind.INPUT, NodeKind.ACTIVITY),
        (NodeKind.ACTIVITY, NodeKind.OUTPUT),
        (NodeKind.ACTIVITY, NodeKind.OUTCOME),
        (NodeKind.OUTPUT, NodeKind.OUTCOME),
    }
)


def kinds_may_link(source: NodeKind, target: NodeKind) -> bool:
    """Whether the lane rule lets a `source` node link to a `target` node."""
    return (source, target) in ALLOWED


def lane_rule_message(source: NodeKind, target: NodeKind) -> str:
    """Why a link from `source` to `target` is refused, in plain words."""
    allowed = [t.value for s, t in sorted(ALLOWED, key=lambda p: p[1].lane) if s is source]
    if not allowed:
        return f"Nothing follows an {source.value}: links end at outcomes."
    article = "An" if source.value[0] in "aeiou" else "A"
    return (
        f"{article} {source.value} cannot link to {_article(target)} {target.value}: "
        f"links run forward, {source.value} → {' or '.join(allowed)}."
    )


def _article(kind: NodeKind) -> str:
    return "an" if kind.value[0] in "aeiou" else "a"


def check_link(role_map: RoleMap, source_id: str, target_id: str) -> None:
    """Raise LinkRefusedError unless a new link `source_id` → `target_id` is allowed."""
    if source_id == target_id:
        raise LinkRefusedError("A node cannot link to itself.")
    try:
        source = role_map.nodes[source_id]
        target = role_map.nodes[target_id]
    except KeyError:
        raise LinkRefusedError("Both ends of a link must be on this role's map.") from None
    if not kinds_may_link(source.kind, target.kind):
        raise LinkRefusedError(lane_rule_message(source.kind, target.kind))
    if role_map.find_link(source_id, target_id) is not None:
        raise LinkRefusedError(f"‘{source.title}’ already links to ‘{target.title}’.")
