"""WelcomePage: the framework in three sentences, the four steps with the person's progress,
and the template library: a page of the window (a tab), never a modal dialog.

The page only shows and reports: what it shows comes in through `show_steps`
(the steps are judged in `domain/getting_started.py` from the store's facts,
and the links are chosen by `ui/getting_started.py`, which knows the window),
and what the person picks goes out as signals.

Signals:
    link_activated(str): a step's link was followed: "tab:<name>", "action:<object name>"
        or "role" (the role's own fields).
    template_chosen(str): a template of the library ("blank" for a blank role).
    example_kept(): the person keeps the example and goes to its map.
    dismiss_requested(): the page's own close button.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.getting_started import Check, Step, StepState
from rolemap.domain.kinds import NodeKind
from rolemap.services.templates import Template

ACCENT = {  # the map's lane colours (canvas/style.py)
    NodeKind.ACTIVITY: "#3b6ea5",
    NodeKind.OUTPUT: "#2e8b57",
    NodeKind.OUTCOME: "#d9822b",
}
# The framework in three sentences, one per lane, in the map's order and colours.
SENTENCES = (
    (
        NodeKind.ACTIVITY,
        "Activities are what you spend your time on: meetings, reviews, planning, making. "
        "Each one earns its hours only by leading to an output or an outcome.",
    ),
    (
        NodeKind.OUTPUT,
        "Outputs are the tangible things you make that others can use: a design, an "
        "analysis, a shipped change, the evidence your work leaves behind.",
    ),
    (
        NodeKind.OUTCOME,
        "Outcomes are the measurable results that matter to the organisation; they lag, "
        "so you steer by the activities and outputs that move them.",
    ),
)
STATE_COLOURS = {  # text, fill
    StepState.DONE: ("#1e6b34", "#e3f3e7"),
    StepState.UNDER_WAY: ("#7a4d00", "#fcefd6"),
    StepState.NOT_STARTED: ("#4f5b69", "#e9edf2"),
}
DONE_MARK = "#2e8b57"
OPEN_MARK = "#8a94a3"
CONTENT_WIDTH = 1120  # px: past this the page keeps a readable measure, centred
STACK_BELOW = 900  # px: narrower than this, the two columns stack
TITLE_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


class WelcomePage(QScrollArea):
    """The welcome page; see the module docstring."""

    link_activated = Signal(str)
    template_chosen = Signal(str)
    example_kept = Signal()
    dismiss_requested = Signal()

    def __init__(self, templates: Sequence[Template], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome-page")
        self.setAccessibleName("Welcome to Rolemap")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._chosen: str | None = None  # a template chosen this turn (see _on_template_item)

        content = QWidget()
        content.setObjectName("welcome-content")
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 28, 32, 32)
        column.setSpacing(18)
        column.addLayout(self._header())
        column.addLayout(self._sentences())

        self.steps_heading = _label("", "welcome-steps-heading", scale=1.25, bold=True)
        self.steps_note = _label("", "welcome-steps-note", muted=True)
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(10)
        self.step_cards: list[StepCard] = [StepCard(number) for number in range(1, 5)]
        for card in self.step_cards:
            card.link_activated.connect(self.link_activated)
            self.steps_box.addWidget(card)
        steps = QVBoxLayout()
        steps.setSpacing(6)
        steps.addWidget(self.steps_heading)
        steps.addWidget(self.steps_note)
        steps.addSpacing(4)
        steps.addLayout(self.steps_box)
        steps.addStretch(1)

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(28)
        self.columns.addLayout(steps, 3)
        self.columns.addLayout(self._start_column(templates), 2)
        column.addLayout(self.columns)
        column.addStretch(1)

        outer = QWidget()
        centring = QHBoxLayout(outer)
        centring.setContentsMargins(0, 0, 0, 0)
        centring.addStretch(0)
        centring.addWidget(content, 1)
        centring.addStretch(0)
        self.setWidget(outer)
        self._fit_columns(self.width())

    # -- parts --------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        title = _label("Welcome to Rolemap", "welcome-title", scale=1.9, bold=True)
        tagline = _label(
            "Map your job as activities → outputs → outcomes, see where the hours really "
            "go, and keep the role on one page.",
            "welcome-tagline",
            scale=1.1,
            muted=True,
        )
        words = QVBoxLayout()
        words.setSpacing(4)
        words.addWidget(title)
        words.addWidget(tagline)
        self.close_button = LinkButton("Close this page")
        self.close_button.setObjectName("welcome-close")
        self.close_button.setToolTip("It stays in Help → Getting started")
        self.close_button.clicked.connect(self.dismiss_requested)
        header = QHBoxLayout()
        header.addLayout(words, 1)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _sentences(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        for index, (kind, sentence) in enumerate(SENTENCES):
            if index:
                arrow = _label("→", "", scale=1.6, muted=True)
                arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
                arrow.setAccessibleName("leads to")
                row.addWidget(arrow)
            row.addWidget(LaneCard(kind, sentence), 1)
        return row

    def _start_column(self, templates: Sequence[Template]) -> QVBoxLayout:
        heading = _label("Start from a role like yours", "welcome-start-heading", 1.25, True)
        self.example_text = _label("", "welcome-example-text")
        self.keep_button = QPushButton("Keep the example")
        self.keep_button.setObjectName("welcome-keep-example")
        self.keep_button.setToolTip("Go to the example's map and explore it")
        self.keep_button.clicked.connect(self.example_kept)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_button)
        keep_row.addStretch(1)
        intro = _label(
            "Or begin with one of these roles, written out in full: activities with "
            "planned hours, scored outputs, outcomes with baselines and targets. "
            "It becomes a copy of your own to change.",
            "welcome-templates-intro",
            muted=True,
        )
        self.templates = QListWidget()
        self.templates.setObjectName("welcome-templates")
        self.templates.setAccessibleName("Role templates")
        self.templates.setItemDelegate(TemplateDelegate(self.templates))
        self.templates.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.templates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.templates.setMouseTracking(True)
        self.templates.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        for template in templates:
            item = QListWidgetItem(template.title)
            item.setData(TITLE_ROLE, template.key)
            item.setData(SUMMARY_ROLE, template.summary)
            item.setToolTip(template.summary)
            self.templates.addItem(item)
        self.templates.itemClicked.connect(self._on_templates_item_chosen)
        self.templates.itemActivated.connect(self._on_templates_item_chosen)
        blank = LinkButton("Blank role…")
        blank.setObjectName("welcome-blank")
        blank.clicked.connect(lambda: self.template_chosen.emit("blank"))
        from_file = LinkButton("Import a file…")
        from_file.setObjectName("welcome-import")
        from_file.clicked.connect(lambda: self.link_activated.emit("action:import-json"))
        others = QHBoxLayout()
        others.setSpacing(14)
        others.addWidget(_label("Or start", "", muted=True))
        others.addWidget(blank)
        others.addWidget(from_file)
        others.addStretch(1)
        start = QVBoxLayout()
        start.setSpacing(8)
        start.addWidget(heading)
        start.addWidget(self.example_text)
        start.addLayout(keep_row)
        start.addSpacing(6)
        start.addWidget(intro)
        start.addWidget(self.templates)
        start.addLayout(others)
        start.addStretch(1)
        return start

    # -- what it shows --------------------------------------------------------------------

    def show_steps(
        self,
        role_name: str,
        steps: Sequence[Step],
        links: Mapping[str, Sequence[tuple[str, str]]],
        *,
        example: bool = False,
    ) -> None:
        """Show the four steps of the role called `role_name`.

        Args:
            role_name: the current role's name.
            steps: the four steps, as `domain.getting_started.four_steps` judges them.
            links: step key → (text, target) of the links to where the step is done.
            example: whether the role is the example (then "Keep the example" is offered).
        """
        done = sum(step.state is StepState.DONE for step in steps)
        self.steps_heading.setText("The framework's four steps")
        self.steps_note.setText(
            f"How far ‘{role_name}’ has come, read from its data: {done} of {len(steps)} done."
        )
        for card, step in zip(self.step_cards, steps, strict=True):
            card.show_step(step, links.get(step.key, ()))
        if example:
            self.example_text.setText(
                f"You are looking at an example: ‘{role_name}’, with four weeks of sample "
                "time, deliveries and check-ins, so that every view has something to show."
            )
        else:
            self.example_text.setText(f"The role on show is ‘{role_name}’.")
        self.keep_button.setVisible(example)

    def template_keys(self) -> list[str]:
        """The templates listed, in order."""
        return [
            str(self.templates.item(row).data(TITLE_ROLE)) for row in range(self.templates.count())
        ]

    def _on_templates_item_chosen(self, item: QListWidgetItem) -> None:
        # A click can also activate (single-click styles): one choice per turn of the loop.
        if self._chosen is None:
            self._chosen = str(item.data(TITLE_ROLE))
            QTimer.singleShot(0, self._emit_chosen)

    def _emit_chosen(self) -> None:
        key, self._chosen = self._chosen, None
        if key:
            self.template_chosen.emit(key)

    # -- size -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns(event.size().width())
        self._fit_templates()

    def _fit_columns(self, width: int) -> None:
        wanted = (
            QBoxLayout.Direction.TopToBottom
            if width < STACK_BELOW
            else QBoxLayout.Direction.LeftToRight
        )
        if self.columns.direction() != wanted:
            self.columns.setDirection(wanted)

    def _fit_templates(self) -> None:
        """The list as tall as its rows: the page scrolls, not the list."""
        rows = self.templates.count()
        height = sum(self.templates.sizeHintForRow(row) for row in range(rows))
        self.templates.setFixedHeight(height + 2 * self.templates.frameWidth() + 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_templates()


class LinkButton(QPushButton):
    """A button that reads as a link: flat, in the palette's link colour, underlined on focus."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QPushButton { border: none; padding: 1px 0; color: palette(link); text-align: left; }"
            "QPushButton:hover, QPushButton:focus { text-decoration: underline; }"
        )


