"""Actions: who does what by when, raised in one meeting and reviewed in later ones."""

from dataclasses import dataclass, field, replace
from datetime import date

from retro_tui.domain import clock, validate, yearly
from retro_tui.domain.agenda import get_item
from retro_tui.domain.corrections import note_correction
from retro_tui.domain.meetings import (
    TranslatedNames,
    get_meeting,
    open_content,
    require_open,
    sort_key,
)
from retro_tui.domain.team import Member, active_member
from retro_tui.errors import RetroError
from retro_tui.i18n import _, pgettext
from retro_tui.store import Malformed, Store, Summarizer, check_records, register_summary, where

ACTIONS = "actions"
REVIEWED = "reviewed_actions"  # in a meeting's file: the ids of the actions it reviewed
OPEN, DONE, DROPPED = "open", "done", "dropped"
OUTCOMES = {"done": DONE, "carried": OPEN, "dropped": DROPPED}


def status_name(status: str) -> str:
    """An action's status (OPEN, DONE, DROPPED), or a review's outcome (a key of
    OUTCOMES), as people read it, in the language in use."""
    names = {
        OPEN: pgettext("action", "open"),
        DONE: pgettext("action", "done"),
        DROPPED: pgettext("action", "dropped"),
        "carried": pgettext("action", "carried over"),
    }
    return names[status]


STATUS_NAMES = TranslatedNames((OPEN, DONE, DROPPED), status_name)
OUTCOME_NAMES = TranslatedNames(OUTCOMES, status_name)


@dataclass(frozen=True)
class Review:
    meeting: str
    outcome: str  # done, carried or dropped
    at: str


@dataclass(frozen=True)
class Action:
    id: str
    text: str
    owner: str
    due: str | None
    status: str
    meeting: str  # where it was raised
    item: int | None = None
    created: str = ""
    reviews: list[Review] = field(default_factory=list)

    @staticmethod
    def from_record(record_id: str, doc: dict) -> "Action":
        return Action(
            id=record_id, **{**doc, "reviews": [Review(**r) for r in doc.get("reviews", [])]}
        )

    def overdue(self, today: date) -> bool:
        return self.status == OPEN and self.due is not None and self.due < today.isoformat()


def add_action(
    store: Store,
    meeting_id: str,
    text: str,
    owner: str,
    due: date | None = None,
    item: int | None = None,
) -> Action:
    clean_text = validate.title(text, _("action"))
    with store.transaction():
        owner_name = active_member(store, owner).name
        meeting = get_meeting(store, meeting_id)
        require_open(meeting)
        if item is not None:
            get_item(store, meeting.id, item)
        doc = {
            "text": clean_text,
            "owner": owner_name,
            "due": due.isoformat() if due else None,
            "status": OPEN,
            "meeting": meeting.id,
            "item": item,
            "created": clock.timestamp(),
            "reviews": [],
        }
        name = yearly.file_name(ACTIONS, meeting.date[:4], meeting.group)
        record = yearly.insert(store, name, ACTIONS, doc)
    return Action.from_record(record, doc)


def list_actions(store: Store) -> list[Action]:
    """Every action of every group, in the order of the meetings that raised them."""
    found = [Action.from_record(rid, doc) for rid, doc in yearly.all_records(store, ACTIONS)]
    return sorted(found, key=lambda a: sort_key(a.meeting))


def _open_in(data: dict) -> dict:
    """What the index keeps of a year's actions: the open ones, by record number."""
    return {
        "open": {
            doc_id: doc for doc_id, doc in data.get(ACTIONS, {}).items() if doc["status"] == OPEN
        }
    }


def _valid_open(value: object) -> bool:
    """True when the open actions are records an actions file could hold."""
    if not isinstance(value, dict) or not isinstance(value.get("open"), dict):
        return False
    if not value["open"]:
        return True
    try:
        check_records(f"{ACTIONS}-2000", {ACTIONS: value["open"]})
    except Malformed:
        return False
    return all(doc["status"] == OPEN for doc in value["open"].values())


register_summary(ACTIONS, Summarizer(_open_in, _valid_open), "index-actions")


def open_actions(store: Store, before: str | None = None, group: str | None = None) -> list[Action]:
    """Open actions, oldest first; with `before`, only those raised in earlier meetings,
    and with `group`, only those raised in that group's meetings."""
    names = yearly.names_of(store, ACTIONS, group)
    summaries = store.summaries(ACTIONS, names)
    found = [
        Action.from_record(yearly.record_id(ACTIONS, name, int(doc_id)), doc)
        for name in names
        for doc_id, doc in summaries[name]["open"].items()
    ]
    if before is not None:
        found = [a for a in found if sort_key(a.meeting) < sort_key(before)]
    return sorted(found, key=lambda a: sort_key(a.meeting))


