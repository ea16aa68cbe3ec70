"""What a screen reader is told about widgets: helpers for the accessibility tests."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader reads for `widget` (its own, or its label's)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    return str(interface.text(QAccessible.Text.Name)).strip()


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control under `root` that a screen reader would announce without a name.

    Parts of a control that are not controls themselves (a spin box's line edit,
    a scroll area's scroll bars, a combo box's list) are not counted.
    """
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or _part_of_a_control(widget, root):
            continue
        if not widget.isVisibleTo(root) and root.isVisible():
            continue  # not on show, not announced (a toolbar's overflow button)
        if not accessible_name(widget) or not _named_on_purpose(widget):
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def _named_on_purpose(widget: QWidget) -> bool:
    """Named by the code, not by accident: a combo box without a name reads its current item."""
    if widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text()):
        return True
    window = widget.window()
    return any(label.buddy() is widget for label in window.findChildren(QLabel))


def _part_of_a_control(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return True
        parent = parent.parentWidget()
    return isinstance(widget, QAbstractSlider)  # scroll bars belong to their scroll area
