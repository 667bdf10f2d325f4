"""Board templates: the columns a retrospective's cards go into.

Five come with retro; a team can save its own in the store. A meeting keeps a copy of its
template's columns, so changing a template later never changes an earlier meeting.
Some columns are "failure" columns: their cards are offered as lessons.
"""

import re
from dataclasses import asdict, dataclass

from retro_tui.domain import clock, validate
from retro_tui.domain.team import Member
from retro_tui.errors import RetroError
from retro_tui.store import TEAM, Store

TEMPLATES = "templates"
DEFAULT_TEMPLATE = "classic"
MAX_COLUMNS = 6
KEY_LENGTH = 30


@dataclass(frozen=True)
class Column:
    key: str
    name: str
    prompt: str
    failure: bool = False  # its cards are offered as lessons


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    columns: tuple[Column, ...]
    own: bool = False  # the team's own, not one that comes with retro

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        names = ", ".join(c.key for c in self.columns)
        raise RetroError(f"this board has no column {key!r}; its columns are {names}")

    @property
    def failure_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.failure)

    def as_doc(self) -> dict:
        return {"key": self.key, "name": self.name, "columns": [asdict(c) for c in self.columns]}

    @staticmethod
    def from_doc(doc: dict, own: bool = False) -> "Template":
        # The store refuses a board of no columns or more than MAX_COLUMNS as it reads it.
        columns = tuple(Column(**c) for c in doc["columns"])
        return Template(doc["key"], doc["name"], columns, own)


def _builtin(key: str, name: str, *columns: tuple[str, str, str, bool]) -> Template:
    return Template(key, name, tuple(Column(*c) for c in columns))


BUILTIN = {
    t.key: t
    for t in (
        _builtin(
            DEFAULT_TEMPLATE,
            "Went well / To improve / Failed and learned",
            ("went-well", "Went well", "What worked, and should keep working?", False),
            ("to-improve", "To improve", "What could we do better next time?", False),
            (
                "failed-learned",
                "Failed and learned",
                "What went wrong and taught us something?",
                True,
            ),
        ),
        _builtin(
            "start-stop-continue",
            "Start / Stop / Continue",
            ("start", "Start", "What should we begin doing?", False),
            ("stop", "Stop", "What is not working and should end?", True),
            ("continue", "Continue", "What works and should go on?", False),
        ),
        _builtin(
            "mad-sad-glad",
            "Mad / Sad / Glad",
            ("mad", "Mad", "What frustrated you?", True),
            ("sad", "Sad", "What disappointed you?", True),
            ("glad", "Glad", "What made you happy?", False),
        ),
        _builtin(
            "4ls",
            "4Ls: Liked, Learned, Lacked, Longed for",
            ("liked", "Liked", "What did you enjoy?", False),
            ("learned", "Learned", "What did you find out?", True),
            ("lacked", "Lacked", "What was missing?", True),
            ("longed-for", "Longed for", "What do you wish we had?", False),
        ),
        _builtin(
            "sailboat",
            "Sailboat",
            ("wind", "Wind", "What pushes us forward?", False),
            ("anchors", "Anchors", "What holds us back?", True),
            ("rocks", "Rocks", "What risks lie ahead?", True),
            ("island", "Island", "Where are we heading?", False),
        ),
    )
}


def list_templates(store: Store) -> list[Template]:
    """The templates that come with retro, then the team's own in the order they were made."""
    own = [Template.from_doc(doc, own=True) for doc in store.read(TEAM).table(TEMPLATES).all()]
    return [*BUILTIN.values(), *own]


def get_template(store: Store, name: str | None) -> Template:
    """The template with this key or name (any case); the default one when None."""
    if name is None or not name.strip():
        return BUILTIN[DEFAULT_TEMPLATE]
    wanted = validate.name_key(name)
    templates = list_templates(store)
    for template in templates:
        if wanted in (template.key, validate.name_key(template.name)):
            return template
    keys = ", ".join(t.key for t in templates)
    raise RetroError(f"unknown template {name!r}; choose one of {keys}")


def slug(name: str, length: int = KEY_LENGTH) -> str:
    """A key made from a name: lower case words joined by '-'."""
    key = "-".join(re.findall(r"\w+", name.casefold()))[:length].strip("-")
    if not key:
        raise RetroError(f"{name!r} needs a letter or a digit, to be told apart from others")
    return key


def parse_columns(lines: list[str]) -> list[tuple[str, str]]:
    """Columns written as "Name: the question it asks", one per line (blank lines skipped)."""
    columns = []
    for line in lines:
        if not line.strip():
            continue
        name, colon, prompt = line.partition(":")
        if not colon:
            raise RetroError(f"write each column as 'Name: its question', not {line.strip()!r}")
        columns.append((name, prompt))
    return columns


def add_template(
    store: Store,
    name: str,
    columns: list[tuple[str, str]],
    failure: list[str] | None = None,
    by: Member | None = None,
) -> Template:
    """Save the team's own template: columns as (name, one-line prompt); `failure` names the
    columns whose cards are offered as lessons."""
    clean_name = validate.label(name, "template's name")
    if not 1 <= len(columns) <= MAX_COLUMNS:
        raise RetroError(f"a template has 1 to {MAX_COLUMNS} columns, not {len(columns)}")
    made: list[Column] = []
    for column_name, prompt in columns:
        label = validate.label(column_name, "column's name", validate.WORD_MAX)
        key = slug(label)
        if any(c.key == key for c in made):
            raise RetroError(f"two columns are both called {label!r}")
        made.append(Column(key, label, validate.label(prompt, "column's prompt")))
    failing = {slug(f) for f in failure or []}
    unknown = failing - {c.key for c in made}
    if unknown:
        raise RetroError(f"no column is called {sorted(unknown)[0]!r}; name a failure column")
    made = [Column(c.key, c.name, c.prompt, c.key in failing) for c in made]
    with store.transaction():
        templates = list_templates(store)
        key = slug(clean_name)
        wanted = validate.name_key(clean_name)
        if any(key == t.key or wanted == validate.name_key(t.name) for t in templates):
            raise RetroError(f"there is already a template called {clean_name!r}")
        template = Template(key, clean_name, tuple(made), own=True)
        doc = {**template.as_doc(), "created": clock.timestamp(), "by": by.name if by else None}
        store.read(TEAM).table(TEMPLATES).insert(doc)
    return template
