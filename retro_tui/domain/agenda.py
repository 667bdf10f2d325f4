"""Agenda items of a meeting: timebox, principle check, notes, decisions with consultation."""

from dataclasses import asdict, dataclass, field

from retro_tui.domain import clock, validate
from retro_tui.domain.corrections import note_correction
from retro_tui.domain.flow import meeting_state, update_state
from retro_tui.domain.meetings import Meeting, open_content
from retro_tui.domain.principles import (
    TENSION,
    UNCONSIDERED,
    VERDICTS,
    list_principles,
    require_keys,
)
from retro_tui.domain.team import Member, active_member, find_member
from retro_tui.errors import RetroError
from retro_tui.store import Store

ITEMS = "items"
DECISIONS = "decisions"
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class Check:
    verdict: str
    note: str = ""


@dataclass(frozen=True)
class Item:
    id: int
    title: str
    owner: str | None
    timebox: int | None  # minutes
    notes: str = ""
    checks: dict[str, Check] = field(default_factory=dict)
    check_skipped: bool = False
    status: str = OPEN
    added_by: str | None = None
    created: str = ""

    def verdict(self, key: str) -> Check:
        return self.checks.get(key, Check(UNCONSIDERED))


@dataclass(frozen=True)
class Decision:
    id: int
    item: int
    text: str
    knows_most: list[str]
    affected: list[str]
    by: str | None
    at: str
    took_part: list[str] = field(default_factory=list)  # who was present when it was taken

    @property
    def nobody_consulted(self) -> bool:
        return not self.knows_most and not self.affected


def _item(doc) -> Item:
    checks = {k: Check(**v) for k, v in doc.get("checks", {}).items()}
    return Item(id=doc.doc_id, **{**doc, "checks": checks})


def list_items(store: Store, meeting_id: str) -> list[Item]:
    _, content = open_content(store, meeting_id)
    return [_item(doc) for doc in content.table(ITEMS).all()]


def get_item(store: Store, meeting_id: str, item_id: int) -> Item:
    _, content = open_content(store, meeting_id)
    doc = content.table(ITEMS).get(doc_id=item_id)
    if doc is None:
        raise RetroError(f"meeting {meeting_id} has no agenda item {item_id}")
    return _item(doc)


def add_item(
    store: Store,
    meeting_id: str,
    title: str,
    owner: str | None = None,
    timebox: int | None = None,
    by: Member | None = None,
) -> Item:
    clean_title = validate.title(title, "item title")
    minutes = validate.timebox(timebox)
    with store.transaction():
        owner_name = active_member(store, owner).name if owner else None
        _, content = open_content(store, meeting_id, for_change=True)
        doc = {
            "title": clean_title,
            "owner": owner_name,
            "timebox": minutes,
            "notes": "",
            "checks": {},
            "check_skipped": False,
            "status": OPEN,
            "added_by": by.name if by else None,
            "created": clock.timestamp(),
        }
        item_id = content.table(ITEMS).insert(doc)
    return get_item(store, meeting_id, item_id)


def _update(store: Store, meeting_id: str, item_id: int, fields: dict) -> Item:
    with store.transaction():
        get_item(store, meeting_id, item_id)
        _, content = open_content(store, meeting_id, for_change=True)
        content.table(ITEMS).update(fields, doc_ids=[item_id])
    return get_item(store, meeting_id, item_id)


def set_check(
    store: Store, meeting_id: str, item_id: int, key: str, verdict: str, note: str = ""
) -> Item:
    """Record how the item stands against one principle; a tension needs a short note."""
    validate.choice(verdict, VERDICTS, "verdict")
    clean_note = validate.text(note, "tension note", required=verdict == TENSION)
    with store.transaction():
        require_keys(store, [key])
        item = get_item(store, meeting_id, item_id)
        checks = {k: asdict(v) for k, v in item.checks.items()}
        checks[key] = asdict(Check(verdict, clean_note))
        return _update(store, meeting_id, item_id, {"checks": checks})


def unconsidered(store: Store, item: Item) -> list[str]:
    """Keys of the principles this item has not yet been checked against."""
    return [p.key for p in list_principles(store) if item.verdict(p.key).verdict == UNCONSIDERED]


def set_notes(store: Store, meeting_id: str, item_id: int, notes: str) -> Item:
    return _update(
        store, meeting_id, item_id, {"notes": validate.text(notes, "notes", required=False)}
    )


def close_item(store: Store, meeting_id: str, item_id: int, skip_check: bool = False) -> Item:
    """Close an item. With principles still unconsidered, only by skipping the check openly."""
    with store.transaction():
        item = get_item(store, meeting_id, item_id)
        missing = unconsidered(store, item)
        if missing and not skip_check:
            raise RetroError(
                f"item {item_id} is not yet checked against {len(missing)} principle(s) "
                f"({', '.join(missing)}); check them or skip the check"
            )
        closed = _update(
            store, meeting_id, item_id, {"status": CLOSED, "check_skipped": bool(missing)}
        )
        if meeting_state(store, meeting_id).item == item_id:  # no longer under discussion
            update_state(store, meeting_id, item=None, timer_started=None)
        return closed


