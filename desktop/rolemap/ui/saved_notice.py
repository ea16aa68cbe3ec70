"""SavedNotice: "Saved the diagram to /home/ana/role.pdf  [Open folder]" in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class SavedNotice(QWidget):
    """ "Saved the diagram to /home/ana/role.pdf  [Open folder]" in the status bar."""

    def __init__(self, text: str, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saved-notice")
        self.path = path
        self.label = QLabel(text)
        self.label.setObjectName("saved-text")
        self.label.setToolTip(str(path))
        self.open_button = QPushButton("Open folder")
        self.open_button.setObjectName("open-folder")
        self.open_button.setAccessibleName(f"Open the folder of {path.name}")
        self.open_button.clicked.connect(self._on_open_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)

    def text(self) -> str:
        """What the notice says."""
        return self.label.text()

    @Slot()
    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
