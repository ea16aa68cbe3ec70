"""Mutated Rolemap JSON files against a populated database: refused whole, or taken cleanly.

Each example mutates a valid file in one of the ways an attacker or a
careless tool would: any value replaced by any JSON value, ids that collide
with the database's, days and weeks past the calendar's ends, non-finite and
huge numbers, lone surrogates, control characters, deep nesting, bytes cut
or flipped. The file is either a version 2 export of a role with everything
(records, rules for imported time, reviews with actions, figures and
snapshots, week plans, checklists: tests/support/full_role.py) or the
committed version 1 example. It is imported into a database holding that
role. A refusal must be a FormatError and leave the database byte for byte
as it was; an acceptance must leave every existing row unchanged, pass
`rolemap check`'s rules, and survive export → import into an empty database
unchanged.

`make fuzz` runs many more examples (ROLEMAP_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support.full_role import COMPARED, open_full

from rolemap.interchange import rolemap_json
from rolemap.interchange.errors import FormatError
from rolemap.services.transfer import export_json, import_bundles
from rolemap.store.database import Store, open_store
from rolemap.store.integrity import ID_TABLES, consistency_problems, damage

EXAMPLES = int(os.environ.get("ROLEMAP_FUZZ_EXAMPLES", "120"))
TABLES = COMPARED
VERSION_1 = (
    Path(__file__).resolve().parents[2] / "resources" / "examples" / "engineering-manager.json"
)


class Populated:
    """The seed database, its export, a version 1 file and the database's ids (kept out of
    failure reports: too long)."""

    def __init__(self, path: Path, text: str, version_1: str, ids: list[str]) -> None:
        self.path, self.text, self.version_1, self.ids = path, text, version_1, ids

    def __repr__(self) -> str:
        return f"Populated({self.path})"


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Populated]:
    """A database holding a role with everything; its export; every id in it."""
    folder = tmp_path_factory.mktemp("fuzz")
    store = open_full(folder / "seed.sqlite3")
    try:
        text = export_json(store)
        ids = [str(r[0]) for t in ID_TABLES for r in store.conn.execute(f"SELECT id FROM {t}")]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    yield Populated(folder / "seed.sqlite3", text, VERSION_1.read_text(encoding="utf-8"), ids)


def rows(conn: sqlite3.Connection) -> dict[str, set[tuple[object, ...]]]:
    return {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
NASTY = ("\ud800", "\x1b[2J", "\x00", "\u202e", "end", "", " ", "x" * 600, "\\", '"', "\u0085")


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


ID_KEYS = ("id", "source", "target", "activity", "output", "outcome", "review", "node")
ID_KEYS += ("closed_in", "focus")
NUMBERS = (10**400, -(2**63), 2**63, 1e308, -1e308, 0, -1, 86401, 2**31)
# Weeks, quarters, days and times at and past the ends of the calendar, by the key that
# holds them (a week of year 0 or 9999 was a ValueError or an OverflowError, not a refusal).
DAYS = ("0000-01-01", "9999-12-31", "2026-02-30", "1969-12-31", "2100-01-01", "")
WHENS = {
    "week": ("0000-W01", "9999-W52", "2026-W54", "2026-W00", "1970-W01"),
    "quarter": ("0000-Q1", "9999-Q4", "2026-Q5", "1969-Q4"),
    **dict.fromkeys(("created", "due", "date", "first_day", "last_day", "day"), DAYS),
    **dict.fromkeys(("by_day", "frozen"), DAYS),
    **dict.fromkeys(("started", "finished", "exported"), ("9999-12-31T23:59:59Z", "0001-01-01")),
}
step = st.tuples(
    st.sampled_from(["value", "id", "number", "text", "when"]),
    st.integers(0, 10**6),  # which place in the file (modulo the places there are)
    json_values,
    st.integers(0, 10**6),  # which id, number or text
)
plans = st.fixed_dictionaries(
    {
        "role": st.integers(0, 3),
        "how": st.sampled_from(["steps", "nest", "bytes"]),
        "steps": st.lists(step, min_size=1, max_size=5),
        "depth": st.sampled_from([50, 5000, 100_000]),
        "ascii": st.booleans(),
        "at": st.integers(0, 10**9),
        "cut": st.booleans(),
        "literal": st.sampled_from([None, "NaN", "Infinity", "-Infinity"]),
        "version_1": st.booleans(),
    }
)


def _new_value(kind: str, value: Any, pick: int, ids: list[str]) -> Any:
    if kind == "value":
        return copy.deepcopy(value)
    if kind == "id":
        return ids[pick % len(ids)]
    if kind == "number":
        return NUMBERS[pick % len(NUMBERS)]

    return NASTY[pick % len(NASTY)]


def mutated(plan: dict[str, Any], text: str, ids: list[str]) -> bytes:
    """The file a plan makes of the export (every choice drawn up front, none from the file)."""
    if plan["how"] == "nest":
        return ("[" * plan["depth"] + "]" * plan["depth"]).encode()
    document = json.loads(text)
    document["roles"][0]["id"] = ["fuzzed-role", *ids[:3]][plan["role"]]
    document["roles"][0]["name"] = "Fuzzed"
    for kind, place, value, pick in plan["steps"]:
        paths = list(_paths(document))
        if kind == "id":
            paths = [p for p in paths if p and p[-1] in ID_KEYS] or paths
        if kind == "when":  # a key first, so that the few weeks are picked as often as days
            present = sorted({p[-1] for p in paths if p and p[-1] in WHENS})
            key = present[pick % len(present)] if present else None
            paths = [p for p in paths if p and p[-1] == key] or paths
            when = WHENS.get(str(key), DAYS)
            value, kind = when[pick // max(1, len(present)) % len(when)], "value"
        path = paths[place % len(paths)]
        document = _set(document, path, _new_value(kind, value, pick, ids))
    data = json.dumps(document, ensure_ascii=plan["ascii"]).encode("utf-8", "surrogatepass")
    if plan["how"] == "bytes":
        at = plan["at"] % len(data)
        data = data[:at] if plan["cut"] else data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    if plan["literal"]:
        data = data.replace(b'"x": 368.0', b'"x": ' + plan["literal"].encode(), 1)
    return data


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans, replace=st.booleans())
def test_a_mutated_file_is_refused_whole_or_taken_cleanly(
    populated: Populated, tmp_path: Path, plan: dict[str, Any], replace: bool
) -> None:
    text = populated.version_1 if plan["version_1"] else populated.text
    refused_whole_or_taken_cleanly(populated, tmp_path, mutated(plan, text, populated.ids), replace)


@settings(
    max_examples=max(10, EXAMPLES // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.just("when"), st.integers(0, 10**6), st.none(), st.integers(0, 10**6)),
        min_size=1,
        max_size=3,
    ),
    replace=st.booleans(),
)
def test_days_and_weeks_past_the_calendars_ends_are_refused_whole(
    populated: Populated, tmp_path: Path, steps: list[Any], replace: bool
) -> None:
    plan = {"role": 0, "how": "steps", "steps": steps, "ascii": True, "literal": None}
    content = mutated(plan, populated.text, populated.ids)
    refused_whole_or_taken_cleanly(populated, tmp_path, content, replace)


def refused_whole_or_taken_cleanly(
    populated: Populated, tmp_path: Path, content: bytes, replace: bool
) -> None:
    """`content` imported into a copy of the seed: refused byte for byte, or taken cleanly."""
    seed = populated.path
    # tmp_path is shared by every example of the test: each gets a folder of its own.
    here = Path(tempfile.mkdtemp(dir=tmp_path))
    copy = here / "db.sqlite3"
    copy.write_bytes(seed.read_bytes())
    store: Store = open_store(copy)
    try:
        before = rows(store.conn)
        try:
            bundles = rolemap_json.load_bytes(content)
            import_bundles(store, bundles, replace=replace)
        except FormatError:
            assert rows(store.conn) == before
            store.close()
            assert copy.read_bytes() == seed.read_bytes()  # byte for byte, not only the rows
            return
        after = rows(store.conn)
        replaced = {b.role_map.role.id for b in bundles} & {r[0] for r in before["roles"]}
        if not replaced:
            for table in TABLES:
                assert before[table] <= after[table], table
        assert damage(store.conn) == [] and consistency_problems(store.conn) == []
        exported = export_json(store)
    finally:
        store.close()
    empty = open_store(here / "empty.sqlite3", create=True)
    try:
        import_bundles(empty, rolemap_json.loads(exported))
        assert json.loads(export_json(empty))["roles"] == json.loads(exported)["roles"]
    finally:
        empty.close()
