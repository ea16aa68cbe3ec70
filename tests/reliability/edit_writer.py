"""A writer process for the crash and concurrency tests: bursts of edits through RoleDocument.

Each committed edit is printed (and flushed) after the document's command
returns, so a line on stdout is a promise that the edit is in the file:

    node ID                 a node was added
    link ID SOURCE TARGET   a link was added
    try-notes ID VALUE      about to set a node's notes (may or may not commit)
    notes ID VALUE          the notes were saved
    try-remove ID           about to delete a node with its links
    removed ID              the node and its links are gone
    failed MESSAGE          an edit was refused by the store (nothing changed)

Run as `edit_writer.py zygote`, it imports everything once, then forks one
writer per `burst DB SEED TAG LOG MAX_EDITS BUSY_MS` line on stdin (the
child's stdout goes to LOG) and answers with the child's pid; `wait PID`
reaps it and answers with its exit status. Forking a warm process keeps a
hundred kill -9 runs within seconds; the child builds its own
QCoreApplication, as a fresh process would.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.store.database import open_store


def say(*words: object) -> None:
    """One promise line, flushed before the next edit starts."""
    print(*words, flush=True)


def burst(db: Path, seed: int, tag: str, max_edits: int, busy_ms: int) -> int:
    """Edit until `max_edits` edits were attempted; returns the exit status."""
    app = QCoreApplication.instance() or QCoreApplication([])
    store = open_store(db)
    if busy_ms:
        store.conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
    document = RoleDocument(store)
    failures: list[str] = []
    document.edit_failed.connect(failures.append)
    document.switch_role(document.roles()[0].id)
    rng = random.Random(seed)
    outputs: list[str] = []
    edits = 0
    step = 0
    while edits < max_edits:
        step += 1
        failures.clear()
        activity = document.add_node(NodeKind.ACTIVITY, f"{tag} a{step}")
        output = document.add_node(NodeKind.OUTPUT, f"{tag} o{step}")
        edits += 2
        for node_id in (activity, output):
            if node_id:
                say("node", node_id)
        if activity and output:
            link = document.connect_nodes(activity, output)
            edits += 1
            if link:
                say("link", link, activity, output)
            outputs.append(output)
        if activity and rng.random() < 0.6:
            value = f"{tag}-n{step}"
            say("try-notes", activity, value)
            if document.set_node_field(activity, "notes", value):
                say("notes", activity, value)
            edits += 1
        if len(outputs) > 2 and rng.random() < 0.5:
            victim = outputs.pop(rng.randrange(len(outputs) - 1))
            say("try-remove", victim)
            before = victim in document.role_map.nodes
            document.remove([victim])
            if before and victim not in document.role_map.nodes:
                say("removed", victim)
            edits += 1
        if rng.random() < 0.3:
            # Its own nodes only: a move of a node another writer deleted is refused
            # as a conflict (tests/gui/test_document.py), which is not this test's point.
            own = sorted(n.id for n in document.role_map.nodes.values() if n.title.startswith(tag))
            moved = rng.sample(own, min(2, len(own)))
            document.move_nodes(
                {n: (document.role_map.nodes[n].x, rng.uniform(0, 2000)) for n in moved}
            )
            edits += 1
        for message in failures:
            say("failed", message)
    store.close()
    del app
    return 0


def zygote() -> int:
    """Fork writers on request (see the module docstring)."""
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "burst":
            db, seed, tag, log, max_edits, busy_ms = words[1:7]
            pid = os.fork()
            if pid == 0:  # the writer
                status = 1
                try:
                    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    os.dup2(fd, 1)
                    os.close(fd)
                    sys.stdout = os.fdopen(1, "w", buffering=1)
                    status = burst(Path(db), int(seed), tag, int(max_edits), int(busy_ms))
                except BaseException as error:  # report, then die without cleanup
                    print(f"crashed {type(error).__name__}: {error}", flush=True)
                finally:
                    os._exit(status)
            print(pid, flush=True)
        elif words[0] == "wait":
            _, status = os.waitpid(int(words[1]), 0)
            print(status, flush=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["zygote"]:
        raise SystemExit(zygote())
    db_arg, seed_arg, tag_arg, edits_arg = sys.argv[1:5]
    raise SystemExit(burst(Path(db_arg), int(seed_arg), tag_arg, int(edits_arg), 0))
