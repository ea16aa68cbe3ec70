"""The map readers' documented rules: files written by hand or by other tools.

JSON Canvas from Obsidian (lanes from groups, colours or columns), a Markdown
outline typed in any editor, GraphML from yEd, networkx or Gephi.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.domain.kinds import NodeKind
from rolemap.domain.lane_rule import lane_rule_message
from rolemap.domain.role_map import RoleMap
from rolemap.interchange import graphml, json_canvas, markdown_outline
from rolemap.interchange.import_rules import infer_lanes
from rolemap.interchange.kind_colours import KIND_ACCENT, KIND_FILL

IN, A, OUT, C = NodeKind.INPUT, NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME


def kinds(role_map: RoleMap) -> dict[str, NodeKind]:
    return {n.title: n.kind for n in role_map.nodes.values()}


def links(role_map: RoleMap) -> set[tuple[str, str]]:
    nodes = role_map.nodes
    return {(nodes[k.source].title, nodes[k.target].title) for k in role_map.links.values()}


# -- the columns rule ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (1, [A]),
        (2, [A, OUT]),
        (3, [A, OUT, C]),
        (4, [IN, A, OUT, C]),
        (8, [IN, IN, A, A, OUT, OUT, C, C]),
    ],
)
def test_columns_are_read_left_to_right(columns: int, expected: list[NodeKind]) -> None:
    xs = [c * 400.0 + jitter for c in range(columns) for jitter in (0.0, 30.0)]
    assert infer_lanes(xs, {}, 224.0) == [k for k in expected for _ in (0, 1)]


def test_known_lanes_give_the_spacing_of_the_others() -> None:
    assert infer_lanes([-900.0, 0.0, 390.0, 2000.0], {A: 100.0, C: 700.0}, 224.0) == [IN, A, OUT, C]
    assert infer_lanes([100.0, 400.0, 3000.0], {A: 100.0}, 200.0) == [A, OUT, C]


COORDINATES = st.floats(-1e12, 1e12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(COORDINATES, max_size=20),
    st.dictionaries(st.sampled_from(list(NodeKind)), COORDINATES, max_size=4),
    st.floats(0, 1e12),
)
def test_any_positions_give_a_lane_each(
    xs: list[float], known: dict[NodeKind, float], width: float
) -> None:
    lanes = infer_lanes(xs, known, width)
    assert len(lanes) == len(xs) and all(isinstance(kind, NodeKind) for kind in lanes)
    if not known:
        ordered = [lanes[i] for i in sorted(range(len(xs)), key=xs.__getitem__)]
        assert [k.lane for k in ordered] == sorted(k.lane for k in ordered)


# -- JSON Canvas ---------------------------------------------------------------------


def box(box_id: str, x: int, y: int, **extra: Any) -> dict[str, Any]:
    return {"id": box_id, "type": "text", "x": x, "y": y, "width": 200, "height": 60, **extra}


def group(box_id: str, x: int, label: str, width: int = 300) -> dict[str, Any]:
    node = {"id": box_id, "type": "group", "x": x, "y": 0, "width": width, "height": 1000}
    return {**node, "label": label}


def canvas(nodes: list[dict[str, Any]], edges: Sequence[dict[str, Any]] = ()) -> bytes:
    return json.dumps({"nodes": nodes, "edges": list(edges)}).encode()


def test_canvas_lanes_come_from_group_labels_any_case_singular_or_plural() -> None:
    preview = json_canvas.loads(
        canvas(
            [
                group("g1", 0, "ACTIVITY"),
                group("g2", 400, "outputs:"),
                group("g3", 800, "Notes"),
                box("a", 20, 300, text="# Weekly 1:1s\n\nwith notes"),
                box("b", 420, 100, text="Guide"),
                box("c", 820, 100, text="Somewhere"),
                {
                    "id": "f",
                    "type": "file",
                    "x": 0,
                    "y": 0,
                    "width": 1,
                    "height": 1,
                    "file": "a.png",
                },
            ],
            [
                {"id": "e1", "fromNode": "a", "toNode": "b"},
                {"id": "e2", "fromNode": "f", "toNode": "a"},
            ],
        )
    )
    assert kinds(preview.role_map) == {"Weekly 1:1s": A, "Guide": OUT, "Somewhere": C}
    (node,) = [n for n in preview.role_map.nodes.values() if n.title == "Weekly 1:1s"]
    assert node.notes == "with notes"
    assert links(preview.role_map) == {("Weekly 1:1s", "Guide")}
    problems = " ".join(preview.problems)
    assert "a file node was skipped" in problems and "a link to a file node" in problems
    assert "Boxes in no lane group (1)" in problems
    assert "g3" not in problems


def test_canvas_smallest_enclosing_lane_group_wins() -> None:
    nodes = [group("big", 0, "Outcomes", 2000), group("small", 0, "Inputs"), box("x", 10, 10)]
    nodes[-1]["text"] = "Values"
    assert kinds(json_canvas.loads(canvas(nodes)).role_map) == {"Values": IN}


def test_canvas_without_groups_reads_colours_then_columns() -> None:
    nodes = [
        box("a", 0, 0, text="Plan"),
        box("b", 500, 0, text="Doc"),
        box("c", 1000, 0, text="Win"),
        box("d", 1000, 100, text="Coloured", color=KIND_ACCENT[IN]),
    ]
    preview = json_canvas.loads(canvas(nodes))
    assert kinds(preview.role_map) == {"Plan": A, "Doc": OUT, "Win": C, "Coloured": IN}
    nodes.pop()
    assert kinds(json_canvas.loads(canvas(nodes)).role_map) == {"Plan": A, "Doc": OUT, "Win": C}


def test_canvas_edge_direction_follows_its_arrows() -> None:
    nodes = [group("g", 0, "Activities"), group("h", 400, "Outcomes")]
    nodes += [box("a", 10, 10, text="Do"), box("b", 410, 10, text="Win")]
    backwards = {"id": "e", "fromNode": "b", "toNode": "a", "fromEnd": "arrow", "toEnd": "none"}
    plain = {"id": "e", "fromNode": "b", "toNode": "a", "toEnd": "none"}
    arrow = {"id": "e", "fromNode": "b", "toNode": "a"}
    assert links(json_canvas.loads(canvas(nodes, [backwards])).role_map) == {("Do", "Win")}
    assert links(json_canvas.loads(canvas(nodes, [plain])).role_map) == {("Do", "Win")}
    preview = json_canvas.loads(canvas(nodes, [arrow]))
    assert links(preview.role_map) == set()
    assert preview.problems == (f"Edge 1 (‘e’): ‘Win’ → ‘Do’ left out. {lane_rule_message(C, A)}",)


def test_canvas_nodes_are_stacked_in_the_files_vertical_order() -> None:
    nodes = [group("g", 0, "Activities")] + [
        box(f"n{i}", 10, y, text=f"T{i}") for i, y in enumerate([300, 100, 200])
    ]
    preview = json_canvas.loads(canvas(nodes))
    assert [n.title for n in preview.role_map.nodes_of(A)] == ["T1", "T2", "T0"]
    ys = [n.y for n in preview.role_map.nodes_of(A)]
    assert ys == sorted(ys) and len(set(ys)) == 3


# -- Markdown outline --------------------------------------------------------------------

DRAFT = """\ufeff# My role\r
Keep the team healthy.\r
\r
## activity\r
* Weekly 1:1s\r
  - Category: Coaching\r
  - planned hours: six\r
  - -> team HEALTH\r
  - → Nowhere\r
  - → Values\r
