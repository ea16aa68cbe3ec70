"""Every file brought in is read the same way: a regular file, whole, and not too big.

A pipe, a device, a folder or a file over the readers' limit is refused with a
sentence before any parser sees it, at every way in: `rolemap import`, the
map readers behind the Import… dialog, the Rolemap JSON import and the time
files. Nothing waits on a pipe and nothing reads `/dev/zero` until memory ends.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from rolemap.cli.map_commands import run_import
from rolemap.interchange.errors import FormatError
from rolemap.services import input_file
from rolemap.services.input_file import read_input
from rolemap.services.map_files import read_map
from rolemap.services.time_files import ReadOptions, TimeFormat, read_time_file
from rolemap.services.transfer import import_file
from rolemap.store.database import Store, open_store


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "map.json"
    os.mkfifo(path)  # nobody writes to it: reading it would wait for ever
    return path


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "roles.json"
    path.write_bytes(b"x" * 10)
    assert read_input(path, limit=10) == b"x" * 10


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp, "is a folder, not a file"),
        (lambda tmp: Path("/dev/zero"), "is not a regular file"),
    ],
)
def test_a_folder_or_a_device_is_refused(
    tmp_path: Path, make: Callable[[Path], Path], words: str
) -> None:
    with pytest.raises(FormatError, match=words):
        read_input(make(tmp_path))


def test_a_pipe_is_refused_at_once(fifo: Path) -> None:
    with pytest.raises(FormatError, match="is not a regular file"):
        read_input(fifo)


def test_a_file_over_the_limit_is_refused_saying_how_big(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * (3 * 1_048_576))
    with pytest.raises(FormatError, match=r"is 3 MB; Rolemap reads such files up to 2 MB"):
        read_input(path, limit=2 * 1_048_576)


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_input(tmp_path / "missing.json")


def test_every_way_in_refuses_a_pipe_and_leaves_the_database_as_it_was(
    fifo: Path, store: Store
) -> None:
    before = store.conn.execute("SELECT count(*) FROM roles").fetchone()
    with pytest.raises(FormatError, match="not a regular file"):
        import_file(store, fifo)
    markdown = fifo.with_name("outline.md")
    os.mkfifo(markdown)
    with pytest.raises(FormatError, match="not a regular file"):
        read_map(markdown)
    csv = fifo.with_name("time.csv")
    os.mkfifo(csv)
    with pytest.raises(FormatError, match="not a regular file"):
        read_time_file(TimeFormat.TOGGL, csv, ReadOptions(tz=dt.UTC))
    assert store.conn.execute("SELECT count(*) FROM roles").fetchone() == before


def test_rolemap_import_refuses_a_file_over_the_limit_before_opening_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_file.safe_json, "MAX_BYTES", 1_048_576)
    path = tmp_path / "roles.json"
    path.write_bytes(b" " * (2 * 1_048_576))
    db = tmp_path / "roles.sqlite3"
    args = argparse.Namespace(file=path, format=None, replace=False, db=db)
    with pytest.raises(FormatError, match="Rolemap reads such files up to 1 MB"):
        run_import(args)
    assert not db.exists()
    open_store(db, create=True).close()  # the path was free, and still is usable
