"""The sections of the printed week, top to bottom, each placed on a `Sheet` at its cursor.

The title band; the seven days with the outputs due on each; the activities
with a box per planned hour (filled: logged); the plan's balance against the
ideal allocation; the outputs to deliver; the outcomes in focus with their
check-in; the plan check; ruled lines for notes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from rolemap.domain.kinds import NodeKind
from rolemap.domain.plan_check import hours_text, percent
from rolemap.domain.week_plan import week_days
from rolemap.domain.week_report import ActivityLine, FocusLine, OutputLine, WeekReport
from rolemap.render import palette
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, Swatch, Text
from rolemap.render.week_sheet import Sheet

_DUE = palette.KIND_ACCENT[NodeKind.OUTCOME]


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


def activities(
    sheet: Sheet, report: WeekReport, lines: list[ActivityLine], left_off: list[ActivityLine]
) -> None:
    """A row per activity: its category colour, title, planned hours, a box per hour."""
    a, s = sheet.area, sheet.s
    logged = any(line.actual_hours > 0 for line in report.activities)
    sheet.heading(
        f"Activities · {len(lines) + len(left_off)}",
        NodeKind.ACTIVITY,
        "hours planned · a box per hour" + (" · filled: logged" if logged else ""),
    )
    if not lines:
        sheet.text(a.x, sheet.y, a.w, s, "No hours planned this week.", palette.MUTED)
        sheet.y += s * LINE + s * 0.4
        return
    b, gap = s * 0.82, s * 0.32
    boxes_w = a.w * 0.38
    per_row = max(1, int((boxes_w + gap) // (b + gap)))
    hours_w = s * 3.4
    logged_w = s * 4.6 if logged else 0.0
    title_x = a.x + s * 0.9
    boxes_x = a.right - logged_w - boxes_w
    title_w = boxes_x - hours_w - s * 0.8 - title_x
    for line in lines:
        top = sheet.y + s * 0.35
        count = line.planned_hours
        box_rows = max(1, math.ceil(max(count, 0.01) / per_row - 1e-9))
        title_lines = sheet.measure.wrap(line.title, s, title_w)[:2]
        height = max(len(title_lines) * s * LINE, box_rows * (b + gap) - gap + s * 0.2)
        sheet.swatches.append(Swatch(Rect(a.x, top, s * 0.3, height), colour=line.colour))
        for i, text in enumerate(title_lines):
            sheet.text(title_x, top + i * s * LINE, title_w, s, text, palette.INK)
        sheet.text(
            boxes_x - hours_w - s * 0.8,
            top,
            hours_w,
            s,
            hours_text(count) if count else "–",
            palette.INK,
            True,
            "right",
        )
        tint = palette.mix(line.colour, 0.55)
        for row in range(box_rows):
            chunk = min(per_row, count - row * per_row)
            done = min(per_row, max(0.0, line.actual_hours - row * per_row))
            if chunk > 0:
                y = top + (s * LINE - b) / 2 + row * (b + gap)
                sheet.boxes(boxes_x, y, chunk, done, tint, NodeKind.INPUT)
        if logged:
            sheet.text(
                a.right - logged_w,
                top,
                logged_w,
                sheet.small(0.85),
                f"{hours_text(line.actual_hours)} logged" if line.actual_hours else "",
                palette.MUTED,
                False,
                "right",
            )
        sheet.y = top + height + s * 0.35
        sheet.rules.append((title_x, a.right, sheet.y))
    if left_off:
        hidden = sum(x.planned_hours for x in left_off)
        sheet.more(
            title_x,
            f"… and {len(left_off)} more with {hours_text(hidden)} planned (see Rolemap).",
        )
    total = report.planned_hours
    over = total - report.capacity
    summary = f"{hours_text(total)} of {hours_text(report.capacity)}" + (
        f" · {hours_text(over)} over capacity" if over > 0.005 else ""
    )
    sheet.text(
        title_x,
        sheet.y + s * 0.35,
        boxes_x - title_x - s * 0.8,
        s,
        summary,
        palette.FLAG if over > 0.005 else palette.INK,
        True,
        "right",
    )
    sheet.text(title_x, sheet.y + s * 0.35, title_w, s, "Total", palette.INK, True)
    if logged:
        sheet.text(
            a.right - logged_w,
            sheet.y + s * 0.35,
            logged_w,
            sheet.small(0.85),
            f"{hours_text(report.actual_hours)} logged",
            palette.INK,
            True,
            "right",
        )
    sheet.y += s * 0.35 + s * LINE


def balance(sheet: Sheet, report: WeekReport) -> None:
    """The plan's share per category as a bar, the ideal allocation as a bar below it."""
    a, s = sheet.area, sheet.s
    planned = [c for c in report.categories if c.planned_hours > 0]
    if not planned:
        return
    ideal = [c for c in report.categories if c.ideal_share]
    sheet.heading("Balance · planned share against the ideal", None)
    label_w = s * 3.6
    bar_w = a.w - label_w
    small = sheet.small(0.8)
    bars = [("Plan", [(c.colour, c.planned_share or 0.0) for c in planned])]
    if ideal:
        total = sum(c.ideal_share or 0.0 for c in ideal) or 1.0
        bars.append(("Ideal", [(c.colour, (c.ideal_share or 0.0) / total) for c in ideal]))
    for label, parts in bars:
        sheet.text(a.x, sheet.y, label_w, small, label, palette.MUTED)
        x = a.x + label_w
        for colour, share in parts:
            width = bar_w * share
            if width > 0.8:
                sheet.swatches.append(
                    Swatch(Rect(x, sheet.y + small * 0.1, width - 0.8, small), colour=colour)
                )
            x += width
        sheet.y += small * LINE + s * 0.25
    x = a.x + label_w
    sheet.y += s * 0.2
    for c in report.categories:
        if c.planned_hours <= 0 and not c.ideal_share:
            continue
        words = f"{c.name} {percent(c.planned_share or 0.0)}"
        if c.ideal_share is not None:
            words += f" / {percent(c.ideal_share)}"
        width = small * 0.6 + small * 0.45 + sheet.measure.width(words, small)
        if x > a.x + label_w and x + width > a.right:
            x = a.x + label_w
            sheet.y += small * LINE + s * 0.1
        sheet.swatches.append(
            Swatch(Rect(x, sheet.y + small * 0.1, small * 0.6, small), colour=c.colour)
        )
        sheet.text(x + small * 1.05, sheet.y, width - small * 1.05, small, words, palette.BODY)
        x += width + small * 1.8
    sheet.y += small * LINE


