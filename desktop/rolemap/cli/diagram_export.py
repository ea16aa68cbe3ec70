"""`rolemap export --format pdf|svg|png`: the one-page diagram from the command line.

Runs without a display: the offscreen Qt platform is chosen here unless the
caller chose one. Options left out default to the role's export preset, and
the options used become the new preset, so a repeat export is one command.
Qt is imported only when a diagram is exported (the JSON export stays fast).
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path

from rolemap.cli.common import CommandError, choose_role, open_database, say
from rolemap.store.preferences import PAGES, PERIODS, ExportPreset, load_preset, save_preset

DIAGRAM_FORMATS = ("pdf", "svg", "png")


def add_options(export: argparse.ArgumentParser) -> None:
    """The diagram's options on `rolemap export` (ignored for json)."""
    group = export.add_argument_group("diagram (pdf, svg, png); defaults: the role's last export")
    group.add_argument("--page", choices=PAGES, help="paper size (default a4)")
    orientation = group.add_mutually_exclusive_group()
    orientation.add_argument(
        "--portrait", dest="landscape", action="store_false", default=None, help="upright page"
    )
    orientation.add_argument(
        "--landscape", dest="landscape", action="store_true", default=None, help="(default)"
    )
    group.add_argument("--period", choices=PERIODS, help="what the figures cover (default month)")
    numbers = group.add_mutually_exclusive_group()
    numbers.add_argument(
        "--no-numbers", dest="numbers", action="store_false", default=None, help="map only"
    )
    numbers.add_argument("--numbers", dest="numbers", action="store_true", default=None)
    group.add_argument("--dpi", type=int, metavar="N", help="PNG resolution (default 300)")


def run(args: argparse.Namespace) -> int:
    """Export the diagram of one role."""
    output = Path(args.output)
    _check_output(output)
    if args.dpi is not None and not 30 <= args.dpi <= 1200:
        raise CommandError(f"--dpi {args.dpi} is out of range; use 30 to 1200.")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    store = open_database(args)
    try:
        role = choose_role(store, args.role)
        preset = _merged(load_preset(store, role.id), args)
        written = export_diagram(store, role.id, preset, output)
        save_preset(store, role.id, replace(preset, path=str(output.resolve())))
    finally:
        store.close()
    for note in written:
        say(f"Note: {note}")
    say(f"Wrote {output}")
    return 0


def export_diagram(store: object, role_id: str, preset: ExportPreset, output: Path) -> list[str]:
    """Compose and write the role's page; returns notes (e.g. the map was shrunk)."""
    from PySide6.QtGui import QGuiApplication

    from rolemap.render.writers import RenderError, write
    from rolemap.services.diagram_page import role_page
    from rolemap.store.database import Store
    from rolemap.store.role_repository import RoleRepository

    app = QGuiApplication.instance() or QGuiApplication(["rolemap"])  # painting needs one
    assert isinstance(store, Store) and app is not None
    composition = role_page(store, RoleRepository(store).load_map(role_id), preset)
    try:
        write(composition, output, preset.format, preset.dpi)
    except RenderError as error:
        raise CommandError(str(error)) from None
    return list(composition.notes)


def _merged(preset: ExportPreset, args: argparse.Namespace) -> ExportPreset:
    changes: dict[str, object] = {"format": args.format}
    for name in ("page", "landscape", "period", "numbers", "dpi"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value
    return replace(preset, **changes)  # type: ignore[arg-type]


def _check_output(output: Path) -> None:
    if output.is_dir():
        raise CommandError(f"{output} is a folder; give a file name.")
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"Cannot write {output}: there is no folder {folder}.")
    if not os.access(folder, os.W_OK):
        raise CommandError(f"Cannot write {output}: the folder {folder} is not writable.")
