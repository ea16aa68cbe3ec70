"""The dashboard's pyqtgraph charts: stacked weekly bars, horizontal bars, lines.

Imported only when the Dashboard tab is first shown (pyqtgraph costs ~860 ms).
Each chart is a `GraphicsLayoutWidget` holding a plot and, beside it, its
legend (outside the bars, so nothing overlaps). Bars are `BarGraphItem`s, one
per series, kept in `bars` by series name so tests can read their heights.
Every bar also records a hit rectangle: hovering shows its numbers, clicking
emits the Track filter behind it.

Signals:
    bar_clicked(dict): the Track filter of the bar under a left click.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFontMetrics, QGuiApplication, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QToolTip

from rolemap.dashboard.data import Filter

PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
GREY = "#8c8c8c"
PLAN_OUTLINE = "#6b7280"  # the planned hours: an outline, not a fill
PLAN_ACTUAL = "#4e79a7"
NAMED_GAPS = 14  # up to a quarter's weeks, a week without a plan is labelled "no plan"


@dataclass(frozen=True)
class Hit:
    """A bar's rectangle in data coordinates, its hover text and its Track filter."""

    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    filter: Filter

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and min(self.y0, self.y1) <= y <= max(self.y0, self.y1)


class Chart(pg.GraphicsLayoutWidget):  # type: ignore[misc]
    """A titled plot with an outside legend, hover numbers, click-through and export."""

    bar_clicked = Signal(dict)

    def __init__(self, title: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.title = title
        self.setAccessibleName(title)
        self.setBackground(self.palette().color(self.backgroundRole()))
        self.ci.setContentsMargins(4, 4, 4, 4)
        self.plot = self.addPlot(row=0, col=0, title=title)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.2)
        # Below the plot, in columns: never over the bars, never squeezing the plot.
        self.legend = pg.LegendItem(
            offset=None,
            labelTextColor=self._text_colour(),
            labelTextSize="8pt",
            colCount=3,
            verSpacing=-4,
        )
        self.ci.addItem(self.legend, row=1, col=0)
        # Below the legend: what the chart leaves out, and why (empty: no row shown).
        self.note = pg.LabelItem("", size="8pt", color=self._text_colour(), justify="left")
        self.ci.addItem(self.note, row=2, col=0)
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.hits: list[Hit] = []
        self.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)
        # Our own export entries replace pyqtgraph's "Export…" dialog, whose SVG
        # path fails with Qt 6.11 (see _save_svg).
        self.scene().contextMenu = []
        menu = self.plot.getViewBox().menu
        menu.addSeparator()
        menu.addAction("Copy as image", self.copy_image)
        menu.addAction("Save as PNG…", lambda: self.save_as("png"))
        menu.addAction("Save as SVG…", lambda: self.save_as("svg"))

    def _text_colour(self) -> QColor:
        return QColor(self.palette().color(self.foregroundRole()))

    def clear_chart(self) -> None:
        """Remove every series, legend entry, hit and note; the title back to the chart's own."""
        self.plot.clear()
        self.legend.clear()
        self.bars.clear()
        self.hits.clear()
        self.set_note("")
        if self.plot.titleLabel.text != self.title:
            self.plot.setTitle(self.title)  # a role before may have had it say otherwise

    def set_note(self, text: str) -> None:
        """A line under the legend ("Not shown, no target: Morale"); "" for none."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.note.setMaximumHeight(1e6 if text else 0)

    @property
    def note_text(self) -> str:
        """The note under the legend ("" when none)."""
        return str(self.note.text)

    def add_bars(
        self, name: str, colour: str | tuple[int, ...], legend: bool = True, **opts: object
    ) -> None:
        """Add one series of bars (BarGraphItem options), with a legend entry."""
        item = pg.BarGraphItem(pen=pg.mkPen(colour), brush=pg.mkBrush(colour), **opts)
        self.plot.addItem(item)
        self.bars[name] = item
        if legend:
            self.legend.addItem(item, name)
            # Long names get two columns so the legend never runs past the plot.
            longest = max(len(label.text) for _, label in self.legend.items)
            self.legend.setColumnCount(2 if longest > 18 else 3)

    def add_reference(self, y: float, label: str, colour: str = GREY) -> None:
        """A dashed horizontal line with a label (a baseline, a target)."""
        line = pg.InfiniteLine(
            pos=y, angle=0, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine),
            label=label, labelOpts={"position": 0.02, "color": colour, "anchors": [(0, 1), (0, 1)]},
        )  # fmt: skip
        self.plot.addItem(line)

    # -- export ----------------------------------------------------------------------

    def copy_image(self) -> None:
        """Put the chart on the clipboard as an image."""
        QGuiApplication.clipboard().setImage(self.grab().toImage())

    def save_as(self, kind: str, path: str | None = None) -> None:
        """Save the chart as PNG or SVG (asks where when `path` is None)."""
        if path is None:
            caption = f"Save chart as {kind.upper()}"
            path, _ = QFileDialog.getSaveFileName(
                self, caption, f"{self.objectName()}.{kind}", f"{kind.upper()} (*.{kind})"
            )
            if not path:
                return
        if kind == "svg":
            self._save_svg(path)
        else:
            exporters.ImageExporter(self.ci).export(path)

    def _save_svg(self, path: str) -> None:
        # pyqtgraph 0.14's SVGExporter fails on the "Z" that Qt 6.11 writes in clip
        # paths; Qt's own SVG generator renders the same scene as vectors.
        source = self.ci.sceneBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(self.plot.titleLabel.text)
        painter = QPainter(generator)
        try:
            self.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()

    # -- hover and click ---------------------------------------------------------------

    def hit_at(self, scene_pos: QPointF) -> Hit | None:
        """The bar under a scene position, if any."""
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.getViewBox().mapSceneToView(scene_pos)
        for hit in self.hits:
            if hit.contains(point.x(), point.y()):
                return hit
        return None

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        hit = self.hit_at(scene_pos)
        if hit is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), hit.text, self)

    def _on_scene_mouse_clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        hit = self.hit_at(event.scenePos())  # type: ignore[attr-defined]
        if hit is not None and hit.filter:
            self.bar_clicked.emit(dict(hit.filter))


# -- helpers used by the concrete charts ---------------------------------------------------


def week_ticks(weeks: list[dt.date]) -> list[tuple[float, str]]:
    """X-axis labels for weekly bars: every week, or every n-th when there are many."""
    step = max(1, (len(weeks) + 11) // 12)
    return [(i, f"{w.day} {w:%b}") for i, w in enumerate(weeks) if i % step == 0]


def whole_step(top: float, most: int = 6) -> int:
    """A whole tick step (1, 2, 5, 10, 20, …) giving at most `most` ticks up to `top`."""
    step = 1
    while top / step > most:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = int(step * factor)
            if top / step <= most:
                break
    return step


def hours_text(hours: float) -> str:
    """Hours the way people read them: "6.5 h"."""
    return f"{hours:.1f} h"


class StackedWeeksChart(Chart):
    """Weekly bars stacked by series (hours by category, deliveries by output)."""

    def show_series(
        self,
        weeks: list[dt.date],
        series: list[tuple[str, str, list[float]]],
        unit: str,
        filters: list[list[Filter]],
        legend: bool = True,
        whole: bool = False,
    ) -> None:
        """Draw `series` as (name, colour, value per week), stacked in that order.

        `whole`: the values are counts, so the axis ticks whole numbers only.
        """
        self.clear_chart()
        x = list(range(len(weeks)))
        below = [0.0] * len(weeks)
        for (name, colour, values), series_filters in zip(series, filters, strict=True):
            self.add_bars(name, colour, legend, x=x, height=values, y0=list(below), width=0.7)
            for i, value in enumerate(values):
                if value > 0:
                    amount = hours_text(value) if unit == "h" else f"{value:g}"
                    text = f"{name}\nweek of {weeks[i]:%d %b %Y}: {amount}"
                    self.hits.append(
                        Hit(i - 0.35, i + 0.35, below[i], below[i] + value, text, series_filters[i])
                    )
                below[i] += value
        self.plot.getAxis("bottom").setTicks([week_ticks(weeks)])
        self.plot.setLabel("left", "hours" if unit == "h" else unit)
        self.plot.setXRange(-0.6, len(weeks) - 0.4, padding=0)
        top = max(below, default=1.0)
        self.plot.setYRange(0, top * 1.08 or 1.0, padding=0)
        axis = self.plot.getAxis("left")
        if whole:  # "1.5 deliveries" means nothing: ticks (and grid lines) on whole numbers
            axis.setTickSpacing(levels=[(whole_step(top), 0)])
        else:
            axis.setTickSpacing()


class PlanWeeksChart(Chart):
    """Planned and actual hours of the weeks that have a plan, on the period's week axis:
    the plan an outline bar, the actual a filled bar inside it (the legend says which is
    which, and the fill does too: colour is not the only cue)."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__(title, name)
        self.gap_labels: list[int] = []  # the weeks labelled "no plan"

    def show_weeks(
        self,
        weeks: list[dt.date],
        columns: list[int],
        planned: list[float],
        actual: list[float],
        texts: list[str],
        filters: list[Filter],
    ) -> None:
        """Bars at the week `columns` (indices into `weeks`) with their hover texts and the
        click filters ({"week": "2026-W45"})."""
        self.clear_chart()
        outline = pg.mkPen(PLAN_OUTLINE, width=2)
        item = pg.BarGraphItem(
            x=columns, height=planned, width=0.74, pen=outline, brush=pg.mkBrush(None)
        )
        self.plot.addItem(item)
        self.bars["Planned"] = item
        self.legend.addItem(item, "Planned (outline)")
        self.add_bars("Actual", PLAN_ACTUAL, x=columns, height=actual, width=0.44)
        for column, plan, done, text, week in zip(
            columns, planned, actual, texts, filters, strict=True
        ):
            top = max(plan, done, 0.5)  # an empty week can still be hovered and clicked
            self.hits.append(Hit(column - 0.37, column + 0.37, 0, top, text, week))
        if len(weeks) <= NAMED_GAPS:  # an empty column says why, where there is room
            for gap in sorted(set(range(len(weeks))) - set(columns)):
                label = pg.TextItem("no plan", color=GREY, anchor=(0.5, 1.0))
                label.setPos(gap, 0)
                self.plot.addItem(label)
                self.gap_labels.append(gap)
        self.plot.getAxis("bottom").setTicks([week_ticks(weeks)])
        self.plot.setLabel("left", "hours")
        self.plot.setXRange(-0.6, len(weeks) - 0.4, padding=0)

    def clear_chart(self) -> None:
        super().clear_chart()
        self.gap_labels = []

    def set_top(self, top: float) -> None:
        """The hours axis from 0 to a little above `top`."""
        self.plot.setYRange(0, top * 1.1 or 1.0, padding=0)


