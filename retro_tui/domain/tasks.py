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
from retro_tui.domain.team import Member, active_member, team_language
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _, using
from retro_tui.store import Store, where

TASKS = "tasks"
SCORES = range(1, 6)
APART = 2  # answers this far apart are not aligned
LOW = 2  # nor is a dimension either answers this low


@dataclass(frozen=True)
class Dimension:
    """One dimension of an agreement. Its texts are marked for translation and translated
    where shown (`_(dimension.name)`): `name` as a heading, `noun` within a sentence or a
    list, `agenda` the title of the agenda item that aligns on it."""

    key: str
    name: str
    question: str
    noun: str
    agenda: str  # {task}


DIMENSIONS = (
    Dimension(
        "direction",
        N_("Direction"),
        N_("Where is the task heading, and why does it matter?"),
        N_("direction"),
        N_("Align on direction: {task}"),
    ),
    Dimension(
        "frame",
        N_("Frame"),
        N_("What is decided already, and what is the holder's to decide?"),
        N_("frame"),
        N_("Align on frame: {task}"),
    ),
    Dimension(
        "results",
        N_("Results"),
        N_("What should come of it, and how will we know?"),
        N_("results"),
        N_("Align on results: {task}"),
    ),
    Dimension(
        "resources",
        N_("Resources"),
        N_("What time, money and help does the task have?"),
        N_("resources"),
        N_("Align on resources: {task}"),
    ),
    Dimension(
        "roles",
        N_("Roles"),
        N_("Who does what: the one handing over, the holder, the others?"),
        N_("roles"),
        N_("Align on roles: {task}"),
    ),
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
        no agreement written, or its check-in date has come (in the language in use)."""
        if self.agreement is None:
            return _("no agreement written yet")
        if self.flags():
            return _("not aligned on {dimensions}").format(dimensions=_nouns(self.flags()))
        if self.last_revealed is None:
            return _("never checked")
        if self.agreement.check_in and self.agreement.check_in <= today.isoformat():
            last = self.last_revealed.started[:10]
            if last < self.agreement.check_in:
                return _("check-in due since {day}").format(day=self.agreement.check_in)
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


def _nouns(keys: list[str]) -> str:
    """The dimensions `keys` names, as a list within a sentence."""
    return ", ".join(_(d.noun) for d in DIMENSIONS if d.key in keys)


def list_tasks(store: Store) -> list[Task]:
    """Every leadership task, in the order they were handed over."""
    return [Task.from_doc(doc) for doc in store.read(TASKS).table(TASKS).all()]


def get_task(store: Store, name: str) -> Task:
    wanted = validate.name_key(name)
    for doc in store.read(TASKS).table(TASKS).all():
        if validate.name_key(doc["name"]) == wanted:
            return Task.from_doc(doc)
    raise RetroError(_("unknown task {name}; see `retro task list`").format(name=repr(name)))


def _save(store: Store, task: Task) -> Task:
    store.read(TASKS).table(TASKS).update(task.as_doc(), where("name") == task.name)
    return task


def add_task(
    store: Store, name: str, holder: str, handed_by: str, group: str | None = None
) -> Task:
    """Register a leadership task that `handed_by` hands to `holder`."""
    clean = validate.title(name, _("task's name"))
    with store.transaction():
        giver, taker = active_member(store, handed_by), active_member(store, holder)
        if giver.name == taker.name:
            raise RetroError(_("a task is handed from one member to another"))
        if any(validate.name_key(t.name) == validate.name_key(clean) for t in list_tasks(store)):
            raise RetroError(_("there is already a task called {name}").format(name=clean))
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
    missing = [d.key for d in DIMENSIONS if not (texts.get(d.key) or "").strip()]
    if missing:
        raise RetroError(
            _("an agreement says something on every dimension; missing: {dimensions}").format(
                dimensions=_nouns(missing)
            )
        )
    clean = {d.key: validate.text(texts[d.key], _(d.noun)) for d in DIMENSIONS}
    day = None
    if check_in:
        day = (
            check_in
            if isinstance(check_in, date)
            else validate.iso_date(check_in, _("check-in date"))
        ).isoformat()
    with store.transaction():
        task = get_task(store, name)
        made = Agreement(clean, day, by.name if by else None, clock.timestamp())
        return _save(store, replace(task, agreements=[*task.agreements, made]))


def check(store: Store, name: str, member: Member, scores: dict[str, int], note: str = "") -> Task:
    """`member` (one of the pair) answers the alignment check, unseen by the other until
    both have answered; answering again before then replaces the answer."""
    for dimension in DIMENSIONS:
        if scores.get(dimension.key) not in SCORES:
            raise RetroError(
                _("rate {dimension} from 1 (unclear, not shared) to 5 (clear and shared)").format(
                    dimension=_(dimension.noun)
                )
            )
    clean_note = validate.text(note, _("note"), required=False)
    with store.transaction():
        task = get_task(store, name)
        if member.name not in task.pair:
            raise RetroError(
                _("only {giver} and {holder} answer the alignment check of {task}").format(
                    giver=task.handed_by, holder=task.holder, task=task.name
                )
            )
        if task.agreement is None:
            raise RetroError(
                _("write the agreement of {task} first (`retro task agree`)").format(task=task.name)
            )
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
            if not task.flags():
                raise RetroError(
                    _("{task} is not flagged on {dimension}; flags: none").format(
                        task=task.name, dimension=repr(dimension)
                    )
                )
            raise RetroError(
                _("{task} is not flagged on {dimension}; flags: {flags}").format(
                    task=task.name, dimension=repr(dimension), flags=", ".join(task.flags())
                )
            )
        group = get_group(store, task.group)
        coming = [m for m in upcoming_meetings(store) if m.group == group.key]
        if not coming:
            raise RetroError(
                _("{group} has no meeting planned; plan one first").format(group=group.name)
            )
        agenda = next(d.agenda for d in DIMENSIONS if d.key == dimension)
        with using(team_language(store)):  # the agenda is written in the team's language
            title = _(agenda).format(task=task.name)
        item = add_item(store, coming[0].id, title, task.holder, None, by)
    return coming[0], item.id


def visible_answers(task: Task, check: Check, viewer: str | None) -> list[Answer]:
    """The answers `viewer` may see: all once both are in, before that only their own."""
    if task.revealed(check):
        return list(check.answers)
    return [a for a in check.answers if viewer is not None and a.member == viewer]


def needing_attention(store: Store, today: date | None = None) -> list[tuple[Task, str]]:
    day = today or clock.today()
    return [(t, why) for t in list_tasks(store) if (why := t.needs_attention(day))]
