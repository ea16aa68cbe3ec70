"""The map as Graphviz DOT: `dot -Tsvg map.dot > map.svg` draws it lane by lane.

`newrank=true` and `rankdir=LR`; one `subgraph cluster_<lane>` per non-empty
lane, labelled with its title, its nodes on one rank; invisible edges between
neighbouring lanes keep them in order when no link joins them. Node ids are
generated (`n1`, …); every title is a quoted string with backslashes, quotes
and line breaks escaped, so DOT's keywords (`node`, `graph`, `subgraph` …)
are harmless. Each kind is filled with its colour. Export only.
"""

from __future__ import annotations

import itertools

from rolemap.domain.kinds import LANE_ORDER
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.import_rules import clean_notes
from rolemap.interchange.kind_colours import INK, KIND_ACCENT, KIND_FILL, LANE, LINK


def quote(text: str) -> str:
    """`text` as a DOT quoted string (a label's line breaks as `\\n`)."""
    text, _ = clean_notes(text)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", " ")
    return '"' + text.replace("\n", "\\n") + '"'


def label(text: str) -> str:
    """`text` as a quoted DOT label: Graphviz reads "&amp;" in a label as "&", so "&" is escaped."""
    return quote(text.replace("&", "&amp;"))


def dumps(role_map: RoleMap) -> str:
    """The map as a DOT digraph."""
    lines = [
        f"digraph {quote(role_map.role.name)} {{",
        "    newrank=true;",
        "    rankdir=LR;",
        f'    graph [fontname="Helvetica", fontcolor="{INK}", nodesep=0.25, ranksep=0.9];',
        '    node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11,'
        f' fontcolor="{INK}", margin="0.15,0.08"];',
        f'    edge [color="{LINK}", arrowsize=0.7];',
    ]
    short: dict[str, str] = {}
    firsts: list[str] = []
    for kind in LANE_ORDER:
        nodes = role_map.nodes_of(kind)
        if not nodes:
            continue
        lines += [
            f"    subgraph cluster_{kind.value} {{",
            f"        label={label(kind.lane_title)};",
            f'        style="rounded,filled"; color="{LANE}"; fillcolor="{LANE}";',
            "        rank=same;",
        ]
        for node in nodes:
            short[node.id] = f"n{len(short) + 1}"
            lines.append(
                f"        {short[node.id]} [label={label(node.title)}, "
                f'fillcolor="{KIND_FILL[kind]}", color="{KIND_ACCENT[kind]}"];'
            )
        lines.append("    }")
        firsts.append(short[nodes[0].id])
    # Lanes with no link between them would otherwise share a rank.
    lines += [f"    {a} -> {b} [style=invis];" for a, b in itertools.pairwise(firsts)]
    links = sorted(
        (int(short[k.source][1:]), int(short[k.target][1:])) for k in role_map.links.values()
    )
    lines += [f"    n{a} -> n{b};" for a, b in links]
    lines.append("}")
    return "\n".join(lines) + "\n"
