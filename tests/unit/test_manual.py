"""The operating manual's content: gathered from the store, worded once for every format.

The figures must be the figures module's (hours a week are its period seconds
over the weeks the period has run); the evidence list is the period's
deliveries; section 7 appears from the review and plan tables where they
exist, and is left out where the feature or its rows are missing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolemap.domain.handbook import (
    NOTHING,
    Bullets,
    Facts,
    Handbook,
    Paragraph,
    Reference,
    Section,
    Share,
    Subheading,
    Table,
    Tag,
    Trend,
    cell_text,
)
from rolemap.domain.kinds import NodeKind
from rolemap.domain.periods import Period, date_range, local_midnight, local_zone, period_of
from rolemap.domain.tracking import Delivery
from rolemap.services.manual import (
    ManualError,
    build_handbook,
    default_period,
    export_manual,
    gather_manual,
    manual_format,
)
from rolemap.services.manual_sections import ManualFacts, weeks_elapsed
from rolemap.store.database import Store, open_store
from rolemap.store.figures import role_figures
from rolemap.store.record_repository import RecordRepository
from rolemap.store.role_repository import RoleRepository

TODAY = dt.date(2026, 6, 10)  # a Wednesday; the example's records are the four weeks before
TZ = local_zone()
NOW = local_midnight(TODAY, TZ) + 12 * 3600
QUARTER = period_of("quarter", TODAY)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """The example role with its sample records, as of TODAY."""
    from rolemap.services.transfer import seed_example

    opened = open_store(db_path, create=True, seed=lambda s: seed_example(s, TODAY))
    yield opened
    opened.close()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the files written (the database lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def role_id(store: Store) -> str:
    return RoleRepository(store).list_roles()[0].id


def manual(store: Store, period: Period = QUARTER) -> Handbook:
    return gather_manual(store, role_id(store), period, tz=TZ, now=NOW)


def section(handbook: Handbook, key: str) -> Section:
    found = [s for s in handbook.sections if s.key == key]
    assert found, [s.key for s in handbook.sections]
    return found[0]


def tables(section: Section) -> list[Table]:
    return [b for b in section.blocks if isinstance(b, Table)]


def column(table: Table, title: str) -> list[object]:
    index = [c.title for c in table.columns].index(title)
    return [row[index] for row in table.rows]


def text_of(section: Section) -> str:
    """Every word the section holds, as a format without pictures writes it."""
    parts: list[str] = [section.title, section.lead]
    for block in section.blocks:
        if isinstance(block, Paragraph | Subheading):
            parts.append(block.text)
        elif isinstance(block, Bullets):
            parts.extend(block.items)
        elif isinstance(block, Facts):
            parts.extend(f"{k} {v}" for k, v in block.pairs)
        else:
            parts.extend(c.title for c in block.columns)
            parts.extend(cell_text(cell) for row in block.rows for cell in row)
    return "\n".join(parts)


# -- the sections -----------------------------------------------------------------------------


def test_sections_come_in_the_issues_order(store: Store) -> None:
    handbook = manual(store)
    assert [s.key for s in handbook.sections][:5] == [
        "role", "outcomes", "outputs", "activities", "allocation",
    ]  # fmt: skip
    assert [n for n, _ in handbook.numbered()][:5] == [2, 3, 4, 5, 6]
    assert handbook.outline()[0][:2] == (1, "The role on one page")
    assert handbook.period_label == "Q2 2026"
    assert handbook.made == TODAY


def test_role_section_holds_the_holacracy_fields_and_the_successor_notes(store: Store) -> None:
    roles = RoleRepository(store)
    role = roles.list_roles()[0]
    with store.transaction():
        roles.put_role(dataclasses.replace(role, successor_notes="Ask Sam.\nKeep the 1:1s."))
    text = text_of(section(manual(store), "role"))
    for item in (*role.accountabilities, *role.domains, *role.decision_rights, role.purpose):
        assert item in text
    assert "For my successor" in text and "Ask Sam.\nKeep the 1:1s." in text


def test_every_node_title_is_in_its_section(store: Store) -> None:
    handbook = manual(store)
    role_map = handbook.diagram.role_map
    for kind, key in (
        (NodeKind.OUTCOME, "outcomes"),
        (NodeKind.OUTPUT, "outputs"),
        (NodeKind.ACTIVITY, "activities"),
    ):
        first = tables(section(handbook, key))[0]
        assert sorted(map(str, column(first, first.columns[0].title))) == sorted(
            n.title for n in role_map.nodes_of(kind)
        )


def test_actual_hours_a_week_are_the_figures_over_the_weeks_run(store: Store) -> None:
    handbook = manual(store)
    role_map = handbook.diagram.role_map
    figures = role_figures(store.conn, role_map, QUARTER, TZ, NOW)
    weeks = (TODAY + dt.timedelta(days=1) - QUARTER.start).days / 7  # the quarter so far
    table = tables(section(handbook, "activities"))[0]
    actual = dict(zip(column(table, "Activity"), column(table, "Actual a week"), strict=True))
    for node in role_map.nodes_of(NodeKind.ACTIVITY):
        seconds = figures.activity_seconds.get(node.id, 0)
        value = seconds / 3600 / weeks
        shown = f"{value:.0f} h" if value >= 10 or value == int(value) else f"{value:.1f} h"
        assert actual[node.title] == (shown if seconds else NOTHING)
    assert table.total is not None and table.total[0] == "All activities"


def test_weeks_elapsed_counts_the_weeks_that_have_begun() -> None:
    quarter = period_of("quarter", dt.date(2026, 4, 8))
    assert weeks_elapsed(quarter, dt.date(2026, 4, 7), None) == 1  # 1–7 April
    assert weeks_elapsed(quarter, dt.date(2026, 8, 1), None) == 91 / 7  # all over
    everything = Period("all", None, None)
    assert weeks_elapsed(everything, dt.date(2026, 4, 14), dt.date(2026, 4, 1)) == 2
    assert weeks_elapsed(everything, dt.date(2026, 4, 14), None) == 1 / 7  # nothing tracked


def test_all_time_runs_from_the_first_tracked_week(store: Store) -> None:
    handbook = manual(store, Period("all", None, None))
    lead = section(handbook, "activities").lead
    first = TODAY - dt.timedelta(days=28)
    monday = first - dt.timedelta(days=first.weekday())
    weeks = round((TODAY + dt.timedelta(days=1) - monday).days / 7, 1)
    assert f"over the {weeks:g} weeks" in lead


def test_evidence_list_is_the_periods_deliveries_with_their_links(store: Store) -> None:
    role_map = RoleRepository(store).load_map(role_id(store))
    output = role_map.nodes_of(NodeKind.OUTPUT)[0]
    records = RecordRepository(store)
    with store.transaction():
        records.insert_records(
            deliveries=[
                Delivery("in", output.id, "2026-06-01", "Guide v2", "https://example.org/g2"),
                Delivery("path", output.id, "2026-06-02", "Notes", "/srv/share/notes.md"),
                Delivery("before", output.id, "2026-03-31", "Old guide", "https://x.org/old"),
            ]
        )
    outputs = section(manual(store), "outputs")
    assert "Evidence list" in outputs.subheadings
    evidence = tables(outputs)[1]
    whats = column(evidence, "Delivery")
    assert "Guide v2" in whats and "Notes" in whats and "Old guide" not in whats
    links = [c for c in column(evidence, "Evidence") if isinstance(c, Reference)]
    assert {r.target for r in links} == {"https://example.org/g2", "/srv/share/notes.md"}
    assert [r.is_web for r in sorted(links, key=lambda r: r.target)] == [False, True]
    in_quarter = [d for d in records.deliveries(role_map.role.id) if d.date >= "2026-04-01"]
    assert len(evidence.rows) == len(in_quarter)
    assert f"{len(in_quarter)} deliveries in Q2 2026, 2 with a link" in text_of(outputs)


def test_an_empty_period_says_so(store: Store) -> None:
    handbook = manual(store, date_range(dt.date(2025, 1, 1), dt.date(2025, 1, 31)))
    assert "Nothing was delivered in" in text_of(section(handbook, "outputs"))
    assert "No time was tracked in" in text_of(section(handbook, "allocation"))


def test_outcomes_show_targets_latest_checkins_and_a_trend(store: Store) -> None:
    handbook = manual(store)
    table = tables(section(handbook, "outcomes"))[0]
    trends = column(table, "Trend")
    assert all(isinstance(t, Trend) for t in trends)
    assert any(len(t.points) > 1 for t in trends if isinstance(t, Trend))
    for trend in trends:
        assert isinstance(trend, Trend)
        days = [d for d, _ in trend.points]
        assert days == sorted(days) and len(days) <= 8 and all(d < QUARTER.end for d in days)
    assert all("→" in str(c) for c in column(table, "Baseline → target"))
    assert "Serves" not in [c.title for c in table.columns]  # no outcome names one yet


def test_the_accountability_an_outcome_serves_is_shown_where_set(store: Store) -> None:
    role_map = RoleRepository(store).load_map(role_id(store))
    outcome = role_map.nodes_of(NodeKind.OUTCOME)[0]
    role_map.put_node(
        dataclasses.replace(outcome, details={**outcome.details, "accountability": "Hire well"})
    )
    figures = role_figures(store.conn, role_map, QUARTER, TZ, NOW)
    facts = ManualFacts(figures, _diagram(figures), (), (), TODAY, None)
    table = tables(build_handbook(facts).sections[1])[0]
    serves = dict(zip(column(table, "Outcome"), column(table, "Serves"), strict=True))
    assert serves[outcome.title] == "Hire well"
    assert set(serves.values()) == {"Hire well", NOTHING}


def _diagram(figures: object) -> object:
    from rolemap.services.diagram_figures import diagram_figures

    return diagram_figures(figures)  # type: ignore[arg-type]


def test_allocation_compares_actual_and_ideal_shares(store: Store) -> None:
    handbook = manual(store)
    allocation = section(handbook, "allocation")
    table = tables(allocation)[0]
    role = handbook.diagram.role_map.role
    figures = role_figures(store.conn, handbook.diagram.role_map, QUARTER, TZ, NOW)
    shares = {
        cell_text(tag): share
        for tag, share in zip(column(table, "Category"), column(table, "Actual share"), strict=True)
        if isinstance(tag, Tag) and isinstance(share, Share)
    }
    for name, seconds in figures.category_seconds.items():
        assert shares[name].actual == pytest.approx(seconds / figures.total_seconds)
        assert shares[name].ideal == role.ideal_allocation.get(name)
        assert 0 < shares[name].fraction(shares[name].actual) <= 1
    share = figures.attribution.purposeful_share
    assert share is not None
    assert f"{share * 100:.0f} % of the time tracked" in text_of(allocation)


# -- section 7: reviews, checklist, plan ------------------------------------------------------


def _write_practice_rows(store: Store, rid: str) -> None:
    """A finished review, two actions, this week's plan and an own checklist item, as rows."""
    role_map = RoleRepository(store).load_map(rid)
    activity = role_map.nodes_of(NodeKind.ACTIVITY)[0]
    output = role_map.nodes_of(NodeKind.OUTPUT)[0]
    outcome = role_map.nodes_of(NodeKind.OUTCOME)[0]
    week = "2026-W24"  # holds TODAY
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO reviews (id, role_id, first_day, last_day, started, finished, "
            "answer_1, answer_2, answer_3, answer_4, chosen) "
            "VALUES (?, ?, '2026-05-01', '2026-05-31', '2026-06-01T09:00:00Z', "
            "'2026-06-01T10:00:00Z', 'Yes, mostly.', 'The guide did.', 'Less email.', "
            "'More hiring.', 0)",
            ("rev-1", rid),
        )
        conn.executemany(
            "INSERT INTO review_actions (id, role_id, review_id, text, node_id, status, "
            "closed_in, position) VALUES (?, ?, 'rev-1', ?, ?, ?, NULL, ?)",
            [
                ("act-open", rid, "Cut the status meeting", activity.id, "open", 0),
                ("act-done", rid, "Write the onboarding guide", None, "done", 1),
            ],
        )
        conn.execute(
            "INSERT INTO week_plans (role_id, week, note) VALUES (?, ?, 'A hiring week.')",
            (rid, week),
        )
        conn.execute(
            "INSERT INTO plan_hours (role_id, week, activity_id, hours) VALUES (?, ?, ?, 6)",
            (rid, week, activity.id),
        )
        conn.execute(
            "INSERT INTO plan_outputs (role_id, week, output_id, count) VALUES (?, ?, ?, 2)",
            (rid, week, output.id),
        )
        conn.execute(
            "INSERT INTO plan_focus (role_id, week, outcome_id) VALUES (?, ?, ?)",
            (rid, week, outcome.id),
        )
        conn.execute(
            "INSERT INTO checklist_items (id, role_id, quarter, key, text, position) "
            "VALUES ('own-1', ?, '2026-Q2', 'own', 'Lunch with the design lead', 99)",
            (rid,),
        )


