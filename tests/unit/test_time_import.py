"""Importing time from other tools (services.time_import, store.time_import): decide, then write.

Each test reads a small file in a real format, plans the import against the
example role and writes it, then looks at the rows: what was mapped where,
what was left out and why, that a second import adds nothing, that overlaps
are skipped or kept, that a refused file leaves the database byte for byte as
it was, and that the bulk path keeps the roll-up exactly as the triggers would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolemap.domain.errors import InvalidValueError
from rolemap.domain.time_rules import RuleField, RuleHow, TimeRule, map_entries
from rolemap.interchange.errors import FormatError
from rolemap.interchange.foreign_time import ForeignEntry, ForeignFile, TimeSource
from rolemap.interchange.timewarrior import read_timew_export
from rolemap.services import time_files, time_import, time_mapping, time_settings
from rolemap.services.time_files import ReadOptions, TimeFormat
from rolemap.services.time_mapping import EntryMapping
from rolemap.services.time_preview import ImportChoices, ImportResult, OverlapChoice
from rolemap.services.transfer import seed_example
from rolemap.store.database import Store, open_store
from rolemap.store.integrity import consistency_problems
from rolemap.store.role_repository import RoleRepository
from rolemap.store.rollup import rebuild_rollup
from rolemap.store.time_import import insert_entries, overlapping
from rolemap.store.time_rules_repository import TimeRulesRepository

UTC = dt.UTC
NOW = int(dt.datetime(2026, 1, 1, tzinfo=UTC).timestamp())


def stamp(day: int, hour: int, minute: int = 0) -> str:
    return f"202501{day:02d}T{hour:02d}{minute:02d}00Z"


def interval(day: int, start: tuple[int, int], end: tuple[int, int], *tags: str, note: str = ""):
    item: dict[str, object] = {"start": stamp(day, *start), "end": stamp(day, *end)}
    if tags:
        item["tags"] = list(tags)
    if note:
        item["annotation"] = note
    return item


def timew(*intervals: dict[str, object]) -> ForeignFile:
    data = json.dumps([{"id": n, **i} for n, i in enumerate(intervals, start=1)]).encode()
    return time_files.read_time_data(TimeFormat.TIMEW, data, ReadOptions(tz=UTC))


def role(store: Store) -> tuple[str, dict[str, str]]:
    roles = RoleRepository(store)
    role_map = roles.load_map(roles.list_roles()[0].id)
    titles = {n.title: n.id for n in role_map.nodes.values() if n.kind.value == "activity"}
    return role_map.role.id, titles


def imported(store: Store) -> list[tuple[str, int, int, str, str, str]]:
    """(activity title, start, duration, note, source, external id) of the imported entries."""
    rows = store.conn.execute(
        "SELECT n.title, e.start, e.duration, e.note, e.source, e.external_id "
        "FROM time_entries e JOIN nodes n ON n.id = e.activity_id "
        "WHERE e.source IN ('timew', 'ics', 'watson', 'csv') ORDER BY e.start, n.title"
    ).fetchall()
    return [tuple(r) for r in rows]


def run(store: Store, foreign: ForeignFile, **choices: object) -> ImportResult:
    role_id, _ = role(store)
    return time_import.import_time(
        store, role_id, foreign, ImportChoices(**choices), now=NOW, skip_unmapped=True
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- mapping and what is left out ------------------------------------------------------------


def test_names_map_by_title_by_rule_and_by_map_and_the_rest_is_listed_with_its_hours(
    store: Store,
) -> None:
    role_id, titles = role(store)
    TimeRulesRepository(store).save_rules(
        role_id, [TimeRule(RuleField.TAG, RuleHow.CONTAINS, "hir", titles["Hiring loops"])]
    )
    store.conn.commit()
    foreign = timew(
        interval(6, (9, 0), (10, 0), "code reviews", "urgent", note="PR 12"),  # an activity's title
        interval(6, (10, 0), (10, 30), "hiring"),  # the stored rule
        interval(6, (11, 0), (11, 45), "ops"),  # --map
        interval(6, (12, 0), (12, 20), "misc"),
        interval(6, (13, 0), (14, 0), "misc"),
        interval(6, (15, 0), (15, 0), "ops"),  # zero length
        interval(6, (16, 0), (16, 30), "hiring"),
        interval(6, (16, 0), (16, 30), "hiring"),  # the same interval twice
        {"start": stamp(6, 17)},  # still running in Timewarrior
    )
    ahead = time_mapping.name_rules([("ops", titles["Cross-team syncs"])], foreign)
    assert [r.field for r in ahead] == [RuleField.TAG]
    plan = time_import.plan_import(
        store, role_id, foreign, ImportChoices(ahead=tuple(ahead)), now=NOW
    )
    assert {(t.title, t.entries, t.seconds) for t in plan.mapped} == {
        ("Code reviews", 1, 3600),
        ("Hiring loops", 2, 3600),
        ("Cross-team syncs", 1, 2700),
    }
    assert [(n.field, n.name, n.entries, n.seconds) for n in plan.unmapped] == [
        (RuleField.TAG, "misc", 2, 4800)
    ]
    assert {(s.reason, s.entries, s.seconds) for s in plan.skipped} == {
        ("open interval", 1, 0),
        ("zero length", 1, 0),
        ("repeated in the file", 1, 1800),
    }
    assert plan.as_json(UTC)["unmapped"]["hours"] == pytest.approx(4800 / 3600, abs=1e-3)
    # Planning wrote nothing; the notes keep what the mapping did not use.
    assert imported(store) == []
    result = time_import.apply_import(store, plan)
    assert len(result.entry_ids) == 4
    rows = imported(store)
    assert rows[0][0] == "Code reviews" and rows[0][3] == "PR 12 · tags: urgent"
    assert {r[4] for r in rows} == {"timew"} and all(r[5] for r in rows)
    assert consistency_problems(store.conn) == []


def test_importing_the_same_file_again_adds_nothing_and_new_items_only_once(store: Store) -> None:
    first = [interval(7, (9, 0), (10, 0), "code reviews"), interval(7, (11, 0), (12, 0), "email")]
    assert len(run(store, timew(*first), ahead=_email(store)).entry_ids) == 2
    again = run(store, timew(*first), ahead=_email(store))
    assert again.entry_ids == []
    assert [(s.reason, s.entries) for s in again.plan.skipped] == [("already imported", 2)]
    later = [*first, interval(8, (9, 0), (9, 30), "code reviews")]
    assert len(run(store, timew(*later), ahead=_email(store)).entry_ids) == 1
    assert len(imported(store)) == 3


def test_a_large_file_imported_again_changes_not_even_the_schema(store: Store) -> None:
    frames = ForeignFile(
        [
            ForeignEntry(
                1_700_000_000 + i * 900,
                600,
                "",
                f"w{i}",
                TimeSource.WATSON,
                f"frame {i}",
                project="Code reviews",
            )
            for i in range(1500)
        ]
    )
    assert len(run(store, frames).entry_ids) == 1500
    (version,) = store.conn.execute("PRAGMA schema_version").fetchone()
    assert run(store, frames).entry_ids == []
    # No trigger was dropped and made again for nothing: the other connections keep
    # their prepared statements.
    assert store.conn.execute("PRAGMA schema_version").fetchone() == (version,)


def _email(store: Store) -> tuple[TimeRule, ...]:
    _, titles = role(store)
    return (TimeRule(RuleField.TAG, RuleHow.TEXT, "email", titles["Email & status updates"]),)


def test_a_calendar_imported_again_after_new_events_adds_only_those(store: Store) -> None:
    def calendar(*events: str) -> bytes:
        return (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(events) + "END:VCALENDAR\r\n"
        ).encode()

    def event(uid: str, day: int, summary: str = "Code reviews") -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\n"
            f"DTSTART:202410{day:02d}T090000Z\r\nDTEND:202410{day:02d}T100000Z\r\nEND:VEVENT\r\n"
        )

    options = ReadOptions(UTC, dt.date(2024, 10, 14), dt.date(2024, 10, 20))
    week = calendar(event("a@x", 14), event("b@x", 15))
    result = run(store, time_files.read_time_data(TimeFormat.ICS, week, options))
    assert len(result.entry_ids) == 2
    grown = calendar(event("a@x", 14), event("b@x", 15), event("c@x", 16), event("d@x", 17))
    result = run(store, time_files.read_time_data(TimeFormat.ICS, grown, options))
    assert len(result.entry_ids) == 2
    assert [r[5] for r in imported(store)] == ["a@x", "b@x", "c@x", "d@x"]


def test_overlaps_with_stored_time_are_skipped_by_default_and_kept_when_asked(
    store: Store,
) -> None:
    run(store, timew(interval(9, (9, 0), (10, 0), "code reviews")))
    newer = timew(
        interval(9, (9, 30), (10, 30), "weekly 1:1s", note="Ana"),  # overlaps
        interval(9, (10, 0), (11, 0), "mentoring sessions"),  # touches: no overlap
    )
    skipped = run(store, newer)
    assert len(skipped.entry_ids) == 1
    assert (skipped.plan.overlap_entries, skipped.plan.overlap_seconds) == (1, 3600)
    assert ("overlaps an entry in Rolemap", 1, 3600) in [
        (s.reason, s.entries, s.seconds) for s in skipped.plan.skipped
    ]
    (shown,) = skipped.plan.overlaps
    assert (shown.name, shown.activity, shown.existing_activity) == (
        "Ana",
        "Weekly 1:1s",
        "Code reviews",
    )
    example = skipped.plan.as_json(UTC)["overlaps"]["examples"][0]
    assert example["existing"]["start"] == "2025-01-09T09:00:00+00:00"
    kept = run(store, newer, overlaps=OverlapChoice.KEEP)
    assert len(kept.entry_ids) == 1 and kept.plan.overlap_entries == 1
    assert len(imported(store)) == 3


def test_store_overlaps_count_a_running_timer_until_now_and_not_touching_ends(
    store: Store,
) -> None:
    _, titles = role(store)
    store.conn.execute("DELETE FROM time_entries")
    store.conn.executemany(
        "INSERT INTO time_entries (id, activity_id, start, duration) VALUES (?, ?, ?, ?)",
        [
            ("done", titles["Code reviews"], 1000_000, 600),
            ("open", titles["Email & status updates"], 2000_000, None),
        ],
    )
    spans = [(999_000, 1000), (1000_600, 60), (1000_599, 1), (2000_100, 10), (2000_100, 10)]
    assert overlapping(store.conn, spans[:3], now=NOW) == [None, None, "done"]
    assert overlapping(store.conn, spans[3:4], now=2000_050) == [None]
    assert overlapping(store.conn, spans[4:], now=2000_200) == ["open"]


# -- refusals change nothing ---------------------------------------------------------------


def test_an_entry_the_record_rules_refuse_refuses_the_file_and_changes_no_byte(
    db_path: Path,
) -> None:
    store = open_store(db_path, create=True, seed=seed_example)
    role_id, _ = role(store)
    store.close()
    before = digest(db_path)
    # Within what Timewarrior allows, but it ends after the last moment Rolemap keeps.
    late = {"start": "20991231T230000Z", "end": "21000101T010000Z", "tags": ["code reviews"]}
    foreign = timew(interval(9, (9, 0), (10, 0), "code reviews"), late)
    store = open_store(db_path)
    try:
        with pytest.raises(FormatError, match=r"^interval 2: .*range"):
            time_import.import_time(store, role_id, foreign, ImportChoices(), now=NOW)
    finally:
        store.close()
    assert digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_names_that_map_nowhere_write_nothing_unless_they_may_be_left_out(store: Store) -> None:
    role_id, _ = role(store)
    many = [interval(1 + i % 28, (i % 20, 0), (i % 20, 30), "code reviews") for i in range(1500)]
    foreign = timew(*many, interval(30, (9, 0), (10, 0), "unknown"))
    refused = time_import.import_time(store, role_id, foreign, ImportChoices(), now=NOW)
    assert refused.entry_ids == [] and refused.plan.unmapped[0].name == "unknown"
    assert imported(store) == []
    assert (
        store.conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[
            0
        ]
        == 4
    )
    taken = time_import.import_time(
        store, role_id, foreign, ImportChoices(), now=NOW, skip_unmapped=True
    )
    assert len(taken.entry_ids) == len(imported(store)) > 0


def test_a_plan_made_before_the_file_changed_is_made_again_when_applied(store: Store) -> None:
    role_id, _ = role(store)
    foreign = timew(interval(10, (9, 0), (10, 0), "code reviews"))
    plan = time_import.plan_import(store, role_id, foreign, ImportChoices(), now=NOW)
    other = open_store(store.path)  # the window imports the same file meanwhile
    try:
        time_import.apply_import(
            other, time_import.plan_import(other, role_id, foreign, ImportChoices(), now=NOW)
        )
    finally:
        other.close()
    result = time_import.apply_import(store, plan)
    assert result.entry_ids == [] and len(imported(store)) == 1
    assert [(s.reason, s.entries) for s in result.plan.skipped] == [("already imported", 1)]


def test_an_import_is_taken_back_and_put_back_with_its_hours(store: Store) -> None:
    rollup_before = store.conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall()
    result = run(store, timew(interval(11, (9, 0), (10, 0), "code reviews")))
    done = imported(store)
    rollup_done = store.conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall()
    time_import.remove_import(store, result.entry_ids)
    assert imported(store) == []
    assert store.conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall() == rollup_before
    time_import.restore_import(store, result.plan.entries)  # redo
    assert imported(store) == done
    assert store.conn.execute("SELECT * FROM time_rollup ORDER BY 1, 2").fetchall() == rollup_done


# -- the bulk path ---------------------------------------------------------------------------


def _rollup(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(
        "SELECT activity_id, day, seconds FROM time_rollup ORDER BY 1, 2"
    ).fetchall()


@pytest.mark.parametrize("count", [999, 1000, 25_000])
def test_the_bulk_path_keeps_the_rollup_as_a_rebuild_would(store: Store, count: int) -> None:
    role_id, titles = role(store)
    activities = list(titles.values())
    foreign = ForeignFile(
        [
            ForeignEntry(
                1_700_000_000 + i * 1800 + (i % 7) * 3,
                600 + (i * 7919) % 9000,
                "",
                f"x{i}",
                TimeSource.WATSON,
                f"frame {i}",
                project=list(titles)[i % len(titles)],
            )
            for i in range(count)
        ]
    )
    result = time_import.import_time(store, role_id, foreign, ImportChoices(), now=NOW)
    assert len(result.entry_ids) == count
    kept = _rollup(store.conn)
    with store.transaction() as conn:
        rebuild_rollup(conn)
    assert _rollup(store.conn) == kept
    assert {a for a, _, _ in kept} <= set(activities)
    assert consistency_problems(store.conn) == []
    triggers = store.conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
    assert triggers.fetchone()[0] == 4
    assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -2000


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Kathmandu", "America/St_Johns"])
def test_the_bulk_tally_counts_days_as_the_rollup_does_across_dst_and_midnight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()  # the roll-up's local days follow the process's own zone
    try:
        store = open_store(tmp_path / "dst.sqlite3", create=True, seed=seed_example)
        try:
            role_id, titles = role(store)
            start = int(dt.datetime(2024, 3, 29, tzinfo=UTC).timestamp())
            foreign = ForeignFile(
                [
                    ForeignEntry(
                        start + i * 2401,
                        1 + (i * 7919) % 86400,
                        "",
                        f"d{i}",
                        TimeSource.WATSON,
                        f"frame {i}",
                        project=list(titles)[i % 8],
                    )
                    for i in range(1200)
                ]
            )
            time_import.import_time(store, role_id, foreign, ImportChoices(), now=NOW)
            kept = _rollup(store.conn)
            with store.transaction() as conn:
                rebuild_rollup(conn)
            assert _rollup(store.conn) == kept
        finally:
            store.close()
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_batch_that_fails_fails_the_whole_write(store: Store) -> None:
    _, titles = role(store)
    (existing,) = store.conn.execute("SELECT id FROM time_entries LIMIT 1").fetchone()
    from rolemap.domain.tracking import TimeEntry

    entries = [
        TimeEntry(str(uuid.uuid4()), titles["Code reviews"], 1_700_000_000 + i * 100, 60)
        for i in range(3000)
    ]
    entries[2500] = TimeEntry(existing, titles["Code reviews"], 1_800_000_000, 60)
    count = store.conn.execute("SELECT count(*) FROM time_entries").fetchone()[0]
    with pytest.raises(Exception, match=r"no longer fits|UNIQUE"), store.transaction() as conn:
        insert_entries(conn, entries)
    assert store.conn.execute("SELECT count(*) FROM time_entries").fetchone()[0] == count


def test_rows_that_do_not_follow_the_last_rowid_make_the_bulk_path_rebuild_the_rollup(
    store: Store,
) -> None:
    from rolemap.store.rollup import appending

    _, titles = role(store)
    # As SQLite does once rowids run out: the new rows land below the highest rowid.
    rows = [
        (-1 - i, f"r{i}", titles["Code reviews"], 1_700_000_000 + i * 60, 30) for i in range(2000)
    ]
    with store.transaction() as conn, appending(conn, 2000) as batches:

        def insert() -> None:
            conn.executemany(
                "INSERT INTO time_entries (rowid, id, activity_id, start, duration) "
                "VALUES (?,?,?,?,?)",
                rows,
            )

        batches.append(insert, len(rows))
    kept = _rollup(store.conn)
    with store.transaction() as conn:
        rebuild_rollup(conn)
    assert _rollup(store.conn) == kept
    assert sum(s for _, _, s in kept) >= 2000 * 30


@pytest.mark.parametrize("count", [3, 2500])
def test_insert_entries_keeps_every_field_as_the_record_repository_writes_it(
    store: Store, count: int
) -> None:
    from rolemap.domain.tracking import TimeEntry
    from rolemap.store.record_repository import RecordRepository

    _, titles = role(store)
    entries = [
        TimeEntry(
            str(uuid.uuid4()),
            titles["Code reviews"],
            1_700_000_000 + i * 100,
            60 + i % 7,
            note=["", "a note", "tab\there 🎉"][i % 3],
            source=["manual", "timew", "csv"][i % 3],
            external_id=[None, f"x{i}", ""][i % 3],
            example=i % 2 == 0,
        )
        for i in range(count)
    ]
    with store.transaction() as conn:
        insert_entries(conn, entries)
    records = RecordRepository(store)
    assert [records.time_entry(e.id) for e in entries] == entries


def test_fresh_ids_are_distinct_version_4_uuids() -> None:
    ids = time_mapping.fresh_ids(5000)
    assert len(set(ids)) == 5000
    for text in ids[:50]:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
    assert len({text[:8] for text in ids}) > 4900  # log --list shows these


def test_notes_and_odd_texts_are_stored_exactly(store: Store) -> None:
    note = 'tab\there, "quotes", back\\slash, émoji 🎉, line\nbreak'
    foreign = ForeignFile(
        [
            ForeignEntry(
                1_700_000_000 + i * 600,
                300,
                "",
                f"n{i}",
                TimeSource.CSV,
                f"line {i}",
                project="Code reviews",
                note=note,
            )
            for i in range(1200)
        ]
    )
    run(store, foreign)
    notes = {r[3] for r in imported(store)}
    assert notes == {note}


# -- the fast mapping is map_entries ---------------------------------------------------------

NAMES = ["", " ", "Code reviews", "code REVIEWS ", "ops", "Ops", "hiring", "x", "Email"]
ACTIVITIES = {"a1": "Code reviews", "a2": "Hiring", "a3": "Email", "a4": "Ops work"}
entries_strategy = st.lists(
    st.builds(
        lambda title, project, tags, calendar, attendees, note: ForeignEntry(
            0, 60, title, "x", TimeSource.ICS, "e", project, tuple(tags), calendar, attendees, note
        ),
        st.sampled_from(NAMES),
        st.sampled_from(NAMES),
        st.lists(st.sampled_from(NAMES), max_size=3),
        st.sampled_from(["", "Work", "Home"]),
        st.integers(0, 4),
        st.sampled_from(["", " ", "a note", "  padded  "]),
    ),
    max_size=12,
)
rules_strategy = st.lists(
    st.builds(
        TimeRule,
        st.sampled_from([RuleField.PROJECT, RuleField.TAG, RuleField.CALENDAR, RuleField.TITLE]),
        st.sampled_from([RuleHow.TEXT, RuleHow.CONTAINS, RuleHow.PATTERN]),
        st.sampled_from(["ops", "Code", "hir", "o", "Work", "^x$"]),
        st.sampled_from(["a1", "a2", "a3", "a4", "gone"]),
    )
    | st.just(TimeRule(RuleField.ATTENDEES, RuleHow.TEXT, "<=2", "a2")),
    max_size=4,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries_strategy, rules=rules_strategy)
def test_entry_mapping_gives_what_map_entries_gives(
    entries: list[ForeignEntry], rules: list[TimeRule]
) -> None:
    expected = [(m.activity_id, m.note) for m in map_entries(entries, ACTIVITIES, rules)]
    mapping = EntryMapping(ACTIVITIES, rules)
    assert mapping(entries) == expected
    assert mapping(entries) == expected  # and again, from what it remembered


# -- reading files ---------------------------------------------------------------------------


def test_dates_outside_the_chosen_days_are_left_out_with_a_reason() -> None:
    data = json.dumps(
        [{"id": 1, **interval(d, (23, 30), (23, 45), "ops")} for d in (1, 2, 3)]
    ).encode()
    berlin = ZoneInfo("Europe/Berlin")
    options = ReadOptions(berlin, dt.date(2025, 1, 3), dt.date(2025, 1, 3))
    read = time_files.read_time_data(TimeFormat.TIMEW, data, options)
    # 23:30 UTC on the 2nd is 00:30 on the 3rd in Berlin.
    assert [e.start for e in read.entries] == [read_timew_export(data).entries[1].start]
    assert [s.reason for s in read.skipped] == ["outside the range", "outside the range"]


def test_a_timewarrior_folder_reads_like_its_export(tmp_path: Path) -> None:
    folder = tmp_path / "timew" / "data"
    folder.mkdir(parents=True)
    (folder / "2025-01.data").write_text(
        "inc 20250101T090000Z - 20250101T100000Z # ops\ninc 20250102T090000Z # open\n"
    )
    (folder / "tags.data").write_text("{}")
    read = time_files.read_time_file(TimeFormat.TIMEW, tmp_path / "timew", ReadOptions(UTC))
    export = timew({"start": stamp(1, 9), "end": stamp(1, 10), "tags": ["ops"]})
    assert [e.external_id for e in read.entries] == [e.external_id for e in export.entries]
    with pytest.raises(FormatError, match="no Timewarrior data files"):
        time_files.read_time_file(TimeFormat.TIMEW, tmp_path, ReadOptions(UTC))


def test_the_default_calendar_range_is_four_weeks_to_today() -> None:
    today = dt.date(2025, 3, 13)  # a Thursday
    assert time_files.calendar_range(today, None, None) == (dt.date(2025, 2, 17), today)
    assert time_files.calendar_range(today, dt.date(2025, 3, 1), None) == (
        dt.date(2025, 3, 1),
        today,
    )
    last = dt.date(2025, 1, 31)
    assert time_files.calendar_range(today, None, last) == (dt.date(2025, 1, 6), last)


# -- rules and settings ----------------------------------------------------------------------


def test_rules_keep_their_order_and_pass_over_rows_no_rule_can_be_made_of(store: Store) -> None:
    role_id, titles = role(store)
    rules = [
        TimeRule(RuleField.TITLE, RuleHow.PATTERN, "^1:1", titles["Weekly 1:1s"]),
        TimeRule(RuleField.ATTENDEES, RuleHow.TEXT, "<=2", titles["Weekly 1:1s"]),
        TimeRule(RuleField.TAG, RuleHow.TEXT, "ops", "a deleted activity"),
    ]
    time_settings.save_role_rules(store, role_id, rules)
    assert time_settings.role_rules(store, role_id) == rules
    store.conn.execute(
        "INSERT INTO time_rules VALUES ('odd', ?, 1, 'title', 'pattern', '(a+)+', 'x')", (role_id,)
    )
    assert time_settings.role_rules(store, role_id) == rules
    time_settings.save_role_rules(store, role_id, rules[::-1])
    assert time_settings.role_rules(store, role_id) == rules[::-1]
    positions = store.conn.execute(
        "SELECT position FROM time_rules WHERE role_id = ? ORDER BY position", (role_id,)
    ).fetchall()
    assert [p for (p,) in positions] == [0, 1, 2]


def test_a_rules_file_names_activities_by_id_or_title_and_a_bad_rule_by_number(
    store: Store,
) -> None:
    role_id, titles = role(store)
    role_map = RoleRepository(store).load_map(role_id)
    listed = time_settings.rules_json(
        [TimeRule(RuleField.TAG, RuleHow.TEXT, "ops", titles["Cross-team syncs"])], role_map
    )
    assert listed[0]["activity"] == "Cross-team syncs" and listed[0]["number"] == 1
    by_title = [{"field": "project", "how": "contains", "value": "hire", "activity": "hiring"}]
    data = json.dumps({"rules": listed + by_title}).encode()
    rules = time_settings.rules_from_json(data, role_map)
    assert [r.activity_id for r in rules] == [titles["Cross-team syncs"], titles["Hiring loops"]]
    for bad, message in (
        (
            [{"field": "tag", "how": "text", "value": "x", "activity": "nobody"}],
            "rule 1: No activity",
        ),
        (
            [{"field": "colour", "how": "text", "value": "x", "activity": "hiring"}],
            "rule 1: Unknown",
        ),
        (
            [{"field": "title", "how": "pattern", "value": "(a+)+", "activity": "hiring"}],
            "rule 1: The pattern",
        ),
        ([by_title[0], 7], "rule 2: not a rule"),
        ({"rules": "all"}, "not a list"),
    ):
        with pytest.raises(FormatError, match=message):
            time_settings.rules_from_json(json.dumps(bad).encode(), role_map)
    with pytest.raises(FormatError):
        time_settings.rules_from_json(b'[{"field": NaN}]', role_map)


def test_calendar_addresses_are_remembered(store: Store) -> None:
    assert time_settings.calendar_addresses(store) == []
    time_settings.remember_calendar_addresses(store, [" me@example.com ", "", "me@work.org"])
    assert time_settings.calendar_addresses(store) == ["me@example.com", "me@work.org"]
    store.conn.execute("UPDATE preferences SET value = '{' WHERE key = 'calendar-addresses'")
    assert time_settings.calendar_addresses(store) == []


def test_exported_time_reads_back_to_the_same_seconds(store: Store) -> None:
    from rolemap.domain.periods import date_range
    from rolemap.interchange.timewarrior import write_timew
    from rolemap.interchange.toggl_csv import read_toggl, write_toggl

    role_id, _ = role(store)
    outgoing = time_settings.export_entries(store, role_id, date_range(None, None), UTC)
    stored = store.conn.execute(
        "SELECT count(*), sum(duration) FROM time_entries WHERE duration IS NOT NULL"
    ).fetchone()
    assert (len(outgoing), sum(e.duration for e in outgoing)) == stored
    back = read_timew_export(write_timew(outgoing).encode())
    assert sum(e.duration for e in back.entries) == stored[1]
    assert {e.tags[0] for e in back.entries} == {e.activity for e in outgoing}
    toggl = read_toggl(write_toggl(outgoing, UTC, email="me@example.com").encode(), UTC)
    assert sum(e.duration for e in toggl.entries) == stored[1]


def test_a_rule_refused_by_the_domain_never_reaches_the_store() -> None:
    with pytest.raises(InvalidValueError):
        TimeRule(RuleField.ATTENDEES, RuleHow.PATTERN, "2", "a")
