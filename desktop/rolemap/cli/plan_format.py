"""The shapes `rolemap plan show` and `rolemap checklist` print: text for people, JSON for scripts.

JSON keys are stable (scripts read them): hours are decimal hours rounded to
hundredths, dates ISO, node ids as stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rolemap.domain.checklist_items import OWN_ITEM, Checklist
from rolemap.domain.describe import number
from rolemap.domain.plan_check import percent
from rolemap.domain.week_report import WeekReport

_WIDTH = 44


def hours(value: float) -> str:
    """Hours as the command line shows them: "4 h", "1.75 h"."""
    return f"{number(round(value, 2))} h"


def day_text(day: dt.date) -> str:
    """A day of the week: "Thu 3 Dec"."""
    return f"{day:%a} {day.day} {day:%b}"


def _name(text: str, width: int = _WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- the week ---------------------------------------------------------------------------------


def week_lines(report: WeekReport) -> list[str]:
    """`rolemap plan show` as text."""
    lines = [f"{report.role_name} · {report.week.label}"]
    if not report.stored:
        lines.append(
            "No plan kept for this week yet: these are each activity's planned hours a week. "
            "The first change keeps them as the week's plan."
        )
    lines += ["", f"{'Activities':<{_WIDTH}} {'planned':>8} {'actual':>8}"]
    shown = report.planned_lines
    for line in shown:
        lines.append(
            f"  {_name(line.title, _WIDTH - 2):<{_WIDTH - 2}} "
            f"{hours(line.planned_hours) if line.planned_hours else '–':>8} "
            f"{hours(line.actual_hours):>8}"
        )
    idle = len(report.activities) - len(shown)
    if idle:
        lines.append(f"  ({idle} more with nothing planned or spent)")
    over = report.planned_hours - report.capacity
    capacity = f"of {hours(report.capacity)}" + (f", {hours(over)} over" if over > 0.005 else "")
    lines.append(
        f"  {'Total':<{_WIDTH - 2}} {hours(report.planned_hours):>8} "
        f"{hours(report.actual_hours):>8}   {capacity}"
    )
    categories = [c for c in report.categories if c.planned_hours > 0 or c.ideal_share]
    if categories and report.planned_hours > 0:
        lines += ["", f"{'Planned by category':<{_WIDTH}} {'planned':>8} {'share':>6} {'ideal':>6}"]
        for c in categories:
            share = percent(c.planned_share) if c.planned_share is not None else "–"
            ideal = percent(c.ideal_share) if c.ideal_share is not None else "–"
            lines.append(
                f"  {_name(c.name, _WIDTH - 2):<{_WIDTH - 2}} {hours(c.planned_hours):>8} "
                f"{share:>6} {ideal:>6}"
            )
    lines.append("")
    if report.outputs:
        lines.append(f"{'Outputs intended':<{_WIDTH}} {'intended':>8} {'delivered':>9}  by")
        for o in report.outputs:
            by = day_text(o.by_day) if o.by_day else ""
            title = _name(o.title, _WIDTH - 2)
            row = f"  {title:<{_WIDTH - 2}} {o.intended:>8} {o.delivered:>9}  {by}"
            lines.append(row.rstrip())
    else:
        lines.append("Outputs intended: none yet (rolemap plan intend OUTPUT).")
    lines.append("")
    if report.focus:
        lines.append(f"{'Outcomes in focus':<{_WIDTH}} {'check-ins':>9}")
        for f in report.focus:
            last = ""
            if f.latest is not None:
                unit = f" {f.unit}" if f.unit else ""
                last = f"last {number(f.latest.value)}{unit} on {f.latest.date}"
            state = "check-in due" + (f" ({last})" if last else "") if f.checkin_due else last
            lines.append(f"  {_name(f.title, _WIDTH - 2):<{_WIDTH - 2}} {f.checkins:>9}  {state}")
    else:
        lines.append("Outcomes in focus: none yet (rolemap plan focus OUTCOME).")
    lines.append("")
    if report.findings:
        lines.append("Plan check")
        lines += [f"  ! {finding.message}" for finding in report.findings]
    else:
        lines.append("Plan check: every planned hour reaches an outcome; nothing to say.")
    return lines


def week_json(report: WeekReport) -> dict[str, Any]:
    """`rolemap plan show --json`."""
    week = report.week
    return {
        "role": report.role_name,
        "week": week.name,
        "first_day": week.monday.isoformat(),
        "last_day": week.sunday.isoformat(),
        "label": week.label,
        "stored": report.stored,
        "capacity_hours": report.capacity,
        "planned_hours": round(report.planned_hours, 2),
        "actual_hours": round(report.actual_hours, 2),
        "activities": [
            {
                "id": a.activity_id,
                "title": a.title,
                "category": a.category,
                "planned_hours": round(a.planned_hours, 2),
                "actual_hours": round(a.actual_hours, 2),
            }
            for a in report.activities
        ],
        "categories": [
            {
                "name": c.name,
                "planned_hours": round(c.planned_hours, 2),
                "actual_hours": round(c.actual_hours, 2),
                "planned_share": None if c.planned_share is None else round(c.planned_share, 4),
                "ideal_share": c.ideal_share,
            }
            for c in report.categories
        ],
        "outputs": [
            {
                "id": o.output_id,
                "title": o.title,
                "intended": o.intended,
                "delivered": o.delivered,
                "by_day": None if o.by_day is None else o.by_day.isoformat(),
            }
            for o in report.outputs
        ],
        "outcomes": [
            {
                "id": f.outcome_id,
                "title": f.title,
                "checkins": f.checkins,
                "checkin_due": f.checkin_due,
                "latest_checkin": None
                if f.latest is None
                else {"date": f.latest.date, "value": f.latest.value},
                "planned_hours": f.planned_hours,
            }
            for f in report.focus
        ],
        "findings": [
            {"kind": f.kind.value, "message": f.message, "node_ids": list(f.node_ids)}
            for f in report.findings
        ],
    }


# -- the quarter ------------------------------------------------------------------------------


def checklist_lines(checklist: Checklist, role_name: str, today: dt.date) -> list[str]:
    """`rolemap checklist` as text."""
    quarter = checklist.quarter
    lines = [
        f"{role_name} · {quarter.label} · {checklist.ticked_count} of "
        f"{len(checklist.items)} ticked",
        "",
    ]
    for number_, item in enumerate(checklist.items, 1):
        mark = {True: "[x]", False: "[ ]", None: "[–]"}[item.ticked]
        how = "" if item.automatic else ("  (yours)" if item.key == OWN_ITEM else "  (by hand)")
        lines.append(f"{number_:>2} {mark} {item.text}{how}")
        if item.detail:
            lines.append(f"       {item.detail}")
    lines.append("")
    if checklist.frozen_on is not None:
        lines.append(f"Kept as it stood on {checklist.frozen_on.isoformat()}.")
    elif today >= quarter.freeze_day:
        lines.append("Decided from the data now (this file could not keep the results).")
    else:
        lines.append(
            f"Automatic items are decided from the data; the results are kept from "
            f"{quarter.freeze_day.isoformat()}. Tick the others: rolemap checklist tick NUMBER."
        )
    return lines


def checklist_json(checklist: Checklist, role_name: str) -> dict[str, Any]:
    """`rolemap checklist --json`."""
    quarter = checklist.quarter
    return {
        "role": role_name,
        "quarter": quarter.name,
        "first_day": quarter.first_day.isoformat(),
        "last_day": quarter.last_day.isoformat(),
        "frozen_on": None if checklist.frozen_on is None else checklist.frozen_on.isoformat(),
        "freezes_on": quarter.freeze_day.isoformat(),
        "ticked": checklist.ticked_count,
        "items": [
            {
                "number": i,
                "key": item.key,
                "id": None if item.stored is None else item.stored.id,
                "text": item.text,
                "automatic": item.automatic,
                "ticked": item.ticked,
                "detail": item.detail,
                "node_ids": list(item.node_ids),
            }
            for i, item in enumerate(checklist.items, 1)
        ],
    }
