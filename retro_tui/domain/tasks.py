"""Distributed leadership tasks: a leader hands a leadership task to a colleague (planning
shifts, onboarding, coordinating cases, leading a project), and both write down what they
agree on five dimensions: direction, frame, results, resources and roles.

An alignment check asks the one who handed the task over and the one who holds it how
clear and shared each dimension is (1-5, and a note). Each answers unseen by the other;
the answers show together once both are in. A dimension where they differ by two or
more, or where either says 1 or 2, is not aligned, and can go on the agenda of the next
meeting. The register keeps every version of the agreement and every check.
"""

from dataclasses import asdict, dataclass, field, replace
from datetime import date

from retro_tui.domain import clock, validate
from retro_tui.domain.agenda import add_item
from retro_tui.domain.groups import TEAM_GROUP, get_group
from retro_tui.domain.meetings import Meeting, upcoming_meetings
from retro_tui.domain.team import Member, active_member
from retro_tui.errors import RetroError
from retro_tui.store import Store, where

TASKS = "tasks"
SCORES = range(1, 6)
APART = 2  # answers this far apart are not aligned
LOW = 2  # nor is a dimension either answers this low


@dataclass(frozen=True)
class Dimension:
    key: str
    name: str
    question: str


DIMENSIONS = (
    Dimension("direction", "Direction", "Where is the task heading, and why does it matter?"),
    Dimension("frame", "Frame", "What is decided already, and what is the holder's to decide?"),
    Dimension("results", "Results", "What should come of it, and how will we know?"),
    Dimension("resources", "Resources", "What time, money and help does the task have?"),
    Dimension("roles", "Roles", "Who does what: the one handing over, the holder, the others?"),
)
KEYS = tuple(d.key for d in DIMENSIONS)


@dataclass(frozen=True)
class Agreement:
    """What both agreed, one text per dimension, and when they look at it again."""

    texts: dict[str, str]
    check_in: str | None
    by: str | None
    at: str


@dataclass(frozen=True)
class Answer:
    member: str
    scores: dict[str, int]
    note: str
    at: str


@dataclass(frozen=True)
class Check:
    """One alignment check: the answers given so far (shown only once both are in)."""

    answers: list[Answer]
    started: str

    def answer_of(self, member: str) -> Answer | None:
        return next((a for a in self.answers if a.member == member), None)


@dataclass(frozen=True)
class Task:
    name: str
    holder: str
    handed_by: str
    group: str
    created: str
    agreements: list[Agreement] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    @property
    def agreement(self) -> Agreement | None:
        return self.agreements[-1] if self.agreements else None

    @property
    def pair(self) -> tuple[str, str]:
        return self.handed_by, self.holder

    def revealed(self, check: Check) -> bool:
        """Both have answered."""
        return all(check.answer_of(member) for member in self.pair)

    @property
    def last_revealed(self) -> Check | None:
        return next((c for c in reversed(self.checks) if self.revealed(c)), None)

    @property
    def open_check(self) -> Check | None:
        """A check one of them has answered and the other not yet."""
        last = self.checks[-1] if self.checks else None
        return last if last is not None and not self.revealed(last) else None

    def flags(self, check: Check | None = None) -> list[str]:
        """The dimensions that are not aligned in `check` (the last revealed one)."""
        check = check or self.last_revealed
        if check is None or not self.revealed(check):
            return []
        first, second = (check.answer_of(member) for member in self.pair)
        assert first is not None and second is not None
        return [
            key
            for key in KEYS
            if abs(first.scores[key] - second.scores[key]) >= APART
            or min(first.scores[key], second.scores[key]) <= LOW
        ]

    def needs_attention(self, today: date) -> str | None:
        """Why Home should show this task, if it should: not aligned, never checked,
        no agreement written, or its check-in date has come."""
        if self.agreement is None:
            return "no agreement written yet"
        if self.flags():
            names = ", ".join(d.name.lower() for d in DIMENSIONS if d.key in self.flags())
            return f"not aligned on {names}"
        if self.last_revealed is None:
            return "never checked"
        if self.agreement.check_in and self.agreement.check_in <= today.isoformat():
            last = self.last_revealed.started[:10]
            if last < self.agreement.check_in:
                return f"check-in due since {self.agreement.check_in}"
        return None

    def as_doc(self) -> dict:
        return asdict(self)

    @staticmethod
    def from_doc(doc: dict) -> "Task":
        return Task(
            name=doc["name"],
            holder=doc["holder"],
            handed_by=doc["handed_by"],
            group=doc.get("group", TEAM_GROUP),
            created=doc.get("created", ""),
            agreements=[Agreement(**a) for a in doc.get("agreements", [])],
            checks=[
                Check([Answer(**a) for a in c["answers"]], c["started"])
                for c in doc.get("checks", [])
            ],
        )


