"""Who leads and who notes, as one line that stays legible at any width: full names where
they fit, else first names with the initial of the last."""

from typing import TYPE_CHECKING

from rich.text import Text

from retro_tui.i18n import _
from retro_tui.widgets.plain import filled, plain

if TYPE_CHECKING:  # Home shows names before the domain loads
    from retro_tui.domain.meetings import Meeting


def short_name(name: str) -> str:
    """`Freja Nielsen` as `Freja N.`; a one-word name as it is."""
    first, *rest = name.split() or [""]
    return f"{first} {rest[-1][0]}." if rest else first


def leads_text(meeting: "Meeting", room: int | None = None) -> Text:
    """Who facilitates and who takes notes, in at most `room` cells where names can be
    shortened to fit."""
    scribe = meeting.scribe or _("nobody")
    text = Text()
    for shorten in (str, short_name):
        text = filled(
            _("{facilitator} leads · {scribe} notes"),
            "dim",
            facilitator=plain(shorten(meeting.facilitator), "bold"),
            scribe=plain(shorten(scribe) if meeting.scribe else scribe, "bold"),
        )
        if room is None or text.cell_len <= room:
            break
    return text