def actions_raised_in(store: Store, meeting_id: str) -> list[Action]:
    """Actions from this meeting; they live in its group's file of its year."""
    meeting = get_meeting(store, meeting_id)
    name = yearly.file_name(ACTIONS, meeting.date[:4], meeting.group)
    return [
        Action.from_record(record, doc)
        for record, doc in yearly.all_records(store, ACTIONS, [name])
        if doc["meeting"] == meeting.id
    ]


def actions_reviewed_in(store: Store, meeting_id: str) -> list[tuple[Action, Review]]:
    """Actions this meeting reviewed, found through the meeting's own list of them."""
    meeting, content = open_content(store, meeting_id)
    found = []
    for entry in content.table(REVIEWED).all():
        action = Action.from_record(
            *yearly.get_record(store, ACTIONS, entry["action"], yearly.ACTION)
        )
        found += [(action, r) for r in action.reviews if r.meeting == meeting.id]
    return found


def review_action(store: Store, action_id: str, meeting_id: str, outcome: str) -> Action:
    """Mark an action done, carried over or dropped, as reviewed in `meeting_id`."""
    validate.choice(outcome, OUTCOMES, _("outcome"))
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        record, doc = yearly.get_record(store, ACTIONS, action_id, yearly.ACTION)
        raised = get_meeting(store, doc["meeting"])
        if raised.group != meeting.group:
            raise RetroError(
                _(
                    "action {action} was raised in a meeting of another group; review it in "
                    "one of that group's meetings"
                ).format(action=record)
            )
        if sort_key(meeting.id) <= sort_key(raised.id):
            raise RetroError(
                _(
                    "action {action} was raised in meeting {meeting}; review it in a later one"
                ).format(action=record, meeting=raised.id)
            )
        reviews = [r for r in doc.get("reviews", []) if r["meeting"] != meeting.id]
        reviews.append({"meeting": meeting.id, "outcome": outcome, "at": clock.timestamp()})
        fields = {"status": OUTCOMES[outcome], "reviews": reviews}
        yearly.record_table(store, ACTIONS, record).update(fields, doc_ids=[doc.doc_id])
        __, content = open_content(store, meeting.id, for_change=True)
        content.table(REVIEWED).upsert({"action": record}, where("action") == record)
        return Action.from_record(record, {**doc, **fields})


def get_action(store: Store, action_id: str) -> Action:
    return Action.from_record(*yearly.get_record(store, ACTIONS, action_id, yearly.ACTION))


def _summary(action: Action) -> str:
    """How an action read, as a correction keeps it (in the language in use)."""
    if action.due:
        return _("{action} ({owner}, due {day})").format(
            action=action.text, owner=action.owner, day=action.due
        )
    return f"{action.text} ({action.owner})"


def _action_to_correct(store: Store, action_id: str) -> tuple[Action, int]:
    """The action and its record's number, while its meeting is open and nobody has
    reviewed it yet (a review in a later meeting is part of that meeting's minutes)."""
    record, doc = yearly.get_record(store, ACTIONS, action_id, yearly.ACTION)
    action = Action.from_record(record, doc)
    require_open(get_meeting(store, action.meeting))
    if action.reviews:
        raise RetroError(
            _(
                "action {action} was already reviewed in meeting {meeting}, "
                "so it stays as it was; raise a new action instead"
            ).format(action=action.id, meeting=action.reviews[-1].meeting)
        )
    return action, doc.doc_id


def edit_action(
    store: Store,
    action_id: str,
    text: str,
    owner: str,
    due: date | None,
    by: Member | None = None,
) -> Action:
    """Correct what an action says, who does it or when; the minutes show what it said."""
    clean_text = validate.title(text, _("action"))
    with store.transaction():
        before, doc_id = _action_to_correct(store, action_id)
        fields = {
            "text": clean_text,
            # A member who has since retired stays the owner, unless the owner changes.
            "owner": before.owner if owner == before.owner else active_member(store, owner).name,
            "due": due.isoformat() if due else None,
        }
        after = replace(before, **fields)
        if after != before:
            yearly.record_table(store, ACTIONS, before.id).update(fields, doc_ids=[doc_id])
            __, content = open_content(store, before.meeting, for_change=True)
            note_correction(content, "action", before.id, _summary(before), _summary(after), by)
    return after


def remove_action(store: Store, action_id: str, by: Member | None = None) -> Action:
    """Take back an action raised by mistake; the minutes say what it was."""
    with store.transaction():
        before, doc_id = _action_to_correct(store, action_id)
        yearly.record_table(store, ACTIONS, before.id).remove(doc_ids=[doc_id])
        __, content = open_content(store, before.meeting, for_change=True)
        note_correction(content, "action", before.id, _summary(before), "", by)
    return before
