"""The rota as a calendar file (iCalendar, RFC 5545), so that people see their turns as
facilitator and scribe in their own calendars.

Each coming meeting of a group is an all-day event (the store knows the day of a meeting,
not its hour) whose summary names both roles. A meeting planned already keeps its day. The
rota's forecast turns after it are dated by the group's meeting plan (every N weeks on a
weekday), from the day after the group's last meeting, planned or held, and not before
today. A group without a plan gets no forecast events, since any day for them would be a
guess; the notes say how many turns were left out and how to set a plan.

Every event's UID is made from the store, the group's key and the meeting's id (planned) or
day (forecast), so importing the file again updates its events instead of adding copies,
and a forecast turn that is then planned on its own day keeps its UID. People's text
(names, titles) goes in on one line as iCalendar TEXT, which `icalendar` escapes, so no
line break in it can start a property of its own.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vText

from retro_tui import __version__
from retro_tui.domain import clock, yearly
from retro_tui.domain.groups import TEAM_GROUP, Group, get_group
from retro_tui.domain.meetings import CANCELLED, KINDS, MEETINGS, Meeting, coming_turns
from retro_tui.domain.team import get_team, team_language
from retro_tui.i18n import _, ngettext, using
from retro_tui.store import Store

CALENDAR_EXTENSION = "ics"
PRODID = f"-//retro//rota {__version__}//EN"


@dataclass(frozen=True)
class DatedTurn:
    """A coming meeting's roles on its day: planned already (`meeting`), or the forecast."""

    day: date
    facilitator: str
    scribe: str | None
    meeting: Meeting | None


def rota_calendar(
    store: Store, group: str | None = None, count: int = 4
) -> tuple[bytes, list[str]]:
    """The next `count` meetings of a group (the team when None) as an iCalendar file, and
    notes for the person asking, one line each: forecast turns left out for want of a
    meeting plan, or a calendar with nothing in it."""
    owner = get_group(store, group)
    turns, undated = dated_turns(store, owner, count)
    with using(team_language(store)):  # the events in the team's language, the notes in mine
        calendar = _calendar(owner)
        tag, stamp = store_tag(store), clock.now().astimezone(UTC)
        for turn in turns:
            calendar.add_component(_event(turn, owner, tag, stamp))
    return calendar.to_ical(), _notes(owner, count, len(turns), undated)


def dated_turns(store: Store, group: Group, count: int) -> tuple[list[DatedTurn], int]:
    """The group's coming turns with their days, those planned first, then the forecast's
    dated by the group's meeting plan; and how many forecast turns got no day."""
    turns = coming_turns(store, count, group.key)
    planned = [
        DatedTurn(date.fromisoformat(t.meeting.date), t.facilitator, t.scribe, t.meeting)
        for t in turns
        if t.meeting is not None
    ]
    forecast = [t for t in turns if t.meeting is None]
    days = group.plan_days(first_forecast_day(store, group.key), len(forecast))
    dated = [
        DatedTurn(day, t.facilitator, t.scribe, None)
        for day, t in zip(days, forecast, strict=False)
    ]
    return [*planned, *dated], len(forecast) - len(dated)


def first_forecast_day(store: Store, group_key: str) -> date:
    """The first day a forecast meeting may fall on: after the group's last meeting that is
    not cancelled (planned, running or held), and not before today."""
    today = clock.today()
    last = last_meeting_day(store, group_key)
    return max(today, last + timedelta(days=1)) if last else today


def last_meeting_day(store: Store, group_key: str) -> date | None:
    """The day of the group's latest meeting that is not cancelled; its files are read
    newest year first, only as far back as the first year that has one."""
    for name in reversed(yearly.names_of(store, MEETINGS, group_key)):
        days = [
            doc["date"]
            for __, doc in store.rows(name, MEETINGS)
            if doc["status"] != CANCELLED and doc.get("group", TEAM_GROUP) == group_key
        ]
        if days:
            return date.fromisoformat(max(days))
    return None


def store_tag(store: Store) -> str:
    """The store's part of every UID: the same in every run and every copy of the store,
    and another one for another team's store."""
    team = get_team(store)
    return hashlib.sha256(f"{team.created}\n{team.name}".encode()).hexdigest()[:16]


