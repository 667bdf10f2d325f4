"""The check-in that opens a meeting: each member's energy (1-5) and a word."""

from dataclasses import dataclass

from retro_tui.domain import clock, validate
from retro_tui.domain.meetings import newest_meetings, open_content
from retro_tui.domain.team import Member
from retro_tui.store import Store, where

CHECKINS = "checkins"


@dataclass(frozen=True)
class CheckIn:
    member: str
    energy: int
    word: str
    at: str


def check_in(store: Store, meeting_id: str, member: Member, energy: int, word: str) -> CheckIn:
    """Record (or replace) a member's check-in."""
    entry = CheckIn(member.name, validate.energy(energy), validate.word(word), clock.timestamp())
    with store.transaction():
        _, content = open_content(store, meeting_id, for_change=True)
        content.table(CHECKINS).upsert(entry.__dict__, where("member") == member.name)
    return entry


def list_checkins(store: Store, meeting_id: str) -> list[CheckIn]:
    _, content = open_content(store, meeting_id)
    return [CheckIn(**doc) for doc in content.table(CHECKINS).all()]


def energy_trend(store: Store, last: int = 8) -> list[tuple[str, float]]:
    """Average check-in energy of the last `last` meetings that had a check-in."""
    trend: list[tuple[str, float]] = []
    for meeting in newest_meetings(store):
        entries = list_checkins(store, meeting.id)
        if entries:
            trend.append((meeting.id, sum(e.energy for e in entries) / len(entries)))
        if len(trend) == last:
            break
    return list(reversed(trend))
