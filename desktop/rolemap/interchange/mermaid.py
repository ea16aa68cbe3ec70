"""The map as a Mermaid flowchart (`flowchart LR`), for Markdown that renders Mermaid.

One `subgraph` per non-empty lane, labelled with the lane's title; nodes get
short generated ids (`n1`, `n2`, …: never Mermaid's `end`, never a UUID);
titles are quoted with Mermaid's entity codes for the characters that would
end the string or be read as HTML or Markdown (`#quot;`, `#lt;`, `#35;` …);
a title's line breaks become `<br>`. Each kind is a `classDef` in its colours.
Export only: Mermaid is a drawing language, not a map file.
"""

from __future__ import annotations

from collections.abc import Iterable

from rolemap.domain.kinds import LANE_ORDER
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.import_rules import clean_line, clean_notes
from rolemap.interchange.kind_colours import INK, KIND_ACCENT, KIND_FILL, LINK

# Entity codes Mermaid decodes inside a quoted label ("#35;" is "#": a bare "#"
# would start an entity of its own).
_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
}


def quote(text: str) -> str:
    """`text` as a quoted Mermaid label."""
    text, _ = clean_notes(text)
    escaped = "".join(_ENTITIES.get(c, c) for c in text)
    return '"' + escaped.replace("\t", " ").replace("\n", "<br>") + '"'


def dumps(role_map: RoleMap) -> str:
    """The whole map as a Mermaid flowchart."""
    return dumps_selection(role_map, role_map.nodes)


def dumps_selection(role_map: RoleMap, node_ids: Iterable[str]) -> str:
    """The nodes `node_ids` and the links between them (Edit → Copy as Mermaid)."""
    chosen = set(node_ids)
    name, _ = clean_line(role_map.role.name)
    lines = [f"%% Rolemap: {name}" if name else "%% Rolemap", "flowchart LR"]
    for kind in LANE_ORDER:
        lines.append(
            f"    classDef {kind.value} fill:{KIND_FILL[kind]},stroke:{KIND_ACCENT[kind]},"
            f"color:{INK}"
        )
    short: dict[str, str] = {}
    for kind in LANE_ORDER:
        nodes = [n for n in role_map.nodes_of(kind) if n.id in chosen]
        if not nodes:
            continue
        lines.append(f"    subgraph lane_{kind.value}[{quote(kind.lane_title)}]")
        for node in nodes:
            short[node.id] = f"n{len(short) + 1}"
            lines.append(f"        {short[node.id]}[{quote(node.title)}]:::{kind.value}")
        lines.append("    end")
    links = sorted(
        (short[k.source], short[k.target])
        for k in role_map.links.values()
        if k.source in short and k.target in short
    )
    lines += [f"    {a} --> {b}" for a, b in sorted(links, key=lambda p: (int(p[0][1:]), p[1]))]
    if links:
        lines.append(f"    linkStyle default stroke:{LINK}")
    return "\n".join(lines) + "\n"
