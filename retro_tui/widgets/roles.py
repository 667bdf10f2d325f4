"""Who leads and who notes, as one line that stays legible at any width: full names where
they fit, else first names with the initial of the last."""

from typing import TYPE_CHECKING

from rich.text import Text

from retro_tui.i18n import _
from retro_tui.widgets.plain import clipped, filled, plain

if TYPE_CHECKING:  # Home shows names before the domain loads
    from retro_tui.domain.meetings import Meeting


def short_name(name: str) -> str:
    """`Freja Nielsen` as `Freja N.`; a one-word name as it is."""
    first, *rest = name.split() or [""]
    return f"{first} {rest[-1][0]}." if rest else first


def leads_text(meeting: "Meeting", room: int | None = None) -> Text:
    """Who facilitates and who takes notes, in at most `room` cells: full names where
    they fit, else first names with an initial, else each name cut to its share."""
    facilitator, scribe = meeting.facilitator, meeting.scribe

    def worded(lead: str, notes: str | None) -> Text:
        return filled(
            _("{facilitator} leads · {scribe} notes"),
            "dim",
            facilitator=plain(lead, "bold"),
            scribe=plain(notes, "bold") if notes is not None else plain(_("nobody"), "bold"),
        )

    text = worded(facilitator, scribe)
    if room is None or text.cell_len <= room:
        return text
    short = (short_name(facilitator), short_name(scribe) if scribe else None)
    text = worded(*short)
    if text.cell_len <= room:
        return text
    each = max((room - worded("", "" if scribe else None).cell_len) // 2, 1)
    return worded(*(clipped(name, each).plain if name else name for name in short))
