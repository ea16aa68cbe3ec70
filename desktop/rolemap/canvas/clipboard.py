"""Copy and paste of map fragments as Rolemap JSON (application/x-rolemap+json and text).

A fragment is a Rolemap JSON document with one role holding the copied nodes
and the links between them; pasting validates it like any import, so text
that is not Rolemap data is refused with a message instead of half-pasted.

`put_on_clipboard` also sees to the end of the program: the clipboard keeps
the QMimeData it is given, and one made in Python was deleted by Qt after
Python had shut down, which crashed every quit that followed a copy. Before
then (on quit, and at exit) the fragment is handed back to the clipboard as
plain text, which Qt holds itself and which pastes just the same.
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtGui import QGuiApplication

from rolemap.domain.entities import Link, Node
from rolemap.domain.role_map import RoleMap
from rolemap.interchange import rolemap_json
from rolemap.interchange.bundle import RoleBundle
from rolemap.interchange.errors import FormatError

MIME_TYPE = "application/x-rolemap+json"


def fragment_json(role_map: RoleMap, node_ids: Sequence[str]) -> str:
    """Rolemap JSON of the nodes `node_ids` and the links between them."""
    chosen = {i for i in node_ids if i in role_map.nodes}
    nodes = [role_map.nodes[i] for i in node_ids if i in chosen]
    links = [
        link for link in role_map.links.values() if link.source in chosen and link.target in chosen
    ]
    fragment = RoleMap.build(role_map.role, nodes, links)
    return rolemap_json.dumps([RoleBundle(fragment)])


def mime_data(role_map: RoleMap, node_ids: Sequence[str]) -> QMimeData:
    """Clipboard contents for the nodes `node_ids`: our mime type and plain text."""
    text = fragment_json(role_map, node_ids)
    data = QMimeData()
    data.setData(MIME_TYPE, text.encode("utf-8"))
    data.setText(text)
    return data


_hand_over_armed = False


def put_on_clipboard(role_map: RoleMap, node_ids: Sequence[str]) -> None:
    """Copy the nodes `node_ids` (and the links between them) to the clipboard."""
    global _hand_over_armed
    QGuiApplication.clipboard().setMimeData(mime_data(role_map, node_ids))
    if not _hand_over_armed:
        _hand_over_armed = True
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(hand_over_as_text)
        atexit.register(hand_over_as_text)


def hand_over_as_text() -> None:
    """Give the clipboard our fragment as plain text made by Qt (see the module docstring)."""
    if QCoreApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(MIME_TYPE):
        clipboard.setText(data.text())  # the Python-made QMimeData is deleted now, safely


def parse(data: QMimeData | None) -> tuple[list[Node], list[Link]]:
    """The nodes and links on the clipboard. Raises FormatError when it holds no Rolemap data."""
    if data is None:
        raise FormatError("The clipboard is empty.")
    if data.hasFormat(MIME_TYPE):
        text = bytes(data.data(MIME_TYPE).data()).decode("utf-8", errors="replace")
    elif data.hasText():
        text = data.text()
    else:
        raise FormatError("The clipboard holds no Rolemap nodes.")
    if not text.lstrip().startswith("{"):
        raise FormatError("The clipboard holds no Rolemap nodes.")
    bundles = rolemap_json.loads(text)
    nodes: list[Node] = []
    links: list[Link] = []
    for bundle in bundles:
        nodes.extend(bundle.role_map.nodes.values())
        links.extend(bundle.role_map.links.values())
    if not nodes:
        raise FormatError("The clipboard holds no Rolemap nodes.")
    return nodes, links
