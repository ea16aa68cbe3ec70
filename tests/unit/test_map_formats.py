"""The map in the formats people share: round trips, and exports other tools accept.

JSON Canvas, the Markdown outline and GraphML go out and come back with the
same nodes (kinds, titles, lanes, order in each lane) and links; Mermaid and
DOT are checked the way their tools would read them (`dot -Tsvg` renders).
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests.support.map_samples import assert_fresh, details_by_title, role_maps, sample_map, shape

from rolemap.domain.kinds import LANE_ORDER
from rolemap.domain.role_map import RoleMap
from rolemap.interchange import dot, graphml, json_canvas, markdown_outline, mermaid
from rolemap.interchange.kind_colours import KIND_ACCENT

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- round trips ---------------------------------------------------------------------


@FAST
@given(role_maps())
def test_json_canvas_round_trip_keeps_nodes_lanes_order_and_links(role_map: RoleMap) -> None:
    preview = json_canvas.loads(json_canvas.dumps(role_map).encode())
    assert preview.problems == ()
    assert shape(preview.role_map) == shape(role_map)
    assert {n.title: n.notes for n in preview.role_map.nodes.values()} == {
        n.title: n.notes for n in role_map.nodes.values()
    }
    assert_fresh(preview, role_map)


@FAST
@given(role_maps())
def test_markdown_outline_round_trip_keeps_nodes_fields_and_links(role_map: RoleMap) -> None:
    text = markdown_outline.dumps(role_map)
    preview = markdown_outline.loads(text.encode())
    assert preview.problems == ()
    assert shape(preview.role_map) == shape(role_map)
    assert details_by_title(preview.role_map) == details_by_title(role_map)
    assert {n.title: n.notes for n in preview.role_map.nodes.values()} == {
        n.title: n.notes for n in role_map.nodes.values()
    }
    assert preview.role_map.role.name == role_map.role.name
    assert_fresh(preview, role_map)
    assert markdown_outline.dumps(preview.role_map) == text


@FAST
@given(role_maps())
def test_graphml_round_trip_keeps_everything_it_carries(role_map: RoleMap) -> None:
    preview = graphml.loads(graphml.dumps(role_map).encode())
    assert preview.problems == ()
    assert shape(preview.role_map) == shape(role_map)
    assert details_by_title(preview.role_map) == details_by_title(role_map)
    assert preview.role_map.role.name == role_map.role.name
    assert_fresh(preview, role_map)


def test_graphml_round_trip_keeps_link_weight_confidence_and_note() -> None:
    role_map = sample_map()
    preview = graphml.loads(graphml.dumps(role_map))
    (weighted,) = [k for k in preview.role_map.links.values() if k.weight is not None]
    assert (weighted.weight, weighted.confidence, weighted.note) == (0.5, 0.8, "a guess")


# -- what other tools read -------------------------------------------------------------


@FAST
@given(role_maps())
def test_networkx_reads_the_graphml_with_every_title_and_field(role_map: RoleMap) -> None:
    import networkx as nx

    graph = nx.read_graphml(io.BytesIO(graphml.dumps(role_map).encode()))
    titles = sorted(data["title"] for _, data in graph.nodes(data=True))
    assert titles == sorted(n.title for n in role_map.nodes.values())
    assert all(data["label"] == data["title"] for _, data in graph.nodes(data=True))
    assert graph.number_of_edges() == len(role_map.links)
    for _, data in graph.nodes(data=True):
        if data["kind"] == "activity":
            assert isinstance(data["planned_hours"], float)


def check_json_canvas(document: Any) -> None:
    """The JSON Canvas 1.0 spec's required fields and types (jsoncanvas.org/spec/1.0)."""
    assert isinstance(document, dict) and set(document) <= {"nodes", "edges"}
    ids: set[str] = set()
    for node in document.get("nodes", []):
        assert isinstance(node["id"], str) and node["id"] not in ids
        ids.add(node["id"])
        assert node["type"] in ("text", "file", "link", "group")
        for name in ("x", "y", "width", "height"):
            assert type(node[name]) is int, (name, node)
        if "color" in node:
            assert re.fullmatch(r"[1-6]|#[0-9a-fA-F]{6}", node["color"])
        required = {"text": "text", "file": "file", "link": "url"}.get(node["type"])
        if required:
            assert isinstance(node[required], str)
        if "label" in node:
            assert isinstance(node["label"], str)
    edge_ids: set[str] = set()
    for edge in document.get("edges", []):
        assert isinstance(edge["id"], str) and edge["id"] not in edge_ids | ids
        edge_ids.add(edge["id"])
        assert edge["fromNode"] in ids and edge["toNode"] in ids
        for side in ("fromSide", "toSide"):
            assert edge.get(side, "top") in ("top", "right", "bottom", "left")
        for end in ("fromEnd", "toEnd"):
            assert edge.get(end, "none") in ("none", "arrow")


