"""Writing GraphML for yEd, networkx and Gephi at once (`graphml.dumps`; reading is in graphml).

Every value is in a plain data key that any GraphML reader shows, and the
node's look (geometry, fill, outline, label) is repeated in yEd's
`y:ShapeNode` extension, which is all yEd reads for a label.
"""

from __future__ import annotations

import math
import re

from rolemap.domain import geometry
from rolemap.domain.fields import FIELDS
from rolemap.domain.kinds import LANE_ORDER
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.kind_colours import INK, KIND_ACCENT, KIND_FILL, LINK

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
_XSD = "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"
_ATTR_TYPES = {"hours": "double", "number": "double", "bool": "boolean", "rubric": "int"}
# What XML 1.0 allows: tab, newline, carriage return and everything from space up,
# less the surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` escaped for XML content or a double-quoted attribute; forbidden characters removed."""
    text = _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def dumps(role_map: RoleMap) -> str:
    """The map as GraphML (UTF-8 text)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:y="{Y_NS}"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' xsi:schemaLocation="{GRAPHML_NS} {_XSD}">',
        '  <key id="role_name" for="graph" attr.name="name" attr.type="string"/>',
        '  <key id="purpose" for="graph" attr.name="purpose" attr.type="string"/>',
    ]
    written: set[str] = set()
    for name in ("title", "kind", "notes"):
        lines.append(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="string"/>')
    for kind in LANE_ORDER:
        for spec in FIELDS[kind]:
            if spec.name not in written:
                written.add(spec.name)
                attr_type = _ATTR_TYPES.get(spec.type, "string")
                lines.append(
                    f'  <key id="{spec.name}" for="node" attr.name="{spec.name}"'
                    f' attr.type="{attr_type}"/>'
                )
    lines += [
        '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
        '  <key id="confidence" for="edge" attr.name="confidence" attr.type="double"/>',
        '  <key id="note" for="edge" attr.name="note" attr.type="string"/>',
        '  <key id="nodegraphics" for="node" yfiles.type="nodegraphics"/>',
        '  <key id="edgegraphics" for="edge" yfiles.type="edgegraphics"/>',
        '  <graph id="G" edgedefault="directed">',
        f'    <data key="role_name">{xml_text(role_map.role.name)}</data>',
    ]
    if role_map.role.purpose:
        lines.append(f'    <data key="purpose">{xml_text(role_map.role.purpose)}</data>')
    short: dict[str, str] = {}
    for kind in LANE_ORDER:
        for node in role_map.nodes_of(kind):
            short[node.id] = f"n{len(short)}"
            lines.append(f'    <node id="{short[node.id]}">')
            lines.append(f'      <data key="title">{xml_text(node.title)}</data>')
            lines.append(f'      <data key="kind">{kind.value}</data>')
            if node.notes:
                lines.append(f'      <data key="notes">{xml_text(node.notes)}</data>')
            for spec in FIELDS[kind]:
                value = node.details.get(spec.name)
                if value is not None and value != "":
                    lines.append(f'      <data key="{spec.name}">{_value(value)}</data>')
            x, y = (float(v) if math.isfinite(v) else 0.0 for v in (node.x, node.y))
            lines += [
                '      <data key="nodegraphics">',
                "        <y:ShapeNode>",
                f'          <y:Geometry x="{x!r}" y="{y!r}" width="{geometry.NODE_WIDTH!r}"'
                f' height="{geometry.NODE_HEIGHT!r}"/>',
                f'          <y:Fill color="{KIND_FILL[kind].upper()}" transparent="false"/>',
                f'          <y:BorderStyle color="{KIND_ACCENT[kind].upper()}" type="line"'
                ' width="1.0"/>',
                '          <y:NodeLabel alignment="center" autoSizePolicy="content"'
                ' fontFamily="Dialog" fontSize="12" fontStyle="plain" modelName="internal"'
                f' modelPosition="c" textColor="{INK.upper()}" visible="true">'
                f"{xml_text(node.title)}</y:NodeLabel>",
                '          <y:Shape type="roundrectangle"/>',
                "        </y:ShapeNode>",
                "      </data>",
                "    </node>",
            ]
    links = sorted(
        role_map.links.values(), key=lambda k: (int(short[k.source][1:]), int(short[k.target][1:]))
    )
    for i, link in enumerate(links):
        lines.append(
            f'    <edge id="e{i}" source="{short[link.source]}" target="{short[link.target]}">'
        )
        if link.weight is not None:
            lines.append(f'      <data key="weight">{_value(float(link.weight))}</data>')
        if link.confidence is not None:
            lines.append(f'      <data key="confidence">{_value(float(link.confidence))}</data>')
        if link.note:
            lines.append(f'      <data key="note">{xml_text(link.note)}</data>')
        lines += [
            '      <data key="edgegraphics">',
            "        <y:PolyLineEdge>",
            f'          <y:LineStyle color="{LINK.upper()}" type="line" width="1.0"/>',
            '          <y:Arrows source="none" target="standard"/>',
            "        </y:PolyLineEdge>",
            "      </data>",
            "    </edge>",
        ]
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return xml_text(str(value))
