"""WelcomePage: the framework in three sentences, the four steps with the person's progress,
and the template library: a page of the window (a tab), never a modal dialog.

The page only shows and reports: what it shows comes in through `show_steps`
(the steps are judged in `domain/getting_started.py` from the store's facts,
and the links are chosen by `ui/getting_started.py`, which knows the window),
and what the person picks goes out as signals. Its parts have modules of their
own: the lane and step cards (`ui/welcome_cards.py`), the template list
(`ui/welcome_templates.py`) and the look they share (`ui/welcome_style.py`).

Signals:
    link_activated(str): a step's link was followed: "tab:<name>", "action:<object name>"
        or "role" (the role's own fields).
    template_chosen(str): a template of the library ("blank" for a blank role).
    example_kept(): the person keeps the example and goes to its map.
    dismiss_requested(): the page's own close button.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rolemap.domain.getting_started import Step, StepState
from rolemap.domain.kinds import NodeKind
from rolemap.services.templates import Template
from rolemap.ui.welcome_cards import LaneCard, StepCard
from rolemap.ui.welcome_style import LinkButton, page_label
from rolemap.ui.welcome_templates import TemplateList

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
CONTENT_WIDTH = 1120  # px: past this the page keeps a readable measure, centred
STACK_BELOW = 900  # px: narrower than this, the two columns stack


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

        content = QWidget()
        content.setObjectName("welcome-content")
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 28, 32, 32)
        column.setSpacing(18)
        column.addLayout(self._header())
        column.addLayout(self._sentences())

        self.steps_heading = page_label("", "welcome-steps-heading", scale=1.25, bold=True)
        self.steps_note = page_label("", "welcome-steps-note", muted=True)
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
        title = page_label("Welcome to Rolemap", "welcome-title", scale=1.9, bold=True)
        tagline = page_label(
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
                arrow = page_label("→", "", scale=1.6, muted=True)
                arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
                arrow.setAccessibleName("leads to")
                row.addWidget(arrow)
            row.addWidget(LaneCard(kind, sentence), 1)
        return row

    def _start_column(self, templates: Sequence[Template]) -> QVBoxLayout:
        heading = page_label("Start from a role like yours", "welcome-start-heading", 1.25, True)
        self.example_text = page_label("", "welcome-example-text")
        self.keep_button = QPushButton("Keep the example")
        self.keep_button.setObjectName("welcome-keep-example")
        self.keep_button.setToolTip("Go to the example's map and explore it")
        self.keep_button.clicked.connect(self.example_kept)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_button)
        keep_row.addStretch(1)
        intro = page_label(
            "Or begin with one of these roles, written out in full: activities with "
            "planned hours, scored outputs, outcomes with baselines and targets. "
            "It becomes a copy of your own to change.",
            "welcome-templates-intro",
            muted=True,
        )
        self.templates = TemplateList(templates)
        self.templates.template_chosen.connect(self.template_chosen)
        blank = LinkButton("Blank role…")
        blank.setObjectName("welcome-blank")
        blank.clicked.connect(lambda: self.template_chosen.emit("blank"))
        from_file = LinkButton("Import a file…")
        from_file.setObjectName("welcome-import")
        from_file.clicked.connect(lambda: self.link_activated.emit("action:import-json"))
        others = QHBoxLayout()
        others.setSpacing(14)
        others.addWidget(page_label("Or start", "", muted=True))
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
        return self.templates.keys()

    # -- size -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns(event.size().width())
        self.templates.fit_height()

    def _fit_columns(self, width: int) -> None:
        wanted = (
            QBoxLayout.Direction.TopToBottom
            if width < STACK_BELOW
            else QBoxLayout.Direction.LeftToRight
        )
        if self.columns.direction() != wanted:
            self.columns.setDirection(wanted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.templates.fit_height()
