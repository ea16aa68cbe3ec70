"""Hostile and broken map files: each is refused with FormatError, or read cleanly by design.

Every reader (JSON Canvas, Markdown outline, GraphML) also gets a mutation
test: random damage to a valid file either loads or raises FormatError, and
never raises anything else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support.map_samples import sample_map

from rolemap.interchange import graphml, json_canvas, markdown_outline
from rolemap.interchange.errors import FormatError
from rolemap.interchange.import_draft import ImportPreview
from rolemap.interchange.import_rules import MAX_BYTES

Reader = Callable[[bytes], ImportPreview]
READERS: dict[str, Reader] = {
    "canvas": json_canvas.loads,
    "markdown": markdown_outline.loads,
    "graphml": graphml.loads,
}
MUTATIONS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GRAPHML_HEAD = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="t" for="node" attr.name="title" attr.type="string"/>
 <graph><node id="a"><data key="t">&lol9;</data></node></graph>
</graphml>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 <key id="t" for="node" attr.name="title" attr.type="string"/>
 <graph><node id="a"><data key="t">&x;</data></node></graph>
</graphml>
"""


def refused(reader: Reader, data: bytes | str, *words: str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(FormatError) as caught:
        reader(raw)
    message = str(caught.value)
    for word in words:
        assert word.lower() in message.lower(), message
    return message


# -- XML ----------------------------------------------------------------------------


def test_graphml_billion_laughs_is_refused_not_expanded() -> None:
    refused(graphml.loads, BILLION_LAUGHS, "DTD")


def test_graphml_external_entity_is_refused_not_fetched() -> None:
    message = refused(graphml.loads, EXTERNAL_ENTITY, "DTD")
    assert "root:" not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (GRAPHML_HEAD + "<graph><node id='a'></graph></graphml>", ("well-formed", "line 1")),
        ("", ("well-formed",)),
        ("<html/>", ("root element",)),
        (GRAPHML_HEAD + "</graphml>", ("no <graph>",)),
        (GRAPHML_HEAD + "<graph><node/></graph></graphml>", ("no id",)),
        (GRAPHML_HEAD + "<graph><node id='a'/><node id='a'/></graph></graphml>", ("twice",)),
        (GRAPHML_HEAD + "<graph><node id='a'/><edge source='a'/></graph></graphml>", ("target",)),
        (
            GRAPHML_HEAD + "<graph><node id='a'/><edge source='a' target='b'/></graph></graphml>",
            ("‘b’",),
        ),
        (GRAPHML_HEAD + "<graph><node id='a'>\x01</node></graph></graphml>", ("well-formed",)),
        (GRAPHML_HEAD + "<graph><node id='a'>&#1;</node></graph></graphml>", ("well-formed",)),
    ],
)
def test_broken_graphml_is_refused_with_the_reason(text: str, words: tuple[str, ...]) -> None:
    refused(graphml.loads, text, *words)


def test_graphml_coordinates_must_be_finite() -> None:
    text = (
        GRAPHML_HEAD
        + '<key id="g" for="node" yfiles.type="nodegraphics"/><graph><node id="a"><data key="g">'
        '<y:ShapeNode xmlns:y="http://www.yworks.com/xml/graphml"><y:Geometry x="NaN" y="0"/>'
        "</y:ShapeNode></data></node></graph></graphml>"
    )
    refused(graphml.loads, text, "position", "x")
    refused(graphml.loads, text.replace("NaN", "1e300"), "position", "x")
    refused(graphml.loads, text.replace("NaN", "left"), "not a number")


# -- sizes, encodings, control characters -------------------------------------------------


def hundred_thousand(reader: str) -> str:
    count = 100_000
    if reader == "canvas":
        box = '{"id":"n%d","type":"text","x":0,"y":0,"width":1,"height":1,"text":"t"}'
        return '{"nodes":[' + ",".join(box % i for i in range(count)) + "]}"
    if reader == "markdown":
        return "## Activities\n" + "".join(f"- t{i}\n" for i in range(count))
    return (
        GRAPHML_HEAD
        + "<graph>"
        + "".join(f'<node id="n{i}"/>' for i in range(count))
        + "</graph></graphml>"
    )


@pytest.mark.parametrize("name", READERS)
def test_100000_nodes_are_refused(name: str) -> None:
    refused(READERS[name], hundred_thousand(name), "20,000")


