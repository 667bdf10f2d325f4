"""What the team sees first: purpose, upcoming roles, open actions, lessons, meetings."""

from dataclasses import dataclass, replace
from itertools import islice

from retro_tui.domain.actions import ACTIONS, Action, open_actions
from retro_tui.domain.agenda import tension_counts
from retro_tui.domain.decisions import DECISIONS, Decision, count_due, due_for_review
from retro_tui.domain.lessons import LESSONS, Lesson, newest_lessons
from retro_tui.domain.meetings import (
    CLOSED,
    MEETINGS,
    Meeting,
    content_file,
    newest_meetings,
    upcoming_meetings,
    upcoming_roles,
)
from retro_tui.domain.principles import Principle, list_principles
from retro_tui.domain.rota import Roles
from retro_tui.domain.tasks import TASKS, Task, needing_attention
from retro_tui.domain.team import Member, Team, get_team, list_members
from retro_tui.store import TEAM, Store

RECENT = 8  # meetings and lessons that count as lately
HISTORY = 60  # closed meetings listed, for a screen tall enough to show them


@dataclass(frozen=True)
class Overview:
    team: Team
    members: list[Member]
    principles: list[Principle]
    upcoming: list[Meeting]  # planned or running, soonest first
    recent: list[Meeting]  # closed, newest first, up to HISTORY
    rota: list[Roles]  # after the upcoming ones
    open_actions: list[Action]
    recent_lessons: list[Lesson]
    tensions: list[tuple[str, int]]  # principle key, times in tension lately
    due_decisions: list[Decision]  # in force, their review date come: the soonest few
    due_count: int  # how many have come to their review date
    tasks: list[tuple[Task, str]]  # leadership tasks that need a look, and why


def team_overview(
    store: Store, before: Overview | None = None, changed: frozenset[str] | None = None
) -> Overview:
    """The overview; with `before` and the files `changed` since it was made, only the
    parts those files hold are read again (a lesson written reads only the lessons)."""
    if before is None or changed is None or TEAM in changed:
        return _whole_overview(store)
    kinds = {name.split("-", 1)[0] for name in changed}
    if MEETINGS in kinds:
        recent = _recent_meetings(store)
        before = replace(
            before,
            upcoming=upcoming_meetings(store),
            recent=recent,
            rota=upcoming_roles(store, 3),
            tensions=_tensions(store, recent),
        )
    elif {content_file(m.id) for m in before.recent[:RECENT]} & changed:
        before = replace(before, tensions=_tensions(store, before.recent))
    if ACTIONS in kinds:
        before = replace(before, open_actions=open_actions(store))
    if LESSONS in kinds:
        before = replace(before, recent_lessons=newest_lessons(store, RECENT))
    if DECISIONS in kinds:
        before = replace(before, due_decisions=_soonest_due(store), due_count=count_due(store))
    if TASKS in kinds:
        before = replace(before, tasks=needing_attention(store))
    return before


def _whole_overview(store: Store) -> Overview:
    recent = _recent_meetings(store)
    return Overview(
        team=get_team(store),
        members=list_members(store),
        principles=list_principles(store),
        upcoming=upcoming_meetings(store),
        recent=recent,
        rota=upcoming_roles(store, 3),
        open_actions=open_actions(store),
        recent_lessons=newest_lessons(store, RECENT),
        tensions=_tensions(store, recent),
        due_decisions=_soonest_due(store),
        due_count=count_due(store),
        tasks=needing_attention(store),
    )


def _soonest_due(store: Store) -> list[Decision]:
    """The decisions that came to their review first: Home names two at most."""
    return due_for_review(store, first=2)


def _recent_meetings(store: Store) -> list[Meeting]:
    """The last closed meetings, newest first."""
    return list(islice((m for m in newest_meetings(store) if m.status == CLOSED), HISTORY))


def _tensions(store: Store, recent: list[Meeting]) -> list[tuple[str, int]]:
    """How often each principle was in tension in the last RECENT meetings."""
    return tension_counts(store, [m.id for m in recent[:RECENT]])
