"""Meeting minutes and the house's page: gathered once from the store, rendered as
Markdown, HTML or JSON."""

from retro_tui.export.house import HOUSE_FORMATS, export_house, gather_house
from retro_tui.export.minutes import FORMATS, export_meeting, gather_minutes

__all__ = [
    "FORMATS",
    "HOUSE_FORMATS",
    "export_house",
    "export_meeting",
    "gather_house",
    "gather_minutes",
]
