"""FlowChart: hours flowing from categories through activities and outputs to outcomes.

A Sankey-style picture drawn inside a pyqtgraph plot (so the same exporters
and context menu work): four columns of node bars whose heights are hours,
and bands between them whose widths are the hours that flow that way. Items
carry their Track filter key; a click on a band or a node emits it.

Labels are drawn at screen size, so the plot's range is fitted to them in
pixels whenever the chart changes size: the categories' labels left of the
first column and the outcomes' right of the last always fit, however narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
)

from rolemap.dashboard.charts import Chart, hours_text
from rolemap.dashboard.data import Flow

COLUMN_TITLES = ("Categories", "Activities", "Outputs", "Outcomes")
NODE_WIDTH = 0.05
GAP_SHARE = 0.04  # gap between nodes, as a share of the tallest column
KEY = 0  # QGraphicsItem data slot holding the filter key
PLACE = 1  # … and a label's place: "left" of the first column, "right" of the last, "side", "title"
LABEL_GAP = 3.0  # px between a node and its label
EDGE = 6.0  # px kept clear at the plot's edges


class FlowChart(Chart):
    """The Sankey chart; `bands` maps "source>target" keys to their path items."""

    def __init__(self, title: str, name: str) -> None:
        super().__init__(title, name)
        self.plot.getViewBox().invertY(True)
        for axis in ("left", "bottom"):
            self.plot.hideAxis(axis)
        self.plot.showGrid(x=False, y=False)
        self.flow: Flow | None = None
        self.band_items: dict[str, QGraphicsPathItem] = {}
        self.node_items: dict[str, QGraphicsRectItem] = {}
        self.label_items: list[QGraphicsSimpleTextItem] = []
        self._group: QGraphicsRectItem | None = None
        self._bottom = 1.0
        self.plot.getViewBox().sigResized.connect(self._fit_range)

    def clear_chart(self) -> None:
        super().clear_chart()
        self.band_items = {}
        self.node_items = {}
        self.label_items = []
        self._group = None

    def show_flow(self, flow: Flow) -> None:
        """Draw the flow.

        Every shape and label is a plain Qt item under one group that is added to
        the plot once: pyqtgraph's per-item bookkeeping would cost ~1 ms an item.
        """
        self.clear_chart()
        self.flow = flow
        group = QGraphicsRectItem()  # an invisible parent, added to the plot once
        group.setPen(QPen(Qt.PenStyle.NoPen))
        tallest = max(sum(n[3] for n in column) for column in flow.columns if column)
        gap = tallest * GAP_SHARE
        places: dict[str, tuple[float, float, float]] = {}  # key → x, top, hours
        text_colour = self._text_colour()
        backdrop = QColor(self.palette().color(self.backgroundRole()))
        backdrop.setAlpha(170)
        for index, column in enumerate(flow.columns):
            top = 0.0
            for key, label, colour, hours in column:
                places[key] = (float(index), top, hours)
                rect = QGraphicsRectItem(
                    QRectF(index - NODE_WIDTH / 2, top, NODE_WIDTH, hours), group
                )
                rect.setBrush(QBrush(QColor(colour)))
                rect.setPen(QPen(Qt.PenStyle.NoPen))
                rect.setData(KEY, key)
                rect.setToolTip(f"{label}: {hours_text(hours)}")
                rect.setZValue(2)
                self.node_items[key] = rect
                side = -1 if index == 0 else 1
                text = _label(group, _short(label), index + side * NODE_WIDTH / 2,
                              top + hours / 2, side, text_colour, backdrop)  # fmt: skip
                last = index == len(flow.columns) - 1
                text.setData(PLACE, "left" if side < 0 else "right" if last else "side")
                self.label_items.append(text)
                top += hours + gap
            if column:
                self.label_items.append(
                    _label(group, COLUMN_TITLES[index], index, 0.0, 0, text_colour, None)
                )
        out_used = {key: 0.0 for key in places}
        in_used = {key: 0.0 for key in places}
        # Bands leave a node in the order of their targets, top to bottom, so few cross.
        for source, target, hours in sorted(
            flow.bands, key=lambda b: (places[b[0]][1], places[b[1]][1])
        ):
            sx, stop, _ = places[source]
            tx, ttop, _ = places[target]
            y0 = stop + out_used[source]
            y1 = ttop + in_used[target]
            out_used[source] += hours
            in_used[target] += hours
            path = _band(sx + NODE_WIDTH / 2, y0, tx - NODE_WIDTH / 2, y1, hours)
            item = QGraphicsPathItem(path, group)
            fill = QColor(self.node_items[source].brush().color())
            fill.setAlpha(110)
            item.setBrush(QBrush(fill))
            item.setPen(QPen(Qt.PenStyle.NoPen))
            band_key = f"{source}>{target}"
            item.setData(KEY, band_key)
            item.setToolTip(f"{_name(flow, source)} → {_name(flow, target)}: {hours_text(hours)}")
            self.band_items[band_key] = item
        self.plot.addItem(group)
        self._group = group
        self._bottom = tallest + gap * max(len(c) for c in flow.columns)
        self._fit_range()

    def _fit_range(self, *_args: object) -> None:
        """Fit the plot's range to the labels' size in pixels (see the module docstring)."""
        if self._group is None or self.flow is None:
            return
        view = self.plot.getViewBox()
        width, height = view.width(), view.height()
        if width <= 0 or height <= 0:
            return
        left = _widest(self.label_items, "left") + LABEL_GAP + EDGE
        right = _widest(self.label_items, "right") + LABEL_GAP + EDGE
        # The middle columns' labels sit right of their bars, over the bands: the last
        # column's must fit too, and the column titles are centred over the bars.
        core = (len(COLUMN_TITLES) - 1) + NODE_WIDTH
        per_unit = max(1e-6, (width - left - right) / core)
        x0 = -NODE_WIDTH / 2 - left / per_unit
        x1 = (len(COLUMN_TITLES) - 1) + NODE_WIDTH / 2 + right / per_unit
        title = (
            max(
                (t.boundingRect().height() for t in self.label_items if t.data(PLACE) == "title"),
                default=0.0,
            )
            + EDGE
        )
        per_hour = max(1e-6, (height - title - EDGE) / self._bottom)
        self.plot.setXRange(x0, x1, padding=0)
        self.plot.setYRange(-title / per_hour, self._bottom + EDGE / per_hour, padding=0)

    def _on_scene_mouse_clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.flow is None:  # type: ignore[attr-defined]
            return
        for item in self.scene().items(event.scenePos()):  # type: ignore[attr-defined]
            key = item.data(KEY)
            if isinstance(key, str) and self.flow.filters.get(key):
                self.bar_clicked.emit(dict(self.flow.filters[key]))
                return

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        """Tooltips come from the items themselves."""


def _band(x0: float, y0: float, x1: float, y1: float, width: float) -> QPainterPath:
    mid = (x0 + x1) / 2
    path = QPainterPath(QPointF(x0, y0))
    path.cubicTo(QPointF(mid, y0), QPointF(mid, y1), QPointF(x1, y1))
    path.lineTo(x1, y1 + width)
    path.cubicTo(QPointF(mid, y1 + width), QPointF(mid, y0 + width), QPointF(x0, y0 + width))
    path.closeSubpath()
    return path


def _label(
    parent: QGraphicsItem,
    text: str,
    x: float,
    y: float,
    side: int,
    colour: QColor,
    backdrop: QColor | None,
) -> QGraphicsSimpleTextItem:
    """A label at (x, y) in data units, drawn at screen size: left of the point
    (side −1), right of it (1) or centred above it (0)."""
    item = QGraphicsSimpleTextItem(text, parent)
    item.setBrush(QBrush(colour))
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setZValue(4)
    item.setPos(x, y)
    item.setData(PLACE, "title" if side == 0 else "side")
    box = item.boundingRect()
    dx = {-1: -box.width() - LABEL_GAP, 1: LABEL_GAP, 0: -box.width() / 2}[side]
    dy = -box.height() if side == 0 else -box.height() / 2
    item.setTransform(QTransform.fromTranslate(dx, dy))
    if backdrop is not None:
        back = QGraphicsRectItem(box.adjusted(-2, 0, 2, 0), item)
        back.setBrush(QBrush(backdrop))
        back.setPen(QPen(Qt.PenStyle.NoPen))
        back.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
    return item


def _widest(labels: list[QGraphicsSimpleTextItem], place: str) -> float:
    return max((t.boundingRect().width() for t in labels if t.data(PLACE) == place), default=0.0)


def _name(flow: Flow, key: str) -> str:
    for column in flow.columns:
        for node_key, label, _, _ in column:
            if node_key == key:
                return label
    return key


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