def event_uid(turn: DatedTurn, group: Group, tag: str) -> str:
    """A planned meeting's UID comes from its id, a forecast turn's from its day; a meeting
    planned on the forecast's day has the forecast's id, so its event is the same one."""
    which = turn.meeting.id if turn.meeting else turn.day.isoformat()
    return f"{which}.{group.key}.{tag}@retro"


def _calendar(group: Group) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # As TEXT, explicitly: icalendar writes an X- property it does not know verbatim.
    name = vText(_("{group} — rota").format(group=one_line(group.name)))
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    return calendar


def _event(turn: DatedTurn, group: Group, tag: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", vText(event_uid(turn, group, tag)))
    event.add("dtstamp", stamp)
    event.add("dtstart", turn.day)
    event.add("dtend", turn.day + timedelta(days=1))
    event.add("summary", vText(summary(turn, group)))
    event.add("description", vText(description(turn, group)))
    event.add("status", "CONFIRMED" if turn.meeting else "TENTATIVE")
    event.add("transp", "TRANSPARENT")  # a turn is no reason to show the day as busy
    return event


def summary(turn: DatedTurn, group: Group) -> str:
    """The event's title, as in `Retrospective — facilitator Ada Lund, scribe Bo Ek`: the
    meeting's title, or for a forecast what the group's meetings are called, and the roles."""
    title = turn.meeting.title if turn.meeting else _default_title(group)
    if turn.scribe:
        return _("{title} — facilitator {facilitator}, scribe {scribe}").format(
            title=one_line(title),
            facilitator=one_line(turn.facilitator),
            scribe=one_line(turn.scribe),
        )
    return _("{title} — facilitator {facilitator}, no scribe").format(
        title=one_line(title), facilitator=one_line(turn.facilitator)
    )


def description(turn: DatedTurn, group: Group) -> str:
    """Both roles, and whether the meeting is planned or only the rota's forecast."""
    lines = [
        _("Facilitator: {name}").format(name=one_line(turn.facilitator)),
        _("Scribe: {name}").format(name=one_line(turn.scribe))
        if turn.scribe
        else _("Scribe: nobody (one member present)"),
    ]
    name = one_line(group.name)
    if turn.meeting:
        lines.append(
            _("Planned: meeting {meeting} of {group}.").format(meeting=turn.meeting.id, group=name)
        )
    else:
        plan = group.cadence.describe() if group.cadence else ""
        lines.append(
            _(
                "The rota's forecast for {group} if every member comes, on the day its meeting "
                "plan sets ({plan}). The roles are settled when the meeting is planned."
            ).format(group=name, plan=plan)
        )
    return "\n".join(lines)


def one_line(text: str) -> str:
    """`text` on one line with single spaces: a name or title never breaks a line."""
    return " ".join(text.split())


def _default_title(group: Group) -> str:
    """What a group's meeting is called when nobody gave it a title."""
    return _(KINDS[group.kind_info.meeting_kind]) if group.key == TEAM_GROUP else group.name


def _notes(group: Group, count: int, dated: int, undated: int) -> list[str]:
    if undated:
        if group.key == TEAM_GROUP:
            note = ngettext(
                "{count} forecast turn left out: the team has no meeting plan; "
                "set one with `retro team plan --weekday DAY [--every-weeks N]`",
                "{count} forecast turns left out: the team has no meeting plan; "
                "set one with `retro team plan --weekday DAY [--every-weeks N]`",
                undated,
            )
        else:
            note = ngettext(
                "{count} forecast turn left out: {group} has no meeting plan; "
                'plan its meetings with `retro meeting new --group "{group}" --date YYYY-MM-DD`',
                "{count} forecast turns left out: {group} has no meeting plan; "
                'plan its meetings with `retro meeting new --group "{group}" --date YYYY-MM-DD`',
                undated,
            )
        return [note.format(count=undated, group=one_line(group.name))]
    if count > 0 and not dated:
        if group.key == TEAM_GROUP:
            return [
                _("The calendar is empty: the team has no meeting planned and no active members.")
            ]
        return [
            _(
                "The calendar is empty: {group} has no meeting planned and no active members."
            ).format(group=one_line(group.name))
        ]
    return []
