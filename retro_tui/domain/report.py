"""The period report's data: what the house (or one of its groups) did and learned from
one day to another, gathered once from the store for every format to render."""

import calendar
from dataclasses import dataclass
from datetime import date

from retro_tui.domain import clock
from retro_tui.domain.decisions import Decision
from retro_tui.domain.groups import Group, get_group, list_groups
from retro_tui.domain.lessons import Lesson
from retro_tui.domain.meetings import Meeting
from retro_tui.domain.principles import list_principles
from retro_tui.domain.team import get_team
from retro_tui.domain.trends import (
    ActionOutcome,
    Bar,
    EnergyPoint,
    PrincipleHealthTrend,
    RoleCount,
    Tension,
    actions_in,
    decisions_in,
    energy_of,
    health_checks_of,
    health_trends,
    lesson_bars,
    lessons_in,
    meetings_in,
    outcome_bars,
    principle_labels,
    role_counts,
    tension_bars,
    tensions_of,
)
from retro_tui.errors import RetroError
from retro_tui.i18n import _
from retro_tui.store import Store

DEFAULT_MONTHS = 3  # a report without --from looks this many months back


@dataclass(frozen=True)
class PeriodReport:
    """Everything a period report tells, for one group or the whole house."""

    team: str
    group: Group | None  # None: every group of the house
    start: date
    end: date
    made: date  # the day it was made: open and overdue actions are as of then
    principles: dict[str, str]  # key to name, in the team's order
    group_names: dict[str, str]  # key to name of every group, to say whose a meeting was
    meetings: list[Meeting]
    roles: list[RoleCount]
    decisions: list[Decision]
    actions: list[ActionOutcome]
    outcomes: list[Bar]  # actions by how they ended
    tensions: list[Tension]
    tension_ranking: list[Bar]  # principles by how often in tension, most first
    lessons: list[Lesson]
    lesson_principles: list[Bar]  # principles by how many lessons touch them
    energy: list[EnergyPoint]
    health_checks: int  # health checks revealed in the period
    health: list[PrincipleHealthTrend]  # each principle's ratings, quarter by quarter

    @property
    def subject(self) -> str:
        """Whose report it is: the group's name, or the team's for the whole house."""
        return self.group.name if self.group else self.team

    def group_name(self, key: str) -> str:
        return self.group_names.get(key, key)

    def principle_name(self, key: str) -> str:
        """A principle's name; one the team no longer has is named by its key."""
        return self.principles.get(key, key)


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def default_period(start: date | None, end: date | None) -> tuple[date, date]:
    """The period asked for: to today unless told, from three months before its end
    unless told; an error if it ends before it starts."""
    end = end or clock.today()
    start = start or months_before(end, DEFAULT_MONTHS)
    if end < start:
        raise RetroError(_("--to {end} comes before --from {start}").format(end=end, start=start))
    return start, end


def gather_report(
    store: Store, start: date, end: date, group: str | None = None, made: date | None = None
) -> PeriodReport:
    """The report of the period from `start` to `end` (both included) for the group named
    `group` (a forum, a community or the team itself), or the whole house when None."""
    owner = get_group(store, group) if group is not None else None
    key = owner.key if owner else None
    today = made or clock.today()
    principles = principle_labels(store)
    # Held: a meeting planned for a day still to come is not part of the story yet.
    meetings = [m for m in meetings_in(store, start, end, key) if m.date <= today.isoformat()]
    tensions = tensions_of(store, meetings)
    actions = actions_in(store, start, end, key, today)
    lessons = lessons_in(store, start, end, key)
    checks = health_checks_of(store, meetings)
    return PeriodReport(
        team=get_team(store).name,
        group=owner,
        start=start,
        end=end,
        made=today,
        principles=principles,
        group_names={g.key: g.name for g in list_groups(store)},
        meetings=meetings,
        roles=role_counts(meetings),
        decisions=decisions_in(store, start, end, key),
        actions=actions,
        outcomes=outcome_bars(actions),
        tensions=tensions,
        tension_ranking=tension_bars(tensions, principles),
        lessons=lessons,
        lesson_principles=lesson_bars(lessons, principles),
        energy=energy_of(store, meetings),
        health_checks=len(checks),
        health=health_trends(checks, list_principles(store), start, end),
    )
