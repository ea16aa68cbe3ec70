"""Cell editors of the Track tables: a node column is a choice of the role's nodes.

Typing a title that is refused, or that names two nodes, is no way to move a
delivery to another output: the Output and Outcome cells offer a combo box of
the role's outputs or outcomes, and the Activity cell (a long list, typed
often) completes what is typed over the role's activity titles.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.kinds import NodeKind
from rolemap.track.record_columns import NODE_ROLE

Index = QModelIndex | QPersistentModelIndex


class NodeChoiceDelegate(QStyledItemDelegate):
    """A combo box of the role's nodes of one kind, by title; choosing one saves it."""

    def __init__(self, document: RoleDocument, kind: NodeKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.kind = kind

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName(f"choose-{self.kind.value}")
        if self.document.has_role:
            nodes = self.document.role_map.nodes_of(self.kind)
            for node in sorted(nodes, key=lambda n: (n.title.casefold(), n.id)):
                combo.addItem(node.title, node.id)
        combo.activated.connect(lambda _i: self._on_combo_activated(combo))
        return combo

    @Slot()
    def _on_combo_activated(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(NODE_ROLE))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        chosen = editor.currentData()
        if chosen is not None:
            model.setData(index, chosen, NODE_ROLE)


class TitleCompleterDelegate(QStyledItemDelegate):
    """A line edit that completes the role's titles of one kind (any part, any case)."""

    def __init__(self, document: RoleDocument, kind: NodeKind, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.kind = kind

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        line = QLineEdit(parent)
        line.setObjectName(f"type-{self.kind.value}")
        titles = []
        if self.document.has_role:
            titles = sorted(
                (n.title for n in self.document.role_map.nodes_of(self.kind)), key=str.casefold
            )
        completer = QCompleter(titles, line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        line.setCompleter(completer)
        return line
