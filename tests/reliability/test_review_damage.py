"""Damaged review rows and mutated review JSON: reported by name, never a crash, history opens.

A finished review keeps its figures and the map as JSON text in the store,
and the next version of the Rolemap file will carry them too. Any of that
text may be damaged (a bad sector, another program, a hand-edited file).
Every reader must answer with its own refusal (`FormatError`, or
`UnreadableReviewError` naming the review) and leave the rest readable.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.interchange.errors import FormatError
from rolemap.interchange.review_json import ReviewRecord, from_json, to_json
from rolemap.services import review_session as session
from rolemap.services.transfer import seed_example
from rolemap.store.database import Store, open_store
from rolemap.store.review_repository import ReviewRepository
from rolemap.store.role_repository import RoleRepository

EXAMPLES = int(os.environ.get("ROLEMAP_FUZZ_EXAMPLES", "120"))
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Two finished reviews of the example role, with actions, as JSON values."""
    folder = tmp_path_factory.mktemp("reviews")
    store = open_store(folder / "seed.sqlite3", create=True, seed=seed_example)
    try:
        role_map = RoleRepository(store).load_map(RoleRepository(store).list_roles()[0].id)
        clock = session.Clock.current()
        first_day = clock.today.replace(day=1)
        before = first_day - dt.timedelta(days=1)
        first, _ = session.start_review(store, role_map, clock, before.replace(day=1), before)
        session.add_action(store, role_map, first, "Cut email")
        first = session.finish_review(store, role_map, first, clock)
        second, _ = session.start_review(store, role_map, clock)
        session.set_answer(store, second, 1, "Yes")
        second = session.finish_review(store, role_map, second, clock)
        repository = ReviewRepository(store)
        records = []
        for review in (first, second):
            records.append(
                ReviewRecord(
                    repository.get(review.id),  # type: ignore[arg-type]
                    session.stored_evidence(store, review),
                    session.snapshot_of(store, review),
                )
            )
        value = to_json(records, repository.actions(role_map.role.id))
    finally:
        store.close()
    return role_map.role.id, json.loads(json.dumps(value))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    result = copy.copy(value)
    result[path[0]] = _replaced(value[path[0]], path[1:], new)
    return result


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_review_json_is_refused_with_a_place_or_read(history: Any, data: Any) -> None:
    role_id, value = history
    paths = _paths(value)
    mutated = value
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        try:
            mutated = _replaced(mutated, path, data.draw(JSON_VALUES))
        except (KeyError, IndexError, TypeError):
            continue  # the path went away with an earlier mutation
    try:
        records, actions = from_json(mutated, "roles[0]", role_id)
    except FormatError as error:
        assert str(error).startswith(("In roles[0]", "In figures", "In changes")), error
        return
    # Accepted: what was read writes back to the same values it was read from.
    again = json.loads(json.dumps(to_json(records, actions), allow_nan=False))
    assert from_json(again, "roles[0]", role_id) == (records, actions)


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, list[str]]:
    """A database with three finished reviews of the example role; their ids, oldest first."""
    path = tmp_path / "damaged.sqlite3"
    store = open_store(path, create=True, seed=seed_example)
    try:
        ids = _three_reviews(store)
    finally:
        store.close()
    return path, ids


def _three_reviews(store: Store) -> list[str]:
    role_map = RoleRepository(store).load_map(RoleRepository(store).list_roles()[0].id)
    clock = session.Clock.current()
    ids = []
    for back in (30, 20, 10):
        first = clock.today - dt.timedelta(days=back)
        review, _ = session.start_review(
            store, role_map, clock, first, first + dt.timedelta(days=9)
        )
        ids.append(session.finish_review(store, role_map, review, clock).id)
    return ids


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rolemap", "review", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.parametrize(
    "garbage",
    ["{", "", "null", '{"id": "x", "nodes": 7}', '"a string"', "\u0000\u0001 binary"],
)
def test_the_command_line_reports_a_damaged_snapshot_and_opens_the_rest(
    damaged: tuple[Path, list[str]], garbage: str
) -> None:
    db, ids = damaged
    store = open_store(db)
    try:
        store.conn.execute("UPDATE reviews SET snapshot = ? WHERE id = ?", (garbage, ids[1]))
    finally:
        store.close()
    listing = _cli(db, "list", "--json")
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)["reviews"]) == 3
    broken = _cli(db, "diff", ids[1][:8])
    assert broken.returncode == 1
    assert "The map kept with the review of" in broken.stderr and ids[1][:8] in broken.stderr
    for other in (ids[0], ids[2]):
        assert _cli(db, "diff", other[:8]).returncode == 0
        assert _cli(db, "show", other[:8]).returncode == 0
    # The review after the damaged one says what it cannot tell; its own figures still show.
    shown = _cli(db, "show", ids[2][:8], "--json")
    assert shown.returncode == 0
    assert json.loads(shown.stdout)["questions"][0]["evidence"] is not None


def test_damaged_figures_are_named_and_the_answers_still_show(
    damaged: tuple[Path, list[str]],
) -> None:
    db, ids = damaged
    store = open_store(db)
    try:
        store.conn.execute(
            "UPDATE reviews SET figures = '{\"version\": 1}' WHERE id = ?", (ids[0],)
        )
        store.conn.execute("UPDATE reviews SET answer_1 = 'kept' WHERE id = ?", (ids[0],))
    finally:
        store.close()
    shown = _cli(db, "show", ids[0][:8])
    assert shown.returncode == 0, shown.stderr
    assert "Note: The figures kept with the review of" in shown.stdout
    assert "“first_day” is missing" in shown.stdout
    assert "     kept" in shown.stdout
    exported = _cli(db, "export", ids[0][:8], "-o", str(db.parent / "r.md"))
    assert exported.returncode == 0, exported.stderr
