"""The shape of every record the program reads, per kind of store file, checked on read.

`RECORDS` says, for each kind of file, each table's fields: the ones every record must
have and the ones it may have, and what each must hold. A file whose records do not fit
is refused as a whole with one error naming the table and the record, before any of it
is used, so a hand-edited or damaged file can never crash a reader or be rewritten.

Tables and fields not listed are tolerated. Records the program turns into objects field
by field (`Shape.exact`) show only the listed fields to the program, so an unknown field
cannot break it; a writer of that file then writes the record without it.

The check runs on every read, so it works a table at a time, column by column, with
loops that run in C (`map`, `set`); only a table that does not fit is looked at again,
record by record, to say what is wrong.

The choices below (meeting kinds, meeting steps, corrections) mirror those in `retro_tui.domain`; the
store does not import the domain, and the tests check that the two agree.
"""

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from itertools import chain, repeat
from operator import is_not, itemgetter
from typing import Any

from retro_tui.i18n import N_, _, ngettext

# How deep a value the program does not know may nest; anything deeper is refused, so
# no later walk over a file's data can run out of stack.
MAX_UNKNOWN_DEPTH = 32

MEETING_KINDS = ("retro", "forum", "sharing")
MEETING_STEPS = ("checkin", "health", "review", "agenda", "cards", "lessons", "close")
HEALTH_CHECKS = ("anonymous", "named")
VERDICTS = ("supports", "tension", "not-relevant", "unconsidered")
CORRECTED = ("decision", "action", "card")
CORRECTION_CHANGES = ("edited", "removed")
RECORD_ID = re.compile(r"[1-9][0-9]{0,8}")  # as TinyDB counts: 1, 2, 3, ...
# Fields that no two records of a table may share: {(file kind, table): field}.
UNIQUE = {
    ("meetings", "meetings"): "id",
    ("team", "principles"): "key",
    ("team", "groups"): "key",
    ("tasks", "tasks"): "name",
}
GROUP_KINDS = ("forum", "community")
FACILITATIONS = ("rota", "leads")
MEETING_ID = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?")
YEARLY = ("meetings", "actions", "lessons", "decisions")
# Yearly kinds kept apart per group: `meetings-2026` is the team's year, `meetings-hr-2026`
# the year of the group with key `hr`, so that one group's writes never rewrite another's.
BY_GROUP = ("meetings", "actions", "decisions")
GROUP_KEY = r"\w+(?:-\w+)*"
DECISION_STATUSES = ("in-force", "revised", "retired")


NoneType = type(None)
_is_not_none = partial(is_not, None)


class _Absent:
    """The value of a field a record does not have."""


ABSENT = _Absent()
Valid = Callable[[list[Any]], bool]  # True when every one of the values is right


class Field:
    """What one field holds: its JSON types, and for some a further check of the values.

    `valid` sees the values of a column that are not null. For a list or a map, `item`
    is what each entry holds; for an object, `shape` is its fields.
    """

    __slots__ = ("item", "label", "label_values", "shape", "types", "valid")

    def __init__(
        self,
        label: str,  # for messages, marked N_(): "text", "one of {choices}", ...
        types: frozenset[type],
        valid: Valid | None = None,
        item: "Field | None" = None,
        shape: "Shape | None" = None,
        label_values: dict[str, "str | Field"] | None = None,  # the label's placeholders
    ) -> None:
        self.label = label
        self.types = types
        self.valid = valid
        self.item = item
        self.shape = shape
        self.label_values = label_values or {}

    def described(self) -> str:
        """What the field must hold, in the language in use: "a whole number", ..."""
        values = {
            name: value.described() if isinstance(value, Field) else value
            for name, value in self.label_values.items()
        }
        return _(self.label).format(**values)


class Shape:
    """A record's fields. `exact`: the program builds an object from exactly these fields."""

    __slots__ = ("columns", "exact", "fields", "names", "passes", "required")

    def __init__(
        self,
        required: dict[str, Field],
        optional: dict[str, Field] | None = None,
        exact: bool = True,
    ) -> None:
        optional = optional or {}
        self.required = required
        self.exact = exact
        self.fields = {**required, **optional}
        self.names = frozenset(self.fields)
        # How to check a table column by column: (name, how to take the field from a
        # record, or None when it is optional, types, valid).
        self.columns: tuple[tuple[str, Any, frozenset[type], Valid | None], ...] = tuple(
            (name, itemgetter(name), f.types, f.valid) for name, f in required.items()
        ) + tuple((name, None, f.types | {_Absent}, f.valid) for name, f in optional.items())
        # How to check a table whose records all have every field: fields of the same
        # types and no further check are taken together, as one run over their values.
        together: dict[frozenset[type], list[str]] = {}
        for name, f in self.fields.items():
            if f.valid is None:
                together.setdefault(f.types, []).append(name)
        self.passes: tuple[tuple[Any, bool, frozenset[type], Valid | None], ...] = tuple(
            (itemgetter(*names), len(names) > 1, types, None) for types, names in together.items()
        ) + tuple(
            (itemgetter(name), False, f.types, f.valid)
            for name, f in self.fields.items()
            if f.valid
        )


