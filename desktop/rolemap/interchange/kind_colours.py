"""Each kind's colours in the shared map formats (Mermaid, DOT, JSON Canvas, GraphML).

KIND_ACCENT repeats render/palette.py's values (the interchange layer may not
import the renderer); a unit test keeps the two equal. A box is filled with
its accent mixed faintly into white and outlined in the accent itself.
"""

from __future__ import annotations

from rolemap.domain.kinds import LANE_ORDER, NodeKind

KIND_ACCENT: dict[NodeKind, str] = {
    NodeKind.INPUT: "#6c7a89",
    NodeKind.ACTIVITY: "#3b6ea5",
    NodeKind.OUTPUT: "#2e8b57",
    NodeKind.OUTCOME: "#d9822b",
}
INK = "#1f2933"
LINK = "#8e99a8"
LANE = "#f3f4f7"

# Stronger than the printed diagram's tint: Graphviz and yEd draw no lane colour behind a box.
FILL_SHARE = 0.18


def _mix(colour: str, share: float) -> str:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 + (c - 255) * share):02x}" for c in rgb)


KIND_FILL: dict[NodeKind, str] = {kind: _mix(KIND_ACCENT[kind], FILL_SHARE) for kind in LANE_ORDER}


def kind_of_colour(colour: str) -> NodeKind | None:
    """The kind whose fill or accent is `colour` ("#rrggbb", any case), if any."""
    wanted = colour.strip().lower()
    for kind in LANE_ORDER:
        if wanted in (KIND_FILL[kind], KIND_ACCENT[kind]):
            return kind
    return None