@pytest.mark.parametrize("name", READERS)
def test_files_over_20_mb_are_refused(name: str) -> None:
    refused(READERS[name], b" " * (MAX_BYTES + 1), "20 MB")


@pytest.mark.parametrize("name", READERS)
def test_non_utf8_bytes_are_refused_saying_so(name: str) -> None:
    valid = {"canvas": json_canvas, "markdown": markdown_outline, "graphml": graphml}[name]
    data = valid.dumps(sample_map()).encode().replace(b"Team", "T\xe9am".encode("latin-1"))
    refused(READERS[name], data, "UTF-8")
    refused(READERS[name], "\ufeff## Activities\n- x".encode("utf-16"), "UTF-8")


def test_control_characters_are_removed_and_reported() -> None:
    canvas = {
        "nodes": [
            {
                "id": "g",
                "type": "group",
                "x": 0,
                "y": 0,
                "width": 300,
                "height": 300,
                "label": "Activities",
            },
            {
                "id": "a",
                "type": "text",
                "x": 10,
                "y": 10,
                "width": 100,
                "height": 50,
                "text": "\x01Plan\x07 the\tweek\u0085\ud800\n\nnote\x00 with\ttab\nand line",
            },
        ]
    }
    preview = json_canvas.loads(json.dumps(canvas).encode())
    (node,) = preview.role_map.nodes.values()
    assert (node.title, node.notes) == ("Plan the week", "note with\ttab\nand line")
    assert any("Control characters" in p for p in preview.problems)
    outline = markdown_outline.loads(b"## Outputs\n- Guide\x1b[31m red\x7f\n")
    assert [n.title for n in outline.role_map.nodes.values()] == ["Guide[31m red"]


def test_long_titles_are_cut_to_500_with_a_problem() -> None:
    preview = markdown_outline.loads(("## Inputs\n- " + "x" * 600 + "\n").encode())
    (node,) = preview.role_map.nodes.values()
    assert len(node.title) == 500
    assert any("cut to 500" in p for p in preview.problems)


# -- JSON Canvas -------------------------------------------------------------------------


def test_deep_json_nesting_is_refused_not_a_recursion_error() -> None:
    refused(json_canvas.loads, "[" * 100_000 + "]" * 100_000, "nested too deeply")
    refused(json_canvas.loads, '{"nodes":' + "[" * 100_000, "")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_canvas_coordinates_are_refused(value: str) -> None:
    text = '{"nodes":[{"id":"a","type":"text","x":%s,"y":0,"width":1,"height":1,"text":"t"}]}'
    refused(json_canvas.loads, text % value, "number")


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ([], ("not an object",)),
        ({"nodes": {}}, ("not a list",)),
        ({"nodes": [1]}, ("Node 1", "not an object")),
        ({"nodes": [{"id": 1}]}, ("id",)),
        (
            {"nodes": [{"id": "a", "type": "text", "x": "0", "y": 0, "width": 1, "height": 1}]},
            ("“x”",),
        ),
        (
            {"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1}]},
            ("text",),
        ),
        (
            {"nodes": [{"id": "a", "type": "text", "x": 0, "y": True, "width": 1, "height": 1}]},
            ("“y”",),
        ),
        (
            {"nodes": [{"id": "a", "type": "group", "x": 0, "y": 0, "width": -1, "height": 1}]},
            ("negative",),
        ),
        ({"edges": [{"id": "e", "fromNode": "a", "toNode": "b"}]}, ("‘a’",)),
    ],
)
def test_broken_canvas_is_refused_with_the_reason(document: Any, words: tuple[str, ...]) -> None:
    refused(json_canvas.loads, json.dumps(document), *words)


def test_duplicate_canvas_ids_are_refused() -> None:
    box = {"id": "a", "type": "text", "x": 0, "y": 0, "width": 1, "height": 1, "text": "t"}
    refused(json_canvas.loads, json.dumps({"nodes": [box, box]}), "twice")
    other = {**box, "id": "b", "x": 900}
    edge = {"id": "e", "fromNode": "a", "toNode": "b"}
    refused(json_canvas.loads, json.dumps({"nodes": [box, other], "edges": [edge, edge]}), "twice")


