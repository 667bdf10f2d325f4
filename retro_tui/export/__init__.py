"""Meeting minutes: gathered once from the store, rendered as Markdown, HTML or JSON."""

from retro_tui.export.minutes import FORMATS, export_meeting, gather_minutes

__all__ = ["FORMATS", "export_meeting", "gather_minutes"]
