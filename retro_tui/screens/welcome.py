"""First run: create the team (name, purpose, members) or open the demo team."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from retro_tui.domain.demo import create_demo
from retro_tui.domain.team import init_team
from retro_tui.i18n import N_, _
from retro_tui.widgets.fields import Field
from retro_tui.widgets.footer import KeysFooter
from retro_tui.widgets.keys import TranslatedKeys

INTRO = N_(
    "retro runs your team's meetings: it takes turns on who facilitates and who takes "
    "notes, holds each agenda item up against your principles, and keeps what you learn "
    "from failures where the whole team can find it again."
)


class WelcomeScreen(TranslatedKeys, Screen[None]):
    """Shown when the store does not exist yet."""

    BINDINGS = [
        Binding("ctrl+s", "create", N_("Create team"), id="welcome.create"),
        Binding("ctrl+d", "demo", N_("Open demo team"), id="welcome.demo"),
    ]

    def __init__(self) -> None:
        super().__init__(id="welcome")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-body"):
            yield Static(_("Welcome to retro"), id="welcome-title", markup=False)
            yield Static(_(INTRO), classes="intro", markup=False)
            with Vertical(classes="form"):
                yield Label(_("Team name"))
                yield Field(placeholder=_("e.g. Night shift"), id="team-name")
                yield Label(_("Why the team exists, in one sentence"))
                yield Field(placeholder=_("We help ..."), id="purpose")
                yield Label(_("Members, separated by commas"))
                yield Field(placeholder=_("Ada Lund, Bo Berg, Cy Holm"), id="members")
                with Horizontal(classes="buttons"):
                    yield Button(_("Create team"), variant="primary", id="create", compact=True)
                    yield Button(_("Open the demo team"), id="demo", compact=True)
        yield KeysFooter(compact=True)

    @on(Button.Pressed, "#create")
    @on(Field.Submitted, "#members")
    def action_create(self) -> None:
        name = self.query_one("#team-name", Field).value
        purpose = self.query_one("#purpose", Field).value
        members = [
            m.strip() for m in self.query_one("#members", Field).value.split(",") if m.strip()
        ]
        if self.app.attempt(init_team, self.app.store, name, purpose, members) is not None:
            self.app.open_home()

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        if self.app.attempt(create_demo, self.app.store) is not None:
            self.app.open_home()
