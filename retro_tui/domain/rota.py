"""The fair facilitator and scribe rota, as a pure function of the team's past meetings.

For each role, among the members present: fewest turns in that role relative to the
meetings they were present for, then longest since their last turn, then the team's
stable order. Nobody holds both roles in a meeting, nobody holds a role twice in a row
while another present member could, and an absence builds no debt (turns are counted
relative to the meetings a member was there for).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

FACILITATOR = "facilitator"
SCRIBE = "scribe"
ROLES = (FACILITATOR, SCRIBE)


@dataclass(frozen=True)
class Turn:
    """One past (or planned) meeting as the rota sees it."""

    present: tuple[str, ...]
    facilitator: str | None
    scribe: str | None

    def holder(self, role: str) -> str | None:
        return self.facilitator if role == FACILITATOR else self.scribe


@dataclass(frozen=True)
class Roles:
    facilitator: str
    scribe: str | None  # None only when one member is present


def _rank(history: Sequence[Turn], role: str, order: Sequence[str]):
    """A sort key per member for `role`: lower goes first."""
    present_count: dict[str, int] = {}
    turns: dict[str, int] = {}
    last_turn: dict[str, int] = {}
    for index, turn in enumerate(history):
        for name in turn.present:
            present_count[name] = present_count.get(name, 0) + 1
        holder = turn.holder(role)
        if holder is not None:
            turns[holder] = turns.get(holder, 0) + 1
            last_turn[holder] = index
    position = {name: i for i, name in enumerate(order)}

    def key(name: str) -> tuple[Fraction, int, int]:
        eligible = present_count.get(name, 0)
        share = Fraction(turns.get(name, 0), eligible) if eligible else Fraction(0)
        return share, last_turn.get(name, -1), position.get(name, len(position))

    return key


def _pick(history: Sequence[Turn], role: str, candidates: list[str], order: Sequence[str]) -> str:
    previous = history[-1].holder(role) if history else None
    if previous in candidates and len(candidates) > 1:
        candidates = [c for c in candidates if c != previous]
    return min(candidates, key=_rank(history, role, order))


def choose_roles(history: Sequence[Turn], present: Sequence[str], order: Sequence[str]) -> Roles:
    """Facilitator and scribe for the next meeting, given who is present.

    `history` is the team's non-cancelled meetings, oldest first; `order` is the
    stable order of members (the order they joined).
    """
    if not present:
        raise ValueError("a meeting needs at least one member present")
    candidates = list(dict.fromkeys(present))
    facilitator = _pick(history, FACILITATOR, candidates, order)
    others = [c for c in candidates if c != facilitator]
    scribe = _pick(history, SCRIBE, others, order) if others else None
    return Roles(facilitator, scribe)


def preview(
    history: Sequence[Turn], present: Sequence[str], order: Sequence[str], count: int
) -> list[Roles]:
    """The roles of the next `count` meetings if everyone in `present` comes."""
    planned = list(history)
    upcoming: list[Roles] = []
    for _ in range(count):
        roles = choose_roles(planned, present, order)
        upcoming.append(roles)
        planned.append(Turn(tuple(present), roles.facilitator, roles.scribe))
    return upcoming
