"""The week on one page, portrait, as a checklist to pin up: through the diagram's painter.

`compose_week` lays a `WeekReport` out as the same texts, hairlines, panels
and swatches the one-page diagram is made of (render/shapes.py), so
`writers.write` prints it to PDF or PNG unchanged. From the top: the week and
the role; the seven days with the outputs due on each; the activities with a
box to tick for each planned hour (hours logged so far are filled); the plan
against the ideal allocation; the outputs to deliver; the outcomes in focus
with their check-in; the plan check; lines for notes.

Everything is placed at one type size, the largest (9.5 pt down to 7 pt; no
text under the page minimum of 6 pt) at which the week fits with room for a
few lines of notes. A week that still does not fit leaves rows off, from the
list that takes the most room (activities with the fewest planned hours
first), says so on the page, and lists it in the composition's notes. The
sections themselves are in render/week_sections.py (the title, the days, the
plan check, the notes), render/week_hours.py (the activities, the balance)
and render/week_results.py (the outputs, the outcomes in focus).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from rolemap.domain.week_report import ActivityLine, FocusLine, OutputLine, WeekReport
from rolemap.render import palette, week_hours, week_results, week_sections
from rolemap.render.metrics import TextMeasure
from rolemap.render.page import PageSetup
from rolemap.render.shapes import LINE, Composition
from rolemap.render.week_sheet import Sheet

SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
NOTE_LINES = 3  # at least this many ruled lines for notes, or the page is too full


@dataclass(frozen=True)
class _Cut:
    """What of the week goes on the page: activities (most planned hours first), outputs and
    outcomes in focus, each list possibly shortened, and how much was left off."""

    activities: tuple[ActivityLine, ...]
    outputs: tuple[OutputLine, ...]
    focus: tuple[FocusLine, ...]
    hidden_activities: tuple[ActivityLine, ...] = ()
    hidden_outputs: int = 0
    hidden_focus: int = 0

    @classmethod
    def whole(cls, report: WeekReport) -> _Cut:
        ranked = sorted(report.planned_lines, key=lambda a: -a.planned_hours)
        return cls(tuple(ranked), report.outputs, report.focus)

    def shorter(self) -> _Cut | None:
        """One row less from the list that takes the most room (None: nothing left to cut)."""
        costs = [
            (len(self.activities) * 1.0, 0),
            (len(self.outputs) * 1.7, 1),
            (len(self.focus) * 1.9, 2),
        ]
        for _, which in sorted(costs, reverse=True):
            if which == 0 and len(self.activities) > 1:
                return replace(
                    self,
                    activities=self.activities[:-1],
                    hidden_activities=(self.activities[-1], *self.hidden_activities),
                )
            if which == 1 and len(self.outputs) > 1:
                return replace(
                    self, outputs=self.outputs[:-1], hidden_outputs=self.hidden_outputs + 1
                )
            if which == 2 and len(self.focus) > 1:
                return replace(self, focus=self.focus[:-1], hidden_focus=self.hidden_focus + 1)
        return None

    def in_map_order(self, report: WeekReport) -> list[ActivityLine]:
        order = {a.activity_id: i for i, a in enumerate(report.activities)}
        return sorted(self.activities, key=lambda a: order.get(a.activity_id, 0))

    @property
    def notes(self) -> tuple[str, ...]:
        left = [
            (len(self.hidden_activities), "activities with the fewest planned hours"),
            (self.hidden_outputs, "intended outputs"),
            (self.hidden_focus, "outcomes in focus"),
        ]
        parts = [f"{n} {what}" for n, what in left if n]
        return (f"Left off to fit one page: {', '.join(parts)}.",) if parts else ()


def compose_week(
    report: WeekReport,
    page: PageSetup | None = None,
    *,
    today: dt.date | None = None,
    measure: TextMeasure | None = None,
) -> Composition:
    """The week's page (portrait A4 by default); needs a QGuiApplication to measure text."""
    page = page or PageSetup("a4", landscape=False)
    measure = measure or TextMeasure()
    today = today or report.today or dt.date.today()
    cut: _Cut | None = _Cut.whole(report)
    for size in SIZES:
        assert cut is not None
        sheet = _place(report, page, size, cut, today, measure)
        if sheet is not None:
            return _composition(page, sheet)
    last = cut
    while cut is not None:
        last = cut
        sheet = _place(report, page, SIZES[-1], cut, today, measure)
        if sheet is not None:
            return _composition(page, sheet, cut.notes)
        cut = cut.shorter()
    assert last is not None
    sheet = _place(report, page, SIZES[-1], last, today, measure, force=True)
    assert sheet is not None
    return _composition(page, sheet, last.notes)


def _composition(page: PageSetup, sheet: Sheet, notes: tuple[str, ...] = ()) -> Composition:
    return Composition(
        page,
        tuple(sheet.texts),
        tuple(sheet.rules),
        tuple(sheet.panels),
        swatches=tuple(sheet.swatches),
        notes=notes,
    )


def _place(
    report: WeekReport,
    page: PageSetup,
    s: float,
    cut: _Cut,
    today: dt.date,
    measure: TextMeasure,
    *,
    force: bool = False,
) -> Sheet | None:
    """Everything at body size `s`; None when it does not fit (unless `force`)."""
    area = page.printable
    sheet = Sheet(area, s, measure, area.y)
    footer_top = area.bottom - sheet.small(0.78) * LINE
    week_sections.title(sheet, report, today)
    week_sections.days(sheet, report)
    week_hours.activities(sheet, report, cut.in_map_order(report), list(cut.hidden_activities))
    week_hours.balance(sheet, report)
    week_results.outputs(sheet, report, cut.outputs, cut.hidden_outputs)
    week_results.focus(sheet, report, cut.focus, cut.hidden_focus)
    week_sections.findings(sheet, report)
    room = footer_top - s * 1.2 - sheet.y
    pitch = s * 2.1
    if room < (s * 1.5 + s * 1.3 + NOTE_LINES * pitch) and not force:
        return None
    week_sections.notes(sheet, report, footer_top - s * 1.2)
    stamp = f"Rolemap · {report.week.name} · printed {today.day} {today:%B %Y}"
    sheet.text(area.x, footer_top, area.w, sheet.small(0.78), stamp, palette.MUTED)
    sheet.text(
        area.x,
        footer_top,
        area.w,
        sheet.small(0.78),
        "Tick a box for each hour spent and each output delivered.",
        palette.MUTED,
        False,
        "right",
    )
    return sheet
