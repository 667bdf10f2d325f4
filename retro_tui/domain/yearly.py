"""Records kept in one file per year, and for meetings, actions and decisions one per year
and group: `actions-2026` holds the team's, `actions-hr-2026` those of the group `hr`.

A record's id is its file's name without the kind, and its number in that file: `2026-14`
is the team's, `hr-2026-3` a record of the group `hr`.
"""

import re

from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.store import BY_GROUP, GROUP_KEY, TEAM, Document, Store, Table, where, year_of

TEAM_GROUP = "team"  # the group whose files carry no key
GROUPS = "groups"  # the table of the house's other groups, in team.json
# In a team's yearly file: the records that moved to their group's own file when each
# group got files of its own, by number, with their new ids.
MOVED = "moved"
_ID = re.compile(rf"((?:{GROUP_KEY}-)?[0-9]{{4}})-([0-9]+)")
# What a record is, as `locate` and `get_record` are told, and their messages about it.
ACTION, DECISION, LESSON, RECORD = "action", "decision", "lesson", "record"
_UNKNOWN = {
    ACTION: N_("unknown action {record}"),
    DECISION: N_("unknown decision {record}"),
    LESSON: N_("unknown lesson {record}"),
    RECORD: N_("unknown record {record}"),
}
_MOVED_TO = {
    ACTION: N_("action {record} is {moved} now"),
    DECISION: N_("decision {record} is {moved} now"),
    LESSON: N_("lesson {record} is {moved} now"),
    RECORD: N_("record {record} is {moved} now"),
}


def file_name(kind: str, year: int | str, group: str = TEAM_GROUP) -> str:
    """The file of `kind` that holds `group`'s records of `year`."""
    return f"{kind}-{year}" if group == TEAM_GROUP else f"{kind}-{group}-{year}"


def group_of(kind: str, name: str) -> str:
    """The group whose records the file `name` of `kind` holds."""
    return name[len(kind) + 1 : -5] or TEAM_GROUP


def names(store: Store, kind: str) -> list[str]:
    """The files of `kind`, oldest year first: those of every group the house has, even
    one whose files an index from before it does not know."""
    if kind not in BY_GROUP:
        return store.names(kind)
    keys = [doc["key"] for doc in store.read(TEAM).table(GROUPS).all()]
    return store.names(kind, tuple(f"{kind}-{key}" for key in keys))


def names_of(store: Store, kind: str, group: str | None = None) -> list[str]:
    """The files of `kind`, oldest year first: all of them, or those of one group."""
    found = names(store, kind)
    return found if group is None else [n for n in found if group_of(kind, n) == group]


def names_in(store: Store, kind: str, year: int | str) -> list[str]:
    """The files of `kind` of one year, one per group that has records in it."""
    return [name for name in names(store, kind) if year_of(name) == int(year)]


def record_id(kind: str, name: str, doc: Document | int) -> str:
    """The id of the record `doc` (or number) of the file `name`."""
    return f"{name[len(kind) + 1 :]}-{doc if isinstance(doc, int) else doc.doc_id}"


def record_order(record: str) -> tuple[int, int]:
    """Orders the ids of one group's records: by year, then number (`care-forum-2026-3`
    and `2026-3` alike)."""
    year, number = record.rsplit("-", 2)[-2:]
    return int(year), int(number)


def all_records(store: Store, kind: str, files: list[str] | None = None) -> list[tuple[str, dict]]:
    """Every record of `kind` with its id, oldest year first (or those of the `files`)."""
    found = []
    for name in names(store, kind) if files is None else files:
        found.extend((record_id(kind, name, doc_id), doc) for doc_id, doc in store.rows(name, kind))
    return found


def locate(kind: str, record: str, what: str) -> tuple[str, int]:
    """The file and number of the record with id `record`, or an error naming it as `what`
    (ACTION, DECISION, LESSON or RECORD)."""
    match = _ID.fullmatch(record.strip())
    if match is None:
        raise _unknown(what, record)
    return f"{kind}-{match.group(1)}", int(match.group(2))


def record_table(store: Store, kind: str, record: str) -> Table:
    """The table that holds the record with id `record` (a well-formed one)."""
    return store.read(locate(kind, record, RECORD)[0]).table(kind)


def insert(store: Store, name: str, kind: str, doc: dict) -> str:
    """Add `doc` to the file `name` (in a transaction); its id. Its number follows every
    number the file ever gave, those of records that moved away too."""
    data = store.read(name).storage.data  # type: ignore[attr-defined]
    given = [int(n) for n in data.get(kind, {})]
    given += [moved["number"] for moved in data.get(MOVED, {}).values()]
    number = max(given, default=0) + 1
    store.read(name).table(kind).insert(Document(doc, doc_id=number))
    return record_id(kind, name, number)


def get_record(store: Store, kind: str, record: str, what: str) -> tuple[str, Document]:
    """The record with id `record`, or an error naming it as `what` (ACTION, DECISION,
    LESSON or RECORD), or saying where it moved."""
    name, number = locate(kind, record, what)
    known = store.is_name(name) and store.has(name)
    doc = store.read(name).table(kind).get(doc_id=number) if known else None
    if doc is None:
        moved = store.read(name).table(MOVED).get(where("number") == number) if known else None
        if moved is not None:
            message = _(_MOVED_TO.get(what, _MOVED_TO[RECORD]))
            raise RetroError(message.format(record=record.strip(), moved=moved["to"]))
        raise _unknown(what, record)
    return record.strip(), doc


def _unknown(what: str, record: str) -> RetroError:
    message = _(_UNKNOWN.get(what, _UNKNOWN[RECORD]))
    return RetroError(message.format(record=repr(record)))
