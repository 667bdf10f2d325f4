"""Agenda items of a meeting: timebox, principle check, notes, decisions with consultation."""

from dataclasses import asdict, dataclass, field

from retro_tui.domain import clock, validate
from retro_tui.domain.flow import meeting_state, update_state
from retro_tui.domain.meetings import TranslatedNames, open_content
from retro_tui.domain.principles import (
    TENSION,
    UNCONSIDERED,
    VERDICTS,
    list_principles,
    require_keys,
)
from retro_tui.domain.team import Member, active_member
from retro_tui.errors import RetroError
from retro_tui.i18n import _, ngettext, pgettext
from retro_tui.store import Store

ITEMS = "items"
OPEN, CLOSED = "open", "closed"


def status_name(status: str) -> str:
    """An agenda item's status as people read it, in the language in use."""
    names = {OPEN: pgettext("agenda item", "open"), CLOSED: pgettext("agenda item", "closed")}
    return names[status]


STATUS_NAMES = TranslatedNames((OPEN, CLOSED), status_name)


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


def _item(doc) -> Item:
    checks = {k: Check(**v) for k, v in doc.get("checks", {}).items()}
    return Item(id=doc.doc_id, **{**doc, "checks": checks})


def list_items(store: Store, meeting_id: str) -> list[Item]:
    __, content = open_content(store, meeting_id)
    return [_item(doc) for doc in content.table(ITEMS).all()]


def get_item(store: Store, meeting_id: str, item_id: int) -> Item:
    __, content = open_content(store, meeting_id)
    doc = content.table(ITEMS).get(doc_id=item_id)
    if doc is None:
        raise RetroError(
            _("meeting {meeting} has no agenda item {item}").format(
                meeting=meeting_id, item=item_id
            )
        )
    return _item(doc)


def add_item(
    store: Store,
    meeting_id: str,
    title: str,
    owner: str | None = None,
    timebox: int | None = None,
    by: Member | None = None,
) -> Item:
    clean_title = validate.title(title, _("item title"))
    minutes = validate.timebox(timebox)
    with store.transaction():
        owner_name = active_member(store, owner).name if owner else None
        __, content = open_content(store, meeting_id, for_change=True)
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
        __, content = open_content(store, meeting_id, for_change=True)
        content.table(ITEMS).update(fields, doc_ids=[item_id])
    return get_item(store, meeting_id, item_id)


def set_check(
    store: Store, meeting_id: str, item_id: int, key: str, verdict: str, note: str = ""
) -> Item:
    """Record how the item stands against one principle; a tension needs a short note."""
    validate.choice(verdict, VERDICTS, _("verdict"))
    clean_note = validate.text(note, _("tension note"), required=verdict == TENSION)
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
        store, meeting_id, item_id, {"notes": validate.text(notes, _("notes"), required=False)}
    )


def close_item(store: Store, meeting_id: str, item_id: int, skip_check: bool = False) -> Item:
    """Close an item. With principles still unconsidered, only by skipping the check openly."""
    with store.transaction():
        item = get_item(store, meeting_id, item_id)
        missing = unconsidered(store, item)
        if missing and not skip_check:
            raise RetroError(
                ngettext(
                    "item {item} is not yet checked against {count} principle "
                    "({keys}); check it or skip the check",
                    "item {item} is not yet checked against {count} principles "
                    "({keys}); check them or skip the check",
                    len(missing),
                ).format(item=item_id, count=len(missing), keys=", ".join(missing))
            )
        closed = _update(
            store, meeting_id, item_id, {"status": CLOSED, "check_skipped": bool(missing)}
        )
        if meeting_state(store, meeting_id).item == item_id:  # no longer under discussion
            update_state(store, meeting_id, item=None, timer_started=None)
        return closed


def reopen_item(store: Store, meeting_id: str, item_id: int) -> Item:
    return _update(store, meeting_id, item_id, {"status": OPEN, "check_skipped": False})


def tension_counts(store: Store, meeting_ids: list[str]) -> list[tuple[str, int]]:
    """How often each principle was in tension over these meetings, most often first."""
    counts: dict[str, int] = {}
    for meeting_id in meeting_ids:
        for item in list_items(store, meeting_id):
            for key, check in item.checks.items():
                if check.verdict == TENSION:
                    counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items(), key=lambda pair: -pair[1])
