"""Lines of sight through one node: what feeds it, what it leads to, read as sentences.

`trace(role_map, node_id)` gives the nodes and links on some path through the
node (upstream and downstream, complete) and the paths themselves from a
source (nothing feeds it) to an end (it leads nowhere further), capped so a
busy node on a large map cannot produce millions of sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rolemap.domain.role_map import RoleMap

MAX_PATHS = 60
ARROW = " → "


@dataclass(frozen=True, slots=True)
class Trace:
    """Everything on a path through `node_id`."""

    node_id: str
    nodes: frozenset[str]
    links: frozenset[str]
    paths: tuple[tuple[str, ...], ...]
    truncated: bool  # more paths exist than `paths` holds


def _reach(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        for other in graph.get(stack.pop(), ()):
            if other not in seen:
                seen.add(other)
                stack.append(other)
    return seen


def _chains(start: str, graph: dict[str, list[str]], limit: int) -> Iterator[tuple[str, ...]]:
    """Maximal chains from `start` along `graph`, at most `limit` of them (depth first)."""
    stack: list[tuple[str, ...]] = [(start,)]
    produced = 0
    while stack and produced < limit:
        chain = stack.pop()
        following = graph.get(chain[-1], [])
        if not following:
            produced += 1
            yield chain
            continue
        for other in reversed(following):
            if other not in chain:  # the lane rule forbids cycles; guard anyway
                stack.append((*chain, other))


def trace(role_map: RoleMap, node_id: str, limit: int = MAX_PATHS) -> Trace:
    """The lines of sight through `node_id`, at most `limit` paths (sorted by title)."""
    titles = {n.id: n.title.casefold() for n in role_map}
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for link in role_map.links.values():
        forward.setdefault(link.source, []).append(link.target)
        backward.setdefault(link.target, []).append(link.source)
    for graph in (forward, backward):
        for ids in graph.values():
            ids.sort(key=lambda i: titles.get(i, ""))
    upstream = _reach(node_id, backward)
    downstream = _reach(node_id, forward)
    before = upstream | {node_id}
    after = downstream | {node_id}
    links = frozenset(
        link.id for link in role_map.links.values() if link.target in before or link.source in after
    )
    heads = list(_chains(node_id, backward, limit + 1))
    tails = list(_chains(node_id, forward, limit + 1))
    paths: list[tuple[str, ...]] = []
    truncated = len(heads) > limit or len(tails) > limit
    for head in heads[:limit]:
        for tail in tails[:limit]:
            if len(paths) == limit:
                truncated = True
                break
            paths.append(tuple(reversed(head)) + tail[1:])
    return Trace(node_id, frozenset(before | after), links, tuple(paths), truncated)


def sentence(role_map: RoleMap, path: tuple[str, ...]) -> str:
    """A path read in words: "Weekly 1:1s → Growth plans → Team retention ≥ 90 %"."""
    return ARROW.join(role_map.nodes[i].title for i in path if i in role_map.nodes)
