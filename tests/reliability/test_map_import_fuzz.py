"""Mutated JSON Canvas, Markdown and GraphML files imported into a populated database.

Two kinds of mutation: bytes spliced in or cut out (through the import
service), and the files' own pieces changed (through `rolemap import`, in this
process): a JSON value replaced by any value (ids made to collide, numbers
huge, text hostile), a GraphML attribute or text replaced, a Markdown line
replaced, indented or repeated. A refusal (a FormatError; exit status 1)
must leave the database byte for byte as it was; an acceptance adds one role
and leaves every existing row unchanged, with `rolemap check`'s rules clean.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rolemap.cli.main import main
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
            refused = True
        else:
            refused = False
            after = rows(store.conn)
            for table in TABLES:
                assert before[table] <= after[table], table
            assert len(after["roles"]) == len(before["roles"]) + 1
            assert damage(store.conn) == [] and consistency_problems(store.conn) == []
    finally:
        store.close()
    if refused:
        assert digest(db) == digest(seed)


def digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


NASTY = [
    "\ud800",
    "\x1b[2J",
    "\x00",
    "\u202e",
    "",
    " ",
    "x" * 600,
    "&amp;",
    "&#0;",
    "]]>",
    "<",
    "#",
    "- [x]",
    "1e309",
    "-1e308",
    "NaN",
    "99999999999999999999",
    "activity",
    "outcome",
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(NASTY),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=5,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def changed_canvas(data: bytes, steps: list[tuple[int, Any, int]]) -> bytes:
    """Each step puts a value, or another place's value (an id made to collide), somewhere."""
    document: Any = json.loads(data)
    for place, value, other in steps:
        places = [p for p in _places(document) if p]
        if not places:
            break
        path, source = places[place % len(places)], places[other % len(places)]
        if other % 3 == 0:  # copy a value from elsewhere: ids collide, links point astray
            value = document
            for part in source:
                value = value[part]
            value = json.loads(json.dumps(value))
        target = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


_XML_PIECE = re.compile(rb'(?<==")[^"]*(?=")|(?<=>)[^<]+(?=<)')


def changed_graphml(data: bytes, steps: list[tuple[int, Any, int]]) -> bytes:
    """Each step replaces one attribute value or one text with a hostile piece."""
    for place, _, pick in steps:
        pieces = list(_XML_PIECE.finditer(data))
        if not pieces:
            break
        piece = pieces[place % len(pieces)]
        text = NASTY[pick % len(NASTY)].encode("utf-8", "surrogatepass")
        data = data[: piece.start()] + text + data[piece.end() :]
    return data


def changed_markdown(data: bytes, steps: list[tuple[int, Any, int]]) -> bytes:
    """Each step replaces, indents or repeats one line."""
    lines = data.split(b"\n")
    for place, _, pick in steps:
        at = place % len(lines)
        how = pick % 4
        if how == 0:
            lines[at] = NASTY[pick % len(NASTY)].encode("utf-8", "surrogatepass")
        elif how == 1:
            lines[at] = b"  " * (1 + pick % 40) + lines[at]
        elif how == 2:
            lines.insert(at, lines[pick % len(lines)])
        else:
            lines[at] = lines[at] + b" " + NASTY[pick % len(NASTY)].encode("utf-8", "surrogatepass")
    return b"\n".join(lines)


CHANGE = {"canvas": changed_canvas, "graphml": changed_graphml, "markdown": changed_markdown}


def rolemap(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, err.getvalue()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(["canvas", "markdown", "graphml"]),
    steps=st.lists(
        st.tuples(st.integers(0, 10**6), JSON_VALUES, st.integers(0, 10**6)),
        min_size=1,
        max_size=4,
    ),
    import_rest=st.booleans(),
)
def test_a_map_file_with_hostile_pieces_is_refused_whole_or_taken_cleanly(
    seeded: tuple[Path, dict[str, bytes]],
    tmp_path: Path,
    name: str,
    steps: list[tuple[int, Any, int]],
    import_rest: bool,
) -> None:
    seed, files = seeded
    here = Path(tempfile.mkdtemp(dir=tmp_path))  # tmp_path is shared by every example
    path = here / f"map{map_format(name).suffix}"
    path.write_bytes(CHANGE[name](files[name], steps))
    db = here / "db.sqlite3"
    db.write_bytes(seed.read_bytes())
    args = ["import", str(path), "--format", name, "--db", str(db)]
    code, err = rolemap(*args, *["--import-rest"] * import_rest)
    assert code in (0, 1) and "Traceback" not in err, err
    event("refused" if code else "taken")
    if code == 1:
        assert err.startswith("rolemap: "), err
        assert digest(db) == digest(seed)
        return
    conn = sqlite3.connect(db)
    try:
        before = sqlite3.connect(f"file:{seed}?mode=ro&immutable=1", uri=True)
        try:
            old = rows(before)
        finally:
            before.close()
        after = rows(conn)
        for table in TABLES:
            assert old[table] <= after[table], table
        assert len(after["roles"]) == len(old["roles"]) + 1
        assert damage(conn) == [] and consistency_problems(conn) == []
    finally:
        conn.close()