def reopen_item(store: Store, meeting_id: str, item_id: int) -> Item:
    return _update(store, meeting_id, item_id, {"status": OPEN, "check_skipped": False})


def decides(meeting: Meeting) -> bool:
    """Whether a meeting of this kind takes decisions (knowledge sharing does not)."""
    return meeting.kind != "sharing"


def _as_member(store: Store, name: str) -> str:
    """A consulted name as the member it names, if it names one; else as written."""
    try:
        return find_member(store, name).name
    except RetroError:
        return name


def add_decision(
    store: Store,
    meeting_id: str,
    item_id: int,
    text: str,
    knows_most: list[str] | None = None,
    affected: list[str] | None = None,
    by: Member | None = None,
) -> Decision:
    """Record a decision and whom it consulted (people inside or outside the team)."""
    clean_text, experts, affected_names = _decision_fields(text, knows_most, affected)
    with store.transaction():
        get_item(store, meeting_id, item_id)
        meeting, content = open_content(store, meeting_id, for_change=True)
        if not decides(meeting):
            raise RetroError(
                f"meeting {meeting.id} is a knowledge-sharing meeting: it shares knowledge and "
                "decides nothing; take the decision to a decision forum or a retrospective"
            )
        doc = {
            "item": item_id,
            "text": clean_text,
            "knows_most": [_as_member(store, name) for name in experts],
            "affected": [_as_member(store, name) for name in affected_names],
            "by": by.name if by else None,
            "at": clock.timestamp(),
            "took_part": meeting.present,
        }
        decision_id = content.table(DECISIONS).insert(doc)
    return Decision(id=decision_id, **doc)


def _decision_fields(
    text: str, knows_most: list[str] | None, affected: list[str] | None
) -> tuple[str, list[str], list[str]]:
    """A decision's text and consulted names, cleaned, each name once."""

    def consulted(names: list[str] | None) -> list[str]:
        return list(dict.fromkeys(validate.name(n, "consulted name") for n in names or []))

    return validate.text(text, "decision"), consulted(knows_most), consulted(affected)


def get_decision(store: Store, meeting_id: str, decision_id: int) -> Decision:
    _, content = open_content(store, meeting_id)
    doc = content.table(DECISIONS).get(doc_id=decision_id)
    if doc is None:
        raise RetroError(f"meeting {meeting_id} has no decision {decision_id}")
    return Decision(id=decision_id, **doc)


def _decision_summary(decision: Decision) -> str:
    consulted = ", ".join([*decision.knows_most, *decision.affected]) or "nobody"
    return f"{decision.text} (consulted: {consulted})"


def edit_decision(
    store: Store,
    meeting_id: str,
    decision_id: int,
    text: str,
    knows_most: list[str],
    affected: list[str],
    by: Member | None = None,
) -> Decision:
    """Correct a decision's text or whom it consulted; the minutes show what it said."""
    clean_text, experts, affected_names = _decision_fields(text, knows_most, affected)
    with store.transaction():
        before = get_decision(store, meeting_id, decision_id)
        _, content = open_content(store, meeting_id, for_change=True)
        fields = {
            "text": clean_text,
            "knows_most": [_as_member(store, name) for name in experts],
            "affected": [_as_member(store, name) for name in affected_names],
        }
        after = Decision(**{**asdict(before), **fields})
        if after != before:
            content.table(DECISIONS).update(fields, doc_ids=[decision_id])
            note_correction(
                content,
                "decision",
                decision_id,
                _decision_summary(before),
                _decision_summary(after),
                by,
            )
    return after


def remove_decision(
    store: Store, meeting_id: str, decision_id: int, by: Member | None = None
) -> Decision:
    """Take back a decision recorded by mistake; the minutes say what it was."""
    with store.transaction():
        before = get_decision(store, meeting_id, decision_id)
        _, content = open_content(store, meeting_id, for_change=True)
        content.table(DECISIONS).remove(doc_ids=[decision_id])
        note_correction(content, "decision", decision_id, _decision_summary(before), "", by)
    return before


def list_decisions(store: Store, meeting_id: str) -> list[Decision]:
    _, content = open_content(store, meeting_id)
    return [Decision(id=doc.doc_id, **doc) for doc in content.table(DECISIONS).all()]


def tension_counts(store: Store, meeting_ids: list[str]) -> list[tuple[str, int]]:
    """How often each principle was in tension over these meetings, most often first."""
    counts: dict[str, int] = {}
    for meeting_id in meeting_ids:
        for item in list_items(store, meeting_id):
            for key, check in item.checks.items():
                if check.verdict == TENSION:
                    counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])
