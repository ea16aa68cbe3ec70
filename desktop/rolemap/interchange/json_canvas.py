"""JSON Canvas 1.0 (Obsidian's `.canvas`, https://jsoncanvas.org/spec/1.0/), in and out.

Out: one `group` node per non-empty lane, labelled with the lane's title; one
`text` node per map node inside its lane's group (first line: the title,
Markdown-escaped; then a blank line and the notes); one edge per link, from
the right side of its source to an arrow on the left side of its target.
Geometry is whole pixels; colours are each kind's accent ("#rrggbb").
Kind-specific fields are not carried: the lane a box sits in is its kind.

In (`loads`), to an `ImportPreview`:

- A text node's kind is the lane named by the smallest group it sits in
  ("Inputs", "activity", … any case; its centre inside the group). Outside
  such groups, a box coloured with a kind's accent is of that kind. Any other
  box is placed by its x (`import_rules.infer_lanes`): against the lane
  groups when there are some, else by columns (left to right: Activities,
  Outputs, Outcomes; with four columns, Inputs first).
- Title: the first non-blank line of the text (a leading Markdown heading
  marker is dropped, escapes undone); notes: the lines after it.
- File, link and unknown nodes are skipped with a problem, and so are edges
  to them or to groups (groups themselves are only containers).
- An edge runs from `fromNode` to `toNode`, or the other way when only its
  `fromEnd` is an arrow; with arrows at both ends or none, it is read in
  whichever direction the lane rule allows.
- The spec's types are checked: ids are strings used once, geometry is a
  number (fractions are accepted) within ±10¹², widths are not negative;
  NaN, Infinity and nesting too deep for a canvas are refused.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from rolemap.domain import geometry
from rolemap.domain.entities import Link
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.errors import FormatError
from rolemap.interchange.import_draft import ImportPreview, MapDraft, shown
from rolemap.interchange.import_rules import (
    MAX_COORDINATE,
    MAX_LINKS,
    MAX_NODES,
    clean_line,
    decode,
    infer_lanes,
    kind_of_name,
)
from rolemap.interchange.kind_colours import KIND_ACCENT, kind_of_colour
from rolemap.interchange.markdown_outline import escape, unescape
from rolemap.interchange.safe_json import load_json

GROUP_HEADER = 40  # room above the first box, under the group's label
MAX_LANE_GROUPS = 64  # a group-in-group test is O(boxes × groups); real canvases have four
_HEADING_MARK = re.compile(r"^#{1,6}\s+")


def dumps(role_map: RoleMap) -> str:
    """The map as a JSON Canvas document (tab-indented, as Obsidian writes it)."""
    lanes = [(kind, role_map.nodes_of(kind)) for kind in LANE_ORDER]
    ys = [_whole(node.y) for _, nodes in lanes for node in nodes]
    top = min(ys, default=0) - GROUP_HEADER
    bottom = max(ys, default=0) + int(geometry.NODE_HEIGHT) + GROUP_HEADER // 2
    boxes: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for kind, nodes in lanes:
        if not nodes:
            continue
        colour = KIND_ACCENT[kind]
        boxes.append(
            {
                "id": f"lane-{kind.value}",
                "type": "group",
                "x": int(geometry.lane_left(kind)) + 8,
                "y": top,
                "width": int(geometry.LANE_WIDTH) - 16,
                "height": bottom - top,
                "color": colour,
                "label": kind.lane_title,
            }
        )
        for node in nodes:
            ids[node.id] = f"node-{len(ids) + 1}"
            notes = node.notes.strip()
            boxes.append(
                {
                    "id": ids[node.id],
                    "type": "text",
                    "x": round(geometry.home_x(kind)),
                    "y": _whole(node.y),
                    "width": int(geometry.NODE_WIDTH),
                    "height": int(geometry.NODE_HEIGHT),
                    "color": colour,
                    "text": escape(clean_line(node.title)[0]) + (f"\n\n{notes}" if notes else ""),
                }
            )
    edges = [
        {
            "id": f"edge-{i}",
            "fromNode": ids[link.source],
            "fromSide": "right",
            "toNode": ids[link.target],
            "toSide": "left",
            "toEnd": "arrow",
        }
        for i, link in enumerate(_links_in_order(role_map, ids), start=1)
    ]
    document = {"nodes": boxes, "edges": edges}
    return json.dumps(document, indent="\t", ensure_ascii=False, allow_nan=False) + "\n"


def loads(data: bytes | str, *, role_name: str = "Imported canvas") -> ImportPreview:
    """Read a JSON Canvas (rules in the module docstring). Raises FormatError for a refused file."""
    document = _parse(decode(data, "JSON Canvas file"))
    if not isinstance(document, dict):
        raise FormatError("Not a JSON Canvas: the file is not an object with nodes and edges.")
    items, edges = document.get("nodes", []), document.get("edges", [])
    for name, value, limit in (("nodes", items, MAX_NODES), ("edges", edges, MAX_LINKS)):
        if not isinstance(value, list):
            raise FormatError(f"“{name}” is not a list.")
        if len(value) > limit:
            raise FormatError(f"This canvas has {len(value):,} {name}; Rolemap reads {limit:,}.")
    boxes = [_box(item, f"Node {i}") for i, item in enumerate(items, start=1)]
    draft = MapDraft("canvas", role_name)
    groups = [b for b in boxes if b["type"] == "group" and kind_of_name(b.get("label", ""))]
    if len(groups) > MAX_LANE_GROUPS:
        draft.problem(f"Only the first {MAX_LANE_GROUPS} groups naming a lane were read as lanes.")
        groups = groups[:MAX_LANE_GROUPS]
    texts: list[tuple[dict[str, Any], NodeKind | None]] = []
    for box in boxes:
        if box["type"] == "text":
            kind = _group_lane(box, groups) or kind_of_colour(box.get("color", ""))
            texts.append((box, kind))
        else:
            report = box["type"] != "group"
            draft.skip(box["id"], f"a {box['type']} node", box["where"], report=report)
    known = _mean_x((kind_of_name(g["label"]), g) for g in groups)
    loose = [box for box, kind in texts if kind is None]
    width = sorted(b["width"] for b in loose)[len(loose) // 2] if loose else 0
    guesses = iter(infer_lanes(_centres(loose), known, width or geometry.NODE_WIDTH))
    if loose:
        draft.problem(f"Boxes in no lane group ({len(loose)}) were placed by their x position.")
    for box, found in texts:
        kind = found or next(guesses)
        title, _, notes = box["text"].strip().partition("\n")
        draft.add_node(
            box["id"],
            kind,
            unescape(_HEADING_MARK.sub("", title.strip())),
            where=box["where"],
            notes=notes,
            order=box["y"],
        )
    seen: set[str] = set()
    for i, edge in enumerate(edges, start=1):
        _read_edge(draft, edge, f"Edge {i}", seen)
    return draft.finish()


def _parse(text: str) -> Any:
    # Texts are cleaned node by node (each fix listed as a problem), not refused here.
    return load_json(text, "canvas", check_text=False)


def _box(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise FormatError(f"{where} is not an object.")
    box_id = _string(item, "id", where, required=True)
    where = f"{where} (‘{shown(box_id)}’)"
    box: dict[str, Any] = {"id": box_id, "where": where}
    box["type"] = _string(item, "type", where, required=True)
    for name in ("x", "y", "width", "height"):
        value = item.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FormatError(f"{where}: “{name}” is not a number.")
        if name in ("width", "height") and value < 0:
            raise FormatError(f"{where}: “{name}” is negative.")
        if abs(value) > MAX_COORDINATE:  # before float(): a huge integer would overflow it
            raise FormatError(f"{where}: “{name}” is out of range.")
        box[name] = float(value)
    for name in ("color", "label"):
        if name in item:
            box[name] = _string(item, name, where)
    if box["type"] == "text":
        box["text"] = _string(item, "text", where, required=True)
    return box


def _string(item: dict[str, Any], name: str, where: str, *, required: bool = False) -> str:
    value = item.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise FormatError(f"{where}: “{name}” is {'missing' if value is None else 'not text'}.")
    return value


def _group_lane(box: dict[str, Any], groups: list[dict[str, Any]]) -> NodeKind | None:
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    holding = [
        g
        for g in groups
        if g["x"] <= cx <= g["x"] + g["width"] and g["y"] <= cy <= g["y"] + g["height"]
    ]
    if not holding:
        return None
    return kind_of_name(min(holding, key=lambda g: g["width"] * g["height"])["label"])


def _centres(boxes: list[dict[str, Any]]) -> list[float]:
    return [b["x"] + b["width"] / 2 for b in boxes]


def _mean_x(pairs: Iterable[tuple[NodeKind | None, dict[str, Any]]]) -> dict[NodeKind, float]:
    xs: dict[NodeKind, list[float]] = {}
    for kind, box in pairs:
        if kind is not None:
            xs.setdefault(kind, []).append(box["x"] + box["width"] / 2)
    return {kind: sum(values) / len(values) for kind, values in xs.items()}


def _read_edge(draft: MapDraft, edge: Any, where: str, seen: set[str]) -> None:
    if not isinstance(edge, dict):
        raise FormatError(f"{where} is not an object.")
    edge_id = _string(edge, "id", where, required=True)
    where = f"{where} (‘{shown(edge_id)}’)"
    if edge_id in seen:
        raise FormatError(f"{where}: the id is used twice.")
    seen.add(edge_id)
    source = _string(edge, "fromNode", where, required=True)
    target = _string(edge, "toNode", where, required=True)
    from_arrow = _string(edge, "fromEnd", where) == "arrow"
    to_arrow = (_string(edge, "toEnd", where) or "arrow") == "arrow"
    if from_arrow and not to_arrow:
        source, target = target, source
    draft.add_link(source, target, where=where, either_way=from_arrow == to_arrow)


def _links_in_order(role_map: RoleMap, ids: dict[str, str]) -> list[Link]:
    def number(node_id: str) -> int:
        return int(ids[node_id].removeprefix("node-"))

    return sorted(role_map.links.values(), key=lambda k: (number(k.source), number(k.target)))


def _whole(value: float) -> int:
    return round(value) if math.isfinite(value) else 0
