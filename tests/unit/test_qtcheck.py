"""The start-up check: a missing Qt library or display gets one plain sentence and the fix."""

from __future__ import annotations

import ctypes
import subprocess
import sys

import pytest

from rolemap.system import qtcheck


def test_nothing_missing_here() -> None:
    assert qtcheck.missing_packages(window=False) == []


def _gone(names: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `names` neither in a system folder nor loadable; the rest as they are."""
    real_exists, real_load = qtcheck.os.path.exists, ctypes.CDLL

    def exists(path: str) -> bool:
        return not path.endswith(names) and real_exists(path)

    def load(name: str, *args: object, **kwargs: object) -> object:
        if name in names:
            raise OSError(f"{name}: cannot open shared object file")
        return real_load(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qtcheck.os.path, "exists", exists)
    monkeypatch.setattr(ctypes, "CDLL", load)


def test_missing_library_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    _gone(("libEGL.so.1", "libxkbcommon.so.0"), monkeypatch)
    problems = qtcheck.problems(window=False)
    assert len(problems) == 1
    assert "sudo apt-get install libegl1 libxkbcommon0" in problems[0]


def test_no_display_explains_how_to_run_under_xvfb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(qtcheck, "missing_packages", lambda window: [])
    problems = qtcheck.problems(window=True)
    assert len(problems) == 1
    assert "no display" in problems[0] and "xvfb-run -a" in problems[0]
    assert qtcheck.main(["--window"]) == 1


def test_offscreen_platform_needs_no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qtcheck.has_display()


def test_offscreen_window_needs_no_x11_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake(name: str, *args: object, **kwargs: object) -> object:
        asked.append(name)
        return object()

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(qtcheck.os.path, "exists", lambda path: False)
    monkeypatch.setattr(ctypes, "CDLL", fake)
    assert qtcheck.missing_packages(window=True) == []
    assert asked and not any("xcb" in name for name in asked)


def test_a_library_outside_the_system_folders_is_found_by_loading_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """LD_LIBRARY_PATH, /etc/ld.so.conf.d, another layout: the loader's answer counts."""
    loaded: list[str] = []

    def load(name: str, *args: object, **kwargs: object) -> object:
        loaded.append(name)
        return object()

    monkeypatch.setattr(qtcheck.os.path, "exists", lambda path: False)
    monkeypatch.setattr(ctypes, "CDLL", load)
    assert qtcheck.missing_packages(window=False) == []
    assert loaded == list(qtcheck.OFFSCREEN_LIBS)


def test_a_library_in_a_system_folder_is_not_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def load(name: str, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"{name} was loaded")

    monkeypatch.setattr(qtcheck.os.path, "exists", lambda path: True)
    monkeypatch.setattr(ctypes, "CDLL", load)
    assert qtcheck.missing_packages(window=True) == []


def test_the_check_here_costs_no_ctypes_import() -> None:
    """ctypes takes 3–4 ms to import; the window's start needs none of it on this machine."""
    code = (
        "import sys\n"
        "from rolemap.system import qtcheck\n"
        "assert qtcheck.missing_packages(window=True) == []\n"
        "print('ctypes' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
