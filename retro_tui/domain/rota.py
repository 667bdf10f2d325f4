"""The fair facilitator and scribe rota, as a pure function of a group's past meetings.

Each group (the team, a forum, a community) has a rota of its own: turns in one group
never count in another. For each role, among the members present: fewest turns in that
role relative to the meetings they were present for, then longest since their last turn,
then the team's stable order. A forum may have its lead and co-lead facilitate in turn;
then only they are candidates for facilitator while one of them is present. "Relative" means against a fair share: each meeting a member attends adds
1/(number present) to what they owe, each turn pays one back. So an absence builds no
debt: while away a member owes nothing, and those present share the turns among fewer.
Nobody holds both roles in a meeting, and nobody holds a role twice in a row while
another present member could.
"""

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

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


@dataclass(frozen=True)
class Tally:
    """What the rota keeps of a run of meetings, so that they need not be read again: per
    role and member the balance (turns taken minus fair share, in units of 1/scale) and the
    last turn (counted from the run's first meeting), and who held each role last."""

    count: int
    scale: int
    balance: dict[str, dict[str, int]]
    last_turn: dict[str, dict[str, int]]
    final: dict[str, str | None]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(value: Any) -> "Tally":
        """The tally `as_json` gave; ValueError for anything else."""
        try:
            tally = Tally(**value)
            tables = [table[role] for table in (tally.balance, tally.last_turn) for role in ROLES]
            if (
                type(tally.count) is int
                and type(tally.scale) is int
                and tally.scale > 0
                and all(type(k) is str and type(n) is int for t in tables for k, n in t.items())
                and all(type(tally.final[role]) in (str, type(None)) for role in ROLES)
            ):
                return tally
        except (TypeError, KeyError, AttributeError):
            pass
        raise ValueError("not a rota tally")  # i18n: not shown


def tally(history: Sequence[Turn], earlier: Sequence[Tally] = ()) -> Tally:
    """The tally of the meetings `earlier` tallies and then `history`, oldest first."""
    ledger = _Ledger(history, set(), (), earlier)
    return Tally(
        ledger.count,
        ledger.scale,
        {role: {n: b for (r, n), b in ledger.balance.items() if r == role} for role in ROLES},
        {role: {n: t for (r, n), t in ledger.last_turn.items() if r == role} for role in ROLES},
        dict(ledger.previous),
    )


class _Ledger:
    """Per role and member: turns taken minus fair share (lowest is most due), and last turn.

    Shares are kept as integers over a common denominator, so sums stay exact and fast.
    Tallies of earlier meetings come first, then the meetings of `history`.
    """

    def __init__(
        self,
        history: Sequence[Turn],
        sizes: set[int],
        order: Sequence[str],
        earlier: Sequence[Tally] = (),
    ) -> None:
        self.scale = math.lcm(
            *(sizes | {len(t.present) for t in history} | {t.scale for t in earlier} | {1})
        )
        self.balance: dict[tuple[str, str], int] = {}
        self.last_turn: dict[tuple[str, str], int] = {}
        self.position = {name: i for i, name in enumerate(order)}
        self.count = 0
        self.previous: dict[str, str | None] = dict.fromkeys(ROLES)
        for run in earlier:
            self.add_tally(run)
        for turn in history:
            self.add(turn)

    def add_tally(self, run: Tally) -> None:
        factor = self.scale // run.scale
        for role in ROLES:
            for name, balance in run.balance[role].items():
                key = role, name
                self.balance[key] = self.balance.get(key, 0) + balance * factor
            for name, turn in run.last_turn[role].items():
                self.last_turn[role, name] = self.count + turn
        if run.count:
            self.previous = dict(run.final)
        self.count += run.count

    def add(self, turn: Turn) -> None:
        index = self.count
        self.count += 1
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
            self.previous[role] = holder

    def pick(self, role: str, candidates: list[str]) -> str:
        previous = self.previous[role]
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

    def choose(self, present: Sequence[str], leads: Sequence[str] = ()) -> Roles:
        """Roles for a meeting of `present`; the facilitator one of `leads` when any of
        them is there (a forum facilitated by its lead and co-lead in turn)."""
        if not present:
            raise ValueError("a meeting needs at least one member present")  # i18n: not shown
        candidates = list(dict.fromkeys(present))
        facilitator = self.pick(FACILITATOR, [c for c in candidates if c in leads] or candidates)
        others = [c for c in candidates if c != facilitator]
        return Roles(facilitator, self.pick(SCRIBE, others) if others else None)


def choose_roles(
    history: Sequence[Turn],
    present: Sequence[str],
    order: Sequence[str],
    earlier: Sequence[Tally] = (),
    leads: Sequence[str] = (),
) -> Roles:
    """Facilitator and scribe for the next meeting, given who is present.

    `history` is the group's non-cancelled meetings, oldest first, after those that
    `earlier` tallies; `order` is the stable order of members (the order they joined);
    `leads`, if given, are the only ones who facilitate while one of them is present.
    """
    return _Ledger(history, {len(set(present))}, order, earlier).choose(present, leads)


def preview(
    history: Sequence[Turn],
    present: Sequence[str],
    order: Sequence[str],
    count: int,
    earlier: Sequence[Tally] = (),
    leads: Sequence[str] = (),
) -> list[Roles]:
    """The roles of the next `count` meetings if everyone in `present` comes."""
    ledger = _Ledger(history, {len(set(present))}, order, earlier)
    upcoming: list[Roles] = []
    for _ in range(count):
        roles = ledger.choose(present, leads)
        upcoming.append(roles)
        ledger.add(Turn(tuple(present), roles.facilitator, roles.scribe))
    return upcoming
