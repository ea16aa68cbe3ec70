"""File → New role…: start blank, from a template of the library, or from a file.

The list on the left offers a blank role, importing a file, and the
template library; on the right, the chosen template's one-page diagram drawn
small by the renderer (`ui/template_preview.py`), its summary and purpose.
The name is prefilled with the template's title and checked as it is typed
(`check_role_name`: one clean line, no other role's), with the reason shown.

`ask_new_role` runs the dialog and makes the choice happen: a blank role
through the document, a template through `services/templates.new_role` (a
copy with fresh ids, written in one transaction), a file by handing over to
File → Import roles…. The new role becomes the current one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rolemap.document.document import RoleDocument
from rolemap.domain.entities import Role
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.getting_started import CADENCE_WORDS
from rolemap.domain.kinds import NodeKind
from rolemap.domain.role_map import RoleMap
from rolemap.domain.role_names import check_role_name
from rolemap.services.templates import template_map, templates
from rolemap.ui.template_preview import TemplatePreview

BLANK = "blank"
IMPORT = "import"
KEY = Qt.ItemDataRole.UserRole  # an item's choice: BLANK, IMPORT or a template's key
ERROR = "#b3261e"
MUTED = "#5f6b7a"


@dataclass(frozen=True, slots=True)
class NewRoleChoice:
    """What the person chose: "blank", "import" or a template's key, and the name typed."""

    key: str
    name: str = ""

    @property
    def template(self) -> str | None:
        """The template's key, None for a blank role or an import."""
        return None if self.key in (BLANK, IMPORT) else self.key


@cache
def _template_map(key: str) -> RoleMap:
    return template_map(key)


class NewRoleDialog(QDialog):
    """Blank, a file, or a template (previewed); a name that no other role has."""

    def __init__(
        self, taken: Sequence[str], parent: QWidget | None = None, template: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("new-role-dialog")
        self.setWindowTitle("New role")
        self._taken = list(taken)
        self._templates = {t.key: t for t in templates()}
        self._auto_name = ""  # the name last filled in for the person, replaced when unchanged

        self.choices = QListWidget()
        self.choices.setObjectName("new-role-choices")
        self.choices.setAccessibleName("How to start the role")
        self.choices.setMinimumWidth(230)
        self.choices.setMaximumWidth(300)
        self.choices.setStyleSheet("QListWidget#new-role-choices::item { padding: 4px 8px; }")
        self._add_heading("Start")
        self._add_choice("Blank role", BLANK, "An empty map to fill in yourself")
        self._add_choice("Import a file…", IMPORT, "Roles from a Rolemap JSON file")
        self._add_heading("Templates")
        for item in self._templates.values():
            self._add_choice(item.title, item.key, item.summary)

        self.preview = TemplatePreview()
        self.heading = QLabel()
        self.heading.setObjectName("new-role-heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.summary = _text_label("new-role-summary")
        self.purpose = _text_label("new-role-purpose")
        self.purpose.setTextFormat(Qt.TextFormat.RichText)  # "Purpose:" in bold
        self.facts = _text_label("new-role-facts", MUTED)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("new-role-name")
        self.name_edit.setAccessibleName("Name of the new role")
        self.name_edit.setPlaceholderText("The role's name, e.g. Head of support")
        self.name_label = QLabel("&Name")
        self.name_label.setBuddy(self.name_edit)
        self.message = _text_label("new-role-message", ERROR)
        self.message.setAccessibleName("Why the name cannot be used")

        # Made with the dialog as their parent, so that the dialog knows Create as its
        # default button: Enter creates the role, never cancels it.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = QPushButton("Create role", self)
        self.create_button.setObjectName("new-role-create")
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        panel = QWidget()  # keeps its width when the preview is hidden (importing)
        panel.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        details = QVBoxLayout(panel)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.preview, 1)
        details.addWidget(self.heading)
        details.addWidget(self.summary)
        details.addWidget(self.purpose)
        details.addWidget(self.facts)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.name_edit, 1)
        details.addSpacing(6)
        details.addLayout(name_row)
        details.addWidget(self.message)
        details.addStretch()  # holds the text up when there is no preview (importing)
        body = QHBoxLayout()
        body.addWidget(self.choices)
        body.addWidget(panel, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 660)

        self.choices.currentItemChanged.connect(self._on_choices_current_item_changed)
        self.choices.itemActivated.connect(self._on_choices_item_activated)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        # Blank first: Ctrl+N, a name, Enter makes an empty role, as it always has; a
        # template is one arrow key away, and the welcome page asks for one by its key.
        known = (*self._templates, BLANK, IMPORT)
        self.select(template if template in known else BLANK)
        self.name_edit.setFocus()
        self.name_edit.selectAll()  # a prefilled name is replaced by what is typed

    # -- the list ---------------------------------------------------------------------

    def _add_heading(self, text: str) -> None:
        item = QListWidgetItem(text.upper())
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # not a choice: the arrow keys pass it by
        font = item.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setWeight(QFont.Weight.DemiBold)
        item.setFont(font)
        item.setForeground(Qt.GlobalColor.darkGray)
        if self.choices.count():  # room above a heading that starts a new group
            item.setSizeHint(QSize(0, QFontMetrics(font).height() + 22))
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.choices.addItem(item)

    def _add_choice(self, text: str, key: str, tip: str) -> None:
        item = QListWidgetItem(text)
        item.setData(KEY, key)
        item.setToolTip(tip)
        self.choices.addItem(item)

    def select(self, key: str) -> None:
        """Make `key` ("blank", "import" or a template's key) the chosen item."""
        for row in range(self.choices.count()):
            item = self.choices.item(row)
            if item.data(KEY) == key:
                self.choices.setCurrentItem(item)
                return
        raise KeyError(key)

    @property
    def key(self) -> str:
        """The chosen item's key."""
        item = self.choices.currentItem()
        return str(item.data(KEY)) if item is not None else BLANK

    def choice(self) -> NewRoleChoice:
        """What the person chose, with the name as typed (checked by `accept`)."""
        return NewRoleChoice(self.key, self.name_edit.text().strip())

    # -- what the choice shows --------------------------------------------------------

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_choices_current_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        key = str(current.data(KEY)) if current is not None else BLANK
        importing = key == IMPORT
        template = self._templates.get(key)
        if template is not None:
            role_map = _template_map(key)
            self._show(template.title, template.summary, role_map.role, _counts(role_map))
            self.preview.show_map(role_map)
            self._fill_name(template.title)
        elif importing:
            self._show(
                "Import a file",
                "Bring in a role from a file: a Rolemap export, or a map drawn in another "
                "tool. File → Import… checks the whole file before it writes anything.",
            )
            self.preview.show_map(None)
        else:
            self._show(
                "Blank role",
                "An empty map: add the activities, outputs and outcomes of the role yourself.",
            )
            self._fill_name("")
            self.preview.show_map(RoleMap(Role(id="", name="New role")))
        for widget in (self.name_label, self.name_edit, self.message):
            widget.setVisible(not importing)
        self.preview.setVisible(not importing)
        self.create_button.setText("Choose file…" if importing else "Create role")
        self._check_name()

    def _show(self, title: str, summary: str, role: Role | None = None, facts: str = "") -> None:
        self.heading.setText(title)
        self.summary.setText(summary)
        self.purpose.setText(f"<b>Purpose:</b> {_escape(role.purpose)}" if role else "")
        self.purpose.setVisible(bool(role and role.purpose))
        self.facts.setText(facts)
        self.facts.setVisible(bool(facts))

    def _fill_name(self, name: str) -> None:
        """Put `name` in the field, unless the person typed a name of their own there."""
        if self.name_edit.text().strip() in ("", self._auto_name):
            self.name_edit.setText(name)
            self._auto_name = name

    # -- the name -----------------------------------------------------------------------

    @Slot(str)
    def _on_name_edit_text_changed(self, _text: str) -> None:
        self._check_name()

    @Slot(QListWidgetItem)
    def _on_choices_item_activated(self, _item: QListWidgetItem) -> None:
        self.accept()  # a double click or Enter on a choice

    def _check_name(self) -> str | None:
        """The cleaned name, or None after saying why it cannot be used."""
        if self.key == IMPORT:
            self.message.clear()
            self.create_button.setEnabled(True)
            return ""
        try:
            name = check_role_name(self.name_edit.text(), self._taken)
        except InvalidValueError as error:
            # An empty field waits quietly for a name; anything else says what is wrong.
            self.message.setText(str(error) if self.name_edit.text() else "")
            self.create_button.setEnabled(False)
            return None
        self.message.clear()
        self.create_button.setEnabled(True)
        return name

    def accept(self) -> None:
        if self._check_name() is None:
            if not self.name_edit.text():
                self.message.setText("A role needs a name.")
            self.name_edit.setFocus()
            return
        super().accept()