def outputs(sheet: Sheet, report: WeekReport, rows: Sequence[OutputLine], hidden: int) -> None:
    """A row per intended output: a box per delivery, the title, the day, who feeds it."""
    a, s = sheet.area, sheet.s
    sheet.heading(
        f"Outputs to deliver · {len(report.outputs)}",
        NodeKind.OUTPUT,
        "a box per delivery · filled: delivered",
    )
    b, gap = s * 0.82, s * 0.32
    if not report.outputs:
        sheet.text(
            a.x,
            sheet.y + s * 0.3,
            a.w,
            s * 0.9,
            "None intended yet: write this week's here.",
            palette.MUTED,
        )
        sheet.y += s * 0.9 * LINE + s * 0.3
        for _ in range(2):
            sheet.y += s * 1.9
            sheet.boxes(a.x, sheet.y - b - s * 0.2, 1, 0, "", NodeKind.OUTPUT)
            sheet.rules.append((a.x + b + s * 0.6, a.right, sheet.y))
        sheet.y += s * 0.4
        return
    slots = min(10, max(o.intended for o in rows))
    x = a.x + slots * (b + gap) + s * 0.4
    for o in rows:
        top = sheet.y + s * 0.35
        shown = min(o.intended, slots)
        tint = palette.mix(palette.KIND_ACCENT[NodeKind.OUTPUT], 0.55)
        y = top + (s * LINE - b) / 2
        sheet.boxes(a.x, y, shown, min(o.delivered, shown), tint, NodeKind.OUTPUT)
        more = f" × {o.intended}" if o.intended > shown else ""
        by = f"by {o.by_day:%a} {o.by_day.day} {o.by_day:%b}" if o.by_day else ""
        by_w = sheet.measure.width(by, s, True) if by else 0.0
        sheet.text(a.right - by_w, top, by_w, s, by, palette.INK, True, "right")
        width = a.right - by_w - s - x
        sheet.text(x, top, width, s, sheet.measure.elide(o.title + more, s, width), palette.INK)
        feeders = f"from {', '.join(o.feeders)}" if o.feeders else "no planned activity feeds it"
        detail = ("" if o.hands_on else "team's work · ") + feeders
        small = sheet.small(0.8)
        sheet.text(
            x,
            top + s * LINE,
            width,
            small,
            sheet.measure.elide(detail, small, width),
            palette.MUTED,
        )
        if o.delivered:
            done = f"{o.delivered} delivered"
            sheet.text(
                a.right - width, top + s * LINE, width, small, done, palette.MUTED, False, "right"
            )
        sheet.y = top + s * LINE + small * LINE + s * 0.3
        sheet.rules.append((x, a.right, sheet.y))
    if hidden:
        sheet.more(x, f"… and {hidden} more intended (see Rolemap).")


