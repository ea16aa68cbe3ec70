"""The map as a Markdown outline, in and out: a map can be drafted in any text editor.

    # Engineering manager
    ## Activities
    - Weekly 1:1s
      - category: Relationships & trust
      - planned hours: 6
      - → Team health
    ## Outcomes
    - Team health

Reading rules (`loads`):

- A heading that names a lane ("Inputs", "activity", any level, any case)
  starts that lane. The first other heading before any lane is the role's
  name; text before the first lane is its purpose. A heading that names no
  lane and is deeper than the lane heading above it is a sub-section of that
  lane; any other one ends the lane, and its items are skipped with a problem.
- A list item at the left margin (`-`, `*`, `+` or `1.`) is a node.
- Indented items under it are its fields (`key: value`, keys as the fields'
  labels, e.g. "planned hours", "hands-on", "due"; `notes:` with its further
  lines indented four spaces) or its links (`→ Title` or `-> Title`) to the
  node with that title anywhere in the file (exact title first, then ignoring
  case; an unknown title is a problem).
- A bad field value is a problem and the field keeps its default: a draft
  typed by hand should not be refused whole for one typo.
- Titles are Markdown-escaped on the way out and unescaped on the way in
  (CommonMark's backslash escapes), so any title survives the round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rolemap.domain.fields import FIELDS
from rolemap.domain.kinds import LANE_ORDER, NodeKind
from rolemap.domain.lane_rule import kinds_may_link
from rolemap.domain.role_map import RoleMap
from rolemap.interchange.errors import FormatError
from rolemap.interchange.import_draft import ImportPreview, MapDraft
from rolemap.interchange.import_rules import (
    MAX_NODES,
    decode,
    kind_of_name,
)

_ALWAYS = set("\\`*_[]<>|~#$&")
_LEADING = re.compile(r"^(?:[-+=>!]|\d+(?=[.)]))")
_DOUBLED = re.compile(r"==|%%")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_ARROW = re.compile(r"^(?:→|->)\s*(.*)$")
_LABELS: dict[str, str] = {"hands_on": "hands-on"}


def escape(text: str) -> str:
    """`text` with Markdown's structure characters backslash-escaped (CommonMark)."""
    text = "".join(f"\\{c}" if c in _ALWAYS else c for c in text)
    text = _DOUBLED.sub(lambda m: "".join(f"\\{c}" for c in m.group()), text)
    match = _LEADING.match(text)
    if match:
        # A leading "-", "+" or "1." would start a list; escape the marker's punctuation.
        end = match.end()
        text = text[:end] + "\\" + text[end:] if match.group()[0].isdigit() else "\\" + text
    return text


def unescape(text: str) -> str:
    """`text` with CommonMark's backslash escapes undone."""
    return _UNESCAPE.sub(r"\1", text)


def dumps(role_map: RoleMap) -> str:
    """The outline: the role's name and purpose, then a section per lane (empty ones too).

    Every lane's heading is written, so the export of an empty map is a template.
    """
    role = role_map.role
    lines = [f"# {escape(role.name)}", ""]
    if role.purpose.strip():
        lines += [escape(line.strip()) for line in role.purpose.strip().split("\n")] + [""]
    for kind in LANE_ORDER:
        nodes = role_map.nodes_of(kind)
        lines += [f"## {kind.lane_title}", ""]
        for node in nodes:
            lines.append(f"- {escape(_one_line(node.title))}")
            for spec in FIELDS[kind]:
                value = node.details.get(spec.name)
                if value is not None and value != "":
                    label = _LABELS.get(spec.name, spec.name.replace("_", " "))
                    lines.append(f"  - {label}: {_one_line(_format(value))}")
            if node.notes.strip():
                notes = node.notes.replace("\r\n", "\n").replace("\r", "\n")
                first, *rest = notes.strip().split("\n")
                lines.append(f"  - notes: {first.rstrip()}")
                lines += [f"    {line.rstrip()}" if line.strip() else "" for line in rest]
            targets = sorted(
                (role_map.nodes[link.target] for link in role_map.outgoing(node.id)),
                key=lambda n: (n.kind.lane, n.y),
            )
            lines += [f"  - → {escape(_one_line(t.title))}" for t in targets]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


@dataclass
class _Item:
    key: str
    kind: NodeKind
    title: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)


