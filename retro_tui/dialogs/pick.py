"""Choose one of a few records, to correct it (enter) or to remove it (x)."""

from collections.abc import Sequence
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from retro_tui.i18n import N_
from retro_tui.widgets.keys import TranslatedKeys

Choice = tuple[Literal["edit", "remove"], str]  # what to do, and the chosen option's id


class PickScreen(TranslatedKeys, ModalScreen[Choice | None]):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="pick.cancel"),
        Binding("x,delete", "remove", N_("Remove"), id="pick.remove"),
    ]

    def __init__(self, title: str, options: Sequence[tuple[str, Text]], hint: str) -> None:
        super().__init__()
        self.pick_title = title
        self.options = list(options)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = Text(self.pick_title)  # people's text in it is never markup
            yield Static(self.hint, classes="hint", markup=False)
            yield OptionList(*[Option(label, id=key) for key, label in self.options], id="picks")

    def on_mount(self) -> None:
        self.query_one("#picks", OptionList).highlighted = 0

    def chosen(self) -> str | None:
        picks = self.query_one("#picks", OptionList)
        if picks.highlighted is None:
            return None
        return picks.get_option_at_index(picks.highlighted).id

    @on(OptionList.OptionSelected)
    def edit(self) -> None:
        key = self.chosen()
        if key is not None:
            self.dismiss(("edit", key))

    def action_remove(self) -> None:
        key = self.chosen()
        if key is not None:
            self.dismiss(("remove", key))

    def action_cancel(self) -> None:
        self.dismiss(None)
