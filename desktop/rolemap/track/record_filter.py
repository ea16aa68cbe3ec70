"""RecordFilter: what a Track table keeps — dates, nodes, an activity category, a text.

A plain value: the filter bar builds one from its widgets, the dashboard's
click-through from its chart, and the table model turns it into SQL
(`RecordTableModel.set_filter`). Nothing here reads records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordFilter:
    """Records dated `first` to `last` (local dates, both included; None: open), of `nodes`
    (None: any node of the role), of activities in `category` (None: any), holding `text`
    in a text column or in their node's title or category ("": any)."""

    first: dt.date | None = None
    last: dt.date | None = None
    nodes: frozenset[str] | None = None
    category: str | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """Whether it keeps every record."""
        return self == RecordFilter()
