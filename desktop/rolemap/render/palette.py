"""The diagram's colours: muted, printable, and the canvas's kind accents.

KIND_ACCENT repeats canvas/style.py's values (the renderer may not import the
canvas); a unit test keeps the two equal.
"""

from __future__ import annotations

from rolemap.domain.kinds import NodeKind

KIND_ACCENT: dict[NodeKind, str] = {
    NodeKind.INPUT: "#6c7a89",
    NodeKind.ACTIVITY: "#3b6ea5",
    NodeKind.OUTPUT: "#2e8b57",
    NodeKind.OUTCOME: "#d9822b",
}

INK = "#1f2933"  # titles
BODY = "#3e4a59"  # purpose, footer
MUTED = "#6b7685"  # detail lines, headers
FAINT = "#a3acb9"  # rules
LANE = "#f3f4f7"  # lane columns
PAPER = "#ffffff"
LINK = "#8e99a8"
FLAG = "#c8463d"  # the purpose-check badge

# How far each kind's accent is mixed into white for its box.
TINT_SHARE = 0.10


def mix(colour: str, share: float, base: str = PAPER) -> str:
    """`colour` mixed into `base` by `share` (0 = base, 1 = colour), as "#rrggbb"."""
    a = [int(base[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def tint(kind: NodeKind) -> str:
    """A kind's box fill: its accent, faint."""
    return mix(KIND_ACCENT[kind], TINT_SHARE)


def border(kind: NodeKind) -> str:
    """A kind's box outline: its accent, softened."""
    return mix(KIND_ACCENT[kind], 0.75)