1. Write guide\r
\t- planned_hours: 3\r
\t- colour: red\r
\r
### Later\r
- Plan offsite\r
## Outputs\r
- Onboarding guide\r
  - hands-on: nope\r
  - clarity: 7\r
  - notes: first line\r
    second line\r
\r
        indented\r
  - → Team health\r
## Ideas\r
- Not a node\r
## OUTCOME\r
- Team health\r
  - baseline: NaN\r
  - due: 2024-02-30\r
## Inputs\r
- Values\r
"""


def test_markdown_drafted_by_hand_is_read_with_its_problems_listed() -> None:
    preview = markdown_outline.loads(DRAFT.encode())
    role_map = preview.role_map
    assert (role_map.role.name, role_map.role.purpose) == ("My role", "Keep the team healthy.")
    assert kinds(role_map) == {
        "Weekly 1:1s": A,
        "Write guide": A,
        "Plan offsite": A,
        "Onboarding guide": OUT,
        "Team health": C,
        "Values": IN,
    }
    assert [n.title for n in role_map.nodes_of(A)] == ["Weekly 1:1s", "Write guide", "Plan offsite"]
    assert links(role_map) == {("Weekly 1:1s", "Team health"), ("Onboarding guide", "Team health")}
    by_title = {n.title: n for n in role_map.nodes.values()}
    assert by_title["Weekly 1:1s"].details["category"] == "Coaching"
    assert by_title["Weekly 1:1s"].details["planned_hours"] == 0.0
    assert by_title["Write guide"].details["planned_hours"] == 3.0
    assert by_title["Onboarding guide"].notes == "first line\nsecond line\n\n    indented"
    assert by_title["Onboarding guide"].details["clarity"] is None
    assert by_title["Team health"].details["baseline"] is None
    assert "Coaching" in {c.name for c in role_map.role.categories}
    problems = "\n".join(preview.problems)
    for expected in (
        "Line 5 (‘Weekly 1:1s’): “six” is not a number",
        "Line 9: no node is titled ‘Nowhere’",
        f"Line 10: ‘Weekly 1:1s’ → ‘Values’ left out. {lane_rule_message(A, IN)}",
        "An activity has no field “colour”",
        "“nope” is not yes or no",
        "Clarity (1–5) is a whole number from 1 to 5",
        "‘Ideas’ names no lane; its items are skipped",
        "Baseline must be a finite number",
        "“2024-02-30” is not a valid value for Due date",
    ):
        assert expected in problems, expected
    assert "Not a node" not in kinds(role_map)


def test_markdown_role_named_like_a_lane_stays_the_role_name() -> None:
    preview = markdown_outline.loads(b"# Outputs\n\n## Outputs\n\n- Guide\n")
    assert preview.role_map.role.name == "Outputs"
    assert kinds(preview.role_map) == {"Guide": OUT}


@pytest.mark.parametrize("text", ["", "Just some notes\n- a list\n", "# Title only\n"])
def test_markdown_without_a_lane_heading_is_refused(text: str) -> None:
    from rolemap.interchange.errors import FormatError

    with pytest.raises(FormatError, match="No lane heading"):
        markdown_outline.loads(text.encode())


def test_markdown_export_of_an_empty_map_is_a_template() -> None:
    role_map = markdown_outline.loads(b"## Inputs\n").role_map
    text = markdown_outline.dumps(role_map)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Inputs",
        "## Activities",
        "## Outputs",
        "## Outcomes",
    ]


def test_markdown_links_prefer_a_target_the_lane_rule_allows() -> None:
    text = "## Activities\n- Plan\n  - → Same\n## Inputs\n- Same\n## Outputs\n- Same\n"
    role_map = markdown_outline.loads(text.encode()).role_map
    (link,) = role_map.links.values()
    assert role_map.nodes[link.target].kind is OUT


# -- GraphML from other tools ----------------------------------------------------------

YED = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d5" attr.name="description" attr.type="string"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="undirected" id="G">
    <node id="n0">
      <data key="d5">why it matters</data>
      <data key="d6"><y:ShapeNode><y:Geometry height="30" width="90" x="500" y="40"/>
        <y:Fill color="{KIND_FILL[OUT].upper()}" transparent="false"/>
        <y:NodeLabel>Design doc</y:NodeLabel></y:ShapeNode></data>
    </node>
    <node id="n1">
      <data key="d6"><y:ShapeNode><y:Geometry height="30" width="90" x="0" y="40"/>
        <y:Fill color="#FFCC00" transparent="false"/><y:NodeLabel>Review
designs</y:NodeLabel></y:ShapeNode></data>
    </node>
    <node id="g0" yfiles.foldertype="group">
      <data key="d6"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>
        <y:NodeLabel>Outcomes</y:NodeLabel></y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>
      <graph edgedefault="directed" id="g0:">
        <node id="g0::n0"><data key="d6"><y:ShapeNode>
          <y:Geometry x="900" y="0" width="90" height="30"/>
          <y:NodeLabel>Fewer incidents</y:NodeLabel></y:ShapeNode></data></node>
      </graph>
    </node>
    <edge id="e0" source="n0" target="n1"/>
    <edge id="e1" source="n0" target="g0::n0"/>
    <edge id="e2" source="g0" target="n0"/>
  </graph>
</graphml>
"""


