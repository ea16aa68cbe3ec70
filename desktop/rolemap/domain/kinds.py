"""The four kinds of node and the lanes they live in, left to right."""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    """A node's kind; its value is the stored and exported spelling."""

    INPUT = "input"
    ACTIVITY = "activity"
    OUTPUT = "output"
    OUTCOME = "outcome"

    @property
    def lane(self) -> int:
        """The lane index, 0 (Inputs) to 3 (Outcomes)."""
        return LANE_ORDER.index(self)

    @property
    def label(self) -> str:
        """The singular name shown to people ("Activity")."""
        return self.value.capitalize()

    @property
    def lane_title(self) -> str:
        """The lane header ("Activities")."""
        return {"input": "Inputs", "activity": "Activities", "output": "Outputs"}.get(
            self.value, "Outcomes"
        )


LANE_ORDER: tuple[NodeKind, ...] = (
    NodeKind.INPUT,
    NodeKind.ACTIVITY,
    NodeKind.OUTPUT,
    NodeKind.OUTCOME,
)
