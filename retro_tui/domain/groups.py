"""The groups of a house: the team, its decision forums and its knowledge communities.

The team (every active member) is the first group, as a store has always had it. A
decision forum owns an area and takes formal decisions in it; it has a lead and a co-lead.
A knowledge community shares knowledge on a topic and decides nothing; it may have a host.
Each group has its own members, meeting plan, meetings and rota. Openness is a principle:
everyone sees every group.

A group's standing roles (lead, co-lead, host) are data: each is a key, a name and who
holds it since when, and every change is kept with its reason. They differ from the
facilitator and scribe of a meeting, which the rota hands out meeting by meeting.
"""

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta

from retro_tui.domain import clock, validate
from retro_tui.domain.team import Member, active_member, get_team, list_members
from retro_tui.domain.yearly import GROUPS, TEAM_GROUP
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.store import META, TEAM, Store, where

KEY_LENGTH = 40  # a key names the group's files (`meetings-KEY-2026.json`), so it stays short
FACILITATIONS = {
    "rota": N_("the rota among its members"),
    "leads": N_("the lead and the co-lead in turn"),
}
# As typed in commands (`--weekday tuesday`); the language in use's names are taken too.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


@dataclass(frozen=True)
class RoleKind:
    """A standing role of a group: `key` is stable in the store, `name` is what people say
    (marked for translation: `_(role.name)` where it is shown)."""

    key: str
    name: str


LEAD = RoleKind("lead", N_("lead"))
CO_LEAD = RoleKind("co-lead", N_("co-lead"))
HOST = RoleKind("host", N_("host"))


@dataclass(frozen=True)
class GroupKind:
    """What a kind of group is: its name, what it is about, its meetings, its standing roles,
    whether it takes formal decisions, and the messages about it (each a whole sentence:
    the kind's name changes its words around it in other languages). A new kind of group
    is one more entry here. The texts are marked for translation: `_(kind.name)`."""

    key: str
    name: str
    focus: str  # what the group is about: "area" of a forum, "topic" of a community
    meeting_kind: str  # the kind of its meetings (see meetings.KINDS)
    decides: bool
    roles: tuple[RoleKind, ...]
    name_field: str  # its name, as a field a message names
    focus_field: str  # what it is about, as a field a message names
    needs_member: str  # made with nobody in it
    no_role: str  # given a role it does not have: {role}
    other_meetings: str  # asked to hold a meeting of another kind: {group}, {kind}


GROUP_KINDS = {
    kind.key: kind
    for kind in (
        GroupKind(
            TEAM_GROUP,
            N_("Team"),
            N_("purpose"),
            "retro",
            True,
            (),
            N_("team's name"),
            N_("team's purpose"),
            N_("a team needs at least one member"),
            N_("a team has no role {role}"),
            N_("{group} is a team; its meetings are of kind {kind}"),
        ),
        GroupKind(
            "forum",
            N_("Decision forum"),
            N_("area"),
            "forum",
            True,
            (LEAD, CO_LEAD),
            N_("decision forum's name"),
            N_("decision forum's area"),
            N_("a decision forum needs at least one member"),
            N_("a decision forum has no role {role}"),
            N_("{group} is a decision forum; its meetings are of kind {kind}"),
        ),
        GroupKind(
            "community",
            N_("Knowledge community"),
            N_("topic"),
            "sharing",
            False,
            (HOST,),
            N_("knowledge community's name"),
            N_("knowledge community's topic"),
            N_("a knowledge community needs at least one member"),
            N_("a knowledge community has no role {role}"),
            N_("{group} is a knowledge community; its meetings are of kind {kind}"),
        ),
    )
}


@dataclass(frozen=True)
class RoleChange:
    """A role handed on, with why: a forum's lead or co-lead, or a meeting's facilitator
    or scribe ("both" when those two swap)."""

    role: str
    from_member: str | None
    to_member: str | None
    reason: str
    by: str | None
    at: str


