"""Start a meeting: its kind, who is absent, and the facilitator and scribe the rota picks."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Select, SelectionList, Static

from retro_tui.domain.flow import DEFAULT_VOTE_BUDGET
from retro_tui.domain.meetings import (
    KINDS,
    RUNNING,
    Meeting,
    Setup,
    create_meeting,
    proposed_roles,
    today_meeting,
)
from retro_tui.domain.team import get_team, list_members
from retro_tui.domain.templates import DEFAULT_TEMPLATE, list_templates
from retro_tui.errors import RetroError
from retro_tui.i18n import N_, _
from retro_tui.widgets.fields import Field
from retro_tui.widgets.keys import TranslatedKeys
from retro_tui.widgets.plain import choices, filled, plain


class StartMeetingScreen(TranslatedKeys, ModalScreen[Meeting | None]):
    """Dismisses with the new meeting, or None."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="start.cancel"),
        Binding("ctrl+s", "start", N_("Start meeting"), id="start.start"),
        Binding("ctrl+o", "open_today", N_("Open today's meeting"), id="start.open_today"),
    ]
    AUTO_FOCUS = ""  # on_mount focuses the title

    def __init__(self) -> None:
        super().__init__()
        self.today = today_meeting(self.app.store)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "open_today" or self.today is not None

    def compose(self) -> ComposeResult:
        members = list_members(self.app.store, active_only=True)
        with VerticalScroll(classes="dialog") as dialog:
            dialog.border_title = _("Start a meeting")
            if self.today is not None:
                if self.today.status == RUNNING:
                    today = _(
                        "{title} is running for today, led by {facilitator}. "
                        "Open it rather than start another?"
                    )
                else:
                    today = _(
                        "{title} is planned for today, led by {facilitator}. "
                        "Open it rather than start another?"
                    )
                yield Static(
                    filled(
                        today,
                        title=plain(self.today.title, "bold"),
                        facilitator=plain(self.today.facilitator, "bold"),
                    ),
                    classes="hint",
                )
                yield Button(
                    _("Open today's meeting  ctrl+o"),
                    variant="primary",
                    id="open-today",
                    compact=True,
                )
            yield Label(_("Kind"))
            yield Select(
                [(_(label), key) for key, label in KINDS.items()],
                value="retro",
                allow_blank=False,
                id="kind",
                compact=True,
            )
            yield Label(_("Title (optional)"))
            yield Field(id="title")
            with Vertical(id="board-options"):
                yield Label(_("Board"))
                yield Select(
                    choices((t.worded().name, t.key) for t in list_templates(self.app.store)),
                    value=DEFAULT_TEMPLATE,
                    allow_blank=False,
                    id="template",
                    compact=True,
                )
                yield Label(_("Dots each"))
                yield Select(
                    [(str(n), n) for n in range(1, 11)],
                    value=DEFAULT_VOTE_BUDGET,
                    allow_blank=False,
                    id="votes",
                    compact=True,
                )
                yield Checkbox(
                    _("Anonymous cards: keep no name with any card"), id="anonymous", compact=True
                )
            yield Checkbox(
                _("Principles health check"),
                get_team(self.app.store).health_check != "off",
                id="health",
                compact=True,
            )
            yield Label(_("Who is absent? (space to mark)"))
            yield SelectionList[str](*choices((m.name, m.name) for m in members), id="absent")
            yield Static(id="proposed-roles")
            with Horizontal(classes="buttons"):
                yield Button(_("Start  ctrl+s"), variant="primary", id="start", compact=True)
                yield Button(_("Cancel  esc"), id="cancel", compact=True)

    def on_mount(self) -> None:
        """Typing goes to the title from the first key; the dialog shows from its top."""
        self.set_focus(self.query_one("#title", Field), scroll_visible=False)
        self.show_roles()

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        """Only a retrospective has a board of cards."""
        self.query_one("#board-options").display = event.value == "retro"

    @on(SelectionList.SelectedChanged, "#absent")
    def show_roles(self) -> None:
        absent = list(self.query_one("#absent", SelectionList).selected)
        label = self.query_one("#proposed-roles", Static)
        try:
            __, __, roles = proposed_roles(self.app.store, absent)
        except RetroError as error:
            label.update(Text(str(error), style="bold red"))  # i18n: not shown
            return
        if roles.scribe:
            picks = _(
                "The rota picks {facilitator} to facilitate and {scribe} to take notes. "
                "Swap or hand over inside the meeting."
            )
        else:
            picks = _(
                "The rota picks {facilitator} to facilitate and nobody to take notes. "
                "Swap or hand over inside the meeting."
            )
        label.update(
            filled(
                picks,
                "dim",
                facilitator=plain(roles.facilitator, "bold"),
                scribe=plain(roles.scribe, "bold"),
            )
        )

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        kind = str(self.query_one("#kind", Select).value)
        title = self.query_one("#title", Field).value.strip() or None
        absent = list(self.query_one("#absent", SelectionList).selected)
        retro = kind == "retro"
        setup = Setup(
            template=str(self.query_one("#template", Select).value) if retro else None,
            anonymous=retro and self.query_one("#anonymous", Checkbox).value,
            vote_budget=int(self.query_one("#votes", Select).value) if retro else None,  # type: ignore[arg-type]
            health=self.query_one("#health", Checkbox).value,
        )
        made = self.app.attempt(
            create_meeting, self.app.store, kind, title, absent, by=self.app.me, setup=setup
        )
        if made is not None:
            self.dismiss(made)

    @on(Button.Pressed, "#open-today")
    def action_open_today(self) -> None:
        self.dismiss(self.today)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
