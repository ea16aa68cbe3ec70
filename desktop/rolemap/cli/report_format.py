"""What the tracking commands print: `report` as JSON, text and CSV, and `import-time`'s preview.

JSON shape (hours are floats rounded to 3 decimals, with the exact `seconds` beside
them; dates are local ISO dates; times are ISO 8601 with the local offset)::

    {
      "role": {"id": str, "name": str},
      "period": {"name": "week"|"month"|"quarter"|"year"|"all"|"range",
                 "from": "YYYY-MM-DD" | null, "to": "YYYY-MM-DD" | null,  # both included
                 "timezone": str},
      "generated": "2024-03-08T12:00:00+01:00",
      "total_hours": float, "total_seconds": int,
      "purposeful_hours": float,
      "purposeful_share": float | null,        # null when nothing was tracked
      "attributed_hours": float,               # hours that reached some outcome
      "running_timer": null | {"activity_id": str, "activity": str,
                               "start": ISO time, "elapsed_hours": float},
      "categories": [{"category": str, "hours": float, "seconds": int,
                      "share": float}],                               # most hours first
      "activities": [{"id": str, "title": str, "category": str, "hours": float,
                      "seconds": int, "reaches_outcome": bool}],      # most hours first
      "outputs": [{"id": str, "title": str, "attributed_hours": float,
                   "deliveries": int}],                                    # every output
      "outcomes": [{"id": str, "title": str, "attributed_hours": float,
                    "metric": str, "unit": str, "target": float | null,
                    "latest_checkin": null | {"date": str, "value": float,
                                              "confidence": float | null, "note": str}}]
    }
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from typing import Any

from rolemap.domain.durations import format_duration
from rolemap.domain.kinds import NodeKind
from rolemap.domain.purpose import reaching_outcome
from rolemap.services.time_preview import ImportPlan, OverlapChoice
from rolemap.store.figures import Figures


def _hours(seconds: float) -> float:
    return round(seconds / 3600, 3)


def report_json(report: Figures) -> dict[str, Any]:
    """The report as the documented JSON value (see the module docstring)."""
    role_map = report.role_map
    nodes = role_map.nodes
    attribution = report.attribution
    total = report.total_seconds
    reaching = reaching_outcome(role_map)
    period = report.period
    running = report.running
    share = attribution.purposeful_share
    return {
        "role": {"id": role_map.role.id, "name": role_map.role.name},
        "period": {
            "name": period.name,
            "from": None if period.start is None else period.start.isoformat(),
            "to": None if period.last_day is None else period.last_day.isoformat(),
            "timezone": str(getattr(report.tz, "key", None) or report.tz),
        },
        "generated": dt.datetime.fromtimestamp(report.now, report.tz).isoformat(timespec="seconds"),
        "total_hours": _hours(total),
        "total_seconds": total,
        "purposeful_hours": round(attribution.purposeful_hours, 3),
        "purposeful_share": None if share is None else round(share, 4),
        "attributed_hours": round(attribution.attributed_hours, 3),
        "running_timer": None
        if running is None
        else {
            "activity_id": running.activity_id,
            "activity": nodes[running.activity_id].title,
            "start": dt.datetime.fromtimestamp(running.start, report.tz).isoformat(
                timespec="seconds"
            ),
            "elapsed_hours": _hours(max(0, report.now - running.start)),
        },
        "categories": [
            {
                "category": name,
                "hours": _hours(seconds),
                "seconds": seconds,
                "share": round(seconds / total, 4),
            }
            for name, seconds in sorted(
                report.category_seconds.items(), key=lambda i: (-i[1], i[0])
            )
        ],
        "activities": [
            {
                "id": activity_id,
                "title": nodes[activity_id].title,
                "category": str(nodes[activity_id].detail("category") or "Other"),
                "hours": _hours(seconds),
                "seconds": seconds,
                "reaches_outcome": activity_id in reaching,
            }
            for activity_id, seconds in sorted(
                report.activity_seconds.items(), key=lambda i: (-i[1], nodes[i[0]].title)
            )
        ],
        "outputs": [
            {
                "id": node.id,
                "title": node.title,
                "attributed_hours": round(attribution.output_hours.get(node.id, 0.0), 3),
                "deliveries": report.deliveries.get(node.id, 0),
            }
            for node in role_map.nodes_of(NodeKind.OUTPUT)
        ],
        "outcomes": [
            _outcome_json(report, node.id) for node in role_map.nodes_of(NodeKind.OUTCOME)
        ],
    }


def _outcome_json(report: Figures, outcome_id: str) -> dict[str, Any]:
    node = report.role_map.nodes[outcome_id]
    checkin = report.checkins.get(outcome_id)
    return {
        "id": node.id,
        "title": node.title,
        "attributed_hours": round(report.attribution.outcome_hours.get(node.id, 0.0), 3),
        "metric": str(node.detail("metric") or ""),
        "unit": str(node.detail("unit") or ""),
        "target": node.detail("target"),
        "latest_checkin": None
        if checkin is None
        else {
            "date": checkin.date,
            "value": checkin.value,
            "confidence": checkin.confidence,
            "note": checkin.note,
        },
    }


def report_lines(report: Figures, by: str = "category") -> list[str]:
    """The report as text: a summary, then one table (`by`)."""
    data = report_json(report)
    period = data["period"]
    span = (
        "all time"
        if period["from"] is None and period["to"] is None
        else (f"{period['from'] or '…'} – {period['to'] or '…'}")
    )
    lines = [f"{data['role']['name']} · {period['name']} · {span}"]
    total = report.total_seconds
    share = data["purposeful_share"]
    lines.append(
        f"Total {format_duration(total)} · purposeful "
        + ("–" if share is None else f"{share:.0%}")
        + f" · attributed to outcomes {data['attributed_hours']:.1f} h"
    )
    if data["running_timer"]:
        timer = data["running_timer"]
        lines.append(f"Running: ‘{timer['activity']}’ since {timer['start'][11:16]}")
    lines.append("")
    rows: list[tuple[str, ...]]
    header: tuple[str, ...]
    if by == "category":
        header = ("Category", "Hours", "Share")
        rows = [
            (c["category"], f"{c['hours']:.2f}", f"{c['share']:.0%}") for c in data["categories"]
        ]
    elif by == "activity":
        header = ("Activity", "Category", "Hours", "Reaches an outcome")
        rows = [
            (
                a["title"],
                a["category"],
                f"{a['hours']:.2f}",
                "yes" if a["reaches_outcome"] else "no",
            )
            for a in data["activities"]
        ]
    elif by == "output":
        header = ("Output", "Hours in", "Deliveries")
        rows = [
            (o["title"], f"{o['attributed_hours']:.2f}", str(o["deliveries"]))
            for o in data["outputs"]
        ]
    else:
        header = ("Outcome", "Hours in", "Latest check-in", "Target")
        rows = [
            (
                o["title"],
                f"{o['attributed_hours']:.2f}",
                _checkin_text(o),
                "" if o["target"] is None else f"{o['target']:g} {o['unit']}".strip(),
            )
            for o in data["outcomes"]
        ]
    if not rows:
        return [*lines, "Nothing tracked in this period."]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    return lines


def _checkin_text(outcome: dict[str, Any]) -> str:
    latest = outcome["latest_checkin"]
    if latest is None:
        return "none"
    return f"{latest['value']:g} {outcome['unit']} ({latest['date']})".replace("  ", " ")


def report_csv(report: Figures, by: str = "category") -> str:
    """One table of the report (`by`) as CSV, exact seconds beside hours.

    Cells a spreadsheet would run as a formula are neutralised, as in the Toggl export.
    """
    from rolemap.interchange.toggl_csv import neutralise

    data = report_json(report)
    rows: list[tuple[object, ...]]
    if by == "category":
        header: tuple[str, ...] = ("category", "hours", "seconds", "share")
        rows = [(c["category"], c["hours"], c["seconds"], c["share"]) for c in data["categories"]]
    elif by == "activity":
        header = ("activity", "category", "hours", "seconds", "reaches_outcome")
        rows = [
            (a["title"], a["category"], a["hours"], a["seconds"], a["reaches_outcome"])
            for a in data["activities"]
        ]
    elif by == "output":
        header = ("output", "attributed_hours", "deliveries")
        rows = [(o["title"], o["attributed_hours"], o["deliveries"]) for o in data["outputs"]]
    else:
        header = ("outcome", "attributed_hours", "latest_value", "latest_date", "target", "unit")
        rows = [
            (
                o["title"],
                o["attributed_hours"],
                "" if o["latest_checkin"] is None else o["latest_checkin"]["value"],
                "" if o["latest_checkin"] is None else o["latest_checkin"]["date"],
                "" if o["target"] is None else o["target"],
                o["unit"],
            )
            for o in data["outcomes"]
        ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(_cell(cell)) for cell in row])
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# -- import-time's preview -------------------------------------------------------------------


def import_lines(plan: ImportPlan, heading: Mapping[str, Any], tz: dt.tzinfo) -> list[str]:
    """The preview as text: where it goes, what maps, what does not, what is left out, why."""
    span = ""
    if heading["from"] or heading["to"]:
        span = f", {heading['from'] or '…'} – {heading['to'] or '…'}"
    lines = [
        f"{heading['file']} ({heading['format']}{span}) → ‘{plan.role_name}’, "
        f"times in {heading['timezone']}"
    ]
    count = sum(total.entries for total in plan.mapped)
    lines.append(f"Mapped: {_amount(count, plan.mapped_seconds)}")
    lines += _table((t.title, t.entries, t.seconds) for t in plan.mapped)
    if plan.unmapped:
        count = sum(name.entries for name in plan.unmapped)
        lines.append(f"Not mapped: {_amount(count, plan.unmapped_seconds)}")
        lines += _table(
            (f"{n.field.value} ‘{n.name}’" if n.name else "(no name)", n.entries, n.seconds)
            for n in plan.unmapped
        )
    if plan.skipped:
        lines.append("Left out:")
        lines += _table((s.reason, s.entries, s.seconds) for s in plan.skipped)
    if plan.overlap_entries:
        fate = (
            "left out (--overlaps keep imports them too)"
            if plan.overlap_choice is OverlapChoice.SKIP
            else "imported too (--overlaps keep)"
        )
        lines.append(
            f"Overlapping time already in Rolemap: "
            f"{_amount(plan.overlap_entries, plan.overlap_seconds)}, {fate}:"
        )
        for item in plan.overlaps[:5]:
            existing = _span(item.existing_start, item.existing_duration, tz)
            lines.append(
                f"  {_span(item.start, item.duration, tz)} ‘{item.name}’ ({item.where}) "
                f"overlaps ‘{item.existing_activity}’ {existing}"
            )
        if plan.overlap_entries > 5:
            lines.append(f"  … and {plan.overlap_entries - 5:,} more")
    if heading["dry_run"]:
        lines.append("Dry run: nothing was written.")
    elif heading["written"]:
        lines.append(
            f"Imported {_amount(heading['written'], plan.mapped_seconds)} into ‘{plan.role_name}’."
        )
    elif not plan.unmapped:
        lines.append("Nothing new to import.")
    return lines


def _amount(entries: int, seconds: int) -> str:
    return f"{entries:,} entr{'y' if entries == 1 else 'ies'}, {hours_text(seconds)}"


def _table(rows: Iterable[tuple[str, int, int]]) -> list[str]:
    listed = list(rows)
    width = max((len(name) for name, _, _ in listed), default=0)
    return [
        f"  {name.ljust(width)}  {entries:>7,}  {hours_text(seconds):>8}"
        for name, entries, seconds in listed
    ]


def _span(start: int, duration: int | None, tz: dt.tzinfo) -> str:
    begin = dt.datetime.fromtimestamp(start, tz)
    if duration is None:
        return f"{begin:%Y-%m-%d %H:%M}–(running)"
    end = dt.datetime.fromtimestamp(start + duration, tz)
    return f"{begin:%Y-%m-%d %H:%M}–{end:%H:%M}"


def hours_text(seconds: int) -> str:
    """A total for people: "45m", "7h 30m", "1,234h 05m" (hours, not days, however many)."""
    if seconds < 24 * 3600:
        return format_duration(seconds)
    return f"{seconds // 3600:,}h {seconds % 3600 // 60:02d}m"
