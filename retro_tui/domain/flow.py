"""The shared state of a running meeting: current step and item, the countdown, card reveal.

It lives in the meeting's own file, so every screen on the meeting shows the same thing.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from retro_tui.domain import clock
from retro_tui.domain.meetings import (
    CANCELLED,
    RUNNING,
    STATE,
    Meeting,
    TranslatedNames,
    get_meeting,
    hand_over,
    open_content,
    require_open,
    set_status,
)
from retro_tui.domain.rota import FACILITATOR
from retro_tui.domain.team import Member
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _, pgettext
from retro_tui.store import Store, TinyDB

DEFAULT_VOTE_BUDGET = 3
STEPS = ("checkin", "health", "review", "agenda", "cards", "lessons", "close")


def step_name(step: str) -> str:
    """A step's name as people read it, in the language in use."""
    names = {
        "checkin": _("Check-in"),
        "health": _("Health check"),
        "review": pgettext("meeting step", "Review"),
        "agenda": _("Agenda"),
        "cards": _("Cards"),
        "lessons": _("Lessons"),
        "close": pgettext("meeting step", "Close"),
    }
    return names[step]


# Each step's name, translated as it is looked up ("Review" and "Close" need a context).
STEP_NAMES: Mapping[str, str] = TranslatedNames(STEPS, step_name)
# A meeting of a kind asked to go to a step it does not have: {step} is the step's key.
_NO_STEP = {
    "retro": N_("a retrospective has no {step} step"),
    "forum": N_("a decision forum has no {step} step"),
    "sharing": N_("a knowledge sharing has no {step} step"),
}
KIND_STEPS = {
    "retro": ("checkin", "review", "agenda", "cards", "lessons", "close"),
    "forum": ("checkin", "review", "agenda", "lessons", "close"),
    "sharing": ("checkin", "agenda", "lessons", "close"),
}


@dataclass(frozen=True)
class MeetingState:
    step: str = "checkin"
    item: int | None = None  # the agenda item being discussed
    timer_started: str | None = None  # ISO time the countdown started
    timer_minutes: int | None = None
    revealed: bool = False
    vote_budget: int = DEFAULT_VOTE_BUDGET
    health_answered: list[str] = field(default_factory=list)  # in name order
    health_revealed: bool = False

    def seconds_left(self, now: datetime) -> int | None:
        """Seconds of the timebox left (negative when over time); None without a countdown."""
        if self.timer_started is None or self.timer_minutes is None:
            return None
        elapsed = (now - datetime.fromisoformat(self.timer_started)).total_seconds()
        return int(self.timer_minutes * 60 - elapsed)


def steps_of(meeting: Meeting) -> tuple[str, ...]:
    """The meeting's steps: its kind's, with the health check after the check-in if it
    holds one."""
    steps = KIND_STEPS[meeting.kind]
    return (steps[0], "health", *steps[1:]) if meeting.health else steps


def meeting_state(store: Store, meeting_id: str) -> MeetingState:
    return state_of(*open_content(store, meeting_id))


def state_of(meeting: Meeting, content: TinyDB) -> MeetingState:
    """The shared state of `meeting`, from its file `content` already open."""
    doc = content.table(STATE).get(doc_id=1) or {}
    fields = {k: v for k, v in doc.items() if k in MeetingState.__dataclass_fields__}
    fields.setdefault("step", steps_of(meeting)[0])
    return MeetingState(**fields)


# What moves through a meeting without changing its minutes: a closed meeting can still
# be walked through.
NAVIGATION = {"step", "item", "timer_started", "timer_minutes"}


def update_state(store: Store, meeting_id: str, **fields: object) -> MeetingState:
    with store.transaction():
        meeting, content = open_content(store, meeting_id)
        if not set(fields) <= NAVIGATION or meeting.status == CANCELLED:
            require_open(meeting)
        table = content.table(STATE)
        if table.get(doc_id=1) is None:
            table.insert(fields)
        else:
            table.update(fields, doc_ids=[1])
        return meeting_state(store, meeting_id)


def move_meeting(
    store: Store, meeting_id: str, by: Member | None, **fields: object
) -> MeetingState:
    """Change what everyone's screen follows; only the meeting's facilitator may."""
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        if by is None:
            raise RetroError(
                _("only the facilitator moves the meeting; say who you are with --as NAME")
            )
        if by.name != meeting.facilitator:
            raise RetroError(
                _(
                    "only the facilitator ({facilitator}) moves the meeting; "
                    "take over facilitation to lead it"
                ).format(facilitator=meeting.facilitator)
            )
        return update_state(store, meeting.id, **fields)


def go_to_step(store: Store, meeting_id: str, step: str, by: Member | None) -> MeetingState:
    """Move the meeting to a step of its kind; the first move starts the meeting."""
    with store.transaction():
        meeting = get_meeting(store, meeting_id)
        if step not in steps_of(meeting):
            raise RetroError(_(_NO_STEP[meeting.kind]).format(step=step))
        state = move_meeting(store, meeting.id, by, step=step)
        if meeting.status == "planned":
            set_status(store, meeting.id, RUNNING)
        return state


def discuss_item(
    store: Store, meeting_id: str, item_id: int, minutes: int | None, by: Member | None
) -> MeetingState:
    """Make an item the current one and start its countdown (if it has a timebox)."""
    return move_meeting(
        store,
        meeting_id,
        by,
        item=item_id,
        timer_started=clock.timestamp() if minutes else None,
        timer_minutes=minutes,
    )


def restart_timer(store: Store, meeting_id: str, minutes: int, by: Member | None) -> MeetingState:
    return move_meeting(
        store, meeting_id, by, timer_started=clock.timestamp(), timer_minutes=minutes
    )


def take_over(store: Store, meeting_id: str, by: Member | None, reason: str) -> Meeting:
    """Become the facilitator, as when theirs has dropped off; the reason is recorded."""
    if by is None:
        raise RetroError(_("say who you are with --as NAME to take over facilitation"))
    return hand_over(store, meeting_id, FACILITATOR, by.name, reason, by)