@FAST
@given(role_maps())
def test_json_canvas_export_follows_the_spec_and_boxes_sit_in_their_lane(
    role_map: RoleMap,
) -> None:
    document = json.loads(json_canvas.dumps(role_map))
    check_json_canvas(document)
    groups = {g["label"]: g for g in document["nodes"] if g["type"] == "group"}
    texts = iter(n for n in document["nodes"] if n["type"] == "text")
    for kind in LANE_ORDER:
        lane = role_map.nodes_of(kind)
        assert (kind.lane_title in groups) == bool(lane)
        for node in lane:
            box, group = next(texts), groups[kind.lane_title]
            assert box["text"].split("\n")[0] == markdown_outline.escape(node.title)
            assert box["color"] == group["color"] == KIND_ACCENT[kind]
            assert group["x"] <= box["x"] and box["x"] + box["width"] <= group["x"] + group["width"]
            assert (
                group["y"] <= box["y"] and box["y"] + box["height"] <= group["y"] + group["height"]
            )
    assert all(e["toEnd"] == "arrow" for e in document["edges"])
    assert len(document["edges"]) == len(role_map.links)


MERMAID_NODE = re.compile(r'^ {8}(\S+)\["(.*)"\]:::(\w+)$')


def mermaid_unescape(label: str) -> str:
    label = label.replace("<br>", "\n")
    return re.sub(
        r"#(\w+);", lambda m: html.unescape(f"&{'#' if m[1].isdigit() else ''}{m[1]};"), label
    )


@FAST
@given(role_maps())
def test_mermaid_ids_are_valid_and_every_title_survives(role_map: RoleMap) -> None:
    text = mermaid.dumps(role_map)
    lines = text.splitlines()
    assert lines[1] == "flowchart LR"
    found = [MERMAID_NODE.match(line) for line in lines]
    nodes = [m for m in found if m]
    assert len(nodes) == len(role_map.nodes)
    for match in nodes:
        assert re.fullmatch(r"n[1-9][0-9]*", match[1]) and match[1].lower() != "end"
        assert '"' not in match[2] and "\n" not in match[2]
    titles = [mermaid_unescape(m[2]) for m in nodes]
    assert titles == [n.title for k in LANE_ORDER for n in role_map.nodes_of(k)]
    subgraphs = [line for line in lines if line.lstrip().startswith("subgraph ")]
    assert len(subgraphs) == sum(bool(role_map.nodes_of(k)) for k in LANE_ORDER)
    assert sum(line.strip() == "end" for line in lines) == len(subgraphs)
    assert sum(" --> " in line for line in lines) == len(role_map.links)


def test_mermaid_selection_keeps_only_the_chosen_nodes_and_links_between_them() -> None:
    role_map = sample_map()
    by_title = {n.title: n.id for n in role_map.nodes.values()}
    text = mermaid.dumps_selection(role_map, [by_title["end"], by_title["1. Team health"]])
    assert text.count(":::") == 2 and text.count(" --> ") == 1
    assert "Outputs" not in text and "subgraph lane_activity" in text


requires_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz `dot` is not installed (apt-get install graphviz)"
)


def render_svg_texts(source: str) -> list[str]:
    result = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not result.stderr.strip(), result.stderr.decode()
    svg = ET.fromstring(result.stdout)
    return [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")]


@requires_dot
def test_dot_renders_with_graphviz_and_shows_every_title() -> None:
    role_map = sample_map()
    source = dot.dumps(role_map)
    assert "newrank=true" in source and "rankdir=LR" in source
    assert source.count("subgraph cluster_") == 4
    texts = render_svg_texts(source)
    for node in role_map.nodes.values():
        assert node.title in texts
    assert {"Inputs", "Activities", "Outputs", "Outcomes"} <= set(texts)


@requires_dot
@settings(max_examples=15, deadline=None)
@given(role_maps())
def test_dot_renders_any_map(role_map: RoleMap) -> None:
    texts = render_svg_texts(dot.dumps(role_map))
    joined = "\n".join(texts)
    # Graphviz may collapse runs of spaces; every word of every title is drawn.
    for node in role_map.nodes.values():
        assert all(word in joined for word in node.title.split())


def test_kind_colours_match_the_diagram_palette() -> None:
    from rolemap.render.palette import KIND_ACCENT as PALETTE

    assert KIND_ACCENT == PALETTE
