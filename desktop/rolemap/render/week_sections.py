"""The frame of the printed week, each section placed on a `Sheet` at its cursor.

The title band; the seven days with the outputs due on each; then, after
the hours (`week_hours`) and what they are for (`week_results`), the plan
check and ruled lines for notes.
"""

from __future__ import annotations

import datetime as dt

from rolemap.domain.kinds import NodeKind
from rolemap.domain.plan_check import hours_text
from rolemap.domain.week_plan import week_days
from rolemap.domain.week_report import WeekReport
from rolemap.render import palette
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, Swatch, Text
from rolemap.render.week_sheet import Sheet


def title(sheet: Sheet, report: WeekReport, today: dt.date) -> None:
    """The week in big type, the role and its purpose; the date printed and the plan's total."""
    a, s = sheet.area, sheet.s
    week = report.week
    first, last = week.monday, week.sunday
    span = f"{first.day} {first:%b} – {last.day} {last:%b} {last.year}"
    meta = [f"{today.day} {today:%B %Y}", week.name]
    if report.stored:
        meta.append(f"{hours_text(report.planned_hours)} planned of {hours_text(report.capacity)}")
    else:
        meta.append("No plan kept: each activity's usual hours")
    meta_size = sheet.small(0.8)
    meta_w = max(sheet.measure.width(m, meta_size) for m in meta)
    for i, m in enumerate(meta):
        sheet.text(
            a.right - meta_w,
            a.y + 2 + i * meta_size * 1.45,
            meta_w,
            meta_size,
            m,
            palette.INK if i == 0 else palette.MUTED,
            i == 0,
            "right",
        )
    left_w = a.w - meta_w - s * 3
    big = s * 2.2
    heading = f"Week {week.number}"
    sheet.text(a.x, a.y, left_w, big, heading, palette.INK, True)
    title_w = sheet.measure.width(heading, big, True)
    sheet.text(
        a.x + title_w + s * 0.8, a.y + big * 0.34, left_w - title_w, s * 1.35, span, palette.BODY
    )
    sheet.y = a.y + big * 1.2
    name = report.role_name or "Untitled role"
    # First in the list: the writers title the PDF and SVG after the first text.
    sheet.texts.insert(0, Text(a.x, sheet.y, left_w, s * 1.1, name, palette.INK, True))
    sheet.y += s * 1.1 * LINE
    if report.role_purpose.strip():
        size = s * 0.9
        lines = sheet.wrapped(
            a.x, min(left_w, a.w * 0.7), size, report.role_purpose, palette.BODY, 2
        )
        sheet.y += lines * size * LINE
    sheet.y = max(sheet.y, a.y + 2 + len(meta) * meta_size * 1.45) + s * 0.6
    sheet.rules.append((a.x, a.right, sheet.y))


def days(sheet: Sheet, report: WeekReport) -> None:
    """Seven panels, Monday to Sunday, each with the outputs intended by that day."""
    a, s = sheet.area, sheet.s
    due: dict[dt.date, list[str]] = {}
    for o in report.outputs:
        if o.by_day is not None:
            due.setdefault(o.by_day, []).append(o.title)
    rows = max(2, max((len(v) for v in due.values()), default=0))
    gap = s * 0.45
    w = (a.w - 6 * gap) / 7
    top = sheet.y + s * 1.0
    small = sheet.small(0.74)
    height = s * 0.4 + s * 0.9 * LINE + rows * small * LINE + s * 0.4
    for i, (name, day) in enumerate(week_days(report.week)):
        x = a.x + i * (w + gap)
        sheet.panels.append((NodeKind.ACTIVITY, Rect(x, top, w, height)))
        sheet.text(
            x + s * 0.5, top + s * 0.4, w - s, s * 0.9, f"{name} {day.day}", palette.INK, True
        )
        for j, title in enumerate(due.get(day, [])[:rows]):
            text = sheet.measure.elide(f"→ {title}", small, w - s)
            sheet.text(
                x + s * 0.5,
                top + s * 0.4 + s * 0.9 * LINE + j * small * LINE,
                w - s,
                small,
                text,
                palette.BODY,
            )
    sheet.y = top + height


def findings(sheet: Sheet, report: WeekReport) -> None:
    """The plan check's findings, each with the diagram's purpose-check badge."""
    a, s = sheet.area, sheet.s
    sheet.heading("Plan check", None)
    if not report.findings:
        sheet.text(
            a.x,
            sheet.y + s * 0.2,
            a.w,
            s * 0.9,
            "Nothing to say: every planned hour reaches an outcome.",
            palette.BODY,
        )
        sheet.y += s * 0.9 * LINE + s * 0.4
        return
    r = s * 0.45
    for finding in report.findings:
        sheet.y += s * 0.2
        sheet.swatches.append(
            Swatch(Rect(a.x, sheet.y + s * 0.9 * LINE / 2 - r, 2 * r, 2 * r), badge=True)
        )
        count = sheet.wrapped(a.x + s * 1.4, a.w - s * 1.4, s * 0.9, finding.message, palette.BODY)
        sheet.y += count * s * 0.9 * LINE


def notes(sheet: Sheet, report: WeekReport, bottom: float) -> None:
    """The week's note, then ruled lines for handwriting down to `bottom`."""
    a, s = sheet.area, sheet.s
    sheet.heading("Notes", None)
    if report.plan.note.strip():
        count = sheet.wrapped(a.x, a.w, s * 0.9, report.plan.note, palette.BODY, 4)
        sheet.y += count * s * 0.9 * LINE
    pitch = s * 2.1
    while sheet.y + pitch <= bottom:
        sheet.y += pitch
        sheet.rules.append((a.x, a.right, sheet.y))