def focus(sheet: Sheet, report: WeekReport, rows: Sequence[FocusLine], hidden: int) -> None:
    """A row per outcome in focus: a circle to tick, its last value and target, a value field."""
    a, s = sheet.area, sheet.s
    sheet.heading(
        f"Outcomes in focus · {len(report.focus)}", NodeKind.OUTCOME, "a check-in due on each"
    )
    if not report.focus:
        sheet.text(
            a.x,
            sheet.y + s * 0.3,
            a.w,
            s * 0.9,
            "None in focus yet: which results should this week move?",
            palette.MUTED,
        )
        sheet.y += s * 0.9 * LINE + s * 0.6
        return
    b = s * 0.9
    for f in rows:
        top = sheet.y + s * 0.35
        sheet.swatches.append(
            Swatch(Rect(a.x, top + (s * LINE - b) / 2, b, b), kind=NodeKind.OUTCOME)
        )
        x = a.x + b + s * 0.6
        state = "checked in this week" if not f.checkin_due else "check-in due"
        state_w = sheet.measure.width(state, s, True)
        sheet.text(
            a.right - state_w,
            top,
            state_w,
            s,
            state,
            palette.MUTED if not f.checkin_due else _DUE,
            True,
            "right",
        )
        width = a.right - state_w - s - x
        sheet.text(x, top, width, s, sheet.measure.elide(f.title, s, width), palette.INK)
        unit = f" {f.unit}" if f.unit else ""
        parts = []
        if f.latest is not None:
            day = dt.date.fromisoformat(f.latest.date)
            parts.append(f"last {f.latest.value:g}{unit} on {day.day} {day:%b}")
        if f.target is not None:
            parts.append(f"target {f.target:g}{unit}")
        reach = f"{f.planned_hours:.1f}".removesuffix(".0") + " h of the plan reach it"
        parts.append(reach if f.planned_hours else "no planned hours reach it")
        small = sheet.small(0.8)
        field_w = s * 8
        sheet.text(
            x, top + s * LINE, a.right - field_w - s - x, small, " · ".join(parts), palette.MUTED
        )
        field = Rect(a.right - field_w, top + s * LINE - s * 0.05, field_w, small * LINE + s * 0.3)
        sheet.panels.append((NodeKind.OUTCOME, field))
        sheet.text(
            field.x + s * 0.4, field.y + s * 0.15, field_w - s * 0.8, small, "value", palette.FAINT
        )
        sheet.y = top + s * LINE + small * LINE + s * 0.8
        sheet.rules.append((x, a.right, sheet.y))
    if hidden:
        sheet.more(x, f"… and {hidden} more in focus (see Rolemap).")


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
