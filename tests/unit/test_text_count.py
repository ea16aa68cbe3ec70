"""A text's count in parts on other threads: first hits at once, the whole count after, cancel."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from rolemap.store.text_count import CountCancelledError, TextCount, cancel_all

SCAN = "FROM notes AS t WHERE t.note LIKE :text"


def _notes(path: Path, notes: list[str]) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE notes (note TEXT)")
        conn.executemany("INSERT INTO notes (note) VALUES (?)", [(n,) for n in notes])
    conn.close()
    return path


def _hits(path: Path, text: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        sql = f"SELECT t.rowid {SCAN} ORDER BY t.rowid"
        return [r[0] for r in conn.execute(sql, {"text": f"%{text}%"})]
    finally:
        conn.close()


def _count(path: Path, text: str, *, limit: int = 10) -> TextCount:
    return TextCount(path, SCAN, {"text": f"%{text}%"}, 1, 1001, parts=2, limit=limit)


def test_few_hits_are_all_found_at_once_and_kept(tmp_path: Path) -> None:
    path = _notes(tmp_path / "n.db", ["rare" if i % 200 == 0 else "x" for i in range(1000)])
    counting = _count(path, "RARE")  # LIKE: ASCII letters in either case
    found, complete, hits = counting.at_least()
    assert (found, complete) == (5, True)
    assert sorted(hits or []) == _hits(path, "rare")
    assert counting.total.result(timeout=30) == 5


def test_many_hits_give_a_lower_bound_then_the_whole_count(tmp_path: Path) -> None:
    path = _notes(tmp_path / "n.db", ["often" if i % 3 else "x" for i in range(1000)])
    counting = _count(path, "often")
    found, complete, hits = counting.at_least()
    assert (found, complete, hits) == (22, False, None)  # each half stopped at limit + 1
    assert counting.total.result(timeout=30) == len(_hits(path, "often")) == 666


def test_hits_few_in_each_part_but_many_in_all_are_counted_at_once(tmp_path: Path) -> None:
    notes = ["x"] * 1000
    for i in (*range(0, 80, 10), *range(500, 580, 10)):  # 8 in each half; the limit is 10
        notes[i] = "hit"
    path = _notes(tmp_path / "n.db", notes)
    counting = _count(path, "hit")
    found, complete, hits = counting.at_least()
    assert (found, complete) == (16, True)  # all of them (too many for a table to keep)
    assert sorted(hits or []) == _hits(path, "hit")
    assert counting.total.result(timeout=30) == 16


def test_a_cancelled_count_stops_scanning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rolemap.store import text_count

    # The condition is slow by a function, not by rows: few engine steps to check between.
    monkeypatch.setattr(text_count, "PROGRESS_STEPS", 1_000)
    path = _notes(tmp_path / "n.db", ["often"] * 6000)
    # A condition that takes seconds over the table (4 s here) once the first hits are found.
    slow = "FROM notes AS t WHERE t.note LIKE :text AND length(randomblob(400000)) > 0"
    counting = TextCount(path, slow, {"text": "%often%"}, 1, 6001, parts=2, limit=3)
    assert counting.at_least()[1] is False
    started = time.perf_counter()
    counting.cancel()
    with pytest.raises(CountCancelledError):
        counting.total.result(timeout=30)
    assert time.perf_counter() - started < 1  # each half takes 2 s uncancelled


def test_closing_the_window_cancels_every_count_under_way(tmp_path: Path) -> None:
    path = _notes(tmp_path / "n.db", ["often"] * 6000)
    slow = "FROM notes AS t WHERE t.note LIKE :text AND length(randomblob(400000)) > 0"
    counts = [
        TextCount(path, slow, {"text": "%often%"}, 1, 6001, parts=2, limit=3) for _ in range(2)
    ]
    started = time.perf_counter()
    cancel_all()
    for counting in counts:
        with pytest.raises(CountCancelledError):
            counting.total.result(timeout=30)
    assert time.perf_counter() - started < 1


def test_an_empty_part_counts_nothing(tmp_path: Path) -> None:
    path = _notes(tmp_path / "n.db", ["a", "b"])
    counting = TextCount(path, SCAN, {"text": "%a%"}, 1, 3, parts=2, limit=10)
    assert counting.at_least() == (1, True, [1])
    assert counting.total.result(timeout=30) == 1


def test_a_cancel_between_the_first_hits_and_the_count_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupt reaches only a statement already running; the count had not begun."""
    from rolemap.store import text_count

    path = _notes(tmp_path / "n.db", ["often"] * 6000)
    slow = "FROM notes AS t WHERE t.note LIKE :text AND length(randomblob(400000)) > 0"
    holder: list[TextCount] = []
    made = threading.Event()
    real = text_count.count_hits

    def cancelled_first(*args: Any, **kwargs: Any) -> int:
        made.wait(5)
        holder[0].cancel()  # while no statement of the part runs
        return real(*args, **kwargs)

    monkeypatch.setattr(text_count, "count_hits", cancelled_first)
    # The condition is slow by a function, not by rows: few engine steps to check between.
    monkeypatch.setattr(text_count, "PROGRESS_STEPS", 1_000)
    holder.append(TextCount(path, slow, {"text": "%often%"}, 1, 6001, parts=1, limit=3))
    made.set()
    started = time.perf_counter()
    with pytest.raises(CountCancelledError):
        holder[0].total.result(timeout=30)
    assert time.perf_counter() - started < 1  # 4 s uncancelled