def all_fit(docs: list[Any], shape: Shape) -> bool:
    """True when every one of `docs` is a record of `shape` with no unknown field."""
    if not docs:
        return True
    if set(map(type, docs)) != {dict}:
        return False
    if sum(map(len, docs)) == len(docs) * len(shape.names):
        try:
            return _complete_fit(docs, shape)
        except KeyError:
            pass  # a record lacks a field, so another has an unknown one
    present = set().union(*docs)
    if not present <= shape.names:
        return False
    for name, getter, types, valid in shape.columns:
        if getter is not None:
            try:
                values = list(map(getter, docs))
            except KeyError:
                return False
        elif name in present:
            values = list(map(dict.get, docs, repeat(name), repeat(ABSENT)))
        else:
            continue
        if not set(map(type, values)) <= types:
            return False
        if valid is not None:
            given = [v for v in values if v is not None and v is not ABSENT]
            if given and not valid(given):
                return False
    return True


def _complete_fit(docs: list[dict[str, Any]], shape: Shape) -> bool:
    """`all_fit` for records that have as many fields as the shape; KeyError if one lacks one."""
    for getter, several, types, valid in shape.passes:
        if valid is None:
            values = chain.from_iterable(map(getter, docs)) if several else map(getter, docs)
            if not set(map(type, values)) <= types:
                return False
            continue
        given = list(map(getter, docs))
        kinds = set(map(type, given))
        if not kinds <= types:
            return False
        if NoneType in kinds:
            given = list(filter(_is_not_none, given))
        if given and not valid(given):
            return False
    return True


def problem_with(doc: Any, shape: Shape, path: tuple[str | int, ...] = ()) -> str | None:
    """What is wrong with the record `doc`, or None when it fits `shape`. `path` is where
    an object inside a record is, by its fields and entries (none for the record itself).

    Fields unknown to an exact shape are taken out of `doc` (and of the objects in it).
    """
    if type(doc) is not dict:
        return _("it is {found}, not an object").format(found=_what(doc))
    for name in shape.required:
        if name not in doc:
            return _("field {field} is missing").format(field=_field((*path, name)))
    for name, value in list(doc.items()):
        kind = shape.fields.get(name)
        if kind is None:
            if too_deep(value, MAX_UNKNOWN_DEPTH):
                return _("field {field} is nested more than {depth} deep").format(
                    field=_field((*path, name)), depth=MAX_UNKNOWN_DEPTH
                )
            if shape.exact:
                del doc[name]
            continue
        problem = _value_problem(value, kind, (*path, name))
        if problem:
            return problem
    return None


def _value_problem(value: Any, kind: Field, path: tuple[str | int, ...]) -> str | None:
    """What is wrong with the value at `path`, or None when it is what `kind` holds."""
    if type(value) not in kind.types:
        return _("field {field} holds {found}, not {kind}").format(
            field=_field(path), found=_what(value), kind=kind.described()
        )
    if value is None:
        return None
    if kind.shape is not None:
        return problem_with(value, kind.shape, path)
    if kind.item is not None:
        entries = enumerate(value) if type(value) is list else value.items()
        for key, entry in entries:
            problem = _value_problem(entry, kind.item, (*path, key))
            if problem:
                return problem
        if kind.valid is not None and not kind.valid([value]):  # as a whole: its length
            return ngettext(
                "field {field} holds {count} entry, not {kind}",
                "field {field} holds {count} entries, not {kind}",
                len(value),
            ).format(field=_field(path), count=len(value), kind=kind.described())
        return None
    if kind.valid is not None and not kind.valid([value]):
        return _("field {field} holds {found}, not {kind}").format(
            field=_field(path), found=_shown(value), kind=kind.described()
        )
    return None