def list_tasks(store: Store) -> list[Task]:
    """Every leadership task, in the order they were handed over."""
    return [Task.from_doc(doc) for doc in store.read(TASKS).table(TASKS).all()]


def get_task(store: Store, name: str) -> Task:
    wanted = validate.name_key(name)
    for doc in store.read(TASKS).table(TASKS).all():
        if validate.name_key(doc["name"]) == wanted:
            return Task.from_doc(doc)
    raise RetroError(f"unknown task {name!r}; see `retro task list`")


def _save(store: Store, task: Task) -> Task:
    store.read(TASKS).table(TASKS).update(task.as_doc(), where("name") == task.name)
    return task


def add_task(
    store: Store, name: str, holder: str, handed_by: str, group: str | None = None
) -> Task:
    """Register a leadership task that `handed_by` hands to `holder`."""
    clean = validate.title(name, "task's name")
    with store.transaction():
        giver, taker = active_member(store, handed_by), active_member(store, holder)
        if giver.name == taker.name:
            raise RetroError("a task is handed from one member to another")
        if any(validate.name_key(t.name) == validate.name_key(clean) for t in list_tasks(store)):
            raise RetroError(f"there is already a task called {clean}")
        task = Task(clean, taker.name, giver.name, get_group(store, group).key, clock.timestamp())
        store.read(TASKS).table(TASKS).insert(task.as_doc())
    return task


def agree(
    store: Store,
    name: str,
    texts: dict[str, str],
    check_in: date | str | None = None,
    by: Member | None = None,
) -> Task:
    """Write down (again) what both agree on each of the five dimensions."""
    missing = [d.name.lower() for d in DIMENSIONS if not (texts.get(d.key) or "").strip()]
    if missing:
        raise RetroError(
            f"an agreement says something on every dimension; missing: {', '.join(missing)}"
        )
    clean = {d.key: validate.text(texts[d.key], d.name.lower()) for d in DIMENSIONS}
    day = None
    if check_in:
        day = (
            check_in if isinstance(check_in, date) else validate.iso_date(check_in, "check-in date")
        ).isoformat()
    with store.transaction():
        task = get_task(store, name)
        made = Agreement(clean, day, by.name if by else None, clock.timestamp())
        return _save(store, replace(task, agreements=[*task.agreements, made]))


def check(store: Store, name: str, member: Member, scores: dict[str, int], note: str = "") -> Task:
    """`member` (one of the pair) answers the alignment check, unseen by the other until
    both have answered; answering again before then replaces the answer."""
    for key in KEYS:
        if scores.get(key) not in SCORES:
            raise RetroError(f"rate {key} from 1 (unclear, not shared) to 5 (clear and shared)")
    clean_note = validate.text(note, "note", required=False)
    with store.transaction():
        task = get_task(store, name)
        if member.name not in task.pair:
            raise RetroError(
                f"only {task.handed_by} and {task.holder} answer the alignment check of {task.name}"
            )
        if task.agreement is None:
            raise RetroError(f"write the agreement of {task.name} first (`retro task agree`)")
        answer = Answer(member.name, {k: scores[k] for k in KEYS}, clean_note, clock.timestamp())
        current = task.open_check
        if current is None:
            checks = [*task.checks, Check([answer], answer.at)]
        else:
            kept = [a for a in current.answers if a.member != member.name]
            checks = [*task.checks[:-1], Check([*kept, answer], current.started)]
        return _save(store, replace(task, checks=checks))


def flag_on_agenda(
    store: Store, name: str, dimension: str, by: Member | None = None
) -> tuple[Meeting, int]:
    """Put a dimension the check found not aligned on the agenda of the next meeting of
    the task's group; the meeting and the item's number."""
    with store.transaction():
        task = get_task(store, name)
        if dimension not in task.flags():
            raise RetroError(
                f"{task.name} is not flagged on {dimension!r}; flags: {', '.join(task.flags()) or 'none'}"
            )
        group = get_group(store, task.group)
        coming = [m for m in upcoming_meetings(store) if m.group == group.key]
        if not coming:
            raise RetroError(f"{group.name} has no meeting planned; plan one first")
        label = next(d.name for d in DIMENSIONS if d.key == dimension)
        item = add_item(
            store, coming[0].id, f"Align on {label.lower()}: {task.name}", task.holder, None, by
        )
    return coming[0], item.id


def visible_answers(task: Task, check: Check, viewer: str | None) -> list[Answer]:
    """The answers `viewer` may see: all once both are in, before that only their own."""
    if task.revealed(check):
        return list(check.answers)
    return [a for a in check.answers if viewer is not None and a.member == viewer]


def needing_attention(store: Store, today: date | None = None) -> list[tuple[Task, str]]:
    day = today or clock.today()
    return [(t, why) for t in list_tasks(store) if (why := t.needs_attention(day))]
