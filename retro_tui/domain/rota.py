"""The fair facilitator and scribe rota, as a pure function of the team's past meetings.

For each role, among the members present: fewest turns in that role relative to the
meetings they were present for, then longest since their last turn, then the team's
stable order. "Relative" means against a fair share: each meeting a member attends adds
1/(number present) to what they owe, each turn pays one back. So an absence builds no
debt: while away a member owes nothing, and those present share the turns among fewer.
Nobody holds both roles in a meeting, and nobody holds a role twice in a row while
another present member could.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


class _Ledger:
    """Per role and member: turns taken minus fair share (lowest is most due), and last turn.

    Shares are kept as integers over a common denominator, so sums stay exact and fast.
    """

    def __init__(self, history: Sequence[Turn], sizes: set[int], order: Sequence[str]) -> None:
        self.scale = math.lcm(*(sizes | {len(t.present) for t in history} | {1}))
        self.balance: dict[tuple[str, str], int] = {}
        self.last_turn: dict[tuple[str, str], int] = {}
        self.position = {name: i for i, name in enumerate(order)}
        self.turns: list[Turn] = []
        for turn in history:
            self.add(turn)

    def add(self, turn: Turn) -> None:
        index = len(self.turns)
        self.turns.append(turn)
        if turn.present:
            share = self.scale // len(turn.present)
            for role in ROLES:
                for name in turn.present:
                    self.balance[role, name] = self.balance.get((role, name), 0) - share
        for role in ROLES:
            holder = turn.holder(role)
            if holder is not None:
                self.balance[role, holder] = self.balance.get((role, holder), 0) + self.scale
                self.last_turn[role, holder] = index

    def pick(self, role: str, candidates: list[str]) -> str:
        previous = self.turns[-1].holder(role) if self.turns else None
        if previous in candidates and len(candidates) > 1:
            candidates = [c for c in candidates if c != previous]
        return min(
            candidates,
            key=lambda name: (
                self.balance.get((role, name), 0),
                self.last_turn.get((role, name), -1),
                self.position.get(name, len(self.position)),
            ),
        )

    def choose(self, present: Sequence[str]) -> Roles:
        if not present:
            raise ValueError("a meeting needs at least one member present")
        candidates = list(dict.fromkeys(present))
        facilitator = self.pick(FACILITATOR, candidates)
        others = [c for c in candidates if c != facilitator]
        return Roles(facilitator, self.pick(SCRIBE, others) if others else None)


def choose_roles(history: Sequence[Turn], present: Sequence[str], order: Sequence[str]) -> Roles:
    """Facilitator and scribe for the next meeting, given who is present.

    `history` is the team's non-cancelled meetings, oldest first; `order` is the
    stable order of members (the order they joined).
    """
    return _Ledger(history, {len(set(present))}, order).choose(present)


def preview(
    history: Sequence[Turn], present: Sequence[str], order: Sequence[str], count: int
) -> list[Roles]:
    """The roles of the next `count` meetings if everyone in `present` comes."""
    ledger = _Ledger(history, {len(set(present))}, order)
    upcoming: list[Roles] = []
    for _ in range(count):
        roles = ledger.choose(present)
        upcoming.append(roles)
        ledger.add(Turn(tuple(present), roles.facilitator, roles.scribe))
    return upcoming
