"""What the writers promised (their stdout lines), and the check that the file keeps it.

A complete line is a commit that returned; a line cut short by a kill, or an
edit whose line never came, may or may not be in the file. Nothing may be
half there: a node set aside by an unfinished removal is present with all
its links, or absent with all of them.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

WRITER = Path(__file__).with_name("edit_writer.py")


@dataclass
class Promises:
    """Every promise read so far, across runs on the same file."""

    nodes: set[str] = field(default_factory=set)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    attempted_notes: dict[str, str] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)
    maybe_removed: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    lines: int = 0

    def read(self, text: str) -> None:
        """Take the complete lines of a writer's output."""
        complete = text.split("\n")[:-1]  # the last piece has no newline yet (or is empty)
        for line in complete:
            words = line.split(" ", 3)
            self.lines += 1
            match words[0]:
                case "node":
                    self.nodes.add(words[1])
                case "link":
                    self.links[words[1]] = (words[2], words[3])
                case "try-notes":
                    self.attempted_notes[words[1]] = words[2]
                case "notes":
                    self.notes[words[1]] = words[2]
                case "try-remove":
                    self.maybe_removed.add(words[1])
                case "removed":
                    self.removed.add(words[1])
                case "failed":
                    self.failures.append(line.partition(" ")[2])
                case "crashed":
                    raise AssertionError(f"the writer crashed: {line}")
                case _:
                    raise AssertionError(f"unknown promise {line!r}")

    def check(self, db: Path) -> int:
        """Assert the file is sound and keeps every promise; return the promises checked."""
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            present = {r[0] for r in conn.execute("SELECT id FROM nodes")}
            links = {r[0] for r in conn.execute("SELECT id FROM links")}
            notes = dict(conn.execute("SELECT id, notes FROM nodes").fetchall())
        finally:
            conn.close()
        checked = 0
        for node in self.nodes:
            if node in self.removed:
                assert node not in present, f"removed node {node} is back"
            elif node not in self.maybe_removed:
                assert node in present, f"committed node {node} is lost"
            checked += 1
        for link, (source, target) in self.links.items():
            if source in self.removed or target in self.removed:
                assert link not in links, f"link {link} outlived its node"
            else:
                # An unfinished removal is all or nothing: the link is there iff both ends are.
                assert (link in links) == (source in present and target in present), (
                    f"link {link} half-applied"
                )
            checked += 1
        for node, value in self.notes.items():
            if node in present:
                assert notes[node] == value, f"notes of {node}: {notes[node]!r} ≠ {value!r}"
                checked += 1
        for node, value in self.attempted_notes.items():
            if node in present and node not in self.notes:
                assert notes[node] in ("", value), f"notes of {node} half-applied"
        checked += len(self.removed)
        return checked


class Zygote:
    """The warm process that forks writers (tests/reliability/edit_writer.py)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), "zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def _ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def burst(
        self, db: Path, seed: int, tag: str, log: Path, max_edits: int = 10_000, busy_ms: int = 0
    ) -> int:
        """Start a writer; returns its pid."""
        return int(self._ask(f"burst {db} {seed} {tag} {log} {max_edits} {busy_ms}"))

    def wait(self, pid: int) -> int:
        """Reap a writer; returns its wait status."""
        return int(self._ask(f"wait {pid}"))

    def close(self) -> None:
        """Stop the zygote."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.process.stdout.close()