@dataclass(frozen=True)
class Cadence:
    """How often a group meets: every `weeks` weeks on `weekday` (0 is Monday)."""

    weeks: int
    weekday: int

    def describe(self) -> str:
        """`every second Tuesday`, in the language in use."""
        every = _EVERY.get(self.weeks, N_("every {weeks} {weekday}"))
        return _(every).format(weeks=self.weeks, weekday=_(WEEKDAY_NAMES[self.weekday]))

    def next_date(self, after: date, since: date) -> date:
        """The first meeting day from `after` on, counting the weeks from `since`."""
        day = since + timedelta(days=(self.weekday - since.weekday()) % 7)
        step = timedelta(weeks=self.weeks)
        if day < after:
            day += step * -(-(after - day).days // step.days)
        return day


_EVERY = {
    1: N_("every {weekday}"),
    2: N_("every second {weekday}"),
    3: N_("every third {weekday}"),
    4: N_("every fourth {weekday}"),
}


@dataclass(frozen=True)
class Group:
    key: str
    kind: str
    name: str
    focus: str  # the forum's area, the community's topic, the team's purpose
    members: list[str]
    roles: dict[str, str | None] = field(default_factory=dict)  # role key -> holder
    since: dict[str, str] = field(default_factory=dict)  # role key -> the day it was taken
    role_changes: list[RoleChange] = field(default_factory=list)
    cadence: Cadence | None = None
    facilitation: str = "rota"
    created: str = ""

    @property
    def kind_info(self) -> GroupKind:
        return GROUP_KINDS[self.kind]

    def holder(self, role: RoleKind) -> str | None:
        return self.roles.get(role.key)

    def holders_on(self, day: str) -> dict[str, str | None]:
        """Who held each standing role on `day` (YYYY-MM-DD), from the history of changes."""
        holders = dict(self.roles)
        for change in reversed(self.role_changes):
            if change.at[:10] > day:
                holders[change.role] = change.from_member
        return holders

    def plan_days(self, after: date, count: int) -> list[date]:
        """The next `count` days its meeting plan sets, from `after` on, the weeks counted
        from the day the group was made (as the map's next meeting is); none without a plan."""
        if self.cadence is None:
            return []
        since = date.fromisoformat(self.created[:10]) if self.created else after
        days: list[date] = []
        day = after
        for __ in range(count):
            days.append(self.cadence.next_date(day, since))
            day = days[-1] + timedelta(days=1)
        return days

    @property
    def lead(self) -> str | None:
        return self.roles.get(LEAD.key)

    @property
    def co_lead(self) -> str | None:
        return self.roles.get(CO_LEAD.key)

    def as_doc(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_doc(doc: dict) -> "Group":
        changes = [RoleChange(**c) for c in doc.get("role_changes", [])]
        cadence = Cadence(**doc["cadence"]) if doc.get("cadence") else None
        return Group(**{**doc, "role_changes": changes, "cadence": cadence})


def team_group(store: Store) -> Group:
    """The team as a group: every active member, meeting for retrospectives, with the
    meeting plan the team has set, if any."""
    team = get_team(store)
    members = [m.name for m in list_members(store, active_only=True)]
    plan = (store.read(TEAM).table(META).get(doc_id=1) or {}).get("cadence")
    return Group(
        TEAM_GROUP,
        TEAM_GROUP,
        team.name,
        team.purpose,
        members,
        cadence=Cadence(**plan) if plan else None,
        created=team.created,
    )


def list_groups(store: Store) -> list[Group]:
    """The team first, then the forums and the communities in the order they were made."""
    stored = [Group.from_doc(doc) for doc in store.read(TEAM).table(GROUPS).all()]
    return [team_group(store), *stored]


def get_group(store: Store, name: str | None) -> Group:
    """The group called `name` (by name, else by key, any case); the team when `name` is
    None."""
    if name is None or not name.strip():
        return team_group(store)
    wanted = validate.name_key(name)
    groups = list_groups(store)
    for group in groups:
        if wanted == validate.name_key(group.name):
            return group
    for group in groups:
        if wanted == group.key:
            return group
    raise RetroError(_("unknown group {name}; see `retro forum list`").format(name=repr(name)))


def _key_for(name: str, taken: set[str]) -> str:
    """A stable key for a new group, made from its name: lower case, words joined by '-',
    at most KEY_LENGTH characters, cut between words where it can be."""
    base = "-".join(re.findall(r"\w+", name.casefold())) or "group"
    key, n = _cut(base, KEY_LENGTH), 2
    while key in taken:
        suffix = f"-{n}"
        key, n = _cut(base, KEY_LENGTH - len(suffix)) + suffix, n + 1
    return key


def _cut(key: str, length: int) -> str:
    """`key` cut to `length` characters, between words where that keeps half of it."""
    if len(key) <= length:
        return key
    cut = key[: length + 1].rsplit("-", 1)[0]
    return cut if length // 2 <= len(cut) <= length else key[:length].rstrip("-")


def parse_cadence(every_weeks: int | None, weekday: str | None) -> Cadence | None:
    """A meeting plan from `--every-weeks N --weekday DAY`; None when neither is given."""
    if every_weeks is None and weekday is None:
        return None
    if not weekday:
        raise RetroError(_("a meeting plan needs a weekday (--weekday tuesday)"))
    day = weekday.strip().casefold()
    found = _weekday(day, WEEKDAYS)
    if found is None:
        found = _weekday(day, tuple(_(name).casefold() for name in WEEKDAY_NAMES))
    if found is None:
        raise RetroError(
            _("unknown weekday {weekday}; say monday, tuesday, ... or sunday").format(
                weekday=repr(weekday)
            )
        )
    weeks = 1 if every_weeks is None else every_weeks
    if not 1 <= weeks <= 12:
        raise RetroError(
            _("a group meets every 1 to 12 weeks, not every {weeks}").format(weeks=weeks)
        )
    return Cadence(weeks, found)


def _weekday(day: str, names: tuple[str, ...]) -> int | None:
    """The weekday (0 is Monday) of which `day` is the name or its start, three letters
    at least; None when it names none, or more than one."""
    matches = [n for n, name in enumerate(names) if name.startswith(day[:3]) and day[:3]]
    if len(matches) != 1 or not names[matches[0]].startswith(day):
        return None
    return matches[0]


def set_plan(store: Store, name: str | None, cadence: Cadence | None) -> Group:
    """Set when a group (the team when `name` is None) meets from now on; None: it has no
    plan, and meets when it plans a meeting."""
    with store.transaction():
        group = get_group(store, name)
        plan = asdict(cadence) if cadence else None
        if group.key == TEAM_GROUP:
            store.read(TEAM).table(META).update({"cadence": plan}, doc_ids=[1])
        else:
            store.read(TEAM).table(GROUPS).update({"cadence": plan}, where("key") == group.key)
    return replace(group, cadence=cadence)


def add_group(
    store: Store,
    kind: str,
    name: str,
    focus: str,
    roles: dict[str, str | None],
    members: list[str],
    cadence: Cadence | None = None,
    facilitation: str = "rota",
    by: Member | None = None,
) -> Group:
    """Make a forum or a community. Whoever holds one of its roles is one of its members."""
    validate.choice(kind, [k for k in GROUP_KINDS if k != TEAM_GROUP], _("group kind"))
    validate.choice(facilitation, FACILITATIONS, _("facilitation"))
    info = GROUP_KINDS[kind]
    clean_name = validate.title(name, _(info.name_field))
    clean_focus = validate.text(focus, _(info.focus_field))
    today = clock.today().isoformat()
    with store.transaction():
        holders = _holders(store, info, roles)
        if kind == "forum" and facilitation == "leads" and None in holders.values():
            raise RetroError(_("a forum led by its leads needs a lead and a co-lead"))
        named = [active_member(store, member).name for member in members]
        everyone = list(dict.fromkeys([*(h for h in holders.values() if h), *named]))
        if not everyone:
            raise RetroError(_(info.needs_member))
        groups = list_groups(store)
        for other in groups:
            if validate.name_key(other.name) == validate.name_key(clean_name):
                raise RetroError(
                    _("there is already a group called {name}").format(name=other.name)
                )
            if validate.name_key(clean_name) == other.key:  # `--group NAME` must mean one
                raise RetroError(
                    _("{name} is how {group} is named in commands; choose another name").format(
                        name=repr(clean_name), group=other.name
                    )
                )
        group = Group(
            key=_key_for(clean_name, {g.key for g in groups}),
            kind=kind,
            name=clean_name,
            focus=clean_focus,
            members=everyone,
            roles=holders,
            since={key: today for key, holder in holders.items() if holder},
            cadence=cadence,
            facilitation=facilitation,
            created=clock.timestamp(),
        )
        store.read(TEAM).table(GROUPS).insert(group.as_doc())
    return group


def _holders(store: Store, info: GroupKind, roles: dict[str, str | None]) -> dict[str, str | None]:
    """Who holds each of a kind's standing roles; nobody holds two."""
    unknown = set(roles) - {role.key for role in info.roles}
    if unknown:
        raise RetroError(_(info.no_role).format(role=repr(sorted(unknown)[0])))
    holders = {
        role.key: active_member(store, roles[role.key]).name if roles.get(role.key) else None
        for role in info.roles
    }
    taken = [h for h in holders.values() if h]
    if len(taken) != len(set(taken)):
        raise RetroError(_("{member} cannot hold two roles of one group").format(member=taken[0]))
    return holders


def change_roles(
    store: Store, name: str, roles: dict[str, str | None], reason: str, by: Member | None = None
) -> Group:
    """Hand a group's standing roles on, with a reason that its history keeps. New holders
    become members; the old ones stay members."""
    why = validate.text(reason, _("reason"))
    with store.transaction():
        group = get_group(store, name)
        if group.kind == TEAM_GROUP:
            raise RetroError(_("the team has no lead or co-lead; its meetings use the rota"))
        wanted = {**group.roles, **roles}
        holders = _holders(store, group.kind_info, wanted)
        if group.kind == "forum" and group.facilitation == "leads" and None in holders.values():
            raise RetroError(_("a forum led by its leads needs a lead and a co-lead"))
        now, today = clock.timestamp(), clock.today().isoformat()
        changes = [
            RoleChange(key, group.roles.get(key), holder, why, by.name if by else None, now)
            for key, holder in holders.items()
            if holder != group.roles.get(key)
        ]
        if not changes:
            raise RetroError(_("{group} already has those roles").format(group=group.name))
        changed = Group(
            **{
                **group.__dict__,
                "members": list(dict.fromkeys([*group.members, *filter(None, holders.values())])),
                "roles": holders,
                "since": {
                    key: today if holder != group.roles.get(key) else group.since.get(key, today)
                    for key, holder in holders.items()
                    if holder
                },
                "role_changes": [*group.role_changes, *changes],
            }
        )
        store.read(TEAM).table(GROUPS).update(changed.as_doc(), where("key") == group.key)
    return changed


def active_members_of(store: Store, group: Group) -> list[str]:
    """The group's members who are still members of the house, in the team's order."""
    active = [m.name for m in list_members(store, active_only=True)]
    mine = set(group.members)
    return [name for name in active if name in mine]
