"""Mutated JSON Canvas, Markdown and GraphML files imported into a populated database.

A refusal must be a FormatError and leave every row as it was; an acceptance
adds one role and leaves every existing row unchanged, with `rolemap check`'s
rules clean.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.interchange.errors import FormatError
from rolemap.services.map_files import import_preview, map_format, read_map
from rolemap.services.transfer import seed_example
from rolemap.store.database import open_store
from rolemap.store.integrity import consistency_problems, damage
from rolemap.store.role_repository import RoleRepository

EXAMPLES = int(os.environ.get("ROLEMAP_FUZZ_EXAMPLES", "60"))
TABLES = ("roles", "nodes", "links", "time_entries", "deliveries", "checkins")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, bytes]]]:
    folder = tmp_path_factory.mktemp("maps")
    store = open_store(folder / "seed.sqlite3", create=True, seed=seed_example)
    try:
        role_map = RoleRepository(store).load_map(RoleRepository(store).list_roles()[0].id)
        files = {
            n: map_format(n).write(role_map).encode() for n in ("canvas", "markdown", "graphml")
        }
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    yield folder / "seed.sqlite3", files


def rows(conn: sqlite3.Connection) -> dict[str, set[tuple[object, ...]]]:
    return {t: set(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(["canvas", "markdown", "graphml"]),
    edits=st.lists(
        st.tuples(st.integers(0, 10**9), st.binary(max_size=8), st.booleans()), max_size=4
    ),
)
def test_a_mutated_map_file_is_refused_whole_or_taken_cleanly(
    seeded: tuple[Path, dict[str, bytes]],
    tmp_path: Path,
    name: str,
    edits: list[tuple[int, bytes, bool]],
) -> None:
    seed, files = seeded
    data = files[name]
    for at, insert, cut in edits:  # splice bytes in, or cut a stretch out
        at %= len(data) + 1
        data = data[:at] + (b"" if cut else insert) + data[at + (len(insert) if cut else 0) :]
    here = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by every example
    path = here / f"map{map_format(name).suffix}"
    path.write_bytes(data)
    db = here / "db.sqlite3"
    db.write_bytes(seed.read_bytes())
    store = open_store(db)
    try:
        before = rows(store.conn)
        try:
            import_preview(store, read_map(path, role_name="Fuzzed"))
        except FormatError:
            assert rows(store.conn) == before
            return
        after = rows(store.conn)
        for table in TABLES:
            assert before[table] <= after[table], table
        assert len(after["roles"]) == len(before["roles"]) + 1
        assert damage(store.conn) == [] and consistency_problems(store.conn) == []
    finally:
        store.close()
