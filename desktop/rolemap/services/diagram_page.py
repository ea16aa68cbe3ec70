"""The one-page diagram of a role as a preset asks for it: the map, and its figures if wanted.

Shared by the export dialog's preview and save and by `rolemap export`, so the
page on screen and the page on disk are composed alike.
"""

from __future__ import annotations

from rolemap.domain.role_map import RoleMap
from rolemap.render.composition import Composition, compose
from rolemap.render.page import PageSetup
from rolemap.services.diagram_figures import period_figures
from rolemap.store.database import Store
from rolemap.store.preferences import ExportPreset


def role_page(store: Store, role_map: RoleMap, preset: ExportPreset) -> Composition:
    """The role's page under `preset` (figures for its period when `preset.numbers`)."""
    figures = period_figures(store, role_map, preset.period) if preset.numbers else None
    return compose(
        role_map,
        PageSetup(preset.page, preset.landscape),
        figures.nodes if figures else None,
        period=figures.period.label if figures else "",
        footer=figures.footer if figures else (),
    )
