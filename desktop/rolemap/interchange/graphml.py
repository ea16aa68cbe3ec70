"""GraphML, in and out: readable by yEd (labels, fills), networkx and Gephi (data keys).

Out: plain data keys (`attr.name`: title, kind, notes, and every kind-specific
field: category, planned_hours, hands_on, clarity, …; on edges weight,
confidence, note; on the graph the role's name and purpose), and yEd's
`y:ShapeNode` with `y:Geometry`, `y:Fill` and `y:NodeLabel` under a
`yfiles.type="nodegraphics"` key: yEd shows no label from plain data keys.
Text is XML-escaped; characters XML 1.0 forbids (most control characters)
are removed.

In (`loads`): parsed with defusedxml and no DTD at all, so no entity is ever
expanded or fetched (a billion-laughs or external-entity file is refused).
Title: the `title` data key, else the yEd label, else a `label`/`name` key,
else the node's id. Kind: the `kind` (or `lane`) key ("activity",
"Outcomes", …); else the lane named by an enclosing yEd group node; else a
fill or outline in one of the kinds' colours; else its x position, against
the nodes whose kind is known, or by columns (`import_rules.infer_lanes`).
Group nodes are skipped, their members read.
Undirected edges are read in whichever direction the lane rule allows.
A yEd coordinate that is not a finite number within ±10¹² refuses the file;
a bad field, weight or confidence is a problem and left out. GraphML must be
UTF-8 (what yEd, networkx and Gephi write); an encoding declared inside the
file is not followed.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from rolemap.domain import geometry
from rolemap.domain.fields import FIELDS
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.interchange.errors import FormatError
from rolemap.interchange.graphml_writer import GRAPHML_NS, dumps
from rolemap.interchange.import_draft import ImportPreview, MapDraft, shown
from rolemap.interchange.import_rules import (
    MAX_LINKS,
    MAX_NODES,
    coordinate,
    decode,
    field_name,
    infer_lanes,
    kind_of_name,
)
from rolemap.interchange.kind_colours import kind_of_colour

__all__ = ["dumps", "loads"]

_FIELD_NAMES = {spec.name for kind in LANE_ORDER for spec in FIELDS[kind]}


@dataclass
class _Box:
    key: str
    where: str
    title: str = ""
    label: str = ""
    kind_text: str = ""
    notes: str = ""
    colours: list[str] = field(default_factory=list)
    x: float | None = None
    y: float | None = None
    width: float = geometry.NODE_WIDTH
    fields: dict[str, str] = field(default_factory=dict)


def loads(data: bytes | str, *, role_name: str = "Imported GraphML") -> ImportPreview:
    """Read a GraphML file (rules in the module docstring). Raises FormatError if refused."""
    root = _parse(decode(data, "GraphML file"))
    if _local(root) != "graphml":
        raise FormatError(f"Not GraphML: the file's root element is <{shown(str(root.tag))}>.")
    keys = {k.get("id", ""): k for k in root if _local(k) == "key"}
    graph = next((g for g in root if _local(g) == "graph"), None)
    if graph is None:
        raise FormatError("This GraphML file has no <graph> element.")
    parent = {child: up for up in root.iter() for child in up}
    elements = [el for el in root.iter() if _local(el) in ("node", "edge", "hyperedge")]
    count = sum(_local(el) == "node" for el in elements)
    if count > MAX_NODES:
        raise FormatError(f"This GraphML file has {count:,} nodes; Rolemap reads {MAX_NODES:,}.")
    if len(elements) - count > MAX_LINKS:
        raise FormatError(f"This GraphML file has over {MAX_LINKS:,} edges.")
    draft = MapDraft("GraphML file", role_name)
    for item in graph:
        name = _attr_name(keys, item)
        if name == "name" and item.text:
            draft.role_name = item.text
        elif name == "purpose" and item.text:
            draft.purpose = item.text
    lanes: dict[ET.Element, NodeKind | None] = {}
    boxes: list[tuple[_Box, NodeKind | None]] = []
    edges: list[tuple[ET.Element, str]] = []
    for number, el in enumerate(elements, start=1):
        up = parent.get(el)
        group = parent.get(up) if up is not None else None
        inherited = lanes.get(group) if group is not None else None
        kind_name = _local(el)
        if kind_name == "hyperedge":
            draft.problem(f"A hyperedge (element {number}) was skipped.")
            continue
        el_id = el.get("id")
        where = f"<{kind_name}> {number}" + (f" (‘{shown(el_id)}’)" if el_id else "")
        if kind_name == "edge":
            edges.append((el, where))
            continue
        if el_id is None:
            raise FormatError(f"{where} has no id.")
        box = _box(el, keys, el_id, where)
        if any(_local(child) == "graph" for child in el):
            lanes[el] = kind_of_name(box.label or box.title) or inherited
            draft.skip(el_id, "a group node", where)
            continue
        by_colour = next(filter(None, map(kind_of_colour, box.colours)), None)
        boxes.append((box, kind_of_name(box.kind_text) or inherited or by_colour))
    _add_nodes(draft, boxes)
    for el, where in edges:
        _add_edge(draft, el, keys, where, parent)
    return draft.finish()


def _parse(text: str) -> ET.Element:
    try:
        root: ET.Element = SafeET.fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        raise FormatError(
            "This GraphML file declares a DTD or entities (<!DOCTYPE …>): Rolemap refuses "
            "them, so nothing in it is expanded or fetched."
        ) from None
    except ET.ParseError as error:
        raise FormatError(f"Not well-formed XML: {error}.") from None
    except UnicodeError:  # a str given with lone surrogates cannot go to the parser as UTF-8
        raise FormatError("This GraphML text is not valid Unicode.") from None
    return root


def _local(el: ET.Element) -> str:
    """An element's name in GraphML's namespace (or none); "" for other namespaces' elements."""
    tag = el.tag if isinstance(el.tag, str) else ""
    space, _, name = tag.rpartition("}")
    return name if space in ("", "{" + GRAPHML_NS) else ""