def _field(path: tuple[str | int, ...]) -> str:
    """A field, or an entry inside one, as messages name it: 'checks'['purpose']['verdict']."""
    first, *inside = (part[:40] if type(part) is str else part for part in path)
    return repr(first) + "".join(f"[{part!r}]" for part in inside)


def _entries_fit(entries: list[Any], item: Field) -> bool:
    if not set(map(type, entries)) <= item.types:
        return False
    if item.valid is None:
        return True
    given = [v for v in entries if v is not None]
    return not given or item.valid(given)


def _kind(label: str, *types: type, valid: Valid | None = None) -> Field:
    return Field(label, frozenset(types), valid)


def _optional(of: Field) -> Field:
    """`of`, or null."""
    return Field(
        N_("{kind} or null"),
        of.types | {type(None)},
        of.valid,
        of.item,
        of.shape,
        {"kind": of},
    )


def _list_of(item: Field, label: str) -> Field:
    def valid(lists: list[list[Any]]) -> bool:
        return _entries_fit(list(chain.from_iterable(lists)), item)

    return Field(label, frozenset({list}), valid, item)


def _map_of(item: Field, label: str) -> Field:
    def valid(maps: list[dict[str, Any]]) -> bool:
        return _entries_fit(list(chain.from_iterable(map(dict.values, maps))), item)

    return Field(label, frozenset({dict}), valid, item)


def _object(shape: Shape, label: str) -> Field:
    return Field(label, frozenset({dict}), lambda docs: all_fit(docs, shape), None, shape)


def _one_of(choices: tuple[str, ...]) -> Field:
    allowed = frozenset(choices)
    return Field(
        N_("one of {choices}"),
        frozenset({str}),
        lambda values: set(values) <= allowed,
        label_values={"choices": ", ".join(choices)},
    )


def _matching(pattern: re.Pattern[str], example: str) -> Field:
    return Field(
        N_("text like {example}"),
        frozenset({str}),
        lambda values: all(map(pattern.fullmatch, set(values))),
        label_values={"example": example},
    )


def _parsing(parse: Callable[[str], object], example: str) -> Field:
    def valid(values: list[str]) -> bool:
        try:
            list(map(parse, set(values)))
        except ValueError:
            return False
        return True

    return Field(
        N_("text like {example}"), frozenset({str}), valid, label_values={"example": example}
    )


def _key_lines(values: list[str]) -> bool:
    return all(len(value.split()) >= 2 for value in values)


TEXT = _kind(N_("text"), str)
WHOLE = _kind(N_("a whole number"), int)
FLAG = _kind(N_("true or false"), bool)
NAMES = _list_of(TEXT, N_("a list of texts"))
MEETING = _matching(MEETING_ID, "2026-11-22")
GROUP = _matching(re.compile(GROUP_KEY), "care-forum")  # a group's key names its files
OTHER_GROUP = _matching(re.compile(rf"(?!team$){GROUP_KEY}"), "care-forum")  # not the team
# In a team's yearly file: a record that moved to its group's own file (schema 3), so that
# its number is never given again and its old id still says where it went.
MOVED = Shape({"number": WHOLE, "to": TEXT})
DAY = _parsing(date.fromisoformat, "2026-11-22")


