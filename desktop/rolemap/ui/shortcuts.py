"""Keyboard shortcuts: the key sequences of an action on this platform, and the clash check.

A key bound twice in one window is worse than a key not bound: Qt logs
"Ambiguous shortcut overload" and neither action runs. Standard keys differ
by platform (X11's Redo is Ctrl+Shift+Z, the offscreen platform's Ctrl+Y), so
a table that looks clean on one platform can clash on another: the menus bind
each key of an action once, and the tests run `shortcut_clashes` on the
offscreen platform and on a real X display.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from rolemap.ui.actions import Shortcut

_TEXT = QKeySequence.SequenceFormat.PortableText


def key_sequences(shortcuts: Iterable[Shortcut]) -> list[QKeySequence]:
    """The key sequences for `shortcuts` on this platform, each once, in order.

    A standard key gives the platform's main binding, or nothing where the
    platform has none (offscreen has no Quit key).
    """
    found: list[QKeySequence] = []
    seen: set[str] = set()
    for shortcut in shortcuts:
        sequence = QKeySequence(shortcut)
        text = sequence.toString(_TEXT)
        if text and text not in seen:
            seen.add(text)
            found.append(sequence)
    return found


def shortcut_clashes(window: QWidget) -> list[str]:
    """Keys that more than one binding in `window` answers to, as "Ctrl+D: delete, duplicate".

    Every action and QShortcut of the window counts, enabled or not (Undo and
    Redo are disabled until there is something to undo, and clash all the
    same then). An action bound twice to one key clashes with itself. A
    binding that works only while one widget has the focus clashes with the
    window-wide ones and with others on the same widget, not with those of
    other widgets.
    """
    from PySide6.QtGui import QShortcut  # here: only the tests ask, not the first paint

    bindings: dict[str, list[tuple[str, frozenset[int] | None]]] = {}
    for action in window.findChildren(QAction):
        if not action.associatedObjects():  # in no menu, toolbar or widget: bound nowhere
            continue
        scope = _scope(action.shortcutContext(), action.associatedObjects())
        for sequence in action.shortcuts():
            _add(bindings, sequence, action.objectName() or action.text(), scope)
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        scope = _scope(shortcut.context(), [parent] if parent is not None else [])
        for sequence in shortcut.keys():  # noqa: SIM118 - QShortcut.keys(), not a dict
            _add(bindings, sequence, shortcut.objectName() or "a QShortcut", scope)
    clashes = []
    for text, owners in bindings.items():
        clashing: set[int] = set()
        for (a, (_, scope)), (b, (_, other)) in combinations(enumerate(owners), 2):
            if scope is None or other is None or scope & other:
                clashing |= {a, b}
        if clashing:
            clashes.append(f"{text}: {', '.join(owners[i][0] for i in sorted(clashing))}")
    return sorted(clashes)


def _scope(context: Qt.ShortcutContext, owners: Iterable[object]) -> frozenset[int] | None:
    """None for a window-wide binding; else the widgets whose focus it needs."""
    if context not in (
        Qt.ShortcutContext.WidgetShortcut,
        Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ):
        return None
    return frozenset(id(o) for o in owners if isinstance(o, QWidget) and not isinstance(o, QMenu))


def _add(
    bindings: dict[str, list[tuple[str, frozenset[int] | None]]],
    sequence: QKeySequence,
    name: str,
    scope: frozenset[int] | None,
) -> None:
    text = sequence.toString(_TEXT)
    if text:
        bindings.setdefault(text, []).append((name, scope))