def ask_new_role(
    window: QMainWindow, document: RoleDocument, template: str | None = None
) -> str | None:
    """Run the dialog and make the choice happen; the new role's id (None if none was made).

    A file is handed over to File → Import roles… (the window's `import-json` action).
    """
    dialog = NewRoleDialog([role.name for role in document.roles()], window, template)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.choice()
    finally:
        dialog.deleteLater()
    if choice.key == IMPORT:
        action = window.findChild(QAction, "import-json")
        if action is not None:
            action.trigger()
        return None
    return create_role(document, choice)


def create_role(document: RoleDocument, choice: NewRoleChoice) -> str | None:
    """Create the chosen role and make it current; its id, or None when refused or failed.

    The document says why through `edit_refused`/`edit_failed` (the status bar shows it).
    """
    if choice.template is None:
        return document.create_role(choice.name)
    from rolemap.interchange.errors import FormatError
    from rolemap.services.templates import new_role
    from rolemap.store.errors import StoreError

    try:
        role_id = new_role(document.store, choice.name, choice.template)
    except InvalidValueError as error:
        document.refuse(str(error))
        return None
    except (StoreError, FormatError, KeyError) as error:
        document.report_failure(f"The template could not be copied: {error}")
        return None
    # The service wrote the copy in one transaction; the document reads the roles again to
    # know of it (which starts every role's undo history afresh).
    document.reload()
    document.switch_role(role_id)
    return role_id


def _counts(role_map: RoleMap) -> str:
    parts = []
    for kind in (NodeKind.ACTIVITY, NodeKind.OUTPUT, NodeKind.OUTCOME):
        count = len(role_map.nodes_of(kind))
        parts.append(f"{count} {kind.lane_title.lower() if count != 1 else kind.value}")
    cadence = CADENCE_WORDS.get(role_map.role.review_cadence, role_map.role.review_cadence)
    return " · ".join(parts) + f" · reviewed {cadence}"


def _text_label(name: str, colour: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
