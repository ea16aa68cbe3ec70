"""Field help from the framework: tooltips and What's This on the properties panel's fields."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from rolemap.document.document import RoleDocument
from rolemap.domain.fields import FIELDS
from rolemap.domain.kinds import NodeKind
from rolemap.ui.properties_panel import PropertiesPanel


@pytest.fixture
def panel(qtbot: QtBot, document: RoleDocument) -> Iterator[PropertiesPanel]:
    shown = PropertiesPanel(document)
    qtbot.addWidget(shown)
    shown.show()
    yield shown


def show_first(panel: PropertiesPanel, document: RoleDocument, kind: NodeKind) -> None:
    node = document.role_map.nodes_of(kind)[0]
    panel.show_selection([node.id], [])


def helped(panel: PropertiesPanel, name: str) -> str:
    """The field's What's This, checked to be its tooltip and its caption's too."""
    widget = panel.editor(name)
    text = widget.whatsThis()
    assert text and widget.toolTip() == text, name
    captions = [
        label for label in panel.findChildren(QLabel) if label.buddy() is widget
    ]  # the caption beside the field explains it as well
    assert len(captions) == 1 and captions[0].whatsThis() == text, name
    return text


@pytest.mark.parametrize("kind", [NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME])
def test_every_field_of_a_node_explains_itself(
    panel: PropertiesPanel, document: RoleDocument, kind: NodeKind
) -> None:
    show_first(panel, document, kind)
    for spec in FIELDS[kind]:
        assert helped(panel, spec.name) == spec.help
    heading = next(
        label for label in panel.findChildren(QLabel) if label.text() == kind.label
    )  # the kind itself, at the top
    assert kind.value in heading.whatsThis().casefold()


def test_the_rubric_and_the_hands_on_flag_say_what_the_framework_means(
    panel: PropertiesPanel, document: RoleDocument
) -> None:
    show_first(panel, document, NodeKind.OUTPUT)
    assert helped(panel, "clarity").startswith("Clarity of thought")
    assert helped(panel, "durability").startswith("Durability")
    assert helped(panel, "actionability").startswith("Actionability")
    hands_on = helped(panel, "hands_on")
    assert "team" in hands_on and "yourself" in hands_on


def test_the_outcome_fields_carry_the_three_marks_of_a_good_outcome(
    panel: PropertiesPanel, document: RoleDocument
) -> None:
    show_first(panel, document, NodeKind.OUTCOME)
    assert "direct effect on how the organisation does" in helped(panel, "metric")
    assert "part in" in helped(panel, "baseline")  # the contribution you can show
    assert "level that holds" in helped(panel, "target")  # a result that lasts


def test_the_role_explains_the_purposeful_share_and_each_category(
    panel: PropertiesPanel, document: RoleDocument
) -> None:
    panel.show_selection([], [])
    assert "lead to an outcome" in helped(panel, "purposeful_target")
    assert helped(panel, "review_cadence")
    for category in document.role_map.role.categories:
        text = helped(panel, f"ideal:{category.name}")
        assert f"‘{category.name}’" in text
    assert "1:1s" in helped(panel, "ideal:Relationships & trust")


def test_the_category_field_names_the_kinds_of_work(
    panel: PropertiesPanel, document: RoleDocument, qtbot: QtBot
) -> None:
    show_first(panel, document, NodeKind.ACTIVITY)
    text = helped(panel, "category")
    for kind in ("relationships and trust", "knowledge transfer", "strategic thinking", "conflict"):
        assert kind in text
