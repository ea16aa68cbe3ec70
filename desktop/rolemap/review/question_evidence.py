"""The evidence beside each of the four questions, as tables and sentences.

1. Activities → outputs: each activity's planned and actual hours, what was
   delivered downstream and its yield; each output's hours in and yield.
2. Outputs → outcomes: each outcome's hours, deliveries, check-ins at the
   start and end of the period against its line, on track or not; the hours
   on weak links.
3. What to adjust: the suggestions, the allocation against the ideal, the
   accountabilities and what serves them.
4. How the role changed: the map's changes since the last review.

Each widget shows an `Evidence` (None: the kept figures cannot be read).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rolemap.domain.review_evidence import Evidence
from rolemap.domain.review_suggestions import Suggestion
from rolemap.review import evidence_text as words
from rolemap.review.change_list import ChangeList, change_summary
from rolemap.review.evidence_table import Cell, EvidenceTable, TableBlock


def _sentence(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class QuestionEvidence(QWidget):
    """A question's evidence: a column of tables and sentences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(10)

    def show_evidence(self, evidence: Evidence | None, suggestions: list[Suggestion]) -> None:
        """Show the evidence of a period (None: hide the tables)."""
        raise NotImplementedError


class ActivityEvidence(QuestionEvidence):
    """Question 1: activities against their plan and what they delivered; outputs' yield."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activities = TableBlock(
            "Activities",
            EvidenceTable(
                "review-activities",
                "Activities: planned and actual hours, deliveries downstream, yield",
                ("Activity", "Planned", "Actual", "Delivered downstream", "Yield"),
                numeric=(1, 2, 3, 4),
            ),
            "No time was tracked or planned on any activity in this period.",
            self,
        )
        self.idle = _sentence("review-idle", self)
        self.outputs = TableBlock(
            "Outputs",
            EvidenceTable(
                "review-outputs",
                "Outputs: hours that reached them, deliveries, yield",
                ("Output", "Hours in", "Delivered", "Yield"),
                numeric=(1, 2, 3),
            ),
            "No hours reached an output and nothing was delivered.",
            self,
        )
        for widget in (self.activities, self.idle, self.outputs):
            self.column.addWidget(widget)
        self.column.addStretch(1)

    def show_evidence(self, evidence: Evidence | None, suggestions: list[Suggestion]) -> None:
        if evidence is None:
            self.activities.set_rows([])
            self.outputs.set_rows([])
            self.idle.hide()
            return
        self.activities.set_rows(
            [
                [
                    Cell(a.title, tip=f"{a.title} · {a.category}"),
                    words.hours(a.planned_hours),
                    words.hours(a.hours),
                    str(a.deliveries) if a.outputs else "no output",
                    words.yield_text(a.yield_per_10h),
                ]
                for a in evidence.activities
                if a.hours > 0 or a.planned_hours > 0
            ]
        )
        idle = evidence.idle_activities
        self.idle.setVisible(bool(idle))
        if idle:
            shown = ", ".join(f"‘{a.title}’ ({words.hours(a.hours)})" for a in idle[:5])
            more = f" and {len(idle) - 5} more" if len(idle) > 5 else ""
            self.idle.setText(f"Hours with nothing delivered downstream: {shown}{more}.")
        self.outputs.set_rows(
            [
                [
                    o.title,
                    words.hours(o.hours_in),
                    str(o.deliveries),
                    words.yield_text(o.yield_per_10h),
                ]
                for o in evidence.outputs
                if o.hours_in > 0 or o.deliveries > 0
            ]
        )


class OutcomeEvidence(QuestionEvidence):
    """Question 2: outcomes' hours and check-ins against their line; hours on weak links."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes = TableBlock(
            "Outcomes",
            EvidenceTable(
                "review-outcomes",
                "Outcomes: hours, deliveries, check-ins, target, on track",
                (
                    "Outcome",
                    "Hours",
                    "Deliveries",
                    "Check-ins: start → end",
                    "Target",
                    "On track",
                ),
                numeric=(1, 2),
            ),
            "The map has no outcome.",
            self,
        )
        self.weak = _sentence("review-weak-hours", self)
        self.weak_links = TableBlock(
            "",
            EvidenceTable(
                "review-weak-links",
                "Weak links: confidence and hours along them",
                ("Link", "Confidence", "Hours"),
                numeric=(1, 2),
            ),
            "",
            self,
        )
        for widget in (self.outcomes, self.weak, self.weak_links):
            self.column.addWidget(widget)
        self.column.addStretch(1)

    def show_evidence(self, evidence: Evidence | None, suggestions: list[Suggestion]) -> None:
        if evidence is None:
            self.outcomes.set_rows([])
            self.weak.hide()
            self.weak_links.hide()
            return
        rows: list[list[Cell | str]] = []
        for o in evidence.outcomes:
            verdict = words.verdict(o)
            rows.append(
                [
                    o.title,
                    words.hours(o.hours),
                    str(o.deliveries),
                    Cell(
                        words.movement_text(o.start, o.end, o.unit),
                        tip=words.movement_tip(o.start, o.end, o.unit),
                    ),
                    words.target_text(o),
                    Cell(verdict.label, verdict.colour, verdict.explanation),
                ]
            )
        self.outcomes.set_rows(rows)
        carried = [w for w in evidence.weak_links if w.hours > 0]
        if evidence.weak_hours > 0:
            self.weak.setText(
                f"Hours on weak links: {words.hours(evidence.weak_hours)} of the "
                f"{words.hours(evidence.attributed_hours)} that reached outcomes went only along "
                "a link of confidence below 50 %."
            )
        elif evidence.weak_links:
            self.weak.setText("No hours went along the map's weak links in this period.")
        else:
            self.weak.setText("The map has no weak link (confidence below 50 %).")
        self.weak.show()
        self.weak_links.setVisible(bool(carried))
        self.weak_links.set_rows(
            [
                [f"{w.source} → {w.target}", words.percent(w.confidence), words.hours(w.hours)]
                for w in carried
            ]
        )


