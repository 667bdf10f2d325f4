"""The decision register: every decision of every group, with whom it consulted, when it is
to be reviewed, and whether it is still in force.

A decision is taken on an agenda item of a meeting and numbered within that meeting (the
minutes' "decision 2"); the register keeps it in one file per year and group
(`decisions-YYYY` for the team, `decisions-GROUP-YYYY` for the others), with an id like
`2026-14` (the team's) or `hr-2026-3` (one of the group `hr`). A decision stays in force until a later decision revises it or
the group retires it; a review date puts it back before the group, as an agenda item of
its next meeting. A knowledge community decides nothing.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from retro_tui.domain import clock, validate, yearly
from retro_tui.domain.agenda import add_item, get_item
from retro_tui.domain.corrections import note_correction
from retro_tui.domain.groups import TEAM_GROUP, get_group, list_groups
from retro_tui.domain.meetings import (
    Meeting,
    TranslatedNames,
    get_meeting,
    open_content,
    sort_key,
    upcoming_meetings,
)
from retro_tui.domain.team import Member, find_member, team_language
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _, pgettext, search_fold, using
from retro_tui.store import Store, Summarizer, register_summary

DECISIONS = "decisions"
IN_FORCE, REVISED, RETIRED = "in-force", "revised", "retired"


def status_name(status: str) -> str:
    """A decision's status as people read it, in the language in use."""
    names = {
        IN_FORCE: pgettext("decision", "in force"),
        REVISED: pgettext("decision", "revised"),
        RETIRED: pgettext("decision", "retired"),
    }
    return names[status]


# Each status as people read it, translated as it is looked up.
STATUSES: Mapping[str, str] = TranslatedNames((IN_FORCE, REVISED, RETIRED), status_name)
# A decision that is not in force, asked to change.
_NOT_IN_FORCE = {
    IN_FORCE: N_("decision {record} is in force"),
    REVISED: N_("decision {record} is revised"),
    RETIRED: N_("decision {record} is retired"),
}
_ALREADY = {
    IN_FORCE: N_("decision {record} is in force already"),
    REVISED: N_("decision {record} is revised already"),
    RETIRED: N_("decision {record} is retired already"),
}


@dataclass(frozen=True)
class Retirement:
    reason: str
    by: str | None
    at: str


@dataclass(frozen=True)
class Decision:
    record: str  # its id in the register, like 2026-14
    meeting: str
    number: int  # its number within the meeting
    group: str  # the key of the group that took it
    item: int
    text: str
    knows_most: list[str]
    affected: list[str]
    by: str | None
    at: str
    took_part: list[str] = field(default_factory=list)  # who was present when it was taken
    review: str | None = None  # the day it is to be reviewed
    status: str = IN_FORCE
    revises: str | None = None  # the decision it replaced
    revised_by: str | None = None  # the decision that replaced it
    retired: Retirement | None = None
    review_meeting: str | None = None  # the meeting whose agenda has its review
    review_item: int | None = None  # and the item there

    @property
    def nobody_consulted(self) -> bool:
        return not self.knows_most and not self.affected

    @property
    def date(self) -> str:
        return self.meeting[:10]

    def due(self, today: date) -> bool:
        """In force, with a review date that has come."""
        return (
            self.status == IN_FORCE and self.review is not None and self.review <= today.isoformat()
        )

    @staticmethod
    def from_record(record: str, doc: dict) -> "Decision":
        retired = Retirement(**doc["retired"]) if doc.get("retired") else None
        return Decision(record=record, **{**doc, "retired": retired})


def _fields(doc: Decision) -> dict:
    fields = dict(doc.__dict__)
    fields.pop("record")
    fields["retired"] = doc.retired.__dict__ if doc.retired else None
    return fields


def takes_decisions(store: Store, meeting: Meeting) -> bool:
    """Whether a meeting takes formal decisions: not a knowledge-sharing one."""
    return get_group(store, meeting.group).kind_info.decides and meeting.kind != "sharing"


