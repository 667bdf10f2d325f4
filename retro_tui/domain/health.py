"""The principles health check: each member rates how the team lives each principle, 1 to 5,
unseen by the others, and the answers are revealed together.

The result shows the spread per principle, not only the mean, so that disagreement is
seen. A check is anonymous unless the team chose otherwise: then the store never holds
whose answer is whose. It keeps who has answered as a list in name order, apart from the
answers, so the two cannot be matched up.
"""

from dataclasses import dataclass
from statistics import mean

from retro_tui import i18n
from retro_tui.domain import validate
from retro_tui.domain.flow import meeting_state, move_meeting, state_of, update_state
from retro_tui.domain.groups import active_members_of, get_group
from retro_tui.domain.meetings import HEALTH_CHOICES, Meeting, open_content
from retro_tui.domain.principles import Principle, list_principles
from retro_tui.domain.team import Member
from retro_tui.errors import RetroError
from retro_tui.i18n import _, ngettext
from retro_tui.store import META, TEAM, Store

HEALTH = "health"
SETTINGS = ("off", *HEALTH_CHOICES)
RATINGS = (1, 2, 3, 4, 5)
# Answers this far apart on one principle show that the team does not see it alike.
DISAGREEMENT = 3


@dataclass(frozen=True)
class Answer:
    id: int
    ratings: dict[str, int]  # principle key -> 1..5
    notes: dict[str, str]  # principle key -> a note, where one was written
    member: str | None  # None in an anonymous check


@dataclass(frozen=True)
class PrincipleHealth:
    """How the team rated one principle: every rating, so the spread shows."""

    key: str
    name: str
    ratings: list[int]  # lowest first
    notes: list[str]

    @property
    def mean(self) -> float | None:
        return mean(self.ratings) if self.ratings else None

    @property
    def spread(self) -> int:
        return self.ratings[-1] - self.ratings[0] if self.ratings else 0

    @property
    def counts(self) -> dict[int, int]:
        """How many gave each rating, 1 to 5."""
        return {r: self.ratings.count(r) for r in RATINGS}

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT


@dataclass(frozen=True)
class HealthCheck:
    """A meeting's health check as a viewer may see it: the answers only once revealed."""

    mode: str  # anonymous or named
    answered: list[str]
    revealed: bool
    answers: list[Answer]

    def results(self, principles: list[Principle]) -> list[PrincipleHealth]:
        """Each principle's ratings and notes, in the team's order of principles."""
        return [
            PrincipleHealth(
                p.key,
                p.name,
                sorted(a.ratings[p.key] for a in self.answers if p.key in a.ratings),
                # In alphabetical order: the order answers came in could say whose they are.
                sorted(
                    (a.notes[p.key] for a in self.answers if a.notes.get(p.key)), key=i18n.sort_key
                ),
            )
            for p in principles
        ]


def set_health_setting(store: Store, setting: str) -> None:
    """Whether the team's retrospectives hold a health check: off, anonymous or named."""
    validate.choice(setting, SETTINGS, _("health check setting"))
    with store.transaction() as tx:
        tx.db(TEAM).table(META).update({"health_check": setting}, doc_ids=[1])


def health_check(store: Store, meeting_id: str) -> HealthCheck:
    meeting, content = open_content(store, meeting_id)
    _require_check(meeting)
    state = state_of(meeting, content)
    answers = [_answer(doc) for doc in content.table(HEALTH).all()] if state.health_revealed else []
    return HealthCheck(
        meeting.health or "anonymous", state.health_answered, state.health_revealed, answers
    )


def own_answer(
    store: Store, meeting_id: str, member: Member, answer_id: int | None
) -> Answer | None:
    """`member`'s answer before the reveal: in a named check found by name, in an
    anonymous one by the id their session kept."""
    meeting, content = open_content(store, meeting_id)
    _require_check(meeting)
    if meeting.health == "named":
        found = [doc for doc in content.table(HEALTH).all() if doc.get("member") == member.name]
        return _answer(found[-1]) if found else None
    doc = content.table(HEALTH).get(doc_id=answer_id) if answer_id else None
    return _answer(doc) if doc is not None else None


def answer_health(
    store: Store,
    meeting_id: str,
    member: Member,
    ratings: dict[str, int],
    notes: dict[str, str] | None = None,
    replaces: int | None = None,
) -> int:
    """Record `member`'s ratings (every principle, 1 to 5) and notes; the id of the answer,
    which an anonymous check does not tie to the member. Before the reveal a member may
    answer again: in a named check their answer is replaced, in an anonymous one only
    the answer `replaces` names (the one their session wrote)."""
    with store.transaction():
        meeting, content = open_content(store, meeting_id, for_change=True)
        _require_check(meeting)
        group = get_group(store, meeting.group)
        if member.name not in active_members_of(store, group):
            raise RetroError(
                _("{member} is not a member of {group}; members answer").format(
                    member=member.name, group=group.name
                )
            )
        keys = [p.key for p in list_principles(store)]
        doc = _answer_doc(keys, ratings, notes or {})
        state = meeting_state(store, meeting.id)
        if state.health_revealed:
            raise RetroError(_("the health check is revealed; its answers stay as they are"))
        table = content.table(HEALTH)
        if member.name in state.health_answered:
            earlier = own_answer(store, meeting.id, member, replaces)
            if earlier is None:
                raise RetroError(
                    _("{member} has answered the health check already").format(member=member.name)
                )
            table.remove(doc_ids=[earlier.id])
        if meeting.health == "named":
            doc["member"] = member.name
        answered = sorted({*state.health_answered, member.name})
        update_state(store, meeting.id, health_answered=answered)
        return table.insert(doc)


def reveal_health(store: Store, meeting_id: str, by: Member | None) -> HealthCheck:
    """Show everyone's answers at once; only the facilitator may, once someone answered."""
    with store.transaction():
        current = health_check(store, meeting_id)
        if not current.answered:
            raise RetroError(_("nobody has answered the health check yet"))
        move_meeting(store, meeting_id, by, health_revealed=True)
    return health_check(store, meeting_id)


def _require_check(meeting: Meeting) -> None:
    if meeting.health is None:
        raise RetroError(_("meeting {meeting} holds no health check").format(meeting=meeting.id))


def _answer(doc: dict) -> Answer:
    return Answer(doc.doc_id, doc["ratings"], doc.get("notes", {}), doc.get("member"))  # type: ignore[attr-defined]


def _answer_doc(keys: list[str], ratings: dict[str, int], notes: dict[str, str]) -> dict:
    unknown = (set(ratings) | set(notes)) - set(keys)
    if unknown:
        raise RetroError(
            _("unknown principle {key}; see `retro principles`").format(
                key=repr(sorted(unknown)[0])
            )
        )
    missing = [k for k in keys if k not in ratings]
    if missing:
        raise RetroError(
            ngettext(
                "rate every principle; {keys} has no rating",
                "rate every principle; {keys} have no rating",
                len(missing),
            ).format(keys=", ".join(missing))
        )
    for key, rating in ratings.items():
        if rating not in RATINGS:
            raise RetroError(
                _("rate {key} from 1 to 5, not {rating}").format(key=key, rating=rating)
            )
    clean_notes = {
        k: validate.text(v, _("note on {key}").format(key=k), required=False)
        for k, v in notes.items()
        if v.strip()
    }
    return {"ratings": {k: ratings[k] for k in keys}, "notes": clean_notes}
