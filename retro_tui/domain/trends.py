"""What a team did over a period, as records and counts: meetings and their roles, check-in
energy, principles in tension, how actions ended, decisions and lessons. Pure Python, no
Textual; the period report and the trends screen both draw on it.

Every reader takes `(store, start, end, group)`: the period from `start` to `end`, both
days included, and the key of one group (None: every group of the house). It opens only
the yearly files of the years the period touches (lessons: only those that hold one
written in it), and each meeting's own file only for a meeting held in it. The counters
(`tally`, `per_quarter` and those built on them) are pure, so a caller that has read the
records once can count them many ways without reading again.
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from retro_tui import i18n
from retro_tui.domain import clock, yearly
from retro_tui.domain.actions import ACTIONS, DONE, DROPPED, Action
from retro_tui.domain.agenda import list_items
from retro_tui.domain.checkins import list_checkins
from retro_tui.domain.decisions import DECISIONS, Decision
from retro_tui.domain.groups import TEAM_GROUP
from retro_tui.domain.health import HealthCheck, health_check
from retro_tui.domain.lessons import LESSONS, Lesson
from retro_tui.domain.meetings import CANCELLED, MEETINGS, Meeting, get_meeting, sort_key
from retro_tui.domain.principles import TENSION, Principle, list_principles
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.store import Store, year_of

# How an action raised in the period ended, in the order charts and reports show them.
ON_TIME, LATE, DROPPED_OUTCOME, OPEN_OUTCOME, OVERDUE = (
    "done-on-time",
    "done-late",
    "dropped",
    "open",
    "overdue",
)
# As people read them; translated where shown (`outcome_labels()`, `_(OUTCOME_LABELS[k])`).
OUTCOME_LABELS = {
    ON_TIME: N_("done on time"),
    LATE: N_("done late"),
    DROPPED_OUTCOME: N_("dropped"),
    OPEN_OUTCOME: N_("still open"),
    OVERDUE: N_("open and overdue"),
}


def outcome_labels() -> dict[str, str]:
    """`OUTCOME_LABELS` in the language in use, for the bars that count outcomes."""
    return {key: _(label) for key, label in OUTCOME_LABELS.items()}


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it counts (a principle's or an outcome's key), the label
    a chart writes, and how many."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class QuarterBars:
    """The bars of one quarter ("2026-Q3"), every key in the same order each quarter."""

    quarter: str
    bars: list[Bar]


@dataclass(frozen=True)
class EnergyPoint:
    """The average check-in energy (1-5) of one meeting."""

    meeting: str
    date: str
    group: str
    average: float
    checkins: int


@dataclass(frozen=True)
class Tension:
    """One agenda item in tension with one principle, and the note that says why."""

    meeting: str
    date: str
    group: str
    item: str  # the item's title
    principle: str  # the principle's key
    note: str


@dataclass(frozen=True)
class ActionOutcome:
    """An action raised in the period and how it ended: `outcome` is one of
    `OUTCOME_LABELS`, `ended` the day of the meeting that marked it done or dropped."""

    action: Action
    group: str
    outcome: str
    ended: str | None

    @property
    def raised(self) -> str:
        """The day of the meeting that raised it."""
        return self.action.meeting[:10]


@dataclass(frozen=True)
class RoleCount:
    """How many of the period's meetings a member facilitated and took notes in."""

    member: str
    facilitated: int
    scribed: int


def in_period(day: str, start: date, end: date) -> bool:
    """Whether the day `day` (YYYY-MM-DD, or a timestamp) falls from `start` to `end`."""
    return start.isoformat() <= day[:10] <= end.isoformat()


def quarter_of(day: str) -> str:
    """The quarter of a day (YYYY-MM-DD), as "2026-Q3"."""
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