def require_decisions(store: Store, meeting: Meeting) -> None:
    """Refuse a decision in a meeting that shares knowledge and decides nothing, naming
    the forums that could take it instead."""
    if takes_decisions(store, meeting):
        return
    group = get_group(store, meeting.group)
    forums = "; ".join(f"{g.name} ({g.focus})" for g in list_groups(store) if g.kind == "forum")
    if group.key == TEAM_GROUP and forums:
        message = _(
            "meeting {meeting} shares knowledge and decides nothing; "
            "take it to a forum that owns the area: {forums}"
        )
    elif group.key == TEAM_GROUP:
        message = _(
            "meeting {meeting} shares knowledge and decides nothing; "
            "take it to a decision forum (make one with `retro forum add`)"
        )
    elif forums:
        message = _(
            "{group} shares knowledge and decides nothing; "
            "take it to a forum that owns the area: {forums}"
        )
    else:
        message = _(
            "{group} shares knowledge and decides nothing; "
            "take it to a decision forum (make one with `retro forum add`)"
        )
    raise RetroError(message.format(meeting=meeting.id, group=group.name, forums=forums))


def _as_member(store: Store, name: str) -> str:
    """A consulted name as the member it names, if it names one; else as written."""
    try:
        return find_member(store, name).name
    except RetroError:
        return name


def _consulted(store: Store, names: list[str] | None, what: str) -> list[str]:
    cleaned = dict.fromkeys(validate.name(n, what) for n in names or [])
    return [_as_member(store, name) for name in cleaned]


def _review_date(review: date | str | None, after: str) -> str | None:
    if review is None:
        return None
    day = review if isinstance(review, date) else validate.iso_date(review, _("review date"))
    if day.isoformat() <= after:
        raise RetroError(
            _("a review date comes after the decision, not on {day}").format(day=day.isoformat())
        )
    return day.isoformat()


def add_decision(
    store: Store,
    meeting_id: str,
    item_id: int,
    text: str,
    knows_most: list[str] | None = None,
    affected: list[str] | None = None,
    by: Member | None = None,
    review: date | str | None = None,
    revises: str | None = None,
) -> Decision:
    """Record a decision on an item and whom it consulted (people inside or outside the
    house), with an optional review date; a decision it `revises` is no longer in force."""
    clean_text = validate.text(text, _("decision"))
    with store.transaction():
        get_item(store, meeting_id, item_id)
        meeting, content = open_content(store, meeting_id, for_change=True)
        require_decisions(store, meeting)
        earlier = get_decision_record(store, revises) if revises else None
        if earlier is not None and earlier.group != meeting.group:
            owner = get_group(store, earlier.group).name
            raise RetroError(
                _("decision {record} is {group}'s; only {group} revises it").format(
                    record=earlier.record, group=owner
                )
            )
        if earlier is not None and earlier.status != IN_FORCE:
            raise RetroError(_(_ALREADY[earlier.status]).format(record=earlier.record))
        taken = [d.number for d in _decisions_of(store, meeting)]
        doc = Decision(
            record="",
            meeting=meeting.id,
            number=_next_number(content, taken),
            group=meeting.group,
            item=item_id,
            text=clean_text,
            knows_most=_consulted(store, knows_most, _("consulted name")),
            affected=_consulted(store, affected, _("consulted name")),
            by=by.name if by else None,
            at=clock.timestamp(),
            took_part=meeting.present,
            review=_review_date(review, meeting.date),
            revises=earlier.record if earlier else None,
        )
        made = replace(doc, record=yearly.insert(store, _file_of(meeting), DECISIONS, _fields(doc)))
        if earlier is not None:
            _update(store, replace(earlier, status=REVISED, revised_by=made.record))
    return made


def _next_number(content, taken: list[int]) -> int:
    """The next decision number of a meeting: one past any it ever had, removed ones too,
    so that the minutes' corrections never name two decisions alike."""
    removed = [
        int(doc["ref"])
        for doc in content.table("corrections").all()
        if doc["what"] == "decision" and doc["ref"].isdigit()
    ]
    return max([0, *taken, *removed]) + 1


def _file_of(meeting: Meeting) -> str:
    """The register's file of the meeting's group and year."""
    return yearly.file_name(DECISIONS, meeting.date[:4], meeting.group)