def _local_moment(value: str) -> datetime:
    """A moment as retro writes it: local time, no zone (a zone would not compare)."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        raise ValueError("a time zone")  # i18n: not shown
    return moment


MOMENT = _parsing(_local_moment, "2026-11-22T10:00:00")
ENERGY = _kind(
    N_("a whole number from 1 to 5"), int, valid=lambda values: set(values) <= {1, 2, 3, 4, 5}
)
HEALTH_RATING = ENERGY

ROLE_CHANGE = Shape(
    {
        "role": TEXT,
        "from_member": _optional(TEXT),
        "to_member": _optional(TEXT),
        "reason": TEXT,
        "by": _optional(TEXT),
        "at": TEXT,
    }
)
REOPENING = Shape({"reason": TEXT, "by": TEXT, "at": TEXT})
RETIREMENT = Shape({"reason": TEXT, "by": _optional(TEXT), "at": TEXT})
# A meeting plan: every 1 to 12 weeks (as `groups.parse_cadence` allows) on a weekday, 0 for
# Monday; a count of weeks out of that range could not be counted in.
PLAN_WEEKS = _kind(
    N_("a whole number from 1 to 12"), int, valid=lambda values: set(values) <= set(range(1, 13))
)
WEEKDAY = _kind(
    N_("a whole number from 0 (Monday) to 6"),
    int,
    valid=lambda values: set(values) <= set(range(7)),
)
CADENCE = Shape({"weeks": PLAN_WEEKS, "weekday": WEEKDAY})
COLUMN = Shape({"key": TEXT, "name": TEXT, "prompt": TEXT}, {"failure": FLAG})
_ANY_COLUMNS = _list_of(_object(COLUMN, N_("a column")), N_("columns"))


def _one_to_six(lists: list[list[Any]]) -> bool:
    """A board has 1 to 6 columns (see domain/templates.py), each a column."""
    return all(1 <= len(x) <= 6 for x in lists) and _entries_fit(
        list(chain.from_iterable(lists)),
        _ANY_COLUMNS.item,  # type: ignore[arg-type]
    )


COLUMNS = Field(N_("a list of 1 to 6 columns"), frozenset({list}), _one_to_six, _ANY_COLUMNS.item)
CHECK = Shape({"verdict": _one_of(VERDICTS)}, {"note": TEXT})
REVIEW = Shape({"meeting": TEXT, "outcome": TEXT, "at": TEXT})

AGREEMENT = Shape(
    {
        "texts": _map_of(TEXT, N_("the agreement's texts")),
        "check_in": _optional(DAY),
        "by": _optional(TEXT),
        "at": TEXT,
    }
)
ANSWER = Shape(
    {
        "member": TEXT,
        "scores": _map_of(WHOLE, N_("the answer's scores")),
        "note": TEXT,
        "at": TEXT,
    }
)
ALIGNMENT_CHECK = Shape(
    {"answers": _list_of(_object(ANSWER, N_("an answer")), N_("answers")), "started": TEXT}
)

# {file kind: {table: shape}}; a file's kind comes from its name (see `file_kind`).
RECORDS: dict[str, dict[str, Shape]] = {
    "team": {
        "meta": Shape(
            {},
            {
                "schema": WHOLE,
                "name": TEXT,
                "purpose": TEXT,
                "created": TEXT,
                "health_check": _one_of(("off", *HEALTH_CHECKS)),
                # The minutes' language: one this version does not speak reads as English.
                "language": TEXT,
                "cadence": _optional(_object(CADENCE, N_("a meeting plan"))),  # the team's plan
            },
            exact=False,
        ),
        "members": Shape(
            {"name": TEXT, "handle": TEXT},
            {
                "active": FLAG,
                "joined": TEXT,
                "keys": _list_of(
                    _kind(N_("a public key line"), str, valid=_key_lines), N_("a list of key lines")
                ),
            },
        ),
        "principles": Shape({"key": TEXT, "name": TEXT, "question": TEXT}, {"origin": TEXT}),
        "templates": Shape(
            {
                "key": TEXT,
                "name": TEXT,
                "columns": COLUMNS,
            },
            {"created": TEXT, "by": _optional(TEXT)},
        ),
        "groups": Shape(
            {
                "key": OTHER_GROUP,
                "kind": _one_of(GROUP_KINDS),
                "name": TEXT,
                "focus": TEXT,
                "members": NAMES,
            },
            {
                "roles": _map_of(_optional(TEXT), N_("role holders")),
                "since": _map_of(DAY, N_("days the roles were taken")),
                "role_changes": _list_of(
                    _object(ROLE_CHANGE, N_("a role change")), N_("role changes")
                ),
                "cadence": _optional(_object(CADENCE, N_("a meeting plan"))),
                "facilitation": _one_of(FACILITATIONS),
                "created": TEXT,
            },
        ),
    },
    "meetings": {
        "meetings": Shape(
            {
                "id": MEETING,
                "date": DAY,
                "kind": _one_of(MEETING_KINDS),
                "title": TEXT,
                "status": TEXT,
                "facilitator": TEXT,
                "scribe": _optional(TEXT),
                "present": NAMES,
                "absent": NAMES,
            },
            {
                "role_changes": _list_of(
                    _object(ROLE_CHANGE, N_("a role change")), N_("role changes")
                ),
                "reopenings": _list_of(_object(REOPENING, N_("a reopening")), N_("reopenings")),
                "created_by": _optional(TEXT),
                "created": TEXT,
                "has_file": FLAG,
                "group": GROUP,
                "health": _optional(_one_of(HEALTH_CHECKS)),
            },
        ),
    },
    "meeting": {
        "items": Shape(
            {"title": TEXT, "owner": _optional(TEXT), "timebox": _optional(WHOLE)},
            {
                "notes": TEXT,
                "checks": _map_of(_object(CHECK, N_("a check")), N_("principle checks")),
                "check_skipped": FLAG,
                "status": TEXT,
                "added_by": _optional(TEXT),
                "created": TEXT,
            },
        ),
        "decisions": Shape(
            {
                "item": WHOLE,
                "text": TEXT,
                "knows_most": NAMES,
                "affected": NAMES,
                "by": _optional(TEXT),
                "at": TEXT,
            },
            {"took_part": NAMES},
        ),
        "setup": Shape(
            {
                "key": TEXT,
                "name": TEXT,
                "columns": COLUMNS,
            },
            {"anonymous": FLAG},
        ),
        "cards": Shape(
            {"column": TEXT, "text": TEXT, "author": _optional(TEXT), "created": TEXT},
            {"theme": _optional(WHOLE)},
        ),
        # A dot on a card or, once cards are grouped, on a theme.
        "votes": Shape({"member": TEXT}, {"card": WHOLE, "theme": WHOLE}, exact=False),
        "themes": Shape({"name": TEXT}),
        # How the themes were before each change, so that the facilitator can undo it.
        "grouping": Shape(
            {
                "themes": _map_of(TEXT, N_("theme names")),
                "cards": _map_of(_optional(WHOLE), N_("the cards' themes")),
            }
        ),
        # A health check's answers: a member only when the check is named.
        "health": Shape(
            {"ratings": _map_of(HEALTH_RATING, N_("ratings"))},
            {"notes": _map_of(TEXT, N_("notes")), "member": TEXT},
        ),
        "checkins": Shape({"member": TEXT, "energy": ENERGY, "word": TEXT, "at": TEXT}),
        "state": Shape(
            {},
            {
                "step": _one_of(MEETING_STEPS),
                "item": _optional(WHOLE),
                "timer_started": _optional(MOMENT),
                "timer_minutes": _optional(WHOLE),
                "revealed": FLAG,
                "vote_budget": WHOLE,
                "health_answered": NAMES,  # who has answered, in name order
                "health_revealed": FLAG,
                "group": GROUP,  # whose meeting it is (its record is in that group's file)
            },
            exact=False,
        ),
        "reviewed_actions": Shape({"action": TEXT}, exact=False),
        "corrections": Shape(
            {
                "what": _one_of(CORRECTED),
                "ref": TEXT,
                "change": _one_of(CORRECTION_CHANGES),
                "was": TEXT,
                "now": TEXT,
                "by": _optional(TEXT),
                "at": TEXT,
            }
        ),
    },
    "actions": {
        "moved": MOVED,
        "actions": Shape(
            {
                "text": TEXT,
                "owner": TEXT,
                "due": _optional(TEXT),
                "status": TEXT,
                "meeting": MEETING,
            },
            {
                "item": _optional(WHOLE),
                "created": TEXT,
                "reviews": _list_of(_object(REVIEW, N_("a review")), N_("reviews")),
            },
        ),
    },
    "tasks": {
        "tasks": Shape(
            {"name": TEXT, "holder": TEXT, "handed_by": TEXT, "group": GROUP, "created": TEXT},
            {
                "agreements": _list_of(_object(AGREEMENT, N_("an agreement")), N_("agreements")),
                "checks": _list_of(_object(ALIGNMENT_CHECK, N_("a check")), N_("checks")),
            },
        ),
    },
    "decisions": {
        "moved": MOVED,
        "decisions": Shape(
            {
                "meeting": MEETING,
                "number": WHOLE,
                "group": GROUP,
                "item": WHOLE,
                "text": TEXT,
                "knows_most": NAMES,
                "affected": NAMES,
                "by": _optional(TEXT),
                "at": TEXT,
            },
            {
                "took_part": NAMES,
                "review": _optional(DAY),
                "status": _one_of(DECISION_STATUSES),
                "revises": _optional(TEXT),
                "revised_by": _optional(TEXT),
                "retired": _optional(_object(RETIREMENT, N_("a retirement"))),
                "review_meeting": _optional(MEETING),
                "review_item": _optional(WHOLE),
            },
        ),
    },
    "lessons": {
        "lessons": Shape(
            {
                "title": TEXT,
                "tried": TEXT,
                "happened": TEXT,
                "learned": TEXT,
                "meeting": _optional(MEETING),
            },
            {"next": TEXT, "principles": NAMES, "created": TEXT},
        ),
    },
}

_FILE_KIND = re.compile(
    r"(?P<index>index(?:-(?:actions|decisions|lessons|search|words))?)|(?P<team>team)|(?P<tasks>tasks)"
    rf"|(?P<meetings>meetings-(?:{GROUP_KEY}-)?[0-9]{{4}})|(?P<actions>actions-(?:{GROUP_KEY}-)?[0-9]{{4}})"
    rf"|(?P<lessons>lessons-[0-9]{{4}})|(?P<decisions>decisions-(?:{GROUP_KEY}-)?[0-9]{{4}})"
    r"|(?P<meeting>meeting-[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[0-9]+)?)"
)


def file_kind(name: str) -> str | None:
    """The kind of the store file called `name` (without .json); None for one not known."""
    match = _FILE_KIND.fullmatch(name)
    return match.lastgroup if match else None


def is_yearly_name(name: str) -> bool:
    """True for the name of a yearly file, like `lessons-2026` or `decisions-hr-2026`."""
    return file_kind(name) in YEARLY


def year_of(name: str) -> int:
    """The year of the yearly file `name`."""
    return int(name[-4:])


def yearly_order(name: str) -> tuple[int, str]:
    """Orders yearly files by year, then by name (the team's year first)."""
    return int(name[-4:]), name


class Malformed(Exception):
    """A file with a record that does not fit its shape; the message names the record."""


def check_records(name: str, data: dict[str, dict[str, Any]]) -> bool:
    """Check every record of the file `name` (without .json); Malformed names the first bad one.

    Fields unknown to an exact shape are taken out of the records in `data`. True when
    every table fit as it was read, so `data` is unchanged.
    """
    if file_kind(name) == "index":
        return True  # what it holds is checked where it is used (see store/index.py)
    tables = RECORDS.get(file_kind(name) or "", {})
    as_read = True
    for table_name, table in data.items():
        shape = tables.get(table_name)
        if shape is None:
            if too_deep(table, MAX_UNKNOWN_DEPTH):
                raise Malformed(
                    _("table {table} is nested more than {depth} deep").format(
                        table=repr(table_name[:40]), depth=MAX_UNKNOWN_DEPTH
                    )
                )
            continue
        if not all(map(RECORD_ID.fullmatch, table)):
            bad = next(i for i in table if not RECORD_ID.fullmatch(i))
            raise Malformed(
                _("table {table} has a record id {id} that is not a number").format(
                    table=table_name, id=repr(bad[:40])
                )
            )
        unique = UNIQUE.get((file_kind(name) or "", table_name))
        if unique is not None:
            values = [doc.get(unique) for doc in table.values() if type(doc) is dict]
            if len(values) != len(set(map(repr, values))):
                raise Malformed(
                    _("table {table} has two records with the same {field}").format(
                        table=table_name, field=unique
                    )
                )
        if not all_fit(list(table.values()), shape):
            as_read = False
            for doc_id, doc in table.items():
                problem = problem_with(doc, shape)
                if problem:
                    raise Malformed(
                        _("record {record} of table {table}: {problem}").format(
                            record=doc_id, table=table_name, problem=problem
                        )
                    )
        _check_group(name, table_name, table)
    return as_read


def _check_group(name: str, table_name: str, table: dict[str, Any]) -> None:
    """A group's own file (`meetings-KEY-YYYY`) holds only that group's records."""
    if table_name not in BY_GROUP or file_kind(name) != table_name:
        return
    key = name[len(table_name) + 1 : -5]
    if not key or table_name == "actions":  # the team's files; actions name no group
        return
    for doc_id, doc in table.items():
        if doc.get("group") != key:
            raise Malformed(
                _(
                    "record {record} of table {table} belongs to group {group}, "
                    "not to {key} whose file this is"
                ).format(
                    record=doc_id,
                    table=table_name,
                    group=repr(str(doc.get("group"))[:40]),
                    key=repr(key),
                )
            )


def too_deep(value: Any, depth: int) -> bool:
    """True when lists and objects in `value` nest more than `depth` levels deep."""
    if type(value) is dict:
        value = value.values()
    elif type(value) is not list:
        return False
    if depth == 0:
        return True
    return any(too_deep(v, depth - 1) for v in value if type(v) is dict or type(v) is list)


def _shown(value: Any) -> str:
    """A value as a message shows it: quoted and cut short, control characters escaped."""
    return repr(value[:40] if type(value) is str else value)


def _what(value: Any) -> str:
    """How a JSON value is named in messages."""
    if value is None:
        return "null"  # as JSON writes it
    if type(value) is bool:
        return _("true or false")
    if type(value) is str:
        return _("text")
    if type(value) in (int, float):
        return _("a number")
    if type(value) is list:
        return _("a list")
    return _("an object")
