"""Board templates: the columns a retrospective's cards go into.

Five come with retro; a team can save its own in the store. A meeting keeps a copy of its
template's columns, so changing a template later never changes an earlier meeting.
Some columns are "failure" columns: their cards are offered as lessons.
"""

import re
from dataclasses import asdict, dataclass, replace

from retro_tui.domain import clock, validate
from retro_tui.domain.team import Member
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
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
        raise RetroError(
            _("this board has no column {key}; its columns are {keys}").format(
                key=repr(key), keys=names
            )
        )

    def worded(self) -> "Template":
        """This board as people read it: one that came with retro in the language in use
        (its English words are the catalogue's keys), a team's own as the team wrote it."""
        if self.own or BUILTIN.get(self.key) != replace(self, own=False):
            return self
        columns = tuple(replace(c, name=_(c.name), prompt=_(c.prompt)) for c in self.columns)
        return replace(self, name=_(self.name), columns=columns)

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
            N_("Went well / To improve / Failed and learned"),
            ("went-well", N_("Went well"), N_("What worked, and should keep working?"), False),
            ("to-improve", N_("To improve"), N_("What could we do better next time?"), False),
            (
                "failed-learned",
                N_("Failed and learned"),
                N_("What went wrong and taught us something?"),
                True,
            ),
        ),
        _builtin(
            "start-stop-continue",
            N_("Start / Stop / Continue"),
            ("start", N_("Start"), N_("What should we begin doing?"), False),
            ("stop", N_("Stop"), N_("What is not working and should end?"), True),
            ("continue", N_("Continue"), N_("What works and should go on?"), False),
        ),
        _builtin(
            "mad-sad-glad",
            N_("Mad / Sad / Glad"),
            ("mad", N_("Mad"), N_("What frustrated you?"), True),
            ("sad", N_("Sad"), N_("What disappointed you?"), True),
            ("glad", N_("Glad"), N_("What made you happy?"), False),
        ),
        _builtin(
            "4ls",
            N_("4Ls: Liked, Learned, Lacked, Longed for"),
            ("liked", N_("Liked"), N_("What did you enjoy?"), False),
            ("learned", N_("Learned"), N_("What did you find out?"), True),
            ("lacked", N_("Lacked"), N_("What was missing?"), True),
            ("longed-for", N_("Longed for"), N_("What do you wish we had?"), False),
        ),
        _builtin(
            "sailboat",
            N_("Sailboat"),
            ("wind", N_("Wind"), N_("What pushes us forward?"), False),
            ("anchors", N_("Anchors"), N_("What holds us back?"), True),
            ("rocks", N_("Rocks"), N_("What risks lie ahead?"), True),
            ("island", N_("Island"), N_("Where are we heading?"), False),
        ),
    )
}


def list_templates(store: Store) -> list[Template]:
    """The templates that come with retro, then the team's own in the order they were made."""
    own = [Template.from_doc(doc, own=True) for doc in store.read(TEAM).table(TEMPLATES).all()]
    return [*BUILTIN.values(), *own]


def get_template(store: Store, name: str | None) -> Template:
    """The template with this key or name (any case, and a built-in one by its name in
    the language in use too); the default one when None."""
    if name is None or not name.strip():
        return BUILTIN[DEFAULT_TEMPLATE]
    wanted = validate.name_key(name)
    templates = list_templates(store)
    for template in templates:
        names = {validate.name_key(template.name), validate.name_key(_(template.name))}
        if wanted == template.key or wanted in names:
            return template
    keys = ", ".join(t.key for t in templates)
    raise RetroError(
        _("unknown template {name}; choose one of {keys}").format(name=repr(name), keys=keys)
    )


def slug(name: str, length: int = KEY_LENGTH) -> str:
    """A key made from a name: lower case words joined by '-'."""
    key = "-".join(re.findall(r"\w+", name.casefold()))[:length].strip("-")
    if not key:
        raise RetroError(
            _("{name} needs a letter or a digit, to be told apart from others").format(
                name=repr(name)
            )
        )
    return key


def parse_columns(lines: list[str]) -> list[tuple[str, str]]:
    """Columns written as "Name: the question it asks", one per line (blank lines skipped)."""
    columns = []
    for line in lines:
        if not line.strip():
            continue
        name, colon, prompt = line.partition(":")
        if not colon:
            raise RetroError(
                _("write each column as 'Name: its question', not {line}").format(
                    line=repr(line.strip())
                )
            )
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
    clean_name = validate.label(name, _("template's name"))
    if not 1 <= len(columns) <= MAX_COLUMNS:
        raise RetroError(
            _("a template has 1 to {most} columns, not {count}").format(
                most=MAX_COLUMNS, count=len(columns)
            )
        )
    made: list[Column] = []
    for column_name, prompt in columns:
        label = validate.label(column_name, _("column's name"), validate.WORD_MAX)
        key = slug(label)
        if any(c.key == key for c in made):
            raise RetroError(_("two columns are both called {name}").format(name=repr(label)))
        made.append(Column(key, label, validate.label(prompt, _("column's prompt"))))
    failing = {slug(f) for f in failure or []}
    unknown = failing - {c.key for c in made}
    if unknown:
        raise RetroError(
            _("no column is called {name}; name a failure column").format(
                name=repr(sorted(unknown)[0])
            )
        )
    made = [Column(c.key, c.name, c.prompt, c.key in failing) for c in made]
    with store.transaction():
        templates = list_templates(store)
        key = slug(clean_name)
        wanted = validate.name_key(clean_name)
        if any(key == t.key or wanted == validate.name_key(t.name) for t in templates):
            raise RetroError(
                _("there is already a template called {name}").format(name=repr(clean_name))
            )
        template = Template(key, clean_name, tuple(made), own=True)
        doc = {**template.as_doc(), "created": clock.timestamp(), "by": by.name if by else None}
        store.read(TEAM).table(TEMPLATES).insert(doc)
    return template