def test_huge_integers_are_refused_not_a_value_or_overflow_error() -> None:
    refused(json_canvas.loads, '{"nodes": [' + "9" * 5000 + "]}", "")
    box = '{"nodes":[{"id":"a","type":"text","x":%s,"y":0,"width":1,"height":1,"text":"t"}]}'
    refused(json_canvas.loads, box % ("9" * 400), "out of range")


# -- mutation tests ----------------------------------------------------------------------


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "repeat"]))
        size = draw(st.integers(1, 40))
        if action == "delete":
            del data[at : at + size]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=size) | st.sampled_from(TOKENS))
        elif action == "replace" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        else:
            data[at:at] = data[at : at + size]
    return bytes(data)


TOKENS = [b'"', b"\\", b"<", b">", b"&", b"&#0;", b"NaN", b"1e999", b"-1", b"[", b"]", b"{", b"}"]
TOKENS += [
    b"\n- ",
    b"\n## Outcomes\n",
    b"  - \xe2\x86\x92 ",
    b"  - due: 2024-02-30",
    b"\x00",
    b"\xff",
]
TOKENS += [b"<!DOCTYPE x>", b'<node id="n0"/>', b'<edge source="n0" target="n0"/>', b"</graph>"]


def load_or_refuse(reader: Reader, data: bytes) -> None:
    try:
        preview = reader(data)
    except FormatError as error:
        assert str(error)
    else:
        assert isinstance(preview, ImportPreview)
        role_map = preview.role_map
        for link in role_map.links.values():
            assert link.source in role_map.nodes and link.target in role_map.nodes
        for node in role_map.nodes.values():
            assert node.title and len(node.title) <= 500


@MUTATIONS
@given(st.data())
def test_mutated_canvas_loads_or_raises_format_error(data: st.DataObject) -> None:
    load_or_refuse(json_canvas.loads, data.draw(damaged(json_canvas.dumps(sample_map()).encode())))


@MUTATIONS
@given(st.data())
def test_mutated_markdown_loads_or_raises_format_error(data: st.DataObject) -> None:
    original = markdown_outline.dumps(sample_map()).encode()
    load_or_refuse(markdown_outline.loads, data.draw(damaged(original)))


@MUTATIONS
@given(st.data())
def test_mutated_graphml_loads_or_raises_format_error(data: st.DataObject) -> None:
    load_or_refuse(graphml.loads, data.draw(damaged(graphml.dumps(sample_map()).encode())))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.sampled_from([10**400, -(10**30), 1e308, 5e-324, "\ud800", "arrow", "group", "Outputs"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@MUTATIONS
@given(st.data())
def test_canvas_with_values_of_any_type_loads_or_raises_format_error(data: st.DataObject) -> None:
    document = json.loads(json_canvas.dumps(sample_map()))
    for _ in range(data.draw(st.integers(1, 3))):
        part = data.draw(st.sampled_from(["nodes", "edges"]))
        if not document[part]:
            continue
        item = data.draw(st.sampled_from(document[part]))
        key = data.draw(st.sampled_from([*item, "type", "fromEnd", "label", "color"]))
        item[key] = data.draw(JSON_VALUES)
    text = json.dumps(document, allow_nan=True)
    load_or_refuse(json_canvas.loads, text.encode("utf-8", "surrogatepass"))


ODD_XML = ["", "n0", "n1", "e0", "g", "NaN", "1e309", "-1e300", "0", "2.5", "-3", "true"]
ODD_XML += ["false", "undirected", "directed", "#D9EAE1", "#ffcc00", "Outcomes", "x" * 600]
XML_VALUES = st.sampled_from(ODD_XML) | st.text(
    st.characters(exclude_categories=("Cc", "Cs")), max_size=8
)


@MUTATIONS
@given(st.data())
def test_graphml_with_odd_attributes_and_text_loads_or_raises_format_error(
    data: st.DataObject,
) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(graphml.dumps(sample_map()))
    elements = list(root.iter())
    for _ in range(data.draw(st.integers(1, 5))):
        element = data.draw(st.sampled_from(elements))
        if data.draw(st.booleans()):
            names = [*element.attrib, "id", "source", "target", "directed", "key", "color", "x"]
            element.set(data.draw(st.sampled_from(names)), data.draw(XML_VALUES))
        else:
            element.text = data.draw(XML_VALUES)
    load_or_refuse(graphml.loads, ET.tostring(root, encoding="utf-8"))