class LaneCard(QFrame):
    """One of the three sentences, in its lane's colour."""

    def __init__(self, kind: NodeKind, sentence: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"welcome-{kind.value}")
        accent = QColor(ACCENT[kind])
        base = self.palette().color(QPalette.ColorRole.Base)
        self.setStyleSheet(
            f"#welcome-{kind.value} {{ background: {_mix(accent, base, 0.08).name()}; "
            f"border: 1px solid {_mix(accent, base, 0.35).name()}; "
            f"border-top: 3px solid {accent.name()}; border-radius: 6px; }}"
        )
        heading = _label(kind.lane_title, "", scale=1.15, bold=True)
        heading.setStyleSheet(f"color: {accent.name()};")
        text = _label(sentence, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)


class StepCard(QFrame):
    """One step: its number and state, what the data shows, and links to where it is done.

    Signals:
        link_activated(str): a link's target.
    """

    link_activated = Signal(str)

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"welcome-step-{number}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        base = self.palette().color(QPalette.ColorRole.Base)
        line = self.palette().color(QPalette.ColorRole.Mid)
        self.setStyleSheet(
            f"#welcome-step-{number} {{ background: {base.name()}; "
            f"border: 1px solid {_mix(line, base, 0.55).name()}; border-radius: 6px; }}"
        )
        self.badge = QLabel(str(number))
        self.badge.setObjectName("step-badge")
        self.badge.setFixedSize(28, 28)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = _label("", "step-title", scale=1.15, bold=True)
        self.state = QLabel()
        self.state.setObjectName("step-state")
        self.summary = _label("", "step-summary", muted=True)
        self.checks = _label("", "step-checks")
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.links = QHBoxLayout()
        self.links.setSpacing(16)
        self.links.addStretch(1)
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.setSpacing(5)
        body.addLayout(heading)
        body.addWidget(self.summary)
        body.addWidget(self.checks)
        body.addLayout(self.links)
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 12, 16, 12)
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.badge, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(body, 0, 1)
        grid.setColumnStretch(1, 1)
        self.step: Step | None = None

    def show_step(self, step: Step, links: Sequence[tuple[str, str]]) -> None:
        """Show `step`, with `links` ((text, target) pairs) under it."""
        self.step = step
        text, fill = STATE_COLOURS[step.state]
        done = step.state is StepState.DONE
        self.badge.setText("✓" if done else str(step.number))
        self.badge.setStyleSheet(
            f"background: {DONE_MARK if done else fill}; color: {'#ffffff' if done else text}; "
            "border-radius: 14px; font-weight: 600;"
        )
        self.badge.setAccessibleName(f"Step {step.number}, {step.state.value}")
        self.title.setText(step.title)
        self.state.setText(step.state.value.capitalize())
        self.state.setStyleSheet(
            f"background: {fill}; color: {text}; border-radius: 9px; padding: 2px 9px;"
        )
        self.summary.setText(step.summary)
        self.checks.setText("<br>".join(_check_html(check) for check in step.checks))
        self.setAccessibleName(f"Step {step.number}: {step.title} ({step.state.value})")
        while self.links.count() > 1:  # keep the closing stretch
            item = self.links.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, (label, target) in enumerate(links):
            button = LinkButton(label)
            button.setObjectName(f"step-link-{target.replace(':', '-')}")
            button.clicked.connect(lambda _=False, t=target: self.link_activated.emit(t))
            self.links.insertWidget(index, button)

    def link_targets(self) -> list[str]:
        """The targets of the links shown, in order (for tests)."""
        found = []
        for index in range(self.links.count()):
            item = self.links.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, LinkButton):
                found.append(widget.objectName().removeprefix("step-link-"))
        return found


