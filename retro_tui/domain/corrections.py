"""Corrections: a decision, an action or a card changed or removed after it was recorded.

Each correction is kept in the meeting's own file with what the text said before, and
the minutes list them all: a typo can be fixed, but nothing in the minutes changes
without the minutes saying so.
"""

from dataclasses import dataclass

from retro_tui.domain import clock
from retro_tui.domain.meetings import open_content
from retro_tui.domain.team import Member
from retro_tui.store import Store, TinyDB

CORRECTIONS = "corrections"
EDITED, REMOVED = "edited", "removed"
CHANGES = (EDITED, REMOVED)
CORRECTED = ("decision", "action", "card")


@dataclass(frozen=True)
class Correction:
    what: str  # decision, action or card
    ref: str  # its id
    change: str  # edited or removed
    was: str  # how it read before
    now: str  # how it reads after ("" once removed)
    by: str | None
    at: str


def note_correction(
    content: TinyDB, what: str, ref: object, was: str, now: str, by: Member | None
) -> Correction:
    """Record in a meeting's file (`content`, inside the writer's transaction) that a
    record changed; `now` is "" when it was removed."""
    doc = {
        "what": what,
        "ref": str(ref),
        "change": EDITED if now else REMOVED,
        "was": was,
        "now": now,
        "by": by.name if by else None,
        "at": clock.timestamp(),
    }
    content.table(CORRECTIONS).insert(doc)
    return Correction(**doc)


def list_corrections(store: Store, meeting_id: str) -> list[Correction]:
    """The meeting's corrections, oldest first."""
    _, content = open_content(store, meeting_id)
    return [Correction(**doc) for doc in content.table(CORRECTIONS).all()]
