"""Spare the window's start PySide's reading of every module's source.

Once PySide6 is imported, it looks at each module imported after it to know
whether the module uses PySide (for its opt-in `__feature__` syntax): it
reads the module's whole source with `inspect.getsource` and searches it for
"PySide6". The window's start imports about 130 modules after PySide6, and
reading them took 10–20 ms of a 250 ms start (`make bench`, start-up).

`skip_source_reading` answers that question without the source for the two
kinds of module whose answer is known: Rolemap's own (they use PySide and no
`__feature__`, so either answer selects no feature) and Python's standard
library (it never uses PySide). Every other module is looked at as before.
The hook is PySide's internal `PySide6.support.feature._mod_uses_pyside`: if
a release renames it, nothing is changed and the start is as slow as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from types import ModuleType

_STANDARD_LIBRARY = os.path.dirname(os.__file__) + os.sep
_PACKAGES = ("site-packages", "dist-packages")  # installed packages, not the library


def skip_source_reading() -> bool:
    """Install the shortcut (once); whether PySide has the hook it replaces."""
    feature = sys.modules.get("PySide6.support.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "rolemap_shortcut", False):
        return True
    feature._mod_uses_pyside = _shortcut(original)  # type: ignore[attr-defined]
    return True


def _shortcut(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        name = getattr(module, "__name__", "")
        if name == "rolemap" or name.startswith("rolemap."):
            return True
        file = getattr(module, "__file__", None) or ""
        if file.startswith(_STANDARD_LIBRARY) and not any(p in file for p in _PACKAGES):
            return False
        return original(module)

    uses_pyside.rolemap_shortcut = True  # type: ignore[attr-defined]
    return uses_pyside