class AdjustEvidence(QuestionEvidence):
    """Question 3: the suggestions, the allocation against the ideal, the accountabilities."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestions = _sentence("review-suggestions", self)
        self.suggestions.setTextFormat(Qt.TextFormat.RichText)
        self.allocation = TableBlock(
            "Allocation against the ideal",
            EvidenceTable(
                "review-allocation",
                "Allocation: ideal and actual share of the hours per category",
                ("Category", "Ideal", "Actual", "Gap", "Hours"),
                numeric=(1, 2, 3, 4),
            ),
            "No hours, or no ideal allocation set for the role.",
            self,
        )
        self.accountabilities = TableBlock(
            "Accountabilities",
            EvidenceTable(
                "review-accountabilities",
                "Accountabilities: the outcomes that serve them and their hours",
                ("Accountability", "Served by", "Hours", "Status"),
                numeric=(2,),
            ),
            "The role lists no accountabilities.",
            self,
        )
        for widget in (self.suggestions, self.allocation, self.accountabilities):
            self.column.addWidget(widget)
        self.column.addStretch(1)

    def show_evidence(self, evidence: Evidence | None, suggestions: list[Suggestion]) -> None:
        if evidence is None:
            self.suggestions.hide()
            self.allocation.set_rows([])
            self.accountabilities.set_rows([])
            return
        self.suggestions.show()
        if suggestions:
            items = "".join(f"<li>{html.escape(s.text)}</li>" for s in suggestions)
            self.suggestions.setText(
                f"<b>Suggestions from the data</b><ul style='margin-left: -20px'>{items}</ul>"
            )
        else:
            self.suggestions.setText("<b>Suggestions from the data</b><p>Nothing stands out.</p>")
        self.allocation.set_rows(
            [
                [
                    g.category,
                    words.percent(g.ideal),
                    words.percent(g.actual),
                    words.points(g.gap),
                    words.hours(g.hours),
                ]
                for g in evidence.allocation
            ]
        )
        self.accountabilities.set_rows(
            [
                [
                    a.name,
                    ", ".join(a.outcomes) or "–",
                    words.hours(a.hours),
                    Cell(
                        ("⚠ " if a.status in ("neglected", "unserved") else "")
                        + words.accountability_status(a.status),
                        "#b3261e" if a.status == "neglected" else "",
                    ),
                ]
                for a in evidence.accountabilities
            ]
        )


class ChangeEvidence(QuestionEvidence):
    """Question 4: the map's changes since the last finished review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = _sentence("review-changes-summary", self)
        self.changes = ChangeList("review-changes", "The map's changes since the last review", self)
        self.column.addWidget(self.summary)
        self.column.addWidget(self.changes)
        self.column.addStretch(1)

    def show_evidence(self, evidence: Evidence | None, suggestions: list[Suggestion]) -> None:
        if evidence is None:
            self.summary.hide()
            self.changes.set_rows([], "")
            return
        summary = change_summary(evidence.changes) if evidence.changes is not None else ""
        self.summary.setText(summary + ("." if summary else ""))
        self.summary.setVisible(bool(summary))
        self.changes.show_changes(evidence.changes, evidence.changes_note)


EVIDENCE = (ActivityEvidence, OutcomeEvidence, AdjustEvidence, ChangeEvidence)
"""The evidence widget of each question, in order."""
