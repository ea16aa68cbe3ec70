"""What a column of a Track table is, the item roles its cells answer beyond Qt's own, and
how wide it starts.

The tables (record_tables.py) list their columns; the model (record_models.py)
answers each cell from its column: the text shown, the store's order it sorts
by, the field an edit sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTableView

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_ROLE = Qt.ItemDataRole.UserRole + 2  # the record's node id; set it to move the record
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
MIN_COLUMN, MAX_COLUMN = 64, 320


@dataclass(frozen=True)
class Column:
    """One column: header, shown text, the store's order (None: not sortable), the field an
    edit sets (None: read-only), alignment, and a typical widest text for its first width."""

    header: str
    text: Callable[[Any], str]
    order: str | None
    edit: str | None = None
    align: Qt.AlignmentFlag = LEFT
    sample: str = ""
    by: str = ""  # a by-node order: "title" or "category" of the nodes


def fitted_width(view: QTableView, texts: list[str]) -> int:
    """A column's width for what it holds: its widest text or its header (`texts[0]`), capped.

    Measured from the texts, not from the view (`resizeColumnsToContents`
    measures only the rows laid out, none before the first layout: the
    columns came out cut on the first start).
    """
    style = view.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, view)
    width = max(view.fontMetrics().horizontalAdvance(text) for text in texts if text) + margin + 12
    header = view.horizontalHeader().fontMetrics().horizontalAdvance(texts[0]) + arrow + 24
    return min(max(width, header, MIN_COLUMN), MAX_COLUMN)