def _update(store: Store, decision: Decision) -> None:
    name, number = yearly.locate(DECISIONS, decision.record, yearly.DECISION)
    store.read(name).table(DECISIONS).update(_fields(decision), doc_ids=[number])


def get_decision_record(store: Store, record: str) -> Decision:
    """The decision with register id `record` (like 2026-14)."""
    found, doc = yearly.get_record(store, DECISIONS, record, yearly.DECISION)
    return Decision.from_record(found, doc)


def get_decision(store: Store, meeting_id: str, number: int) -> Decision:
    """A meeting's decision by its number in that meeting."""
    meeting = get_meeting(store, meeting_id)
    for decision in _decisions_of(store, meeting):
        if decision.number == number:
            return decision
    raise RetroError(
        _("meeting {meeting} has no decision {number}").format(meeting=meeting.id, number=number)
    )


def list_decisions(store: Store, meeting_id: str) -> list[Decision]:
    """A meeting's decisions in the order they were taken."""
    return _decisions_of(store, get_meeting(store, meeting_id))


def _decisions_of(store: Store, meeting: Meeting) -> list[Decision]:
    found = [
        Decision.from_record(record, doc)
        for record, doc in yearly.all_records(store, DECISIONS, [_file_of(meeting)])
        if doc["meeting"] == meeting.id
    ]
    return sorted(found, key=lambda d: d.number)


def register(
    store: Store, group: str | None = None, due: bool = False, search: str = ""
) -> list[Decision]:
    """Every decision, oldest first: of one group, only those due for review, or those
    whose text holds every word of `search`."""
    key = get_group(store, group).key if group else None
    if due:
        found = due_for_review(store)
    else:
        names = yearly.names_of(store, DECISIONS, key)
        found = [Decision.from_record(r, d) for r, d in yearly.all_records(store, DECISIONS, names)]
    words = search_fold(search).split()
    return [
        d
        for d in sorted(found, key=lambda d: (sort_key(d.meeting), d.number))
        if (key is None or d.group == key) and all(w in search_fold(d.text) for w in words)
    ]


def _due_in(data: dict) -> dict:
    """What the index keeps of a year's decisions: the review date of each one in force
    that has one, by record number."""
    return {
        "review": {
            doc_id: doc["review"]
            for doc_id, doc in data.get(DECISIONS, {}).items()
            if doc.get("status", IN_FORCE) == IN_FORCE and doc.get("review")
        }
    }


def _valid_due(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("review"), dict)
        and all(
            type(doc_id) is str and type(day) is str and _DAY.fullmatch(day)
            for doc_id, day in value["review"].items()
        )
    )


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

register_summary(DECISIONS, Summarizer(_due_in, _valid_due), "index-decisions")


def due_for_review(
    store: Store, today: date | None = None, first: int | None = None
) -> list[Decision]:
    """Decisions in force whose review date has come, soonest first (only the `first`
    ones, if given): the index says which, and only the files that hold them are read."""
    day = today or clock.today()
    found = []
    for __, record, name, doc_id in _due_in_index(store, day.isoformat())[:first]:
        doc = store.read(name).table(DECISIONS).get(doc_id=int(doc_id))
        if doc is not None and (decision := Decision.from_record(record, doc)).due(day):
            found.append(decision)  # else it changed since the index was read
    return found


def count_due(store: Store, today: date | None = None) -> int:
    """How many decisions in force have come to their review date; no file is read but
    the index (and a file it does not sum up yet)."""
    return len(_due_in_index(store, (today or clock.today()).isoformat()))


def _due_in_index(store: Store, day: str) -> list[tuple[str, str, str, str]]:
    """The decisions due on `day` as the index has them, soonest first: review date,
    register id, file and number."""
    names = yearly.names(store, DECISIONS)
    summaries = store.summaries(DECISIONS, names)
    due = [
        (review, yearly.record_id(DECISIONS, name, int(doc_id)), name, doc_id)
        for name in names
        for doc_id, review in summaries[name]["review"].items()
        if review <= day
    ]
    return sorted(due)