def test_graphml_from_yed_reads_labels_fills_groups_and_undirected_edges() -> None:
    preview = graphml.loads(YED.encode())
    role_map = preview.role_map
    assert kinds(role_map) == {"Design doc": OUT, "Review designs": A, "Fewer incidents": C}
    assert links(role_map) == {("Review designs", "Design doc"), ("Design doc", "Fewer incidents")}
    (doc,) = [n for n in role_map.nodes.values() if n.title == "Design doc"]
    assert doc.notes == "why it matters"
    problems = " ".join(preview.problems)
    assert "a group node was skipped" in problems and "a link to a group node" in problems
    assert "(1) were placed by their x position" in problems


def test_graphml_written_by_networkx_is_read_from_its_data_keys() -> None:
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node("a", kind="Activities", title="Mentoring", planned_hours=4.0, notes="x")
    graph.add_node("b", kind="outcome", label="Ramp-up", target=10, direction="DOWN")
    graph.add_edge("a", "b", weight=0.25, confidence=2.0)
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    preview = graphml.loads(out.getvalue())
    by_title = {n.title: n for n in preview.role_map.nodes.values()}
    assert by_title["Mentoring"].details["planned_hours"] == 4.0
    assert by_title["Ramp-up"].details["target"] == 10.0
    assert by_title["Ramp-up"].details["direction"] == "down"
    (link,) = preview.role_map.links.values()
    assert (link.weight, link.confidence) == (0.25, None)
    assert preview.problems == ("<edge> 3: the confidence “2.0” was left out.",)


def test_preview_bundle_holds_the_map_and_no_records() -> None:
    preview = markdown_outline.loads(b"## Inputs\n- Values\n")
    assert preview.bundle.role_map is preview.role_map
    assert preview.bundle.time_entries == []