def quarters(start: date, end: date) -> list[str]:
    """Every quarter from `start`'s to `end`'s, in order, even those with nothing in them."""
    found: list[str] = []
    year, quarter = start.year, (start.month - 1) // 3
    while (year, quarter) <= (end.year, (end.month - 1) // 3):
        found.append(f"{year}-Q{quarter + 1}")
        year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
    return found


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise RetroError(
            _("the period ends ({end}) before it starts ({start})").format(end=end, start=start)
        )


def _files(store: Store, kind: str, start: date, end: date, group: str | None) -> list[str]:
    """The yearly files of `kind` (of one group, or of every group) of the period's years."""
    return [
        name
        for name in yearly.names_of(store, kind, group)
        if start.year <= year_of(name) <= end.year
    ]


def meetings_in(store: Store, start: date, end: date, group: str | None = None) -> list[Meeting]:
    """The meetings of the period that were not cancelled, oldest first."""
    _check_period(start, end)
    found = [
        Meeting.from_doc(doc)
        for name in _files(store, MEETINGS, start, end, group)
        for __, doc in store.rows(name, MEETINGS)
        if in_period(doc["date"], start, end) and doc["status"] != CANCELLED
    ]
    return sorted(found, key=lambda m: sort_key(m.id))


def role_counts(meetings: Iterable[Meeting]) -> list[RoleCount]:
    """Each member's facilitator and scribe turns in `meetings`: most turns first."""
    facilitated = Counter(m.facilitator for m in meetings if m.facilitator)
    scribed = Counter(m.scribe for m in meetings if m.scribe)
    members = sorted(
        {*facilitated, *scribed},
        key=lambda name: (-facilitated[name], -scribed[name], i18n.sort_key(name)),
    )
    return [RoleCount(name, facilitated[name], scribed[name]) for name in members]


def energy_of(store: Store, meetings: Iterable[Meeting]) -> list[EnergyPoint]:
    """The average check-in energy of each of `meetings` that had a check-in."""
    points = []
    for meeting in meetings:
        entries = list_checkins(store, meeting.id)
        if entries:
            average = sum(entry.energy for entry in entries) / len(entries)
            points.append(
                EnergyPoint(meeting.id, meeting.date, meeting.group, average, len(entries))
            )
    return points


def energy_per_meeting(
    store: Store, start: date, end: date, group: str | None = None
) -> list[EnergyPoint]:
    """Check-in energy over the period: one point per meeting that had a check-in."""
    return energy_of(store, meetings_in(store, start, end, group))


def tensions_of(store: Store, meetings: Iterable[Meeting]) -> list[Tension]:
    """Every principle in tension on an agenda item of `meetings`, in meeting order."""
    return [
        Tension(meeting.id, meeting.date, meeting.group, item.title, key, check.note)
        for meeting in meetings
        for item in list_items(store, meeting.id)
        for key, check in item.checks.items()
        if check.verdict == TENSION
    ]


def tensions_in(store: Store, start: date, end: date, group: str | None = None) -> list[Tension]:
    """Every principle in tension on an agenda item of the period's meetings."""
    return tensions_of(store, meetings_in(store, start, end, group))


def decisions_in(store: Store, start: date, end: date, group: str | None = None) -> list[Decision]:
    """The decisions taken in the period's meetings, oldest first."""
    _check_period(start, end)
    found = [
        Decision.from_record(record, doc)
        for record, doc in yearly.all_records(
            store, DECISIONS, _files(store, DECISIONS, start, end, group)
        )
        if in_period(doc["meeting"], start, end)
    ]
    return sorted(found, key=lambda d: (sort_key(d.meeting), d.number))


def outcome_of(action: Action, today: date) -> tuple[str, str | None]:
    """How an action ended as of `today`, and the day its last review ended it. An action
    done without a due date counts as done on time."""
    if action.status in (DONE, DROPPED):
        ends = [r for r in action.reviews if r.outcome == action.status]
        ended = ends[-1].meeting[:10] if ends else None
        if action.status == DROPPED:
            return DROPPED_OUTCOME, ended
        late = action.due is not None and ended is not None and ended > action.due
        return (LATE if late else ON_TIME), ended
    return (OVERDUE if action.overdue(today) else OPEN_OUTCOME), None


def actions_in(
    store: Store, start: date, end: date, group: str | None = None, today: date | None = None
) -> list[ActionOutcome]:
    """The actions raised in the period's meetings and how each has ended as of `today`
    (by default the clock's today), in the order they were raised."""
    _check_period(start, end)
    day = today or clock.today()
    found = []
    for name in _files(store, ACTIONS, start, end, group):
        owner = yearly.group_of(ACTIONS, name)
        for record, doc in yearly.all_records(store, ACTIONS, [name]):
            if in_period(doc["meeting"], start, end):
                action = Action.from_record(record, doc)
                found.append(ActionOutcome(action, owner, *outcome_of(action, day)))
    return sorted(found, key=lambda a: sort_key(a.action.meeting))


def lessons_in(store: Store, start: date, end: date, group: str | None = None) -> list[Lesson]:
    """The lessons written in the period, oldest first; with `group`, those from its
    meetings (a lesson from no meeting is the team's)."""
    _check_period(start, end)
    names = [name for name in yearly.names(store, LESSONS) if year_of(name) <= end.year]
    newest = store.summaries(LESSONS, names)
    # A lesson is kept in its meeting's year or the year it was written, never a later one,
    # so a file whose newest lesson is older than the period holds none of it.
    names = [n for n in names if not newest[n]["newest"] or newest[n]["newest"] >= str(start)]
    found = [
        Lesson(id=record, **doc)
        for record, doc in yearly.all_records(store, LESSONS, names)
        if in_period(_written_on(doc), start, end)
    ]
    if group is not None:
        groups = _meeting_groups(store, {lesson.meeting for lesson in found if lesson.meeting})
        found = [x for x in found if groups.get(x.meeting or "", TEAM_GROUP) == group]
    return sorted(found, key=lambda x: (x.created, *(int(n) for n in x.id.split("-"))))


def _written_on(doc: Mapping[str, Any]) -> str:
    """The day a lesson was written; for one from an old store without it, its meeting's."""
    return doc.get("created") or doc.get("meeting") or ""


def _meeting_groups(store: Store, meeting_ids: set[str]) -> dict[str, str]:
    """The group of each of these meetings, each year's files read once."""
    years = sorted({meeting_id[:4] for meeting_id in meeting_ids})
    groups = {
        doc["id"]: doc.get("group", TEAM_GROUP)
        for year in years
        for name in yearly.names_in(store, MEETINGS, year)
        for __, doc in store.rows(name, MEETINGS)
    }
    for missing in meeting_ids - set(groups):  # a meeting listed nowhere it should be
        groups[missing] = get_meeting(store, missing).group
    return groups


def principle_labels(store: Store) -> dict[str, str]:
    """The team's principles, key to name, in their order."""
    return {p.key: p.name for p in list_principles(store)}


def tally(keys: Iterable[str], labels: Mapping[str, str], ranked: bool = True) -> list[Bar]:
    """A bar for each key of `labels` (and any other key counted, labelled by itself):
    how often it occurs in `keys`. Ranked: most first, ties and zeros in `labels`' order;
    else in that order."""
    counts = Counter(keys)
    order = [*labels, *(key for key in counts if key not in labels)]
    bars = [Bar(key, labels.get(key, key), counts[key]) for key in order]
    return sorted(bars, key=lambda bar: -bar.count) if ranked else bars


def per_quarter(
    dated_keys: Iterable[tuple[str, str]], labels: Mapping[str, str], start: date, end: date
) -> list[QuarterBars]:
    """Bars per quarter of the period from (day, key) pairs, every quarter present and
    every quarter's bars in the same order."""
    by_quarter: dict[str, list[str]] = {quarter: [] for quarter in quarters(start, end)}
    for day, key in dated_keys:
        by_quarter.setdefault(quarter_of(day), []).append(key)
    every_key = {key: key for keys in by_quarter.values() for key in keys}
    order = {**labels, **{k: k for k in every_key if k not in labels}}
    return [QuarterBars(q, tally(keys, order, ranked=False)) for q, keys in by_quarter.items()]


def tension_bars(tensions: Iterable[Tension], labels: Mapping[str, str]) -> list[Bar]:
    """How often each principle was in tension: most first."""
    return tally((t.principle for t in tensions), labels)


def outcome_bars(actions: Iterable[ActionOutcome]) -> list[Bar]:
    """How many actions ended each way, in the order of `OUTCOME_LABELS`."""
    return tally((a.outcome for a in actions), outcome_labels(), ranked=False)


def lesson_bars(lessons: Iterable[Lesson], labels: Mapping[str, str]) -> list[Bar]:
    """How many lessons touch each principle: most first."""
    return tally((key for lesson in lessons for key in lesson.principles), labels)


def tensions_per_principle(
    store: Store, start: date, end: date, group: str | None = None
) -> list[Bar]:
    """How often each principle was in tension in the period: most first."""
    return tension_bars(tensions_in(store, start, end, group), principle_labels(store))


def tensions_per_quarter(
    store: Store, start: date, end: date, group: str | None = None
) -> list[QuarterBars]:
    """How often each principle was in tension, quarter by quarter."""
    pairs = ((t.date, t.principle) for t in tensions_in(store, start, end, group))
    return per_quarter(pairs, principle_labels(store), start, end)


def actions_by_outcome(
    store: Store, start: date, end: date, group: str | None = None, today: date | None = None
) -> list[Bar]:
    """How the period's actions have ended as of `today`."""
    return outcome_bars(actions_in(store, start, end, group, today))


def actions_by_outcome_per_quarter(
    store: Store, start: date, end: date, group: str | None = None, today: date | None = None
) -> list[QuarterBars]:
    """How the actions raised in each quarter have ended as of `today`."""
    pairs = ((a.raised, a.outcome) for a in actions_in(store, start, end, group, today))
    return per_quarter(pairs, outcome_labels(), start, end)


def lessons_per_principle(
    store: Store, start: date, end: date, group: str | None = None
) -> list[Bar]:
    """How many of the period's lessons touch each principle: most first."""
    return lesson_bars(lessons_in(store, start, end, group), principle_labels(store))


def lessons_per_principle_per_quarter(
    store: Store, start: date, end: date, group: str | None = None
) -> list[QuarterBars]:
    """How many lessons touching each principle were written, quarter by quarter."""
    return per_quarter(
        _lesson_days(lessons_in(store, start, end, group)), principle_labels(store), start, end
    )


def _lesson_days(lessons: Iterable[Lesson]) -> Iterator[tuple[str, str]]:
    """(the day it was written, a principle it touches) for each lesson and principle."""
    for lesson in lessons:
        for key in lesson.principles:
            yield _written_on(vars(lesson)), key


@dataclass(frozen=True)
class QuarterHealth:
    """Every rating one principle got in the health checks revealed in one quarter."""

    quarter: str
    ratings: list[int]  # lowest first; empty when no check was held that quarter

    @property
    def mean(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


@dataclass(frozen=True)
class PrincipleHealthTrend:
    """How the team rated one principle, quarter by quarter."""

    key: str
    name: str
    quarters: list[QuarterHealth]

    def moved(self) -> tuple[float, float] | None:
        """The mean of the first and the last quarter that had a check, if two did."""
        means = [q.mean for q in self.quarters if q.mean is not None]
        return (means[0], means[-1]) if len(means) >= 2 else None


def health_checks_of(store: Store, meetings: Iterable[Meeting]) -> list[tuple[str, HealthCheck]]:
    """The revealed health check of each of `meetings` that held one, with its day."""
    found = []
    for meeting in meetings:
        if meeting.health is not None:
            check = health_check(store, meeting.id)
            if check.revealed:
                found.append((meeting.date, check))
    return found


def health_trends(
    checks: Iterable[tuple[str, HealthCheck]],
    principles: list[Principle],
    start: date,
    end: date,
) -> list[PrincipleHealthTrend]:
    """Each principle's ratings per quarter of the period, from the checks of `checks`."""
    by_quarter: dict[str, dict[str, list[int]]] = {q: {} for q in quarters(start, end)}
    for day, check in checks:
        ratings = by_quarter.setdefault(quarter_of(day), {})
        for answer in check.answers:
            for key, rating in answer.ratings.items():
                ratings.setdefault(key, []).append(rating)
    return [
        PrincipleHealthTrend(
            p.key,
            p.name,
            [QuarterHealth(q, sorted(r.get(p.key, []))) for q, r in by_quarter.items()],
        )
        for p in principles
    ]


def health_per_quarter(
    store: Store, start: date, end: date, group: str | None = None
) -> list[PrincipleHealthTrend]:
    """How the team rated each principle in the health checks, quarter by quarter."""
    checks = health_checks_of(store, meetings_in(store, start, end, group))
    return health_trends(checks, list_principles(store), start, end)


@dataclass(frozen=True)
class Trends:
    """What the trends screen draws for a period: each meeting read once."""

    start: date
    end: date
    energy: list[EnergyPoint]
    health: list[PrincipleHealthTrend]
    tensions: list[QuarterBars]
    actions: list[QuarterBars]
    lessons: list[QuarterBars]  # by the principles they touch


def gather_trends(
    store: Store, start: date, end: date, group: str | None = None, today: date | None = None
) -> Trends:
    meetings = meetings_in(store, start, end, group)
    labels = principle_labels(store)
    tensions = ((t.date, t.principle) for t in tensions_of(store, meetings))
    actions = ((a.raised, a.outcome) for a in actions_in(store, start, end, group, today))
    lessons = _lesson_days(lessons_in(store, start, end, group))
    return Trends(
        start,
        end,
        energy_of(store, meetings),
        health_trends(health_checks_of(store, meetings), list_principles(store), start, end),
        per_quarter(tensions, labels, start, end),
        per_quarter(actions, outcome_labels(), start, end),
        per_quarter(lessons, labels, start, end),
    )


def last_quarters(count: int, today: date | None = None) -> tuple[date, date]:
    """The period of the last `count` quarters, the current one included, to today."""
    day = today or clock.today()
    index = day.year * 4 + (day.month - 1) // 3 - (count - 1)
    return date(index // 4, index % 4 * 3 + 1, 1), day