def test_reviews_plans_and_checklist_come_from_their_tables(store: Store) -> None:
    rid = role_id(store)
    _write_practice_rows(store, rid)
    practice = section(manual(store), "practice")
    assert practice.subheadings[:2] == ("Last review", "Open actions")
    assert practice.subheadings[2].startswith("Quarterly checklist, Q2 2026")
    assert practice.subheadings[3].startswith("This week's plan, week 24, 2026")
    text = text_of(practice)
    for answer in ("Yes, mostly.", "The guide did.", "Less email.", "More hiring."):
        assert answer in text
    assert "Are my activities leading to the outputs I intended?" in text
    assert "Cut the status meeting (about ‘" in text
    assert "Write the onboarding guide" not in text  # done: not open any more
    assert "Lunch with the design lead" in text and "A hiring week." in text


def test_empty_review_and_plan_tables_leave_their_parts_out(store: Store) -> None:
    practice = section(manual(store), "practice")
    assert len(practice.subheadings) == 1
    assert practice.subheadings[0].startswith("Quarterly checklist")  # generated from the data


def test_missing_features_leave_section_seven_out(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_practice_rows(store, role_id(store))
    for module in (
        "rolemap.store.review_repository",
        "rolemap.services.quarter_checklist",
        "rolemap.services.week_plan",
    ):
        monkeypatch.setitem(sys.modules, module, None)  # the import fails: not in this build
    handbook = manual(store)
    assert "practice" not in [s.key for s in handbook.sections]
    assert len(handbook.sections) == 5


# -- writing ----------------------------------------------------------------------------------


def test_the_format_follows_the_suffix(tmp_path: Path) -> None:
    assert manual_format(tmp_path / "a.PDF") == "pdf"
    assert manual_format(tmp_path / "a.markdown") == "markdown"
    assert manual_format(tmp_path / "a.htm") == "html"
    with pytest.raises(ManualError, match=r"\.pdf, \.md or \.html"):
        manual_format(tmp_path / "a.docx")


def test_markdown_is_written_atomically_and_refuses_what_it_cannot_write(
    store: Store, out_dir: Path
) -> None:
    rid = role_id(store)
    tmp_path = out_dir
    out = tmp_path / "manual.md"
    assert export_manual(store, rid, out, "quarter", tz=TZ, now=NOW) == []
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Engineering manager — operating manual")
    assert out.stat().st_mode & 0o777 == 0o600  # private, like every file Rolemap makes
    folder = tmp_path / "folder.md"
    folder.mkdir()
    with pytest.raises(ManualError, match="is a folder"):
        export_manual(store, rid, folder, tz=TZ, now=NOW)
    with pytest.raises(ManualError, match="no folder"):
        export_manual(store, rid, tmp_path / "missing" / "m.md", tz=TZ, now=NOW)
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    with pytest.raises(ManualError, match="not a regular file"):
        export_manual(store, rid, pipe, tz=TZ, now=NOW)  # refused without blocking on it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.md", "manual.md", "pipe.md"]


def test_a_failed_write_leaves_an_existing_file_untouched(
    store: Store, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rolemap.interchange import manual_markdown

    tmp_path = out_dir
    out = tmp_path / "manual.md"
    out.write_text("the earlier manual", encoding="utf-8")

    def broken(handbook: Handbook) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manual_markdown, "markdown", broken)
    with pytest.raises(OSError):
        export_manual(store, role_id(store), out, tz=TZ, now=NOW)
    assert out.read_text(encoding="utf-8") == "the earlier manual"
    assert [p.name for p in tmp_path.iterdir()] == ["manual.md"]


def test_the_command_line_offers_what_the_service_takes() -> None:
    from rolemap.cli import manual_commands
    from rolemap.services import manual as service

    assert manual_commands.PAGES == service.PAGES


def test_the_default_period_is_a_quarter_worth_reading() -> None:
    assert default_period(dt.date(2026, 11, 20)).label == "Q4 2026"
    assert default_period(dt.date(2026, 10, 29)).label == "Q4 2026"  # four weeks in
    assert default_period(dt.date(2026, 10, 28)).label == "Q3 2026"  # too fresh
    assert default_period(dt.date(2027, 1, 3)).label == "Q4 2026"  # across a year


def test_unknown_paper_is_refused(store: Store, out_dir: Path) -> None:
    with pytest.raises(ManualError, match="paper size"):
        export_manual(store, role_id(store), out_dir / "m.md", page="a5", tz=TZ, now=NOW)
    assert not list(out_dir.iterdir())