def put_review_on_agenda(
    store: Store, record: str, by: Member | None = None
) -> tuple[Meeting, int]:
    """Put a decision's review on the agenda of its group's next meeting that is still to
    come; the meeting and the item's number."""
    with store.transaction():
        decision = get_decision_record(store, record)
        if decision.status != IN_FORCE:
            raise RetroError(_(_NOT_IN_FORCE[decision.status]).format(record=decision.record))
        group = get_group(store, decision.group)
        coming = [m for m in upcoming_meetings(store) if m.group == group.key]
        if not coming:
            raise RetroError(
                _(
                    "{group} has no meeting planned; plan one first "
                    '(`retro meeting new --group "{group}"`)'
                ).format(group=group.name)
            )
        meeting = coming[0]
        if decision.review_meeting == meeting.id:
            raise RetroError(
                _("its review is on the agenda of {meeting} already").format(meeting=meeting.id)
            )
        with using(team_language(store)):  # the agenda is written in the team's language
            title = _("Review: {decision}").format(decision=decision.text[:100])
        item = add_item(store, meeting.id, title, group.lead, None, by)
        _update(store, replace(decision, review_meeting=meeting.id, review_item=item.id))
    return meeting, item.id


def keep_decision(store: Store, record: str, review: date | str | None) -> Decision:
    """The group reviewed a decision and keeps it in force, until `review` (or for good)."""
    with store.transaction():
        decision = get_decision_record(store, record)
        if decision.status != IN_FORCE:
            raise RetroError(_(_NOT_IN_FORCE[decision.status]).format(record=decision.record))
        kept = replace(
            decision,
            review=_review_date(review, clock.today().isoformat()),
            review_meeting=None,
            review_item=None,
        )
        _update(store, kept)
    return kept


def retire_decision(store: Store, record: str, reason: str, by: Member | None = None) -> Decision:
    """The group no longer holds to a decision; the register keeps it, and why."""
    why = validate.text(reason, _("reason"))
    with store.transaction():
        decision = get_decision_record(store, record)
        if decision.status != IN_FORCE:
            raise RetroError(_(_ALREADY[decision.status]).format(record=decision.record))
        retired = replace(
            decision,
            status=RETIRED,
            retired=Retirement(why, by.name if by else None, clock.timestamp()),
            review_meeting=None,
            review_item=None,
        )
        _update(store, retired)
    return retired


def _summary(decision: Decision) -> str:
    """How a decision read, as a correction keeps it (in the language in use)."""
    consulted = ", ".join([*decision.knows_most, *decision.affected])
    if not consulted:
        return _("{decision} (consulted: nobody)").format(decision=decision.text)
    return _("{decision} (consulted: {names})").format(decision=decision.text, names=consulted)


def edit_decision(
    store: Store,
    meeting_id: str,
    number: int,
    text: str,
    knows_most: list[str],
    affected: list[str],
    by: Member | None = None,
) -> Decision:
    """Correct a decision of a meeting still open; the minutes show what it said."""
    clean_text = validate.text(text, _("decision"))
    with store.transaction():
        before = get_decision(store, meeting_id, number)
        __, content = open_content(store, meeting_id, for_change=True)
        after = replace(
            before,
            text=clean_text,
            knows_most=_consulted(store, knows_most, _("consulted name")),
            affected=_consulted(store, affected, _("consulted name")),
        )
        if after != before:
            _update(store, after)
            note_correction(content, "decision", number, _summary(before), _summary(after), by)
    return after


def remove_decision(
    store: Store, meeting_id: str, number: int, by: Member | None = None
) -> Decision:
    """Take back a decision recorded by mistake; the minutes say what it was."""
    with store.transaction():
        before = get_decision(store, meeting_id, number)
        __, content = open_content(store, meeting_id, for_change=True)
        name, number = yearly.locate(DECISIONS, before.record, yearly.DECISION)
        store.read(name).table(DECISIONS).remove(doc_ids=[number])
        if before.revises:
            earlier = get_decision_record(store, before.revises)
            _update(store, replace(earlier, status=IN_FORCE, revised_by=None))
        note_correction(content, "decision", number, _summary(before), "", by)
    return before


def in_force(store: Store, group: str) -> list[Decision]:
    """A group's decisions in force, oldest first."""
    return [d for d in register(store, group) if d.status == IN_FORCE]
