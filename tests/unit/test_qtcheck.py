"""The start-up check: a missing Qt library or display gets one plain sentence and the fix."""

from __future__ import annotations

import ctypes

import pytest

from rolemap.system import qtcheck


def test_nothing_missing_here() -> None:
    assert qtcheck.missing_packages(window=False) == []


def test_missing_library_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = ctypes.CDLL

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name in ("libEGL.so.1", "libxkbcommon.so.0"):
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(qtcheck.ctypes, "CDLL", fake)
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
    monkeypatch.setattr(qtcheck.ctypes, "CDLL", fake)
    assert qtcheck.missing_packages(window=True) == []
    assert not any("xcb" in name for name in asked)
