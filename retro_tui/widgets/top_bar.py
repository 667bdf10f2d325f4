"""The line at the top of every screen: the team, where you are, and who you are."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from retro_tui.domain.team import Member
from retro_tui.i18n import _
from retro_tui.widgets.plain import filled, plain


class TopBar(Horizontal):
    """Team name and place on the left, the current member on the right."""

    def compose(self) -> ComposeResult:
        yield Static(id="bar-place", markup=False)
        yield Static(id="bar-me", markup=False)

    shown: tuple[str, Member | None, str] | None = None

    def on_resize(self) -> None:
        if self.shown is not None:
            self.show(*self.shown)

    def show(self, team: str, me: Member | None, place: str = "") -> None:
        """Where the line is too short for all of it, the place goes before the team's
        name, which Home shows."""
        self.shown = (team, me, place)
        right = (
            filled(_("you: {name}"), name=plain(me.name, "bold"))
            if me
            else Text(_("you: not set (w on Home)"))
        )
        left = Text.assemble(plain(team, "bold"), "  ·  " if place else "", plain(place))
        if place and left.cell_len + right.cell_len + 4 > (self.size.width or self.app.size.width):
            left = plain(place)
        self.query_one("#bar-place", Static).update(left)
        self.query_one("#bar-me", Static).update(right)
