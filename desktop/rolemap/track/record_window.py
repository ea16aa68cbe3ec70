"""RecordWindow: which record sits in which row of a Track table, read from the store on demand.

A table has `count` rows, from a query, and the window holds the records of
the rows around those on screen: one contiguous run, rows [first, first +
len(rows)). When the view asks for a row outside it, the window reads by
keyset next to the run when the row is near ("the 200 after this one"), or
jumps: it reads around the row by offset from the nearer end. A selection of
at most `SMALL` rows is read whole, once. A by-node order (Activity,
Category, Output, Outcome) is a sequence of runs, one per node, each counted
only when a position past it is first needed (record_runs.py).

Changes arrive as record ids (the document's signals). An added record goes
where its key puts it: exactly, among the rows held, or at the edge of the
held run when its key falls outside — its true row is then among rows not
read yet, which show nothing until read, so no one can tell the difference.
A record removed or changed outside the held rows, or a change without ids,
is followed by counting again (`resync`): the rows before the held ones, the
held ones re-read and compared, the rows after.

Every change is a list of `Step`s, each a row range and a function that makes
it; the model (record_models.py) wraps each in Qt's begin/end notifications.
No Qt here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rolemap.store.record_keys import Row
from rolemap.store.record_pages import SMALL, RecordPages
from rolemap.store.text_count import TextCount
from rolemap.track.record_runs import RecordRuns

PAGE = 200  # rows read at a time; a screen shows 20–60
NEAR = 2 * PAGE  # a row this close to the held ones is read by keyset, not by a jump
KEEP = 2000  # held rows beyond this are let go, farthest from the last read first


@dataclass(frozen=True)
class Step:
    """One change of the rows: `kind` is "insert", "remove" or "change", over [first, last]."""

    kind: str
    first: int
    last: int
    apply: Callable[[], None]


class RecordWindow:
    """The rows of one selection (a RecordPages), held around those on screen.

    Args:
        pages: the selection.
        since: the window of the same selection in another order (a new sort),
            whose count carries over; not by node while it is `counting`.

    Attributes:
        count: the rows the table has.
        first: the row of `rows[0]`.
        rows: the records held, in display order.
        runs: where each node's records lie among the rows (one run unless by node).
        defer_jumps: while set (a scroll bar being dragged over a slow
            selection), rows far from those held are not read: they show empty.
        counting: a text's count under way; `count` is then what it found at
            once (more than SMALL), and `all_counted` shows the rest. Rows past
            `count` exist then: no read goes beyond it.
    """

    def __init__(self, pages: RecordPages, since: RecordWindow | None = None) -> None:
        if since is None:
            self.count, self.counting = pages.first_count()
            self._moved = False  # rows came or went while `counting`
        else:  # the same selection in another order: its count, or its count under way
            self.count, self.counting, self._moved = since.count, since.counting, since._moved
            pages.counted_as(since.pages, self.count, self.counting)
        self.first = 0
        self.rows: list[Row] = []
        self.defer_jumps = False
        self._settling = False
        self.runs = RecordRuns(pages, {None: self.count} if self.counting else None)

    @property
    def pages(self) -> RecordPages:
        """The selection the rows are read from."""
        return self.runs.pages

    # -- reading ------------------------------------------------------------------------------

    def row(self, position: int) -> Row | None:
        """The record at a row, read if need be (None while it cannot be: see `defer_jumps`)."""
        if not 0 <= position < self.count:
            return None
        index = position - self.first
        if not 0 <= index < len(self.rows):
            if self._settling:
                return None
            self._fetch(position)
            index = position - self.first
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def held(self, position: int) -> Row | None:
        """The record at a row if it is held (never reads)."""
        index = position - self.first
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def position_of(self, record_id: str) -> int:
        """The row of a held record, -1 if it is not held."""
        for index, row in enumerate(self.rows):
            if row.id == record_id:
                return self.first + index
        return -1

    def locate(self, record_id: str) -> int:
        """The row of any record of the selection (counted if not held), -1 if it has none."""
        position = self.position_of(record_id)
        if position >= 0:
            return position
        found = [row for row, fits in self.pages.rows_by_id([record_id]) if fits]
        if not found:
            return -1
        return self.runs.position(found[0], self.count)

    def _fetch(self, position: int) -> None:
        end = self.first + len(self.rows)
        if self.count <= SMALL:
            self._hold(0, self._read_range(0, self.count))
        elif self.rows and end <= position < end + NEAR:
            more = self._read_after(self.rows[-1], min(position - end + PAGE, self.count - end))
            self.rows.extend(more)
            self._trim(keep_end=True)
        elif self.rows and self.first - NEAR <= position < self.first:
            more = self._read_before(self.rows[0], self.first - position + PAGE)
            self.rows[:0] = more
            self.first -= len(more)
            self._trim(keep_end=False)
        elif not self.defer_jumps or not self.rows:
            start = max(0, min(position - PAGE // 2, self.count - PAGE))
            self._hold(start, self._read_range(start, min(PAGE, self.count - start)))

    def _hold(self, first: int, rows: list[Row]) -> None:
        self.first, self.rows = first, rows

    def _trim(self, *, keep_end: bool) -> None:
        extra = len(self.rows) - KEEP
        if extra <= 0 or self.count <= SMALL:
            return
        if keep_end:
            del self.rows[:extra]
            self.first += extra
        else:
            del self.rows[-extra:]

    def _read_range(self, start: int, n: int) -> list[Row]:
        """Rows [start, start + n), reading from the nearer end of the run they begin in."""
        if n <= 0:
            return []
        run, local = self.runs.locate(start, self.count)
        size = self.runs.size(run)
        node = self.runs.node(run)
        k = max(0, min(n, size - local))  # 0 only if the counts went stale (another program)
        if k == 0:
            return []
        if self.counting is not None or local <= size - local - k:  # no end known yet
            rows = self.pages.read(node, offset=local, limit=k)
        else:
            rows = self.pages.read(node, forward=False, offset=size - local - k, limit=k)[::-1]
        if rows and len(rows) < n:
            rows += self._read_after(rows[-1], n - len(rows))
        return rows

    def _read_after(self, row: Row, n: int) -> list[Row]:
        """Up to n rows after `row`, into the following runs."""
        run = self.runs.index(row)
        rows = self.pages.read(self.runs.node(run), after=row.key, limit=n)
        while len(rows) < n and run + 1 < len(self.runs):
            run += 1
            rows += self.pages.read(self.runs.node(run), limit=n - len(rows))
        return rows

    def _read_before(self, row: Row, n: int) -> list[Row]:
        """Up to n rows before `row`, into the preceding runs, in display order."""
        run = self.runs.index(row)
        rows = self.pages.read(self.runs.node(run), after=row.key, forward=False, limit=n)
        while len(rows) < n and run > 0:
            run -= 1
            rows += self.pages.read(self.runs.node(run), forward=False, limit=n - len(rows))
        return rows[::-1]

    # -- changes (each a generator: a step is worked out once the steps before it ran) ---------

    def added(self, rows: Sequence[Row]) -> Iterator[Step]:
        """Steps that show new records of the selection, each where its key puts it."""
        for row in rows:
            if self.runs.index(row) >= 0:
                yield self._insert_step(row)

    def removed(self, record_ids: Sequence[str]) -> Iterator[Step]:
        """Steps that remove held records' rows (see `position_of`)."""
        for record_id in record_ids:
            if self.position_of(record_id) >= 0:
                yield self._remove_held_step(record_id)

    def changed(self, rows: Sequence[tuple[Row, bool]]) -> Iterator[Step]:
        """Steps for held records that changed: in place, moved, or gone from the selection."""
        for row, fits in rows:
            position = self.position_of(row.id)
            if position < 0:
                continue
            old = self.rows[position - self.first]
            if not fits:
                yield self._remove_held_step(row.id)
            elif old.rank == row.rank and old.node == row.node:
                yield Step("change", position, position, _setter(self, position, row))
            else:
                yield self._remove_held_step(row.id)
                yield self._insert_step(row)

    def _insert_step(self, row: Row) -> Step:
        position, held = self._place(row)

        def apply() -> None:
            self._insert(position, row if held else None)
            self.runs.counted(row, +1)

        return Step("insert", position, position, apply)

    def _remove_held_step(self, record_id: str) -> Step:
        position = self.position_of(record_id)
        row = self.rows[position - self.first]

        def apply() -> None:
            self._remove(position, 1)
            self.runs.counted(row, -1)

        return Step("remove", position, position, apply)

    def _place(self, row: Row) -> tuple[int, bool]:
        """Where a new record goes, and whether it joins the held rows."""
        end = self.first + len(self.rows)
        if not self.rows:
            return 0, self.count == 0
        index = bisect.bisect_right(self.rows, self.runs.place(row), key=self.runs.place)
        if index == 0:
            return self.first, self.first == 0
        if index == len(self.rows):  # the last row, unless rows lie past `count` (`counting`)
            return end, end == self.count and self.counting is None
        return self.first + index, True

    def _insert(self, position: int, row: Row | None) -> None:
        """Add a row at `position`: held (`row` given: inside the run or at its edge) or not."""
        self.count += 1
        self._moved = self.counting is not None
        if row is not None:
            if not self.rows:
                self.first = position
            self.rows.insert(position - self.first, row)
        elif position <= self.first:
            self.first += 1

    def _remove(self, position: int, n: int) -> None:
        """Remove rows [position, position + n), held or not."""
        self.count -= n
        self._moved = self.counting is not None
        end = position + n
        held_from = max(position, self.first)
        held_to = min(end, self.first + len(self.rows))
        if held_from < held_to:
            del self.rows[held_from - self.first : held_to - self.first]
        self.first -= max(0, min(end, self.first) - position)

    def adopt(self, pages: RecordPages) -> None:
        """Take a selection that differs only by nodes whose records come and go by id.

        A node added to the map brings its records with it, announced right
        after it (`added`); a node removed took its records first (`removed`).
        So the rows stay as they are, and nothing is counted.
        """
        self._moved = self.counting is not None  # the count under way is of the old selection
        self.runs = self.runs.adopted(pages, self.count)

    # -- a text's count arriving --------------------------------------------------------------

    def all_counted(self, counting: TextCount) -> Iterator[Step] | None:
        """Steps to the whole count, once `counting` is done: the rows past those found at once.

        Counted again (`resync`) when rows came or went while it ran (it may or
        may not have seen them) or when it failed; no steps when it is not this
        window's count any more. None: the model starts afresh (see `resync`).
        """
        if counting is not self.counting:
            return iter(())
        self.counting = None
        if self._moved or counting.total.exception() is not None:
            return self.resync()
        return self._counted_steps(counting.total.result())

    def _counted_steps(self, total: int) -> Iterator[Step]:
        def apply() -> None:
            self.count = total
            self.pages.assume_count(total)
            self.runs = RecordRuns(self.pages, {None: total})

        if total == self.count:  # the first hits were all (rows never go while counting)
            return apply()
        yield Step("insert", self.count, total - 1, apply)

    def stop_counting(self) -> None:
        """Cancel a text's count under way (the window is let go, or counted again)."""
        if self.counting is not None:
            self.counting.cancel()
            self.counting = None

    # -- counting again -----------------------------------------------------------------------

    def resync(self, pages: RecordPages | None = None) -> Iterator[Step] | None:
        """Steps from the rows as shown to the store's (under `pages` if the selection changed).

        Counts again, finds where the first held record that still belongs now
        is, re-reads the held rows from there and compares. None when no held
        record can be found again (their nodes left): the model starts afresh.
        """
        self.stop_counting()
        runs = RecordRuns(pages or self.pages.again())
        anchor = next((row for row in self.rows if runs.index(row) >= 0), None)
        if self.rows and anchor is None:
            return None
        self.runs = runs
        return self._resync(anchor, runs.pages.count())

    def _resync(self, anchor: Row | None, new_count: int) -> Iterator[Step]:
        self._settling = True
        try:
            if anchor is None:
                self.first = 0  # no rows held: every row is one not read
            new_first, new_rows = 0, []
            if anchor is not None:
                new_first = self.runs.position(anchor, new_count)
                new_rows = self._read_from(anchor, len(self.rows))
            if new_first < self.first:
                yield self._remove_step(new_first, self.first - new_first)
            elif new_first > self.first:
                yield self._unheld_step(self.first, new_first - self.first)
            yield from self._diff(new_rows)
            difference = new_count - self.count
            end = self.first + len(self.rows)
            if difference > 0:
                yield self._unheld_step(end, difference)
            elif difference < 0:
                yield self._remove_step(end, -difference)
        finally:
            self._settling = False

    def _read_from(self, anchor: Row, n: int) -> list[Row]:
        """Up to n rows from where `anchor`'s key is (the anchor included, if still there)."""
        rowid = anchor.key[-1] + (1 if self.pages.descending else -1)
        bound = Row((*anchor.key[:-1], rowid), anchor.rank, anchor.record, anchor.node)
        return self._read_after(bound, max(n, 1))

    def _remove_step(self, position: int, n: int) -> Step:
        return Step("remove", position, position + n - 1, lambda: self._remove(position, n))

    def _unheld_step(self, position: int, n: int) -> Step:
        def apply() -> None:
            for _ in range(n):
                self._insert(position, None)

        return Step("insert", position, position + n - 1, apply)

    def _diff(self, new_rows: list[Row]) -> Iterator[Step]:
        """Steps that turn the held rows into `new_rows` (which start at the same row)."""
        fresh = {row.id: row for row in new_rows}

        def stays(row: Row) -> bool:
            new = fresh.get(row.id)
            return new is not None and new.rank == row.rank and new.node == row.node

        for index in range(len(self.rows) - 1, -1, -1):  # bottom up: positions above stay
            if not stays(self.rows[index]):
                yield self._remove_step(self.first + index, 1)
        for j, row in enumerate(new_rows):
            position = self.first + j
            current = self.held(position)
            if current is not None and current.id == row.id:
                if current.record != row.record:
                    yield Step("change", position, position, _setter(self, position, row))
                continue
            yield Step("insert", position, position, _inserter(self, position, row))


def _setter(window: RecordWindow, position: int, row: Row) -> Callable[[], None]:
    def apply() -> None:
        window.rows[position - window.first] = row

    return apply


def _inserter(window: RecordWindow, position: int, row: Row) -> Callable[[], None]:
    return lambda: window._insert(position, row)
