"""RecordRuns: where each node's records lie among a Track table's rows, counted when needed.

A by-node order (Activity, Category, Output, Outcome) shows a sequence of
runs, one per node in the order the selection gives them, each node's
records newest first; any other order is one run, the whole selection. A run
of several is counted only when a position past it is first needed, and a
position is found from the nearer end of the rows, so that a jump to the last
rows of a long by-node table counts the last runs, not all of them.

RecordWindow (record_window.py) holds the rows and reads them; this holds
the runs: which run a row is in, where a run starts, which run and row within
it a position falls on, and each run's count as rows come and go. No Qt here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rolemap.store.record_keys import Key, Row
from rolemap.store.record_pages import RecordPages


@dataclass
class _Run:
    node: str | None  # None: the whole selection is one run
    count: int | None  # None: not counted yet


class Place:
    """A row's place in the order, for bisect: its run, then its key in the run's direction."""

    __slots__ = ("descending", "rank", "run")

    def __init__(self, run: int, rank: Key, descending: bool) -> None:
        self.run, self.rank, self.descending = run, rank, descending

    def __lt__(self, other: Place) -> bool:
        if self.run != other.run:
            return self.run < other.run
        return self.rank > other.rank if self.descending else self.rank < other.rank


class RecordRuns:
    """The runs of one selection (a RecordPages): one per node for a by-node order, else one.

    Args:
        pages: the selection.
        counts: the runs' counts known already, by node (None for the one run of an
            order that is not by node); a node missing is counted when needed. None:
            a fresh start, counting what a count of the whole selection gives.
    """

    def __init__(
        self, pages: RecordPages, counts: Mapping[str | None, int | None] | None = None
    ) -> None:
        self.pages = pages
        if counts is not None:
            nodes: Sequence[str | None] = pages.query.nodes if pages.order.by_node else (None,)
            runs = [_Run(node, counts.get(node)) for node in nodes]
        elif pages.order.by_node:
            runs = [_Run(node, None) for node in pages.query.nodes]
            if len(runs) == 1:
                runs[0].count = pages.count()
        else:
            runs = [_Run(None, pages.count())]
        self._runs = runs
        self._run_of = {run.node: i for i, run in enumerate(runs)}

    def adopted(self, pages: RecordPages, total: int) -> RecordRuns:
        """The runs of `pages`, a selection of `total` rows that differs from this one only by
        nodes whose records come and go by id (see RecordWindow.adopt): nothing is counted."""
        pages.assume_count(total)
        if pages.order.by_node:
            return RecordRuns(pages, {run.node: run.count for run in self._runs})
        return RecordRuns(pages, {None: total})

    def __len__(self) -> int:
        return len(self._runs)

    def node(self, run: int) -> str | None:
        """The node of a run (None: the one run of an order that is not by node)."""
        return self._runs[run].node

    def index(self, row: Row) -> int:
        """The run a record is in, -1 if its node has none (it left the selection)."""
        return self._run_of.get(row.node if self.pages.order.by_node else None, -1)

    def size(self, run: int) -> int:
        """How many rows a run has (counted the first time it is asked)."""
        counted = self._runs[run].count
        if counted is None:
            node = self._runs[run].node
            counted = self.pages.node_count(node) if node is not None else self.pages.count()
            self._runs[run].count = counted
        return counted

    def start(self, run: int, total: int) -> int:
        """The first row of a run of `total` rows, counting the runs on the nearer side of it."""
        if run <= len(self._runs) // 2:
            return sum(self.size(r) for r in range(run))
        return total - sum(self.size(r) for r in range(run, len(self._runs)))

    def locate(self, position: int, total: int) -> tuple[int, int]:
        """(run, row within the run) of a row of `total` rows."""
        if len(self._runs) == 1:
            return 0, position
        if position < total // 2:
            start = 0
            for run in range(len(self._runs)):
                size = self.size(run)
                if position < start + size:
                    return run, position - start
                start += size
            return len(self._runs) - 1, position - start
        end = total
        for run in range(len(self._runs) - 1, -1, -1):
            size = self.size(run)
            if position >= end - size:
                return run, position - (end - size)
            end -= size
        return 0, position

    def position(self, row: Row, total: int) -> int:
        """The row a record has (or would have) among `total` rows."""
        run = self.index(row)
        return self.start(run, total) + self.pages.count_before(self._runs[run].node, row.key)

    def place(self, row: Row) -> Place:
        """A record's place in the order (a key for bisect)."""
        return Place(self.index(row), row.rank, self.pages.descending)

    def counted(self, row: Row, delta: int) -> None:
        """A record came (+1) or went (-1): its run's count and the selection's follow."""
        index = self.index(row)
        run = self._runs[index] if index >= 0 else _Run(None, None)
        if run.count is not None:
            run.count = max(0, run.count + delta)
        self.pages.adjust_count(delta)