class TemplateDelegate(QStyledItemDelegate):
    """A template's row: its title, and under it its summary cut to one line."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        return QSize(200, height * 2 + 16)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        style = option.widget.style() if option.widget is not None else None
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        if style is not None:  # the row's background: hover and selection as the style has it
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        rect: QRect = option.rect.adjusted(10, 7, -10, -7)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        title_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(title_colour)
        muted.setAlphaF(0.72)
        painter.save()
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        line = option.fontMetrics.height()
        painter.setFont(bold)
        painter.setPen(title_colour)
        painter.drawText(
            QRect(rect.x(), rect.y(), rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            str(index.data()),
        )
        painter.setFont(option.font)
        painter.setPen(muted)
        summary = option.fontMetrics.elidedText(
            str(index.data(SUMMARY_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            QRect(rect.x(), rect.y() + line + 2, rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            summary,
        )
        painter.restore()


def _check_html(check: Check) -> str:
    text = check.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if check.done is None:
        return f"<span style='color:{OPEN_MARK}'>•</span>&nbsp;&nbsp;{text}"
    if check.done:
        return f"<span style='color:{DONE_MARK}'><b>✓</b></span>&nbsp;&nbsp;{text}"
    suffix = "" if check.required else f" <span style='color:{OPEN_MARK}'>(optional)</span>"
    return f"<span style='color:{OPEN_MARK}'>○</span>&nbsp;&nbsp;{text}{suffix}"


def _label(
    text: str, name: str, scale: float = 1.0, bold: bool = False, muted: bool = False
) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        label.setFont(font)
    if muted:
        colour = label.palette().color(QPalette.ColorRole.WindowText)
        base = label.palette().color(QPalette.ColorRole.Window)
        label.setStyleSheet(f"color: {_mix(colour, base, 0.7).name()};")
    return label


def _mix(colour: QColor, base: QColor, share: float) -> QColor:
    """`colour` mixed into `base` by `share` (0: base, 1: colour)."""
    return QColor(
        round(base.red() + (colour.red() - base.red()) * share),
        round(base.green() + (colour.green() - base.green()) * share),
        round(base.blue() + (colour.blue() - base.blue()) * share),
    )
