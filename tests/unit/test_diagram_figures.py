"""The figures printed on the diagram: periods, per-node numbers, footer, presets."""

from __future__ import annotations

import datetime as dt

from rolemap.domain.kinds import NodeKind
from rolemap.services.diagram_figures import path_sentences, period_figures
from rolemap.store.preferences import ExportPreset, load_preset, save_preset
from rolemap.store.role_repository import RoleRepository


def test_figures_come_from_the_records_of_the_period(store) -> None:
    role = RoleRepository(store).list_roles()[0]
    role_map = RoleRepository(store).load_map(role.id)
    by_title = {n.title: n for n in role_map}
    one_on_ones = by_title["Weekly 1:1s"]
    growth = by_title["Growth plans"]
    retention = by_title["Team retention ≥ 90 %"]
    inside = dt.datetime(2026, 11, 10, 9).timestamp()
    outside = dt.datetime(2026, 10, 10, 9).timestamp()
    now = int(dt.datetime(2026, 11, 25, 9).timestamp())
    running = now - 3600  # a timer started an hour ago counts its hour, as in the report
    with store.transaction() as conn:
        for table in ("time_entries", "deliveries", "checkins"):  # any example records
            conn.execute(f"DELETE FROM {table}")
        conn.execute(
            "INSERT INTO time_entries (id, activity_id, start, duration) VALUES "
            "('a', ?, ?, 5400), ('b', ?, ?, 3600), ('c', ?, ?, NULL)",
            (one_on_ones.id, inside, one_on_ones.id, outside, one_on_ones.id, running),
        )
        conn.execute(
            "INSERT INTO deliveries (id, output_id, date) VALUES ('d', ?, '2026-11-03')",
            (growth.id,),
        )
        conn.execute(
            "INSERT INTO checkins (id, outcome_id, date, value) VALUES "
            "('e', ?, '2026-10-01', 84), ('f', ?, '2026-11-20', 86)",
            (retention.id, retention.id),
        )
    figures = period_figures(store, role_map, "month", now=now)
    assert figures.nodes[one_on_ones.id] == "2.5 h"
    assert figures.nodes[by_title["Code reviews"].id] == "0 h"
    assert figures.nodes[growth.id] == "1 delivered"
    assert figures.nodes[retention.id] == "now 86 / 90 %"
    assert figures.footer[0].startswith("Purposeful share 100 % of 2.5 h tracked in November 2026")
    assert figures.footer[1] == "2.5 h  Weekly 1:1s → Growth plans → Team retention ≥ 90 %"


def test_without_records_paths_rank_by_planned_hours(store) -> None:
    role_map = RoleRepository(store).load_map(RoleRepository(store).list_roles()[0].id)
    sentences = path_sentences(role_map, {})
    assert len(sentences) == 3
    assert all(" → " in s and "h/week" in s for s in sentences)
    first = role_map.nodes_of(NodeKind.ACTIVITY)
    assert first


def test_presets_round_trip_and_ignore_bad_values(store) -> None:
    role_id = RoleRepository(store).list_roles()[0].id
    assert load_preset(store, role_id) == ExportPreset()
    preset = ExportPreset("svg", "a3", False, "quarter", False, 150, "/tmp/x.svg")
    save_preset(store, role_id, preset)
    assert load_preset(store, role_id) == preset
    with store.transaction() as conn:
        conn.execute(
            "UPDATE preferences SET value = ? WHERE key = ?",
            ('{"format": "tiff", "page": "a3", "dpi": 9}', f"export-preset:{role_id}"),
        )
    assert load_preset(store, role_id) == ExportPreset(page="a3")
