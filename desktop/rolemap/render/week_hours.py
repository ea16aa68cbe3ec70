"""The printed week's hours: a row per planned activity, and the plan's balance.

Each activity gets its category colour, its title, its planned hours and a
box per planned hour to tick (filled: hours logged so far), then the week's
total against the capacity; the balance section sets the plan's share per
category against the ideal allocation. Both read the hours side of the
`WeekReport`; `week_page` places them after the days.
"""

from __future__ import annotations

import math

from rolemap.domain.kinds import NodeKind
from rolemap.domain.plan_check import hours_text, percent
from rolemap.domain.week_report import ActivityLine, WeekReport
from rolemap.render import palette
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, Swatch
from rolemap.render.week_sheet import Sheet


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