def _attr_name(keys: dict[str, ET.Element], data: ET.Element) -> str:
    if _local(data) != "data":
        return ""
    key = keys.get(data.get("key", ""))
    return field_name(key.get("attr.name", "")) if key is not None else ""


def _box(el: ET.Element, keys: dict[str, ET.Element], el_id: str, where: str) -> _Box:
    box = _Box(el_id, where)
    for data in el:
        key = keys.get(data.get("key", "")) if _local(data) == "data" else None
        if key is None:
            continue
        if key.get("yfiles.type") == "nodegraphics":
            _read_yed(box, data, where)
            continue
        name, text = field_name(key.get("attr.name", "")), data.text or ""
        if name == "title":
            box.title = text
        elif name in ("label", "name"):
            box.label = box.label or text
        elif name in ("kind", "lane"):
            box.kind_text = text
        elif name in ("notes", "note", "description"):
            box.notes = text
        elif name in _FIELD_NAMES:
            box.fields[name] = text
    return box


def _read_yed(box: _Box, data: ET.Element, where: str) -> None:
    for part in data.iter():
        name = part.tag.rpartition("}")[2] if isinstance(part.tag, str) else ""
        if name == "NodeLabel" and not box.label and part.text and part.text.strip():
            box.label = part.text
        elif name in ("Fill", "BorderStyle"):
            box.colours.append(part.get("color", ""))
        elif name == "Geometry" and box.x is None:
            x, y, width = (_number(part.get(n, "0"), n, where) for n in ("x", "y", "width"))
            box.x, box.y, box.width = x + width / 2, y, width


def _number(text: str, name: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FormatError(f"{where}: the {name} “{text[:40]}” is not a number.") from None
    return coordinate(value, name, where)


def _add_nodes(draft: MapDraft, boxes: list[tuple[_Box, NodeKind | None]]) -> None:
    for box, _ in boxes:
        if box.kind_text.strip() and kind_of_name(box.kind_text) is None:
            draft.problem(f"{box.where}: “{box.kind_text[:40]}” is not a kind; ignored.")
    known: dict[NodeKind, list[float]] = {}
    for box, kind in boxes:
        if kind is not None and box.x is not None:
            known.setdefault(kind, []).append(box.x)
    loose = [box for box, kind in boxes if kind is None]
    widths = sorted(box.width for box in loose) or [geometry.NODE_WIDTH]
    guesses = iter(
        infer_lanes(
            [box.x or 0.0 for box in loose],
            {kind: sum(xs) / len(xs) for kind, xs in known.items()},
            widths[len(widths) // 2] or geometry.NODE_WIDTH,
        )
    )
    if loose:
        draft.problem(f"Nodes that name no kind ({len(loose)}) were placed by their x position.")
    for seq, (box, found) in enumerate(boxes):
        kind = found or next(guesses)
        draft.add_node(
            box.key,
            kind,
            box.title or box.label or box.key,
            where=box.where,
            notes=box.notes,
            fields={n: v for n, v in box.fields.items() if n in {s.name for s in FIELDS[kind]}},
            order=box.y if box.y is not None else float(seq),
        )


def _add_edge(
    draft: MapDraft,
    el: ET.Element,
    keys: dict[str, ET.Element],
    where: str,
    parent: dict[ET.Element, ET.Element],
) -> None:
    source, target = el.get("source"), el.get("target")
    if source is None or target is None:
        raise FormatError(f"{where} has no {'source' if source is None else 'target'}.")
    graph = parent.get(el)
    default = graph.get("edgedefault", "directed") if graph is not None else "directed"
    undirected = el.get("directed", "true" if default == "directed" else "false") == "false"
    weight = confidence = None
    note = ""
    for data in el:
        name, text = _attr_name(keys, data), (data.text or "").strip()
        if name == "note" or name == "notes":
            note = data.text or ""
        elif name in ("weight", "confidence") and text:
            try:
                value = float(text)
            except ValueError:
                value = math.nan
            low, high = (0.0, math.inf) if name == "weight" else (0.0, 1.0)
            if not (math.isfinite(value) and low <= value <= high and (name != "weight" or value)):
                draft.problem(f"{where}: the {name} “{text[:40]}” was left out.")
            elif name == "weight":
                weight = value
            else:
                confidence = value
    draft.add_link(
        source,
        target,
        where=where,
        either_way=undirected,
        weight=weight,
        confidence=confidence,
        note=note,
    )
