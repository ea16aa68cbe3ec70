"""What the printed week is for: the outputs to deliver and the outcomes in focus.

An output intended this week gets a box per delivery (filled: delivered),
its day and the activities that feed it; an outcome in focus gets a circle
to tick, its last value and target, and a field to write this week's value
in. Both lists may arrive shortened (`week_page` leaves rows off to fit the
page) and then say how many more there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rolemap.domain.kinds import NodeKind
from rolemap.domain.week_report import FocusLine, OutputLine, WeekReport
from rolemap.render import palette
from rolemap.render.page import Rect
from rolemap.render.shapes import LINE, Swatch
from rolemap.render.week_sheet import Sheet

_DUE = palette.KIND_ACCENT[NodeKind.OUTCOME]


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
