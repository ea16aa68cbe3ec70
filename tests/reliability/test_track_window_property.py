"""Random sorts, filters, reads, writes and recounts: a Track table's rows are always the store's.

The window (track/record_window.py) holds a few rows of a selection and
follows changes by id, placing new rows by key and counting again only when
it must. Its page sizes are shrunk here so that a few hundred entries take it
through every path — keyset reads, jumps from either end, runs of a by-node
order, rows placed outside the held ones, recounts — and after every step
each row of the table is checked against plain SQL, as is every Qt
notification's range.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from tests.support.big_log import ENTRY_ORDERS

from rolemap.domain.entities import Node, Role
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.tracking import RecordKind, TimeEntry
from rolemap.store import record_pages, record_query
from rolemap.store.database import Store, open_store
from rolemap.store.record_pages import RecordPages
from rolemap.store.record_query import RecordQuery
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository
from rolemap.track import record_window
from rolemap.track.record_window import RecordWindow, Step

BASE = int(dt.datetime(2024, 1, 1, tzinfo=dt.UTC).timestamp())
TITLES = ("Beta", "alpha", "Gamma", "delta")  # case differs: titles sort without it
NOTES = ("", "review", "Review PR", "sync", "hiring loop", "100% done", "a_b")


def _store(folder: Path) -> Store:
    """Four activities of the role shown, one of another role; 240 entries among them."""
    store = open_store(folder / "w.sqlite3", create=True)
    mine = [Node(f"a{i}", "mine", NodeKind.ACTIVITY, t) for i, t in enumerate(TITLES)]
    other = [Node("x0", "other", NodeKind.ACTIVITY, "Elsewhere")]
    roles = RoleRepository(store)
    with store.transaction():
        roles.insert_map(RoleMap.build(Role("mine", "Mine"), mine, []))
        roles.insert_map(RoleMap.build(Role("other", "Other"), other, []))
    rng = random.Random(4)
    entries = [
        TimeEntry(
            f"e{i:04d}",
            rng.choice(["a0", "a1", "a2", "a3", "a3", "x0"]),
            BASE + rng.randrange(0, 60) * 3600,
            rng.randrange(1, 6) * 900,
            rng.choice(NOTES),
        )
        for i in range(240)
    ]
    with store.transaction():
        RecordRepository(store).put_time_entries(entries)
    return store


ORDERS = ("start", "duration", "end", "note", "activity")
TITLE_OF = dict(zip(("a0", "a1", "a2", "a3"), TITLES, strict=True))


class WindowMachine(RuleBasedStateMachine):
    """One table over a small log, driven at random and checked against SQL after each step."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.store = _store(Path(self.folder.name))
        self.repo = RecordRepository(self.store)
        self.counter = 0
        self.order, self.descending = "start", True
        self.nodes: tuple[str, ...] = ("a0", "a1", "a2", "a3")
        self.days: tuple[int, int] | None = None
        self.text = ""
        self.window = RecordWindow(self._pages())

    def teardown(self) -> None:
        self.window.stop_counting()
        self.store.close()
        self.folder.cleanup()

    # -- the selection ----------------------------------------------------------------------

    def _query(self) -> RecordQuery:
        nodes = list(self.nodes)
        if self.order == "activity":
            nodes.sort(key=lambda n: (TITLE_OF[n].casefold(), n), reverse=self.descending)
        low, high = (None, None)
        if self.days is not None:
            low, high = BASE + self.days[0] * 3600, BASE + self.days[1] * 3600
        wanted = self.text.casefold()
        text_nodes = frozenset(n for n in nodes if wanted and wanted in TITLE_OF[n].casefold())
        return RecordQuery(
            RecordKind.TIME_ENTRIES,
            tuple(nodes),
            "node" if self.order == "activity" else self.order,
            self.descending,
            low,
            high,
            self.text,
            text_nodes,
        )

    def _pages(self) -> RecordPages:
        return RecordPages(self.store.conn, self._query())

    def _expected(self) -> list[str]:
        where = ["e.activity_id IN ({})".format(",".join(f"'{n}'" for n in self.nodes))]
        if self.days is not None:
            where.append(f"e.start >= {BASE + self.days[0] * 3600}")
            where.append(f"e.start < {BASE + self.days[1] * 3600}")
        params: list[Any] = []
        if self.text:
            escaped = self.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("(e.note LIKE ? ESCAPE '\\' OR n.title LIKE ? ESCAPE '\\')")
            params += [f"%{escaped}%", f"%{escaped}%"]
        order = ENTRY_ORDERS[self.order].format(d="DESC" if self.descending else "ASC")
        sql = (
            "SELECT e.id FROM time_entries e JOIN nodes n ON n.id = e.activity_id "
            f"WHERE {' AND '.join(where)} ORDER BY {order}"
        )
        return [r[0] for r in self.store.conn.execute(sql, params)]

    def _follow(self, steps: Iterator[Step] | None) -> None:
        """Apply steps as the Qt model does, checking each range against the count."""
        if steps is None:
            self.window = RecordWindow(self._pages())
            return
        for step in steps:
            count = self.window.count
            if step.kind == "insert":
                assert 0 <= step.first <= step.last and step.first <= count, (step, count)
                step.apply()
                assert self.window.count == count + step.last - step.first + 1
            elif step.kind == "remove":
                assert 0 <= step.first <= step.last < count, (step, count)
                step.apply()
                assert self.window.count == count - (step.last - step.first + 1)
            else:
                step.apply()
                assert self.window.count == count

    def _held_ids(self) -> set[str]:
        return {row.id for row in self.window.rows}

    # -- rules ------------------------------------------------------------------------------

    @initialize()
    def small_pages(self) -> None:
        assert record_window.SMALL == record_pages.SMALL == 12

    @rule(order=st.sampled_from(ORDERS), descending=st.booleans())
    def sort(self, order: str, descending: bool) -> None:
        """As the model sorts: the count carries over (a reset if it must count runs of nodes)."""
        self.order, self.descending = order, descending
        pages = self._pages()
        if self.window.counting is not None and pages.order.by_node:
            self.window.stop_counting()
            self.window = RecordWindow(pages)
        else:
            self.window = RecordWindow(pages, since=self.window)

    @rule(
        nodes=st.sets(st.sampled_from(("a0", "a1", "a2", "a3")), min_size=1),
        days=st.none() | st.tuples(st.integers(0, 60), st.integers(1, 40)),
        text=st.sampled_from(("", "", "review", "R", "R", "%", "_", "ALPHA", "zz")),
    )
    def filter(self, nodes: set[str], days: tuple[int, int] | None, text: str) -> None:
        self.nodes = tuple(sorted(nodes))
        self.days = None if days is None else (days[0], days[0] + days[1])
        self.text = text
        self.window.stop_counting()
        self.window = RecordWindow(self._pages())

    @rule(position=st.integers(0, 400))
    def read(self, position: int) -> None:
        if self.window.count:
            self.window.row(position % self.window.count)

    @rule(
        node=st.sampled_from(("a0", "a1", "a2", "a3", "x0")),
        hour=st.integers(-2, 64),
        quarters=st.integers(1, 8),
        note=st.sampled_from(NOTES),
    )
    def log(self, node: str, hour: int, quarters: int, note: str) -> None:
        self.counter += 1
        entry = TimeEntry(
            f"n{self.counter:04d}", node, BASE + hour * 3600 + 60, quarters * 900, note
        )
        with self.store.transaction():
            self.repo.put_time_entries([entry])
        found = self.window.pages.rows_by_id([entry.id])
        if any(row.node not in self.window.pages.query.nodes for row, _ in found):
            self.window.pages.check_reach()
        self._follow(self.window.added([row for row, fits in found if fits]))

    @rule(pick=st.integers(0, 10_000), held=st.booleans())
    def delete(self, pick: int, held: bool) -> None:
        ids = sorted(self._held_ids()) if held else self._all_ids()
        if not ids:
            return
        doomed = ids[pick % len(ids)]
        with self.store.transaction():
            self.repo.delete_time_entries([doomed])
        if doomed in self._held_ids():
            self._follow(self.window.removed([doomed]))
        else:
            self._follow(self.window.resync())

    @rule(
        pick=st.integers(0, 10_000),
        held=st.booleans(),
        field=st.sampled_from(("start", "duration", "activity_id", "note")),
        value=st.integers(0, 70),
    )
    def edit(self, pick: int, held: bool, field: str, value: int) -> None:
        ids = sorted(self._held_ids()) if held else self._all_ids()
        if not ids:
            return
        old = self.repo.time_entry(ids[pick % len(ids)])
        assert old is not None
        new = {
            "start": lambda: {"start": BASE + value * 3600},
            "duration": lambda: {"duration": (value % 8 + 1) * 900},
            "activity_id": lambda: {"activity_id": ("a0", "a1", "a2", "a3")[value % 4]},
            "note": lambda: {"note": NOTES[value % len(NOTES)]},
        }[field]()
        changed = dataclasses.replace(old, **new)
        with self.store.transaction():
            self.repo.put_time_entries([changed])
        found = self.window.pages.rows_by_id([changed.id])
        if changed.id in self._held_ids():
            self._follow(self.window.changed(found))
        else:
            self._follow(self.window.resync())

    @precondition(lambda self: self.window.counting is not None)
    @rule()
    def count_arrives(self) -> None:
        """A text's count, started on other threads, is done: as the model takes it."""
        counting = self.window.counting
        assert counting is not None
        counting.total.exception(timeout=30)  # done, whichever way
        self._follow(self.window.all_counted(counting))

    @rule()
    def recount(self) -> None:
        self._follow(self.window.resync())

    @rule(node=st.sampled_from(("a0", "a1", "a2", "a3")))
    def take_in_a_node(self, node: str) -> None:
        """A node joins the filter: its records are counted in (`resync` with the new pages)."""
        if node in self.nodes:
            return
        self.nodes = tuple(sorted({*self.nodes, node}))
        self._follow(self.window.resync(self._pages()))

    def _all_ids(self) -> list[str]:
        return [r[0] for r in self.store.conn.execute("SELECT id FROM time_entries ORDER BY id")]

    # -- what must always hold -----------------------------------------------------------

    @invariant()
    def rows_are_the_stores(self) -> None:
        expected = self._expected()
        window = self.window
        if window.counting is None:
            assert window.count == len(expected)
        else:  # a text's first hits, more than SMALL; the rows past them come with the count
            assert record_pages.SMALL < window.count <= len(expected)
            expected = expected[: window.count]
        for index, row in enumerate(window.rows):
            assert row.id == expected[window.first + index], (window.first, index)
        for position in {0, len(expected) // 2, len(expected) - 1, len(expected) // 3}:
            if 0 <= position < len(expected):
                found = window.row(position)
                assert found is not None and found.id == expected[position], position


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(record_window, "SMALL", 12)
    monkeypatch.setattr(record_pages, "SMALL", 12)
    monkeypatch.setattr(record_query, "FEW_OTHERS", 30)
    monkeypatch.setattr(record_window, "PAGE", 7)
    monkeypatch.setattr(record_window, "NEAR", 15)
    monkeypatch.setattr(record_window, "KEEP", 25)


def test_a_table_always_shows_the_store(small_pages: None) -> None:
    WindowMachine.TestCase.settings = settings(
        max_examples=60,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    WindowMachine.TestCase().runTest()


def _counting_machine() -> WindowMachine:
    """A table filtered to a text with more hits than SMALL: the first hits show, the rest
    are being counted."""
    machine = WindowMachine()
    machine.filter(nodes={"a0", "a1", "a2", "a3"}, days=None, text="R")
    assert machine.window.counting is not None
    return machine


def test_reading_to_the_last_first_hit_holds_no_row_past_it(small_pages: None) -> None:
    machine = _counting_machine()
    try:
        window = machine.window
        window.row(window.count - 10)
        window.row(window.count - 1)  # a read next to those held, by keyset
        assert window.first + len(window.rows) <= window.count
        machine.rows_are_the_stores()
    finally:
        machine.teardown()


def test_an_entry_logged_past_the_first_hits_waits_for_the_count(small_pages: None) -> None:
    machine = _counting_machine()
    try:
        window = machine.window
        window.row(window.count - 1)  # the rows held reach the last first hit
        shown = window.count
        machine.log(node="a1", hour=-2, quarters=1, note="Review PR")  # the oldest: last
        assert window.count == shown + 1
        assert all(row.id != f"n{machine.counter:04d}" for row in window.rows)
        machine.rows_are_the_stores()
        machine.count_arrives()  # rows came meanwhile: counted again, not taken as is
        assert window.counting is None
        machine.rows_are_the_stores()
    finally:
        machine.teardown()


def test_a_sort_while_counting_keeps_the_count_under_way(small_pages: None) -> None:
    machine = _counting_machine()
    try:
        counting = machine.window.counting
        machine.sort(order="duration", descending=False)
        assert machine.window.counting is counting
        machine.rows_are_the_stores()
        machine.count_arrives()
        assert machine.window.counting is None
        machine.rows_are_the_stores()
    finally:
        machine.teardown()
