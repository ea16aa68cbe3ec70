"""Help on the properties panel's headings and role fields, from the framework, in Rolemap's words.

A node's own fields carry their help in `domain/fields.py` (FieldSpec.help);
the role's fields, the kinds and the default categories are described here.
`explain(widget, text)` puts a text on a widget as its tooltip and its
What's This (Shift+F1, Help → What's This?).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

KINDS = {
    "Input": "An input drives activities: a value, a decision, a resource you start from.",
    "Activity": (
        "An activity is something you spend time doing. It earns its hours when it leads "
        "to an output or an outcome; one that leads nowhere is busywork, however full it "
        "keeps the calendar."
    ),
    "Output": (
        "An output is something tangible you make that others can see, use and build on. "
        "If you vanished tomorrow, your outputs are the evidence of your work that would "
        "remain. Score each for clarity, durability and actionability."
    ),
    "Outcome": (
        "An outcome is a measurable result that matters. A good one has a direct effect "
        "on how the organisation does, a part you can show was yours (the links into it), "
        "and a result that lasts. Outcomes lag: they move after the work behind them."
    ),
    "Link": (
        "A link is a line of sight: this activity or output feeds that output or outcome. "
        "Hours flow along links by their weight."
    ),
    "Role": (
        "The role itself: why it exists, what it is accountable for, and how its hours "
        "should ideally be shared."
    ),
}

ROLE_FIELDS = {
    "purpose": "Why the role exists, in a sentence or two: the first line of the one-page diagram.",
    "accountabilities": (
        "The ongoing activities the organisation expects of the role, one per line."
    ),
    "domains": "What the role alone looks after and decides on, one per line.",
    "decision_rights": "Decisions the role may take without asking anyone, one per line.",
    "review_cadence": (
        "How often you step back and review the role: monthly while you are finding a "
        "rhythm, quarterly once you have one."
    ),
    "purposeful_target": (
        "The share of your tracked hours you want on activities that lead to an outcome. "
        "Time on activities with no line of sight to an outcome is motion without "
        "progress; the dashboard's purposeful share shows the real figure week by week."
    ),
}

CATEGORIES = {
    "Relationships & trust": (
        "Time spent understanding the people you work with: 1:1s, coffee chats, hallway "
        "talk. Trust makes everything else cheaper."
    ),
    "Knowledge transfer & development": (
        "Mentoring, careful reviews, teaching, lessons learned: knowledge that multiplies "
        "across the team."
    ),
    "Strategic thinking & planning": (
        "Stepping back from the day to ask whether you are solving the right problems. "
        "It feels idle at the time and pays the most later."
    ),
    "Conflict resolution & alignment": (
        "Aligning people and priorities before a disagreement turns into rework."
    ),
    "Maker's work": "Hands-on time making outputs yourself: writing, designing, building.",
    "Admin & email": "Necessary upkeep. Keep it from swallowing the week.",
    "Other": "Whatever fits nowhere else.",
}


def category_share(name: str) -> str:
    """The help of a role's ideal share for category `name`."""
    share = (
        f"Your ideal share of hours for ‘{name}’: the Plan tab and the dashboard set the "
        "real share beside it."
    )
    about = CATEGORIES.get(name)
    return f"{about} {share}" if about else share


def explain(widget: QWidget, text: str) -> None:
    """Show `text` as the widget's tooltip and as its What's This."""
    if text:
        widget.setToolTip(text)
        widget.setWhatsThis(text)
