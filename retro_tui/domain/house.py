"""The house at a glance: every forum and community, what it is for, who leads it, who is in
it and when it meets next. The forum map and `retro forum list` show this."""

from dataclasses import dataclass

from retro_tui.domain import clock
from retro_tui.domain.groups import TEAM_GROUP, Group, active_members_of, list_groups
from retro_tui.domain.meetings import upcoming_meetings
from retro_tui.store import Store


@dataclass(frozen=True)
class GroupView:
    """A group as the map shows it."""

    group: Group
    members: list[str]  # its members still in the house
    next_meeting: str | None  # the day of its next meeting, planned or by its plan
    planned: bool  # whether that meeting is planned already

    def as_json(self) -> dict:
        group = self.group
        return {
            "name": group.name,
            "key": group.key,
            "kind": group.kind,
            "area": group.focus if group.kind == "forum" else None,
            "topic": group.focus if group.kind == "community" else None,
            "lead": group.lead,
            "co_lead": group.co_lead,
            "host": group.roles.get("host"),
            "members": self.members,
            "meets": group.cadence.describe() if group.cadence else None,
            "facilitation": group.facilitation,
            "next_meeting": self.next_meeting,
        }


def house_map(store: Store, with_team: bool = False) -> list[GroupView]:
    """Every forum and community (and the team first, if asked), with its next meeting."""
    upcoming = upcoming_meetings(store)
    views = []
    for group in list_groups(store):
        if group.key == TEAM_GROUP and not with_team:
            continue
        planned = [m.date for m in upcoming if m.group == group.key]
        day = min(planned) if planned else _by_plan(group)
        views.append(GroupView(group, active_members_of(store, group), day, bool(planned)))
    return views


def _by_plan(group: Group) -> str | None:
    days = group.plan_days(clock.today(), 1)
    return days[0].isoformat() if days else None