class HorizontalBarsChart(Chart):
    """Labelled horizontal bars, one row per name (hours per outcome; plan vs actual)."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__(title, name)
        self.plot.getViewBox().invertY(True)
        self.plot.getAxis("left").setWidth(180)
        # Show every row's label: the default drops labels once text fills 20 % of the axis.
        self.plot.getAxis("left").setStyle(textFillLimits=[(0, 1.0)])
        self.plot.showGrid(x=True, y=False, alpha=0.2)

    def set_rows(self, labels: list[str], x_label: str, x_max: float) -> None:
        """Row labels top to bottom and the x axis."""
        axis = self.plot.getAxis("left")
        shown = [_elide(t) for t in labels]
        axis.setTicks([list(enumerate(shown))])
        # Wide enough for the longest label: a label that does not fit is dropped.
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        axis.setWidth(min(260, max((metrics.horizontalAdvance(t) for t in shown), default=0) + 24))
        self.plot.setLabel("bottom", x_label)
        self.plot.setYRange(-0.6, len(labels) - 0.4, padding=0)
        self.plot.setXRange(0, x_max * 1.08 or 1.0, padding=0)


def _elide(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LinesChart(Chart):
    """Lines over dates (outcome progress), with a date axis and reference lines."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__(title, name)
        self.plot.setAxisItems({"bottom": pg.DateAxisItem()})
        self.lines: dict[str, pg.PlotDataItem] = {}

    def clear_chart(self) -> None:
        super().clear_chart()
        self.lines = {}

    def add_line(self, name: str, colour: str, xs: list[float], ys: list[float]) -> pg.PlotDataItem:
        """One line with point markers and a legend entry."""
        item = self.plot.plot(
            xs, ys, pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=7,
            symbolBrush=colour, symbolPen=colour, name=None,
        )  # fmt: skip
        self.legend.addItem(item, name)
        self.lines[name] = item
        return item
