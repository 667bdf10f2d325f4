"""Meetings: kinds, attendance, the roles from the rota, swaps and hand-overs, status."""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from retro_tui.domain import clock, rota, validate, yearly
from retro_tui.domain.groups import (
    TEAM_GROUP,
    Group,
    RoleChange,
    active_members_of,
    get_group,
)
from retro_tui.domain.team import Member, active_member, get_team, team_language
from retro_tui.domain.templates import get_template
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _, pgettext, using
from retro_tui.store import (
    Store,
    StoreCorrupt,
    StoreUnsafe,
    Summarizer,
    TinyDB,
    register_summary,
    where,
    year_of,
)

PLANNED, RUNNING, CLOSED, CANCELLED = "planned", "running", "closed", "cancelled"
STATUSES = (PLANNED, RUNNING, CLOSED, CANCELLED)
MEETINGS = "meetings"
STATE = "state"  # in a meeting's own file: its step, the item discussed, the countdown
SETUP = "setup"  # in a meeting's own file: its board's columns and whether it is anonymous
HEALTH_CHOICES = ("anonymous", "named")


class TranslatedNames(Mapping[str, str]):
    """A table of names people read, by key, each translated as it is looked up: for
    short words that need a context (`pgettext`), which `_()` where they are shown could
    not give them. `_(names[key])` where shown does no harm."""

    def __init__(self, keys: Iterable[str], name_of: Callable[[str], str]) -> None:
        self._keys = tuple(keys)
        self._name_of = name_of

    def __getitem__(self, key: str) -> str:
        if key not in self._keys:
            raise KeyError(key)
        return self._name_of(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def status_name(status: str) -> str:
    """A meeting's status as people read it, in the language in use; one this version
    does not know (a store written by a later one) as it is stored."""
    names = {
        PLANNED: pgettext("meeting status", "planned"),
        RUNNING: pgettext("meeting status", "running"),
        CLOSED: pgettext("meeting status", "closed"),
        CANCELLED: pgettext("meeting status", "cancelled"),
    }
    return names.get(status, status)


STATUS_NAMES: Mapping[str, str] = TranslatedNames(STATUSES, status_name)
KINDS = {
    "retro": N_("Retrospective"),
    "forum": N_("Decision forum"),
    "sharing": N_("Knowledge sharing"),
}
# A meeting of a kind that holds no cards, asked to set up a board.
_NO_BOARD = {
    "forum": N_("a decision forum has no cards, so no board to set up"),
    "sharing": N_("a knowledge sharing has no cards, so no board to set up"),
}
# A meeting that is not closed, asked to reopen.
_NOT_CLOSED = {
    PLANNED: N_("meeting {meeting} is planned, not closed"),
    RUNNING: N_("meeting {meeting} is running, not closed"),
    CANCELLED: N_("meeting {meeting} is cancelled, not closed"),
}
# A member asked to take a role they hold already.
_HOLDS_ALREADY = {
    rota.FACILITATOR: N_("{member} is already the facilitator of meeting {meeting}"),
    rota.SCRIBE: N_("{member} is already the scribe of meeting {meeting}"),
}


@dataclass(frozen=True)
class Setup:
    """How a meeting will run, chosen as it is planned. None means the default: the
    classic board, three dots each, and a health check if the team has switched it on."""

    template: str | None = None  # a template's key or name
    anonymous: bool = False  # the store never holds who wrote which card
    vote_budget: int | None = None
    health: bool | None = None


_ID = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:-([0-9]+))?")


@dataclass(frozen=True)
class Reopening:
    """A closed meeting opened again, with why."""

    reason: str
    by: str
    at: str


