"""The properties panel: every field of the selected node, the selected link, or the role.

Edits go to the document as intents; the panel shows values only from the
model, so a refused value snaps back to what is stored, even in the field
still being edited. Under a node's heading it says what the purpose check
(the document's analysis) finds, and for an outcome whose direction
contradicts its baseline and target, what is wrong.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from rolemap.canvas.outcome_progress import direction_warning
from rolemap.document.document import RoleDocument
from rolemap.domain.entities import REVIEW_CADENCES
from rolemap.domain.fields import FIELDS
from rolemap.domain.purpose import PurposeReport
from rolemap.ui.field_help import KINDS, ROLE_FIELDS, category_share, explain
from rolemap.ui.field_widgets import Editor, make_editor


class PropertiesPanel(QScrollArea):
    """Shows what is selected; with nothing selected, the role itself."""

    def __init__(self, document: RoleDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._editors: dict[str, Editor] = {}
        self._subject: tuple[str, str] = ("role", "")
        self._finding = QLabel()
        self._finding.setObjectName("node-finding")
        self._finding.setWordWrap(True)
        self._warning = QLabel()
        self.setWidgetResizable(True)
        self.setMinimumWidth(280)
        # Fields follow the dock's width; a sideways scroll bar would hide their ends.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        document.node_changed.connect(self._on_document_changed)
        document.link_changed.connect(self._on_document_changed)
        document.role_changed.connect(self._on_document_changed)
        document.node_removed.connect(self._on_document_removed)
        document.link_removed.connect(self._on_document_removed)
        document.role_switched.connect(lambda _id: self.show_selection([], []))
        document.analysis.purpose_changed.connect(self._on_analysis_purpose_changed)
        self.show_selection([], [])

    @property
    def subject(self) -> tuple[str, str]:
        """What is shown: ("node", id), ("link", id) or ("role", id)."""
        return self._subject

    def editor(self, name: str) -> QWidget:
        """The widget editing field `name` (for tests)."""
        return self._editors[name].widget

    @property
    def finding_text(self) -> str:
        """What the panel says about the node's purpose ("" when not a node)."""
        return self._finding.text() if self._subject[0] == "node" else ""

    @property
    def warning_text(self) -> str:
        """What the panel warns of about the node's fields ("" when nothing, or not a node)."""
        return self._warning.text() if self._subject[0] == "node" else ""

    @Slot(list, list)
    def show_selection(self, node_ids: list[str], link_ids: list[str]) -> None:
        """Show the single selected node or link, else the role."""
        if not self._document.has_role:
            self._build("No role", [])
            return
        if len(node_ids) == 1 and not link_ids:
            self._show_node(node_ids[0])
        elif len(link_ids) == 1 and not node_ids:
            self._show_link(link_ids[0])
        elif node_ids or link_ids:
            self._subject = ("many", "")
            self._build(f"{len(node_ids) + len(link_ids)} items selected", [])
        else:
            self._show_role()

    # -- forms ------------------------------------------------------------------

    def _show_node(self, node_id: str) -> None:
        node = self._document.role_map.nodes[node_id]
        self._subject = ("node", node_id)
        categories = [c.name for c in self._document.role_map.role.categories]

        def setter(name: str) -> Any:
            return self._committer(
                lambda value: self._document.set_node_field(node_id, name, value)
            )

        rows = [("title", "Title", make_editor("text", setter("title")))]
        rows.append(("notes", "Notes", make_editor("multiline", setter("notes"))))
        for spec in FIELDS[node.kind]:
            editor = make_editor(spec.type, setter(spec.name), categories)
            explain(editor.widget, spec.help)
            rows.append((spec.name, spec.label, editor))
        self._build(node.kind.label, rows)
        self._refresh()

    def _show_link(self, link_id: str) -> None:
        self._subject = ("link", link_id)

        def setter(name: str) -> Any:
            return self._committer(
                lambda value: self._document.set_link_field(link_id, name, value)
            )

        self._build(
            "Link",
            [
                ("weight", "Weight (share of effort)", make_editor("number", setter("weight"))),
                ("confidence", "Confidence", make_editor("confidence", setter("confidence"))),
                ("note", "Note", make_editor("multiline", setter("note"))),
            ],
        )
        self._refresh()

    def _show_role(self) -> None:
        role = self._document.role_map.role
        self._subject = ("role", role.id)
        document = self._document

        def setter(name: str) -> Any:
            if name == "name":
                return self._committer(document.rename_role)
            return self._committer(lambda value: document.set_role_fields(**{name: value}))

        rows = [
            ("name", "Name", make_editor("text", setter("name"))),
            ("purpose", "Purpose", make_editor("multiline", setter("purpose"))),
            (
                "accountabilities",
                "Accountabilities",
                make_editor("lines", setter("accountabilities")),
            ),
            ("domains", "Domains", make_editor("lines", setter("domains"))),
            ("decision_rights", "Decision rights", make_editor("lines", setter("decision_rights"))),
            (
                "review_cadence",
                "Review every",
                make_editor("choice", setter("review_cadence"), REVIEW_CADENCES),
            ),
            (
                "purposeful_target",
                "Purposeful time target",
                make_editor("percent", setter("purposeful_target")),
            ),
        ]
        for category in role.categories:
            name = category.name

            def set_share(value: float, name: str = name) -> None:
                allocation = dict(document.role_map.role.ideal_allocation)
                allocation[name] = round(value, 4)
                document.set_role_fields(
                    _label=f"Change ideal share of ‘{name}’", ideal_allocation=allocation
                )

            rows.append(
                (f"ideal:{name}", f"Ideal share · {name}", make_editor("percent", set_share))
            )
        for name, _label, editor in rows:
            explain(editor.widget, ROLE_FIELDS.get(name) or _share_help(name))
        self._build("Role", rows)
        self._refresh()

    def _build(self, heading: str, rows: list[tuple[str, str, Editor]]) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(heading)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        explain(title, KINDS.get(heading, ""))
        layout.addWidget(title)
        if self._subject[0] == "node":
            self._finding = QLabel()
            self._finding.setObjectName("node-finding")
            self._finding.setWordWrap(True)
            layout.addWidget(self._finding)
            self._show_finding()
            self._warning = QLabel()
            self._warning.setObjectName("node-warning")
            self._warning.setWordWrap(True)
            self._warning.setStyleSheet("color: #b35c00;")
            self._warning.setVisible(False)
            layout.addWidget(self._warning)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._editors = {}
        for name, label, editor in rows:
            editor.widget.setObjectName(f"field-{name}")
            editor.widget.setAccessibleName(label)  # what a screen reader says for the field
            caption = QLabel(label)
            caption.setWordWrap(True)  # long category names must not widen the panel
            # ... but a short one stays on one line (a wrapped label takes a narrow hint).
            caption.setMinimumWidth(min(caption.fontMetrics().horizontalAdvance(label) + 4, 240))
            caption.setBuddy(editor.widget)
            explain(caption, editor.widget.whatsThis())  # the caption explains its field
            form.addRow(caption, editor.widget)
            self._editors[name] = editor
        layout.addLayout(form)
        if not rows and heading == "Role":
            layout.addWidget(QLabel("Select a node or a link to edit it."))
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setWidget(page)

    def _refresh(self, force: bool = False) -> None:
        kind, subject_id = self._subject
        role_map = self._document.role_map
        values: dict[str, Any]
        if kind == "node" and subject_id in role_map.nodes:
            node = role_map.nodes[subject_id]
            values = {"title": node.title, "notes": node.notes, **node.details}
        elif kind == "link" and subject_id in role_map.links:
            link = role_map.links[subject_id]
            values = {"weight": link.weight, "confidence": link.confidence, "note": link.note}
        elif kind == "role":
            role = role_map.role
            values = {
                "name": role.name,
                "purpose": role.purpose,
                "accountabilities": role.accountabilities,
                "domains": role.domains,
                "decision_rights": role.decision_rights,
                "review_cadence": role.review_cadence,
                "purposeful_target": role.purposeful_target,
            }
            for category in role.categories:
                values[f"ideal:{category.name}"] = role.ideal_allocation.get(category.name, 0.0)
        else:
            return
        for name, editor in self._editors.items():
            editor.show(values.get(name), force=force)
        if kind == "node":
            self._show_warning()

    def _committer(self, commit: Any) -> Any:
        """`commit(value)`; a cleared field the document refuses gets the stored value back.

        The field may still have the focus (Enter keeps it there), where the panel
        otherwise never writes: an emptied title must not stay on show as if the
        node had lost it. Other refused text stays as typed, to be corrected
        (the status bar says what is wrong with it).
        """

        def run(value: Any) -> None:
            if commit(value) is False and isinstance(value, str) and not value.strip():
                self._refresh(force=True)

        return run

    def _show_warning(self) -> None:
        kind, node_id = self._subject
        nodes = self._document.role_map.nodes
        warning = direction_warning(nodes[node_id]) if kind == "node" and node_id in nodes else None
        self._warning.setText(warning or "")
        self._warning.setVisible(warning is not None)

    def _show_finding(self) -> None:
        kind, node_id = self._subject
        finding = self._document.analysis.finding_of(node_id) if kind == "node" else None
        self._finding.setText(finding.explanation if finding is not None else "")
        self._finding.setVisible(finding is not None)

    @Slot(object)
    def _on_analysis_purpose_changed(self, _report: PurposeReport) -> None:
        if self._subject[0] == "node":
            self._show_finding()

    @Slot(str)
    def _on_document_changed(self, changed_id: str) -> None:
        if changed_id == self._subject[1]:
            self._refresh()

    @Slot(str)
    def _on_document_removed(self, removed_id: str) -> None:
        if removed_id == self._subject[1]:
            self.show_selection([], [])


def _share_help(name: str) -> str:
    """The help of an "ideal:<category>" row ("" for any other)."""
    return category_share(name.removeprefix("ideal:")) if name.startswith("ideal:") else ""