def loads(data: bytes | str, *, role_name: str = "Imported map") -> ImportPreview:
    """Read an outline (rules in the module docstring). Raises FormatError for a refused file."""
    text = decode(data, "Markdown file")
    draft = MapDraft("Markdown file", role_name)
    items = _read_items([line.rstrip("\r") for line in text.split("\n")], draft)
    for item in items:
        draft.add_node(
            item.key,
            item.kind,
            item.title,
            where=f"Line {item.line}",
            notes="\n".join(item.notes),
            fields=item.fields,
        )
    exact: dict[str, list[_Item]] = {}
    loose: dict[str, list[_Item]] = {}
    for item in items:
        exact.setdefault(item.title, []).append(item)
        loose.setdefault(_loose(item.title), []).append(item)
    for item in items:
        for line, title in item.links:
            where = f"Line {line}"
            found = exact.get(title) or loose.get(_loose(title))
            if not found:
                draft.problem(f"{where}: no node is titled ‘{title}’; the link was left out.")
                continue
            target = _pick(found, item.kind)
            if len(found) > 1:
                many = f"{len(found)} nodes are titled ‘{title}’"
                draft.problem(f"{where}: {many}; linked to the one on line {target.line}.")
            draft.add_link(item.key, target.key, where=where)
    return draft.finish()


def _read_items(lines: list[str], draft: MapDraft) -> list[_Item]:
    """The file's items; FormatError if no heading names a lane (this is no outline)."""
    items: list[_Item] = []
    lane: NodeKind | None = None
    level = 0
    seen_lane = named = False
    item: _Item | None = None
    in_notes = False
    purpose: list[str] = []
    name_line = _name_line(lines)
    for number, line in enumerate(lines, start=1):
        expanded = line.expandtabs(4)
        width = len(expanded) - len(expanded.lstrip(" "))
        if in_notes and item is not None and (not line.strip() or width >= 4):
            item.notes.append(line[4:] if line.startswith("    ") else expanded[4:])
            continue
        in_notes = False
        heading = _HEADING.match(line)
        listed = _ITEM.match(expanded)
        if heading:
            title = unescape(heading.group(2))
            kind = kind_of_name(title)
            if number == name_line:
                draft.role_name, named = title, True
            elif kind is not None:
                lane, level, seen_lane, item = kind, len(heading.group(1)), True, None
            elif not seen_lane and not named:
                draft.role_name, named = title, True
            elif lane is None or len(heading.group(1)) <= level:
                if seen_lane:
                    draft.problem(f"Line {number}: ‘{title}’ names no lane; its items are skipped.")
                lane, item = None, None
        elif listed and len(listed.group(1)) < 2:
            # Under a heading that names no lane, that heading's problem covers the items.
            if lane is None:
                if not seen_lane:
                    draft.problem(f"Line {number}: an item before any lane heading was skipped.")
                item = None
                continue
            if len(items) == MAX_NODES:
                raise FormatError(f"Line {number}: this outline has over {MAX_NODES:,} nodes.")
            item = _Item(f"line {number}", lane, unescape(listed.group(2).strip()), number)
            items.append(item)
        elif listed and item is not None:
            body = listed.group(2).strip()
            arrow = _ARROW.match(body)
            key, colon, value = body.partition(":")
            if arrow:
                item.links.append((number, unescape(arrow.group(1).strip())))
            elif colon and key.strip().casefold() == "notes":
                item.notes = [value.strip()]
                in_notes = True
            elif colon and key.strip():
                item.fields[key.strip()] = value
            else:
                draft.problem(f"Line {number}: ‘{body[:40]}’ is neither a field nor a link.")
        elif not seen_lane:
            purpose.append(unescape(line.strip()))
        elif lane is not None and line.strip() and set(line.strip()) - set("-*_= "):
            draft.problem(f"Line {number}: not a list item; ignored.")
    if not seen_lane:
        raise FormatError(
            "No lane heading found: an outline has headings such as “## Activities” "
            "with the nodes as list items under them."
        )
    draft.purpose = "\n".join(purpose)
    return items


def _name_line(lines: list[str]) -> int:
    """The line of the role's name: a first heading at level 1 when lanes come deeper.

    So a role called "Outputs" is not read as a lane.
    """
    headings = [(n, m) for n, line in enumerate(lines, 1) if (m := _HEADING.match(line))]
    if not headings or len(headings[0][1].group(1)) != 1:
        return 0
    deeper = (len(m.group(1)) > 1 and kind_of_name(unescape(m.group(2))) for _, m in headings[1:])
    return headings[0][0] if any(deeper) else 0


def _pick(found: list[_Item], source: NodeKind) -> _Item:
    """Of the nodes a link's title names, the first the lane rule lets `source` link to."""
    allowed = [item for item in found if kinds_may_link(source, item.kind)]
    return (allowed or found)[0]


def _loose(title: str) -> str:
    return " ".join(title.casefold().split())


def _one_line(text: str) -> str:
    return " ".join(text.replace("\r", "\n").split("\n")).strip()


def _format(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)