@dataclass(frozen=True)
class Meeting:
    id: str
    date: str
    kind: str
    title: str
    status: str
    facilitator: str
    scribe: str | None
    present: list[str]
    absent: list[str]
    role_changes: list[RoleChange] = field(default_factory=list)
    reopenings: list[Reopening] = field(default_factory=list)
    created_by: str | None = None
    created: str = ""
    # Planned with its own file (meeting-ID.json); meetings of older stores got theirs
    # with their first content, so for them a missing file means an empty meeting.
    has_file: bool = False
    group: str = TEAM_GROUP  # the key of the group whose meeting it is
    health: str | None = None  # "anonymous" or "named" when it holds a health check

    @property
    def kind_label(self) -> str:
        """The meeting's kind, in the language in use."""
        return _(KINDS[self.kind])

    @staticmethod
    def from_doc(doc: dict) -> "Meeting":
        changes = [RoleChange(**c) for c in doc.get("role_changes", [])]
        reopenings = [Reopening(**r) for r in doc.get("reopenings", [])]
        return Meeting(**{**doc, "role_changes": changes, "reopenings": reopenings})


def year_file(year: int | str, group: str = TEAM_GROUP) -> str:
    """The file of a group's meetings of one year."""
    return yearly.file_name(MEETINGS, year, group)


def content_file(meeting_id: str) -> str:
    """The file holding one meeting's items, cards, votes and check-ins."""
    return f"meeting-{meeting_id}"


def _year_of(meeting_id: str) -> str:
    match = _ID.fullmatch(meeting_id.strip())
    if not match:
        raise RetroError(
            _(
                "unknown meeting {meeting}; ids look like 2026-11-22 (see `retro meeting list`)"
            ).format(meeting=repr(meeting_id))
        )
    return match.group(1)


def list_meetings(store: Store) -> list[Meeting]:
    """Every meeting, oldest first (by date, then the order they were made that day)."""
    meetings = [m for name in yearly.names(store, MEETINGS) for m in _meetings_in(store, name)]
    return sorted(meetings, key=lambda m: sort_key(m.id))


def _meetings_in(store: Store, name: str) -> list[Meeting]:
    """The meetings of one year's file, oldest first."""
    return _year_meetings(store.read(name).storage.data)  # type: ignore[attr-defined]


def newest_meetings(store: Store) -> Iterator[Meeting]:
    """Meetings newest first, read a year at a time as far back as the caller goes."""
    names = yearly.names(store, MEETINGS)
    for year in sorted({year_of(name) for name in names}, reverse=True):
        docs = [doc for name in names if year_of(name) == year for doc in _docs(store, name)]
        for doc in sorted(docs, key=lambda doc: sort_key(doc["id"]), reverse=True):
            yield Meeting.from_doc(doc)


def next_meeting(store: Store, meeting: Meeting) -> Meeting | None:
    """The group's first meeting after `meeting` that is not cancelled; reads from its
    year on."""
    after = sort_key(meeting.id)
    for name in yearly.names_of(store, MEETINGS, meeting.group):
        if year_of(name) >= int(meeting.date[:4]):
            for later in _meetings_in(store, name):
                if later.status != CANCELLED and sort_key(later.id) > after:
                    return later
    return None


def upcoming_meetings(store: Store) -> list[Meeting]:
    """Meetings planned or running, soonest first; only years that have one are read."""
    names = yearly.names(store, MEETINGS)
    summaries = store.summaries(MEETINGS, names)
    coming = [
        m
        for name in names
        if summaries[name]["open"]
        for m in _meetings_in(store, name)
        if m.status not in (CLOSED, CANCELLED)
    ]
    return sorted(coming, key=lambda m: sort_key(m.id))


def _year_meetings(data: dict) -> list[Meeting]:
    meetings = (Meeting.from_doc(doc) for doc in data.get(MEETINGS, {}).values())
    return sorted(meetings, key=lambda m: sort_key(m.id))


def _open_ids(data: dict) -> dict:
    """What the index keeps of a year's meetings: which are still open."""
    return {"open": [m.id for m in _year_meetings(data) if m.status not in (CLOSED, CANCELLED)]}


def _valid_open_ids(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("open"), list)
        and all(type(i) is str for i in value["open"])
    )


