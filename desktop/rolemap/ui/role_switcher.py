"""RoleSwitcher: the toolbar's list of roles; choosing one shows its map."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from rolemap.document.document import RoleDocument


class RoleSwitcher(QComboBox):
    """The roles of the database, the shown one current."""

    def __init__(self, document: RoleDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("role-switcher")
        self.setToolTip("The role shown; File → New role adds another")
        self.setAccessibleName("Role shown")
        # Wide enough for most names, narrow enough for the toolbar of an 800 px window.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.activated.connect(self._on_activated)
        document.roles_changed.connect(self.refresh)
        document.role_switched.connect(self._on_document_role_switched)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """List the roles again (after one was added, renamed or deleted)."""
        self.clear()
        for role in self.document.roles():
            self.addItem(role.name, role.id)
            self.setItemData(
                self.count() - 1, role.name, Qt.ItemDataRole.ToolTipRole
            )  # a long name, elided
        if self.document.has_role:
            self.setCurrentIndex(self.findData(self.document.role_map.role.id))

    @Slot(int)
    def _on_activated(self, index: int) -> None:
        role_id = self.itemData(index)
        document = self.document
        if role_id and (not document.has_role or role_id != document.role_map.role.id):
            document.switch_role(role_id)

    @Slot(str)
    def _on_document_role_switched(self, role_id: str) -> None:
        self.setCurrentIndex(self.findData(role_id))
