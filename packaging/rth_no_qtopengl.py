"""PyInstaller runtime hook: a placeholder for PySide6.QtOpenGL, left out of the bundle.

pyqtgraph imports PySide6.QtOpenGL as soon as its curve and colour-mesh items load,
but only touches it when drawing through OpenGL, which Rolemap never switches on.
The binding is 8.5 MB, so rolemap.spec leaves it out and this hook, run before
Rolemap starts, puts a placeholder module in its place. Anything that does reach
for an OpenGL class gets an AttributeError naming the cause instead of a crash.
"""

import sys
import types

MODULE = "PySide6.QtOpenGL"


class _LeftOutModule(types.ModuleType):
    """A module whose every public attribute is reported as left out of the bundle."""

    def __getattr__(self, name: str) -> object:
        raise AttributeError(
            f"{MODULE}.{name} is not in the Rolemap bundle (packaging/rolemap.spec leaves "
            "QtOpenGL out: Rolemap draws without OpenGL)"
        )


if MODULE not in sys.modules:
    sys.modules[MODULE] = _LeftOutModule(MODULE)
