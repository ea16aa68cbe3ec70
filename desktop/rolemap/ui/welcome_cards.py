"""The welcome page's cards: a lane's sentence, and one of the framework's four steps.

A `LaneCard` holds one of the three sentences that explain the framework, in
its lane's colour on the map. A `StepCard` shows one step as
`domain/getting_started.py` judged it: its number and state, what the data
shows (a tick, a ring or a dot per check), and links to where the step is done.
The cards only show and report; the page (`ui/welcome_page.py`) fills them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from rolemap.domain.getting_started import Check, Step, StepState
from rolemap.domain.kinds import NodeKind
from rolemap.ui.welcome_style import LinkButton, mix, page_label

ACCENT = {  # the map's lane colours (canvas/style.py)
    NodeKind.ACTIVITY: "#3b6ea5",
    NodeKind.OUTPUT: "#2e8b57",
    NodeKind.OUTCOME: "#d9822b",
}
STATE_COLOURS = {  # text, fill
    StepState.DONE: ("#1e6b34", "#e3f3e7"),
    StepState.UNDER_WAY: ("#7a4d00", "#fcefd6"),
    StepState.NOT_STARTED: ("#4f5b69", "#e9edf2"),
}
DONE_MARK = "#2e8b57"
OPEN_MARK = "#8a94a3"


class LaneCard(QFrame):
    """One of the three sentences, in its lane's colour."""

    def __init__(self, kind: NodeKind, sentence: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"welcome-{kind.value}")
        accent = QColor(ACCENT[kind])
        base = self.palette().color(QPalette.ColorRole.Base)
        self.setStyleSheet(
            f"#welcome-{kind.value} {{ background: {mix(accent, base, 0.08).name()}; "
            f"border: 1px solid {mix(accent, base, 0.35).name()}; "
            f"border-top: 3px solid {accent.name()}; border-radius: 6px; }}"
        )
        heading = page_label(kind.lane_title, "", scale=1.15, bold=True)
        heading.setStyleSheet(f"color: {accent.name()};")
        text = page_label(sentence, "")
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
            f"border: 1px solid {mix(line, base, 0.55).name()}; border-radius: 6px; }}"
        )
        self.badge = QLabel(str(number))
        self.badge.setObjectName("step-badge")
        self.badge.setFixedSize(28, 28)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = page_label("", "step-title", scale=1.15, bold=True)
        self.state = QLabel()
        self.state.setObjectName("step-state")
        self.summary = page_label("", "step-summary", muted=True)
        self.checks = page_label("", "step-checks")
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


def _check_html(check: Check) -> str:
    text = check.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if check.done is None:
        return f"<span style='color:{OPEN_MARK}'>•</span>&nbsp;&nbsp;{text}"
    if check.done:
        return f"<span style='color:{DONE_MARK}'><b>✓</b></span>&nbsp;&nbsp;{text}"
    suffix = "" if check.required else f" <span style='color:{OPEN_MARK}'>(optional)</span>"
    return f"<span style='color:{OPEN_MARK}'>○</span>&nbsp;&nbsp;{text}{suffix}"
