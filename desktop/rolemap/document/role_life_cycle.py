"""RoleLifeCycle: the roles of one database, which one is open, and each one's undo history.

RoleDocument is built on it (this is its base class, so these signals are the
document's own): creating, switching, renaming and deleting roles, reading
everything again after a restore, importing a file of roles, the role's own
fields (purpose, accountabilities, allocation, …) as undoable edits, and the
two ways a view reports that an intent went nowhere.

Signals:
    role_changed(str): the current role's own fields changed (its id).
    role_switched(str): another role is now current; views rebuild.
    roles_changed(): a role was created, renamed, imported or deleted.
    edit_refused(str): an intent broke a rule; nothing changed (message).
    edit_failed(str): a change could not be saved; nothing changed (message).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from rolemap.document.commands import SetRoleCommand
from rolemap.domain.entities import Role, new_id
from rolemap.domain.errors import InvalidValueError
from rolemap.domain.role_map import RoleMap
from rolemap.store.database import Store
from rolemap.store.errors import StoreError
from rolemap.store.role_repository import RoleRepository

if TYPE_CHECKING:
    from rolemap.services.transfer import ImportResult


class RoleLifeCycle(QObject):
    """The roles of a database; one is current at a time, each with its own undo stack."""

    role_changed = Signal(str)
    role_switched = Signal(str)
    roles_changed = Signal()
    edit_refused = Signal(str)
    edit_failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.roles_repo = RoleRepository(store)
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[str, QUndoStack] = {}
        self._map: RoleMap | None = None

    # -- what is open ---------------------------------------------------------------

    @property
    def role_map(self) -> RoleMap:
        """The current role's map. RuntimeError before a role is opened."""
        if self._map is None:
            raise RuntimeError("No role is open.")
        return self._map

    @property
    def has_role(self) -> bool:
        """Whether a role is open."""
        return self._map is not None

    @property
    def undo_stack(self) -> QUndoStack:
        """The current role's undo stack."""
        return self._stack_for(self.role_map.role.id)

    def roles(self) -> list[Role]:
        """Every role in the database."""
        return self.roles_repo.list_roles()

    # -- the life cycle -------------------------------------------------------------

    def switch_role(self, role_id: str) -> None:
        """Make `role_id` the current role (each role keeps its own undo history)."""
        self._map = self.roles_repo.load_map(role_id)
        self.undo_group.setActiveStack(self._stack_for(role_id))
        self.role_switched.emit(role_id)

    def reload(self) -> None:
        """Read everything again from the file (after a restore); the undo history is dropped.

        The current role stays current if the file still has it, else the first role.
        """
        current = self._map.role.id if self._map is not None else None
        for role_id in list(self._stacks):
            self._drop_stack(role_id)
        self._map = None
        ids = [role.id for role in self.roles()]
        if ids:
            self.switch_role(current if current in ids else ids[0])
        self.roles_changed.emit()

    def create_role(self, name: str) -> str | None:
        """Create an empty role and switch to it; returns its id (None if refused).

        The name is one clean line, and no other role's (case aside): `--role NAME`
        and the switcher choose roles by name.
        """
        checked = self._checked_name(name, except_id=None)
        if checked is None:
            return None
        name = checked
        role = Role(id=new_id(), name=name, created=dt.date.today().isoformat())
        try:
            with self.store.transaction():
                self.roles_repo.put_role(role)
        except StoreError as error:
            self.report_failure(str(error))
            return None
        self.roles_changed.emit()
        self.switch_role(role.id)
        return role.id

    def delete_role(self, role_id: str) -> bool:
        """Delete a role and everything on it (not undoable; the window asks first)."""
        try:
            with self.store.transaction():
                self.roles_repo.delete_role(role_id)
        except StoreError as error:
            self.report_failure(str(error))
            return False
        self._drop_stack(role_id)
        if self._map is not None and self._map.role.id == role_id:
            self._map = None
            remaining = self.roles()
            if remaining:
                self.switch_role(remaining[0].id)
        self.roles_changed.emit()
        return True

    def import_file(self, path: Path, *, replace: bool = False) -> ImportResult:
        """Import a Rolemap JSON file of roles, checked whole and written in one transaction.

        Roles already here are skipped, or swapped for the file's with `replace`.
        Raises FormatError (a bad file), StoreError or OSError; then nothing changed.
        """
        from rolemap.services.transfer import import_file  # not needed for the first paint

        result = import_file(self.store, path, replace=replace)
        if result.replaced or not self.has_role:
            self.reload()  # the open map may be one that was swapped
        else:
            self.roles_changed.emit()
        return result

    # -- the role's own fields (undoable) --------------------------------------------

    def rename_role(self, name: str) -> bool:
        """Rename the current role (undoable); another role's name is refused, case aside."""
        checked = self._checked_name(name, except_id=self.role_map.role.id)
        if checked is None:
            return False
        return self.set_role_fields(_label=f"Rename role to ‘{checked}’", name=checked)

    def _checked_name(self, name: str, except_id: str | None) -> str | None:
        """`name` cleaned, or None after refusing it (empty, not one line, or taken)."""
        from rolemap.domain.role_names import check_role_name  # not needed to open the window

        taken = [role.name for role in self.roles() if role.id != except_id]
        try:
            return check_role_name(name, taken)
        except InvalidValueError as error:
            self.refuse(str(error))
            return None

    def set_role_fields(self, _label: str | None = None, **changes: Any) -> bool:
        """Change the current role's own fields (purpose, allocation, …), undoable."""
        old = self.role_map.role
        try:
            new = dataclasses.replace(old, **changes)
        except TypeError as error:
            self.refuse(str(error))
            return False
        if new == old:
            return True
        label = _label or f"Change {', '.join(changes).replace('_', ' ')} of role"
        self.undo_stack.push(SetRoleCommand(self, label, old, new))
        return self.role_map.role == new

    def _apply_role(self, role: Role) -> bool:
        """Save the role's fields, then update the model and tell the views (SetRoleCommand)."""
        try:
            with self.store.transaction():
                self.roles_repo.put_role(role)
        except StoreError as error:
            self.report_failure(str(error))
            return False
        self.role_map.role = role
        self.role_changed.emit(role.id)
        self.roles_changed.emit()
        return True

    # -- what views report -------------------------------------------------------------

    def refuse(self, message: str) -> None:
        """Say that an intent broke a rule and nothing changed (the status bar shows it)."""
        self.edit_refused.emit(message)

    def report_failure(self, message: str) -> None:
        """Say that a change could not be saved and nothing changed."""
        self.edit_failed.emit(message)

    # -- undo stacks ----------------------------------------------------------------------

    def _stack_for(self, role_id: str) -> QUndoStack:
        stack = self._stacks.get(role_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[role_id] = stack
        return stack

    def _drop_stack(self, role_id: str) -> None:
        stack = self._stacks.pop(role_id, None)
        if stack is not None:
            self.undo_group.removeStack(stack)
            stack.deleteLater()