def _fold_rota(before: dict | None, data: dict) -> dict:
    """Each group's rota tally of the years before and this year's meetings."""
    tallies = dict(before or {})
    meetings = _year_meetings(data)
    for group in dict.fromkeys(m.group for m in meetings):
        earlier = [rota.Tally.from_json(tallies[group])] if group in tallies else []
        history = rota_history([m for m in meetings if m.group == group])
        tallies[group] = rota.tally(history, earlier).as_json()
    return tallies


def _valid_tally(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    try:
        for tally in value.values():
            rota.Tally.from_json(tally)
    except ValueError:
        return False
    return all(type(group) is str for group in value)


register_summary(MEETINGS, Summarizer(_open_ids, _valid_open_ids, _fold_rota, _valid_tally))


def _rota_inputs(
    store: Store, group: str, until: date | None = None
) -> tuple[list[rota.Tally], list[Meeting]]:
    """The past of one group as its rota sees it (up to `until`): the index's tally of the
    years it has summed up, and the group's meetings of the later years."""
    names = yearly.names(store, MEETINGS)
    if until is not None:
        names = [name for name in names if year_of(name) <= until.year]
    before = [name for name in names if names and year_of(name) < year_of(names[-1])]
    value, covered = store.running(MEETINGS, before)
    earlier = [rota.Tally.from_json(value[group])] if covered and group in value else []
    own = [name for name in names[covered:] if yearly.group_of(MEETINGS, name) == group]
    later = [m for name in own for m in _meetings_in(store, name) if m.group == group]
    if until is not None:
        later = [m for m in later if m.date <= until.isoformat()]
    return earlier, later


def sort_key(meeting_id: str) -> tuple[str, int]:
    """Orders meeting ids by date, then by their number within the day."""
    match = _ID.fullmatch(meeting_id)
    assert match is not None
    return meeting_id[:10], int(match.group(4) or 1)


def get_meeting(store: Store, meeting_id: str) -> Meeting:
    return Meeting.from_doc(_find(store, meeting_id)[1])


def _find(store: Store, meeting_id: str) -> tuple[str, dict]:
    """The file that lists a meeting, and its record there: the year's file of its group,
    which the meeting's own file names (else each group's file of the year is looked in)."""
    year = _year_of(meeting_id)
    clean_id = meeting_id.strip()
    noted = _group_noted(store, clean_id)
    for name in _listings(store, year, noted):
        doc = next((doc for doc in _docs(store, name) if doc["id"] == clean_id), None)
        if doc is not None:
            return name, doc
    if noted or store.has(content_file(clean_id)):
        listing = year_file(year, noted or TEAM_GROUP)
        if store.is_name(listing) and not store.has(listing):
            raise store.missing(listing, _("it lists meeting {meeting}").format(meeting=clean_id))
    raise RetroError(
        _("unknown meeting {meeting}; see `retro meeting list`").format(meeting=repr(meeting_id))
    )


def _listings(store: Store, year: str, group: str | None) -> Iterator[str]:
    """The files that may list a meeting of `year`: its group's first, when known."""
    if group and store.is_name(year_file(year, group)):
        yield year_file(year, group)
    yield from yearly.names_in(store, MEETINGS, year)


def _group_noted(store: Store, meeting_id: str) -> str | None:
    """The group a meeting's own file notes (those made since groups have files of their
    own do); None when it notes none, or cannot be read (then the group's files tell)."""
    try:
        state = store.view(content_file(meeting_id)).table(STATE).get(doc_id=1) or {}
    except (StoreCorrupt, StoreUnsafe):
        return None
    return state.get("group")  # checked as it was read: a key, which names files


def _docs(store: Store, name: str) -> list[dict]:
    """The meeting records of one file, as stored, without a transaction's copy of it."""
    return list(store.view(name).storage.data.get(MEETINGS, {}).values())  # type: ignore[attr-defined]


def open_content(store: Store, meeting_id: str, for_change: bool = False) -> tuple[Meeting, TinyDB]:
    """A meeting and the file with its content; a closed or cancelled one cannot change."""
    meeting = get_meeting(store, meeting_id)
    if for_change:
        require_open(meeting)
    name = content_file(meeting.id)
    if meeting.has_file and not store.has(name):
        raise store.missing(
            name, _("it holds what meeting {meeting} said and decided").format(meeting=meeting.id)
        )
    return meeting, store.read(name)


def require_open(meeting: Meeting) -> None:
    """Refuse to change what the minutes of a closed or cancelled meeting say."""
    if meeting.status == CANCELLED:
        raise RetroError(
            _("meeting {meeting} was cancelled; it cannot be changed").format(meeting=meeting.id)
        )
    if meeting.status == CLOSED:
        raise RetroError(
            _(
                "meeting {meeting} is closed, so its minutes stay as they are; the facilitator "
                "can reopen it with a reason (`retro meeting reopen {meeting} --reason TEXT`)"
            ).format(meeting=meeting.id)
        )


def today_meeting(store: Store) -> Meeting | None:
    """Today's meeting that is planned or running, if there is one (the latest made)."""
    day = clock.today().isoformat()
    found = [
        Meeting.from_doc(doc)
        for name in yearly.names_in(store, MEETINGS, day[:4])
        for __, doc in store.rows(name, MEETINGS)
        if doc["date"] == day and doc["status"] in (PLANNED, RUNNING)
    ]
    return max(found, key=lambda m: sort_key(m.id)) if found else None


def rota_history(meetings: list[Meeting]) -> list[rota.Turn]:
    """What the rota counts: every meeting made, planned or held, unless cancelled."""
    return [
        rota.Turn(tuple(m.present), m.facilitator, m.scribe)
        for m in meetings
        if m.status != CANCELLED
    ]


def create_meeting(
    store: Store,
    kind: str | None = None,
    title: str | None = None,
    absent: list[str] | None = None,
    on: date | None = None,
    by: Member | None = None,
    group: str | None = None,
    setup: Setup = Setup(),
) -> Meeting:
    """Plan a meeting of a group (the team when None): who of its members is present, and
    the facilitator and scribe its rota picks. A forum meets as a forum, a community to
    share knowledge; the team chooses the kind of each meeting (a retrospective unless
    told). `setup` chooses a retrospective's board, anonymity and dots, and any meeting's
    health check."""
    day = on or clock.today()
    with store.transaction():
        owner = get_group(store, group)
        if owner.key == TEAM_GROUP:
            kind = validate.choice(kind or "retro", KINDS, _("meeting kind"))
        elif kind not in (None, owner.kind_info.meeting_kind):
            raise RetroError(
                _(owner.kind_info.other_meetings).format(
                    group=owner.name, kind=owner.kind_info.meeting_kind
                )
            )
        kind = kind or owner.kind_info.meeting_kind
        clean_title = (
            validate.title(title, _("meeting title"))
            if title
            else _default_title(store, owner, kind)
        )
        board, state = _board_and_state(store, kind, setup)
        present, absent_members, roles = proposed_roles(store, absent or [], day, owner.key)
        meeting = Meeting(
            id=_free_id(store, day),
            date=day.isoformat(),
            kind=kind,
            title=clean_title,
            status=PLANNED,
            facilitator=roles.facilitator,
            scribe=roles.scribe,
            present=present,
            absent=absent_members,
            created_by=by.name if by else None,
            created=clock.timestamp(),
            has_file=True,
            group=owner.key,
            health=_health_of(store, owner, kind, setup),
        )
        store.read(year_file(day.year, owner.key)).table(MEETINGS).insert(asdict(meeting))
        content = store.read(content_file(meeting.id))
        # The group is noted with the content too, so that a missing record can be named.
        content.table(STATE).insert({"group": owner.key, **state})
        if board:
            content.table(SETUP).insert(board)
    return meeting


def _board_and_state(store: Store, kind: str, setup: Setup) -> tuple[dict, dict]:
    """A retrospective's board (its template's columns, copied, and whether it is
    anonymous) and its vote budget; other kinds have no cards."""
    if kind != "retro":
        if setup.template or setup.anonymous or setup.vote_budget:
            raise RetroError(_(_NO_BOARD[kind]))
        return {}, {}
    template = get_template(store, setup.template)
    board = {**template.as_doc(), "anonymous": setup.anonymous}
    state = {}
    if setup.vote_budget is not None:
        state["vote_budget"] = validate.vote_budget(setup.vote_budget)
    return board, state


def _health_of(store: Store, owner: Group, kind: str, setup: Setup) -> str | None:
    """Whether the meeting holds a health check, and how: the team's setting for its own
    retrospectives, unless `setup` says otherwise."""
    setting = get_team(store).health_check
    if setup.health is False:
        return None
    if setup.health is None and (setting == "off" or owner.key != TEAM_GROUP or kind != "retro"):
        return None
    return setting if setting in HEALTH_CHOICES else "anonymous"


def _default_title(store: Store, group: Group, kind: str) -> str:
    """The title of a meeting planned without one: its kind, in the team's language, or
    a forum's or community's name."""
    if group.key != TEAM_GROUP:
        return group.name
    with using(team_language(store)):
        return _(KINDS[kind])


def proposed_roles(
    store: Store, absent: list[str], day: date | None = None, group: str | None = None
) -> tuple[list[str], list[str], rota.Roles]:
    """Who of the group's members would be present and absent, and the roles its rota
    gives them on `day`."""
    day = day or clock.today()
    owner = get_group(store, group)
    members = active_members_of(store, owner)
    absent_members = list(dict.fromkeys(active_member(store, name).name for name in absent))
    strangers = [name for name in absent_members if name not in members]
    if strangers:
        raise RetroError(
            _("{member} is not a member of {group}").format(member=strangers[0], group=owner.name)
        )
    present = [name for name in members if name not in absent_members]
    if not present:
        raise RetroError(_("nobody would be present; a meeting needs at least one member"))
    # Only meetings up to this one's date count, so a meeting planned later in the
    # calendar does not change who is due now.
    earlier, recent = _rota_inputs(store, owner.key, day)
    roles = rota.choose_roles(rota_history(recent), present, members, earlier, _leads_of(owner))
    return present, absent_members, roles


def _leads_of(group: Group) -> list[str]:
    """Who facilitates a group's meetings, when its leads do so in turn; else nobody in
    particular (the rota chooses among everyone)."""
    if group.facilitation != "leads":
        return []
    return [holder for holder in (group.lead, group.co_lead) if holder]


def _free_id(store: Store, day: date) -> str:
    """The day's date as the id, numbered from the second meeting that day (of any group).
    An id whose meeting file is there is taken too, listed or not."""
    taken = {
        doc["id"]
        for name in yearly.names_in(store, MEETINGS, day.year)
        for doc in _docs(store, name)
    }
    base, n = day.isoformat(), 1
    while (found := base if n == 1 else f"{base}-{n}") in taken or store.has(content_file(found)):
        n += 1
    return found


def _save(store: Store, meeting: Meeting) -> Meeting:
    name, __ = _find(store, meeting.id)
    store.read(name).table(MEETINGS).update(asdict(meeting), where("id") == meeting.id)
    return meeting


def _role_change(
    role: str, old: str | None, new: str | None, reason: str, by: Member | None
) -> RoleChange:
    return RoleChange(
        role,
        old,
        new,
        validate.text(reason, _("reason")),
        by.name if by else None,
        clock.timestamp(),
    )


def swap_roles(store: Store, meeting_id: str, reason: str, by: Member | None = None) -> Meeting:
    """Facilitator and scribe trade places."""
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        require_open(meeting)
        if meeting.scribe is None:
            raise RetroError(
                _("meeting {meeting} has no scribe to swap with").format(meeting=meeting.id)
            )
        change = _role_change("both", meeting.facilitator, meeting.scribe, reason, by)
        return _save(
            store,
            replace(
                meeting,
                facilitator=meeting.scribe,
                scribe=meeting.facilitator,
                role_changes=[*meeting.role_changes, change],
            ),
        )


def hand_over(
    store: Store, meeting_id: str, role: str, to: str, reason: str, by: Member | None = None
) -> Meeting:
    """Give `role` to another member; if they held the other role, the two trade places.

    A member marked absent who takes a role is counted as present from then on.
    """
    validate.choice(role, rota.ROLES, _("role"))
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        require_open(meeting)
        new = active_member(store, to).name
        old = meeting.facilitator if role == rota.FACILITATOR else meeting.scribe
        if new == old:
            raise RetroError(_(_HOLDS_ALREADY[role]).format(member=new, meeting=meeting.id))
        facilitator, scribe = meeting.facilitator, meeting.scribe
        if role == rota.FACILITATOR:
            facilitator = new
            if scribe == new:
                scribe = old
        else:
            scribe = new
            if facilitator == new:
                assert old is not None
                facilitator = old
        present = meeting.present if new in meeting.present else [*meeting.present, new]
        return _save(
            store,
            replace(
                meeting,
                facilitator=facilitator,
                scribe=scribe,
                present=present,
                absent=[name for name in meeting.absent if name != new],
                role_changes=[*meeting.role_changes, _role_change(role, old, new, reason, by)],
            ),
        )


def set_status(store: Store, meeting_id: str, status: str) -> Meeting:
    """Start, close or cancel a meeting."""
    validate.choice(status, STATUSES, _("meeting status"))
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        if meeting.status == CANCELLED and status != CANCELLED:
            raise RetroError(_("meeting {meeting} was cancelled").format(meeting=meeting.id))
        if meeting.status == CLOSED and status != CLOSED:
            require_open(meeting)  # reopening takes a reason
        return _save(store, replace(meeting, status=status))


def reopen_meeting(store: Store, meeting_id: str, reason: str, by: Member | None) -> Meeting:
    """Open a closed meeting again, so its minutes can change; the minutes say who and why."""
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        if meeting.status != CLOSED:
            not_closed = _NOT_CLOSED.get(meeting.status, N_("meeting {meeting} is not closed"))
            raise RetroError(_(not_closed).format(meeting=meeting.id))
        if by is None or by.name != meeting.facilitator:
            raise RetroError(
                _(
                    "only the facilitator ({facilitator}) reopens meeting {meeting}; "
                    "say who you are with --as NAME"
                ).format(facilitator=meeting.facilitator, meeting=meeting.id)
            )
        reopening = Reopening(validate.text(reason, _("reason")), by.name, clock.timestamp())
        return _save(
            store,
            replace(meeting, status=RUNNING, reopenings=[*meeting.reopenings, reopening]),
        )


@dataclass(frozen=True)
class Turn:
    """A coming meeting's roles: planned already (`meeting`), or the rota's forecast."""

    meeting: Meeting | None
    facilitator: str
    scribe: str | None

    def as_json(self) -> dict:
        meeting = self.meeting
        return {
            "meeting": meeting.id if meeting else None,
            "date": meeting.date if meeting else None,
            "facilitator": self.facilitator,
            "scribe": self.scribe,
        }


def coming_turns(store: Store, count: int = 4, group: str | None = None) -> list[Turn]:
    """Who facilitates and who notes at a group's next `count` meetings: those planned,
    then the rota's forecast for the ones after."""
    key = get_group(store, group).key
    planned = [
        Turn(m, m.facilitator, m.scribe)
        for m in upcoming_meetings(store)
        if m.status == PLANNED and m.group == key
    ]
    forecast = upcoming_roles(store, max(count - len(planned), 0), key)
    return [*planned, *(Turn(None, r.facilitator, r.scribe) for r in forecast)]


def upcoming_roles(store: Store, count: int = 4, group: str | None = None) -> list[rota.Roles]:
    """The next `count` meetings' roles of a group (the team) if all its members come."""
    owner = get_group(store, group)
    members = active_members_of(store, owner)
    if not members:
        return []
    earlier, recent = _rota_inputs(store, owner.key)
    return rota.preview(rota_history(recent), members, members, count, earlier, _leads_of(owner))
